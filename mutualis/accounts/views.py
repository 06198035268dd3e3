from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts import selectors, services
from mutualis.accounts.forms import NewPasswordForm, ResetForm, SignInForm, SignUpForm
from mutualis.accounts.models import JoinRequest
from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core.forms import chosen


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
        user = services.sign_up(**form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte a été créé.")
        return redirect(request.GET.get("next") or "accounts:dashboard")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "join_requests": selectors.pending_join_requests_for(request.user),
            "is_national_admin": is_national_admin(request.user),
            "region_codes": sorted(region_codes(request.user)),
        },
    )


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
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("accounts:dashboard")
    return redirect(back)


@login_required
@require_POST
def api_token(request):
    key = services.regenerate_api_token(request.user)
    return render(request, "accounts/api_token.html", {"key": key})
