from django.urls import path

from mutualis.library import views

app_name = "library"
urlpatterns = [
    path("", views.home, name="home"),
    path("rediger/", views.create, name="create"),
    path("mes-retours/", views.mine, name="mine"),
    path("moderation/", views.moderation, name="moderation"),
    path("questions/<uuid:question_uid>/reponse/", views.answer, name="answer"),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/modifier/", views.edit, name="edit"),
    path("<uuid:uid>/proposer/", views.propose, name="propose"),
    path("<uuid:uid>/supprimer/", views.delete, name="delete"),
    path("<uuid:uid>/moderation/", views.moderate, name="moderate"),
    path("<uuid:uid>/questions/", views.ask, name="ask"),
    path("<uuid:uid>/documents/", views.attach, name="attach"),
    path("<uuid:uid>/documents/<uuid:attachment_uid>/", views.attachment, name="attachment"),
    path("<uuid:uid>/documents/<uuid:attachment_uid>/retirer/", views.detach, name="detach"),
]
