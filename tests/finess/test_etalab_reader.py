"""Reading etalab establishment extracts (cs1100502 / cs1100507)."""

import datetime as dt
import gzip
import shutil
from pathlib import Path

import pytest

from mutualis.finess.readers import read_finess_file

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "etalab-cs1100502-stock-20260512-0339_extrait15.csv"
GEOLOC = DATA / "etalab-cs1100507-geoloc.csv"
CP1252 = DATA / "etalab-cs1100507-cp1252.csv"
MALFORMED = DATA / "etalab-malformed.csv"


def issues(items):
    return [(issue.line, issue.finess, issue.reason) for issue in items]


def by_finess(result):
    return {record.finess: record for record in result.establishments}


def test_2026_sample_is_read_without_issue():
    result = read_finess_file(SAMPLE)
    assert result.kind == "etalab-establishments"
    assert result.file_date == dt.date(2026, 5, 12)
    assert [r.line for r in result.establishments] == list(range(2, 16))
    assert result.rejects == [] and result.warnings == [] and result.managing_bodies == []
    assert result.out_of_scope == 0


def test_2026_sample_first_record_fields():
    record = read_finess_file(SAMPLE).establishments[0]
    assert (record.finess, record.managing_body_finess) == ("010000024", "010780054")
    assert record.name == "CH DE FLEYRIAT"
    assert record.long_name == "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT"
    assert (record.street_number, record.street_type, record.street_name) == (
        "900",
        "RTE",
        "DE PARIS",
    )
    assert (record.commune_code, record.departement_code) == ("01451", "01")
    assert (record.postal_code, record.city) == ("01440", "VIRIAT")
    assert record.phone == "0474454647"
    assert (record.category_code, record.aggregate_code) == ("355", "1102")
    assert (record.siret, record.ape_code, record.tariff_mode_code) == (
        "26010004500012",
        "8610Z",
        "03",
    )
    assert record.opened_on == dt.date(1979, 2, 13)
    assert record.authorized_on == dt.date(1979, 2, 13)
    assert record.updated_on == dt.date(2020, 2, 4)
    assert record.latitude is None and record.longitude is None and record.geo_source == ""


@pytest.mark.parametrize(
    ("finess", "departement", "commune", "postal", "city"),
    [
        ("970102018", "971", "97123", "97133", "ST BARTHELEMY"),
        ("970210126", "972", "97207", "97224", "DUCOS"),
        ("970300026", "973", "97302", "97306", "CAYENNE CEDEX"),
        ("970400024", "974", "97411", "97405", "ST DENIS CEDEX"),
        ("980501506", "976", "97606", "97620", "CHIRONGUI"),
        ("980600027", "986", "98613", "98600", "UVEA"),
    ],
)
def test_overseas_departements_and_communes(finess, departement, commune, postal, city):
    record = by_finess(read_finess_file(SAMPLE))[finess]
    assert (record.departement_code, record.commune_code) == (departement, commune)
    assert (record.postal_code, record.city) == (postal, city)


def test_quoted_fields_and_inner_spaces():
    records = by_finess(read_finess_file(SAMPLE))
    lieu_de_vie = records["980501506"]
    assert lieu_de_vie.name == 'LIEU DE VIE "MAVOUNA MEMA 1"'
    assert lieu_de_vie.long_name == 'LIEU DE VIE ET D\'ACCUEIL "MAVOUNA MEMA 1"'
    assert lieu_de_vie.name_complement == "ASSOCIATION MESSO"
    assert records["970210126"].name == "CMPP  INTERSECTORIEL ALOES"
    assert records["970302287"].category_code == "500"


def test_gzip_is_detected_by_content_not_by_name(tmp_path):
    disguised = tmp_path / "extract.csv"
    with gzip.open(disguised, "wb") as out:
        out.write(SAMPLE.read_bytes())
    plain_named_gz = tmp_path / "extract.csv.gz"
    shutil.copy(SAMPLE, plain_named_gz)
    for path in (disguised, plain_named_gz):
        result = read_finess_file(path)
        assert len(result.establishments) == 14
        assert result.establishments[-1].finess == "970216057"


def test_cp1252_crlf_with_a_utf8_line():
    result = read_finess_file(CP1252)
    assert result.file_date == dt.date(2021, 1, 8)
    assert result.rejects == [] and result.warnings == []
    records = by_finess(result)
    accueil = records["010003978"]
    # The 2021 reconstructed file quotes this name twice; the reader undoes it.
    assert accueil.name == 'ACCUEIL DE JOUR "AUX  LUCIOLES"'
    assert accueil.street_name == "DU COLLÈGE"
    assert (round(accueil.longitude, 4), round(accueil.latitude, 4)) == (4.8148, 45.9298)
    cedex = records["2A0000022"]
    assert (cedex.commune_code, cedex.departement_code) == ("", "2A")
    assert (cedex.postal_code, cedex.city) == ("20184", "AJACCIO CEDEX 1")
    ehpad = records["2A0000253"]  # the UTF-8 line
    assert ehpad.commune_code == "2A004"
    assert (round(ehpad.longitude, 4), round(ehpad.latitude, 4)) == (8.7294, 41.9163)
    assert ehpad.geo_source == "1,FINESS,,,EPSG:2154 RGF93 / Lambert-93 (Métropole)"


