from django.conf import settings


def platform(request):
    """Platform identity and navigation, for the base template."""
    return {"PLATFORM": settings.MUTUALIS}
