from django.shortcuts import render

from mutualis.directory.finess_import import latest_file_date
from mutualis.portal.journey import steps
from mutualis.portal.selectors import key_figures


def home(request):
    return render(
        request,
        "portal/home.html",
        {"steps": steps(key_figures()), "finess_date": latest_file_date()},
    )
