"""Judged queries: what people type in the directory search, and the establishment they
expect among the first five results, on SQLite and on PostgreSQL.

The directory below takes its names, communes and numbers from the national FINESS extract
(demo/finess), as FINESS writes them: upper case, "ST" for Saint, accents in recent names.
A misspelt query finds its establishment through the spelling suggestion on SQLite and
directly (pg_trgm word similarity) on PostgreSQL.
"""

from dataclasses import dataclass

import pytest
from django.db import connection

from mutualis.directory import selectors
from mutualis.territories.models import Departement
from tests.factories import EstablishmentFactory, ManagingBodyFactory

# finess (ET), finess (EJ), name, commune as FINESS writes it, postal code, département, category
DIRECTORY = [
    ("420010506", "420787046", "IME SAINT-ETIENNE", "ST ETIENNE", "42000", "42", "183"),
    ("420793390", "420787046", "SAVS SAINT-ETIENNE", "ST ETIENNE", "42000", "42", "446"),
    ("420789331", "420787236", "F.R.P.A.CHAVANELLE", "ST ETIENNE", "42000", "42", "202"),
    ("420792947", "420792939", "CENTRE D'ACTION EDUCATIVE", "ST ETIENNE", "42000", "42", "441"),
    ("420792970", "420792939", "FOYER D'ACTION EDUCATIVE", "ST ETIENNE", "42000", "42", "241"),
    ("420012023", "690807847", "RES.SOCIALE BUISSON ARALIS", "ST ETIENNE", "42100", "42", "259"),
    (
        "760012757",
        "760919373",
        "IME L'ESCALE DE ST ETIENNE DU ROUVRAY",
        "ST ETIENNE DU ROUVRAY CEDE",
        "76804",
        "76",
        "183",
    ),
    (
        "060013729",
        "060780327",
        "FAM DU CH DE SAINT ETIENNE DE TINEE",
        "ST ETIENNE DE TINEE",
        "06660",
        "06",
        "437",
    ),
    (
        "040006017",
        "040006009",
        "SAAD CCAS DE SAINT-ETIENNE-LES-ORGUES",
        "ST ETIENNE LES ORGUES",
        "04230",
        "04",
        "460",
    ),
    (
        "010008332",
        "010008324",
        "MARPA PLAIN CHAMP ST-ETIENNE-DU-BOIS",
        "ST ETIENNE DU BOIS",
        "01370",
        "01",
        "202",
    ),
    ("690034665", "690801717", "L'ARCHE A LYON", "LYON", "69003", "69", "382"),
    ("750830200", "750043879", "L'ARCHE EN FRANCE", "PARIS", "75015", "75", "382"),
    (
        "770010163",
        "770010155",
        "SELARL PHARMACIE DE L'ARCHEVECHE",
        "OZOIR LA FERRIERE",
        "77330",
        "77",
        "620",
    ),
    ("470008772", "470000365", "EHPAD LES TILLEULS", "PENNE D AGENAIS", "47140", "47", "500"),
    (
        "940806037",
        "940001647",
        "EHPAD RESIDENCE LES TILLEULS",
        "SUCY EN BRIE",
        "94370",
        "94",
        "500",
    ),
    ("840003776", "260000807", "ESAT LES TILLEULS", "VALREAS", "84600", "84", "246"),
    ("260012547", "260000807", "S.A.V.S. LES TILLEULS", "TAULIGNAN", "26770", "26", "446"),
    (
        "370013807",
        "370000796",
        "SESSAD AUTISME PLESSIS BOTANIQUE",
        "LA RICHE",
        "37520",
        "37",
        "182",
    ),
    ("750002164", "750022238", "SESSAD AUTISME SOLIDARITE", "PARIS", "75014", "75", "182"),
    ("970304846", "970302477", "SESSAD AUTISME-TED", "REMIRE MONTJOLY", "97354", "973", "182"),
    ("2B0005318", "2B0005300", "SESSAD AUTISME ET TED", "BIGUGLIA", "20620", "2B", "182"),
    (
        "130810310",
        "130018948",
        "CHRS SARA LOGISOL HOTEL DE LA FAMILLE",
        "MARSEILLE",
        "13001",
        "13",
        "214",
    ),
    (
        "130047038",
        "130804313",
        "DMEF SERVICE APPARTEMENTS EXTERIEURS",
        "MARSEILLE",
        "13006",
        "13",
        "175",
    ),
    ("340781442", "340011295", "EHPAD CLAUDE GOUDET HBT", "MARSEILLAN", "34340", "34", "500"),
    ("340027481", "340027473", "SAAD ADMR DE MARSEILLAN", "MARSEILLAN", "34340", "34", "460"),
    ("160004123", "160006771", "EHPAD SAINTE-MARIE", "ETAGNAC", "16150", "16", "500"),
    (
        "830207304",
        "830001871",
        "EHPAD LES JARDINS DE SAINTE BAUME",
        "NANS LES PINS",
        "83860",
        "83",
        "500",
    ),
    ("970114039", "970114021", "HOM MULTI-SERVICES", "STE ANNE", "97180", "971", "460"),
    (
        "170795165",
        "170000988",
        "ADA 17 : UNITE DE ST JEAN D'ANGELY",
        "ST JEAN D ANGELY",
        "17400",
        "17",
        "146",
    ),
    (
        "060024049",
        "060790300",
        "RESIDENCE AUTONOMIE ST JEAN D'ANGELY",
        "NICE",
        "06300",
        "06",
        "202",
    ),
    (
        "440033181",
        "440006294",
        "FOYER DE VIE L'OREE DU PIN",
        "CORCOUE SUR LOGNE",
        "44650",
        "44",
        "382",
    ),
    ("910000165", "910707777", "MAS LA MAISON DE L OREE (ANNEXE)", "DRAVEIL", "91210", "91", "255"),
    (
        "590787370",
        "920028560",
        'RESIDENCE AUTONOMIE "L\'OREE DU BOIS"',
        "LEWARDE",
        "59287",
        "59",
        "202",
    ),
    (
        "740013479",
        "740000674",
        "LA PASSERELLE - ACCUEIL MÈRE-ENFANTS",
        "THONON LES BAINS CEDEX",
        "74204",
        "74",
        "166",
    ),
    ("560027096", "560005936", "SERVICE D'ACCUEIL MÈRE-ENFANT", "LORIENT", "56100", "56", "166"),
    ("810000133", "810000299", "EHPAD LA CHEVALIERE", "MAZAMET", "81200", "81", "500"),
    (
        "690015508",
        "690795562",
        "ACCUEIL DE JOUR LA POUDRETTE",
        "VILLEURBANNE",
        "69100",
        "69",
        "207",
    ),
]


