"""Small etalab files written for the import tests."""

from pathlib import Path

from mutualis.finess.numbers import has_valid_key


def with_key(first_eight: str) -> str:
    """A FINESS number whose ninth character is a valid key."""
    return next(first_eight + d for d in "0123456789" if has_valid_key(first_eight + d))


def structureet(finess: str, ej: str, name: str, category: str = "500", **extra) -> str:
    fields = [""] * 32
    fields[0], fields[1], fields[2], fields[3] = "structureet", finess, ej, name
    fields[12], fields[13], fields[14] = extra.get("commune", "053"), "01", "AIN"
    fields[15] = extra.get("town", "01000 BOURG EN BRESSE")
    fields[18], fields[20] = category, "4401"
    fields[28], fields[30] = "2001-01-01", "2020-01-01"
    return ";".join(fields)


def geolocalisation(finess: str, x: float, y: float) -> str:
    source = "1,FINESS,,,EPSG:2154 RGF93 / Lambert-93 (Métropole)"
    return f"geolocalisation;{finess};{x};{y};{source};2020-01-01"


def write_etalab(path: Path, date: str, lines: list[str]) -> Path:
    path.write_text("\r\n".join([f"finess;etalab;0;{date}", *lines]) + "\r\n", encoding="cp1252")
    return path
