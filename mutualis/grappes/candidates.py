"""Managing bodies as the matching module sees them (``matching.Candidate``), from the
directory, IT profiles and assessments."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count

from mutualis.accounts.models import Membership
from mutualis.directory.models import Establishment, ItProfile, ManagingBody
from mutualis.grappes.matching import Candidate
from mutualis.grappes.models import GrappeMember
from mutualis.grappes.rules import excluded_categories
from mutualis.maturity.models import Assessment


def _most_common(counter: Counter):
    counter.pop(None, None)
    counter.pop("", None)
    return counter.most_common(1)[0][0] if counter else None


def excluded(campaign: int, programme: str) -> set[str]:
    """The FINESS categories the programme excludes (housing, USLD…), from the rules of the
    campaign, or of the last campaign before it whose rules are loaded."""
    from mutualis.grappes import selectors  # selectors imports this module

    years = [y for y in selectors.campaigns_with_rules().get(programme, []) if y <= campaign]
    return set(excluded_categories(selectors.rules_for(programme, max(years, default=campaign))))


def candidates(
    bodies, campaign: int, programme: str, free_only: bool = True, region: str | None = None
) -> list[Candidate]:
    """Candidates for the given managing bodies (a queryset), without those already active
    in a grappe of the campaign and programme (``free_only``; kept otherwise: a member of a
    grappe still looks for partners). With ``region``, each counts and is placed by its
    ESSMS of that région only (a national organisation brings what it has there).
    Establishments of the categories the programme excludes count neither in the size nor
    in the places and sectors."""
    if free_only:
        taken = GrappeMember.objects.filter(
            status=GrappeMember.Status.ACTIVE,
            grappe__campaign=campaign,
            grappe__programme=programme,
        ).values("managing_body")
        bodies = bodies.exclude(pk__in=taken)
    bodies = bodies.filter(is_closed=False)
    excluded_categories_ = excluded(campaign, programme)
    ids = list(bodies.values_list("pk", flat=True))
    here = {"region": region} if region else {}
    points, sectors = defaultdict(list), defaultdict(set)
    left_out: Counter = Counter()
    for body, lat, lon, sector, category in Establishment.objects.filter(
        managing_body__in=ids, is_closed=False, category__domain="SOC", **here
    ).values_list(
        "managing_body_id", "latitude", "longitude", "category__sector_id", "category_id"
    ):
        if category in excluded_categories_:
            left_out[body] += 1
            continue
        if lat is not None:
            points[body].append((lat, lon))
        if sector:
            sectors[body].add(sector)
    editors, solutions, hosting = (defaultdict(Counter) for _ in range(3))
    for body, editor, solution, mode in ItProfile.objects.filter(
        establishment__managing_body__in=ids, **{f"establishment__{k}": v for k, v in here.items()}
    ).values_list(
        "establishment__managing_body_id",
        "solution__editor__name",
        "solution__name",
        "hosting_mode",
    ):
        editors[body][editor] += 1
        solutions[body][solution] += 1
        hosting[body][mode] += 1
    maturity = _maturity(ids, campaign)
    on_platform = set(
        Membership.objects.filter(managing_body__in=ids, user__is_active=True).values_list(
            "managing_body_id", flat=True
        )
    )
    in_region = _counts_in(ids, region) if region else {}
    return [
        Candidate(
            id=pk,
            name=name,
            essms=max((in_region.get(pk, 0) if region else count) - left_out[pk], 0),
            points=tuple(points[pk]),
            editor=_most_common(editors[pk]),
            solution=_most_common(solutions[pk]),
            hosting=_most_common(hosting[pk]),
            maturity=maturity.get(pk),
            sectors=frozenset(sectors[pk]),
            place=_place(city or main_city, departement or main_departement),
            on_platform=pk in on_platform,
        )
        for pk, name, count, city, main_city, departement, main_departement in bodies.values_list(
            "pk",
            "display_name",
            "establishment_count",
            "city",
            "main_city",
            "departement__name",
            "main_departement__name",
        )
    ]


def _counts_in(body_ids: list[int], region: str) -> dict[int, int]:
    """Open ESSMS of each body in the région."""
    return dict(
        Establishment.objects.filter(managing_body__in=body_ids, is_closed=False, region=region)
        .values("managing_body")
        .annotate(n=Count("pk"))
        .values_list("managing_body", "n")
    )


def _place(city: str, departement: str | None) -> str:
    """ "Lyon (Rhône)", or whichever of the two is known."""
    city = city.title() if city.isupper() else city
    if city and departement:
        return f"{city} ({departement})"
    return city or departement or ""


def _maturity(body_ids: list[int], campaign: int) -> dict[int, float]:
    """The body's own latest submitted score, else the mean of its establishments' ones."""
    own, of_establishments = {}, defaultdict(list)
    for body, establishment, score in (
        Assessment.objects.filter(
            managing_body__in=body_ids,
            status=Assessment.Status.SUBMITTED,
            campaign__lte=campaign,
        )
        .exclude(global_score=None)
        .order_by("campaign")
        .values_list("managing_body_id", "establishment_id", "global_score")
    ):
        if establishment is None:
            own[body] = score
        else:
            of_establishments[body].append(score)
    return {
        body: own.get(body, sum(scores) / len(scores) if scores else None)
        for body, scores in {**{b: [] for b in own}, **of_establishments}.items()
    }


def open_bodies():
    return ManagingBody.objects.filter(open_to_cooperation=True)
