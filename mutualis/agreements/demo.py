"""Demonstration data (``make run``): every grappe selected or later gets two rounds of
cooperation self-evaluation (progress between them) and a signed agreement, as in the 2022
REX of seed 003 (ARS convention signed). Deterministic; signatories are named as
demonstration, and the "signed scan" is the generated PDF itself."""

from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mutualis.agreements import referential, services
from mutualis.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementVersion,
    CooperationAnswer,
    CooperationResponse,
    CooperationRound,
)
from mutualis.grappes.models import Grappe, GrappeMember

SEED = 2026
SIGNED_DAYS_AGO = 150
DRAFTED_BEFORE_SIGNATURE = 12
SIGNATORY, CAPACITY = "Signataire de démonstration", "Direction"
WEAK_FIRST = {"EQU2", "COL2", "CAP2", "CAP3", "RIS1"}  # the brakes the seeds describe


def _rounds(grappe: Grappe, members: list[GrappeMember], random_: random.Random) -> None:
    questions = referential.questions()
    for number, lift in ((1, 0), (2, 1)):
        round_ = CooperationRound.objects.create(
            grappe=grappe, number=number, referential=referential.QUESTIONNAIRE_VERSION
        )
        if number == 1:
            round_.closed_at = timezone.now()
            round_.save(update_fields=["closed_at"])
        for member in members:
            response = CooperationResponse.objects.create(round=round_, member=member)
            CooperationAnswer.objects.bulk_create(
                CooperationAnswer(
                    response=response,
                    question=q.code,
                    value=min(4, random_.choice((1, 2)) + lift)
                    if q.code in WEAK_FIRST
                    else random_.choice((2, 3, 3, 4)),
                )
                for q in questions
            )


def _signed_agreement(grappe: Grappe, members: list[GrappeMember], signed_on) -> None:
    agreement = services.write_agreement(None, grappe)
    AgreementParty.objects.bulk_create(
        AgreementParty(
            agreement=agreement,
            member=member,
            representative=SIGNATORY,
            capacity=CAPACITY,
        )
        for member in members
    )
    version = services.write_version(None, agreement, "Version signée (démonstration)", draft=False)
    drafted = timezone.now() - datetime.timedelta(SIGNED_DAYS_AGO + DRAFTED_BEFORE_SIGNATURE)
    AgreementVersion.objects.filter(pk=version.pk).update(created_at=drafted)
    agreement.status = Agreement.Status.REVIEW
    agreement.save(update_fields=["status"])
    for member in members:
        version.pdf.open("rb")
        scan = ContentFile(version.pdf.read(), name="convention-signee.pdf")
        version.pdf.close()
        services.write_signature(
            None,
            version,
            member,
            signatory=SIGNATORY,
            capacity=CAPACITY,
            signed_on=signed_on,
            scan=scan,
            scan_type="application/pdf",
        )


@transaction.atomic
def seed_demo_agreements(seed: int = SEED, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    random_ = random.Random(seed)
    count = 0
    grappes = Grappe.objects.filter(status__in=Grappe.SELECTED_OR_LATER, agreement=None)
    for grappe in grappes.order_by("pk"):
        members = list(
            grappe.members.filter(status=GrappeMember.Status.ACTIVE).select_related("managing_body")
        )
        if not grappe.cooperation_rounds.exists():
            _rounds(grappe, members, random_)
        _signed_agreement(grappe, members, today - datetime.timedelta(SIGNED_DAYS_AGO))
        count += 1
    return count
