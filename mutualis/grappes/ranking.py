"""The partner ranking of one managing body, filtered and read page by page (no ORM).

The filters keep or drop candidates before the ranking is cut to a page, so every page is
full and the total is right. The distance filter uses the distance between the nearest
ESSMS of the two OGs, the one the distance criterion scores and shows on each card (found
with one ``matching.NearestIndex`` of my ESSMS); when a maximum is set, a candidate whose
distance is unknown (no located ESSMS) is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import overload

from mutualis.grappes.matching import Candidate, NearestIndex
from mutualis.grappes.partner_score import PartnerScore, rank_partners


@dataclass(frozen=True)
class PartnerFilters:
    same_editor: bool = False  # ignored when my own editor is unknown (see ``notes``)
    max_km: int | None = None
    min_essms: int | None = None
    max_essms: int | None = None
    hosting: str = ""  # "saas", "external", "on_premise", or "" for any

    @property
    def active(self) -> bool:
        return bool(
            self.same_editor
            or self.max_km is not None
            or self.min_essms is not None
            or self.max_essms is not None
            or self.hosting
        )


def kept(
    me: Candidate, other: Candidate, filters: PartnerFilters, index: NearestIndex | None = None
) -> bool:
    """Whether ``other`` passes the filters as a partner of ``me`` (never ``me`` itself);
    ``index``: my ESSMS, indexed once for many calls."""
    if other.id == me.id:
        return False
    if filters.same_editor and me.editor and other.editor != me.editor:
        return False
    if filters.min_essms is not None and other.essms < filters.min_essms:
        return False
    if filters.max_essms is not None and other.essms > filters.max_essms:
        return False
    if filters.hosting and other.hosting != filters.hosting:
        return False
    if filters.max_km is not None:
        km = (index or NearestIndex(me.points)).nearest(other.points)
        if km is None or km > filters.max_km:
            return False
    return True


def notes(me: Candidate, filters: PartnerFilters) -> list[str]:
    """French sentences on filters that cannot work as asked, given what is known of ``me``."""
    found = []
    if filters.same_editor and not me.editor:
        found.append(
            "L'éditeur de DUI de votre organisme n'est pas renseigné dans les profils SI de "
            "ses établissements : le filtre « même éditeur » n'est pas appliqué."
        )
    if filters.max_km is not None and not me.points:
        found.append(
            "Aucun établissement de votre organisme n'est géolocalisé : la distance aux "
            "partenaires ne peut pas être calculée, la distance maximale écarte donc tout le "
            "monde."
        )
    return found


class Ranking:
    """The candidates kept by the filters, best first, as a sequence a paginator slices."""

    def __init__(
        self,
        me: Candidate,
        others: Iterable[Candidate],
        filters: PartnerFilters,
        min_essms: int | None,
    ):
        self.me = me
        self.min_essms = min_essms
        self.index = NearestIndex(me.points)
        self.candidates = [other for other in others if kept(me, other, filters, self.index)]

    def __len__(self) -> int:
        return len(self.candidates)

    @overload
    def __getitem__(self, index: int) -> PartnerScore: ...

    @overload
    def __getitem__(self, index: slice) -> list[PartnerScore]: ...

    def __getitem__(self, index: int | slice) -> PartnerScore | list[PartnerScore]:
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position : position + 1][0]
        start, stop, step = index.indices(len(self))
        if stop <= start:
            return []
        best = rank_partners(
            self.me, self.candidates, limit=stop, min_essms=self.min_essms, index=self.index
        )
        return best[start:stop:step]
