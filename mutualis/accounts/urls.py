from django.urls import path
from django.views.generic import TemplateView

from mutualis.accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.SignInView.as_view(), name="login"),
    path("oidc/retour/", oidc.ProviderCallbackView.as_view(), name="oidc_callback"),
    path("oidc/<slug:provider>/", oidc.ProviderSignInView.as_view(), name="oidc_sign_in"),
    path("deconnexion/", views.SignOutView.as_view(), name="logout"),
    path("inscription/", views.sign_up, name="signup"),
    path(
        "inscription/envoyee/",
        TemplateView.as_view(template_name="accounts/signup_sent.html"),
        name="signup_sent",
    ),
    path("inscription/confirmer/<str:token>/", views.confirm_sign_up, name="signup_confirm"),
    path("mot-de-passe/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        TemplateView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("espace/", views.dashboard, name="dashboard"),
    path("espace/organisme/", views.switch_organisation, name="switch_organisation"),
    path("espace/jeton-api/", views.api_token, name="api_token"),
    path("demandes/<uuid:uid>/decision/", views.decide_join_request, name="decide_join_request"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
