"""Blob store, safe zip expansion, and the metadata store on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from docproc.core.clock import new_id, utcnow
from docproc.core.errors import DecompressionBomb, NotFoundError, UnsafeArchive
from docproc.core.models import (
    Application,
    BBox,
    Checklist,
    ChecklistStatus,
    DocType,
    Document,
    Field,
    FileState,
    Override,
    Page,
    PageSource,
    Status,
    StoredFile,
    Unit,
    Word,
)
from docproc.store.blobs import BlobStore, ZipLimits, expand_zip, sha256_hex
from docproc.store.database import Database
from docproc.store.sealing import Keyring, generate_key

KEYRING = Keyring.from_text(generate_key())


def test_blob_roundtrip_is_content_addressed(tmp_path: Path) -> None:
    store = BlobStore(tmp_path, keyring=KEYRING)
    digest = store.put(b"hello")
    assert digest == sha256_hex(b"hello")
    assert store.put(b"hello") == digest
    assert store.get(digest) == b"hello"
    assert store.path(digest).relative_to(tmp_path).parts[:2] == (digest[:2], digest[2:4])
    assert not list(tmp_path.rglob(".incoming-*"))


def test_blob_missing_and_bad_ids(tmp_path: Path) -> None:
    store = BlobStore(tmp_path, keyring=KEYRING)
    with pytest.raises(NotFoundError):
        store.get("0" * 64)
    with pytest.raises(NotFoundError):
        store.get("../../etc/passwd")


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_zip_expands_members_and_skips_junk() -> None:
    data = _zip({"a/id.jpg": b"x" * 10, "__MACOSX/._id.jpg": b"y", ".DS_Store": b"z", "b.pdf": b"%PDF-1.4"})
    members = expand_zip(data, ZipLimits())
    assert [m.name for m in members] == ["a/id.jpg", "b.pdf"]
    assert members[0].data == b"x" * 10


@pytest.mark.parametrize("name", ["../evil.jpg", "/etc/passwd", "a/../../b.jpg", "C:/x.jpg"])
def test_zip_rejects_path_traversal(name: str) -> None:
    with pytest.raises(UnsafeArchive, match="unsafe path"):
        expand_zip(_zip({name: b"x"}), ZipLimits())


def test_zip_rejects_bomb_by_ratio_and_total() -> None:
    bomb = _zip({"zeros.bin": b"\0" * 5_000_000})
    with pytest.raises(DecompressionBomb):
        expand_zip(bomb, ZipLimits(max_ratio=100))
    with pytest.raises(DecompressionBomb):
        expand_zip(_zip({"a": b"a" * 2000}, zipfile.ZIP_STORED), ZipLimits(max_total_bytes=1000))


def test_zip_rejects_too_many_members_and_garbage() -> None:
    with pytest.raises(UnsafeArchive, match="files"):
        expand_zip(_zip({f"{i}.jpg": b"x" for i in range(5)}), ZipLimits(max_members=3))
    with pytest.raises(UnsafeArchive):
        expand_zip(b"PK\x03\x04garbage", ZipLimits())


def _exercise(db: Database) -> None:
    app = db.add_application(Application(id=new_id("app"), profile="salaried", application_date=date(2026, 11, 20),
                                         created_at=utcnow()))
    assert db.get_application(app.id) == app
    stored = db.add_file(StoredFile(id=new_id("file"), application_id=app.id, sha256="a" * 64, filename="id.jpg",
                                    size=3, state=FileState.RECEIVED, created_at=utcnow()))
    db.set_file_state(stored.id, FileState.ERROR, error="bad", code="corrupt_file")
    assert db.get_file(stored.id).state == FileState.ERROR
    assert db.files_of(app.id)[0].error_code == "corrupt_file"
    page = Page(file_id=stored.id, number=1, width=10, height=10, unit=Unit.PX, source=PageSource.OCR,
                words=(Word(text="姓名", bbox=BBox(x0=1, y0=1, x1=5, y1=3), confidence=0.9),))
    doc = Document(id=new_id("doc"), file_id=stored.id, type=DocType.ID_CARD, pages=[1],
                   fields={"birth_date": Field(value=date(1990, 1, 2), confidence=0.9, page=1)})
    db.save_read(stored.id, app.id, read_pages=[page], docs=[doc])
    db.save_read(stored.id, app.id, read_pages=[page], docs=[doc])  # replacing is idempotent
    assert db.pages_of(stored.id)[0].words[0].text == "姓名"
    [loaded] = db.documents_of(app.id)
    assert loaded.fields["birth_date"].value == date(1990, 1, 2)  # typed again after the JSON round-trip
    checklist = Checklist(application=app.id, profile="salaried", status=ChecklistStatus.READY, items=[],
                          supplement_request=[], documents=[loaded], policy_version="v1",
                          application_date=app.application_date, created_at=utcnow())
    db.save_checklist(checklist)
    db.save_checklist(checklist.model_copy(update={"status": ChecklistStatus.FLAGGED}))
    latest = db.latest_checklist(app.id)
    assert latest is not None and latest.status == ChecklistStatus.FLAGGED
    db.add_override(app.id, Override(check_id="x", status=Status.PASS, comment="seen", officer="li", at=utcnow()))
    assert db.overrides_of(app.id)[0].officer == "li"
    with pytest.raises(NotFoundError):
        db.get_application("app_missing")
    _card_photos_sharing_a_band(db, page)


def _card_photos_sharing_a_band(db: Database, page: Page) -> None:
    """Two applications' card photos whose hashes differ in one byte share the other 31 bands."""
    hashes = {"one": "ab" * 32, "two": "ab" * 31 + "00", "three": "cd" * 32}
    pages = {}
    for name, digest in hashes.items():
        app = db.add_application(Application(id=new_id("app"), profile="salaried", application_date=date(2026, 11, 20),
                                             created_at=utcnow()))
        stored = db.add_file(StoredFile(id=new_id("file"), application_id=app.id, sha256=name[0] * 64,
                                        filename="back.jpg", size=3, state=FileState.DONE, created_at=utcnow()))
        card = page.model_copy(update={"file_id": stored.id, "meta": {"hash": digest, "card_warped": True}})
        db.save_read(stored.id, app.id, read_pages=[card], docs=[])
        pages[name] = (app.id, stored.id)
    found = db.card_pages_sharing_a_band(pages["two"][0])
    assert found == [(pages["two"][1], 1, hashes["two"], pages["one"][0], pages["one"][1], 1, hashes["one"])]
    assert db.card_pages_sharing_a_band(pages["three"][0]) == []


