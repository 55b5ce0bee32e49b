"""The supplement letter: one A4 page in each language (PDF page count) however many lines, customer words only,
the branch's letterhead and deadline, the officer's display name, and lines the officer rewords, removes and adds
(the machine's lines stay on record, each edit with who and when). State is seeded through store and service
functions (no OCR)."""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, date, datetime

import pdfplumber
import pikepdf
import pytest

from docproc.core.letters import load_letterheads
from docproc.core.models import Bundle, Category, CheckResult, FileState, Status, StoredFile, Title
from docproc.core.policy import Letter
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.checklist import summarize
from docproc.service.context import Context, build_context
from docproc.service.letter import deadline
from docproc.store.accounts import Accounts
from docproc.store.letters import Letters
from tests.test_auth import PASSWORD, _token, sign_in
from web import create_app

LETTERHEADS = """
[default]
bank = { zh = "示例银行股份有限公司", en = "Example Bank Co., Ltd." }
office = { zh = "个人贷款中心", en = "Personal Lending Centre" }
address = { zh = "上海市黄浦区中山东一路1号", en = "1 Zhongshan East 1st Road, Shanghai" }
phone = "021-6000 0000"

[branches.north]
bank = { zh = "示例银行股份有限公司", en = "Example Bank Co., Ltd." }
office = { zh = "北区支行", en = "North Sub-branch" }
address = { zh = "上海市静安区共和新路100号", en = "100 Gonghexin Road, Jing'an District, Shanghai" }
phone = "021-6000 0101"
hours = { zh = "周一至周六 9:00–17:00", en = "Monday to Saturday, 9:00–17:00" }
"""
INTERNAL = ("PdfminerException", "JPEG/PNG", "or zip", "uploaded file(s)", "completeness.", "freshness.", "stamp.",
            "file_", "Check “", "olivia")
DOC_TYPES = [("身份证", "ID card"), ("收入证明", "income proof"), ("银行流水", "bank statement"),
             ("商品房买卖合同", "home purchase contract"), ("个人所得税纳税记录", "tax certificate")]


def _results() -> list[CheckResult]:
    """Many supplement lines, with the internal reasons the checks write for officers."""
    out = []
    for n, (zh, en) in enumerate(DOC_TYPES):
        out.append(CheckResult(
            id=f"completeness.{n}", category=Category.COMPLETENESS, title=Title(zh=f"{zh}已提供", en=f"{en} provided"),
            status=Status.MISSING, reasons=[f"no {en} was found among the 7 uploaded file(s)"],
            supplement=Title(zh=f"请提供{zh}", en=f"Please provide the {en}")))
        out.append(CheckResult(
            id=f"freshness.{n}", category=Category.FRESHNESS, title=Title(zh=f"{zh}时效", en=f"{en} freshness"),
            status=Status.FAIL, reasons=[f"{en} (file_1f8a0c, page 1) issued 2026-01-02, 120 days before"],
            supplement=Title(zh=f"{zh}已过期（2026-01-02），请提供30天内出具的{zh}",
                             en=f"The {en} is out of date (2026-01-02): provide one issued within 30 days")))
        out.append(CheckResult(
            id=f"stamp.{n}", category=Category.STAMP, title=Title(zh=f"{zh}公章", en=f"Seal on the {en}"),
            status=Status.FAIL, reasons=["no red seal found (PdfminerException while reading fonts)"],
            supplement=Title(zh=f"{zh}未见单位公章，请提供加盖公章的原件",
                             en=f"The {en} carries no seal of its issuer: provide the sealed original")))
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Context, str]:
    """An application of branch north with 15 check lines and 3 unreadable files, and officers of north."""
    root = tmp_path_factory.mktemp("letter")
    (root / "letters.toml").write_text(LETTERHEADS, encoding="utf-8")
    settings = Settings(data_dir=root / "var", redis_url=None, database_url=None, letter_file=root / "letters.toml")
    ctx = build_context(settings)
    accounts = Accounts(ctx.db)
    accounts.create("olivia", PASSWORD, role="officer", branch="north", display_name="王晓明")
    accounts.create("sam", PASSWORD, role="officer", branch="south")
    return ctx, seed_letter_case(ctx)


