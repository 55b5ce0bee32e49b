"""The credit report printed as the credit reference centre's PDF: the detailed layout (grids of labels over values,
one block per account, a 24-month history) or the simple layout (accounts in sentences), then the inquiries."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .credit import PRODUCTS, CreditAccount, CreditReportFacts
from .finance import add_months, cn_date
from .pdfkit import A4_PT, Pen, new_canvas

TOP, BOTTOM = 18.0, 280.0
GREY = (0.35, 0.35, 0.35)
STATUS_WORDS = {True: "逾期", False: "正常"}


@dataclass(frozen=True)
class Block:
    """A piece of the report that stays on one page: its height and how to draw it at a y."""

    height: float
    draw: Callable[[Pen, float], None]


def _amount(value: Decimal) -> str:
    return f"{value:,.0f}"


def _line(text: str, size: float = 9.5, *, x: float = 16.0, bold: bool = False, color: tuple[float, float, float] | None = None,
          gap: float = 6.0) -> Block:
    return Block(gap, lambda pen, y: pen.text(x, y + gap * 0.75, text, size, bold=bold, color=color) and None)


def _grid(labels: list[str], values: list[str], widths: list[float], *, size: float = 8.5) -> Block:
    """One row of labels over one row of values, in ruled cells."""
    row = 6.2

    def draw(pen: Pen, y: float) -> None:
        x = 16.0
        for label, value, w in zip(labels, values, widths, strict=True):
            pen.rect(x, y, w, row, fill=(0.93, 0.93, 0.93), stroke=GREY, width=0.3)
            pen.text(x + w / 2, y + row * 0.7, label, size, align="center", max_width=w - 1.5)
            pen.rect(x, y + row, w, row, stroke=GREY, width=0.3)
            pen.text(x + w / 2, y + row * 1.7, value, size, align="center", max_width=w - 1.5)
            x += w

    return Block(row * 2 + 1.5, draw)


def _table(header: list[str], rows: list[list[str]], widths: list[float], *, size: float = 8.5) -> list[Block]:
    row = 6.0

    def draw_row(cells: list[str], shade: bool) -> Callable[[Pen, float], None]:
        def draw(pen: Pen, y: float) -> None:
            x = 16.0
            for text, w in zip(cells, widths, strict=True):
                pen.rect(x, y, w, row, fill=(0.93, 0.93, 0.93) if shade else None, stroke=GREY, width=0.3)
                pen.text(x + w / 2, y + row * 0.7, text, size, align="center", max_width=w - 1.5)
                x += w
        return draw

    return [Block(row, draw_row(header, True)), *(Block(row, draw_row(r, False)) for r in rows), Block(3, lambda p, y: None)]


def _fmt(facts: CreditReportFacts, day: date) -> str:
    return day.strftime(facts.date_style)


def _header(facts: CreditReportFacts, subtitle: str) -> list[Block]:
    when = facts.report_time.strftime(f"{facts.date_style} %H:%M:%S")
    return [
        Block(11, lambda pen, y: pen.text(pen.w_mm / 2, y + 8, "个人信用报告", 18, bold=True, align="center") and None),
        Block(7, lambda pen, y: pen.text(pen.w_mm / 2, y + 5, subtitle, 10, align="center") and None),
        _line(f"报告编号：{facts.report_number}        报告时间：{when}"),
        _line(f"被查询者姓名：{facts.name}    被查询者证件类型：居民身份证    被查询者证件号码：{facts.id_number}"),
        _line("查询机构：中国人民银行征信中心    查询原因：本人查询（互联网个人信用信息服务平台）", 8.5, color=GREY),
    ]


def _history(facts: CreditReportFacts, account: CreditAccount) -> list[Block]:
    """The last 24 months by year, January to December (months outside the 24 left blank)."""
    last = add_months(facts.report_date.replace(day=1), -1)
    months = [add_months(last, -k) for k in range(23, -1, -1)]
    status = dict(zip(months, account.statuses, strict=True))
    widths = [14.0] + [13.0] * 12
    rows = []
    for year in sorted({m.year for m in months}):
        rows.append([str(year)] + [status.get(date(year, m, 1), "") for m in range(1, 13)])
    return [_line("最近24个月还款记录", 8.5, bold=True, gap=5.5),
            *_table(["年份"] + [f"{m}月" for m in range(1, 13)], rows, widths, size=8)]


def _loan_blocks(facts: CreditReportFacts, k: int, a: CreditAccount) -> list[Block]:
    ends = add_months(a.opened, {"mortgage": 360, "consumer": 36, "business": 60, "car": 60}[a.product])
    left = max(0, (ends.year - facts.report_date.year) * 12 + ends.month - facts.report_date.month)
    due = facts.report_date.replace(day=min(a.due_day, 28))
    late = a.overdue_amount > 0
    w6 = [44.0, 24.0, 24.0, 28.0, 34.0, 24.0]
    return [
        _line(f"账户{k}", 9, bold=True, gap=6),
        _grid(["管理机构", "开立日期", "到期日期", "借款金额", "业务种类", "还款方式"],
              [a.institution, _fmt(facts, a.opened), _fmt(facts, ends), _amount(a.limit_or_principal),
               PRODUCTS[a.product], "分期等额本息"], w6),
        _line(f"截至{cn_date(facts.report_date)}", 8.5, color=GREY, gap=5),
        _grid(["账户状态", "余额", "剩余还款期数", "本月应还款", "应还款日", "本月实还款"],
              [STATUS_WORDS[late], _amount(a.balance), str(left), _amount(a.monthly_payment), _fmt(facts, due),
               _amount(Decimal(0) if late else a.monthly_payment)], w6),
        _grid(["当前逾期期数", "当前逾期总额", "最近一次还款日期"],
              ["2" if late else "0", _amount(a.overdue_amount), _fmt(facts, due if not late else add_months(due, -2))],
              [44.0, 48.0, 56.0]),
        *_history(facts, a),
    ]


def _card_blocks(facts: CreditReportFacts, k: int, a: CreditAccount) -> list[Block]:
    late = a.overdue_amount > 0
    w6 = [44.0, 24.0, 28.0, 24.0, 34.0, 24.0]
    bill = facts.report_date.replace(day=min(a.due_day, 28))
    return [
        _line(f"账户{k}", 9, bold=True, gap=6),
        _grid(["发卡机构", "开立日期", "账户授信额度", "币种", "业务种类", "担保方式"],
              [a.institution, _fmt(facts, a.opened), _amount(a.limit_or_principal), "人民币元", PRODUCTS[a.product],
               "信用/免担保"], w6),
        _line(f"截至{cn_date(facts.report_date)}", 8.5, color=GREY, gap=5),
        _grid(["账户状态", "余额", "已用额度", "本月应还款", "账单日", "本月实还款"],
              [STATUS_WORDS[late], _amount(a.balance), _amount(a.balance), _amount(a.monthly_payment), _fmt(facts, bill),
               _amount(Decimal(0) if late else a.monthly_payment)], w6),
        _grid(["当前逾期期数", "当前逾期总额", "最近一次还款日期"],
              ["2" if late else "0", _amount(a.overdue_amount), _fmt(facts, bill)], [44.0, 48.0, 56.0]),
        *_history(facts, a),
    ]


def _queries(facts: CreditReportFacts) -> list[Block]:
    rows = [[str(k), _fmt(facts, q.day), q.institution, q.reason] for k, q in enumerate(facts.queries, 1)]
    return [_line("四 查询记录", 11, bold=True, gap=9), _line("查询记录明细", 9, bold=True),
            *_table(["编号", "查询日期", "查询机构", "查询原因"], rows, [16.0, 32.0, 90.0, 40.0])]


def _summary(facts: CreditReportFacts) -> list[Block]:
    loans = [a for a in facts.accounts if a.kind != "credit_card"]
    cards = [a for a in facts.accounts if a.kind == "credit_card"]
    homes = sum(1 for a in loans if a.kind == "mortgage")
    return [_line("二 信息概要", 11, bold=True, gap=9), _line("信贷交易信息提示", 9, bold=True),
            *_table(["业务类型", "账户数"], [["个人住房贷款", str(homes)], ["其他类贷款", str(len(loans) - homes)],
                                           ["贷记卡", str(len(cards))]], [60.0, 40.0])]


def detailed_blocks(facts: CreditReportFacts) -> list[Block]:
    """The detailed layout, top to bottom."""
    blocks = [*_header(facts, "（本人查询版）"), *_summary(facts), _line("三 信贷交易信息明细", 11, bold=True, gap=9)]
    loans = [a for a in facts.accounts if a.kind != "credit_card"]
    cards = [a for a in facts.accounts if a.kind == "credit_card"]
    k = 0
    if loans:
        blocks.append(_line("（一）非循环贷账户", 9.5, bold=True))
        for a in loans:
            k += 1
            blocks += _loan_blocks(facts, k, a)
    if cards:
        blocks.append(_line("（二）贷记卡账户", 9.5, bold=True))
        for a in cards:
            k += 1
            blocks += _card_blocks(facts, k, a)
    return blocks + _queries(facts)


def _sentence(facts: CreditReportFacts, k: int, a: CreditAccount) -> str:
    month = f"{facts.report_date.year}年{facts.report_date.month}月"
    if a.kind == "credit_card":
        text = (f"{k}.{cn_date(a.opened)}{a.institution}发放的贷记卡（人民币账户）。截至{month}，"
                f"信用额度{_amount(a.limit_or_principal)}，已使用额度{_amount(a.balance)}")
    else:
        ends = add_months(a.opened, {"mortgage": 360, "consumer": 36, "business": 60, "car": 60}[a.product])
        text = (f"{k}.{cn_date(a.opened)}{a.institution}发放的{_amount(a.limit_or_principal)}元（人民币）"
                f"{PRODUCTS[a.product]}，{cn_date(ends)}到期。截至{month}，余额{_amount(a.balance)}")
    if a.overdue_amount > 0:
        text += f"，当前逾期金额{_amount(a.overdue_amount)}"
    if a.overdue_months:
        text += f"。最近5年内有{a.overdue_months}个月处于逾期状态，没有发生过90天以上逾期"
    return text + "。"


def simple_blocks(facts: CreditReportFacts, pen: Pen) -> list[Block]:
    """The simple layout: the summary table, then each account as a sentence under its kind."""
    blocks = [*_header(facts, "（个人版）"), _line("信贷记录", 11, bold=True, gap=9),
              _line("这部分包含您的信用卡、贷款和其他信贷记录。金额类数据均以人民币计算，精确到元。", 8.5, color=GREY)]
    cards = [a for a in facts.accounts if a.kind == "credit_card"]
    homes = [a for a in facts.accounts if a.kind == "mortgage"]
    others = [a for a in facts.accounts if a.kind not in ("credit_card", "mortgage")]
    late = [sum(1 for a in g if a.overdue_months or a.overdue_amount > 0) for g in (cards, homes, others)]
    blocks += _table(["", "信用卡", "购房贷款", "其他贷款"],
                     [["账户数", *(str(len(g)) for g in (cards, homes, others))],
                      ["发生过逾期的账户数", *(str(n) for n in late)]], [50.0, 30.0, 30.0, 30.0])
    for title, group in (("信用卡", cards), ("购房贷款", homes), ("其他贷款", others)):
        if not group:
            continue
        blocks.append(_line(title, 10, bold=True, gap=8))
        for k, a in enumerate(group, 1):
            for text in pen.wrap(_sentence(facts, k, a), 9.5, 176):
                blocks.append(_line(text, 9.5, gap=5.6))
    return blocks + _queries(facts)


def _pages(blocks: list[Block]) -> list[list[tuple[Block, float]]]:
    pages: list[list[tuple[Block, float]]] = [[]]
    y = TOP
    for block in blocks:
        if y + block.height > BOTTOM and pages[-1]:
            pages.append([])
            y = TOP
        pages[-1].append((block, y))
        y += block.height
    return pages


def render_credit_report(facts: CreditReportFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The report as a PDF, every page numbered 第X页 共Y页."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="个人信用报告")
    pen = Pen(canvas, facts.face, A4_PT)
    blocks = detailed_blocks(facts) if facts.layout == "detailed" else simple_blocks(facts, pen)
    pages = _pages(blocks)
    for number, page in enumerate(pages, 1):
        for block, y in page:
            block.draw(pen, y)
        pen.text(pen.w_mm / 2, 290, f"第{number}页 共{len(pages)}页", 8.5, align="center", color=GREY)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def page_count(facts: CreditReportFacts) -> int:
    """How many pages the report prints (the same pagination as rendering)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=facts.report_time, producer="-")
    pen = Pen(canvas, facts.face, A4_PT)
    blocks = detailed_blocks(facts) if facts.layout == "detailed" else simple_blocks(facts, pen)
    return len(_pages(blocks))
