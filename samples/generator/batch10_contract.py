"""Tenth-batch purchase-contract family (templates.py): a developer's 商品房买卖合同 typed from a provincial template
in which every filled-in value sits in 【】 brackets, signed on its last 附件 page.

`contract_bracket_annex`: no cover; the title with （现售）or（预售）and 合同编号【…】 on the first page (the number also
heads every later page), the 出卖人 and 买受人 blocks with each value in 【】 (name, address, 统一社会信用代码, 法定代表人,
证件类型【居民身份证】, 证件号码), 第一章 to 第三章 with 该商品房坐落于【…】, 建筑面积【…】平方米 and 总价款为【人民币】
【…】元（大写【…】）, the model contract's later chapters with their blanks filled in brackets, 附件 pages (付款方式,
装饰装修标准, 补充协议, 前期物业), and the signatures on the last 附件 — 合同签署页: a bordered two-column box
(出卖人（盖章） | 买受人（签字）) with 签订日期【…】 in each column and 签订地点【…】 under it, the seller's seal pressed over
its bracketed name.
"""

from __future__ import annotations

from dataclasses import replace

from .contract_pdf import SealSpot, Typesetter, ruled_table, signature
from .contract_text import CHAPTERS, FITTINGS, SERVICES
from .family_kit import date_text, press
from .finance import money
from .seal import other_make

GREY = (0.3, 0.3, 0.3)
LINE = (0.1, 0.1, 0.1)
_NUMS = "一二三四五六七八九十"


def _b(value: object) -> str:
    return f"【{value}】"


def _parties(t: Typesetter) -> None:
    f = t.f
    s = f.seller
    permit = f"{s.region.short_city[:1]}房预售证第{t.rng.randint(2019, 2026)}{t.rng.randint(10, 999):03d}号"
    t.para(f"出卖人：{_b(s.name)}", indent=False, bold=True)
    for line in (f"通讯地址：{_b(s.address)}", f"统一社会信用代码：{_b(s.uscc)}",
                 f"法定代表人：{_b(s.legal_rep)}　联系电话：{_b(s.phone)}", "委托代理人：【　／　】",
                 f"预售许可证/现售备案号：{_b(permit)}"):
        t.para(line, indent=False)
    t.y += t.line_h * 0.5
    several = len(f.buyers) > 1
    for k, (name, number) in enumerate(f.buyers):
        tag = f"买受人（{_NUMS[k]}）" if several else "买受人"
        t.para(f"{tag}：{_b(name)}", indent=False, bold=True)
        t.para(f"国籍：【中国】　证件类型：【居民身份证】　证件号码：{_b(number)}", indent=False)
    t.para(f"通讯地址：{_b(f.buyer_address)}", indent=False)
    t.para(f"联系电话：{_b(f.buyer_phone)}", indent=False)
    if several:
        t.para("共有方式：【共同共有】", indent=False)


