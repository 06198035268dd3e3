"""A JSON parser that refuses bodies nested deeper than any API payload needs, before
``json.loads`` recurses into them (5 000 nested arrays exhaust Python's stack)."""

from __future__ import annotations

import codecs
import json
import re
from itertools import accumulate

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 64
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text`` (brackets inside strings do not count)."""
    brackets = _BRACKET.findall(_STRING.sub("", text))
    steps = (1 if bracket in "[{" else -1 for bracket in brackets)
    return max(accumulate(steps), default=0)


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
        except ValueError as error:
            raise ParseError(f"Le corps de la requête n'est pas encodé en {encoding}.") from error
        if nesting_depth(text) > MAX_DEPTH:
            raise ParseError(
                f"JSON trop imbriqué : au plus {MAX_DEPTH} niveaux de tableaux et d'objets."
            )
        try:
            return json.loads(text, parse_constant=strict_constant if self.strict else None)
        except json.JSONDecodeError as error:
            raise ParseError(
                f"JSON mal formé (ligne {error.lineno}, colonne {error.colno})."
            ) from error
        except ValueError as error:  # NaN or Infinity, which strict JSON refuses
            raise ParseError("JSON mal formé : nombre non valable.") from error
