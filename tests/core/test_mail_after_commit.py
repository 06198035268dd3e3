"""E-mails are rendered from templates when the action runs and sent by the task queue once
its transaction commits: a rolled-back write sends nothing."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mutualis.accounts import services as account_services
from mutualis.accounts.models import Invitation, MembershipRole
from mutualis.core.mail import send_templated_mail
from mutualis.core.tasks import send_email
from tests.factories import ManagingBodyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ACCEPT = "https://mutualis.example.org/comptes/invitations/TOKEN/"


@pytest.fixture
def body():
    return ManagingBodyFactory(name="Association l'Étoile")


@pytest.fixture
def admin(body):
    return MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user


def invite(admin, body):
    return account_services.invite(admin, body, "camille@example.org", "member", ACCEPT)


def test_the_mail_leaves_when_the_action_commits(admin, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin, body)
        assert mail.outbox == []  # not before commit
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"]
    # Rendered as text: no HTML escaping of the apostrophe.
    assert message.subject == "Invitation à rejoindre Association l'Étoile sur Mutualis"
    assert ACCEPT.replace("TOKEN", invitation.token) in message.body
    assert message.alternatives == []


def test_a_rolled_back_write_sends_nothing(admin, body, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite(admin, body)
        raise RuntimeError("a later step of the same request fails")
    assert callbacks == []
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_the_password_reset_goes_through_the_queue(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert mail.outbox == []  # Django's own form would have sent it at once
    assert len(callbacks) == 1
    callbacks[0]()
    assert mail.outbox[0].to == [user.email]


def test_the_database_queue_holds_the_rendered_message(
    admin, body, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, body)
    assert mail.outbox == []  # waiting for the worker
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "mutualis.core.tasks.send_email"
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs["to"] == ["camille@example.org"]
    assert send_email.call(**kwargs) == 1
    assert mail.outbox[0].subject.startswith("Invitation à rejoindre")


def test_an_html_template_is_attached_when_it_exists(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    emails = tmp_path / "essai" / "emails"
    emails.mkdir(parents=True)
    (emails / "bonjour_subject.txt").write_text("Bonjour\n {{ name }} \n")
    (emails / "bonjour.txt").write_text("Bonjour {{ name }}")
    (emails / "bonjour.html").write_text("<p>Bonjour {{ name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail("essai/emails/bonjour", {"name": "<Lou>"}, ["lou@example.org", ""])
    (message,) = mail.outbox
    assert message.subject == "Bonjour <Lou>"  # one line, whatever the template's breaks
    assert message.to == ["lou@example.org"]
    assert message.alternatives[0].content == "<p>Bonjour &lt;Lou&gt;</p>"


def test_no_recipient_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        send_templated_mail("accounts/emails/invitation", {}, [""])
    assert callbacks == []
