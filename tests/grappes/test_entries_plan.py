"""The plan of a bulk change on a member's ESSMS (pure), and its writing in one
transaction with its checks."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mutualis.core.models import AuditLog
from mutualis.directory.models import Solution
from mutualis.grappes import entries, services
from mutualis.grappes.eligibility import Eligibility, Failure
from mutualis.grappes.entries import Change, Choice, Issue, plan
from mutualis.grappes.models import GrappeEstablishment
from tests.factories import UserFactory
from tests.grappes.conftest import body_with

CURRENT = {1: Choice("no_dui", 7, "saas"), 2: Choice("upgrade", None, "")}


def test_include_adds_the_missing_and_sets_the_given_values_on_the_others():
    result = plan(Change(entries.INCLUDE, situation="replacement"), [1, 2, 3, 3], CURRENT)
    assert result.added == {3: Choice("replacement", None, "")}
    assert result.updated == {
        1: Choice("replacement", 7, "saas"),
        2: Choice("replacement", None, ""),
    }
    assert result.touched == 3 and result.unchanged == 0


def test_include_without_values_keeps_the_current_choices():
    result = plan(Change(entries.INCLUDE), [1, 2], CURRENT)
    assert result.touched == 0 and result.unchanged == 2
    assert result.summary() == ["2 ESSMS déjà à jour"]


def test_remove_touches_only_the_essms_in_the_grappe():
    result = plan(Change(entries.REMOVE), [1, 3], CURRENT)
    assert result.removed == [1] and result.outside == 1
    assert entries.after(CURRENT, result) == {2: CURRENT[2]}
    assert result.summary() == ["1 ESSMS retiré", "1 ESSMS ignoré : pas dans la grappe"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (Change(entries.SITUATION, situation="compliant"), Choice("compliant", 7, "saas")),
        (Change(entries.SOLUTION, solution_id=9), Choice("no_dui", 9, "saas")),
        (Change(entries.SOLUTION), Choice("no_dui", None, "saas")),  # cleared
        (Change(entries.HOSTING, hosting="on_premise"), Choice("no_dui", 7, "on_premise")),
    ],
)
def test_setting_a_value_changes_that_value_only(change, expected):
    result = plan(change, [1, 3], CURRENT)
    assert result.updated == {1: expected}
    assert result.outside == 1 and not result.added


def test_confirmation_is_needed_above_fifty_essms():
    assert not plan(Change(entries.INCLUDE), range(50), {}).needs_confirmation
    many = plan(Change(entries.INCLUDE), range(51), {})
    assert many.needs_confirmation and many.summary() == ["51 ESSMS ajoutés"]


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        plan(Change("tout"), [1], {})


def test_a_pasted_list_is_split_and_checked():
    numbers = entries.parse_finess_list(" 010000032, 2a0000017;\n010000032 abc\t")
    assert numbers == ["010000032", "2A0000017", "ABC"]
    assert entries.unknown_numbers(numbers, {"010000032": 1}) == ["2A0000017", "ABC"]


def test_essms_failures_are_grouped_by_rule_and_the_verdict_keeps_the_grappe_part():
    situation = Failure("essms.situation", "Précisez la situation.", "S01")
    segur = Failure("essms.segur", "Référencement Ségur non évaluable.", "S23", unknown=True)
    result = Eligibility(
        essms={"010000002": [situation], "010000001": [situation], "010000003": []},
        undetermined={"010000004": [segur]},
        grappe=[Failure("grappe.min_essms", "Il en faut au moins 15.", "S03")],
    )
    assert entries.issues(result) == [
        Issue("Précisez la situation.", "S01", False, ("010000001", "010000002")),
        Issue("Référencement Ségur non évaluable.", "S23", True, ("010000004",)),
    ]
    verdict = entries.verdict(result)
    assert verdict.grappe == result.grappe and not verdict.essms and not verdict.undetermined


@pytest.fixture
def member(db):
    body, admin = body_with(60, "Association Porteuse")
    grappe = services.create_grappe(admin, body, "Grappe de l'Ain", "generalisation", 2024)
    return grappe.members.get(), admin, list(body.establishments.values_list("pk", flat=True))


def test_apply_writes_the_plan_and_audits_it(member, django_assert_max_num_queries):
    member, admin, ids = member
    solution = Solution.objects.order_by("pk").first()
    with django_assert_max_num_queries(12):
        done = entries.apply_change(
            admin, member, Change(entries.INCLUDE, "no_dui", solution.pk, "saas"), ids[:40]
        )
    assert len(done.added) == 40
    assert set(member.establishments.values_list("situation", "solution", "hosting_mode")) == {
        ("no_dui", solution.pk, "saas")
    }
    entries.apply_change(admin, member, Change(entries.HOSTING, hosting="external"), ids[:10])
    entries.apply_change(admin, member, Change(entries.REMOVE), ids[30:40])
    assert member.establishments.count() == 30
    assert member.establishments.filter(hosting_mode="external").count() == 10
    log = AuditLog.objects.filter(action="grappe.entries").order_by("pk").last()
    assert log.changes["action"] == "retirer" and log.changes["removed"] == 10


def test_apply_above_fifty_needs_the_confirmed_count(member):
    member, admin, ids = member
    with pytest.raises(ValidationError, match="porte maintenant sur 60 ESSMS et non sur 0"):
        entries.apply_change(admin, member, Change(entries.INCLUDE), ids)
    with pytest.raises(ValidationError, match="et non sur 59"):
        entries.apply_change(admin, member, Change(entries.INCLUDE), ids, confirmed=59)
    assert not GrappeEstablishment.objects.exists()
    entries.apply_change(admin, member, Change(entries.INCLUDE), ids, confirmed=60)
    assert member.establishments.count() == 60


def test_apply_refuses_others_establishments_and_outsiders(member):
    member, admin, ids = member
    stranger, _ = body_with(1, "Fondation Voisine")
    foreign = stranger.establishments.get().pk
    with pytest.raises(ValidationError, match="n'appartient pas à votre organisme"):
        entries.apply_change(admin, member, Change(entries.INCLUDE), [ids[0], foreign])
    with pytest.raises(PermissionDenied):
        entries.apply_change(UserFactory(), member, Change(entries.INCLUDE), ids[:1])
    assert not GrappeEstablishment.objects.exists()


def test_apply_refuses_essms_already_in_another_grappe(member):
    member, admin, ids = member
    other = services.create_grappe(
        admin, member.managing_body, "Autre grappe", "generalisation", 2024
    )
    entries.apply_change(admin, other.members.get(), Change(entries.INCLUDE), ids[:1])
    with pytest.raises(ValidationError, match="Déjà dans une autre grappe de la campagne"):
        entries.apply_change(admin, member, Change(entries.INCLUDE), ids[:3])
    assert member.establishments.count() == 0
