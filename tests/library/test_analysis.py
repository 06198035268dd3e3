"""The French normalisation shared by the SQLite index and the queries (pure functions)."""

import pytest

from mutualis.library import analysis


@pytest.mark.parametrize(
    "forms",
    [
        ["sécurité", "securite", "SÉCURITÉS"],
        ["groupement", "groupements", "grouper", "groupé", "groupées"],
        ["mutualisation", "mutualisations", "mutualiser", "mutualisé"],
        ["régional", "régionaux", "régionale"],
        ["tableau", "tableaux"],
        ["données", "donnée"],
        ["œuvre", "oeuvre"],
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({analysis.stem(word) for word in forms}) == 1


def test_acronyms_and_numbers_are_kept():
    assert [analysis.stem(w) for w in ["DUI", "DPO", "SI", "RGPD", "2022"]] == [
        "dui",
        "dpo",
        "si",
        "rgpd",
        "2022",
    ]


def test_one_normalised_token_per_original_token():
    text = "L'hébergement « externalisé » des DUI, médico-social : 40 % des crédits !"
    assert len(analysis.index_text(text).split()) == len(analysis.tokens(text)) == 10


def test_queries_read_like_a_web_search():
    parsed = analysis.parse('groupements d\'achat -tablettes "dossier usager" or DUI')
    assert parsed.fts5() == '("group" AND "achat" AND ("dossi usag" OR "dui")) NOT "tablett"'
    assert not analysis.parse("de la des")
    assert not analysis.parse("-seulement")


def test_highlights_are_escaped_and_balanced():
    marked = f"<b>{analysis.START}sécurité{analysis.STOP} & {analysis.START}SI"
    assert analysis.render(marked) == "&lt;b&gt;<mark>sécurité</mark> &amp; <mark>SI</mark>"
