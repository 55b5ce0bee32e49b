"""Fields as other makes word and lay them out: a contract's address wrapped above the next sentence and its
floor area worded many ways, a tax record's code under its label, an income letter's employer, date and
position among other entries, an ID card number read above its label, a tilted licence photo."""

from __future__ import annotations

from decimal import Decimal

from docproc.core.models import DocType
from tests.test_extractors import run


def test_a_wrapped_contract_address_ends_with_its_line_and_the_area_is_read_however_worded() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["第一条", "房屋基本情况"],
        ["出卖人所售房屋（以下简称该房屋）为楼房，坐落为：浙江省宁波市鄞州区"],
        ["天童南路88号东方名苑3幢1单元702室"],
        ["该房屋建筑面积共（平方米）：89.41"],
        ["（二）该房屋规划设计用途为：住宅"],
    ])
    assert got["property_address"] == "浙江省宁波市鄞州区天童南路88号东方名苑3幢1单元702室"
    assert got["floor_area"] == Decimal("89.41")
    for wording, want in (("建筑面积为 120.5 平方米", "120.5"), ("建筑面积约76.20㎡", "76.20"),
                          ("建筑面积计：101.33m²", "101.33"), ("建筑面积(㎡):64.08", "64.08"),
                          ("该房屋建筑面积共计 93.70 平米", "93.70")):
        area = run(DocType.PURCHASE_CONTRACT, None, [["房屋坐落：南京市鼓楼区中山北路12号2栋301室"], [wording]])
        assert area["floor_area"] == Decimal(want), wording
    # the inner and shared areas are never the floor area
    inner = run(DocType.PURCHASE_CONTRACT, None, [["套内建筑面积共（平方米）：70.12"], ["分摊建筑面积为 9.30 平方米"]])
    assert "floor_area" not in inner
