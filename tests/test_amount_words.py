"""中文大写金额: writing by the bank rules, tolerant reading, agreement with the figures."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from docproc.cn.amount_words import amounts_agree, from_words, to_words

WRITTEN = [
    ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
    ("10000", "壹万元整"),
    ("100.5", "壹佰元伍角"),
    ("1005.05", "壹仟零伍元零伍分"),
    ("100000000", "壹亿元整"),
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("10", "壹拾元整"),
    ("15", "壹拾伍元整"),
    ("100000", "壹拾万元整"),
    ("110000", "壹拾壹万元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("107000.53", "壹拾万零柒仟元伍角叁分"),
    ("100010000", "壹亿零壹万元整"),
    ("120005000", "壹亿贰仟万零伍仟元整"),
    ("1000001", "壹佰万零壹元整"),
    ("10100", "壹万零壹佰元整"),
    ("99999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("1000000000000", "壹万亿元整"),
    ("1000100000000", "壹万零壹亿元整"),
    ("0.5", "伍角"),
    ("0.05", "伍分"),
    ("0.53", "伍角叁分"),
    ("1.00", "壹元整"),
]


@pytest.mark.parametrize(("amount", "words"), WRITTEN)
def test_to_words(amount: str, words: str) -> None:
    assert to_words(Decimal(amount)) == words


@pytest.mark.parametrize(("amount", "words"), WRITTEN)
def test_from_words_reads_what_to_words_writes(amount: str, words: str) -> None:
    assert from_words(words) == Decimal(amount)


@pytest.mark.parametrize("bad", ["-1", "0.001", "12.345", "NaN", "Infinity", "1E+17"])
def test_to_words_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        to_words(Decimal(bad))


def test_round_trip_on_random_amounts() -> None:
    rng = random.Random(20240305)
    for _ in range(2000):
        amount = Decimal(rng.randint(1, 9_999_999_999)) / 100
        words = to_words(amount)
        assert from_words(words) == amount, (amount, words)
        assert amounts_agree(amount, words)


def test_round_trip_on_tricky_zero_patterns() -> None:
    # Every amount made of the digits 0 and 1 in 9 integer places and 2 decimals.
    for bits in range(1, 2**11):
        amount = Decimal(int(f"{bits:b}")) / 100
        assert from_words(to_words(amount)) == amount, amount


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        ("人民币壹万元整", "10000"),
        ("人民币：壹万元正", "10000"),
        ("￥壹万圆整", "10000"),
        ("¥ 壹 万 元 整", "10000"),
        ("人民币（大写）：壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "123456.78"),
        ("拾万元整", "100000"),
        ("拾伍元", "15"),
        ("两万元整", "20000"),
        ("贰万元", "20000"),
        ("壹仟伍佰元", "1500"),
        ("壹万零伍元", "10005"),
        ("壹万零拾元", "10010"),
        ("壹亿零伍元", "100000005"),
        ("壹拾万柒仟元伍角叁分", "107000.53"),
        ("壹仟陆佰捌拾元零叁角贰分", "1680.32"),
        ("壹佰元伍角整", "100.5"),
        ("壹佰元伍角零分", "100.5"),
        ("零元伍角", "0.5"),
        ("伍角", "0.5"),
        ("陆分", "0.06"),
        ("壹万", "10000"),
        ("壹萬貳仟參佰肆拾伍圓陸角柒分", "12345.67"),
        ("一万二千三百四十五元六角七分", "12345.67"),
        ("壹仟〇伍元", "1005"),
        ("壹万元整。", "10000"),
        ("大写金额:#壹万x元整*", "10000"),
    ],
)
def test_from_words_variants(words: str, amount: str) -> None:
    assert from_words(words) == Decimal(amount)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "人民币",
        "元整",
        "abc",
        "壹贰元",  # two digits in a row
        "壹万伍",  # colloquial 15000 or 10005: ambiguous
        "贰佰伍元",  # colloquial 250
        "壹佰元伍",  # 100.5 colloquially, no unit after the 5
        "佰元",  # 佰 needs a digit
        "壹拾拾元",
        "壹佰贰仟元",  # units out of order
        "壹万贰万元",
        "壹亿贰亿元",
        "壹元贰元",
        "壹元伍分叁角",
        "壹元伍角伍角",
        "壹元拾角",
        "伍角元",
        "万元",  # 万 needs digits before it
        "零万元",
        "亿元",
        "壹万拾元",  # 拾 without 壹 only where a number starts
    ],
)
def test_from_words_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        from_words(bad)


def test_amounts_agree() -> None:
    assert amounts_agree(Decimal("12345.67"), "人民币壹万贰仟叁佰肆拾伍元陆角柒分")
    assert amounts_agree(Decimal(10000), "壹万元整")
    assert amounts_agree(Decimal("10000.00"), "壹万元正")
    assert not amounts_agree(Decimal("10000.01"), "壹万元整")
    assert not amounts_agree(Decimal("12345.67"), "壹万贰仟叁佰肆拾伍元陆角")
    assert not amounts_agree(Decimal(10000), "不是金额")
    assert not amounts_agree(Decimal(15000), "壹万伍")
