"""A member chooses its ESSMS in a grappe: filters, a paginated table, one bulk change
(confirmed above ``entries.CONFIRM_ABOVE`` ESSMS), the eligibility always in view. Nothing
here depends on the number of the member's ESSMS: the page shows 50 rows, the form posts a
handful of fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from mutualis.core.pagination import paginate
from mutualis.directory.models import HostingMode
from mutualis.grappes import entries, selectors
from mutualis.grappes.eligibility import SITUATIONS
from mutualis.grappes.entry_filters import EntryFilterForm, filtered, own_establishments
from mutualis.grappes.forms import EntryChangeForm
from mutualis.grappes.models import GrappeMember
from mutualis.grappes.perms import can_edit_member

PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def member_entries(request, uid, member_id: int):
    member = get_object_or_404(
        GrappeMember.objects.select_related("grappe", "managing_body"),
        pk=member_id,
        grappe__uid=uid,
    )
    if not can_edit_member(request.user, member):
        raise PermissionDenied
    own = own_establishments(member)
    filters = EntryFilterForm(request.GET, establishments=own)
    shown = filtered(own, member, filters.cleaned_data if filters.is_valid() else {})
    form = EntryChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        selected = _selection(form, filters, own, shown)
        if selected is not None:
            plan = entries.plan_change(member, form.change(), selected)
            if request.htmx:
                return _summary(request, member, plan)
            if plan.needs_confirmation and form.cleaned_data["confirme"] != plan.touched:
                return _confirmation(request, member, form, plan)
            try:
                done = entries.apply_change(
                    request.user, member, form.change(), selected, form.cleaned_data["confirme"]
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                summary = " ; ".join(done.summary()) + "."
                if done.touched:
                    messages.success(request, "ESSMS enregistrés : " + summary)
                else:
                    messages.info(request, "Aucun changement : " + summary)
                return redirect(request.get_full_path())
    if request.htmx:
        return _summary(request, member, None)
    page = paginate(request, shown, PER_PAGE)
    current = entries.current_choices(member)
    elsewhere = entries.in_other_grappes(member, [e.pk for e in page])
    return render(
        request,
        "grappes/member_entries.html",
        {
            **_summary_context(member, None),
            "filters": filters,
            "form": form,
            "page_obj": page,
            "rows": _rows(page, current),
            "elsewhere": elsewhere,
            "checked": set(request.POST.getlist("essms")),
            "confirm_above": entries.CONFIRM_ABOVE,
        },
    )


def _selection(form, filters, own, shown) -> list[int] | None:
    """The ids of the establishments the change is about; None (with the form's errors)
    when the list names numbers that are not the member's open ESSMS."""
    scope = form.cleaned_data["portee"]
    if scope == entries.MATCHING:
        if not filters.is_valid():
            form.add_error(None, "Des filtres sont invalides : corrigez-les d'abord.")
            return None
        return list(shown.values_list("pk", flat=True))
    numbers = (
        form.cleaned_data["essms"]
        if scope == entries.PAGE
        else entries.parse_finess_list(form.cleaned_data["finess"])
    )
    known = dict(own.filter(finess__in=numbers).values_list("finess", "pk"))
    unknown = entries.unknown_numbers(numbers, known)
    if unknown:
        shown_numbers = ", ".join(unknown[:20]) + (" …" if len(unknown) > 20 else "")
        form.add_error(
            "finess" if scope == entries.LISTED else None,
            f"{len(unknown)} n° FINESS ne sont pas des ESSMS ouverts de votre organisme : "
            f"{shown_numbers}. Rien n'a été enregistré.",
        )
        return None
    return [known[number] for number in numbers]


def _rows(page, current: dict[int, entries.Choice]) -> list[tuple]:
    """Each establishment of the page with its current choice (None: not in the grappe)
    and the labels of that choice."""
    hosting = dict(HostingMode.choices)
    solutions = entries.solutions_named(
        {c.solution_id for c in current.values() if c.solution_id is not None}
    )
    rows = []
    for establishment in page:
        choice = current.get(establishment.pk)
        rows.append(
            (
                establishment,
                choice,
                SITUATIONS.get(choice.situation, "") if choice else "",
                solutions.get(choice.solution_id, "") if choice else "",
                hosting.get(choice.hosting, "") if choice and choice.hosting else "",
            )
        )
    return rows


def _summary_context(member: GrappeMember, plan: entries.Plan | None) -> dict:
    grappe = member.grappe
    chosen = entries.preview(member, plan) if plan else selectors.active_entries(grappe)
    result = selectors.eligibility(grappe, chosen)
    return {
        "grappe": grappe,
        "member": member,
        "plan": plan,
        "grappe_count": len(chosen),
        "member_count": sum(1 for e in chosen if e.member_id == member.pk),
        "result": entries.verdict(result),
        "issues": entries.issues(result),
    }


def _summary(request, member: GrappeMember, plan: entries.Plan | None):
    return render(request, "grappes/includes/entries_summary.html", _summary_context(member, plan))


def _confirmation(request, member: GrappeMember, form: EntryChangeForm, plan: entries.Plan):
    return render(
        request,
        "grappes/member_entries_confirm.html",
        {
            **_summary_context(member, plan),
            "form": form,
            "action_label": entries.ACTIONS[form.cleaned_data["action"]],
            "finess_list": " ".join(entries.parse_finess_list(form.cleaned_data["finess"])),
            "values": _values(form),
        },
    )


def _values(form: EntryChangeForm) -> list[tuple[str, str]]:
    """The values the change sets, as the confirmation states them."""
    data = form.cleaned_data
    action = data["action"]
    values = []
    if action in (entries.INCLUDE, entries.SITUATION) and (
        data["situation"] or action == entries.SITUATION
    ):
        values.append(("Situation", SITUATIONS.get(data["situation"], "non renseignée")))
    if action in (entries.INCLUDE, entries.SOLUTION) and (
        data["solution"] or action == entries.SOLUTION
    ):
        values.append(("Solution DUI", str(data["solution"] or "non renseignée")))
    if action in (entries.INCLUDE, entries.HOSTING) and (
        data["hebergement"] or action == entries.HOSTING
    ):
        values.append(("Hébergement", dict(HostingMode.choices)[data["hebergement"]]))
    return values
