from django.urls import path

from mutualis.directory import import_views, member_views, views

app_name = "directory"
urlpatterns = [
    path("annuaire/", views.establishment_list, name="establishments"),
    path("annuaire/carte.json", views.establishment_points, name="establishment_points"),
    path(
        "annuaire/export.csv",
        views.establishment_export,
        {"extension": "csv"},
        name="establishment_export_csv",
    ),
    path(
        "annuaire/export.xlsx",
        views.establishment_export,
        {"extension": "xlsx"},
        name="establishment_export_xlsx",
    ),
    path("annuaire/etablissements/<str:finess>/", views.establishment_detail, name="establishment"),
    path(
        "annuaire/etablissements/<str:finess>/profil-si/",
        views.it_profile_edit,
        name="it_profile_edit",
    ),
    path("annuaire/imports/", import_views.import_list, name="imports"),
    path("annuaire/imports/<uuid:uid>/", import_views.import_run, name="import_run"),
    path(
        "annuaire/imports/<uuid:uid>/etat/",
        import_views.import_run_progress,
        name="import_run_progress",
    ),
    path(
        "annuaire/imports/<uuid:uid>/changements.csv",
        import_views.import_run_changes,
        name="import_run_changes",
    ),
    path(
        "annuaire/imports/<uuid:uid>/appliquer/",
        import_views.import_run_apply,
        name="import_run_apply",
    ),
    path(
        "annuaire/imports/<uuid:uid>/relancer/",
        import_views.import_run_relaunch,
        name="import_run_relaunch",
    ),
    path(
        "annuaire/imports/<uuid:uid>/abandonner/",
        import_views.import_run_abandon,
        name="import_run_abandon",
    ),
    path("annuaire/organismes/", views.managing_body_list, name="managing_bodies"),
    path(
        "annuaire/organismes-suggestions/",
        views.managing_body_choices,
        name="managing_body_choices",
    ),
    path("annuaire/organismes/<str:finess>/", views.managing_body_detail, name="managing_body"),
    path(
        "annuaire/organismes/<str:finess>/modifier/",
        views.managing_body_edit,
        name="managing_body_edit",
    ),
    path(
        "annuaire/mon-organisme/",
        member_views.organisations_by_siret,
        name="organisations_by_siret",
    ),
    path(
        "annuaire/organismes/<str:finess>/rejoindre/",
        member_views.managing_body_join,
        name="managing_body_join",
    ),
    path(
        "annuaire/organismes/<str:finess>/inviter/",
        member_views.managing_body_invite,
        name="managing_body_invite",
    ),
    path(
        "annuaire/organismes/<str:finess>/membres/",
        member_views.managing_body_members,
        name="managing_body_members",
    ),
    path(
        "annuaire/organismes/<str:finess>/membres/<int:membership_id>/",
        member_views.change_membership,
        name="change_membership",
    ),
]
