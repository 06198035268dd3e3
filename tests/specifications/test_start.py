"""Starting a specification copies the current library and proposes default criteria."""

import pytest

from mutualis.core.models import AuditLog
from mutualis.specifications.models import Criterion, RequirementLibrary
from tests.specifications.factories import specification


@pytest.mark.django_db
def test_a_new_specification_holds_every_requirement_and_default_criteria():
    spec = specification()
    library = RequirementLibrary.objects.get(is_current=True)
    assert spec.library == library
    assert list(spec.items.values_list("code", flat=True)) == list(
        library.requirements.values_list("code", flat=True)
    )
    kinds = list(spec.criteria.values_list("kind", flat=True))
    assert kinds[:2] == [Criterion.Kind.COVERAGE, Criterion.Kind.PRICE]
    assert sum(spec.criteria.values_list("weight", flat=True)) == 100
    assert AuditLog.objects.filter(action="specifications.start").count() == 1
