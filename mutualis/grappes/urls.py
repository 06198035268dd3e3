from django.urls import path

from mutualis.grappes import entry_views, partner_views, rule_views, views

app_name = "grappes"
urlpatterns = [
    path("", views.grappe_list, name="list"),
    path("regles/", rule_views.rules, name="rules"),
    path("regles/<int:rule_id>/", rule_views.edit_rule, name="edit_rule"),
    path("partenaires/", partner_views.partners, name="partners"),
    path("suggestions/", partner_views.suggestions, name="suggestions"),
    path("suggestions/proposer/", partner_views.propose, name="propose"),
    path("suggestions/recalcul/", partner_views.refresh_suggestions, name="suggestions_refresh"),
    path("partenaires/demandes/", partner_views.request_contact, name="request_contact"),
    path(
        "partenaires/demandes/<uuid:uid>/reponse/",
        partner_views.answer_contact,
        name="answer_contact",
    ),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/invitations/", views.invite, name="invite"),
    path(
        "<uuid:uid>/partenaires/invitations/",
        partner_views.invite_partner,
        name="invite_partner",
    ),
    path("<uuid:uid>/membres/<int:member_id>/reponse/", views.answer, name="answer"),
    path("<uuid:uid>/membres/<int:member_id>/essms/", entry_views.member_entries, name="entries"),
    path("<uuid:uid>/etat/", views.change_status, name="status"),
    path("<uuid:uid>/simulations/", views.simulate, name="simulate"),
    path("<uuid:uid>/autodiagnostics/", views.share, name="share"),
    path("<uuid:uid>/autodiagnostics/<int:share_id>/", views.shared_assessment, name="shared"),
    path("<uuid:uid>/autodiagnostics/<int:share_id>/retrait/", views.unshare, name="unshare"),
    path("<uuid:uid>/simulations/<uuid:simulation_uid>/", views.simulation, name="simulation"),
    path(
        "<uuid:uid>/simulations/<uuid:simulation_uid>/export.xlsx",
        views.simulation,
        {"extension": "xlsx"},
        name="simulation_xlsx",
    ),
]
