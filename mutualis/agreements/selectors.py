"""Reads of the cooperation self-evaluation and of agreements, scoped by the caller."""

from __future__ import annotations

from mutualis.accounts.perms import is_member
from mutualis.agreements import cooperation, referential
from mutualis.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementVersion,
    CooperationResponse,
    CooperationRound,
)
from mutualis.grappes.models import Grappe, GrappeMember


def members_of_user(user, grappe: Grappe) -> list[GrappeMember]:
    """The grappe's active members the user belongs to (usually one)."""
    members = grappe.members.filter(status=GrappeMember.Status.ACTIVE).select_related(
        "managing_body"
    )
    return [m for m in members if is_member(user, m.managing_body_id)]


def current_round(grappe: Grappe) -> CooperationRound | None:
    return grappe.cooperation_rounds.order_by("-number").first()


def answers(response: CooperationResponse | None) -> dict[str, int]:
    """A member's own answers: callers check ``perms.can_answer_cooperation`` first."""
    if response is None:
        return {}
    return dict(response.answers.values_list("question", "value"))


def _all_answers(round_: CooperationRound) -> list[dict[str, int]]:
    by_response: dict[int, dict[str, int]] = {}
    for response_id, question, value in round_.responses.values_list(
        "pk", "answers__question", "answers__value"
    ):
        row = by_response.setdefault(response_id, {})
        if question is not None:
            row[question] = value
    return [row for row in by_response.values() if row]


def summary(round_: CooperationRound) -> cooperation.Summary:
    """The aggregated view of a round, with the previous round for progress."""
    previous = (
        round_.grappe.cooperation_rounds.filter(number=round_.number - 1).first()
        if round_.number > 1
        else None
    )
    return cooperation.summarize(
        referential.questions(round_.referential),
        _all_answers(round_),
        _all_answers(previous) if previous else (),
    )


def history(grappe: Grappe) -> list[tuple[CooperationRound, cooperation.Summary]]:
    return [(round_, summary(round_)) for round_ in grappe.cooperation_rounds.order_by("number")]


def agreement_of(grappe: Grappe) -> Agreement | None:
    return Agreement.objects.filter(grappe=grappe).first()


def latest_version(agreement: Agreement) -> AgreementVersion | None:
    return agreement.versions.order_by("-number").first()


def signatures(version: AgreementVersion) -> dict[int, object]:
    """Member id -> its signature of ``version``."""
    return {s.member_id: s for s in version.signatures.select_related("member__managing_body")}


def signed_version(agreement: Agreement) -> AgreementVersion | None:
    """The latest version every member signed: the text in force (the convention, or its
    latest signed amendment)."""
    return agreement.versions.exclude(signed_at=None).order_by("-number").first()


def signed_versions(agreement: Agreement) -> list[AgreementVersion]:
    return list(agreement.versions.exclude(signed_at=None).order_by("number"))


def awaited_signatures(agreement: Agreement, version: AgreementVersion) -> list[GrappeMember]:
    """Members whose signature of ``version`` is still awaited: active members that have not
    signed it, and organisations still invited (they must join, or be removed, first)."""
    return list(
        agreement.grappe.members.filter(
            status__in=[GrappeMember.Status.ACTIVE, GrappeMember.Status.INVITED]
        )
        .exclude(signatures__version=version)
        .select_related("managing_body")
        .order_by("managing_body__display_name")
    )


def parties(agreement: Agreement) -> dict[int, AgreementParty]:
    """Member id -> the representative its administrator entered."""
    return {p.member_id: p for p in agreement.parties.all()}