@dataclass(frozen=True)
class Judged:
    query: str
    expected: str  # FINESS ET among the first five results
    typo: bool = False


NAMES_AND_COMMUNES = [
    Judged("saint etienne", "420010506"),
    Judged("st-etienne", "420010506"),
    Judged("Saint-Étienne", "420010506"),
    Judged("ST ETIENNE", "420010506"),
    Judged("ime saint etienne", "420010506"),
    Judged("savs st-étienne", "420793390"),
    Judged("saint etienne du rouvray", "760012757"),
    Judged("st-étienne-de-tinée", "060013729"),
    Judged("saint etienne les orgues", "040006017"),
    Judged("marpa st etienne du bois", "010008332"),
    Judged("l'arche", "690034665"),
    Judged("l’arche lyon", "690034665"),
    Judged("L'Arche en France", "750830200"),
    Judged("ehpad les tilleuls", "470008772"),
    Judged("EHPAD Les Tilleuls Penne-d'Agenais", "470008772"),
    Judged("savs les tilleuls", "260012547"),
    Judged("S.A.V.S. Taulignan", "260012547"),
    Judged("esat valréas", "840003776"),
    Judged("sessad autisme", "750002164"),
    Judged("sessad autisme paris", "750002164"),
    Judged("sessad autisme-ted", "970304846"),
    Judged("chrs marseille", "130810310"),
    Judged("ehpad sainte marie", "160004123"),
    Judged("EHPAD Ste-Marie", "160004123"),
    Judged("jardins sainte baume", "830207304"),
    Judged("sainte anne", "970114039"),
    Judged("st jean d'angély", "170795165"),
    Judged("saint-jean-d’angely ada", "170795165"),
    Judged("foyer de vie l'orée du pin", "440033181"),
    Judged("maison de l'oree", "910000165"),
    Judged("résidence autonomie l'orée du bois", "590787370"),
    Judged("accueil mère-enfants", "740013479"),
    Judged("mere enfant lorient", "560027096"),
    Judged("ehpad mazamet", "810000133"),
    Judged("F.R.P.A. Chavanelle", "420789331"),
    Judged("frpa chavanelle", "420789331"),
    Judged("chavanelle", "420789331"),
]
NUMBERS = [
    Judged("690 015 508", "690015508"),
    Judged("69.001.550.8", "690015508"),
    Judged("690-015-508", "690015508"),
    Judged("2B 000 531 8", "2B0005318"),
    Judged("420 792 939", "420792947"),  # the EJ number lists its two ESSMS
    Judged("420 792 939", "420792970"),
    Judged("420787046", "420010506"),
]
TYPOS = [
    Judged("ehpda les tilleuls", "470008772", typo=True),
    Judged("marseile", "130810310", typo=True),
    Judged("sesad autisme", "750002164", typo=True),
    Judged("chavanele", "420789331", typo=True),
    Judged("tilleuils valreas", "840003776", typo=True),
    Judged("ime st etiene", "420010506", typo=True),
]


@pytest.fixture
def directory(db):
    regions = dict(Departement.objects.values_list("code", "region_id"))
    bodies = {}
    for finess, body, name, city, postal_code, departement, category in DIRECTORY:
        if body not in bodies:
            bodies[body] = ManagingBodyFactory(finess=body, departement_id=departement)
        EstablishmentFactory(
            finess=finess,
            managing_body=bodies[body],
            name=name,
            city=city,
            postal_code=postal_code,
            commune_id=None,
            departement_id=departement,
            region_id=regions[departement],
            category_id=category,
        )


def first_five(query: str) -> tuple[list[str], selectors.NameSearch, int]:
    found, search = selectors.search_establishments(
        selectors.establishments().filter(is_closed=False), query
    )
    return [e.finess for e in found[:5]], search, found.count()


def misses(judged: list[Judged]) -> list[str]:
    missed = []
    for case in judged:
        top, search, count = first_five(case.query)
        if case.typo:
            suggestion = selectors.spelling_suggestion(search, count)
            if suggestion is None:
                missed.append(f"{case.query!r}: no spelling suggestion")
                continue
            if connection.vendor != "postgresql":  # SQLite: the suggested query finds it
                top = first_five(suggestion)[0]
        if case.expected not in top:
            missed.append(f"{case.query!r}: {case.expected} not in {top}")
    return missed


def test_names_and_communes_in_every_spelling(directory):
    assert misses(NAMES_AND_COMMUNES) == []


def test_finess_numbers_with_spaces_dots_and_legal_entity_numbers(directory):
    assert misses(NUMBERS) == []


def test_misspelt_queries(directory):
    assert misses(TYPOS) == []


def test_the_judged_set_is_large_enough():
    assert len(NAMES_AND_COMMUNES + NUMBERS + TYPOS) >= 30
