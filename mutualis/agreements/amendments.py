"""What an amendment changes in the signed text (pure: no ORM).

The amendment's documents open with this summary, then give the text as amended; the full
word-level comparison is the one of ``diff`` (page "Comparer").
"""

from __future__ import annotations

# Parts of the context an amendment may change, with the annex they appear in.
_DATA_PARTS = (
    ("qualification", "Article 1 — qualification du projet"),
    ("budget", "Annexe 2 — Budget prévisionnel et répartition des fonds"),
    ("calendar", "Annexe 3 — Calendrier prévisionnel (dates des jalons)"),
)


def _parties(context: dict) -> list[dict]:
    return [
        {k: v for k, v in member.items() if k not in ("establishments", "amount")}
        for member in context["members"]
    ]


def changes(old: tuple[list[dict], dict], new: tuple[list[dict], dict]) -> list[str]:
    """French sentences, one per clause added, removed or modified, then one per part of the
    grappe's data that differs (members and their perimeter, budget, calendar)."""
    old_clauses = {c["key"]: c for c in old[0]}
    new_clauses = {c["key"]: c for c in new[0]}
    found = []
    for key, clause in new_clauses.items():
        before = old_clauses.get(key)
        if before is None:
            found.append(f"{clause['title']} : ajouté.")
        elif before["text"] != clause["text"]:
            found.append(f"{clause['title']} : rédaction modifiée.")
        elif before["title"] != clause["title"]:
            found.append(f"{before['title']} : intitulé remplacé par « {clause['title']} ».")
    found += [f"{c['title']} : supprimé." for k, c in old_clauses.items() if k not in new_clauses]
    old_context, new_context = old[1], new[1]
    if _parties(old_context) != _parties(new_context):
        found.append("Parties (identité et représentants) : modifiées.")
    rows = [e for m in new_context["members"] for e in m["establishments"]]
    old_rows = [e for m in old_context["members"] for e in m["establishments"]]
    if rows != old_rows:
        found.append("Annexe 1 — Membres et périmètre : modifiée.")
    for key, label in _DATA_PARTS:
        if old_context.get(key) != new_context.get(key):
            found.append(f"{label} : modifié.")
    return found


def summary(
    number: int,
    original_label: str,
    signed_on: str,
    old: tuple[list[dict], dict],
    new: tuple[list[dict], dict],
) -> dict:
    """The ``amendment`` entry of an amendment version's context."""
    signed = f", signée le {signed_on}" if signed_on else ""
    found = changes(old, new)
    return {
        "number": number,
        "original": (
            f"Le présent avenant n° {number} modifie la convention de coopération de la grappe "
            f"({original_label}{signed}) sur les points suivants :"
            if found
            else f"Le présent avenant n° {number} ne modifie aucune stipulation de la "
            f"convention ({original_label}{signed})."
        ),
        "changes": found,
    }
