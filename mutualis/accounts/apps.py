from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mutualis.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from mutualis.accounts import spray
        from mutualis.accounts.actor import connect_signals

        user_login_failed.connect(spray.count_failure, dispatch_uid="accounts.spray")
        connect_signals()