def _basics(t: Typesetter) -> None:
    f, rng = t.f, t.rng
    commas = rng.random() < 0.5
    loan = f.total_price - f.down_payment
    texts = [
        ("第一章　合同订立依据", True),
        ("第一条　依据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及本省有关规定，出卖人和买受人在平等、"
         "自愿、公平、协商一致的基础上，就商品房买卖事项订立本合同。", False),
        ("第二章　商品房基本情况", True),
        (f"第二条　出卖人开发建设的项目名称为{_b(f.project)}，该商品房坐落于{_b(f.property_address)}，"
         f"规划用途为{_b('住宅')}，房屋结构为{_b('钢筋混凝土')}结构。", False),
        (f"第三条　该商品房合同约定建筑面积共{_b(f'{f.floor_area:.2f}')}平方米，其中套内建筑面积"
         f"{_b(f'{f.inner_area:.2f}')}平方米，分摊共有建筑面积{_b(f'{f.floor_area - f.inner_area:.2f}')}平方米。", False),
        ("第四条　该商品房所在土地使用权及在建工程【未设定】抵押；该商品房【不存在】租赁及其他权利限制。", False),
        ("第三章　商品房价款", True),
        (f"第五条　计价方式与价款。出卖人与买受人按照{_b('建筑面积')}计算该商品房价款，单价为每平方米"
         f"{_b(money(f.unit_price, commas=commas))}元，总价款为{_b('人民币')}{_b(money(f.total_price, commas=commas))}元"
         f"（大写{_b(f.price_words)}）。", False),
        (f"第六条　付款方式及期限。买受人采取{_b('贷款方式付款')}：首期房价款人民币{_b(money(f.down_payment, commas=commas))}元"
         f"于签订本合同之日支付；余款人民币{_b(money(loan, commas=commas))}元向{_b('贷款银行')}申请个人住房贷款支付，"
         "具体约定见附件。", False),
        ("第七条　逾期付款责任。买受人未按照约定时间付款的，逾期在【60】日之内，按日计算向出卖人支付逾期应付款"
         "【万分之五】的违约金。", False),
    ]
    for text, bold in texts:
        if bold:
            t.heading(text)
        else:
            t.para(text)


def _flow(t: Typesetter, book: object, last: int) -> None:
    """The model contract's later chapters with their blanks in brackets, never past page `last`."""
    f, rng = t.f, t.rng
    values = {"seller": _b(f.seller.name), "city": f.seller.region.short_city, "project": _b(f.project),
              "delivery": _b(date_text(f.delivery_date, "cn")), "days": _b(rng.choice((30, 60, 90))),
              "rate": _b(rng.choice((3, 4, 5))), "grace": _b(rng.choice((7, 10, 15))),
              "months": _b(rng.choice((3, 6))), "pages": _b(f.pages_declared),
              "court": _b(f"{f.seller.region.district}人民法院")}
    for heading, articles in CHAPTERS:
        for k, text in enumerate([heading, *articles]):
            ok = t.heading(text) if k == 0 else t.para(text.format(**values))
            if ok:
                continue
            if book.page >= last:  # type: ignore[attr-defined]
                return
            book.finish()  # type: ignore[attr-defined]
            _ = t.heading(text) if k == 0 else t.para(text.format(**values))


def _annex(t: Typesetter, number: int, kind: int) -> None:
    f, rng = t.f, t.rng
    title = f"附件{_NUMS[number - 1]}　"
    if kind == 0:
        t.heading(title + "关于付款方式、付款期限的约定")
        loan = f.total_price - f.down_payment
        rows = (("款项", "金额（元）", "付款时间"), ("首期房价款", _b(money(f.down_payment)), "签订本合同当日"),
                ("银行按揭贷款", _b(money(loan)), "贷款银行审批通过后直接划付"), ("合计", _b(money(f.total_price)), ""))
        ruled_table(t, rows, (0.26, 0.3, 0.44))
        t.para("买受人未能取得贷款或贷款金额不足的，双方同意在【15】日内协商处理。")
    elif kind == 1:
        t.heading(title + "装饰装修及相关设备标准")
        ruled_table(t, (("部位", "标准"), *((part, _b(std)) for part, std in FITTINGS)), (0.25, 0.75))
    elif kind == 2:
        t.heading(title + "补充协议")
        for k, text in enumerate((f"出卖人应于{_b(date_text(f.delivery_date, 'cn'))}前办理交付手续。",
                                  "本补充协议与合同正文不一致的，以本补充协议为准。",
                                  "本协议未尽事宜，双方可另行签订书面协议。"), 1):
            t.para(f"{k}. {text}", indent=False)
        t.y += t.line_h * rng.uniform(1, 2)
        t.para("（以下空白）", indent=False)
    else:
        t.heading(title + "前期物业服务合同（摘要）")
        for text in SERVICES:
            t.para(text.format(project=_b(f.project)))


