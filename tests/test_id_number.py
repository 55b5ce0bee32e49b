"""GB 11643-1999 id numbers: check digit, parsing, generator, OCR-confusion tolerance."""

from __future__ import annotations

import random
from datetime import date

import pytest

from docproc.cn.id_number import (
    IdNumberInfo,
    candidates_with_one_confusion,
    check_digit,
    clean_id_number,
    make_id_number,
    mended_in_text,
    parse_id_number,
    within_one_confusion,
)

# Published worked examples of the GB 11643 check digit.
KNOWN_VALID = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("number", KNOWN_VALID)
def test_check_digit_of_known_numbers(number: str) -> None:
    assert check_digit(number[:17]) == number[17]


@pytest.mark.parametrize("bad", ["1234", "1101051949123100X", "１１０１０５１９４９１２３１００２", ""])
def test_check_digit_refuses_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        check_digit(bad)


def test_parse_valid_number() -> None:
    info = parse_id_number("11010519491231002X")
    assert info == IdNumberInfo(
        number="11010519491231002X",
        valid_format=True,
        valid_check_digit=True,
        birth_date=date(1949, 12, 31),
        sex="女",
        region_code="110105",
    )
    assert info.is_valid


def test_parse_male() -> None:
    info = parse_id_number("440524188001010014")
    assert info.sex == "男"
    assert info.birth_date == date(1880, 1, 1)


def test_parse_accepts_lowercase_x_spaces_and_fullwidth() -> None:
    assert parse_id_number(" 110105 19491231 002x ").number == "11010519491231002X"
    assert parse_id_number("１１０１０５１９４９１２３１００２Ｘ").is_valid
    assert parse_id_number("110105\u300019491231002x").is_valid


def test_parse_wrong_check_digit() -> None:
    info = parse_id_number("110105194912310021")
    assert info.valid_format and not info.valid_check_digit
    assert not info.is_valid
    assert info.birth_date == date(1949, 12, 31)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "11010519491231002",
        "1101051949123100299",
        "11010519491231X029",
        "110105194912310O29",
        "11010549123100X",
    ],
)
def test_parse_bad_format(bad: str) -> None:
    info = parse_id_number(bad)
    assert not info.valid_format and not info.valid_check_digit
    assert info.birth_date is None and info.sex is None and info.region_code == ""


def test_parse_invalid_birth_date() -> None:
    first17 = "11010519900230123"  # 30 February
    info = parse_id_number(first17 + check_digit(first17))
    assert info.valid_format and info.valid_check_digit
    assert info.birth_date is None
    assert not info.is_valid


def test_clean_id_number() -> None:
    assert clean_id_number(" 1101 0519 4912 3100 2x ") == "11010519491231002X"


@pytest.mark.parametrize("sex", ["男", "女"])
def test_make_id_number_round_trips(sex: str) -> None:
    rng = random.Random(11643)
    for _ in range(300):
        birth = date.fromordinal(rng.randint(date(1950, 1, 1).toordinal(), date(2010, 12, 31).toordinal()))
        region = f"{rng.randint(110000, 659999):06d}"
        number = make_id_number(region, birth, rng.randint(0, 999), sex)
        info = parse_id_number(number)
        assert info.is_valid
        assert (info.birth_date, info.sex, info.region_code) == (birth, sex, region)


def test_make_id_number_forces_parity() -> None:
    assert make_id_number("110105", date(1990, 3, 7), 123, "男")[14:17] == "123"
    assert make_id_number("110105", date(1990, 3, 7), 123, "女")[14:17] == "122"
    assert make_id_number("110105", date(1990, 3, 7), 0, "男")[14:17] == "001"


@pytest.mark.parametrize(
    ("region", "seq", "sex"),
    [("11010", 1, "男"), ("110105", 1000, "男"), ("110105", 1, "M")],
)
def test_make_id_number_refuses_bad_arguments(region: str, seq: int, sex: str) -> None:
    with pytest.raises(ValueError):
        make_id_number(region, date(1990, 1, 1), seq, sex)


VALID = make_id_number("310104", date(1985, 6, 18), 384, "男")
# For each true digit, a character OCR engines put in its place.
MISREAD = {
    "0": "O",
    "1": "l",
    "2": "Z",
    "3": "B",
    "4": "A",
    "5": "S",
    "6": "G",
    "7": "T",
    "8": "B",
    "9": "g",
}
DIGIT_SWAPS = {"8": "3", "3": "8", "1": "7", "7": "1", "6": "5", "5": "6", "0": "8"}


