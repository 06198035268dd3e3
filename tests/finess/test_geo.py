"""Projection of FINESS coordinates to WGS84 and EPSG parsing of ``sourcecoordet``."""

import pytest

from mutualis.finess import geo
from mutualis.finess.geo import epsg_for_departement, epsg_from_source, to_wgs84


def test_control_point_lambert93():
    lon, lat = to_wgs84(870262.2, 6571540.8, 2154)
    assert round(lon, 5) == 5.20918
    assert round(lat, 5) == 46.22229


@pytest.mark.parametrize(
    ("epsg", "x", "y", "lon", "lat"),
    [
        (5490, 515835.7, 1978763.2, -62.8505, 17.8967),  # Gustavia, Saint-Barthélemy
        (5490, 718265.0, 1612136.4, -60.9741, 14.5736),  # Ducos, Martinique
        (2972, 352946.9, 545869.0, -52.3263, 4.9372),  # Cayenne, Guyane
        (2975, 338811.2, 7690101.4, 55.4504, -20.8823),  # Saint-Denis, Réunion
        (4471, 516032.1, 8570479.0, 45.1478, -12.9311),  # Chirongui, Mayotte
        (32621, 562801.1, 5181167.6, -56.1773, 46.7811),  # Saint-Pierre
    ],
)
def test_overseas_systems(epsg, x, y, lon, lat):
    got_lon, got_lat = to_wgs84(x, y, epsg)
    assert (round(got_lon, 4), round(got_lat, 4)) == (lon, lat)


def test_transformers_are_cached_per_epsg():
    to_wgs84(870262.2, 6571540.8, 2154)
    hits = geo._transformer.cache_info().hits
    to_wgs84(870000.0, 6570000.0, 2154)
    assert geo._transformer.cache_info().hits == hits + 1


def test_unknown_epsg_raises_value_error():
    with pytest.raises(ValueError):
        to_wgs84(1.0, 2.0, 99999)


@pytest.mark.parametrize(
    ("source", "epsg"),
    [
        ("1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)", 2154),
        ("1,FINESS,,,EPSG:5490 RGAF09 / UTM zone 20N (Guadeloupe)", 5490),
        ("1,FINESS,,,EPSG:2972 RGFG95 / UTM zone 22N (Guyane)", 2972),
        ("1,FINESS,,,EPSG:32621 WGS 84 / UTM zone 21N", 32621),
        ("epsg: 4471", 4471),
        ("1,FINESS,,,", None),
        ("", None),
        ("EPSG:", None),
    ],
)
def test_epsg_from_source(source, epsg):
    assert epsg_from_source(source) == epsg


@pytest.mark.parametrize(
    ("declared", "departement", "epsg"),
    [
        (2154, "974", 2975),
        (2154, "971", 5490),
        (2154, "972", 5490),
        (2154, "973", 2972),
        (2154, "975", 32621),
        (2154, "976", 4471),
        (2154, "2A", 2154),
        (5490, "971", 5490),
        (2975, "01", 2975),  # only Lambert-93 is corrected
    ],
)
def test_lambert93_overseas_is_read_in_the_local_system(declared, departement, epsg):
    assert epsg_for_departement(declared, departement) == epsg
