from django.shortcuts import render
from django.utils import timezone

from mutualis.directory.finess_import import latest_file_date
from mutualis.portal.journey import steps
from mutualis.portal.selectors import key_figures
from mutualis.portal.todo import pending


def home(request):
    context = {"steps": steps(key_figures()), "finess_date": latest_file_date()}
    if request.user.is_authenticated:
        membership = request.current_membership
        body = membership.managing_body if membership else None
        context["todos"] = pending(request.user, body, timezone.localdate())
    return render(request, "portal/home.html", context)