@pytest.mark.parametrize(
    ("finess", "lon", "lat", "epsg"),
    [
        ("010000024", 5.2092, 46.2223, "EPSG:2154"),
        ("970102018", -62.8505, 17.8967, "EPSG:5490"),
        ("970210126", -60.9741, 14.5736, "EPSG:5490"),
        ("970300026", -52.3263, 4.9372, "EPSG:2972"),
        ("970400024", 55.4504, -20.8823, "EPSG:2975"),
        ("980501506", 45.1478, -12.9311, "EPSG:4471"),
        ("975000100", -56.1773, 46.7811, "EPSG:32621"),
    ],
)
def test_geolocation_lines_are_projected(finess, lon, lat, epsg):
    record = by_finess(read_finess_file(GEOLOC))[finess]
    assert (round(record.longitude, 4), round(record.latitude, 4)) == (lon, lat)
    assert epsg in record.geo_source


def test_saint_pierre_et_miquelon():
    record = by_finess(read_finess_file(GEOLOC))["975000100"]
    assert (record.departement_code, record.commune_code) == ("975", "97502")


def test_unusable_geolocations_are_warnings():
    result = read_finess_file(GEOLOC)
    assert result.rejects == []
    assert issues(result.warnings) == [
        (15, "970100400", "Coordonnées illisibles : « abc » ; « 1978763.2 »"),
        (16, "970102059", "Coordonnées non projetables (515835.7 ; 1978763.2, EPSG:99999)"),
        (20, "970409645", "Géolocalisation incomplète : 3 champs au lieu de 6"),
        (22, "980502199", "Système de coordonnées non indiqué : « 1,FINESS,,, »"),
        (24, "010999993", "Géolocalisation d'un établissement absent du fichier"),
    ]
    records = by_finess(result)
    for finess in ("970100400", "970102059", "970409645", "980502199"):
        assert records[finess].latitude is None and records[finess].longitude is None


def test_keep_category_drops_early_and_silences_their_geolocations():
    result = read_finess_file(GEOLOC, keep_category=lambda code: code in {"189", "462"})
    assert [r.finess for r in result.establishments] == ["970210126", "980501506"]
    assert result.out_of_scope == 9
    assert issues(result.warnings) == [
        (24, "010999993", "Géolocalisation d'un établissement absent du fichier")
    ]


def test_malformed_lines_are_rejected_with_line_numbers():
    result = read_finess_file(MALFORMED)
    assert issues(result.rejects) == [
        (3, "750000010", "31 champs au lieu de 32"),
        (4, "", "Numéro FINESS invalide : « 01000002 »"),
        (6, "750000028", "Numéro FINESS juridique invalide : « ABC »"),
        (7, "750000036", "Catégorie d'établissement absente"),
        (9, "010000024", "Numéro FINESS en double (déjà lu ligne 2)"),
        (11, "", "Type de ligne inattendu : « equipementsocial »"),
        (12, "130000029", "33 champs au lieu de 32"),
    ]


def test_doubtful_values_are_accepted_with_warnings():
    result = read_finess_file(MALFORMED)
    assert issues(result.warnings) == [
        (5, "010000025", "Clé de contrôle FINESS incorrecte : 010000025"),
        (8, "130000011", "Date d'ouverture illisible : « 2020-13-45 », ignorée"),
        (8, "130000011", "Date de mise à jour illisible : « 04/02/2020 », ignorée"),
        (13, "130000037", "Département inconnu : « 97 »"),
        (13, "130000037", "Code commune illisible : « 45 », ignoré"),
    ]
    records = by_finess(result)
    assert list(records) == ["010000024", "010000025", "130000011", "130000037"]
    dates = records["130000011"]
    assert (dates.opened_on, dates.authorized_on, dates.updated_on) == (
        None,
        dt.date(1979, 2, 13),
        None,
    )
    assert records["130000037"].commune_code == ""
    # The geolocation of the rejected line 3 is ignored silently; line 15 is applied.
    assert round(records["010000024"].latitude, 5) == 46.22229


def test_progress_reports_lines_read():
    seen = []
    read_finess_file(GEOLOC, progress=seen.append)
    assert seen == [24]


def test_overseas_point_declared_in_lambert93_is_read_in_the_local_utm(tmp_path):
    # As in the 2021 national file: département "97", local UTM 40S coordinates, but
    # sourcecoordet names Lambert-93 (which would put Le Port in Scotland).
    path = tmp_path / "port.csv"
    path.write_text(
        "finess;etalab;0;2021-01-08\n"
        "structureet;970462024;970400255;CLINIQUE JEANNE D'ARC;;;;;R;ALSACE LORRAINE;;CS 21038;"
        ";97;;97829 LE PORT CEDEX;0262428888;;122;Soins;1110;Courte durée;31086202400018;"
        "8610Z;;;0;Non concerné;1971-09-01;;2019-12-10;\n"
        "geolocalisation;970462024;322852.9;7683886.4;"
        "1,FINESS,,,EPSG:2154 RGF93 / Lambert-93 (Métropole);2019-12-10\n",
        encoding="utf-8",
    )
    result = read_finess_file(path)
    record = result.establishments[0]
    assert record.departement_code == "974"
    assert (round(record.longitude, 3), round(record.latitude, 3)) == (55.296, -20.937)
    assert issues(result.warnings)[-1] == (
        3,
        "970462024",
        "Coordonnées déclarées en Lambert-93 pour le département 974 : lues en EPSG:2975",
    )
