"""Background tasks of the core (django-tasks, run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject: str, body: str, to: list[str], html: str = "") -> int:
    """Send one message already rendered by ``core.mail.send_templated_mail``; returns how
    many were sent. Not queued again if its worker dies: a message may not be sent twice."""
    message = EmailMultiAlternatives(subject, body, None, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
