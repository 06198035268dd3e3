"""Helpers to read rendered pages in tests."""

import html
import re


def text(response) -> str:
    """The page's HTML with entities decoded, to look for French sentences in it."""
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page's text without tags, whitespace collapsed: to read a table row as one line."""
    stripped = re.sub(r"<[^>]+>", " ", text(response))
    return " ".join(stripped.split())
