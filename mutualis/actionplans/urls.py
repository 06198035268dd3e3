from django.urls import path

from mutualis.actionplans import action_views, views

app_name = "actionplans"
ACTION = "<uuid:uid>/actions/<uuid:action_uid>/"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.new_plan, name="new"),
    path("<uuid:uid>/", views.plan_detail, name="plan"),
    path("<uuid:uid>/public/", views.public_plan, name="public"),
    path("<uuid:uid>/horizon/", views.set_horizon, name="horizon"),
    path("<uuid:uid>/publication/", views.set_publication, name="publication"),
    path("<uuid:uid>/bilan/", views.review, name="review"),
    path("<uuid:uid>/plan-suivant/", views.next_plan, name="next"),
    path("<uuid:uid>/plan.csv", views.export, {"extension": "csv"}, name="export_csv"),
    path("<uuid:uid>/plan.xlsx", views.export, {"extension": "xlsx"}, name="export_xlsx"),
    path("<uuid:uid>/plan.pdf", views.export, {"extension": "pdf"}, name="export_pdf"),
    path("<uuid:uid>/actions/nouvelle/", action_views.action_form, name="action_add"),
    path(ACTION, action_views.action_detail, name="action"),
    path(ACTION + "modifier/", action_views.action_form, name="action_edit"),
    path(ACTION + "point-etape/", action_views.action_update, name="action_update"),
    path(ACTION + "commentaires/", action_views.add_comment, name="comment"),
    path(ACTION + "liens/", action_views.action_links, name="action_links"),
    path(
        "<uuid:uid>/commentaires/<uuid:comment_uid>/moderation/",
        action_views.hide_comment,
        name="hide_comment",
    ),
]
