from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.directory.finess_import import latest_file_date
from mutualis.portal.cockpit import cockpit
from mutualis.portal.forms import RegionChoiceForm
from mutualis.portal.journey import steps
from mutualis.portal.selectors import key_figures
from mutualis.portal.todo import pending
from mutualis.territories.models import Region


def home(request):
    context = {"steps": steps(key_figures()), "finess_date": latest_file_date()}
    if request.user.is_authenticated:
        membership = request.current_membership
        body = membership.managing_body if membership else None
        context["todos"] = pending(request.user, body, timezone.localdate())
    return render(request, "portal/home.html", context)


def region_cockpit(request) -> str:
    """The cockpit of the région in "Mon espace" (settings.ACCOUNT_SPACE_PANELS): a regional
    actor's régions; the nation, or the région picked, for a national administrator; nothing
    for anyone else."""
    user = request.user
    form = None
    national = is_national_admin(user)
    regions = region_codes(user)
    if national:
        form = RegionChoiceForm(request.GET or None)
        picked = form.cleaned_data.get("region") if form.is_valid() else None
        if picked is not None:
            regions, national = frozenset({picked.code}), False
        else:
            regions = frozenset(Region.objects.values_list("code", flat=True))
    elif not regions:
        return ""
    return render_to_string(
        "portal/includes/cockpit.html",
        {"cockpit": cockpit(user, regions, national, timezone.localdate()), "form": form},
        request=request,
    )
