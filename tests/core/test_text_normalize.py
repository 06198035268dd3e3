"""The one normalisation of names and communes for search (core.text.normalize)."""

import pytest

from mutualis.core.text import normalize

# Changing one of these outputs changes the stored search names: bump NORMALIZATION_VERSION
# (core.text) and add a directory migration that calls search_names.rebuild (see 0004).
GOLDEN = [
    ("E.H.P.A.D. l'Orée du Bois", "EHPAD L OREE DU BOIS"),
    ("Saint-Étienne", "ST ETIENNE"),
    ("ST ETIENNE", "ST ETIENNE"),
    ("st-etienne", "ST ETIENNE"),
    ("Sainte-Marie", "STE MARIE"),
    ("ste  marie", "STE MARIE"),
    ("SAINTES MARIES DE LA MER", "SAINTES MARIES DE LA MER"),
    ("Saint-Jean-d’Angély", "ST JEAN D ANGELY"),
    ("L’Arche", "L ARCHE"),
    ("l'arche", "L ARCHE"),
    ("FAINT SAINTONGE", "FAINT SAINTONGE"),
    ("CTRE HOSP.ST JEAN", "CTRE HOSP ST JEAN"),
    ("S.A.V.S. LES TILLEULS", "SAVS LES TILLEULS"),
    ("F.R.P.A.CHAVANELLE", "FRPA CHAVANELLE"),
    ("S.M.J.P.M", "SMJPM"),
    ("69.001.550.8", "69 001 550 8"),
    ('RESIDENCE AUTONOMIE "L\'OREE DU BOIS"', "RESIDENCE AUTONOMIE L OREE DU BOIS"),
    ("ACCUEIL MÈRE-ENFANTS", "ACCUEIL MERE ENFANTS"),
    ("Foyer Cœur de Ville", "FOYER COEUR DE VILLE"),
    ("ADA 17 : UNITE", "ADA 17 UNITE"),
    ("  a  -  b  ", "A B"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_normalize_is_idempotent_and_accepts_none():
    assert normalize(None) == ""
    for text, expected in GOLDEN:
        assert normalize(expected) == expected, text