def test_database_on_sqlite(tmp_path: Path) -> None:
    _exercise(Database(f"sqlite:///{tmp_path / 'db.sqlite3'}", keyring=KEYRING))


@pytest.mark.postgres
def test_database_on_postgres(postgres_url: str) -> None:
    from docproc.core.settings import Settings

    _exercise(Database(Settings(database_url=postgres_url).db_url, keyring=KEYRING))


def test_a_text_page_is_fingerprinted_only_when_it_carries_figures_of_its_own() -> None:
    from docproc.core.models import BBox, Page, PageSource, Unit, Word
    from docproc.store.fingerprints import page_fingerprint

    def text_page(*lines: str) -> Page:
        words = tuple(Word(text=t, bbox=BBox(x0=10, y0=20 * i, x1=300, y1=20 * i + 12, unit=Unit.PT), confidence=1.0,
                           line=i) for i, t in enumerate(lines))
        return Page(file_id="f", number=9, width=595, height=842, unit=Unit.PT, source=PageSource.TEXT_LAYER,
                    words=words)

    appendix = text_page("附件三 装饰装修及相关设备标准", "外墙 真石漆及石材幕墙", "第 9 页 / 共 10 页")
    assert page_fingerprint(appendix) is None  # every contract of the template prints it alike
    signed = text_page("买受人：张冰晓", "签订时间：2026年8月31日", "第 10 页 / 共 10 页")
    other = text_page("买受人：张冰晓", "签订时间：2026年9月30日", "第 10 页 / 共 10 页")
    assert page_fingerprint(signed) and page_fingerprint(signed) == page_fingerprint(text_page(
        "买受人：张冰晓", "签订时间：2026年8月31日", "第 10 页 / 共 10 页"))
    assert page_fingerprint(signed) != page_fingerprint(other)
