"""Reads of the grappes app: rules of a year, grappes of a user, facts for the pure modules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mutualis.directory.models import ManagingBody
from mutualis.grappes import candidates
from mutualis.grappes.eligibility import Eligibility, EssmsFacts, assess
from mutualis.grappes.funding import FundedEssms
from mutualis.grappes.matching import Candidate, combined
from mutualis.grappes.models import (
    FundingSimulation,
    Grappe,
    GrappeEstablishment,
    GrappeMember,
    ProgrammeRule,
)
from mutualis.grappes.perms import can_view_grappe, can_view_grappe_documents, counts_for_budget
from mutualis.grappes.ranking import PartnerFilters, Ranking, notes
from mutualis.grappes.rules import STATUS_KEY, Programme, Rule, Rules, programme_label
from mutualis.maturity.models import Assessment
from mutualis.territories.models import Region


def rules_for(programme: str, campaign: int) -> Rules:
    """The rules of a programme valid for a campaign year (the latest period wins)."""
    valid = ProgrammeRule.objects.filter(programme=programme, valid_from__lte=campaign).filter(
        Q(valid_to__gte=campaign) | Q(valid_to=None)
    )
    return _as_rules(valid.order_by("valid_from"))


def _as_rules(rows) -> Rules:
    """Rule rows ordered by period start: the latest period of each key wins."""
    rules: Rules = {}
    for rule in rows:
        rules[rule.key] = Rule(
            rule.key, rule.value, rule.unit, rule.label, rule.source, rule.reliability
        )
    return rules


def rules_for_many(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], Rules]:
    """``rules_for`` of several (programme, campaign) pairs, in one query."""
    rows = list(
        ProgrammeRule.objects.filter(programme__in={programme for programme, _ in pairs}).order_by(
            "valid_from"
        )
    )
    return {
        (programme, campaign): _as_rules(
            rule
            for rule in rows
            if rule.programme == programme
            and rule.valid_from <= campaign
            and (rule.valid_to is None or rule.valid_to >= campaign)
        )
        for programme, campaign in pairs
    }


def current_campaign(programme: str = Programme.GENERALISATION) -> int:
    """This year, or the last campaign whose rules are loaded when this year's are not yet
    (e.g. 2025 while no rule covers 2026): the default of forms, partners and suggestions."""
    year = timezone.localdate().year
    periods = ProgrammeRule.objects.filter(
        programme=programme, key="grappe.min_essms", valid_from__lte=year
    ).values_list("valid_to", flat=True)
    ends = [year if valid_to is None else min(valid_to, year) for valid_to in periods]
    return max(ends, default=year)


def _rule_rows(programme: str | None = None) -> list[ProgrammeRule]:
    """The rules that say which campaigns are open (one query)."""
    keys = {*Programme.EVALUATED_BY.values(), STATUS_KEY}
    rows = ProgrammeRule.objects.filter(key__in=keys).order_by("valid_from")
    return list(rows.filter(programme=programme) if programme else rows)


def _campaigns(rows: list[ProgrammeRule]) -> dict[str, list[int]]:
    year = timezone.localdate().year
    campaigns: dict[str, set[int]] = {}
    for rule in rows:
        if Programme.EVALUATED_BY.get(rule.programme) != rule.key:
            continue
        end = year if rule.valid_to is None else rule.valid_to
        campaigns.setdefault(rule.programme, set()).update(range(rule.valid_from, end + 1))
    return {programme: sorted(years) for programme, years in campaigns.items()}


def campaigns_with_rules() -> dict[str, list[int]]:
    """Programme -> the campaign years whose eligibility rules are loaded (an open-ended
    period runs to this year). A cooperation without programme needs none: absent here."""
    return _campaigns(_rule_rows())


@dataclass(frozen=True)
class ProgrammeSituation:
    programme: str
    label: str
    campaigns: list[int]  # with loaded rules; empty: none (or none needed)
    applicable: bool  # False: a cooperation, no eligibility nor funding
    notes: list[Rule]  # sourced sentences on where the programme stands

    @property
    def period(self) -> str:
        """ "2022 à 2025", "2022", "2021, 2023"… (French)."""
        years = self.campaigns
        if not years:
            return ""
        if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
            return f"{years[0]} à {years[-1]}"
        return ", ".join(str(year) for year in years)


def programme_situations(programme: str | None = None) -> list[ProgrammeSituation]:
    """Which programme is open for which campaign, with the sourced status of each, in the
    order of the programme choices (what the grappe pages say plainly); one query."""
    return _situations(_rule_rows(programme), programme)


def _situations(rows: list[ProgrammeRule], programme: str | None) -> list[ProgrammeSituation]:
    campaigns = _campaigns(rows)
    notes: dict[str, list[Rule]] = {}
    for rule in rows:
        if rule.key == STATUS_KEY and programme in (None, rule.programme):
            notes.setdefault(rule.programme, []).append(
                Rule(rule.key, rule.value, rule.unit, rule.label, rule.source, rule.reliability)
            )
    return [
        ProgrammeSituation(
            code,
            programme_label(code),
            campaigns.get(code, []),
            code in Programme.EVALUATED_BY,
            notes.get(code, []),
        )
        for code, _ in Programme.CHOICES
        if programme in (None, code)
    ]


def viewable_grappe(user, uid) -> Grappe:
    """The grappe ``uid`` if ``user`` may see it: 404 when unknown, 403 otherwise."""
    grappe = get_object_or_404(Grappe.objects.select_related("carrier", "deposit_region"), uid=uid)
    if not can_view_grappe(user, grappe):
        raise PermissionDenied
    return grappe


def grappe_documents(user, uid) -> Grappe:
    """The grappe ``uid`` if ``user`` may read its agreement and simulations: 404 when
    unknown, 403 otherwise."""
    grappe = get_object_or_404(Grappe.objects.select_related("carrier", "deposit_region"), uid=uid)
    if not can_view_grappe_documents(user, grappe):
        raise PermissionDenied
    return grappe


def budget_simulation(grappe: Grappe) -> FundingSimulation | None:
    """The latest simulation the agreement takes its budget from: one written by an active
    member or the carrier, never by someone outside the grappe."""
    return next(
        (s for s in grappe.simulations.select_related("created_by") if counts_for_budget(s)),
        None,
    )


def region_counts(grappe: Grappe) -> list[tuple[str, int]]:
    """The régions of the grappe's ESSMS (its active members'), most ESSMS first, then by
    code: ``[(code, count), …]``."""
    rows = (
        grappe.establishments.filter(member__status=GrappeMember.Status.ACTIVE)
        .exclude(establishment__region=None)
        .values("establishment__region")
        .annotate(n=Count("pk"))
        .order_by("-n", "establishment__region")
    )
    return [(row["establishment__region"], row["n"]) for row in rows]


def deposit_region_codes(grappe: Grappe) -> list[str]:
    """The régions the grappe may be deposited in: those of its ESSMS."""
    return [code for code, _ in region_counts(grappe)]


def default_deposit_region(grappe: Grappe) -> str | None:
    """The région of most of the grappe's ESSMS (ties: the lowest code); without ESSMS, the
    carrier's main région."""
    counts = region_counts(grappe)
    return counts[0][0] if counts else main_region(grappe.carrier)


