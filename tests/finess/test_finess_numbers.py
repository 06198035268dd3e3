"""FINESS number format and Luhn control key."""

import pytest

from mutualis.finess.numbers import FINESS_PATTERN, has_valid_key, is_valid_format, typed_number

# Real numbers: ET and EJ of the 2026 sample, Corsican ones of the 2021 national extract.
REAL_NUMBERS = [
    "010000024",
    "010780054",
    "970102018",
    "970113015",
    "970300026",
    "980501506",
    "980600027",
    "590799730",
    "2A0000022",
    "2A0000014",
    "2A0000253",
    "2A0003687",
]


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_real_numbers_have_the_format_and_a_valid_key(number):
    assert is_valid_format(number)
    assert FINESS_PATTERN.fullmatch(number)
    assert has_valid_key(number)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "01000002",
        "0100000245",
        "A10000024",
        "010O00024",
        "2a0000022",
        " 010000024",
        "01000002X",
    ],
)
def test_bad_formats(number):
    assert not is_valid_format(number)
    assert not has_valid_key(number)


@pytest.mark.parametrize("number", ["010000025", "010000020", "2A0000023", "2B0000045"])
def test_wrong_keys(number):
    assert is_valid_format(number)
    assert not has_valid_key(number)


def test_corsican_letters_count_as_one_and_two():
    # 2A0000022 is valid with A=1; with A=0 the key would have to differ.
    assert has_valid_key("2A0000022")
    assert not has_valid_key("200000022")
    assert has_valid_key("2B0000046")


def test_other_letters_are_well_formed_but_never_pass_the_key():
    assert is_valid_format("9C0000000")
    assert not any(has_valid_key(f"9C000000{digit}") for digit in "0123456789")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("690015508", "690015508"),
        (" 690 015 508 ", "690015508"),
        ("69.001.550.8", "690015508"),
        ("690-015-508", "690015508"),
        ("2b 000 531 8", "2B0005318"),
        ("69001550", None),
        ("6900155080", None),
        ("EHPAD 690015508", None),
        ("", None),
    ],
)
def test_typed_number_accepts_spaces_dots_and_dashes(text, number):
    assert typed_number(text) == number
