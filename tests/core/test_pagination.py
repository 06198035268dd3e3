"""The DSFR pagination: unavailable links disabled, other query parameters kept."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory

from mutualis.core.pagination import paginate


def rendered(query: str) -> str:
    request = RequestFactory().get(f"/annuaire/?{query}")
    page = paginate(request, list(range(200)), per_page=10)
    return render_to_string("core/includes/pagination.html", {"page_obj": page, "request": request})


def link(html: str, label: str) -> str:
    return re.search(rf"<a [^>]*>{label}</a>", html).group(0)


def test_on_the_first_page_the_backward_links_are_disabled():
    html = rendered("commune=Lyon")
    for label in ("Première page", "Page précédente"):
        assert 'aria-disabled="true"' in link(html, label)
        assert "href" not in link(html, label)
    assert 'href="?commune=Lyon&amp;page=2"' in link(html, "Page suivante")
    assert 'href="?commune=Lyon&amp;page=20"' in link(html, "Dernière page")


def test_a_middle_page_links_both_ways_with_elided_ranges():
    html = rendered("page=10")
    assert 'href="?page=9"' in link(html, "Page précédente")
    assert "aria-disabled" not in link(html, "Page suivante")
    assert re.search(r'aria-current="page"\s+title="Page 10"', html)
    assert html.count("…") == 2


def test_a_single_page_shows_no_pagination():
    request = RequestFactory().get("/")
    page = paginate(request, [1, 2], per_page=10)
    assert render_to_string("core/includes/pagination.html", {"page_obj": page}).strip() == ""