def deposit_region_choices(
    grappe: Grappe, entries_: list[GrappeEstablishment] | None = None
) -> list[tuple[Region, int]]:
    """The régions of the grappe's ESSMS (its active members') with their number of ESSMS,
    most first then by code, as ``region_counts`` (for the carrier of a pluri-régional grappe
    to choose from); read from ``entries_`` when the caller has them loaded."""
    chosen = active_entries(grappe) if entries_ is None else entries_
    counts: Counter[str] = Counter()
    regions: dict[str, Region] = {}
    for entry in chosen:
        if entry.member.status != GrappeMember.Status.ACTIVE:
            continue
        region = entry.establishment.region
        if region is not None:
            counts[region.code] += 1
            regions[region.code] = region
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(regions[code], n) for code, n in ordered]


def grappes_of(managing_body) -> QuerySet[Grappe]:
    """The grappes a managing body belongs to or is invited to (not those it declined or
    left)."""
    return (
        Grappe.objects.filter(
            members__managing_body=managing_body,
            members__status__in=[GrappeMember.Status.ACTIVE, GrappeMember.Status.INVITED],
        )
        .select_related("carrier")
        .distinct()
    )


ENTRY_RELATIONS = (
    "establishment__category__aggregate",
    "establishment__region",
    "establishment__managing_body",
    "member__managing_body",
    "solution__editor",
)


