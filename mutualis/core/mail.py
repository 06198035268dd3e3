"""E-mails from templates, sent by the task queue once the current transaction commits.

``send_templated_mail("accounts/emails/invitation", context, [address])`` renders
``accounts/emails/invitation_subject.txt``, ``accounts/emails/invitation.txt`` and, when it
exists, ``accounts/emails/invitation.html`` at call time (the context may hold model
instances), then queues ``core.tasks.send_email`` on commit: a write that rolls back sends
nothing, and a slow mail server never holds a request. Outside a transaction the task is
queued at once. Text templates are rendered without HTML escaping: no
``{% autoescape off %}`` needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template

from mutualis.core.tasks import send_email


def send_templated_mail(template_prefix: str, context: dict, to: Iterable[str]) -> None:
    """Queue one message to ``to`` (every address sees the others), after commit."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    subject = " ".join(_render_text(f"{template_prefix}_subject.txt", context).split())
    body = _render_text(f"{template_prefix}.txt", context)
    html = _render_optional(f"{template_prefix}.html", context)
    transaction.on_commit(
        partial(send_email.enqueue, subject=subject, body=body, to=recipients, html=html)
    )


def _render_text(name: str, context: dict) -> str:
    """A plain-text template: an apostrophe or a "<" stays as typed."""
    return get_template(name).template.render(Context(context, autoescape=False))


def _render_optional(name: str, context: dict) -> str:
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return ""
    return template.render(context)
