"""Charts, not only tables: SVG bar charts computed by a pure function, each beside its
data table folded in an accordion (accessible: role="img", title, desc, caption)."""

import re

import pytest
from django.urls import reverse

from mutualis.observatory.charts import LABEL_WIDTH, WIDTH, bar_chart
from tests.pages import text

pytestmark = pytest.mark.django_db
URL = reverse("observatory:dashboard")


def test_bars_are_proportional_and_withheld_values_have_none():
    chart = bar_chart("Maturité", [("A", 4.0), ("B", 2.0), ("C", None)], 4, str)
    room = WIDTH - LABEL_WIDTH - 90
    assert [bar.width for bar in chart.bars] == [room, room / 2, 0]
    assert [bar.text for bar in chart.bars] == ["4.0", "2.0", "None"]
    assert chart.bars[1].y > chart.bars[0].y
    assert "dont 1 non publiée(s) (secret statistique)" in chart.description


def test_counts_scale_to_the_largest_and_long_labels_are_shortened():
    label = "Établissement d'hébergement pour personnes âgées dépendantes"
    chart = bar_chart("ESSMS", [(label, 10), ("B", 5)], None, str)
    assert chart.bars[0].width == 2 * chart.bars[1].width
    assert chart.bars[0].short_label.endswith("…") and len(chart.bars[0].short_label) <= 34
    assert chart.bars[0].label == label


def test_each_chart_is_an_image_with_title_beside_a_captioned_table(client, auvergne):
    page = text(client.get(URL, {"campagne": 2026}))
    charts = re.findall(r'<svg class="mutualis-chart"[^>]*role="img"[^>]*>\s*<title', page)
    # services, by sector, size and category, evolution (no dimension scores, no editor)
    assert len(charts) == 5
    assert "Maturité moyenne (0 à 4) par secteur" in page
    assert "<desc id=" in page
    assert page.count('class="fr-accordion__btn"') >= 7  # tables folded beside their charts
    assert "<caption>Par secteur</caption>" in page


def test_the_charted_indicator_follows_the_map_indicator(client, auvergne):
    page = text(client.get(URL, {"campagne": 2026, "indicateur": "dui_rate"}))
    assert "Taux d'équipement en DUI (%) par taille de l'organisme gestionnaire" in page
    assert "50,0 %</text>" in page  # the bar's value, drawn in the chart


def test_dimension_distributions_are_charted(client, auvergne):
    places, _ = auvergne
    for place in places:
        assessment = place.assessments.get()
        assessment.dimension_scores = {"1": 2.5, "2": 0.5}
        assessment.save()
    from mutualis.observatory import selectors

    selectors.refresh()
    page = text(client.get(URL, {"campagne": 2026}))
    assert "ESSMS par palier atteint" in page
    assert "<caption>ESSMS autodiagnostiqués par palier atteint, par dimension</caption>" in page
    assert re.search(r"Palier 2</text>\s*<rect", page)  # the 6 ESSMS at palier 2 of dim. 1
