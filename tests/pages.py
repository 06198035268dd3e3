"""Helpers to read rendered pages in tests."""

import html


def text(response) -> str:
    """The page's HTML with entities decoded, to look for French sentences in it."""
    return html.unescape(response.content.decode())