def _random_valid(rng: random.Random) -> str:
    birth = date.fromordinal(rng.randint(date(1940, 1, 1).toordinal(), date(2010, 1, 1).toordinal()))
    return make_id_number(
        f"{rng.randint(110000, 659999):06d}",
        birth,
        rng.randint(0, 999),
        rng.choice(["男", "女"]),
    )


def test_one_letter_confusion_is_recovered_at_every_position() -> None:
    rng = random.Random(1)
    for _ in range(50):
        truth = _random_valid(rng)
        for i in range(17):
            garbled = truth[:i] + MISREAD[truth[i]] + truth[i + 1 :]
            assert truth in candidates_with_one_confusion(garbled), (truth, garbled)


def test_one_digit_confusion_is_recovered() -> None:
    rng = random.Random(2)
    for _ in range(100):
        truth = _random_valid(rng)
        positions = [i for i in range(18) if truth[i] in DIGIT_SWAPS]
        if not positions:
            continue
        i = rng.choice(positions)
        garbled = truth[:i] + DIGIT_SWAPS[truth[i]] + truth[i + 1 :]
        assert not parse_id_number(garbled).is_valid
        assert truth in candidates_with_one_confusion(garbled)


def test_check_character_confusion() -> None:
    truth = "11010519491231002X"
    assert candidates_with_one_confusion("11010519491231002K") == [truth]
    assert candidates_with_one_confusion("11010519491231002×") == [truth]


def test_candidates_are_all_valid() -> None:
    rng = random.Random(7)
    for _ in range(200):
        truth = _random_valid(rng)
        i = rng.randrange(17)
        garbled = truth[:i] + rng.choice("OIlBSZD") + truth[i + 1 :]
        found = candidates_with_one_confusion(garbled)
        assert all(parse_id_number(c).is_valid for c in found)


def test_a_valid_number_has_no_one_substitution_neighbours() -> None:
    # MOD 11-2 detects every single-character substitution.
    assert candidates_with_one_confusion(VALID) == []


def test_candidates_of_hopeless_input() -> None:
    assert candidates_with_one_confusion("") == []
    assert candidates_with_one_confusion("ABCDEFGHIJKLMNOPQR") == []
    assert candidates_with_one_confusion("1101051949123100") == []


def test_within_one_confusion() -> None:
    assert within_one_confusion(VALID, VALID.lower())
    assert within_one_confusion("11010519491231002X", "11010519491231002K")
    assert within_one_confusion(VALID, VALID[:5] + "O" + VALID[6:]) == (VALID[5] == "0")
    assert within_one_confusion("110105194912310029", "110105194912310O29")
    assert not within_one_confusion("110105194912310029", "110105194912310A29")
    assert not within_one_confusion("110105194912310029", "11010519491231002")
    assert not within_one_confusion("110105194912310029", "110105194912310O2B")


def test_a_last_character_a_copy_degraded_is_mended_only_where_its_glyph_can_be_the_check_character() -> None:
    # an X with one stroke lost reads as ")" or ">", a 0 opened on one side as "C"
    assert mended_in_text("公民身份号码 32010519900307018)") == [(7, 25, "32010519900307018X")]
    assert mended_in_text("号码32010519900307004C") == [(2, 20, "320105199003070040")]
    assert mended_in_text("32010519900307004)") == []  # the check character is 0, which ")" never is
    assert mended_in_text("32010519900307004") == []  # nothing read where the last one stands: not made up
    assert mended_in_text("32010519900307018X") == []  # read whole: IN_TEXT's to find


def test_a_number_run_into_other_digits_is_cut_out_only_where_one_window_is_valid() -> None:
    # 号码 misread as digits before the number, no gap between
    assert mended_in_text("公R9号47320105199003070040") == [(6, 24, "320105199003070040")]
    assert mended_in_text("4732010519900307004") == []  # one digit short: no valid window
    assert mended_in_text("账号6222021234567890123") == []  # a card number: no window with a check digit and a birth date


def test_a_number_with_a_speck_read_as_a_point_between_two_digits_is_mended_where_valid() -> None:
    assert mended_in_text("4201061998.08041239") == [(0, 19, "420106199808041239")]  # a fax's speck
    assert mended_in_text("号码32010519900307004,0") == [(2, 21, "320105199003070040")]
    assert mended_in_text("4201061998.08041238") == []  # its check digit fails
    assert mended_in_text("12,345.67 2026.05.31 1.5") == []  # figures and dates are no numbers
