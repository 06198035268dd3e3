"""Search quality: judged queries over the demonstration reports, each expecting a given
report among the first three, on SQLite and on PostgreSQL alike (accents, plurals, acronyms
and the stop words of a natural query must not matter)."""

import pytest

from mutualis.library import selectors
from mutualis.library.demo import demo_uid

JUDGED = [
    ("securite", "dpo-partage"),
    ("sécurité", "dpo-partage"),
    ("SÉCURITÉ DU SI", "dpo-partage"),
    ("groupements d'achat", "groupement-achat"),
    ("achats groupés de tablettes", "groupement-achat"),
    ("DUI", "grappe-editeur-hebergement"),
    ("meme editeur, hebergement externalise", "grappe-editeur-hebergement"),
    ("RGPD", "dpo-partage"),
    ("DPO", "dpo-partage"),
    ("cahiers des charges communs", "cahier-des-charges-commun"),
    ("entrepots de donnees", "entrepot-donnees"),
    ("tableau de bord des indicateurs", "entrepot-donnees"),
    ("autonomie des petites associations", "infrastructure-freins"),
    ("GCSMS", "entrepot-donnees"),
]


@pytest.mark.parametrize(("query", "expected"), JUDGED)
def test_expected_report_in_top_three(demo_reports, query, expected):
    ranked = [hit.report.uid for hit in selectors.search(query)[:3]]
    assert demo_uid(expected) in ranked, (query, [demo_reports[uid].title for uid in ranked])


def test_mean_reciprocal_rank(demo_reports):
    """Most judged queries put their report first."""
    reciprocal = []
    for query, expected in JUDGED:
        ranked = [hit.report.uid for hit in selectors.search(query)[:10]]
        position = ranked.index(demo_uid(expected)) + 1 if demo_uid(expected) in ranked else None
        reciprocal.append(1 / position if position else 0)
    assert sum(reciprocal) / len(reciprocal) >= 0.85
