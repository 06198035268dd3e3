from django.urls import path

from mutualis.maturity import views

app_name = "maturity"
urlpatterns = [
    path("", views.home, name="home"),
    path("referentiels/", views.referentials, name="referentials"),
    path("autodiagnostics/nouveau/", views.start, name="start"),
    path("autodiagnostics/<uuid:uid>/", views.fill, name="fill"),
    path(
        "autodiagnostics/<uuid:uid>/reponses/<str:code>/",
        views.save_answer,
        name="save_answer",
    ),
    path("autodiagnostics/<uuid:uid>/soumettre/", views.submit, name="submit"),
    path("autodiagnostics/<uuid:uid>/rouvrir/", views.reopen, name="reopen"),
    path("autodiagnostics/<uuid:uid>/partage/", views.share, name="share"),
    path("autodiagnostics/<uuid:uid>/resultat/", views.result, name="result"),
    path("autodiagnostics/<uuid:uid>/resultat.pdf", views.result_pdf, name="result_pdf"),
]
