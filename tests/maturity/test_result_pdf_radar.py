"""The PDF's radar looks like the screen's: a light blue, translucent area with a dark blue
outline — not the solid black shape WeasyPrint drew when colours came from CSS classes."""

import pytest
from django.urls import reverse

from mutualis.maturity import services
from tests.maturity.pdf_raster import render_page

pytestmark = pytest.mark.django_db


def _colour_counts(image) -> tuple[int, int]:
    """(near-black pixels, pixels of the radar's translucent blue fill)."""
    black = fill = 0
    for (red, green, blue), count in ((c, n) for n, c in image.getcolors(maxcolors=1 << 20)):
        if max(red, green, blue) < 60:
            black += count
        elif abs(red - 223) < 12 and abs(green - 223) < 12 and blue > 240:
            fill += count
    return black, fill


def test_the_pdf_radar_is_filled_in_translucent_blue_not_black(
    client, member, establishment, indicators, tmp_path
):
    assessment = services.start_assessment(member, establishment.managing_body, establishment)
    for index, indicator in enumerate(indicators):
        services.save_answer(member, assessment, indicator.code, 1 + index % 4)
    services.submit_assessment(member, assessment)
    client.force_login(member)
    pdf = tmp_path / "result.pdf"
    pdf.write_bytes(client.get(reverse("maturity:result_pdf", args=[assessment.uid])).content)

    black, fill = _colour_counts(render_page(str(pdf), 0))

    # The radar's area is about 100 x 100 pt, i.e. tens of thousands of pixels at 2 px/pt.
    assert fill > 5_000
    assert black < 500
