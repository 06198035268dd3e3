from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from dsfr.forms import DsfrBaseForm

from mutualis.accounts.models import MembershipRole, User
from mutualis.core.mail import send_templated_mail


class SignInForm(AuthenticationForm, DsfrBaseForm):
    username = forms.EmailField(
        label="Adresse e-mail",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }

    def clean(self):
        # django-axes reads the username from the credentials under AXES_USERNAME_FORM_FIELD,
        # which defaults to USERNAME_FIELD ("email"), while this form posts "username": pass the
        # address under both names, or failures are recorded without it and never lock it out.
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # One spelling per address, so that case variants share one failure count.
            username = username.lower()
            self.user_cache = authenticate(
                self.request, username=username, email=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SignUpForm(DsfrBaseForm):
    first_name = forms.CharField(label="Prénom", max_length=150, required=False)
    last_name = forms.CharField(label="Nom", max_length=150, required=False)
    email = forms.EmailField(label="Adresse e-mail professionnelle")
    password = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 10 caractères, pas uniquement des chiffres.",
    )

    def clean_email(self):
        # No word on whether the address has an account (services.request_sign_up).
        return self.cleaned_data["email"].lower()

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = User(email=data.get("email", ""), first_name=data.get("first_name", ""))
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ResetForm(PasswordResetForm, DsfrBaseForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        """Through the task queue, after commit, like every e-mail of the platform."""
        send_templated_mail("accounts/emails/password_reset", context, [to_email])


class NewPasswordForm(SetPasswordForm, DsfrBaseForm):
    pass


class InvitationForm(DsfrBaseForm):
    email = forms.EmailField(label="Adresse e-mail de la personne invitée")
    role = forms.ChoiceField(
        label="Rôle", choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class JoinRequestForm(DsfrBaseForm):
    message = forms.CharField(
        label="Message à l'administrateur de l'organisme",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text="Précisez votre fonction dans l'organisme.",
    )
