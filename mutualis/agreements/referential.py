"""Reference data shipped in ``data/``: the cooperation questionnaire and the clause library.

Both are versioned files (the version is in the file name); a round of self-evaluation and an
agreement keep the version they started with.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
QUESTIONNAIRE_VERSION = "2026.1"
LIBRARY_VERSION = "2026.2"
SCALE = {
    1: "Pas du tout d'accord",
    2: "Plutôt pas d'accord",
    3: "Plutôt d'accord",
    4: "Tout à fait d'accord",
}
KINDS = {
    "facteur_cle": "Facteur clé de succès",
    "element_facilitateur": "Élément facilitateur",
    "cause_echec": "Cause fréquente d'échec",
    "frein": "Frein à la mutualisation",
}
CLAUSE_HEADING = re.compile(r"^## ([a-z_]+) \| (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Question:
    code: str
    axis: str
    axis_label: str
    kind: str
    statement: str
    risk: str
    recommendation: str
    source: str

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class ClauseText:
    key: str
    title: str
    text: str


@cache
def questions(version: str = QUESTIONNAIRE_VERSION) -> tuple[Question, ...]:
    with (DATA / f"cooperation-{version}.csv").open(encoding="utf-8", newline="") as file:
        return tuple(Question(**row) for row in csv.DictReader(file))


def axes(version: str = QUESTIONNAIRE_VERSION) -> list[tuple[str, str]]:
    """(code, label) of the axes, in questionnaire order."""
    return list(dict.fromkeys((q.axis, q.axis_label) for q in questions(version)))


@cache
def clause_library(version: str = LIBRARY_VERSION) -> tuple[ClauseText, ...]:
    """The default clauses: ``## key | title`` headings followed by their text."""
    content = (DATA / f"clauses-{version}.md").read_text(encoding="utf-8")
    content = re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL)
    parts = CLAUSE_HEADING.split(content)[1:]
    return tuple(
        ClauseText(key, title.strip(), text.strip())
        for key, title, text in zip(parts[::3], parts[1::3], parts[2::3], strict=True)
    )
