"""Reads of common specifications: every list a user sees goes through here, filtered by the
user's scope, in a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from mutualis.accounts.actor import actor_of
from mutualis.core.models import AuditLog
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.maturity.models import Assessment
from mutualis.maturity.selectors import levels as assessment_levels
from mutualis.specifications import convergence, prefill
from mutualis.specifications.models import Importance, Item, Rating, Specification
from mutualis.workshops.models import SurveyAnswer

OWN_DOMAIN = "Exigences propres au groupement"


def _base() -> QuerySet[Specification]:
    return Specification.objects.select_related("grappe", "library").order_by("-created_at", "pk")


def visible_specifications(user) -> QuerySet[Specification]:
    """The working pages a user may open (``perms.can_view``): members see their grappes'
    specifications, regional actors those of their régions' grappes, national administrators
    all. Anonymous users only the published ones (their public pages)."""
    actor = actor_of(user)
    if not actor.is_signed_in:
        return _base().filter(published_at__isnull=False)
    if actor.is_national_admin:
        return _base()
    condition = Q(pk__in=[])
    if actor.body_ids:
        condition |= Q(
            Exists(
                GrappeMember.objects.filter(
                    grappe=OuterRef("grappe"),
                    managing_body__in=actor.body_ids,
                    status=GrappeMember.Status.ACTIVE,
                )
            )
        )
    if actor.region_codes:
        condition |= Q(
            Exists(
                Establishment.objects.filter(
                    Q(managing_body_id=OuterRef("grappe__carrier_id"))
                    | Q(grappe_entries__grappe=OuterRef("grappe")),
                    region__in=actor.region_codes,
                )
            )
        )
    return _base().filter(condition)


def grappe_specifications(grappe: Grappe) -> QuerySet[Specification]:
    return _base().filter(grappe=grappe)


def members(grappe: Grappe) -> list[ManagingBody]:
    """The grappe's active members' organisations, the carrier first, then by name."""
    bodies = list(
        ManagingBody.objects.filter(
            grappe_memberships__grappe=grappe,
            grappe_memberships__status=GrappeMember.Status.ACTIVE,
        ).order_by("display_name", "finess")
    )
    return sorted(bodies, key=lambda body: body.pk != grappe.carrier_id)


def items(specification: Specification) -> list[Item]:
    return list(
        specification.items.select_related("proposed_by", "arbitrated_by").order_by(
            "position", "pk"
        )
    )


def domains(specification: Specification) -> list[str]:
    """The specification's domains in order (the members' own one last)."""
    seen: dict[str, None] = {}
    for label in specification.items.order_by("position", "pk").values_list(
        "domain_label", flat=True
    ):
        seen.setdefault(label, None)
    labels = [label for label in seen if label != OWN_DOMAIN]
    return [*labels, OWN_DOMAIN]


def ratings_of(specification: Specification, body_id: int) -> dict[int, Rating]:
    """The organisation's ratings by item id."""
    return {
        rating.item_id: rating
        for rating in Rating.objects.filter(
            item__specification=specification, managing_body_id=body_id
        )
    }


@dataclass
class Progress:
    body: ManagingBody
    rated: int
    prefilled: int  # pre-filled, not yet confirmed
    total: int

    @property
    def confirmed(self) -> int:
        return self.rated - self.prefilled

    @property
    def remaining(self) -> int:
        return self.total - self.rated


def progress(specification: Specification, bodies: list[ManagingBody]) -> list[Progress]:
    total = specification.items.count()
    rows = (
        Rating.objects.filter(item__specification=specification)
        .values("managing_body_id")
        .annotate(
            rated=Count("pk"),
            prefilled=Count("pk", filter=~Q(origin=Rating.Origin.MEMBER)),
        )
    )
    by_body = {row["managing_body_id"]: row for row in rows}
    return [
        Progress(
            body,
            by_body.get(body.pk, {}).get("rated", 0),
            by_body.get(body.pk, {}).get("prefilled", 0),
            total,
        )
        for body in bodies
    ]


def arbitrated_count(specification: Specification) -> int:
    return specification.items.exclude(importance="").count()


@dataclass
class Row:
    item: Item
    ratings: list[Rating | None]  # in the order of the members
    result: convergence.Convergence

    @property
    def is_arbitrated(self) -> bool:
        return bool(self.item.importance)


@dataclass
class Domain:
    label: str
    rows: list[Row] = field(default_factory=list)


