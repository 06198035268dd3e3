"""A referential CSV with a field over csv's 128 KiB limit is refused with its line number,
in French (csv.Error was a 500)."""

import pytest

from mutualis.maturity.models import ReferentialVersion
from mutualis.maturity.referential import COLUMNS, ReferentialFileError, read_referential
from tests.factories import national_admin
from tests.maturity.test_referential_page import ROW, upload
from tests.pages import text

HEADER = ",".join(COLUMNS)
HUGE = "Q" * (128 * 1024 + 1)
EXPECTED = (
    "Ligne 3 : illisible : un champ dépasse 128 Kio ou un guillemet n'est pas refermé. "
    "La lecture s'arrête à cette ligne."
)


def test_a_huge_field_is_reported_with_its_line():
    text_ = "\n".join([HEADER, ROW.format(n=1), ROW.format(n=2).replace("Question", HUGE)])

    with pytest.raises(ReferentialFileError) as error:
        read_referential(text_)

    assert error.value.errors == [EXPECTED]


def test_a_huge_header_is_reported_on_line_1():
    with pytest.raises(ReferentialFileError) as error:
        read_referential(HUGE + "\n" + ROW.format(n=1))

    assert error.value.errors[0].startswith("Ligne 1 : illisible")


@pytest.mark.django_db
def test_the_upload_page_lists_the_unreadable_line(client):
    client.force_login(national_admin())
    content = "\n".join([HEADER, ROW.format(n=1), ROW.format(n=2).replace("Question", HUGE)])

    response = upload(client, content)

    assert response.status_code == 200
    assert EXPECTED in text(response)
    assert not ReferentialVersion.objects.filter(version="2027.1").exists()
