"""Normalisation shared by extractors and scoring."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from docproc.cn.normalize import (
    find_dates,
    normalize_name,
    normalize_text,
    normalize_value,
    parse_amount,
    parse_date,
    parse_validity,
    similarity,
    to_halfwidth,
)

# ---------------------------------------------------------------- widths


def test_to_halfwidth() -> None:
    assert to_halfwidth("ＡＢＣ１２３") == "ABC123"
    assert to_halfwidth("１２，３４５．６７") == "12,345.67"
    assert to_halfwidth("（盖章）：") == "(盖章):"
    assert to_halfwidth("张\u3000三") == "张 三"
    assert to_halfwidth("￥８０００") == "¥8000"
    assert to_halfwidth("中文。、") == "中文。、"


def test_to_halfwidth_keeps_length() -> None:
    text = "日期：２０２４年３月５日　金额：￥１，０００"
    assert len(to_halfwidth(text)) == len(text)


# ---------------------------------------------------------------- dates

MARCH_5 = date(2024, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月5日",
        "2024年03月05日",
        "2024-03-05",
        "2024.03.05",
        "2024/3/5",
        "20240305",
        "2024 年 3 月 5 日",
        "2024年 03 月05 日",
        "2024 - 03 - 05",
        "２０２４年３月５日",
        "２０２４－０３－０５",
        "2024年3月5号",
        " 2024-03-05 ",
        "2024.3.5.",
        "二〇二四年三月五日",
        "二零二四年三月五日",
        "二○二四年〇三月〇五日",
        "二O二四年三月五日",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == MARCH_5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二三年十二月三十一日", date(2023, 12, 31)),
        ("二〇二三年十月十日", date(2023, 10, 10)),
        ("二〇二三年十一月二十日", date(2023, 11, 20)),
        ("二〇二三年一月廿三日", date(2023, 1, 23)),
        ("二0二六年五月三十一日", date(2026, 5, 31)),  # 〇 read as a zero
        ("二（）二六年五月三十一日", date(2026, 5, 31)),  # 〇 read as a pair of brackets
        ("1999年12月31日", date(1999, 12, 31)),
        ("2000-02-29", date(2000, 2, 29)),
    ],
)
def test_parse_date_more(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "2023-02-30",
        "2023年2月30日",
        "2023-13-01",
        "20230230",
        "2100-01-01",
        "2024-03",
        "2024年3月",
        "12,345.67",
        "2024-03/05",
        "202403051",
        "二〇二三年二月三十日",
        "日期 2024-03-05 至 2024-04-05",
        "110105199003071234",
    ],
)
def test_parse_date_none(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_with_spans() -> None:
    text = "开具日期：2024年3月5日，入职时间 2019-07-01，二〇二四年三月六日签"
    found = find_dates(text)
    assert [d for d, _, _ in found] == [
        date(2024, 3, 5),
        date(2019, 7, 1),
        date(2024, 3, 6),
    ]
    assert [text[s:e] for _, s, e in found] == [
        "2024年3月5日",
        "2019-07-01",
        "二〇二四年三月六日",
    ]


def test_find_dates_spans_in_fullwidth_text() -> None:
    text = "日期：２０２４．０３．０５"
    [(day, start, end)] = find_dates(text)
    assert day == MARCH_5 and text[start:end] == "２０２４．０３．０５"


def test_find_dates_ignores_digits_inside_longer_numbers() -> None:
    assert find_dates("身份证号 110105199003071234 账号 6222020240305123") == []
    assert find_dates("金额 12,345.67 元，电话 13812345678") == []
    assert find_dates("2023-02-30") == []


def test_find_dates_reads_a_date_with_the_time_of_day_glued_to_its_day() -> None:
    text = "开具时间:2026-10-0814:27:44"
    [(day, start, end)] = find_dates(text)
    assert day == date(2026, 10, 8) and text[start:end] == "2026-10-08"
    assert [d for d, _, _ in find_dates("2026/05/189:05")] == [date(2026, 5, 18)]
    assert find_dates("2026-10-081") == []  # three figures after the month and no time: no day to tell


def test_a_year_no_loan_document_bears_is_a_misread_not_a_date() -> None:
    assert parse_date("一八二六年三月五日") is None  # neither 19xx nor 20xx: nothing to recover the century from
    assert [d for d, _, _ in find_dates("开具日期：一八二六年三月五日 有效期至二〇九九年一月一日")] == [date(2099, 1, 1)]
    assert parse_date("一九四九年十月一日") == date(1949, 10, 1)


def test_find_dates_does_not_double_count() -> None:
    assert len(find_dates("2024年03月05日")) == 1
    assert len(find_dates("2015.03.01-2035.03.01")) == 2


# ---------------------------------------------------------------- validity


@pytest.mark.parametrize(
    "text",
    [
        "2015.03.01-2035.03.01",
        "2015.03.01—2035.03.01",
        "2015.03.01 ~ 2035.03.01",
        "2015.03.01至2035.03.01",
        "2015.03.01 2035.03.01",
        "有效期限 2015.03.01－2035.03.01",
        "2015-03-01-2035-03-01",
        "20150301-20350301",
        "2015年3月1日至2035年3月1日",
    ],
)
def test_parse_validity_dates(text: str) -> None:
    assert parse_validity(text) == (date(2015, 3, 1), date(2035, 3, 1))


@pytest.mark.parametrize(
    "text",
    [
        "2015.03.01-长期",
        "2015.03.01 — 长期",
        "2015.03.01至长期",
        "2015.03.01 长 期",
        "2015.03.01~長期",
    ],
)
def test_parse_validity_long_term(text: str) -> None:
    assert parse_validity(text) == (date(2015, 3, 1), "长期")


def test_parse_validity_partial() -> None:
    assert parse_validity("2015.03.01-20?5.03.01") == (date(2015, 3, 1), None)
    assert parse_validity("有效期限") == (None, None)
    assert parse_validity("") == (None, None)


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¥12,345.67", "12345.67"),
        ("￥12,345.67", "12345.67"),
        ("12,345.67元", "12345.67"),
        ("12,345.67 元", "12345.67"),
        ("人民币 8000.00", "8000.00"),
        ("人民币8000.00元整", "8000.00"),
        ("-1,234.50", "-1234.50"),
        ("1 234.50", "1234.50"),
        ("1 234 567.50", "1234567.50"),
        ("(1,234.50)", "-1234.50"),
        ("（１，２３４．５０）", "-1234.50"),
        ("１２，３４５．６７", "12345.67"),
        ("+500", "500"),
        ("¥-20.00", "-20.00"),
        ("-¥20.00", "-20.00"),
        ("−20.00", "-20.00"),
        ("0.5", "0.5"),
        ("8000", "8000"),
        ("RMB 1,000.00", "1000.00"),
        ("150万元", "1500000"),
        ("150.5万", "1505000"),
        ("人民币500万元", "5000000"),
        ("500万元人民币", "5000000"),
        ("5,124087.00", "5124087.00"),  # OCR lost a thousands comma: only separators are gone
        ("2090,138.00", "2090138.00"),
        ("2.466402.00", "2466402.00"),
        ("1,479.841.00", "1479841.00"),
        ("242,867,90", "242867.90"),  # the decimal point read as a comma after a thousands comma
        ("1.234.567", "1234567"),
        ("26,.459.75", "26459.75"),  # a thousands comma read with a speck beside it
        ("3.,120.00", "3120.00"),
    ],
)
def test_parse_amount(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


def test_parse_amount_keeps_written_precision() -> None:
    assert str(parse_amount("8000")) == "8000"
    assert str(parse_amount("¥8,000.00")) == "8000.00"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "元",
        "abc",
        "2024-03-05",
        "2024.03.05",
        "2024/03/05",
        "2024年3月5日",
        "12,34.5",
        "1,2345.00",
        "1,23,456",
        "12,3456.00",
        "1,50",
        "12 34",
        "--5",
        "(-5)",
        "1.2.3",
        "壹万元整",
        "12元34",
    ],
)
def test_parse_amount_none(text: str) -> None:
    assert parse_amount(text) is None


# ---------------------------------------------------------------- names and text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"),
        ("张 三", "张三"),
        ("张　三", "张三"),
        (" 张  三 丰 ", "张三丰"),
        ("张,三", "张三"),
        ("张三。", "张三"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提•艾力", "买买提·艾力"),
        ("买买提・艾力", "买买提·艾力"),
        ("买买提 · 艾力", "买买提·艾力"),
        ("买买提··艾力", "买买提·艾力"),
        ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH"),
        ("John   Smith", "John Smith"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_normalize_text() -> None:
    assert normalize_text("北京某某科技有限公司（盖章）") == normalize_text("北京某某科技 有限公司(盖章)")
    assert normalize_text("ABC Ltd.") == "abcltd"
    assert normalize_text("月薪：12,345.67元") == "月薪12,345.67元"
    assert normalize_text("  ") == ""


def test_similarity() -> None:
    assert similarity("北京某某科技有限公司", "北京某某科技有限公司") == 1.0
    assert similarity("北京某某科技有限公司", "北京某某科技 有限公司。") == 1.0
    assert 0.8 < similarity("北京某某科技有限公司", "北京某某科枝有限公司") < 1.0
    assert similarity("北京某某科技有限公司", "上海") < 0.3
    assert similarity("", "") == 1.0
    assert similarity("abc", "") == 0.0


# ---------------------------------------------------------------- canonical values


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("issue_date", "2024年3月5日", "2024-03-05"),
        ("issue_date", date(2024, 3, 5), "2024-03-05"),
        ("issue_date", datetime(2024, 3, 5, 10, 30), "2024-03-05"),
        ("birth_date", "1990.03.07", "1990-03-07"),
        ("valid_until", "长期", "长期"),
        ("valid_until", "2035.03.01", "2035-03-01"),
        ("signing_date", "二〇二四年三月五日", "2024-03-05"),
        ("issue_date", "不详", "不详"),
        ("monthly_income", Decimal("12345.6"), "12345.60"),
        ("monthly_income", "¥12,345.60", "12345.60"),
        ("monthly_income", 8000, "8000.00"),
        ("total_price", "人民币150万元", "1500000.00"),
        ("floor_area", "89.5平方米", "89.50"),
        ("floor_area", "89.50㎡", "89.50"),
        ("amount", Decimal("-1234.5"), "-1234.50"),
        ("amount", 12.5, "12.50"),
        ("balance", "n/a", "na"),
        ("id_number", "11010519491231002x", "11010519491231002X"),
        ("id_number", "１１０１０５ １９４９１２３１ ００２ｘ", "11010519491231002X"),
        ("uscc", " 91350100m000100y43", "91350100M000100Y43"),
        ("account_number", "6222 0212 3456 7890", "6222021234567890"),
        ("name", "张 三", "张三"),
        ("buyer_names", ["张 三", "李四"], "张三|李四"),
        ("buyer_id_numbers", ["11010519491231002x"], "11010519491231002X"),
        ("employer", "北京某某科技 有限公司（盖章）", "北京某某科技有限公司盖章"),
        ("amount_in_words", "人民币壹万圆正", "人民币壹万元整"),
        ("pages_declared", 12, "12"),
        ("sex", "男", "男"),
        ("anything", None, ""),
        ("anything", True, "true"),
    ],
)
def test_normalize_value(field: str, value: object, expected: str) -> None:
    assert normalize_value(field, value) == expected


def test_normalize_value_of_a_transaction() -> None:
    row = {
        "date": "2024/3/5",
        "amount": Decimal(-50),
        "balance": "1,000.00",
        "description": "转账 ",
    }
    assert normalize_value("transactions", [row]) == ("amount=-50.00;balance=1000.00;date=2024-03-05;description=转账")


def test_equal_values_normalise_equally() -> None:
    assert normalize_value("issue_date", "2024-03-05") == normalize_value("issue_date", "2024年3月5日")
    assert normalize_value("monthly_income", "12,000.00元") == normalize_value("monthly_income", Decimal(12000))


@pytest.mark.parametrize(("text", "day"), [
    ("1〇二六年七月十一日", date(2026, 7, 11)),  # 二 read as 1
    ("C二六年十一月十五日", date(2026, 11, 15)),  # 二〇 read as one C
    ("二八二六年五月十二日", date(2026, 5, 12)),  # 〇 read as 八
    ("一九九八年三月一日", date(1998, 3, 1)),
])
def test_a_year_in_chinese_numerals_whose_first_figures_are_misread_keeps_its_century(text: str, day: date) -> None:
    assert find_dates(text) == [(day, 0, len(text))]


def test_a_chinese_year_with_nothing_left_of_its_century_is_no_date() -> None:
    assert find_dates("六年七月十一日") == [] and find_dates("1二六年七月十一日") == []


def test_a_speck_read_as_a_point_inside_the_year_of_a_chinese_date() -> None:
    # a faxed licence: 成立日期 201.4年7月25日; 年 still ends the year, and its four figures make it
    assert [d for d, *_ in find_dates("成立日期 201.4年7月25日")] == [date(2014, 7, 25)]
    assert [d for d, *_ in find_dates("营业期限 201.4年7月25日至2064年7月25日")] == [date(2014, 7, 25), date(2064, 7, 25)]
    assert find_dates("共计1.5万元") == [] and [d for d, *_ in find_dates("12.5年3月1日")] == []
