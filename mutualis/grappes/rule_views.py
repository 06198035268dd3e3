"""National administrators read and edit the programme rules (past simulations keep theirs)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from dsfr.forms import DsfrBaseForm

from mutualis.accounts.perms import is_national_admin
from mutualis.core import audit, errors
from mutualis.core.audit import diff_fields
from mutualis.grappes import selectors
from mutualis.grappes.models import ProgrammeRule
from mutualis.grappes.reference import sources
from mutualis.grappes.rules import MAX_DIGITS, parse_number


class RuleForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = ProgrammeRule
        fields = ["value", "valid_to", "source", "reliability"]

    def clean_value(self) -> str:
        """A numeric rule stays a number the simulations can compute with."""
        value = self.cleaned_data["value"]
        if parse_number(self.instance.value) is not None and parse_number(value) is None:
            raise forms.ValidationError(
                f"Nombre attendu (ex. 15 ou 1 250,50), de moins de {MAX_DIGITS} chiffres avant "
                "la virgule."
            )
        return value


def _national_admin(request) -> None:
    if not is_national_admin(request.user):
        raise PermissionDenied(errors.NATIONAL_ADMIN_ONLY)


@login_required
def rules(request):
    _national_admin(request)
    return render(
        request,
        "grappes/rules.html",
        {
            "rules": ProgrammeRule.objects.order_by("programme", "key", "valid_from"),
            "sources": sorted(sources().items()),
            "situations": selectors.programme_situations(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_rule(request, rule_id: int):
    _national_admin(request)
    rule = get_object_or_404(ProgrammeRule, pk=rule_id)
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        changes = diff_fields(ProgrammeRule.objects.get(pk=rule.pk), form.cleaned_data)
        form.save()
        audit.record(request.user, "programme_rule.update", rule, changes)
        messages.success(request, f"Règle « {rule.label} » enregistrée.")
        return redirect("grappes:rules")
    return render(request, "grappes/rule_form.html", {"rule": rule, "form": form})
