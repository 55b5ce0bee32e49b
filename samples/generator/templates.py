"""Template families: per document type, the real layouts a generated document can follow.

A family is one layout/wording tradition seen in real documents (who prints it, how the header, the table
and the sign-off are laid out). Families marked `held_out` are never used to tune the product: corpora made
with `--templates unseen` hold only them, and `docproc eval` reports their figures apart. Held-out families come
in batches: a later batch (`--templates unseen2`, then `unseen3`, `unseen4`, `unseen5`) was added after the earlier ones had
been measured, so the product can be measured cold again. The families that
are not held out are exactly the layouts the generator always drew, so a `seen` corpus is byte-identical
to what the same seed gave before families existed.

ID cards have one national design (GB/T 36359 card art, 2004 onwards): only their delivery varies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

HELD_OUT_BATCH = {"unseen": 1, "unseen2": 2, "unseen3": 3, "unseen4": 4, "unseen5": 5}  # mode → the batch of families it draws
MODES = ("seen", *HELD_OUT_BATCH, "all")


@dataclass(frozen=True)
class Family:
    """One layout family of a document type."""

    id: str
    doc_type: str
    description: str
    held_out: bool
    batch: int = 1  # which batch of held-out families it came in (seen families: 0)


FAMILIES: tuple[Family, ...] = (
    Family("id_card_2004", "id_card", "居民身份证 second-generation card (portrait side and emblem side)", False, 0),
    # income_proof
    Family("letter_prose_a4", "income_proof",
           "employer letter in prose: centred title, body paragraph, right-leaning sign-off, round seal", False, 0),
    Family("letter_bank_form", "income_proof",
           "a bank's pre-printed 收入证明 form: 兹证明 with underlined filled-in blanks, 二〇 date, notes below", True),
    Family("letter_table_form", "income_proof",
           "在职收入证明 as a ruled table (姓名/身份证号码/工作单位/职务/入职时间/月收入 小写·大写), declaration, "
           "ISO date, thin orange-red seal over the table", True),
    Family("letter_two_column", "income_proof",
           "office-authored 工作收入证明: two-column facts block, amount as ¥ with 万元 note, slashed date, "
           "seal partly over the printed name", True),
    Family("letter_bank_boxes", "income_proof",
           "a bank's printed 收入证明 form with boxes: fully ruled grid (姓名/性别/证件号码, 工作单位, 职务/入职时间, "
           "月收入 ￥·大写), tick-box 证明用途, 单位盖章 box and 经办人/联系电话 box side by side at the foot", True, 2),
    Family("letter_state_unit", "income_proof",
           "收入证明 of a state-owned enterprise / 事业单位 on red-headed letter paper: 兹有我单位职工…同志 prose, "
           "参加工作时间, 年收入（税前） with the 月均 in brackets, 特此证明, 二〇 date under the unit's name with the "
           "seal over it, 单位地址/联系人/联系电话 footer under a rule", True, 3),
    Family("letter_hr_grid", "income_proof",
           "a private company's 收入证明 on letterhead (logo block, address/phone under a rule): a two-row grid of "
           "员工姓名/证件类型/证件号码/所在部门/担任职务/入司日期/税前月薪/年度总收入 (labels over values), then 本证明仅用于…, "
           "HR 联系人/联系电话, ISO date, seal over the company name at the foot, purple-red thin-ring ink", True, 4),
    Family("letter_bilingual_cert", "income_proof",
           "在职及收入证明 / Certificate of Employment and Income of a foreign-invested firm: bilingual title, To whom it "
           "may concern, facts as an English/Chinese label column (Name 姓名/ID No. 身份证号/Position 职位/Date of Joining "
           "入职日期/Monthly Salary 月薪 in RMB), prose in both languages, compact 20260305 or slashed date, small round "
           "seal over the signatory's printed title", True, 5),
    Family("letter_payroll_months", "income_proof",
           "工资收入证明 with the last six months' pay as a ruled table (月份/应发工资/个人社保公积金/个人所得税/实发工资, "
           "the 应发 the same each month), 月均应发工资 ¥ with 大写 under it, 财务部 sign-off with a cn or dotted date, "
           "seal (some 财务专用章) between the table's foot and the sign-off", True, 5),
    # bank_statement
    Family("statement_grid_cn", "bank_statement",
           "bank print: logo, title, two-column 户名/账号 block, one of three column sets, totals, seal on the last page",
           False, 0),
    Family("statement_labelled_table", "bank_statement",
           "header as a ruled label/value table (账户名称/客户账号/开户机构/查询起止日期), 借方/贷方 split columns, "
           "date first", True),
    Family("statement_prose_header", "bank_statement",
           "header as prose (客户姓名…卡号…您在…至…期间的交易明细如下), signed amount with -, columns "
           "记账日期/交易金额/余额/摘要/对方户名", True),
    Family("statement_stacked_block", "bank_statement",
           "header as one stacked label column (开户行/账户名称/卡号/币种), columns 摘要 before date, "
           "收入/支出 split, balance last, round brown seal", True),
    Family("statement_mobile_export", "bank_statement",
           "mobile-banking 交易明细 PDF export: 户名/账号/起止日期 lines under the title, columns 记账日期 (with time)/"
           "交易金额 (signed)/账户余额/交易摘要/对手信息, 第i页/共n页, round 电子回单专用章 at the foot of the last page",
           True, 2),
    Family("statement_counter_ledger", "bank_statement",
           "counter-printed 对账单 of a city commercial bank / rural credit union: ruled header block (客户名称/账号/币种/"
           "钞汇标志/起始日期/终止日期), columns 交易日期/交易时间/凭证号/摘要/借方发生额/贷方发生额/余额/对方账号/"
           "对方户名/交易渠道, 本页借方合计/贷方合计 and 打印日期 in every page footer, oval 业务专用章", True, 3),
    Family("statement_ebank_summary", "bank_statement",
           "an internet bank's e-statement (电子对账单): brand bar, 账户信息 lines, a ruled summary box (期初余额/期末余额/"
           "收入笔数/收入金额/支出笔数/支出金额) before the detail, columns 交易时间 (date and time in one cell)/交易类型/"
           "收支/金额 (unsigned)/余额/交易对方/备注, page n/N at the top right, round 电子专用章", True, 4),
    Family("statement_bilingual_signed", "bank_statement",
           "bilingual Account Statement 账户交易明细 printed for visa use: English/Chinese headings, two-column facts block "
           "(Account Name 账户名称/Account No. 账号/Currency 币种 | Branch 开户网点/Period 起止日期/Opening Balance 期初余额 "
           "CNY), one signed amount column between the compact date (20260305) and the balance, Page n of N, small "
           "dark-red thin-ring oval seal half off the right page edge", True, 5),
    Family("statement_passbook_detail", "bank_statement",
           "counter print of a 活期 account's passbook 明细 (活期账户交易明细/存折明细打印): facts as labels over values in a "
           "ruled two-row grid (户名/账号/开户网点, 起止日期/币种/期初余额 ¥), columns 序号/记账日 (2026/3/5)/摘要/取出/存入 "
           "(¥)/可用余额/对方户名/交易渠道, 共n页 第i页, thick-ring orange-brown round seal over the closing lines", True, 5),
    # purchase_contract
    Family("contract_gf2014_netsign", "purchase_contract",
           "GF—2014—0171/0172 as printed by a city filing system: cover, parties, price, clauses, appendices, "
           "signature page last", False, 0),
    Family("contract_land_parcel", "purchase_contract",
           "filing-system print without cover: land-parcel clause (…位于…地块) before the flat's location (房屋坐落), "
           "signature page with the seal before the appendices", True),
    Family("contract_riding_seal", "purchase_contract",
           "developer's own print: parties as a table, 骑缝章 across the right page edge of every page, "
           "seal pressed over the printed seller name", True),
    Family("contract_resale_agency", "purchase_contract",
           "存量房屋买卖合同 drawn up by a brokerage: 甲方/乙方/居间方, 房屋坐落 and 不动产权证书号, the seller's seal "
           "over its name and the brokerage's own seal beside it", True),
    Family("contract_city_netsign", "purchase_contract",
           "城市网签 商品房买卖合同 (北京/上海 style): title with the city, 第X条 headings, parties in a two-column "
           "出卖人/买受人 table, price and instalments in a 付款方式 table, signature table with the seal over "
           "出卖人（签章）", True, 2),
    Family("contract_presale_prose", "purchase_contract",
           "a provincial 商品房预售合同 (期房) in prose: 甲方（出卖人）/乙方（买受人） paragraphs, 乙方购买的商品房为…项目… "
           "sentence, 总价款 with 大写 first and 小写 after, 一、二、 numbered clauses, signature lines at the end with "
           "the seal pressed partly off the right page edge", True, 3),
    Family("contract_private_resale", "purchase_contract",
           "a 存量房买卖合同 drafted by the parties themselves (no brokerage): 卖方/买方 blocks, a ruled 房屋基本情况 table "
           "(坐落/建筑面积/产权证号/用途), 成交价格 and 付款 clauses with 第一条…, signature block 卖方（签字/盖章）/"
           "买方（签字） side by side, the seller company's seal over its signature line", True, 4),
    Family("contract_sale_two_column", "purchase_contract",
           "a developer's 商品房买卖合同 print（现售 or 预售）: the parties as a two-column block (出卖人 | 买受人) on the first page, "
           "Arabic-numbered clauses 1./2./3., the price as RMB and CNY with 大写 in brackets, 2026/03/05 or 20260305 "
           "dates, a small orange-brown seal pressed over the printed seller name and 签约日期", True, 5),
    # tax_certificate
    Family("tax_record_grid", "tax_certificate",
           "个人所得税纳税记录 / 税收完税证明 from the tax app: header grid, monthly table, totals, 大写, 验证码", False, 0),
    Family("tax_completion_form", "tax_certificate",
           "税收完税证明 as a counter-printed form: 纳税人识别号 line, table 税种/品目/所属时期/入库日期/收入额/实缴, "
           "二〇 date, brown round seal", True),
    Family("tax_app_landscape", "tax_certificate",
           "个人所得税纳税记录 from the tax app: landscape, one facts line, 所得期间起/止 columns, amounts without commas, "
           "ISO dates, electronic seal", True),
    Family("tax_app_list", "tax_certificate",
           "个人所得税纳税记录 from the tax app as a portrait list: ruled facts box (姓名/证件号码/开具日期/查验码/税务机关), "
           "one two-line entry per month with 收入额 and 已申报税额 on the right, totals, seal over the facts box", True, 2),
    Family("tax_office_withholding", "tax_certificate",
           "个人所得税完税证明 printed at a 税务所 counter: 纳税人 facts in one prose line, a 扣缴明细 table grouped by "
           "扣缴义务人 (扣缴义务人名称/所得项目/所得期间/收入/已缴税额) with a 小计 per agent, 合计 with 大写, "
           "开具人/复核人 line, thick-ring double-circle seal", True, 3),
    Family("tax_etax_list", "tax_certificate",
           "个人所得税纳税清单 exported from the 自然人电子税务局: taxpayer block as a two-column grid (纳税人名称/"
           "纳税人识别号/身份证件类型/身份证件号码/税款所属期间), per-month table 序号/税款所属期/入库日期/所得项目/收入额/"
           "实缴(退)金额/征收机关, 合计 row, 金额单位 note, round star seal under 开具税务机关（章）", True, 4),
    Family("tax_voucher_wenshu", "tax_certificate",
           "中华人民共和国税收完税证明（文书式）: title on two lines, No. top right, 填发日期 and 税务机关 line, 纳税人识别号/"
           "纳税人名称 boxes, table 原凭证号/税种/品目名称/税款所属时期/入(退)库日期/计税依据/实缴(退)金额, 金额合计 with "
           "¥ and 大写 in one row, 备注 with 验证码, 税务机关（盖章） box with a thick-ring dark-red seal and 填票人", True, 5),
    # business_license
    Family("license_2016", "business_license",
           "营业执照 正本 (landscape) or 副本 (portrait) since 2016: frame, emblem, USCC, QR code, registration seal",
           False, 0),
    Family("license_three_in_one", "business_license",
           "the 2015 三证合一 营业执照: one column of labels (名称/类型/住所/法定代表人/注册资本/成立日期/营业期限), "
           "统一社会信用代码 under the title, no QR code", True),
    Family("license_electronic_print", "business_license",
           "a printout of the 电子营业执照 card: tinted framed card on A4, fields in two columns, 登记机关 and date "
           "under the seal", True),
    Family("license_ruled_copy", "business_license",
           "营业执照 副本 printed on a county registry's form: every field in a ruled label/value grid (个体工商户: 名称/"
           "经营者/组成形式/经营场所/注册日期/经营范围; companies: 名称/法定代表人/类型/注册资本/成立日期/营业期限 自…至…/"
           "住所/经营范围), 统一社会信用代码 boxed top right, QR code bottom left, faded orange-brown seal", True, 3),
    Family("license_terminal_print", "business_license",
           "营业执照 副本 printed by a 政务服务中心 self-service terminal on light-blue lined security paper: one ruled "
           "two-column grid with the code inside it (企业名称/统一社会信用代码/企业类型/法定代表人/注册资本/成立日期/"
           "营业期限自/营业期限至/住所/经营范围; 个体工商户 字号名称/主体类型/经营者), ISO dates, QR top right, "
           "登记机关 and 核准日期 under a thin-ring seal, 打印流水号 note at the foot", True, 4),
    Family("license_two_column_copy", "business_license",
           "营业执照 副本 as photocopied on A4: fields in two columns (统一社会信用代码/名称/类型/法定代表人 | 注册资本/"
           "成立日期/营业期限/住所; 个体工商户 经营者/组成形式/注册日期/经营场所), 经营范围 across the page, 2010年03月05日 "
           "dates, 营业期限 自…至…, a small orange-brown registration seal partly over the date line", True, 5),
)

FAMILY = {f.id: f for f in FAMILIES}


def families(doc_type: str) -> list[Family]:
    """Every family of a document type, in registry order."""
    return [f for f in FAMILIES if f.doc_type == doc_type]


def candidates(doc_type: str, mode: str) -> list[Family]:
    """The families a corpus of this mode draws from.

    `unseen` draws the first batch of held-out families, `unseen2` the second batch, `unseen3` the third, `unseen4`
    the fourth and `unseen5` the fifth (a type without one uses the first); a type without held-out families keeps its seen ones.
    """
    if mode not in MODES:
        raise ValueError(f"templates must be one of {', '.join(MODES)}, not {mode!r}")
    pool = families(doc_type)
    seen = [f for f in pool if not f.held_out]
    first = [f for f in pool if f.held_out and f.batch == 1]
    if mode == "seen":
        return seen
    if mode in HELD_OUT_BATCH:
        return [f for f in pool if f.held_out and f.batch == HELD_OUT_BATCH[mode]] or first or seen
    return pool


def choose(rng: random.Random, doc_type: str, mode: str, turn: int | None = None) -> Family:
    """The family of one document: in turn (a corpus rotates them, so a small one shows every family) or drawn.

    With a single candidate nothing is drawn, so seen corpora keep their old random streams.
    """
    pool = candidates(doc_type, mode)
    if len(pool) == 1:
        return pool[0]
    return pool[turn % len(pool)] if turn is not None else rng.choice(pool)