def entries(grappe: Grappe) -> QuerySet[GrappeEstablishment]:
    return grappe.establishments.select_related(*ENTRY_RELATIONS).order_by(
        "member__managing_body__display_name", "establishment__name"
    )


def establishment_facts(establishment, situation: str, segur: bool | None) -> EssmsFacts:
    category = establishment.category
    return EssmsFacts(
        finess=establishment.finess,
        name=establishment.name,
        managing_body_id=establishment.managing_body_id,
        departement=establishment.departement_id,
        region=establishment.region_id,
        domain=category.domain,
        sector=category.sector_id,
        aggregate=category.aggregate.parent_id,  # level 2, e.g. "4400"
        category=category.code,
        is_closed=establishment.is_closed,
        situation=situation,
        segur=segur,
    )


def essms_facts(entry: GrappeEstablishment) -> EssmsFacts:
    segur = entry.solution.segur_referenced if entry.solution else None
    return establishment_facts(entry.establishment, entry.situation, segur)


def funded(establishment, situation: str, segur: bool | None, rules: Rules) -> FundedEssms:
    """An establishment as the funding simulation sees it; its managing body is the member.
    Without the ``small_og.max_essms`` rule, ``small_og`` is None (unknown): the simulation
    then reports the rule as missing instead of guessing a threshold."""
    small = rules.get("small_og.max_essms")
    body = establishment.managing_body
    return FundedEssms(
        finess=establishment.finess,
        name=establishment.name,
        member_id=body.pk,
        member_name=body.display_name,
        situation=situation,
        segur=segur,
        small_og=(body.establishment_count <= small.integer) if small else None,
        sector=establishment.category.sector_id,
    )


def funded_essms(entry: GrappeEstablishment, rules: Rules) -> FundedEssms:
    segur = entry.solution.segur_referenced if entry.solution else None
    return funded(entry.establishment, entry.situation, segur, rules)


def active_grappe(managing_body, besides: Grappe) -> Grappe | None:
    """Another grappe of the same campaign and programme the body is an active member of."""
    return (
        Grappe.objects.filter(
            campaign=besides.campaign,
            programme=besides.programme,
            members__managing_body=managing_body,
            members__status=GrappeMember.Status.ACTIVE,
        )
        .exclude(pk=besides.pk)
        .first()
    )


def in_other_grappes(grappe: Grappe, establishment_ids):
    """The entries of the establishments among ``establishment_ids`` already in another grappe
    of the campaign and programme (a queryset)."""
    return GrappeEstablishment.objects.filter(
        establishment_id__in=list(establishment_ids),
        grappe__campaign=grappe.campaign,
        grappe__programme=grappe.programme,
    ).exclude(grappe=grappe)


def establishments_in_other_grappes(grappe: Grappe, establishment_ids) -> set[str]:
    """Names of the establishments already in another grappe of the campaign and programme."""
    return set(
        in_other_grappes(grappe, establishment_ids).values_list("establishment__name", flat=True)
    )


def active_entries(grappe: Grappe) -> list[GrappeEstablishment]:
    return [e for e in entries(grappe) if e.member.status == GrappeMember.Status.ACTIVE]


