"""Invitations to answer a survey and reminders, by e-mail, to the members of the managing
bodies of its territory. Each round locks the survey row, records who was mailed
(``SurveyContact``) and its audit row, and queues the messages after the commit: a body is
invited once, and reminded at most once per ``SURVEY_REMINDER_DAYS``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.directory.models import ManagingBody
from mutualis.workshops import survey_distribution
from mutualis.workshops.models import NeedsSurvey, SurveyContact
from mutualis.workshops.survey_perms import can_distribute_survey


@dataclass(frozen=True)
class Round:
    survey: NeedsSurvey
    bodies: int
    recipients: int


def _locked(survey: NeedsSurvey) -> NeedsSurvey:
    return NeedsSurvey.objects.select_for_update(of=("self",)).get(pk=survey.pk)


def _mail(kind: str, survey: NeedsSurvey, bodies, base_url: str) -> dict[str, list[int]]:
    """One message per address (recipients do not see one another), naming its bodies."""
    by_pk = {body.pk: body for body in bodies}
    addresses = survey_distribution.recipients(ManagingBody.objects.filter(pk__in=list(by_pk)))
    context = {
        "survey": survey,
        "site_name": settings.MUTUALIS.get("SITE_NAME", "Mutualis"),
        "url": base_url + reverse("workshops:survey", args=[survey.uid]),
    }
    for email, body_ids in addresses.items():
        names = [by_pk[pk].display_name for pk in body_ids if pk in by_pk]
        send_templated_mail(f"workshops/emails/survey_{kind}", context | {"bodies": names}, [email])
    return addresses


def _check(actor, survey: NeedsSurvey) -> None:
    if actor is not None and not can_distribute_survey(actor, survey):
        raise PermissionDenied
    if survey.is_finished:
        raise ValidationError("Ce recensement est clos : plus d'invitation ni de relance.")


@transaction.atomic
def invite_respondents(actor, survey: NeedsSurvey, base_url: str = "") -> Round:
    """Invite the bodies of the territory having an account and not invited yet."""
    _check(actor, survey)
    survey = _locked(survey)
    bodies = list(survey_distribution.bodies_to_invite(survey))
    if not bodies:
        return Round(survey, 0, 0)
    addresses = _mail("invitation", survey, bodies, base_url)
    per_body = Counter(pk for body_ids in addresses.values() for pk in body_ids)
    now = timezone.now()
    SurveyContact.objects.bulk_create(
        SurveyContact(
            survey=survey,
            managing_body=body,
            invited_at=now,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
            recipients=per_body[body.pk],
        )
        for body in bodies
    )
    sent = len(addresses)
    audit.record(actor, "survey.invite", survey, {"bodies": len(bodies), "recipients": sent})
    return Round(survey, len(bodies), sent)


@transaction.atomic
def remind_respondents(
    actor, survey: NeedsSurvey, now: dt.datetime | None = None, base_url: str = ""
) -> Round:
    """Remind the invited bodies that have not answered, at most once per N days."""
    _check(actor, survey)
    if not survey.is_open:
        raise ValidationError("Le recensement n'est pas ouvert : les relances attendront.")
    survey = _locked(survey)
    now = now or timezone.now()
    contacts = list(survey_distribution.contacts_to_remind(survey, now))
    if not contacts:
        return Round(survey, 0, 0)
    bodies = [contact.managing_body for contact in contacts]
    sent = len(_mail("reminder", survey, bodies, base_url))
    SurveyContact.objects.filter(pk__in=[contact.pk for contact in contacts]).update(
        reminded_at=now, reminders=F("reminders") + 1
    )
    audit.record(actor, "survey.remind", survey, {"bodies": len(contacts), "recipients": sent})
    return Round(survey, len(contacts), sent)


def remind_all(now: dt.datetime | None = None, base_url: str = "") -> list[Round]:
    """The reminders of every open survey (management command, run daily)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    rounds = []
    surveys = NeedsSurvey.objects.filter(
        closed_at=None, opens_on__lte=today, closes_on__gte=today, contacts__isnull=False
    ).distinct()
    for survey in surveys:
        found = remind_respondents(None, survey, now, base_url)
        if found.bodies:
            rounds.append(found)
    return rounds
