"""The Chinese pages of a full application say everything in Chinese: the list, the workspace with its files,
checklist and evidence, each page view, the letter, error flashes, form and admin errors. The application is
seeded from crafted reads (no OCR): a problem applicant whose checklist fails, misses and asks for review in
every category, plus two files that cannot be read.

"English" is a run of three or more ASCII words in the visible text (titles, alt texts and placeholders
included), outside <code>, scripts, ids, the uploaded file names and brand names."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.cn.terms import FIELD_NAMES
from docproc.core.errors import InputError
from docproc.core.models import Checklist, DocType, FileState, Page, PageSource, Side, Unit
from docproc.core.settings import Settings
from docproc.reading.imaging import encode_jpeg
from docproc.service import pipeline
from docproc.service.checklist import summarize
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts
from docproc.validators import run_checks
from tests.crafted import APPLIED, PRODUCER, problem_applicant
from tests.test_auth import PASSWORD, _token, sign_in
from tests.wording import english_runs
from web import create_app

NAMES = {"front": "身份证正面.jpg", "back": "id-back-scan.jpg", "income": "收入证明 2026.jpg",
         "statement": "bank statement nov.jpg", "contract": "购房合同.jpg", "tax": "tax.jpg"}
UNREADABLE = {"notes.txt": b"call the customer on monday", "合同扫描.pdf": b"%PDF-1.4\nnot really a pdf\n"}
BRANDS = ["docproc", PRODUCER, "SimSun, Arial", "English", "API", "UTC", "PDF", "GB"]
RAW_KEYS = sorted({*FIELD_NAMES, *(t.value for t in DocType), *(s.value for s in Side)} - {"seal"})
FILE_ID = re.compile(r"file_[0-9a-f]{16}")


class _Visible(HTMLParser):
    """Text a reader sees or hears: text nodes and title/alt/placeholder/aria-label, not code or scripts."""

    SKIP = {"script", "style", "code"}
    SHOWN = ("title", "alt", "placeholder", "aria-label")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        self.parts += [v for k, v in attrs if k in self.SHOWN and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def problems_of(html: str, names: list[str]) -> dict[str, list[str]]:
    """English sentences, raw keys and file ids in what the page shows."""
    text = visible(html)
    found = {"english": english_runs(text, allowed=names + BRANDS), "file ids": FILE_ID.findall(text)}
    bare = text
    for name in sorted(names + BRANDS, key=len, reverse=True):
        bare = bare.replace(name, " ")
    bare = re.sub(r"\b(?:app|file|doc)_[0-9a-z_]+", " ", bare)
    found["raw keys"] = [k for k in RAW_KEYS if re.search(rf"(?<![A-Za-z_]){re.escape(k)}(?![A-Za-z_])", bare)]
    return {k: v for k, v in found.items() if v}


def _picture(key: str) -> bytes:
    image = np.full((800, 600, 3), 255, np.uint8)
    cv2.rectangle(image, (40, 60 + 10 * len(key)), (560, 120), (30, 30, 30), 2)
    cv2.circle(image, (450, 630), 60, (0, 0, 220), 3)
    cv2.putText(image, key, (60, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 2)
    return encode_jpeg(image, quality=85)


def _seed(ctx: Context, application_id: str) -> dict[str, str]:
    """Store one picture per crafted file, its pages and documents as if read; returns key → file id."""
    scenario = problem_applicant()
    ids: dict[str, str] = {}
    for key, filename in NAMES.items():
        [stored] = pipeline.ingest(ctx, application_id, filename=filename, data=_picture(key))
        ids[f"file_{key}"] = stored.id
        docs = [d.model_copy(update={"file_id": stored.id}) for d in scenario.documents if d.file_id == f"file_{key}"]
        numbers = sorted({p for d in docs for p in d.pages})
        render = ctx.blobs.put(_picture(key))
        stamps = tuple(s.model_copy(update={"page": 1}) for d in docs for s in d.stamps)
        pages = [Page(file_id=stored.id, number=n, width=600, height=800, unit=Unit.PX, source=PageSource.OCR,
                      render_sha256=render, render_width=600, render_height=800, stamps=stamps if n == 1 else ())
                 for n in numbers]
        ctx.db.save_read(stored.id, application_id, read_pages=pages, docs=docs)
        ctx.db.set_file_state(stored.id, FileState.DONE)
    for filename, data in UNREADABLE.items():
        try:
            for stored in pipeline.ingest(ctx, application_id, filename=filename, data=data):
                pipeline.process_file(ctx, stored.id)
        except InputError:
            pass  # recorded on the stored file, as the page's upload does
    bundle = pipeline.bundle_of(ctx, application_id)
    duplicates = [d.model_copy(update={"file_id": ids[d.file_id]}) for d in scenario.duplicates]
    bundle = bundle.model_copy(update={"duplicates": duplicates})
    ctx.db.save_checklist(summarize(bundle, run_checks(bundle, ctx.policy), overrides=[], policy=ctx.policy))
    return ids


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Context, str, dict[str, str]]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("zh") / "var", redis_url=None, database_url=None)
    ctx = build_context(settings)
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    Accounts(ctx.db).create("root", PASSWORD, role="admin", branch="north")
    application = pipeline.create_application(ctx, profile="self_employed", application_date=APPLIED, branch="north",
                                              created_by="ann", applicant_name="张伟",
                                              loan_amount=problem_applicant().loan)
    yield ctx, application.id, _seed(ctx, application.id)


@pytest.fixture
def web(world):  # type: ignore[no-untyped-def]
    app = create_app(ctx=world[0])
    app.config.update(TESTING=True)
    return app.test_client()


def _as(client, name: str) -> str:  # type: ignore[no-untyped-def]
    assert sign_in(client, name).status_code == 302
    return _token(client.get("/applications").get_data(as_text=True))


FILENAMES = [*NAMES.values(), *UNREADABLE]


def test_the_application_pages_say_everything_in_chinese(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id, ids = world
    _as(web, "ann")
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None and len(checklist.errors) == 2
    shown = {i.machine_status.value for i in checklist.items}
    assert {"fail", "missing", "review"} <= shown and sum(i.machine_status.value == "fail" for i in checklist.items) >= 15
    pages = {"list": "/applications", "workspace": f"/applications/{app_id}",
             "checklist": f"/applications/{app_id}/checklist.part", "letter": f"/applications/{app_id}/supplement"}
    pages |= {f"page of {key}": f"/files/{file_id}/pages/1" for key, file_id in ids.items()}
    found = {}
    for name, url in pages.items():
        response = web.get(url)
        assert response.status_code == 200, (name, response.status_code)
        if problems := problems_of(response.get_data(as_text=True), FILENAMES):
            found[name] = problems
    assert found == {}
    workspace = visible(web.get(f"/applications/{app_id}").get_data(as_text=True))
    # the reasons are the checks' own Chinese, citing files by the names they were uploaded under
    assert "校验位错误" in workspace and "“收入证明 2026.jpg”第1页与其他申请已提交的一页相同" in workspace
    assert "身份证号码" in workspace and "身份证 · 国徽面" in workspace
    rows = web.get(f"/applications/{app_id}/status.json").get_json()["files"]
    assert all(not english_runs(r["error"] or "") for r in rows) and sum(bool(r["error"]) for r in rows) == 2


def test_errors_flashes_and_forms_say_it_in_chinese(web, world) -> None:  # type: ignore[no-untyped-def]
    _ctx, app_id, _ = world
    token = _as(web, "ann")
    seen = {}
    upload = web.post(f"/applications/{app_id}/files", data={"csrf_token": token,
                                                             "file": (io.BytesIO(b"hello there officer"), "memo.txt")},
                      follow_redirects=True)
    seen["upload flash"] = upload
    seen["no comment flash"] = web.post(f"/applications/{app_id}/items/anomaly.identity/override",
                                        data={"csrf_token": token, "status": "pass", "comment": " "}, follow_redirects=True)
    seen["bad verdict"] = web.post(f"/applications/{app_id}/items/anomaly.identity/override",
                                   data={"csrf_token": token, "status": "maybe", "comment": "seen"})
    seen["form"] = web.post("/applications", data={"csrf_token": token, "profile": "astronaut", "loan_amount": "-3",
                                                   "application_date": "someday"})
    seen["missing page"] = web.get("/no/such/page")
    seen["no token"] = web.post(f"/applications/{app_id}/reviewed")
    assert seen["no token"].status_code == 400 and "CSRF 令牌" in seen["no token"].get_data(as_text=True)
    seen["missing item"] = web.post(f"/applications/{app_id}/items/no.such.check/override",
                                    data={"csrf_token": token, "status": "pass", "comment": "x"})
    json_upload = web.post(f"/applications/{app_id}/files", headers={"Accept": "application/json", "X-CSRF-Token": token},
                           data={"file": (io.BytesIO(b""), "empty.pdf")}).get_json()
    assert json_upload["rejected"][0]["message"] == "文件为空（0 字节），请重新上传"
    web.post("/logout", data={"csrf_token": token})
    token = _as(web, "root")
    seen["admin short password"] = web.post("/admin/users", data={"csrf_token": token, "username": "zoe",
                                                                  "password": "short", "role": "officer", "branch": "north"})
    seen["admin disables self"] = web.post("/admin/users/root", data={"csrf_token": token, "active": "0"})
    for url in ("/admin/users", "/admin/api-keys", "/admin/policy", "/admin/audit", "/applications/new"):
        seen[url] = web.get(url)
        assert seen[url].status_code == 200, url
    assert "密码至少" in seen["admin short password"].get_data(as_text=True)
    assert "不能停用自己的账户" in seen["admin disables self"].get_data(as_text=True)
    assert "不支持的文件类型" in upload.get_data(as_text=True)
    names = [*FILENAMES, "memo.txt", "empty.pdf"]
    found = {k: p for k, r in seen.items() if (p := problems_of(r.get_data(as_text=True), names))}
    # the audit log names what was viewed by its id (test_data_protection): ids are its record, not wording
    assert found.pop("/admin/audit", {}).keys() <= {"file ids"}
    assert found == {}


def test_a_checklist_of_an_earlier_release_shows_its_english_reasons_as_they_are(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id, ids = world
    _as(web, "ann")
    current = ctx.db.latest_checklist(app_id)
    assert current is not None
    data = current.model_dump(mode="json")
    for item in data["items"]:
        del item["reasons_zh"]
    older = Checklist.model_validate(data)
    other = pipeline.create_application(ctx, profile="salaried", application_date=APPLIED, branch="north", created_by="ann")
    ctx.db.save_checklist(older.model_copy(update={"application": other.id}))
    html = visible(web.get(f"/applications/{other.id}").get_data(as_text=True))
    identity = next(i for i in older.items if i.id == "anomaly.identity")
    assert identity.reasons_zh == [] and identity.reasons[0].split(" (")[0] in html  # English, as it was written


def test_api_checklist_keeps_english_reasons_and_adds_chinese(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id, _ = world
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None
    item = next(i for i in checklist.items if i.id == "anomaly.id_number")
    assert "check digit" in item.reasons[0] and "校验位" in item.reasons_zh[0]
    assert set(item.model_dump(mode="json")) >= {"id", "category", "status", "reasons", "reasons_zh", "evidence"}