def _signing(t: Typesetter, number: int) -> SealSpot:
    """The last 附件: 合同签署页 with a bordered 出卖人 | 买受人 box; the seal over the seller's bracketed name."""
    f, pen, rng = t.f, t.pen, t.rng
    t.heading(f"附件{_NUMS[number - 1]}　合同签署页")
    t.para(f"本页为《商品房买卖合同》（合同编号：{_b(f.number)}）之签署页，以下无正文。", indent=False)
    size = t.s.size + 0.5
    span = t.right - t.left
    half = span / 2
    top = t.y + 10
    box_h = 78.0
    pen.rect(t.left, top, span, box_h, stroke=LINE, width=0.8)
    pen.line(t.left + half, top, t.left + half, top + box_h, width=0.5, color=LINE)
    signed = _b(date_text(f.signing_date, rng.choice(("cn", "cn_padded", "iso"))))
    x1, x2 = t.left + 4, t.left + half + 4
    pen.text(x1, top + 9, "出卖人（盖章）：", size, bold=True)
    name = _b(f.seller.name)
    name_w = pen.text(x1, top + 20, name, size, max_width=half - 8)
    pen.text(x1, top + 36, "法定代表人（签字）：", size - 0.5)
    pen.text(x1, top + 48, "委托代理人（签字）：", size - 0.5)
    pen.text(x1, top + 68, f"签订日期：{signed}", size - 0.5, max_width=half - 8)
    pen.text(x2, top + 9, "买受人（签字）：", size, bold=True)
    y = top + 14
    for buyer, _ in f.buyers:
        sig = signature(buyer, rng)
        width = min(sig.width / sig.height * 12.0, half - 12)
        pen.image(sig, x2 + 2, y, width, 12.0)
        y += 14
    pen.text(x2, top + 56, "【代理人】：【　／　】", size - 0.5, color=GREY)
    pen.text(x2, top + 68, f"签订日期：{signed}", size - 0.5, max_width=half - 8)
    region = f.seller.region
    pen.text(t.left, top + box_h + 9, f"签订地点：{_b(region.short_city + '市' + region.district)}", size)
    spot = SealSpot(f.pages_declared, (x1 + name_w * rng.uniform(0.35, 0.65)) / pen.w_mm,
                    (top + 20 + rng.uniform(-6, 4)) / pen.h_mm, rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        mark = replace(mark, color=rng.choice(((224, 36, 40), (204, 40, 50), (232, 70, 48))),
                       ring=rng.choice((0.025, 0.04)), fade=rng.choice((0.0, 0.0, 0.35)))
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = top + box_h + 14
    return spot


def contract_bracket_annex(t: Typesetter, book: object) -> SealSpot:
    """Title and 合同编号【…】, bracketed parties, chapters with bracketed blanks, 附件 pages, the 签署页 last."""
    f, pen = t.f, t.pen
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    province = f.seller.region.province
    pen.text(pen.w_mm / 2, t.top + 10, "商品房买卖合同", 22, bold=True, align="center", spacing=1.5)
    pen.text(pen.w_mm / 2, t.top + 19, "（预售）" if f.style.presale else "（现售）", 13, align="center")
    pen.text(pen.w_mm / 2, t.top + 26, f"（{province}示范文本）", 10.5, align="center", color=GREY)
    t.y = t.top + 32
    t.para(f"合同编号：{_b(f.number)}", indent=False)
    t.y += t.line_h * 0.3
    _parties(t)
    t.y += t.line_h * 0.3
    t.para("出卖人与买受人经协商一致，就下列商品房买卖事宜订立本合同。本合同【】内为双方协商填写或选择的内容。")
    finish()
    _basics(t)
    finish()
    room = n - 3  # pages 3 … n-1: the later chapters, then the 附件
    annexes = min(4, room // 2)
    _flow(t, book, last=2 + room - annexes)
    finish()
    number = 1
    while book.page < n:  # type: ignore[attr-defined]
        _annex(t, number, (number - 1) % 4)
        number += 1
        finish()
    spot = _signing(t, number)
    finish()
    return spot
