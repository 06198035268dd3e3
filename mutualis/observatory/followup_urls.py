"""URLs of the regional follow-up (included in observatory/urls.py)."""

from django.urls import path

from mutualis.observatory import followup_views

urlpatterns = [
    path("suivi-regional/", followup_views.follow_up, name="follow_up"),
    path("suivi-regional/partages/", followup_views.shared, name="follow_up_shared"),
]
