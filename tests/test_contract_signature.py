"""A contract's signing date from its signature block, however the parties sign: side by side or one under
the other, with or without a date label, dates in figures, in Chinese numerals or written into blanks; the
latest party's date, never a clause's. Pages written by hand in wordings of their own."""

from __future__ import annotations

from datetime import date

from docproc.core.models import DocType
from docproc.extractors import EXTRACTORS
from tests.test_extractors import _table_page, run

LEFT, RIGHT = 120.0, 640.0


def signed(rows: list[list[tuple[str, float]]]) -> object:
    fields = EXTRACTORS.get("purchase_contract")(_table_page(rows), None).fields  # type: ignore[arg-type]
    return fields["signing_date"].value if "signing_date" in fields else None


def test_side_by_side_blocks_each_with_a_labelled_date() -> None:
    # two columns: each party's cue, name and labelled date on shared lines; OCR may glue the columns
    for cue_left, cue_right, left, right, want in (
        ("甲方（签字/盖章）：", "乙方（签字）：", "签署日期：2026年9月10日", "签署日期：2026年9月12日", date(2026, 9, 12)),
        ("出卖人(盖章/签字)", "买受人(签名):", "时间：2026-07-03", "时间：2026-07-01", date(2026, 7, 3)),
        ("卖方签章：", "买方签字：", "签约日期:二〇二六年五月八日", "签约日期:二〇二六年五月九日", date(2026, 5, 9)),
    ):
        assert signed([[("第十条 本合同自双方签字之日起生效。", 10)], [(cue_left, LEFT), (cue_right, RIGHT)],
                       [("宁波华茂置业有限公司", LEFT), ("郑海涛", RIGHT)], [(left, LEFT), (right, RIGHT)]]) == want
        # the same read as one box over both columns
        assert signed([[(cue_left + cue_right, LEFT)], [(left + right, LEFT)]]) == want


def test_dates_written_into_blanks_and_one_left_empty() -> None:
    assert signed([[("卖方（签章）", LEFT), ("买方（签字）", RIGHT)],
                   [("____2026___年__8__月__3__日", LEFT), ("____年____月____日", RIGHT)]]) == date(2026, 8, 3)
    assert signed([[("转让方（签字、盖章）：", LEFT)], [("日期：2026 年 6 月 30 日", LEFT)],
                   [("受让方（签字）：", LEFT)], [("日期：2026 年 7 月 2 日", LEFT)]]) == date(2026, 7, 2)


def test_dates_of_clauses_are_never_the_signing_date() -> None:
    # a clause's deadlines after the cue and a labelled delivery date: none is a signature's date
    assert signed([[("卖方（签字）：", LEFT), ("买方（签字）：", RIGHT)],
                   [("交付日期：2026年12月31日", LEFT)], [("买方应于2026年10月1日前付清余款。", LEFT)],
                   [("2026年11月5日前办理过户", LEFT)]]) is None
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["第五条 甲方应于2026年10月30日前将房屋交付乙方。"], ["甲方(签字/盖章):"], ["王丽华"], ["日期:2026年9月1日"],
        ["乙方(签字):"], ["赵刚"], ["日期:2026年9月2日"], ["附：交房日期 2026年10月30日"]])
    assert got["signing_date"] == date(2026, 9, 2)


def test_a_labelled_date_whose_separator_was_misread_still_leaves_a_date_line() -> None:
    # 2026.07/16: one separator of the seller's date misread; the buyer's date on the line still counts
    assert signed([[("出卖人（盖章）：", LEFT), ("买受人（签字）：", RIGHT)], [("宁波华茂置业有限公司", LEFT), ("郑海涛", RIGHT)],
                   [("签约日期：2026.07/16", LEFT), ("签约日期：2026/07/18", RIGHT)]]) == date(2026, 7, 18)


def test_a_date_line_where_one_partys_date_was_partly_misread_still_counts() -> None:
    # the seal's ink over one party's date: a part of it lost (2026年7月日, 2026年月28日), or its label and year
    # misread (签张酬626年…) and its neighbour's label missing its first letter (订日期); the other date counts
    block = [[("出卖人（甲方）（盖章）：", LEFT), ("买受人（乙方）（签字）：", RIGHT)], [("宁波华茂置业有限公司", LEFT), ("郑海涛", RIGHT)]]
    for left, right, want in (
        ("签订日期：2026年7月日", "签订日期：2026年7月5日", date(2026, 7, 5)),
        ("签订日期：2026年月28日", "签订日期：2026年09月28日", date(2026, 9, 28)),
        ("订日期：2026年8月22日", "签张酬626年8月22日", date(2026, 8, 22)),
    ):
        assert signed([*block, [(left, LEFT), (right, RIGHT)]]) == want
        assert signed([*block, [(left + " " + right, LEFT)]]) == want


def test_a_date_whose_day_sign_was_misread_still_ends_a_date_line() -> None:
    # 日 read as 白 / 曰 / 目 in small print: the three parties' dates on one line, the last one's sign misread
    for sign in "白曰目":
        assert signed([[("甲方（盖章）", LEFT), ("乙方（签字）", RIGHT)],
                       [("日期：2026年09月21日", LEFT), (f"日期：2026年09月23{sign}", RIGHT)]]) == date(2026, 9, 23)
