"""grappes.funding: lines per ESSMS and grappe, tranches, redistribution, frozen scale."""

from decimal import Decimal

import pytest

from mutualis.grappes.funding import FundedEssms, simulate
from mutualis.grappes.rules import Programme
from mutualis.grappes.selectors import funded, rules_for
from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


def essms(situation="no_dui", segur=True, small=False, member=1, n=1) -> list[FundedEssms]:
    return [
        FundedEssms(
            f"0{member}{i:07d}", f"ESSMS {i}", member, f"OG {member}", situation, segur, small
        )
        for i in range(n)
    ]


def test_2022_scale_for_acquisitions_and_equipped_essms():
    rules = rules_for(Programme.GENERALISATION, 2022)
    result = simulate(
        Programme.GENERALISATION,
        rules,
        essms(segur=True) + essms("no_dui", segur=False, member=2) + essms("compliant", member=3),
    )
    totals = [e.total for e in result.essms]
    assert totals == [Decimal(21500), Decimal(19000), Decimal(5000)]
    assert [line.label for line in result.essms[0].lines] == [
        "Acquisition d'un DUI référencé Ségur (éditeur)",
        "Accompagnement aux usages (nouveau DUI)",
    ]
    assert result.total == Decimal(45500)


def test_the_seed_example_of_fifteen_segur_acquisitions():
    rules = rules_for(Programme.GENERALISATION, 2022)
    assert simulate(Programme.GENERALISATION, rules, essms(n=15)).total == Decimal(322500)


def test_small_managing_bodies_get_equipment_and_amoa_capped_in_2024():
    rules_2022 = rules_for(Programme.GENERALISATION, 2022)
    result = simulate(Programme.GENERALISATION, rules_2022, essms(small=True))
    assert result.essms[0].total == Decimal(21500 + 20000)
    assert [line.amount for line in result.grappe_lines] == [Decimal(15000), Decimal(100000)]
    assert "à confirmer" in " ".join(result.notes)
    rules_2024 = rules_for(Programme.GENERALISATION, 2024)
    capped = simulate(Programme.GENERALISATION, rules_2024, essms(small=True))
    assert capped.essms[0].lines[-1].amount == Decimal(10000)
    assert capped.essms[0].lines[-1].label.endswith("(plafonné)")


def test_tranches_and_redistribution_per_member():
    rules = rules_for(Programme.GENERALISATION, 2023)
    result = simulate(
        Programme.GENERALISATION, rules, essms(member=1, n=2) + essms("compliant", member=2)
    )
    assert result.tranches == [
        (Decimal(50), Decimal("24000.00")),
        (Decimal(50), Decimal("24000.00")),
    ]
    assert [(m.member_name, m.amount, m.tranches) for m in result.members] == [
        ("OG 1", Decimal(43000), [Decimal("21500.00"), Decimal("21500.00")]),
        ("OG 2", Decimal(5000), [Decimal("2500.00"), Decimal("2500.00")]),
    ]
    first_2022 = simulate(
        Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2022), essms()
    )
    assert first_2022.tranches[0] == (Decimal(40), Decimal("8600.00"))


def test_scenarios_override_segur_referencing():
    rules = rules_for(Programme.GENERALISATION, 2022)
    declared = essms(segur=False, n=2)
    assert simulate(Programme.GENERALISATION, rules, declared).total == Decimal(38000)
    assert simulate(Programme.GENERALISATION, rules, declared, segur=True).total == Decimal(43000)


def test_sons_is_paid_to_the_editor():
    result = simulate(Programme.SONS_V1, rules_for(Programme.SONS_V1, 2022), essms("compliant"))
    assert result.total == 0 and "directement à l'éditeur" in result.notes[0]


def test_missing_scale_lines_are_reported():
    result = simulate(Programme.GENERALISATION, {}, essms())
    assert result.total == 0
    assert result.notes[0].startswith(
        "Barème incomplet pour cette année : fund.new_dui.editor.segur"
    )


def test_without_the_small_og_threshold_no_size_is_guessed():
    establishment = EstablishmentFactory(managing_body=ManagingBodyFactory(establishment_count=3))
    rules = rules_for(Programme.GENERALISATION, 2024)
    assert funded(establishment, "no_dui", True, rules).small_og is True
    del rules["small_og.max_essms"]
    unknown = funded(establishment, "no_dui", True, rules)
    assert unknown.small_og is None
    result = simulate(Programme.GENERALISATION, rules, [unknown])
    assert [line.rule for line in result.essms[0].lines] == [
        "fund.new_dui.editor.segur",
        "fund.new_dui.usages",
    ]  # no small-OG equipment, and no AMOA
    assert result.grappe_lines == []
    assert "Barème incomplet pour cette année : small_og.max_essms." in result.notes


def test_amorcage_states_its_small_og_threshold():
    for programme in (Programme.AMORCAGE_T1, Programme.AMORCAGE_T2):
        assert rules_for(programme, 2021)["small_og.max_essms"].integer == 14
