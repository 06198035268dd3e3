from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts import oidc, providers, selectors, services, spray
from mutualis.accounts.forms import NewPasswordForm, ResetForm, SignInForm, SignUpForm
from mutualis.accounts.models import JoinRequest
from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import ratelimit
from mutualis.core.forms import chosen
from mutualis.core.redirects import SafeNextMixin, safe_next

SIGN_UP_SCOPE = "sign-up"
RESET_SCOPE = "password-reset"


def _too_many(request, title: str, message: str):
    return ratelimit.too_many_requests(
        request,
        title=title,
        message=message,
        back_url=reverse("portal:home"),
        back_label="Retour à l'accueil",
    )


class SignInView(SafeNextMixin, auth_views.LoginView):
    """django-axes locks an account+address pair after a few failures; an address failing
    over many accounts (a password spray) gets a French 429 page (``accounts.spray``)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"providers": providers.configured()}

    def post(self, request, *args, **kwargs):
        if spray.is_blocked(request):
            return _too_many(
                request,
                "Connexion temporairement bloquée",
                "Trop de tentatives de connexion ont échoué depuis cette adresse. "
                "Réessayez dans une heure.",
            )
        return super().post(request, *args, **kwargs)


class SignOutView(SafeNextMixin, auth_views.LogoutView):
    """Signs out of Mutualis, then of the identity provider the session came from."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.provider_logout_url(request, resolve_url(self.get_success_url()))
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        limits = settings.MUTUALIS
        if not ratelimit.allow(
            RESET_SCOPE,
            request,
            limits["PASSWORD_RESET_PER_ADDRESS"],
            request.POST.get("email", ""),
            limits["PASSWORD_RESET_PER_EMAIL"],
        ):
            return _too_many(
                request,
                "Trop de demandes de réinitialisation",
                "Trop de demandes de réinitialisation ont été faites pour cette adresse "
                "e-mail ou depuis cet appareil. Réessayez dans une heure.",
            )
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        messages.success(self.request, "Votre mot de passe a été changé : connectez-vous.")
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits = settings.MUTUALIS
        if not ratelimit.allow(
            SIGN_UP_SCOPE,
            request,
            limits["SIGN_UP_PER_ADDRESS"],
            form.cleaned_data["email"],
            limits["SIGN_UP_PER_EMAIL"],
        ):
            return _too_many(
                request,
                "Trop de demandes de création de compte",
                "Trop de comptes ont été demandés pour cette adresse e-mail ou depuis cet "
                "appareil. Réessayez dans une heure.",
            )
        confirm_url = reverse("accounts:signup_confirm", args=["TOKEN"])
        if next_url := safe_next(request):
            confirm_url += "?" + urlencode({"next": next_url})
        services.request_sign_up(
            **form.cleaned_data,
            confirm_url=request.build_absolute_uri(confirm_url),
            sign_in_url=request.build_absolute_uri(reverse("accounts:login")),
            reset_url=request.build_absolute_uri(reverse("accounts:password_reset")),
        )
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def confirm_sign_up(request, token: str):
    """The link sent at sign-up: a button creates the account (a GET changes nothing, so that
    mail scanners opening links create no account)."""
    if request.method == "POST":
        try:
            user = services.confirm_sign_up(token)
        except ValidationError as error:
            messages.error(request, error.message)
            return redirect("accounts:login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte a été créé.")
        return redirect(safe_next(request, reverse("accounts:dashboard")))
    return render(request, "accounts/signup_confirm.html")


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "join_requests": selectors.pending_join_requests_for(request.user),
            "is_national_admin": is_national_admin(request.user),
            "regions": selectors.region_names(region_codes(request.user)),
            "panels": _space_panels(request),
        },
    )


def _space_panels(request) -> list[str]:
    """HTML of the panels apps below accounts add to the space (settings
    ACCOUNT_SPACE_PANELS, e.g. the regional cockpit of the portal), the empty ones left out."""
    found = (import_string(path)(request) for path in settings.ACCOUNT_SPACE_PANELS)
    return [html for html in found if html]


@login_required
@require_POST
def decide_join_request(request, uid):
    join_request = get_object_or_404(JoinRequest, uid=uid)
    accept = request.POST.get("decision") == "accept"
    try:
        services.decide_join_request(request.user, join_request, accept)
    except ValidationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Demande acceptée." if accept else "Demande refusée.")
    return redirect("accounts:dashboard")


@login_required
def accept_invitation(request, token: str):
    if request.method == "POST":
        try:
            membership = services.accept_invitation(request.user, token)
        except ValidationError as error:
            messages.error(request, error.message)
            return redirect("accounts:dashboard")
        messages.success(request, f"Vous avez rejoint {membership.managing_body.display_name}.")
        return redirect("accounts:dashboard")
    return render(request, "accounts/accept_invitation.html", {"token": token})


@login_required
@require_POST
def switch_organisation(request):
    """Act for another of one's managing bodies; back to the page the form was on."""
    membership = chosen(
        selectors.memberships_of(request.user).select_related("managing_body"),
        request.POST.get("managing_body"),
        "managing_body_id",
    )
    if membership is None:
        raise PermissionDenied("Vous n'êtes pas membre de cet organisme.")
    request.session[selectors.CURRENT_ORGANISATION_KEY] = membership.managing_body_id
    messages.success(request, f"Vous agissez pour {membership.managing_body.display_name}.")
    return redirect(safe_next(request, reverse("accounts:dashboard")))


@login_required
@require_POST
def api_token(request):
    key = services.regenerate_api_token(request.user)
    return render(request, "accounts/api_token.html", {"key": key})
