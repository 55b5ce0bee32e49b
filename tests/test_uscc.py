"""GB 32100-2015 unified social credit codes and the embedded GB 11714 organisation code."""

from __future__ import annotations

import random

import pytest

from docproc.cn.uscc import CHARSET, is_valid_uscc, make_uscc, normalize_uscc, org_code_check_char, uscc_check_char

# Real codes printed on business licences.
REAL_CODES = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_validate(code: str) -> None:
    assert uscc_check_char(code[:17]) == code[17]
    assert is_valid_uscc(code)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_embed_a_valid_organisation_code(code: str) -> None:
    assert org_code_check_char(code[8:16]) == code[16]


def test_charset_excludes_confusable_letters() -> None:
    assert len(CHARSET) == 31
    assert not set("IOZSV") & set(CHARSET)


def test_is_valid_accepts_lowercase_and_spaces() -> None:
    assert is_valid_uscc(" 91350100m000100y43 ")
    assert is_valid_uscc("9111 0000 8021 0043 3b")
    assert is_valid_uscc("９１１１００００８０２１００４３３Ｂ")


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "91350100M000100Y4",
        "91350100M000100Y433",
        "91350100M000100Y44",
        "91350100M000100O43",
        "9135010OM000100Y43",
        "91350100M000100Y4?",
    ],
)
def test_is_valid_refuses(bad: str) -> None:
    assert not is_valid_uscc(bad)


def test_every_single_substitution_is_detected() -> None:
    code = REAL_CODES[0]
    for i in range(18):
        for c in CHARSET:
            if c != code[i]:
                assert not is_valid_uscc(code[:i] + c + code[i + 1 :])


def test_check_char_can_be_zero() -> None:
    # 31 - (sum mod 31) == 31 maps to "0": search a code body that hits it.
    first17 = next(f"9111000012345{n:04d}" for n in range(10_000) if uscc_check_char(f"9111000012345{n:04d}") == "0")
    assert is_valid_uscc(first17 + "0")


@pytest.mark.parametrize("bad", ["", "91350100M000100Y", "91350100M000100YI", "91350100M000100Y4x"])
def test_check_char_refuses_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        uscc_check_char(bad)


def test_normalize_maps_ocr_letters() -> None:
    assert normalize_uscc("9I35OIOOMOOOIOOY43") == "91350100M000100Y43"
    assert normalize_uscc(" 9111 0000 8O21 OO43 3b ") == "91110000802100433B"
    assert is_valid_uscc(normalize_uscc("9II10000802I00433B"))
    assert not is_valid_uscc("9II10000802I00433B")


def test_org_code_check_char() -> None:
    assert org_code_check_char("M000100Y") == "4"
    assert org_code_check_char("80210043") == "3"
    with pytest.raises(ValueError):
        org_code_check_char("8021004")


def test_org_code_check_char_x_and_zero() -> None:
    found = {org_code_check_char(f"{n:08d}") for n in range(200)}
    assert {"X", "0"} <= found
    assert found <= set("0123456789X")


def test_make_uscc_is_valid() -> None:
    rng = random.Random(32100)
    codes = set()
    for _ in range(500):
        code = make_uscc(
            f"{rng.randint(110000, 659999):06d}",
            rng.randint(0, 99_999_999),
            authority=rng.choice("159Y"),
            kind=rng.choice("123"),
        )
        assert is_valid_uscc(code), code
        assert org_code_check_char(code[8:16]) == code[16]
        codes.add(code)
    assert len(codes) == 500


def test_make_uscc_layout() -> None:
    code = make_uscc("310115", 12345678)
    assert code.startswith("91310115" + "12345678")
    assert len(code) == 18


@pytest.mark.parametrize(
    ("region", "seq", "authority"),
    [
        ("31011", 1, "9"),
        ("310115", -1, "9"),
        ("310115", 10**8, "9"),
        ("310115", 1, "O"),
    ],
)
def test_make_uscc_refuses(region: str, seq: int, authority: str) -> None:
    with pytest.raises(ValueError):
        make_uscc(region, seq, authority=authority)
