"""Needs analysis ("analyse des besoins"): pure functions of the survey answers.

Statistical confidentiality, as in the observatory, with ``minimum`` respondents
(settings.MUTUALIS["SMALL_CELL_MINIMUM"]):

- no figure describes a group of fewer than ``minimum`` respondents: a group's count is
  shown as "moins de N répondants" and its shares as "secret";
- a figure is not published either when the total minus the figures shown would give the
  size of a hidden group (complementary suppression): a count or share is shown only when the
  respondents it counts and the other respondents are each none or at least ``minimum``, and
  among the rows of a breakdown (which add up to the total) the smallest rows shown are masked
  too until the hidden rows together hold at least ``minimum`` respondents;
- the hidden rows of a breakdown are merged into one row "Autres (regroupés)", itself shown
  only when it holds at least ``minimum`` respondents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

LEVELS = (0, 1, 2, 3)  # not a priority, priority, very priority, top priority
PRIORITY = 1  # "priority or more" counts in the share
SMALL = "small"  # a group under the minimum
COMPLEMENT = "complement"  # masked so that no hidden group is found by subtraction
OTHERS = "Autres (regroupés)"
OTHERS_KEY = "__autres__"


class Response(NamedTuple):
    sector: str | None
    size_class: str | None
    region: str | None
    departement: str | None
    ratings: tuple[tuple[str, int], ...]  # (lever code, level)
    needs: tuple[str, ...] = ()  # SI domain codes
    is_demo: bool = False


def publishable(part: int, whole: int, minimum: int) -> bool:
    """A count of ``part`` respondents among ``whole`` may be shown: the whole is not a small
    group, and neither the part nor the rest is (none is not a group)."""
    least = max(minimum, 1)
    rest = whole - part
    return whole >= least and (part == 0 or part >= least) and (rest == 0 or rest >= least)


def share(part: int, whole: int, minimum: int) -> float | None:
    """``part`` in ``whole`` as a percentage to one decimal; None ("secret") when it would
    show a group of fewer than ``minimum`` respondents."""
    return round(100 * part / whole, 1) if publishable(part, whole, minimum) else None


def masks(sizes: Sequence[int], minimum: int) -> list[str]:
    """Why each cell of a partition of the respondents is masked ('' when shown): small
    cells, then the smallest shown cells until the masked ones hold ``minimum`` respondents
    (else the total minus the shown cells would give the small ones)."""
    reasons = [SMALL if 0 < size < minimum else "" for size in sizes]
    hidden = sum(size for size, reason in zip(sizes, reasons, strict=True) if reason)
    candidates = sorted(
        (index for index, size in enumerate(sizes) if size and not reasons[index]),
        key=lambda index: (sizes[index], index),
    )
    for index in candidates:
        if not 0 < hidden < minimum:
            break
        reasons[index] = COMPLEMENT
        hidden += sizes[index]
    return reasons


@dataclass(frozen=True)
class LeverShare:
    code: str
    label: str
    respondents: int | None  # None: fewer than the minimum
    counts: tuple[int | None, ...]  # respondents per level, LEVELS order; None: secret
    share: float | None  # % rating the lever priority or more; None: secret

    def percent(self, level: int) -> float | None:
        count = self.counts[level]
        if count is None or not self.respondents:
            return None
        return round(100 * count / self.respondents, 1)

    @property
    def segments(self) -> list[tuple[int, str]]:
        """Bar segments (level, CSS width in %) for priority, very and top priority; none
        when a level is secret (the bar would show it)."""
        if self.share is None or None in self.counts:
            return []
        return [
            (level, f"{100 * self.counts[level] / self.respondents:.1f}")
            for level in LEVELS
            if level >= PRIORITY
        ]


def _level_counts(responses: Iterable[Response], levers: Sequence[tuple[str, str]]):
    counts: dict[str, list[int]] = {code: [0] * len(LEVELS) for code, _ in levers}
    for response in responses:
        for code, level in response.ratings:
            if code in counts and level in LEVELS:
                counts[code][level] += 1
    return counts


def lever_shares(
    responses: Iterable[Response], levers: Sequence[tuple[str, str]], minimum: int
) -> list[LeverShare]:
    counts = _level_counts(responses, levers)
    shares = []
    for code, label in levers:
        per_level = counts[code]
        whole = sum(per_level)
        shown = whole >= max(minimum, 1)
        reasons = masks(per_level, minimum) if shown else ["secret"] * len(LEVELS)
        shares.append(
            LeverShare(
                code=code,
                label=label,
                respondents=whole if shown else None,
                counts=tuple(
                    None if reason else count
                    for count, reason in zip(per_level, reasons, strict=True)
                ),
                share=share(sum(per_level[PRIORITY:]), whole, minimum),
            )
        )
    return shares


@dataclass(frozen=True)
class Group:
    key: Hashable
    label: str
    respondents: int | None  # None: masked
    shares: list[float | None]  # per lever, in the levers' order; None: secret
    mask: str = ""  # SMALL, COMPLEMENT or '' (shown)

    def is_secret(self, minimum: int = 0) -> bool:
        return bool(self.mask)

    @property
    def is_others(self) -> bool:
        return self.key == OTHERS_KEY


def _group(key, label, members, levers, minimum, mask="") -> Group:
    counts = _level_counts(members, levers)
    return Group(
        key=key,
        label=label,
        respondents=None if mask else len(members),
        shares=[
            None if mask else share(sum(counts[code][PRIORITY:]), len(members), minimum)
            for code, _ in levers
        ],
        mask=mask,
    )


def breakdown(
    responses: Iterable[Response],
    key: Callable[[Response], Hashable],
    labels: Mapping[Hashable, str],
    levers: Sequence[tuple[str, str]],
    minimum: int,
) -> list[Group]:
    """Shares per group of respondents (sector, size class, territory), in ``labels`` order,
    then unknown keys, then "Autres (regroupés)" (the masked groups together, when they hold
    at least ``minimum`` respondents); groups without any respondent are left out."""
    groups: dict[Hashable, list[Response]] = defaultdict(list)
    for response in responses:
        groups[key(response)].append(response)
    order = [k for k in labels if k in groups] + sorted(
        (k for k in groups if k not in labels), key=lambda k: (k is None, str(k))
    )
    reasons = masks([len(groups[k]) for k in order], minimum)
    result = [
        _group(
            group_key,
            labels.get(group_key, "Non renseigné" if group_key is None else group_key),
            groups[group_key],
            levers,
            minimum,
            reason,
        )
        for group_key, reason in zip(order, reasons, strict=True)
    ]
    hidden = [member for k, r in zip(order, reasons, strict=True) if r for member in groups[k]]
    if hidden and len(hidden) >= minimum:
        result.append(_group(OTHERS_KEY, OTHERS, hidden, levers, minimum))
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
    """Share of respondents declaring a need in each SI domain (secret when the respondents
    declaring it, or the others, are fewer than the minimum)."""
    total = len(responses)
    found = []
    for code, label in domains:
        count = sum(code in response.needs for response in responses)
        shown = publishable(count, total, minimum)
        found.append(
            NeedShare(
                code=code,
                label=label,
                count=count if shown else None,
                percent=share(count, total, minimum),
            )
        )
    return found
