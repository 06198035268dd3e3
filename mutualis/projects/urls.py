from django.urls import path

from mutualis.projects import (
    meeting_views,
    milestone_views,
    risk_views,
    target_views,
    tranche_views,
    views,
)

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("region/", views.regional, name="regional"),
    path("ouvrir/<uuid:grappe_uid>/", views.open_project, name="open"),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/rapport/", views.report, name="report"),
    path("<uuid:uid>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("<uuid:uid>/jalons/", milestone_views.milestones, name="milestones"),
    path("<uuid:uid>/jalons/<uuid:item_uid>/", milestone_views.edit, name="milestone"),
    path(
        "<uuid:uid>/jalons/<uuid:item_uid>/atteint/",
        milestone_views.mark_done,
        name="milestone_done",
    ),
    path(
        "<uuid:uid>/jalons/<uuid:item_uid>/suppression/",
        milestone_views.delete,
        name="milestone_delete",
    ),
    path("<uuid:uid>/reunions/", meeting_views.meetings, name="meetings"),
    path("<uuid:uid>/reunions/<uuid:item_uid>/", meeting_views.edit, name="meeting"),
    path(
        "<uuid:uid>/reunions/<uuid:item_uid>/suppression/",
        meeting_views.delete,
        name="meeting_delete",
    ),
    path(
        "<uuid:uid>/reunions/<uuid:item_uid>/decision/",
        meeting_views.add_decision,
        name="decision_add",
    ),
    path("<uuid:uid>/decisions/", meeting_views.decisions, name="decisions"),
    path("<uuid:uid>/decisions/<uuid:item_uid>/", meeting_views.edit_decision, name="decision"),
    path(
        "<uuid:uid>/decisions/<uuid:item_uid>/suppression/",
        meeting_views.delete_decision,
        name="decision_delete",
    ),
    path("<uuid:uid>/risques/", risk_views.risks, name="risks"),
    path("<uuid:uid>/risques/<uuid:item_uid>/", risk_views.edit, name="risk"),
    path("<uuid:uid>/risques/<uuid:item_uid>/suppression/", risk_views.delete, name="risk_delete"),
    path("<uuid:uid>/financement/", tranche_views.funding, name="funding"),
    path("<uuid:uid>/financement/reprise/", tranche_views.import_tranches, name="tranches_import"),
    path("<uuid:uid>/financement/<uuid:item_uid>/", tranche_views.edit, name="tranche"),
    path(
        "<uuid:uid>/financement/<uuid:item_uid>/suppression/",
        tranche_views.delete,
        name="tranche_delete",
    ),
    path("<uuid:uid>/usages/", target_views.usage, name="usage"),
    path("<uuid:uid>/usages/<uuid:item_uid>/", target_views.edit, name="target"),
    path("<uuid:uid>/usages/<uuid:item_uid>/valeur/", target_views.record, name="target_record"),
    path(
        "<uuid:uid>/usages/<uuid:item_uid>/historique/", target_views.history, name="target_history"
    ),
    path("<uuid:uid>/usages/preuves/<uuid:value_uid>/", target_views.proof, name="value_proof"),
    path(
        "<uuid:uid>/usages/<uuid:item_uid>/suppression/", target_views.delete, name="target_delete"
    ),
]
