"""The SAD readiness checklist, on hand-written facts (pure), and the facts the page collects."""

import datetime

import pytest

from mutualis.specifications import document, readiness
from mutualis.specifications.models import Importance, Rating
from mutualis.specifications.readiness import Facts, Status
from tests.projects.factories import GrappeEstablishmentFactory
from tests.specifications import factories

READY = Facts(
    sector_label="Grand âge",
    mode="saas",
    mode_label="SaaS",
    ars_prevalidated_on=datetime.date(2026, 3, 2),
    item_count=3,
    member_ratings=(("A", 3), ("B", 3)),
    arbitrated=3,
    indispensable=1,
    criteria_count=2,
    weights_total=100,
    hosting={"saas": 4},
)


def by_key(facts: Facts) -> dict[str, readiness.Check]:
    return {check.key: check for check in readiness.checklist(facts)}


def test_a_complete_specification_is_ready():
    checks = readiness.checklist(READY)
    assert readiness.is_ready(checks)
    assert by_key(READY)["decision"].status is Status.INFO
    assert "Pas encore de décision" in by_key(READY)["decision"].explanation


def test_the_lot_is_never_guessed():
    check = by_key(Facts())["lot"]
    assert check.status is Status.UNKNOWN
    assert check.explanation.startswith("Non évaluable : choisissez")
    assert check.sources == ("S78", "S97")
    assert not readiness.is_ready(readiness.checklist(Facts()))


def test_missing_ars_date_is_to_do():
    facts = Facts(**{**READY.__dict__, "ars_prevalidated_on": None})
    assert by_key(facts)["ars"].status is Status.TODO
    assert "02/03/2026" in by_key(READY)["ars"].explanation


def test_ratings_name_the_members_who_have_not_finished():
    facts = Facts(**{**READY.__dict__, "member_ratings": (("A", 3), ("B", 1))})
    check = by_key(facts)["ratings"]
    assert check.status is Status.TODO
    assert check.explanation == "Reste à noter : B (2 exigences sans note)."


def test_arbitration_indispensable_and_criteria():
    facts = Facts(**{**READY.__dict__, "arbitrated": 2, "indispensable": 0, "weights_total": 0})
    checks = by_key(facts)
    assert checks["arbitration"].status is Status.TODO
    assert "1 exigence reste à arbitrer sur 3" in checks["arbitration"].explanation
    assert checks["indispensable"].status is Status.TODO
    assert checks["criteria"].status is Status.TODO


def test_on_premise_is_a_warning_about_hds():
    facts = Facts(**{**READY.__dict__, "mode": "on_premise", "mode_label": "Sur site"})
    check = by_key(facts)["hosting"]
    assert check.status is Status.WARNING and "HDS" in check.explanation
    assert not readiness.is_ready(readiness.checklist(facts))


def test_hosting_compares_the_essms_with_the_chosen_mode():
    facts = Facts(**{**READY.__dict__, "hosting": {"saas": 2, "on_premise": 1, "": 3}})
    check = by_key(facts)["hosting"]
    assert check.status is Status.INFO
    assert "1 ESSMS changera de mode" in check.explanation
    assert "3 ESSMS non renseignés" in check.explanation
    unknown = Facts(**{**READY.__dict__, "hosting": {"": 5}})
    assert by_key(unknown)["hosting"].status is Status.UNKNOWN
    acquisition = Facts(**{**READY.__dict__, "mode": "acquisition", "hosting": {"external": 2}})
    assert by_key(acquisition)["hosting"].status is Status.OK


@pytest.mark.django_db
def test_facts_from_the_database():
    group = factories.group()
    spec = factories.specification(group)
    item = spec.items.first()
    item.importance = Importance.INDISPENSABLE
    item.save()
    for body in group.bodies[:2]:
        Rating.objects.create(item=item, managing_body=body, importance=Importance.USEFUL)
    member = spec.grappe.members.get(managing_body=group.bodies[1])
    GrappeEstablishmentFactory(member=member, grappe=spec.grappe, hosting_mode="on_premise")
    facts = document.readiness_facts(spec)
    assert facts.item_count == spec.items.count()
    assert facts.arbitrated == 1 and facts.indispensable == 1
    assert sorted(n for _, n in facts.member_ratings) == [0, 1, 1]
    assert facts.hosting == {"on_premise": 1}
    assert facts.weights_total == 100 and facts.criteria_count == 5
