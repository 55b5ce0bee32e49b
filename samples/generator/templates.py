"""Template families: per document type, the real layouts a generated document can follow.

A family is one layout/wording tradition seen in real documents (who prints it, how the header, the table
and the sign-off are laid out). Families marked `held_out` are never used to tune the product: corpora made
with `--templates unseen` hold only them, and `docproc eval` reports their figures apart. Held-out families come
in batches: a later batch (`--templates unseen2`, then `unseen3`, `unseen4`, `unseen5`, `unseen6`, `unseen7`,
`unseen8`, `unseen9`, `unseen10`, `unseen11`, `unseen12`, `unseen13`, `unseen14`, `unseen15`, `unseen16`, `unseen17`, `unseen18`, `unseen19`) was added after the earlier ones had been measured, so the product can be measured cold again. The families that
are not held out are exactly the layouts the generator always drew, so a `seen` corpus is byte-identical
to what the same seed gave before families existed.

ID cards have one national design (GB/T 36359 card art, 2004 onwards): only their delivery varies, and the one
held-out ID families are delivery traditions: both sides photocopied on one sheet under an overprint (batch 13),
both sides saved side by side by a phone scan app in black and white (batch 14), both sides copied, cut out and glued
onto a bank's 身份证复印件粘贴单 (batch 15), each side held in the hand and photographed, the photos joined into one
picture (batch 16), both sides colour-copied side by side by a copy shop with a handwritten 仅供… line across them
(batch 17), both sides copied enlarged on a landscape sheet under a bank clerk's blue 与原件核对一致 stamp (batch 18),
a photocopy of both sides sent by fax and saved by the bank's fax server (batch 19).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

HELD_OUT_BATCH = {"unseen": 1, "unseen2": 2, "unseen3": 3, "unseen4": 4, "unseen5": 5,
                  "unseen6": 6, "unseen7": 7, "unseen8": 8, "unseen9": 9,
                  "unseen10": 10, "unseen11": 11, "unseen12": 12,
                  "unseen13": 13, "unseen14": 14, "unseen15": 15, "unseen16": 16,
                  "unseen17": 17, "unseen18": 18, "unseen19": 19}  # mode → the batch of families it draws
MODES = ("seen", *HELD_OUT_BATCH, "all")


@dataclass(frozen=True)
class Family:
    """One layout family of a document type."""

    id: str
    doc_type: str
    description: str
    held_out: bool
    batch: int = 1  # which batch of held-out families it came in (seen families: 0)
    numbered: bool | None = None  # prints page numbers (第X页 共Y页, i/n); None: as its type usually does


FAMILIES: tuple[Family, ...] = (
    Family("id_card_2004", "id_card", "居民身份证 second-generation card (portrait side and emblem side)", False, 0),
    Family("id_copy_overprint", "id_card",
           "both sides of the 居民身份证 photocopied on one A4 sheet (front above back) with the customer's diagonal, "
           "repeated 仅供…银行按揭贷款使用，他用无效 overprint across the whole sheet in grey-black, red or blue ink; a side "
           "handed in alone carries the same overprint laid over the card, as phone watermark apps do", True, 13),
    Family("id_scan_app_bw", "id_card",
           "both sides of the 居民身份证 captured by a phone scan app and saved in its black-and-white 文档 mode: the sides "
           "side by side on a landscape A4 page at about real size, thresholded to black on white (portrait and guilloche "
           "turned to speckle, the text black), a slight keystone on each card, the app's small mark at the foot; a side "
           "handed in alone comes the same way on its own page", True, 14),
    Family("id_bank_paste_form", "id_card",
           "both sides of the 居民身份证 photocopied in grey, cut out and glued into the two dashed boxes (人像面粘贴处 / "
           "国徽面粘贴处) of a bank's pre-printed 身份证复印件粘贴单, each slip a little turned; 客户姓名 and 业务种类 filled "
           "in by hand, the customer's hand-written 仅供…银行办理个人住房贷款使用，他用无效 line, 客户签名 and the date, an "
           "经办人 strip at the foot; a side handed in alone sits in its box, the other box left empty", True, 15),
    Family("id_hand_held_collage", "id_card",
           "each side of the 居民身份证 held between thumb and fingers a little above a dark desk and photographed by phone "
           "at an angle (turned and foreshortened, the thumb over one edge or corner, fingertips past the other edge, a "
           "flash hotspot on the laminate, light falling off to the corners); the two photos joined top to bottom by the "
           "phone's 拼图 into one long picture, one photo where a side comes alone", True, 16),
    Family("id_copyshop_pair", "id_card",
           "both sides of the 居民身份证 colour-copied by a copy shop side by side across the top of a portrait A4 sheet "
           "at real size (front left, back right, the copier's raised contrast and warm toner), the customer's "
           "handwritten 仅供…银行…贷款使用，他用无效 written in ballpoint across both copies at a slant, the signature and "
           "date under them; a side alone sits in its place with the other left blank", True, 17),
    Family("id_enlarged_verified_copy", "id_card",
           "both sides of the 居民身份证 photocopied side by side on a landscape A4 sheet at the copier's 141 % (or 129 %) "
           "enlargement, grey on most copies, two binder holes punched down the left margin, and under the copies the "
           "bank clerk's blue rectangular 与原件核对一致 stamp with the clerk's initials and the date written into it; a "
           "side alone sits in its place with the other left blank", True, 18),
    Family("id_fax_copy", "id_card",
           "both sides of the 居民身份证 photocopied on one A4 sheet and faxed to the bank, saved by its fax server: black "
           "and white at fax resolution (standard 204 × 98 with every line doubled, or fine), the portrait and guilloche "
           "dithered to dots (photo mode) or cut to black and white (text mode), the sending machine's header line "
           "(date and time, FROM: number, P.01/01) across the top, a slight skew, lines lost or repeated in transmission "
           "and a band shifted sideways, on some a dirty-glass line down the page; a side alone is faxed alone", True, 19),
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
    Family("letter_pay_components", "income_proof",
           "工资收入证明 of a 事业单位 / public body's 人事处: 兹证明…同志 prose, the month's pay as a one-row ruled table "
           "of its parts (岗位工资/薪级工资/绩效工资/津贴补贴/月收入合计) that add up to the monthly income, 大写 after it, "
           "年收入 about N.NN万元, 经办人 and 联系电话, 二〇 or cn date, a large red seal over the date", True, 6),
    Family("letter_hr_esign", "income_proof",
           "在职收入证明 generated by an HR system with an electronic seal: coloured brand bar, 证明编号 top right, "
           "a shaded key/value table (员工姓名/证件号码/所属公司/岗位/入职日期/税前月收入 ¥ with commas/大写/税前年收入 约N万元), "
           "validity note, a QR code with 扫码验证 and 验证码, 开具时间 with the clock time, a crisp thin-ring e-seal", True, 6),
    Family("letter_one_sentence", "income_proof",
           "a small unit's short 证明: the date in the upper right above the title, an addressee line, every fact in one "
           "running sentence (任职单位/工作单位…为…, 自…起任…, 月收入人民币 in 大写 with the ¥ 小写 in brackets), 特此证明, "
           "证明单位（公章） with the unit's name and phone at the foot, round seal over the name", True, 7),
    Family("letter_dotted_leaders", "income_proof",
           "a printed 收入情况证明表: labels ending in a full-width colon with the values on dotted leaders to the right "
           "margin (姓名/性别 on one line or two, 工作单位/任职单位/所在单位, 月收入（税前）/月均收入/税前月工资 with 元, "
           "大写金额), a liability declaration, 单位（盖章） on the left with the seal under the declaration, 单位负责人/经办人 "
           "signature lines and 填表日期 on the right, 涂改无效 note", True, 7),
    Family("letter_bank_handfilled", "income_proof",
           "a bank's printed 收入证明 form taken to the employer and filled in by hand: the bank's name and 表单编号 at the "
           "top, printed labels (兹证明…为本单位职工，性别/身份证号码/工作单位全称/自…年…月…日起在本单位工作，现任/其月平均收入为"
           "（小写）…元 /（大写）：人民币/单位联系电话) with the values in blue-black ink in another, heavier face, off the "
           "underlines, 单位负责人（签字） and 单位公章 side by side, the date written into a printed 年 月 日, a faded or "
           "crisp round seal over 单位公章", True, 8),
    Family("letter_kv_seal_right", "income_proof",
           "工作及收入证明 typed by the unit: intro line, the facts as a key/value list on the left half (姓名/员工姓名, "
           "身份证号/公民身份号码, 工作单位/单位名称/任职单位, 入职日期 before or after the unit, 月收入/月均收入/税前月收入 with ¥ "
           "or 元, 大写), ruled or not, a vertical rule, the right half holding 单位（盖章） with the seal, 单位负责人签字 with a "
           "signature and the date as 2026  年  3  月  5  日 spaced out, 特此证明 under the list", True, 8),
    Family("letter_hr_shared_service", "income_proof",
           "a group's 人力资源共享服务中心 certificate for one of its companies: the centre's name over a coloured rule, a "
           "ruled reference block top right (受理编号/开具日期/核验电话), the facts as a ruled four-column grid (姓名/性别, "
           "身份证件号码, 劳动合同签订单位 or 任职单位, 任职岗位/任职起始日), the last three or six months laid across as "
           "the columns of a 月份/月度应发/月度实发 table, 税前月收入 or 月均应发收入（税前） with 大写, the last year's 应发 "
           "total, numbered notes, 经办人/复核人 left and the seal over the 单位（盖章） line on the right", True, 9),
    Family("letter_institution_numerals", "income_proof",
           "a 事业单位's 工资收入证明 set like an official letter: centred title with a X证字〔2026〕N号 number under it, a "
           "bank addressee, prose (公民身份号码, 系我单位在编在岗职工, 来本单位工作时间为…, 现任 department and post), "
           "月均收入为人民币 in 大写 first with the ¥ figures in brackets, what the pay is made of, 特此证明, "
           "所在单位（盖章） with the unit's name and a 二〇 date at the bottom left under the seal, 经办人 and phone on "
           "the right, a validity note", True, 9),
    Family("letter_numbered_facts", "income_proof",
           "收入证明 written as a numbered list of facts: 致 or a bare bank addressee, 现将…情况证明如下, then 一、二、三、… "
           "or （一）（二）… items (姓名/性别/居民身份证号码, 自…起在本单位工作 with the post, 月收入（税前） with 大写, how it is "
           "paid, what the letter is for, 联系人 and phone), 特此证明, 证明单位（公章） over the unit's name with the seal on it, "
           "a 2026年03月05日 or ISO date, a blue signature over 经办人", True, 10),
    Family("letter_memo_annual", "income_proof",
           "a company's 证明函 set as an internal memo: the firm's name in colour at the top left, a ruled memo block "
           "(致/To, 发文部门/From, 日期/Date, 编号, 事由), prose giving the pay only as 税前年薪 with the monthly figure "
           "in brackets (折合月均 … 元，大写 …) plus the last year's 年终奖金, a small ruled 薪酬构成 table (基本年薪/年终奖金/"
           "合计), 人力资源部 sign-off with the seal over the company's name, a compact or dotted date", True, 10),
    Family("letter_verify_stub", "income_proof",
           "a lender's two-part 收入证明 form: 表号 top left, 第一联 银行留存 down the right margin, the employer's part a "
           "four-column ruled grid with shaded label cells and the values in the cells beside them (姓名|性别, 身份证件号码, "
           "工作单位（全称）, 单位性质 tick boxes, 现任职务|参加本单位工作时间, 税前月收入（小写）|（大写）, 单位联系电话（座机）|"
           "经办人 signed), a 单位声明 cell with 单位公章 and the date, a purple-red or orange-brown thick or double-ring seal "
           "on it, then under a dashed rule 以下由贷款银行填写 with empty 核实方式/核实人/核实时间/核实意见 cells", True, 11),
    Family("letter_net_and_gross", "income_proof",
           "a company's 收入证明 on letterhead (Chinese and English name, double coloured rule, an address/phone/web "
           "footer and 第 1 页 共 1 页): addressee, running prose giving the 每月税前工资收入 with 大写 and then the 实发 "
           "after tax and contributions, 单位名称（公章） over the name with a 二〇二六年三月五日 date, a thick-ring seal "
           "pressed over name and date", True, 11, numbered=True),
    Family("letter_label_grid", "income_proof",
           "a company's 员工收入证明 printed from its HR system: the firm's name top left, a Code 128 barcode with the 证明编号 "
           "under it top right, a thick coloured rule, the facts in a three-column boxed grid with a small grey label over "
           "each value (员工姓名/性别, 证件号码, 任职公司, 所在岗位/入职日期/工作年限), a coloured band over the pay boxes giving "
           "近十二个月税前收入合计 first and 月平均税前收入 after it, 月平均税前收入（大写）, the HR phone, numbered 说明, and the "
           "company's name over a 2026年3月5日 date centred at the foot under a purple-red thin double-ring seal", True, 12),
    Family("letter_desk_photo", "income_proof",
           "a department's 证明 photographed lying on a desk: a wooden desk round the sheet, the sheet's shadow, the phone's "
           "soft shadow over a corner and light falling off; prose giving 工作年限, 月均收入（税前） with 大写 and 年收入约…万元, "
           "部门负责人 with a handwritten signature and the phone on the left, the company's name and a 2026/03/05 date on "
           "the right, a scarlet thin-ring seal pressed partly over the last lines", True, 12),
    Family("letter_merged_cells", "income_proof",
           "a unit's 收入证明 typed as one bordered table: title over a 编号 line, three columns — a section cell merged down "
           "its rows with the words set vertically (基本信息/收入情况/单位信息), the label, the value — giving 姓名 and 性别 in "
           "one row split in four, 身份证号码, 工作单位, 所在部门及职务, 入职时间, 月收入（税前，小写） with ¥ or commas, 月收入"
           "（大写）, 年收入（税前）, 联系人及电话; a last row merged across the table holding the declaration, 单位（盖章）, the "
           "name and a 2026年03月05日 date with the seal pressed in it", True, 13),
    Family("letter_digit_boxes", "income_proof",
           "a bank's pre-printed 个人收入证明（银行格式） typed in by the employer: the bank's name and 表单编号 over a coloured "
           "rule, 致：…银行 and a filling instruction, ruled rows with shaded labels — 姓名 with 性别 □男 ■女, the 身份证号码 in "
           "eighteen comb boxes, 工作单位（全称）, 部门及职务, 入职时间 as 年/月/日 boxes, 劳动合同类型 and 单位性质 as □/■ "
           "choices, 税前月收入（小写） as a cheque-style digit grid under 佰/拾/万/仟/佰/拾/元/角/分 with ¥ before the first "
           "digit, 月收入（大写） with 人民币, 年收入（税前）, 单位联系电话 —, the declaration, 单位（公章） with the name and "
           "a date in boxes under the seal, a 以下由银行填写 strip", True, 14),
    Family("letter_folded_table", "income_proof",
           "a company's 收入证明 under its name as letterhead, typed as a two-column label/value table in its own words "
           "(员工姓名, 性别, 公民身份号码, 任职单位, 任职起始日, 现任岗位, 月均税前收入（小写）/（大写）, 收入构成, 单位联系电话; "
           "the pay before or after the post), 致：…银行, a liability declaration, 证明人（签字） with a handwritten "
           "signature on a line and the seal pressed across that line towards the unit's name and date; folded in three "
           "for its envelope, two creases across the page", True, 15),
    Family("letter_a5_letterhead", "income_proof",
           "a 收入证明 on the unit's own A5 letter paper used landscape: its mark and name in red with the name in pinyin, "
           "a red double rule, prose (兹证明…同志（性别…，公民身份号码…）系我公司正式员工，自…起…，现在…部担任…职务), the "
           "pay as 人民币12,345.00元 with the 大写 in brackets and the year's pay beside it, a purpose line, 特此证明, "
           "经办人 and phone on the left, 单位负责人（签字） with a signature and the unit's name and date under the seal "
           "on the right, the paper's red footer with phone, fax and web address", True, 16),
    Family("letter_month_grid_form", "income_proof",
           "a lender's pre-printed 个人收入证明（单位填写）: the bank's name and 表单编号 over a coloured rule, a filling "
           "instruction, 一、基本情况 as a ruled grid with shaded labels, 二、近十二个月收入情况 as two six-column bands of "
           "月份 over 应发金额 (every month different), 月均税前收入（小写） ¥ with commas — the twelve months' mean — and "
           "（大写）, 三、单位声明, 经办人 with a signature, 单位（公章） with the name and 填表日期; the seal pressed over the "
           "月均 amount as the bank asks, a 以下由银行填写 strip at the foot", True, 17),
    Family("letter_counterfoil_torn", "income_proof",
           "a leaf torn off a unit's pad of red-printed 收入证明 forms along the perforation that held its 存根: a 16开 "
           "leaf cut short on the left, the ragged edge with the perforation's half-holes and the right halves of the "
           "骑缝 number's characters; title, （ ）字第 N 号, the wording with its underlined blanks (兹证明…同志，性别…, "
           "身份证号码, 自…年…月…日起在我单位工作，现任…职务, 月收入（税前）为人民币（小写）…元，（大写）…, 工作单位, 单位电话), "
           "特此证明, 单位（盖章） and 年 月 日 printed in red, the values typed in black a little off the lines, a red "
           "footnote and the printer's imprint; a red-orange thin-ring seal over 单位（盖章） and the date", True, 18),
    Family("letter_handwritten_stationery", "income_proof",
           "a 收入证明 written out by hand in blue-black ballpoint on the unit's own 信笺 (16开 or A4): the unit's name "
           "printed in red at the head over a red double rule, pale ruled lines, a red foot rule with 电话; the title, the "
           "bank addressee, one paragraph (兹证明…同志，性别…，身份证号码…，自2015年7月1日起在我单位工作，现任…，月收入（税前）"
           "…元（大写：…）), 特此证明, the unit's name and the date at the lower right, the writing a little off the rules "
           "and every character its own size and slant; the unit's red seal over the name and date", True, 19),
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
    Family("statement_history_footer", "bank_statement",
           "a big bank's 借记卡账户历史明细清单: title line and 查询时间 on the first page only, the account facts (户名/卡号/"
           "起止日期) in every page's footer under a rule with 第 i 页 / 共 n 页, columns 交易日期/币种/钞汇/摘要/地区/"
           "收入/支出金额 (always + or -)/余额/对方户名/对方帐号/渠道, 起始余额/截止余额 and totals after the rows, "
           "large round thin-ring seal over them", True, 6),
    Family("statement_carry_forward", "bank_statement",
           "a rural bank's / credit union's 分户账 counter print: 科目/币种/记账期间 lines, columns 日期 (2026.03.05)/摘要/"
           "凭证号/借方发生额/贷方发生额/借或贷/余额/对方户名, a 期初余额 row opening page 1, 承前页 rows opening and "
           "过次页 rows (page debits, credits, balance) closing the pages, 会计主管/复核/记账 footer, brown thick-ring oval "
           "seal", True, 6),
    Family("statement_app_liushui", "bank_statement",
           "a big bank app's 电子流水 download: brand strip, title with 流水号/防伪码 on the right, the account facts "
           "(户名/账号/账户类型/币种/开户网点/起止日期) as an unruled two-column block on the left and a shaded summary "
           "block on the right (期初余额, 收入 N 笔, 支出 N 笔, 期末余额), columns 记账日期/交易时间 (own column)/摘要/"
           "交易金额 (minus for debits)/账户余额/对方户名/对方账号, 流水号 and 第i页/共n页 in every footer, crisp thin-ring "
           "round 电子回单专用章 or 电子专用章", True, 7),
    Family("statement_debit_credit_en", "bank_statement",
           "a branch's 账户对账单 in the Debit/Credit tradition (A4 landscape on most prints): the facts in one ruled strip "
           "(户名 Name | 账号 Account No. | 币种 Currency | 起止日期 Period | 开户网点 Branch), two-line headings with the "
           "English under the Chinese (日期 Date/借方发生额 Debit/贷方发生额 Credit/余额 Balance/对方信息 Counterparty/附言 "
           "Remarks), 借方合计/贷方合计 and opening/closing after the rows, 打印柜员 Teller and n/N in the footer, dark-red "
           "wide-ring oval seal", True, 7),
    Family("statement_continuous_passbook", "bank_statement",
           "a 农商行 / 村镇银行 counter print of a 交易明细 on pin-feed continuous paper (tractor holes down both edges, pale "
           "green bars), dot-matrix monospace type, the header facts on one line (户名/账号/开户网点/起止日期/上期余额), dashed "
           "rules, columns 序号/交易日期/交易码/摘要/借贷 (借 or 贷)/发生额 (unsigned)/余额/对方户名/柜员/网点, 打印日期 and 柜员 "
           "with 第i页 共n页 at the foot, a faded brown-red thick-ring round 业务专用章", True, 8),
    Family("statement_boxed_history", "bank_statement",
           "a 个人账户历史交易明细 in the 对公 tradition: a bordered query box (查询账号/户名/币种/开户行/查询期间/查询人/打印时间/"
           "期初余额), columns 交易日/起息日/借方金额/贷方金额/余额/对方账号/对方户名/用途, 本页借方合计/本页贷方合计/本页笔数 "
           "under every page's rows, 第 i 页 / 共 n 页, 期初/期末 and the count after the last row, a purple-red thin-ring oval "
           "seal", True, 8),
    Family("statement_two_line_entries", "bank_statement",
           "a city commercial bank's counter 对账单 on portrait A4 whatever the print's page: bank name with 对账单编号, the "
           "customer facts in three lines between double rules (客户名称/账号/币种, 开户机构/对账期间, 打印日期/上期结余 ¥), "
           "every entry on two lines (date and time, 摘要, signed 交易金额/发生额, 账户余额 with ¥ or CNY, 交易渠道; then "
           "对方户名 and 对方账号 smaller), a hairline between entries, 客户名称/账号 over later pages, 对账单编号 and "
           "第i页/共n页 or 页次 at the foot, 本期收入/本期支出 and 期末余额 after the rows, a round 业务专用章 on the last "
           "page only", True, 9),
    Family("statement_summary_first", "bank_statement",
           "a 账户交易明细清单 on the print's page (landscape on most): bank name, title and 打印日期 over a double-ruled box "
           "holding 户名 and 卡号 in large bold type, a 开户网点/币种/查询期间/期初余额 line, a fully ruled table with columns "
           "摘要/交易日期/支出/存入/余额/对方户名/对方账号/交易地点, the box repeated small over later pages, 第 i 页 共 n 页 "
           "centred at the foot, 支出合计/存入合计/期末余额 after the rows, an orange-red oval seal", True, 9),
    Family("statement_browser_print", "bank_statement",
           "a personal internet bank's 交易明细查询 page printed through the browser: the print's date/time and the page "
           "title in the top margin, the URL and i/n at the foot, the site's coloured nav bar and a breadcrumb, the query "
           "form (查询账户/户名, 起始日期/截止日期 boxes, a 查询 button), 查询结果 共N条, a striped table 交易时间 (date and "
           "clock time)/摘要/交易金额 (signed, red for income, green for spending)/账户余额/对方户名/对方账号/交易渠道, "
           "totals under it, a counter's round 业务受理章 stamped on the last page", True, 10),
    Family("statement_flag_after", "bank_statement",
           "a 邮储 / 农商行 counter 个人活期明细对账单: bank and title centred, a ruled three-by-two facts block (户名/账号/"
           "账户性质, 币种/起止日期 as 2026年01月01日/打印日期), one 发生额 column whose amount carries its 借 or 贷 flag "
           "after it, 记账日期 as 2026年03月05日, columns 记账日期/摘要/发生额（借/贷）/余额/对方户名/对方账号/网点号/柜员, "
           "借方/贷方 合计 with counts and 期末余额…贷 after the rows, 第i页（共n页） and 打印柜员 at the foot, a purple-red "
           "oval 业务专用章", True, 10),
    Family("statement_qr_watermark", "bank_statement",
           "a bank's 电子交易流水 for a loan file: bank and title top left, a QR code with 验真码 top right, the account facts "
           "as grey labels over their values in a bordered box (户名/账号/币种/开户行, 起止日期/期初余额/期末余额/生成时间), "
           "columns 交易日期 (20260305)/时间/收入/支出/余额/对方账号与户名 (name and number in one cell)/摘要 under a "
           "coloured heading, a pale slanted 仅供…使用 watermark on every page, - i / n - and the 验真码 at the foot, "
           "本期收入/本期支出 after the rows, a thin double-ring round 电子专用章", True, 11),
    Family("statement_transfer_ledger", "bank_statement",
           "a rural bank's counter 账户明细打印: title with the bank's name centred, 客户号 and 打印次数, a ruled strip "
           "(户名/账号/起止日期 as 2026年3月5日), a fully boxed table 日期/凭证种类/凭证号/摘要/转入金额/转出金额/结余/对方信息 "
           "(户名/账号), 上期结余/转入合计/转出合计/本期结余 after the rows, 经办/复核/授权 and 页码 i/n in the footer, an "
           "orange-brown or purple-red thick-ring oval 业务专用章 running off the right page edge", True, 11),
    Family("statement_app_month_groups", "bank_statement",
           "a mobile bank's 收支明细 long screenshot printed across portrait A4 pages by the branch: a 交易明细证明 header "
           "(户名/账号/币种, 查询期间/打印日期, 开户网点/期初余额) over a phone-width picture — status bar, ‹ 收支明细 nav bar, an "
           "account card with the card's last four digits —, the transactions grouped under grey month bars (2026年03月 "
           "支出¥… 收入¥…), each a two-line card: counterparty and signed amount, then 03月05日 with the clock time and 摘要 "
           "and 余额 (the year only in the month bars); — 已显示全部 —, the branch's totals and 期末余额, 第i页/共n页 at every "
           "foot, a round vermilion-orange 业务专用章", True, 12),
    Family("statement_sidebar_minus", "bank_statement",
           "a counter 对账单: the bank and title top left, the account facts in a ruled box top right (户名/账号/币种/开户网点/"
           "对账期间/期初余额), columns 记账日期 (05/03/2026, day first)/摘要/交易金额 (debits with a trailing minus, "
           "1,234.00-)/余额/对方户名/对方账号/流水号 between heavy rules, 收入合计/支出合计 (trailing minus) with counts and "
           "期末余额 after the rows, 第i页，共n页 at every foot, a purple-red thin double-ring oval 业务专用章", True, 12),
    Family("statement_wrapped_carry", "bank_statement",
           "a branch's 客户分户账 / 账户明细对账单, landscape where the rows fit: bank and title, a ruled facts strip (户名/账号/"
           "币种/开户机构/起止日期 as 20260101-20260331), columns 交易日期 (20260305 with the time under it)/摘要 (description, "
           "counterparty and account wrapped onto a second line inside the row)/借方发生额/贷方发生额/余额/交易机构/柜员, a "
           "承前页 line opening every page (期初余额 on page 1), 本页合计 and 过次页 lines closing it, 借方合计/贷方合计 with "
           "counts and 期末余额 at the end, 第 i 页/共 n 页, a brown-red thick-ring oval 业务专用章", True, 13),
    Family("statement_greenbar_print", "bank_statement",
           "a branch's dot-matrix 对账单 on continuous green-bar stationery: tractor-feed holes down both margins, tear lines, "
           "pale green bands behind every other pair of lines and no rules, the pre-printed bank name and title in green, "
           "户名/账号 and 币种/开户网点/起止日期 2026.01.01-2026.03.31 typed in black, columns 日期 (2026.03.05)/摘要/支出/"
           "存入/余额/对方户名, 期初余额 or 上页余额 opening every page, an 本页 支出/存入 笔数 line closing it, 合计 with "
           "counts and 期末余额, 页号 i/n, a purple-red or orange-brown round 业务专用章", True, 14),
    Family("statement_passbook_copy", "bank_statement",
           "a black-and-white photocopy of a 活期储蓄存折 brought up to date at the counter: two passbook pages to an A4 "
           "sheet (the booklet's grey edge, the stitched gutter), each page's pre-printed heading (the bank, 活期储蓄存折, "
           "户名/账号 typed by the passbook printer), numbered guide lines, columns 日期 (20260305)/摘要/支取/存入/结余/"
           "对方户名/网点/柜员 in dot-matrix type a little off the guides, 期初余额 then 承前页 opening every passbook page, "
           "复印件 第 i 页 / 共 n 页 at the foot, the branch's typed certification (account, period, 期末余额, date) under "
           "the booklet on the last sheet with a red oval 业务专用章 pressed over it", True, 15),
    Family("statement_app_newest_first", "bank_statement",
           "a mobile bank's 电子流水 export (born digital, portrait): the bank's coloured band, title and 流水号, the query "
           "(户名/账号/币种/开户网点/查询期间/生成时间, 排序：交易时间倒序 on most) and a shaded 期初余额/收入 N 笔/支出 N 笔/"
           "期末余额 line, the rows newest first (page 1 the last weeks, the last page the first), the date (2026-03-05, "
           "2026/03/05 or 20260305, the time apart on some) then 摘要/对方户名/收入/支出/余额 in the export's own order "
           "(收入 and 支出 unsigned, either first), 第 i 页 / 共 n 页 with the 流水号 at every foot, — 以下空白 — after the "
           "oldest row, a note on the electronic seal with a 验证码, the crisp round e-seal", True, 16),
    Family("statement_excel_print", "bank_statement",
           "the branch's spreadsheet export printed from Excel / WPS 表格 on landscape A4: gridlines round every cell, a "
           "title row, 账号/户名/币种, 起始日期/终止日期/开户机构 and 期初余额/期末余额/笔数 in cells, columns 序号/交易日期/交易时间/借贷标志 (借 or "
           "贷)/交易金额 (unsigned)/账户余额/摘要/对方户名/对方账号/交易机构, dates as 2026/3/5 or text, amounts in "
           "General format (1234.5, 300) or two decimals, the counter account as 6.22848E+18 on some, the heading row "
           "repeated only where print titles were set, 第 1 页，共 3 页 at the foot, the file name in the header on "
           "some, 打印机构/打印柜员/打印时间 after the last row with the branch's seal pressed over it by hand", True, 17),
    Family("statement_kiosk_microtext", "bank_statement",
           "a 交易明细 printed by a branch's self-service terminal on portrait security paper: a pale tiled microtext "
           "ground, the bank and 自助打印 top left, 终端号/打印流水号 boxed top right, the account facts unruled (户名/账号, "
           "币种/钞汇标志, 查询起止日期 2026.01.01—2026.03.31, 开户机构, 期初余额/打印日期), columns 交易日期 (2026.03.05)/"
           "交易地点/摘要/入账金额/出账金额/余额/对方账户名称 (wrapping inside its cell)/对方账号, 终端号, 打印流水号 and "
           "第 i 页 共 n 页 at every foot, 入账合计/出账合计 and 期末余额 after the rows, the terminal's red-orange "
           "thin-ring e-seal run partly off the right edge", True, 18),
    Family("statement_riding_seal", "bank_statement",
           "a counter print of the account's 明细 for a loan file, the pages fanned and the branch's seal pressed once "
           "across their right edges (骑缝章: a slice of it at the edge of every page) and whole over the certification "
           "after the rows: bank and 打印日期, the title, a ruled two-row facts box 户名/账号/币种, 起止日期 "
           "(20260101—20260331)/开户网点/期初余额, columns 序号/交易日期 (20260305)/交易时间/摘要/交易金额 (signed)/账户余额/"
           "对方账号/对方户名/交易渠道 (日志号 on landscape prints), 打印网点/打印柜员 and 第 i 页 共 n 页 at every foot, "
           "收入合计/支出合计/期末余额, 以上交易明细共 n 页，经核对与我行业务系统记录一致", True, 19),
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
    Family("contract_agency_form", "purchase_contract",
           "a city's 存量房屋买卖合同（经纪成交版） as filled in online: cover with 出卖人/买受人/经纪机构 lines, parties in "
           "the 【法定代表人】【负责人】/【身份证】【护照】【统一社会信用代码】 option style with 出生日期 and 性别, "
           "经纪机构 with its 经纪人 and licence number, 第一条 (一)(二) clauses with the filled values underlined, "
           "成交价格 with ¥ and 大写, a three-column 签章 table (出卖人/买受人/经纪机构) with the seller's and the "
           "brokerage's seals in their columns, 2026年 3月 5日 dates", True, 6),
    Family("contract_transfer_parties", "purchase_contract",
           "a southern city's 二手房买卖合同 in the 转让方/受让方 tradition: 转让方（甲方）/受让方（乙方） party blocks with "
           "证件号码, 第一条 房地产基本情况 naming the 房地产位置 and 房地产证号 (不动产权证书), 建筑面积 in a sentence, "
           "转让成交价 as 小写 ¥ and 大写 on separate underlined lines, 第X条 clauses, a signature page as a ruled two-row "
           "table (甲方（转让方）签章 | 乙方（受让方）签名并按手印) with the seller's seal in its cell and 签署日期 dotted", True, 7),
    Family("contract_party_table", "purchase_contract",
           "a developer's 商品房买卖合同 typed from its own template: 合同编号 at the top right of every page, 预售许可证号 in a box, the parties in one "
           "bordered table (甲方（出卖人）/乙方（买受人） cells spanning label | value rows: 名称/统一社会信用代码/法定代表人/地址, "
           "姓名/身份证号码/通讯地址), 第一条 with a ruled 房屋坐落 | 产权证号 | 建筑面积（㎡） table, the price as 小写 ¥ then "
           "（大写）【…】, 第X条 clauses, 甲方（出卖人）（盖章）/乙方（买受人）（签字） lines with signatures and 签订日期, the "
           "seller's seal over its printed name", True, 8),
    Family("contract_bureau_resale", "purchase_contract",
           "a city's 存量房买卖合同（示范文本） as its housing bureau issues it: a cover with the city's title, the edition, a "
           "boxed 使用说明 and the two bureaus that drew it up, 甲方（出卖人）/乙方（买受人） paragraphs (乙方（买受人）一/二 for "
           "co-buyers), 第一条 房屋基本情况 with （一）该房屋坐落于… and （二）不动产权证号, 第三条 成交价格 as 小写￥ then "
           "大写 in one item, resale clauses (资金监管/交付/税费/转移登记/户口迁出/违约), attachments (设施设备清单, "
           "交接确认书, 资金监管约定, 补充条款 …), a 签署页 as a ruled 当事人 | 签字（盖章） | 签订日期 table with 签订地点, the "
           "seller's seal over its name in its cell", True, 9),
    Family("contract_bracket_annex", "purchase_contract",
           "a developer's 商品房买卖合同 typed from a provincial template in which every filled-in value sits in 【】 "
           "brackets: no cover, 合同编号【…】 on every page, a 出卖人/买受人 block (【name】, 【统一社会信用代码】, 【证件类型】"
           "【居民身份证】, 证件号码【…】), 第一条… clauses with 该商品房坐落于【…】, 建筑面积【…】平方米, 总价款【…】元 with "
           "（大写【…】）, 附件 pages, and the signatures on the last 附件 (合同签署页): a bordered 出卖人（盖章）| 买受人（签字） "
           "two-column box with 签订日期【…】 and 签订地点【…】, the seller's seal over its bracketed name", True, 10),
    Family("contract_fill_lines", "purchase_contract",
           "a 存量房买卖合同 in the 出卖方（甲方）/买受方（乙方） wording typed by the seller's office: party lines with 证件名称/"
           "证件号码, 房屋基本情况 as indented colon lines with underlined values (房屋坐落/建筑面积/套内建筑面积/权属证书编号), "
           "成交总价 as 人民币（大写）… then （小写：¥…元）, 第X条 clauses, a footer with 合同编号 left and — i — centred "
           "(本合同共 n 页 on page 1), a boxed signing page 甲方（出卖方）盖章 | 乙方（买受方）签字并捺印 with red "
           "fingerprints by the signatures and an orange-brown or purple-red seal over the seller's name", True, 11),
    Family("contract_filing_barcode", "purchase_contract",
           "a 商品房买卖合同 as the city's 网签备案 system prints it: a running head on every page with the system's name and a "
           "Code 128 barcode of the 合同备案号 (the number under it), a pale slanted 网上签约 watermark over every page, the "
           "filled-in blanks on dotted underlines (出卖人/统一社会信用代码/法定代表人, 买受人 and 【居民身份证】证件号码, 该商品房"
           "坐落于, 建筑面积), 总价款 as 人民币（小写） on one dotted line and （大写） on the next, the model clauses, 附件 pages, "
           "a ruled 合同签署页 table (出卖人（签章）| 买受人（签字）, 法定代表人/委托代理人, 签订时间, 签订地点), a 骑缝章 slice of "
           "the seller's seal down the right edge of every page and its seal over its name, 第 i 页 共 n 页", True, 12),
    Family("contract_annex_terms", "purchase_contract",
           "a provincial 商品房预售合同 model text filled in with blue-black hand-like type on underlined blanks (出卖人/买受人 "
           "lines, the seat spread over 省/市/区/路（街）/号/项目/栋/单元/室 blanks), the price as 单价 per ㎡ of 建筑面积 with the "
           "total left to the annex, 合同编号 top right and 第 i 页 共 n 页 on every page, and on the last page 附件六 合同主要条款 "
           "— a ruled label/value table (房屋坐落, 建筑面积, 单价, 总价款（小写）/（大写）, 首期房价款, 交付日期) — over the "
           "signing lines, the seller's seal over its name", True, 13),
    Family("contract_brokerage_tripartite", "purchase_contract",
           "an estate agency's 房屋买卖居间合同 for a resale flat: 甲方（出卖人）, 乙方（买受人）, 丙方（居间方） with its 经纪人 "
           "and 信息卡号, the agency and 合同编号 in the running head, the flat and price as one ruled table (房屋坐落, "
           "不动产权证号, 建筑面积, 成交总价（小写）/（大写）, 首付款, 贷款金额), a 居间服务费 table, clauses and appendices, a "
           "three-column signing table — the seller's name, its legal representative's handwritten signature and its own "
           "seal; the buyers' signatures; the agency's name, 经纪人 and seal —, 第 i 页 / 共 n 页", True, 14),
    Family("contract_party_sheet", "purchase_contract",
           "a 商品房买卖合同 opening with a ruled 当事人信息表 — one row per party across 当事人/名称或姓名/证件类型/证件号码/"
           "联系电话 (出卖人, 法定代表人, 买受人 or 买受人1/2), 通讯地址 rows merged across —, 房屋基本信息 as prose, a 付款方式 "
           "table (款项/付款时间/金额（小写）/金额（大写）: 首付款, 银行按揭贷款, 合计（总价款）), clauses and appendices, "
           "合同编号 top left and — 第 i 页（共 n 页）— at every foot, signing lines with the seller's double-ring "
           "orange-brown seal over its name", True, 15),
    Family("contract_shaded_fields", "purchase_contract",
           "a 商品房买卖合同 as a city's web 网签 system prints it: the model text with every filled-in value inside the "
           "form field's pale shaded box, choices as ■/□, a vertical grey line of text down the left margin of every page, "
           "a small QR code with 合同编号 at the bottom left and 第 X 页 共 Y 页 at the bottom right; the parties on page "
           "one, 第一条 to 第十条 (预售许可证号, 坐落, 面积, 单价, 总价款 ¥ and 大写, 首期 and 贷款), model chapters, 附件, a "
           "合同签署页 with the seller's shaded name under 出卖人（签章） and its seal over it", True, 16),
    Family("contract_initialled_pages", "purchase_contract",
           "a developer's own 商品房买卖合同 for one project: the project's name and 编号 in a running head over a rule, "
           "出卖人（以下简称甲方）/买受人（以下简称乙方） paragraphs, 第一条 房屋基本情况 as a ruled one-row table 房号/坐落, "
           "建筑面积, 套内面积, 单价, 总价 with the 大写 in a sentence under it, 付款方式, clauses and 附件; every page "
           "numbered — n — with no total (本合同共 N 页 in the last article) and initialled by the buyers in a 乙方签字 "
           "box at the bottom right; a 签署页 with the seller's seal over 甲方（盖章） and its name", True, 17),
    Family("contract_clause_table", "purchase_contract",
           "a developer's 商品房买卖合同 set from first article to last as one two-column ruled table: the article's "
           "number in a narrow shaded left cell (第二条), its name and text in the wide right cell (房屋价款：…), an article "
           "running over a page break continued under （续）; 合同编号 and 项目名称 in a boxed strip on page one, the "
           "parties as the first rows, 总价款 as （小写）¥ first and （大写） after, 2026.03.05 dates, 第 i 页 / 共 n 页 "
           "at the top right of every page, 附件 pages, and a ruled signing box with the seller's red-orange thin-ring "
           "seal over 出卖人（盖章） and its name", True, 18),
    Family("contract_filed_supplement", "purchase_contract",
           "a developer's 商品房买卖合同 on 16开 paper as handed back after filing: 合同备案号 and 备案时间 top left under "
           "the housing bureau's round 合同备案专用章, 合同编号 top right, the parties, 第一章 to 第三章 (房屋坐落, 建筑面积, "
           "总价款 as 人民币（大写）… first and （小写）¥… after), the model chapters, 附件 where pages are left, a 签署页 with "
           "the seller's seal over its name; then the developer's 补充协议 (鉴于 naming the contract's number, numbered "
           "terms restating the price, its own signing block sealed again); 第 i 页 共 n 页 straight through", True, 19),
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
    Family("tax_year_groups", "tax_certificate",
           "个人所得税纳税记录 of the tax app's later design: № top right, 税务机关 line, 纳税人名称/纳税人识别号 boxes, "
           "你在…至…期间…的纳税记录如下 prose with the full dates, table 序号/申报日期/所得项目/税款所属期/扣缴义务人/"
           "收入/已申报税额 grouped by year with a 年度小计 row per year, 合计 with ¥ and 大写, numbered 说明, 查验码 in a "
           "box beside a QR code, round e-seal over 开具日期", True, 6),
    Family("tax_proof_barcode", "tax_certificate",
           "个人所得税纳税证明 written as a certificate by the tax office: a Code 128 barcode with the 防伪校验码 under it top "
           "right, 证明编号, 兹证明 prose naming the taxpayer, id number and the period, table 序号/所属期/所得项目/扣缴单位/"
           "收入额/已缴税额/缴款日期, 合计 with 大写 under the table, 特此证明, the office's name and 二〇 date on the right "
           "with a double-ring seal, a pale diagonal 仅供证明使用 watermark", True, 7),
    Family("tax_web_record", "tax_certificate",
           "个人所得税 收入纳税明细 printed from the 自然人电子税务局 web 版 through the browser: the print's date/time and "
           "site name in the top margin, the page URL and 1/1 at the foot, a blue site bar, 纳税人姓名/证件号码 on one line, "
           "查询条件 (所得月份 … 至 …, 所得项目：全部) with the 验证码 on the right, a striped table 所得月份/所得项目/"
           "扣缴义务人名称/扣缴义务人识别号/收入额/已申报税额/入库日期, 合计 and 大写, numbered 说明, a crisp thin-ring e-seal "
           "over 开具日期", True, 8, numbered=True),
    Family("tax_receipt_red_form", "tax_certificate",
           "a 税收完税证明 on the tax office's pre-printed 收据联 in landscape: title, frame, labels, №, 字号 and the vertical "
           "第二联 收据 交纳税人作完税证明 / 妥善保管 notes in red ink, the data in black monospace a little off the cells "
           "(填发日期/税务机关, 纳税人识别号/纳税人名称, rows 原凭证号/税种/品目名称/税款所属时期/入（退）库日期/实缴（退）金额, "
           "金额合计 with （大写） and ¥), 税务机关（盖章） with a round 征税专用章, 填票人, 备注 with 所得期间, 收入额合计 and "
           "the 验证码", True, 9),
    Family("tax_app_totals_top", "tax_certificate",
           "收入纳税明细 exported from the 个人所得税 APP as a PDF: a coloured app band with the 个人所得税 mark, the title, "
           "纳税人姓名/身份证件类型/身份证件号码 and 税款所属期 …至… lines, the totals at the top in a shaded two-cell box "
           "(收入合计（元）/已申报税额合计（元） in large type, 共N条), then a table 序号/所得项目/所得期间 (2026-01)/"
           "扣缴义务人/收入/已申报税额/入库日期 with a 所得项目 on every row, 开具日期, 验证码, numbered 说明 and a round "
           "e-seal at the bottom right over 开具单位", True, 10),
    Family("tax_wide_detail", "tax_certificate",
           "个人所得税纳税清单 printed by the tax office's system on landscape A4: 打印流水号 top right, a ruled strip "
           "(纳税人姓名/身份证件类型/证件号码/查验码), 税款所属期间 and 金额单位 line, a wide fully ruled table 序号/电子税票号码/"
           "扣缴义务人名称/所得项目/税款所属期起/税款所属期止 (day-exact ISO dates)/收入额/减除费用/已缴税额/入库日期, a 合计 row, "
           "已缴税额合计（大写）, 备注, the office and a 2026.03.05 开具日期 under a double-ring 征收专用章, 第1页/共1页", True, 11, numbered=True),
    Family("tax_month_columns", "tax_certificate",
           "a 办税服务厅's 个人所得税收入纳税情况表 on landscape A4 with the months across as columns (2025年 over 04月): a "
           "ruled strip 纳税人姓名/证件号码/所属期间, for every 所得项目 and 扣缴义务人 a 收入额 row and an 已缴税额 row with "
           "empty cells where nothing was declared, a 合计 column, two 合计 rows, 已缴税额合计（大写）, 查验码, 开具人, the "
           "office and a 2026年3月5日 开具日期 under an orange-red thin-ring seal, no page number", True, 12),
    Family("tax_wenzi_list", "tax_certificate",
           "a 税收完税证明（文字版） from the 电子税务局: 中华人民共和国 / 税收完税证明 / （文字版）, № top right, 填发日期 and 税务"
           "机关, 纳税人识别号/纳税人名称 lines, 兹证明 prose with the period, each ticket a numbered block of label：value pairs "
           "(原凭证号/税种/品目名称/税款所属时期/入(退)库日期/实缴(退)金额), 金额合计（大写）…（小写）¥…, 备注 with 收入额合计 and "
           "验证码, a 妥善保管 note, a red round seal over 税务机关（章）; no table rules, no page number", True, 13),
    Family("tax_app_record_shot", "tax_certificate",
           "the 个人所得税 App's 纳税记录 preview as one long phone screenshot printed on portrait A4 cut in two, the halves "
           "side by side: status bar, ‹ 纳税记录 nav bar, a card with 纳税人姓名/身份证件号码/税款所属期/开具日期, one card per "
           "month (2025-04, 所得项目, 扣缴义务人, 收入, 已申报税额, 入库日期), a totals card (收入合计/已申报税额合计, 大写, "
           "验证码, 税务机关) with the record's small e-seal as the app shows it", True, 14),
    Family("tax_record_folded_photo", "tax_certificate",
           "a 个人所得税纳税记录 printed on A4 (记录编号, 税务机关, 纳税人姓名/身份证件号码, 税款所属期, 开具日期, a ruled table "
           "税款所属期/所得项目/收入额/已缴税额/入库日期/扣缴义务人 with 合计, 大写, a boxed 验证码, the e-seal), folded in half "
           "and photographed by phone on a table: the crease with the halves lit differently, perspective, the phone's "
           "shadow over a corner; a picture only", True, 15),
    Family("tax_record_bilingual", "tax_certificate",
           "the app's 中英文 个人所得税纳税记录 (born digital): the Chinese title over Individual Income Tax Payment Record, "
           "记录编号 Record No., a ruled grid of bilingual labels (纳税人姓名 Taxpayer Name, 身份证件号码 ID No., 税款所属期 Tax "
           "Period, 开具日期 Date of Issue, 主管税务机关 Tax Authority), a table with two-line headings 序号/税款所属期/所得项目/"
           "扣缴义务人/收入/已申报税额/入库日期 and a 合计 Total row, 大写 with Total Tax (in words), bilingual notes, a boxed "
           "验证码 Verification Code and the office's crisp e-seal over its name and date", True, 16),
    Family("tax_screen_photo", "tax_certificate",
           "the 个人所得税纳税记录 PDF open in a browser's PDF viewer on a monitor and photographed by phone: the viewer's "
           "dark toolbar with the file name and 1 / 1, grey round the page, the page filling the portrait frame, the "
           "screen's moiré bands and blue-white cast, a window's reflection, perspective and a little blur; a picture "
           "only", True, 17),
    Family("tax_thermal_receipt", "tax_certificate",
           "the 个人所得税纳税记录 printed by a 办税服务厅's self-service terminal on 80 mm thermal roll: the bureau and "
           "自助办税终端 centred, dashed rules, 记录编号, 纳税人/证件号码, 所属期 2025.04.01-2026.03.31, each month on two "
           "lines (month and 所得项目 with 入库 date, then 收入 and 税额) with the 扣缴义务人 where there are several, "
           "收入合计/税额合计, 大写, 验证码, 开具时间, 终端编号; grey thermal print with pale streaks, the bureau's red "
           "征税专用章 pressed by hand over the foot; the receipt lying a little curled on a desk, photographed from above "
           "in a tall picture; a picture only", True, 18),
    Family("tax_record_two_pages", "tax_certificate",
           "the 个人所得税纳税记录 running over two A4 pages: page 1 with the bureau's line, a QR code with 扫码验证, the "
           "title, 记录编号 and 开具日期, a ruled facts grid (纳税人姓名/纳税人识别号, 身份证件类型/身份证件号码, 税款所属期), a "
           "lead-in and the table 序号/所得期间/所得项目/扣缴义务人 (wrapping in its cell)/收入额/已申报税额/入库日期 as far as "
           "the page goes; page 2 with a （续） running head, the heading row again, the other rows, 合计, 大写, 说明, the "
           "boxed 验证码 and the office and date under its seal; 第 i 页 共 2 页 at every foot", True, 19,
           numbered=True),
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
    Family("license_landscape_copy", "business_license",
           "营业执照 副本 of the 2019 design: landscape A4 (297×210), pale guilloche ground, emblem and 营业执照（副本） at the "
           "top, 统一社会信用代码 and 副本编号 top left, one wide column of fields with spaced labels, the QR code on the "
           "right at mid-height with the 市场主体身份码 caption, 登记机关 and date under it at the bottom right with "
           "the seal over them, 2016年03月05日 dates", True, 6),
    Family("license_colon_copy", "business_license",
           "营业执照 副本 as a county registry printed it in portrait on plain paper: 副本 in a ruled box top right, "
           "统一社会信用代码 under the title and a QR code top left, labels with full-width colons (名称：/经营者：/"
           "组成形式：/经营场所：/注册日期： or 名称：/类型：/住所：/法定代表人：/注册资本：/成立日期：/营业期限：自…至…), 经营范围 as an indented paragraph, 年度报告 "
           "note, 二〇 dates, brownish registration seal left of centre over 登记机关, photocopy toner specks", True, 7),
    Family("license_old_regno", "business_license",
           "the pre-2015 企业法人营业执照 / 个体工商户营业执照 正本 (landscape) on cream stock with a double decorative border, "
           "a chain of diamonds and corner rosettes, （正本） under the title, the 15-digit 注册号 top right and the "
           "统一社会信用代码 on a strip pasted on later, the old field list (名称/住所/法定代表人姓名/注册资本/实收资本/公司类型/"
           "成立日期/营业期限 …至…/经营范围; 个体: 名称/经营者/经营场所/组成形式/注册日期), 2016年3月5日 dates, 登记机关 with a "
           "二〇 date under a large seal", True, 8),
    Family("license_booklet_copy", "business_license",
           "a colour copy of the 营业执照 副本 in its booklet: the dark red cover's edges round the cream landscape sheet, a "
           "gold double frame, 统一社会信用代码 with 副本编号 and a boxed QR block (caption beside the code) at the top left, "
           "the emblem and 营业执照（副本） centred, the short fields in two columns (名称/类型/法定代表人/住所 | 注册资本/"
           "成立日期/营业期限; 个体: 经营者/经营场所 | 组成形式/注册日期), 经营范围 across under them, 登记机关 and a spaced "
           "2023 年 8 月 9 日 at the bottom right under the seal, on some copies a blue handwritten 与原件一致 note", True, 9),
    Family("license_mobile_screenshot", "business_license",
           "a screenshot of the 电子营业执照 mini-program printed on A4: a phone-shaped frame with a status bar (clock, "
           "signal, battery), the nav bar (‹ 电子营业执照 and the capsule), a red-bordered card with the emblem and "
           "营业执照, each field as a grey label over its black value with hairlines between (统一社会信用代码, 名称, 类型, "
           "法定代表人 or 经营者, 注册资本, 成立日期 or 注册日期, 营业期限, 住所 or 经营场所, 经营范围 cut short), 登记机关 and "
           "the date under a round seal, a faint diagonal 亮照 watermark (仅用于… with the time) laid over the picture, "
           "a row of buttons at the foot", True, 10),
    Family("license_wall_photo", "business_license",
           "the 营业执照 正本 photographed where it hangs: a painted wall, a dark or light wooden frame with a mat, the 2019 "
           "design inside (统一社会信用代码 top left, QR top right with its caption, emblem and a spaced 营 业 执 照, the "
           "fields in two columns with spaced labels (名称/类型/法定代表人 | 注册资本/成立日期/营业期限/住所; 个体: 经营者 | "
           "组成形式/注册日期/经营场所), 经营范围 under them, 登记机关 and the date at the bottom right under the seal, the "
           "registry's web address and 监制 line), and a soft slanted band of glare from the glass", True, 11),
    Family("license_certified_copy", "business_license",
           "a black-and-white photocopy of the 营业执照 副本 certified by the company: the copy in greys on portrait A4 "
           "(double frame, 统一社会信用代码 and 副本编号 top left, QR top right, emblem, 营 业 执 照 and （副 本）, the fields "
           "in one column with spaced labels — 名称/类型/住所/法定代表人/注册资本/成立日期/营业期限; 个体: 名称/类型/经营者/"
           "组成形式/注册日期/经营场所 —, 经营范围, 登记机关 and the date under the registry's seal, grey like the rest), a "
           "dark band where the copier's lid stood open and toner specks; over it in fresh ink a handwritten 与原件一致, a "
           "red boxed 仅供…使用 / 再复印无效 note, the company's name, and the company's own red round seal across the copy", True, 12),
    Family("license_desk_angle", "business_license",
           "the 营业执照 正本 (landscape, 2019 design: 统一社会信用代码, QR code with 市场主体身份码, emblem, 营 业 执 照, the "
           "fields in two columns, 经营范围, 登记机关 and the date under the seal) lying on a wooden desk photographed from the "
           "near side at an angle: the far edge shorter, the sheet a little skewed, its shadow on the wood, light brighter "
           "towards the camera; a picture only", True, 13),
    Family("license_under_glass", "business_license",
           "the 营业执照 正本 (2019 design) lying under the glass top of a shop counter, photographed from above: the glass's "
           "green cast and green near edge, soft reflections of two ceiling lamps and a window over parts of the sheet, a "
           "business card and a receipt slid under the glass beside it, the sheet turned a few degrees; a picture only",
           True, 14),
    Family("license_fax_copy", "business_license",
           "the 营业执照 副本 (2019 design, portrait) sent by fax and saved by the bank's fax server: black and white at fax "
           "fine resolution (204×196 dpi), the seal turned black, a transmit header line at the top (time, the sender's "
           "fax number and name, P.01/01), a slight skew, one to three streaks along the paper feed; a picture only",
           True, 15),
    Family("license_scan_app_color", "business_license",
           "the 营业执照 副本 (2019 design, portrait) captured by a phone scan app in its enhanced colour mode: a sliver of "
           "the table along an edge and a slight keystone left by the crop, the paper flattened to white, colours and "
           "the seal oversaturated, edges sharpened with a halo, the app's grey 扫描全能王 创建 mark at the bottom right; a "
           "picture only", True, 16),
    Family("license_watermark_photo", "business_license",
           "the 营业执照 副本 (2019 design) lying on a counter and photographed with a watermark camera app: the app's "
           "block at the bottom left — a large clock time beside a coloured bar, the date and weekday, the weather, the "
           "place, a typed 备注 on some — and its small 已验证 mark and 防伪码 at the bottom right, the day a few days before "
           "the application; a picture only", True, 17),
    Family("license_two_up_copy", "business_license",
           "the 营业执照 正本 and 副本 copied together in grey onto one portrait A4 sheet — the 正本 reduced across the "
           "top, the 副本 under it — with a staple's mark in the corner and toner specks, the registry's seal grey on "
           "both; a picture only", True, 18),
    Family("license_laminated_scan", "business_license",
           "the 营业执照 副本 sealed in a clear laminating pouch and scanned on a flatbed: clear film with rounded corners "
           "round the sheet, the film's rim, the foot lost past the A4 glass, the gloss lifting the blacks, faint rainbow "
           "Newton rings, trapped-air bubbles, a slight skew; a picture only", True, 19),
)

FAMILY = {f.id: f for f in FAMILIES}


def families(doc_type: str) -> list[Family]:
    """Every family of a document type, in registry order."""
    return [f for f in FAMILIES if f.doc_type == doc_type]


def candidates(doc_type: str, mode: str) -> list[Family]:
    """The families a corpus of this mode draws from.

    `unseen` draws the first batch of held-out families, `unseen2` the second batch, `unseen3` the third, `unseen4`
    the fourth, `unseen5` the fifth, `unseen6` the sixth, `unseen7` the seventh, `unseen8` the eighth, `unseen9`
    the ninth, `unseen10` the tenth, `unseen11` the eleventh, `unseen12` the twelfth, `unseen13` the
    thirteenth, `unseen14` the fourteenth, `unseen15` the fifteenth, `unseen16` the sixteenth, `unseen17` the seventeenth, `unseen18` the eighteenth and `unseen19` the nineteenth (a type without one
    uses the first); a type without held-out families keeps its seen ones.
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