def seed_letter_case(ctx: Context) -> str:
    """An application of branch north whose checklist asks for 15 things and 3 files again; its id."""
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              applicant_name="唐倩", branch="north", created_by="olivia")
    now = datetime.now(UTC)
    errors = [("notes.txt", "unsupported_file_type",
               "notes.txt is not a PDF, image (JPEG/PNG/TIFF/BMP/WEBP) or zip: upload one of those"),
              ("流水.pdf", "corrupt_file", "the PDF could not be read (PdfminerException: Unexpected EOF)"),
              ("合同.pdf", "encrypted_pdf", "the PDF is password-protected: upload an unprotected copy")]
    files = [ctx.db.add_file(StoredFile(id=f"file_{n}x", application_id=application.id, sha256=f"{n:064x}",
                                        filename=name, size=10, state=FileState.ERROR, error=message,
                                        error_code=code, created_at=now))
             for n, (name, code, message) in enumerate(errors)]
    bundle = Bundle(application=application, documents=[], files=files)
    ctx.db.save_checklist(summarize(bundle, _results(), overrides=[], policy=ctx.policy))
    return application.id


@pytest.fixture
def web(world: tuple[Context, str]):  # type: ignore[no-untyped-def]
    app = create_app(ctx=world[0])
    app.config.update(TESTING=True)
    return app.test_client()


def _signed_in(client, name: str = "olivia") -> str:  # type: ignore[no-untyped-def]
    assert sign_in(client, name).status_code == 302
    return _token(client.get("/applications").get_data(as_text=True))


def _letter_text(html: str) -> str:
    article = re.search(r'<article class="supplement-doc.*?</article>', html, re.S)
    assert article, "no letter on the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group(0))).replace("&#39;", "'")


