"""Needs analysis ("analyse des besoins"): pure functions of the survey answers.

Statistical confidentiality, as in the observatory: no share is published when computed from
fewer than ``minimum`` respondents (settings.MUTUALIS["SMALL_CELL_MINIMUM"]); it is None and
shown as "secret", and the group's count is shown as "fewer than minimum".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from mutualis.core.confidentiality import rate

LEVELS = (0, 1, 2, 3)  # not a priority, priority, very priority, top priority
PRIORITY = 1  # "priority or more" counts in the share


class Response(NamedTuple):
    sector: str | None
    size_class: str | None
    region: str | None
    departement: str | None
    ratings: tuple[tuple[str, int], ...]  # (lever code, level)
    needs: tuple[str, ...] = ()  # SI domain codes
    is_demo: bool = False


@dataclass(frozen=True)
class LeverShare:
    code: str
    label: str
    respondents: int
    counts: tuple[int, ...]  # respondents per level, LEVELS order
    share: float | None  # % rating the lever priority or more; None: secret

    def percent(self, level: int) -> float | None:
        if self.share is None:
            return None
        return round(100 * self.counts[level] / self.respondents, 1)

    @property
    def segments(self) -> list[tuple[int, str]]:
        """Bar segments (level, CSS width in %) for priority, very and top priority."""
        if self.share is None:
            return []
        return [
            (level, f"{100 * self.counts[level] / self.respondents:.1f}")
            for level in LEVELS
            if level >= PRIORITY
        ]


def lever_shares(
    responses: Iterable[Response], levers: Sequence[tuple[str, str]], minimum: int
) -> list[LeverShare]:
    counts: dict[str, list[int]] = {code: [0] * len(LEVELS) for code, _ in levers}
    for response in responses:
        for code, level in response.ratings:
            if code in counts and level in LEVELS:
                counts[code][level] += 1
    shares = []
    for code, label in levers:
        per_level = counts[code]
        whole = sum(per_level)
        shares.append(
            LeverShare(
                code=code,
                label=label,
                respondents=whole,
                counts=tuple(per_level),
                share=rate(sum(per_level[PRIORITY:]), whole, minimum),
            )
        )
    return shares


@dataclass(frozen=True)
class Group:
    key: Hashable
    label: str
    respondents: int
    shares: list[float | None]  # per lever, in the levers' order

    def is_secret(self, minimum: int) -> bool:
        return self.respondents < minimum


def breakdown(
    responses: Iterable[Response],
    key: Callable[[Response], Hashable],
    labels: Mapping[Hashable, str],
    levers: Sequence[tuple[str, str]],
    minimum: int,
) -> list[Group]:
    """Shares per group of respondents (sector, size class, territory), in ``labels`` order,
    then unknown keys; groups without any respondent are left out."""
    groups: dict[Hashable, list[Response]] = defaultdict(list)
    for response in responses:
        groups[key(response)].append(response)
    order = [k for k in labels if k in groups] + sorted(
        (k for k in groups if k not in labels), key=lambda k: (k is None, str(k))
    )
    result = []
    for group_key in order:
        members = groups[group_key]
        secret = len(members) < minimum
        shares = lever_shares(members, levers, minimum)
        result.append(
            Group(
                key=group_key,
                label=labels.get(group_key, "Non renseigné" if group_key is None else group_key),
                respondents=len(members),
                shares=[None if secret else share.share for share in shares],
            )
        )
    return result


@dataclass(frozen=True)
class NeedShare:
    code: str
    label: str
    count: int | None
    percent: float | None


def need_shares(
    responses: Sequence[Response], domains: Sequence[tuple[str, str]], minimum: int
) -> list[NeedShare]:
    """Share of respondents declaring a need in each SI domain."""
    total = len(responses)
    shown = total >= minimum
    found = []
    for code, label in domains:
        count = sum(code in response.needs for response in responses)
        found.append(
            NeedShare(
                code=code,
                label=label,
                count=count if shown else None,
                percent=rate(count, total, minimum),
            )
        )
    return found
