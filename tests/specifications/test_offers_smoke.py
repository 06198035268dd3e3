import pytest
from django.urls import reverse

from tests.specifications.offer_builders import scored


@pytest.mark.django_db
def test_pages_answer(client):
    the_group, spec, alpha, _beta = scored()
    client.force_login(the_group.carrier_admin)
    for name, args in [
        ("criteria", [spec.uid]),
        ("offers", [spec.uid]),
        ("offer_add", [spec.uid]),
        ("offer", [spec.uid, alpha.uid]),
        ("offer_delete", [spec.uid, alpha.uid]),
        ("analysis", [spec.uid]),
        ("decide", [spec.uid]),
        ("analysis_xlsx", [spec.uid]),
        ("analysis_pdf", [spec.uid]),
    ]:
        response = client.get(reverse(f"specifications:{name}", args=args))
        assert response.status_code == 200, name
