"""The seller's seal on a contract whose signature block shows whose seal belongs where (出卖人（签章） |
买受人（签章） | 经纪机构（签章） in columns): a seal in another party's column is not the seller's."""

from __future__ import annotations

from datetime import date

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import (
    Application,
    BBox,
    Bundle,
    DocType,
    Document,
    Page,
    PageSource,
    RawDocument,
    Stamp,
    Status,
    Unit,
    Word,
)
from docproc.core.policy import Policy, load_policy
from docproc.extractors import EXTRACTORS
from docproc.validators.stamp import purchase_contract_seal

SELLER = "杭州明德置业有限公司"
AGENT = "杭州安家居间服务有限公司"
LETTER = 12.0  # pt a letter


def _contract(rows: list[list[tuple[str, float]]]) -> Document:
    """A contract read from a signature page whose words stand at given x positions, one row a line."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=100 + 20 * i, x1=x + LETTER * len(t), y1=100 + 20 * i + LETTER,
                                    unit=Unit.PT), confidence=1.0, line=i) for i, row in enumerate(rows) for t, x in row]
    page = Page(file_id="f", number=1, width=595, height=842, unit=Unit.PT, source=PageSource.TEXT_LAYER,
                words=tuple(words))
    out = EXTRACTORS.get("purchase_contract")(RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT,
                                                          pages=(page,)), None)  # type: ignore[arg-type]
    return Document(id="doc_contract", file_id="file_c", type=DocType.PURCHASE_CONTRACT, pages=[1],
                    fields=out.fields, meta=dict(out.meta))


COLUMNS = [
    [("出卖人：" + SELLER, 60)], [("买受人：赵刚", 60)],
    [("出卖人（签章）", 80), ("买受人（签章）", 250), ("经纪机构（签章）", 420)],
    [(SELLER, 60), (AGENT, 400)],
    [("签订时间：2026年8月17日", 60), ("签订时间：2026年8月17日", 230), ("签订时间：2026年8月17日", 400)],
]


def _seal(x: float, text: str | None, reads: tuple[str, ...] = ()) -> Stamp:
    return Stamp(bbox=BBox(x0=x, y0=150, x1=x + 100, y1=250, unit=Unit.PT), color="red", shape="round", text=text,
                 confidence=0.9, legend_reads=reads)


def _verdict(contract: Document, *seals: Stamp) -> Status:
    doc = contract.model_copy(update={"stamps": list(seals)})
    app = Application(id="a", profile="salaried", application_date=date(2026, 9, 1), created_at=utcnow())
    return purchase_contract_seal(Bundle(application=app, documents=[doc]), POLICY).status


POLICY: Policy = load_policy()


@pytest.fixture(scope="module")
def columns() -> Document:
    contract = _contract(COLUMNS)
    assert contract.fields["seller"].value == SELLER
    return contract


def test_only_the_agents_seal_in_its_own_column_is_no_seller_seal(columns: Document) -> None:
    assert _verdict(columns, _seal(420, AGENT)) == Status.FAIL  # its legend names the agent
    assert _verdict(columns, _seal(420, "要勤蒙地严经", ("红草万蒙爱姚产",))) == Status.REVIEW  # unread: tied to no one


def test_the_sellers_seal_in_its_column_passes_beside_the_agents_however_its_legend_reads(columns: Document) -> None:
    garbled = _seal(70, "州城信房难产社监", ("城信房难产社监州",))
    assert _verdict(columns, garbled, _seal(420, AGENT)) == Status.PASS
    assert _verdict(columns, garbled) == Status.PASS  # a genuine contract whose seal is unreadable: no alarm
    assert _verdict(columns, _seal(70, SELLER), _seal(420, AGENT)) == Status.PASS


def test_a_seal_read_as_the_seller_passes_wherever_it_stands_and_a_block_without_columns_changes_nothing() -> None:
    contract = _contract(COLUMNS)
    assert _verdict(contract, _seal(420, SELLER)) == Status.PASS
    plain = _contract([[("出卖人：" + SELLER, 60)], [("出卖人（签章）：", 60)], [("买受人（签字）：赵刚", 60)]])
    assert "signature_columns" not in plain.meta
    assert _verdict(plain, _seal(420, "要勤蒙地严经")) == Status.PASS  # no columns: where a seal stands tells nothing


def test_an_agents_seal_sharing_the_sellers_city_and_trade_still_fails() -> None:
    seller, agent = "杭州明德房地产开发有限公司", "杭州安家房地产经纪有限公司"
    contract = _contract([[(row[0][0].replace(SELLER, seller).replace(AGENT, agent), row[0][1]), *row[1:]]
                          if row[0][0].startswith(("出卖人：", SELLER)) else row for row in COLUMNS])
    assert contract.fields["seller"].value == seller
    assert _verdict(contract, _seal(420, agent)) == Status.FAIL
    assert _verdict(contract, _seal(70, seller), _seal(420, agent)) == Status.PASS


def test_a_heading_read_together_with_the_sellers_name_keeps_the_sellers_seal_in_the_sellers_column() -> None:
    # OCR read 出卖人（盖章）：杭州明德置业有限公司 as one word, 居间方（盖章）： as the next: the seller's seal over
    # the name stands right of the heading's middle, still left of where the next column begins
    contract = _contract([[("出卖人：" + SELLER, 60)],
                          [("出卖人（盖章）：" + SELLER, 60), ("居间方（盖章）：", 420)], [(AGENT, 420)]])
    columns = contract.meta["signature_columns"][0]["columns"]  # type: ignore[index]
    assert [c["party"] for c in columns] == ["出卖人", "居间方"]
    assert _verdict(contract, _seal(230, "城家儿缴产股经"), _seal(430, AGENT)) == Status.PASS


def test_a_garbled_legend_ending_in_a_bare_gongsi_is_no_other_organisation() -> None:
    """A read that keeps only the last characters of the legal form (…益任公司 for …有限责任公司) names no one: the
    seller's seal is present and passes; a cleanly read other name still fails."""
    contract = _contract([[("出卖人：" + SELLER, 60)], [("买受人：赵刚", 60)]])
    assert _verdict(contract, _seal(80, "杭汉能科建电科械益任公司")) == Status.PASS
    assert _verdict(contract, _seal(80, "上海瑞丰餐饮管理有限公司")) == Status.FAIL


def test_a_garbled_legend_with_no_place_read_is_no_other_organisation() -> None:
    """A read that keeps the whole legal form but no place name (上生有工文立雅粉有限公司 for 上海致远地产股份有限公司)
    names no one: the seller's seal is present and passes; a cleanly read name with its city still fails."""
    contract = _contract([[("出卖人：" + SELLER, 60)], [("买受人：赵刚", 60)]])
    assert _verdict(contract, _seal(80, "上生有工文立雅粉有限公司")) == Status.PASS
    assert _verdict(contract, _seal(80, "南京瑞丰餐饮管理有限公司")) == Status.FAIL