def convergence_rows(
    specification: Specification, bodies: list[ManagingBody], items_: list[Item] | None = None
) -> list[Row]:
    """Every item with each member's rating and its convergence: two queries."""
    items_ = items(specification) if items_ is None else items_
    by_item: dict[int, dict[int, Rating]] = defaultdict(dict)
    for rating in Rating.objects.filter(
        item__specification=specification, managing_body__in=[body.pk for body in bodies]
    ):
        by_item[rating.item_id][rating.managing_body_id] = rating
    rows = []
    for item in items_:
        ratings = [by_item[item.pk].get(body.pk) for body in bodies]
        result = convergence.converge(r.importance if r else None for r in ratings)
        rows.append(Row(item, ratings, result))
    return rows


def by_domain(rows: list) -> list[Domain]:
    """Rows grouped by their item's domain, in order of first appearance."""
    groups: dict[str, Domain] = {}
    for row in rows:
        item = row.item if hasattr(row, "item") else row
        groups.setdefault(item.domain_label, Domain(item.domain_label)).rows.append(row)
    return list(groups.values())


def survey_needs(body_id: int) -> set[str]:
    """The SI-domain codes of the organisation's latest needs-survey answers: its own and its
    establishments' answers to the latest survey it answered, united."""
    latest = (
        SurveyAnswer.objects.filter(managing_body_id=body_id)
        .order_by("-survey__created_at", "-updated_at", "-pk")
        .values_list("survey_id", flat=True)
        .first()
    )
    if latest is None:
        return set()
    return set(
        SurveyAnswer.objects.filter(managing_body_id=body_id, survey_id=latest)
        .values_list("needs__code", flat=True)
        .exclude(needs__code=None)
    )


def maturity_levels(body_id: int) -> dict[str, int | None]:
    """Indicator code -> palier of the organisation's latest submitted self-diagnostic of the
    whole body ({} when none)."""
    assessment = (
        Assessment.objects.filter(
            managing_body_id=body_id,
            establishment__isnull=True,
            status=Assessment.Status.SUBMITTED,
        )
        .order_by("-submitted_at", "-campaign", "-pk")
        .first()
    )
    return assessment_levels(assessment) if assessment else {}


@dataclass(frozen=True)
class Planned:
    item: Item
    suggestion: prefill.Suggestion


def prefill_plan(specification: Specification, body_id: int) -> list[Planned]:
    """The ratings pre-filling would create for the organisation: items it has not rated yet
    and for which its survey or diagnostic suggests an importance."""
    needs = survey_needs(body_id)
    levels = maturity_levels(body_id)
    rated = set(
        Rating.objects.filter(
            item__specification=specification, managing_body_id=body_id
        ).values_list("item_id", flat=True)
    )
    plan = []
    for item in specification.items.select_related("requirement").order_by("position", "pk"):
        if item.pk in rated or item.requirement is None:
            continue
        suggestion = prefill.suggest(
            item.requirement.si_domains, item.requirement.indicators, needs, levels
        )
        if suggestion is not None:
            plan.append(Planned(item, suggestion))
    return plan


@dataclass(frozen=True)
class Arbitration:
    at: object
    actor: object
    before: str  # French labels; "" before the first arbitration
    after: str
    reason: str


def _label(value) -> str:
    return Importance(value).label if value in Importance.values else str(value or "")


def arbitration_history(item: Item) -> list[Arbitration]:
    """The item's arbitrations, newest first, from their audit rows."""
    rows = (
        AuditLog.objects.filter(
            action="specifications.arbitrate",
            object_type=Item._meta.label_lower,
            object_id=str(item.pk),
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    return [
        Arbitration(
            row.created_at,
            row.actor,
            _label(row.changes.get("from")),
            _label(row.changes.get("to")),
            str(row.changes.get("reason", "")),
        )
        for row in rows
    ]


def to_rate_by(body_id: int) -> list[tuple[Specification, int]]:
    """The specifications still open to rating in the grappes where ``body_id`` is an active
    member, with how many items it has not rated itself yet (pre-filled ones count until
    confirmed); those fully rated are left out."""
    confirmed = Rating.objects.filter(
        item__specification=OuterRef("pk"), managing_body_id=body_id, origin=Rating.Origin.MEMBER
    )
    open_ones = (
        Specification.objects.filter(
            grappe__members__managing_body_id=body_id,
            grappe__members__status=GrappeMember.Status.ACTIVE,
        )
        .exclude(status=Specification.Status.DECIDED)
        .annotate(
            total=Count("items", distinct=True),
            rated=Subquery(
                confirmed.values("managing_body_id").annotate(n=Count("pk")).values("n")[:1]
            ),
        )
        .order_by("-created_at", "pk")
    )
    return [
        (spec, spec.total - (spec.rated or 0))
        for spec in open_ones
        if spec.total > (spec.rated or 0)
    ]
