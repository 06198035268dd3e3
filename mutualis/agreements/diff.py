"""A readable difference between two agreement versions (pure: no ORM).

Each version is read as lines (clause paragraphs, one line per ESSMS of the perimeter, one per
member's amount); unchanged runs collapse to a count, changed lines show the words removed
and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from mutualis.agreements.documents import render_context

HEADING = "§ "


@dataclass(frozen=True)
class Segment:
    text: str
    change: str = ""  # "", "ins" or "del"


@dataclass
class Block:
    change: str  # "equal", "ins", "del" or "replace"
    lines: list[list[Segment]] = field(default_factory=list)
    unchanged: int = 0
    section: str = ""  # the heading the change falls under


def lines(clauses: list[dict], context: dict) -> list[str]:
    document = render_context(clauses, context, version=0, draft=False)
    out: list[str] = []
    for article in document["articles"] + document["annexes"]:
        out.append(f"{HEADING}{article['title']}")
        out += article["paragraphs"]
    out.append(f"{HEADING}Annexe 1 — Membres et périmètre")
    out += [
        f"{r['member']} — {r['finess']} {r['name']} — {r['situation']} — {r['solution']} — "
        f"{r['hosting']}"
        for r in document["rows"]
    ]
    out.append(f"{HEADING}Annexe 2 — Budget prévisionnel et répartition des fonds")
    budget = document["budget"]
    out.append(f"Total : {budget['total']}" if budget else "Pas de simulation de financement")
    out += [f"{m['name']} — {m['finess']} : {m['amount'] or '—'}" for m in document["members"]]
    return out


def _words(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    a, b = old.split(" "), new.split(" ")
    removed: list[Segment] = []
    added: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            removed.append(Segment(" ".join(a[i1:i2]) + " "))
            added.append(Segment(" ".join(b[j1:j2]) + " "))
            continue
        if i2 > i1:
            removed.append(Segment(" ".join(a[i1:i2]) + " ", "del"))
        if j2 > j1:
            added.append(Segment(" ".join(b[j1:j2]) + " ", "ins"))
    return removed, added


def _section(lines_before: list[str]) -> str:
    return next((line[2:] for line in reversed(lines_before) if line.startswith(HEADING)), "")


def compare(old: list[str], new: list[str]) -> list[Block]:
    blocks = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            blocks.append(Block("equal", unchanged=i2 - i1))
        elif op == "insert":
            blocks.append(Block("ins", [[Segment(line, "ins")] for line in new[j1:j2]]))
        elif op == "delete":
            blocks.append(Block("del", [[Segment(line, "del")] for line in old[i1:i2]]))
        else:
            block = Block("replace")
            for index in range(max(i2 - i1, j2 - j1)):
                before = old[i1 + index] if i1 + index < i2 else None
                after = new[j1 + index] if j1 + index < j2 else None
                if before is not None and after is not None:
                    block.lines += list(_words(before, after))
                elif before is not None:
                    block.lines.append([Segment(before, "del")])
                else:
                    block.lines.append([Segment(after, "ins")])
            blocks.append(block)
        if op != "equal":
            blocks[-1].section = _section(new[: j1 + (op == "replace")])
    return blocks