def _pdf_pages(data: bytes) -> tuple[int, str, list[float]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count, box = len(pdf.pages), [float(v) for v in pdf.pages[0].mediabox]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return count, text, box


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letter_pdf_is_one_a4_page_with_many_lines(web, world, lang: str) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    _signed_in(web)
    response = web.get(f"/applications/{app_id}/supplement.pdf?doc_lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"supplement-{app_id}-{lang}.pdf" in response.headers["Content-Disposition"]
    pages, text, box = _pdf_pages(response.data)
    assert pages == 1
    assert [round(v) for v in box] == [0, 0, 595, 842]  # A4 in points
    flat = re.sub(r"\s+", "", text)
    due = deadline(datetime.now(UTC).date(), Letter(deadline_working_days=10))
    if lang == "zh":
        for wanted in ("北区支行", "上海市静安区共和新路100号", "021-60000101", "王晓明", "补件通知书", "唐倩",
                       f"{due.year}年{due.month}月{due.day}日", "个人所得税纳税记录未见单位公章", "文件设有密码"):
            assert wanted in flat, wanted
    else:
        for wanted in ("North Sub-branch", "100 Gonghexin Road", "王晓明", f"{due.day} {due:%B} {due.year}",
                       "within 10 working days", "without a password"):
            assert wanted.replace(" ", "") in flat, wanted
    for internal in INTERNAL:
        assert internal.replace(" ", "") not in flat, internal


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letter_page_has_customer_words_only(web, world, lang: str) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    _signed_in(web)
    text = _letter_text(web.get(f"/applications/{app_id}/supplement?doc_lang={lang}").get_data(as_text=True))
    for internal in INTERNAL:
        assert internal not in text, internal
    assert "王晓明" in text and "021-6000 0101" in text
    if lang == "zh":
        # no English in the Chinese letter: only the reference number, the customer's file names and the phone
        rest = re.sub(r"“[^”]*”", "", text.replace(app_id, ""))
        assert not re.findall(r"[A-Za-z]{2,}", rest), re.findall(r"[A-Za-z]{2,}", rest)
        assert "请以扫描件或清晰照片重新提交“notes.txt”" in text and "文件格式无法打开" in text
    else:
        assert "Please submit \"notes.txt\" again as a PDF or a clear photo" in html.unescape(text)
        assert "We could not open this type of file" in text


def test_officer_rewords_removes_and_adds_lines_kept_with_who_and_when(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    web = app.test_client()
    token = _signed_in(web)
    page = web.get(f"/applications/{app_id}/supplement/edit").get_data(as_text=True)
    keys = re.findall(r'name="zh:([^"]+)"', page)
    assert len(keys) == 18  # 15 check lines and 3 unreadable files
    form = {"csrf_token": token, "doc_lang": "zh", f"zh:{keys[0]}": "请提供身份证原件及复印件",
            f"en:{keys[0]}": "Please bring your ID card and a copy", f"remove:{keys[1]}": "1",
            "add_zh": ["请提供婚姻状况证明", ""], "add_en": ["Please bring proof of marital status", ""]}
    assert web.post(f"/applications/{app_id}/supplement/lines", data=form).status_code == 302
    page = web.get(f"/applications/{app_id}/supplement").get_data(as_text=True)
    assert re.search(r'id="letter-edited">王晓明于\d{4}-\d\d-\d\d \d\d:\d\d修改<', page)  # who and when, outside the letter
    zh = _letter_text(page)
    en = _letter_text(web.get(f"/applications/{app_id}/supplement?doc_lang=en").get_data(as_text=True))
    assert "请提供身份证原件及复印件" in zh and "请提供婚姻状况证明" in zh and "Please bring proof of marital status" in en
    assert "请提供身份证" + "。" not in zh and "身份证已过期" not in zh  # reworded and removed
    assert "Please bring your ID card and a copy" in en
    saved = Letters(ctx.db).latest(app_id)
    assert saved is not None and saved.by == "olivia" and (datetime.now(UTC) - saved.at).total_seconds() < 60
    assert saved.edits.removed == (keys[1],) and len(saved.edits.added) == 1
    # the machine's own lines stay on record in the checklist
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None and checklist.supplement_request[0].zh == "请提供身份证"
    assert "身份证已过期" in checklist.supplement_request[1].zh
    # the edited letter still fits one page; restoring brings the machine's lines back, and both versions stay
    pages, _, _ = _pdf_pages(web.get(f"/applications/{app_id}/supplement.pdf").data)
    assert pages == 1
    web.post(f"/applications/{app_id}/supplement/lines", data={"csrf_token": token, "reset": "1"})
    assert "身份证已过期" in _letter_text(web.get(f"/applications/{app_id}/supplement").get_data(as_text=True))
    assert [len(s.edits.added) for s in Letters(ctx.db).history(app_id)] == [0, 1]


def test_another_branch_cannot_see_or_edit_the_letter(web, world) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    token = _signed_in(web, "sam")
    assert web.get(f"/applications/{app_id}/supplement.pdf").status_code == 404
    assert web.post(f"/applications/{app_id}/supplement/lines",
                    data={"csrf_token": token, "add_zh": "x", "add_en": "x"}).status_code == 404


def test_deadline_counts_working_days_from_the_policy() -> None:
    friday = date(2026, 12, 4)
    assert deadline(friday, Letter(deadline_working_days=1)) == date(2026, 12, 7)  # Monday
    assert deadline(friday, Letter(deadline_working_days=10)) == date(2026, 12, 18)
    rules = Letter(deadline_working_days=3, closed_days=(date(2026, 12, 7),), working_weekends=(date(2026, 12, 5),))
    assert deadline(friday, rules) == date(2026, 12, 9)  # Sat (worked) + Tue + Wed; the closed Monday is skipped
    assert load_letterheads(None).of("nowhere").phone  # the shipped default template


def test_a_display_name_is_stored_and_changed(ctx: Context) -> None:
    accounts = Accounts(ctx.db)
    assert accounts.create("ann", PASSWORD, role="officer", branch="north").shown_name == "ann"
    assert accounts.update("ann", display_name="  李  娜 ").display_name == "李 娜"


def test_a_line_longer_than_a_letter_holds_is_refused(web, world) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    token = _signed_in(web)
    refused = web.post(f"/applications/{app_id}/supplement/lines",
                       data={"csrf_token": token, "add_zh": "很" * 301, "add_en": "x"})
    assert refused.status_code == 422


def test_forty_lines_still_print_on_one_page_and_more_are_refused(web, world) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    token = _signed_in(web)
    url = f"/applications/{app_id}/supplement/lines"
    extra = {"add_zh": [f"请补充第{n}份共有人收入证明原件及复印件，并加盖单位公章" for n in range(23)],
             "add_en": [f"Please bring co-owner income proof number {n}, original and copy, with the employer's seal"
                        for n in range(23)]}
    assert web.post(url, data={"csrf_token": token, **extra}).status_code == 422  # 18 + 23 > 40
    extra = {k: v[:22] for k, v in extra.items()}
    assert web.post(url, data={"csrf_token": token, **extra}).status_code == 302
    try:
        for lang in ("zh", "en"):
            pages, text, _ = _pdf_pages(web.get(f"/applications/{app_id}/supplement.pdf?doc_lang={lang}").data)
            assert pages == 1 and ("第21份" in text if lang == "zh" else "number 21" in text)
    finally:
        web.post(url, data={"csrf_token": token, "reset": "1"})
