from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mutualis.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from mutualis.accounts.actor import connect_signals

        connect_signals()
