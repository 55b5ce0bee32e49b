"""OCR engines against real tesseract on text rendered here; replay engine and registry."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.core.errors import ConfigError, TransientError
from docproc.core.models import BBox, Word
from docproc.reading.ocr import (
    ENGINES,
    OcrEngine,
    TesseractEngine,
    join_cjk,
    make_engine,
    merge_cjk,
)
from tests.replay_ocr import ReplayOcrEngine, record

ID_NUMBER = "11010519491231002X"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@cache
def cjk_font_path() -> str:
    """A CJK font installed on this machine (Noto CJK or WenQuanYi)."""
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    found = sorted(Path("/usr/share/fonts").rglob("*CJK*")) + sorted(Path("/usr/share/fonts").rglob("wqy*"))
    if not found:
        pytest.skip("no CJK font installed")
    return str(found[0])


def render(lines: list[str], *, px: int = 40, size: tuple[int, int] | None = None) -> np.ndarray:
    """Black text lines on white, as a BGR array."""
    font = ImageFont.truetype(cjk_font_path(), px)
    width = size[0] if size else 60 + max(int(font.getlength(line)) for line in lines)
    height = size[1] if size else 40 + int(len(lines) * px * 1.8)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((30, 20 + i * int(px * 1.8)), line, font=font, fill="black")
    return cv2.cvtColor(np.asarray(page), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def engine() -> TesseractEngine:
    return TesseractEngine(timeout=30)


@pytest.fixture(scope="module")
def id_card_text() -> np.ndarray:
    return render(["姓名 张三丰", f"公民身份号码 {ID_NUMBER}"])


# ---------------------------------------------------------------- tesseract


def test_read_finds_name_and_id_number(engine: TesseractEngine, id_card_text: np.ndarray) -> None:
    words = engine.read(id_card_text)
    texts = [w.text for w in words]
    assert ID_NUMBER in texts
    assert any("张三" in t for t in texts), texts  # CJK characters merged into words
    h, w = id_card_text.shape[:2]
    for word in words:
        assert word.text.strip() == word.text != ""
        assert 0.0 <= word.confidence <= 1.0
        assert 0 <= word.bbox.x0 < word.bbox.x1 <= w and 0 <= word.bbox.y0 < word.bbox.y1 <= h
    id_word = words[texts.index(ID_NUMBER)]
    name_word = next(w for w in words if "张三" in w.text)
    assert id_word.line > name_word.line and id_word.bbox.y0 > name_word.bbox.y1
    assert [w.line for w in words] == sorted(w.line for w in words)  # reading order


def test_read_keeps_a_wide_gap_as_two_words(engine: TesseractEngine) -> None:
    words = engine.read(render(["姓名" + " " * 12 + "张三丰"]), lang="chi_sim")
    assert [w.text for w in words] == ["姓名", "张三丰"]
    assert words[0].line == words[1].line


def test_read_with_a_digit_whitelist(engine: TesseractEngine) -> None:
    words = engine.read(render([f"{ID_NUMBER}"]), psm=7, whitelist="0123456789X")
    assert [w.text for w in words] == [ID_NUMBER]
    text, _ = engine.read_line(render(["O1O5I9"]), lang="eng", whitelist="0123456789")
    assert set(text) <= set("0123456789") and len(text) >= 5


def test_read_line_returns_text_and_mean_confidence(engine: TesseractEngine) -> None:
    text, conf = engine.read_line(render([ID_NUMBER], px=36), lang="eng")
    assert text == ID_NUMBER and 0.5 <= conf <= 1.0
    text, conf = engine.read_line(render(["北京某某科技有限公司"], px=36), lang="chi_sim")
    assert " " not in text and "科技有限公司" in text and conf > 0.5


def test_read_of_a_blank_image_is_empty(engine: TesseractEngine) -> None:
    blank = np.full((120, 400, 3), 255, np.uint8)
    assert engine.read(blank) == []
    assert engine.read_line(blank)[1] < 0.3  # psm 7 may still report a junk word


@pytest.fixture(scope="module")
def upright_page() -> np.ndarray:
    return render(["收入证明", "兹证明张三丰同志系我单位正式员工，", "月收入人民币贰万伍仟元整。"], px=30)


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_orientation_returns_the_correcting_rotation(
    engine: TesseractEngine, upright_page: np.ndarray, turned: int
) -> None:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    image = upright_page if turned == 0 else cv2.rotate(upright_page, codes[turned])
    assert engine.orientation(image) == (360 - turned) % 360


def test_orientation_of_a_blank_page_is_zero(engine: TesseractEngine) -> None:
    assert engine.orientation(np.full((200, 300, 3), 255, np.uint8)) == 0


def test_a_timeout_is_a_transient_error(id_card_text: np.ndarray) -> None:
    with pytest.raises(TransientError):
        TesseractEngine(timeout=0.001).read(np.tile(id_card_text, (4, 4, 1)))


def test_tesseract_runs_single_threaded() -> None:
    TesseractEngine()
    assert os.environ["OMP_THREAD_LIMIT"]


# ---------------------------------------------------------------- word merging (no OCR)


def word(text: str, x0: float, x1: float, *, line: int = 0, conf: float = 0.9) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, y0=10, x1=x1, y1=50), confidence=conf, line=line)


def test_merge_cjk_joins_close_characters_only() -> None:
    words = [word("张", 0, 38), word("三", 44, 82, conf=0.5), word("丰", 86, 124), word("男", 300, 338)]
    merged = merge_cjk(words)
    assert [w.text for w in merged] == ["张三丰", "男"]
    assert merged[0].bbox.x0 == 0 and merged[0].bbox.x1 == 124
    assert merged[0].confidence == pytest.approx((0.9 + 0.5 + 0.9) / 3)


def test_merge_cjk_keeps_latin_and_other_lines_apart() -> None:
    words = [word("ID", 0, 40), word("号", 45, 85), word("码", 90, 130, line=1), word("AB", 135, 175, line=1)]
    assert [w.text for w in merge_cjk(words)] == ["ID", "号", "码", "AB"]


def test_join_cjk_removes_only_spaces_between_cjk() -> None:
    assert join_cjk("北 京  某 某 A B 12 有 限") == "北京某某 A B 12 有限"


# ---------------------------------------------------------------- replay, registry, rapidocr


def test_replay_engine_serves_recorded_words(engine: TesseractEngine, id_card_text: np.ndarray, tmp_path: Path) -> None:
    sidecar = tmp_path / "words.json"
    recorded = record(engine, id_card_text, sidecar)
    replay = ReplayOcrEngine(sidecar)
    assert replay.read(id_card_text) == recorded
    assert replay.read(np.zeros((5, 5, 3), np.uint8)) == []  # another image: nothing recorded
    assert ID_NUMBER in [w.text for w in replay.read(id_card_text, whitelist="0123456789X")]
    any_image = ReplayOcrEngine([word("北", 0, 38), word("京", 40, 78)])
    assert any_image.read_line(np.zeros((5, 5), np.uint8)) == ("北京", pytest.approx(0.9))
    assert any_image.orientation(id_card_text) == 0


def test_engines_satisfy_the_protocol() -> None:
    assert isinstance(TesseractEngine(), OcrEngine)
    assert isinstance(ReplayOcrEngine([]), OcrEngine)
    assert set(ENGINES.keys()) == {"tesseract", "rapidocr"}


def test_make_engine_by_name() -> None:
    engine = make_engine("tesseract", timeout=5)
    assert engine.name == "tesseract" and isinstance(engine, TesseractEngine) and engine.timeout == 5
    with pytest.raises(ConfigError, match="unknown OCR engine"):
        make_engine("abbyy")


class NoArgEngine(ReplayOcrEngine):
    """An engine class whose constructor takes no timeout, loaded by import path."""

    def __init__(self) -> None:
        super().__init__([])


def test_make_engine_from_an_import_path() -> None:
    engine = make_engine("docproc.reading.ocr:TesseractEngine", timeout=7)
    assert isinstance(engine, TesseractEngine) and engine.timeout == 7
    assert isinstance(make_engine(f"{__name__}:NoArgEngine"), NoArgEngine)
    with pytest.raises(ConfigError, match="cannot load OCR engine"):
        make_engine("no_such_module:Engine")
    with pytest.raises(ConfigError, match="not an OCR engine"):
        make_engine("collections:OrderedDict")
    with pytest.raises(ConfigError, match="cannot build OCR engine"):
        make_engine("docproc.core.models:BBox")


def test_make_engine_without_rapidocr_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if not installed
    with pytest.raises(ConfigError, match="pip install rapidocr-onnxruntime"):
        make_engine("rapidocr")


def test_rapidocr_reads_the_id_card_text(id_card_text: np.ndarray) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    engine = make_engine("rapidocr")
    words = engine.read(id_card_text)
    joined = "".join(w.text for w in words)
    assert "张三丰" in joined and ID_NUMBER in joined
    assert [w.line for w in words] == sorted(w.line for w in words) and words[-1].line == 1
    digits = engine.read(id_card_text, whitelist="0123456789X")
    assert [w.text for w in digits] == [ID_NUMBER]
    line = id_card_text[id_card_text.shape[0] // 2 + 5 :, :]
    text, conf = engine.read_line(line)
    assert ID_NUMBER in text and conf > 0.8


@pytest.fixture(scope="module")
def rapid() -> OcrEngine:
    pytest.importorskip("rapidocr_onnxruntime")
    return make_engine("rapidocr")


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_rapidocr_orientation_is_judged_from_the_lines_without_reading(rapid: OcrEngine, turned: int) -> None:
    """The text lines' shape and the line classifier's votes settle every quarter turn of a letter: the slower
    read-at-every-turn fallback is not needed."""
    page = render(["收入证明", "兹证明张三丰同志系我单位正式员工，自二〇一五年入职至今。",
                   "该同志月收入人民币贰万伍仟元整，特此证明。", "北京某某科技有限公司人力资源部"], px=34)
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    image = page if turned == 0 else cv2.rotate(page, codes[turned])
    assert rapid._orientation_by_lines(image) == (360 - turned) % 360  # type: ignore[attr-defined]
    assert rapid.orientation(image) == (360 - turned) % 360


def test_rapidocr_orientation_has_no_answer_from_lines_on_a_blank_page(rapid: OcrEngine) -> None:
    blank = np.full((400, 600, 3), 255, np.uint8)
    assert rapid._orientation_by_lines(blank) is None  # type: ignore[attr-defined]
    assert rapid.orientation(blank) == 0


class _DenseLedgerEngine:
    """A detector that finds a dense ledger's rows two to a box on a copy reduced below 1500 px (each row on its
    own above), and a classifier that takes a crop holding two rows for upside down, as RapidOCR's does."""

    ROW = 23  # px: one row's pitch at full size

    def text_det(self, image: np.ndarray) -> tuple[list[list[list[float]]], float]:
        scale = max(image.shape[:2]) / 2339
        rows = 2 if max(image.shape[:2]) < 1500 else 1
        boxes = []
        for i in range(0, 60, rows):
            y0, y1 = (100 + i * self.ROW) * scale, (100 + (i + rows) * self.ROW - 4) * scale
            boxes.append([[60 * scale, y0], [1200 * scale, y0], [1200 * scale, y1], [60 * scale, y1]])
        return boxes, 0.0

    def text_cls(self, crops: list[np.ndarray]) -> tuple[None, list[tuple[str, float]], float]:
        return None, [("180" if crop.shape[0] > 1.5 * self.ROW else "0", 0.9) for crop in crops], 0.0


def test_a_dense_ledger_is_turned_over_only_when_a_larger_copy_agrees() -> None:
    from docproc.reading.orientation import orientation_by_lines

    ledger = np.full((1655, 2339, 3), 255, np.uint8)  # a landscape A4 page at 200 dpi, upright
    assert orientation_by_lines(_DenseLedgerEngine(), ledger) == 0
