from django.shortcuts import render


def sources(request):
    return render(request, "core/sources.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