def eligibility(
    grappe: Grappe,
    entries_: list[GrappeEstablishment] | None = None,
    rules: Rules | None = None,
) -> Eligibility:
    """Eligibility of the grappe as stored, or of unsaved entries (live preview); ``rules``:
    those of its campaign when already read (``grappe_rules``)."""
    chosen = active_entries(grappe) if entries_ is None else entries_
    facts = [essms_facts(entry) for entry in chosen]
    if rules is None:
        rules = rules_for(grappe.programme, grappe.campaign)
    return assess(grappe.programme, grappe.campaign, rules, facts)


def grappe_rules(grappe: Grappe) -> tuple[Rules, ProgrammeSituation]:
    """The rules of the grappe's campaign and the situation of its programme, in one query
    (the grappe page)."""
    rows = list(ProgrammeRule.objects.filter(programme=grappe.programme).order_by("valid_from"))
    rules: Rules = {
        rule.key: Rule(rule.key, rule.value, rule.unit, rule.label, rule.source, rule.reliability)
        for rule in rows
        if rule.valid_from <= grappe.campaign
        and (rule.valid_to is None or rule.valid_to >= grappe.campaign)
    }
    return rules, _situations(rows, grappe.programme)[0]


def shareable_assessments(user, grappe: Grappe) -> list[Assessment]:
    """The submitted assessments the user may share with the grappe, not shared yet."""
    bodies = grappe.members.filter(status=GrappeMember.Status.ACTIVE).values("managing_body")
    mine = user.memberships.filter(managing_body__in=bodies).values("managing_body")
    return list(
        Assessment.objects.filter(managing_body__in=mine, status=Assessment.Status.SUBMITTED)
        .exclude(grappe_shares__grappe=grappe)
        .select_related("managing_body", "establishment")
        .order_by("-campaign")
    )


def main_region(body: ManagingBody) -> str | None:
    """The région of most of the body's open establishments (where its partners are looked
    for, where its grappes are shown)."""
    counts = (
        body.establishments.filter(is_closed=False)
        .exclude(region=None)
        .values("region")
        .annotate(n=Count("pk"))
        .order_by("-n", "region")
        .first()
    )
    return counts["region"] if counts else None


@dataclass
class PartnerSearch:
    me: Candidate | None  # None: the body is closed
    pool: int  # open-to-cooperation bodies of the area, before the filters
    ranking: Ranking | list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def partner_search(
    body: ManagingBody,
    campaign: int,
    min_essms: int | None,
    filters: PartnerFilters,
    region: str | None,
    grappe: Grappe | None = None,
) -> PartnerSearch:
    """Candidate partners of ``body`` for the généralisation campaign, in ``region`` (None:
    all), kept by ``filters`` and ranked; the ranking is scored page by page. A member of a
    grappe still searches. With ``grappe``: partners to complete it, scored against its
    active members taken together, without the organisations already in it or invited."""
    programme = grappe.programme if grappe else Programme.GENERALISATION
    pool = candidates.open_bodies().exclude(pk=body.pk)
    if grappe is not None:
        pool = pool.exclude(
            pk__in=grappe.members.filter(
                status__in=[GrappeMember.Status.ACTIVE, GrappeMember.Status.INVITED]
            ).values("managing_body")
        )
    if region:
        pool = pool.filter(establishments__region=region).distinct()
    others = candidates.candidates(pool, campaign, programme)
    if grappe is None:
        mine = ManagingBody.objects.filter(pk=body.pk)
    else:
        mine = ManagingBody.objects.filter(
            grappe_memberships__grappe=grappe,
            grappe_memberships__status=GrappeMember.Status.ACTIVE,
        )
    found = candidates.candidates(mine, campaign, programme, free_only=False)
    if not found:
        return PartnerSearch(None, len(others))
    me = found[0] if grappe is None else combined(found, id=0, name=grappe.name)
    return PartnerSearch(
        me, len(others), Ranking(me, others, filters, min_essms), notes(me, filters)
    )
