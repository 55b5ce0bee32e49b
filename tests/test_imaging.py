"""Imaging helpers on synthetic scans drawn here with Pillow; seal-ink removal checked with tesseract."""

from __future__ import annotations

import io
import math
import struct
import zlib
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.core.errors import CorruptFile, DecompressionBomb, EmptyFile
from docproc.reading import imaging
from docproc.reading.cards import find_card, find_cards
from docproc.reading.ocr import TesseractEngine
from docproc.reading.seal_legends import read_seal_legend, seal_crop, unwrap_seal_ring
from docproc.reading.seals import detect_seals, remove_seal_ink

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
RED = (210, 30, 35)  # RGB of stamp-pad ink
BLUE = (30, 60, 200)
BODY = ["收入证明", "兹证明张三丰同志系我单位正式员工，", "月收入人民币 25000 元整。", "特此证明。"]


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


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(cjk_font_path(), size)


def text_page(lines: list[str], *, size: tuple[int, int] = (900, 420), px: int = 32) -> Image.Image:
    """Black text lines on white."""
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((40, 30 + i * int(px * 2.2)), line, font=font(px), fill="black")
    return page


def seal_layer(radius: int, legend: str, *, star: bool = True) -> Image.Image:
    """Ink coverage (L mode) of a Chinese round seal: ring, star, legend over the top."""
    side = 2 * radius + 4
    layer = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(layer)
    c, ring = side / 2, max(3, radius // 14)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    if star:
        pts = [
            (
                c + 0.28 * radius * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
                c + 0.28 * radius * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
            )
            for i in range(10)
        ]
        draw.polygon(pts, fill=255)
    glyph_font = font(int(radius * 0.3))
    for i, char in enumerate(legend):
        theta = 150 + 240 * (i + 0.5) / len(legend)  # clockwise from 3 o'clock, y down
        glyph = Image.new("L", (int(radius * 0.4),) * 2, 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), char, font=glyph_font, fill=255, anchor="mm")
        glyph = glyph.rotate(-(theta + 90), resample=Image.Resampling.BICUBIC)
        x = c + 0.7 * radius * math.cos(math.radians(theta)) - glyph.width / 2
        y = c + 0.7 * radius * math.sin(math.radians(theta)) - glyph.height / 2
        layer.paste(255, (int(x), int(y)), glyph)
    return layer


def stamp(page: Image.Image, layer: Image.Image, at: tuple[int, int], colour: tuple[int, int, int]) -> np.ndarray:
    """Multiply ink onto the page (black print under the seal stays dark) → BGR array."""
    rgb = np.asarray(page, dtype=np.float32).copy()
    x, y = at
    alpha = np.asarray(layer, dtype=np.float32)[..., None] / 255 * 0.9
    region = rgb[y : y + layer.height, x : x + layer.width]
    tint = np.array(colour, np.float32) / 255
    region[:] = region * (1 - alpha) + region * tint * alpha
    return cv2.cvtColor(rgb.astype(np.uint8), cv2.COLOR_RGB2BGR)


def bgr(page: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(page), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def sealed_page() -> np.ndarray:
    """An income-proof-like page with a red round seal over the body text."""
    return stamp(text_page(BODY), seal_layer(110, "北京某某科技有限公司"), (420, 60), RED)


# ---------------------------------------------------------------- seals


def test_finds_one_red_round_seal_over_text(sealed_page: np.ndarray) -> None:
    seals = detect_seals(sealed_page, page=3)
    assert len(seals) == 1
    seal = seals[0]
    assert (seal.color, seal.shape, seal.page) == ("red", "round", 3)
    assert seal.confidence >= 0.7
    x0, y0, x1, y1 = seal.bbox.as_list()
    assert abs(x0 - 422) <= 12 and abs(y0 - 62) <= 12 and abs(x1 - 642) <= 12 and abs(y1 - 282) <= 12


def test_no_seal_on_black_text_page() -> None:
    assert detect_seals(bgr(text_page(BODY))) == []


def test_no_seal_on_thin_red_rules() -> None:
    page = text_page(BODY)
    draw = ImageDraw.Draw(page)
    draw.line((20, 15, 880, 15), fill=RED, width=4)
    draw.line((40, 110, 500, 110), fill=RED, width=2)
    assert detect_seals(bgr(page)) == []


def test_no_seal_on_red_letterhead_line() -> None:
    page = text_page(["", *BODY])
    ImageDraw.Draw(page).text((120, 10), "北京某某科技有限公司", font=font(56), fill=RED)
    assert detect_seals(bgr(page)) == []


def test_finds_blue_oval_seal() -> None:
    layer = seal_layer(90, "某某银行股份有限公司", star=False).resize((270, 184))
    page = stamp(text_page(BODY), layer, (500, 150), BLUE)
    seals = detect_seals(page)
    assert [(s.color, s.shape) for s in seals] == [("blue", "oval")]
    assert seals[0].bbox.x1 - seals[0].bbox.x0 == pytest.approx(270, abs=15)


def test_finds_red_square_seal() -> None:
    layer = Image.new("L", (150, 150), 0)
    draw = ImageDraw.Draw(layer)
    draw.rectangle((2, 2, 147, 147), outline=255, width=8)
    for i, char in enumerate("张三之印"):
        draw.text((38 + 74 * (i // 2), 38 + 74 * (i % 2)), char, font=font(60), fill=255, anchor="mm")
    page = stamp(text_page(BODY), layer, (600, 200), RED)
    assert [(s.color, s.shape) for s in detect_seals(page)] == [("red", "square")]


def test_a_seal_printed_over_a_broken_coloured_frame_is_still_one_seal() -> None:
    """A licence copy's orange-red frame, worn into short bars that touch, runs past the seal: the bars are
    no seal and must not swallow the one printed over them."""
    page = text_page(BODY, size=(900, 900))
    draw = ImageDraw.Draw(page)
    for x in range(20, 880, 50):  # dashed top and bottom edges, bars 44 px long, 6 px apart
        draw.rectangle((x, 20, x + 44, 32), fill=(215, 60, 40))
        draw.rectangle((x, 866, x + 44, 878), fill=(215, 60, 40))
    for y in range(20, 880, 50):  # and the sides
        draw.rectangle((20, y, 32, y + 44), fill=(215, 60, 40))
        draw.rectangle((866, y, 878, y + 44), fill=(215, 60, 40))
    sealed = stamp(page, seal_layer(110, "深圳市南山区市场监督管理局"), (620, 640), RED)  # over the bottom-right corner
    seals = detect_seals(sealed)
    assert [(s.color, s.shape) for s in seals] == [("red", "round")]
    box = seals[0].bbox
    assert abs((box.x0 + box.x1) / 2 - 730) < 15 and abs((box.y0 + box.y1) / 2 - 750) < 15


def test_seal_crop_and_ring_unwrap(sealed_page: np.ndarray) -> None:
    seal = detect_seals(sealed_page)[0]
    crop = seal_crop(sealed_page, seal)
    assert crop.shape[0] == pytest.approx(220, abs=30) and crop.shape[1] == pytest.approx(220, abs=30)
    strip = unwrap_seal_ring(sealed_page, seal)
    assert strip.shape[1] > 4 * strip.shape[0]  # a long, low band


def test_the_legend_band_holds_the_legend_when_the_gap_inside_the_ring_holds_specks() -> None:
    """A photo's tinted paper or a copy's speckle puts some "ink" in the gap between ring and legend: the band
    still reaches in over the legend instead of stopping in the gap."""
    from docproc.reading.seal_legends import _legend_band

    rng = np.random.default_rng(3)
    polar = np.full((700, 152, 3), 255, np.uint8)  # a row per angle, the radius along it
    red = (40, 40, 220)
    polar[:, 143:151] = red  # the ring
    polar[:, 95:131][rng.random((700, 36)) < 0.3] = red  # the legend's strokes
    clean = _legend_band(polar, "red")
    polar[:, 131:143][rng.random((700, 12)) < 0.035] = red  # the specks in the gap
    assert _legend_band(polar, "red") == clean and clean[0] < 95 and clean[1] <= 143


def test_read_seal_legend_on_a_clean_seal() -> None:
    page = stamp(Image.new("RGB", (320, 320), "white"), seal_layer(140, "北京某某科技有限公司"), (14, 14), RED)
    seal = detect_seals(page)[0]
    text, conf = read_seal_legend(page, seal, TesseractEngine())
    assert text is not None and 0.0 < conf <= 1.0
    assert sum(ch in text for ch in "北京科技有限公司") >= 5, text


def test_remove_seal_ink_keeps_text_under_the_seal(sealed_page: np.ndarray) -> None:
    clean = remove_seal_ink(sealed_page)
    assert clean.ndim == 2
    assert detect_seals(cv2.cvtColor(clean, cv2.COLOR_GRAY2BGR)) == []
    text = " ".join(w.text for w in TesseractEngine().read(clean))
    assert "25000" in text
    assert "张三丰" in text


def test_remove_seal_ink_keeps_coloured_print_outside_seals(sealed_page: np.ndarray) -> None:
    page = Image.fromarray(cv2.cvtColor(sealed_page, cv2.COLOR_BGR2RGB))
    ImageDraw.Draw(page).text((40, 330), "姓名", font=font(32), fill=(60, 120, 200))  # a blue ID-card label
    clean = remove_seal_ink(bgr(page))
    assert clean[330:375, 40:110].min() < 160  # the label is still there
    assert clean[62:282, 422:642].mean() > imaging.to_gray(sealed_page)[62:282, 422:642].mean() + 10  # seal gone


# ---------------------------------------------------------------- card photos


def card_image() -> Image.Image:
    card = Image.new("RGB", (856, 540), (236, 228, 212))
    draw = ImageDraw.Draw(card)
    draw.text((60, 60), "姓名 张三丰", font=font(40), fill="black")
    draw.text((60, 420), "公民身份号码 11010519491231002X", font=font(36), fill="black")
    draw.rectangle((600, 80, 800, 330), fill=(180, 180, 190))
    return card


def test_find_card_flattens_a_photographed_card() -> None:
    card = bgr(card_image())
    src = np.array([[0, 0], [855, 0], [855, 539], [0, 539]], np.float32)
    dst = np.array([[210, 170], [1010, 230], [990, 760], [180, 700]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(card, matrix, (1280, 960), borderValue=(40, 50, 45))
    flat = find_card(photo)
    assert flat is not None
    assert flat.shape[1] == 1200 and flat.shape[1] / flat.shape[0] == pytest.approx(1.585, abs=0.01)
    inner = flat[10:-10, 10:-10]
    assert inner.mean() > 180  # all card, no dark table
    assert flat[300:450, 850:1100].mean() < inner.mean()  # the photo box stays on the right


def test_find_cards_in_both_photos_of_a_phone_collage() -> None:
    # two photos joined top to bottom (拼图): the lower card is too small a share of the whole to be told by its
    # outline there, but not of its own half
    collage = np.full((2400, 1600, 3), 45, np.uint8)
    card = bgr(card_image())
    for (top, left, width) in ((300, 250, 1000), (1550, 350, 860)):
        height = round(width / 1.585)
        collage[top : top + height, left : left + width] = cv2.resize(card, (width, height))
    cards = find_cards(collage)
    assert [round(float(c.quad[:, 1].mean())) // 100 for c in cards] == [6, 18]  # the upper card, then the lower


def test_find_card_ignores_a_photographed_a4_page() -> None:
    page = bgr(text_page(BODY, size=(700, 990)))  # A4 is 1.41:1, a card 1.59:1
    photo = np.full((1100, 1000, 3), 35, np.uint8)
    photo[55:1045, 150:850] = page
    assert find_card(photo) is None


def test_find_card_turns_an_upright_card_on_its_long_side() -> None:
    photo = np.full((1000, 800, 3), 30, np.uint8)
    photo[150:850, 250:690] = bgr(card_image().rotate(90, expand=True).resize((440, 700)))
    flat = find_card(photo)
    assert flat is not None and flat.shape[1] > flat.shape[0]


def test_find_card_returns_none_for_a_tight_scan_or_a_text_page() -> None:
    assert find_card(bgr(card_image())) is None
    assert find_card(bgr(text_page(BODY))) is None
    table = text_page(BODY, size=(1000, 800))
    draw = ImageDraw.Draw(table)
    draw.rectangle((100, 250, 900, 760), outline="black", width=3)  # a statement table, 1.57:1
    for y in range(310, 760, 60):
        draw.line((100, y, 900, y), fill="black", width=2)
    assert find_card(bgr(table)) is None


# ---------------------------------------------------------------- geometry


def test_rotate_by_quarter_turns() -> None:
    img = np.zeros((10, 20, 3), np.uint8)
    img[0, 0] = 255
    assert imaging.rotate(img, 90).shape == (20, 10, 3)
    assert imaging.rotate(img, 90)[0, -1].tolist() == [255, 255, 255]  # top-left → top-right
    assert np.array_equal(imaging.rotate(imaging.rotate(img, 270), 90), img)
    assert np.array_equal(imaging.rotate(img, -180), imaging.rotate(img, 180))
    with pytest.raises(ValueError):
        imaging.rotate(img, 45)


@pytest.mark.parametrize("skew", [3.0, -3.0])
def test_deskew_finds_a_small_rotation(skew: float) -> None:
    page = text_page(BODY * 2, size=(900, 700), px=28)
    tilted = np.asarray(page.rotate(skew, expand=False, fillcolor="white"))  # PIL: ccw positive
    fixed, angle = imaging.deskew(tilted)
    assert angle == pytest.approx(skew, abs=1.0)
    assert abs(imaging.estimate_skew(fixed) or 0.0) <= 0.5


def test_deskew_leaves_blank_or_straight_pages_alone() -> None:
    blank = np.full((300, 400, 3), 255, np.uint8)
    assert imaging.deskew(blank)[1] == 0.0
    straight = bgr(text_page(BODY))
    assert abs(imaging.deskew(straight)[1]) <= 0.3


def test_normalize_illumination_flattens_a_shadow() -> None:
    page = np.asarray(text_page(BODY).convert("L"), dtype=np.float32)
    shade = np.linspace(0.45, 1.0, page.shape[1], dtype=np.float32)[None, :]
    out = imaging.normalize_illumination((page * shade).astype(np.uint8))
    assert out.dtype == np.uint8 and out.ndim == 2
    paper = out[page > 250]
    assert paper.mean() > 235 and np.percentile(paper, 5) > 200  # the dark side is paper again
    assert out[page < 50].mean() < 100  # and text stays dark


# ---------------------------------------------------------------- decoding


def png_bytes(img: Image.Image, fmt: str = "PNG", **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge canvas."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = b"IDAT" + zlib.compress(b"\0" * 16)

    def wrap(c: bytes) -> bytes:
        return struct.pack(">I", len(c) - 4) + c + struct.pack(">I", zlib.crc32(c))

    return b"\x89PNG\r\n\x1a\n" + wrap(chunk) + wrap(idat) + wrap(b"IEND")


def test_load_image_refuses_garbage_and_empty_input() -> None:
    with pytest.raises(CorruptFile, match="cannot be decoded"):
        imaging.load_image(b"this is not an image at all" * 10)
    with pytest.raises(CorruptFile):
        imaging.load_image(png_bytes(Image.new("RGB", (50, 50)))[:60])  # truncated
    with pytest.raises(EmptyFile):
        imaging.load_image(b"")


def test_load_image_refuses_a_decompression_bomb_before_decoding() -> None:
    with pytest.raises(DecompressionBomb, match="20000×20000 pixels"):
        imaging.load_image(huge_png_header(20000, 20000))
    with pytest.raises(DecompressionBomb, match="upload a smaller scan"):
        imaging.load_image(png_bytes(Image.new("RGB", (200, 200))), max_pixels=10_000)


def test_load_image_converts_to_bgr_and_applies_exif_orientation() -> None:
    red = imaging.load_image(png_bytes(Image.new("RGB", (30, 20), (255, 0, 0))))
    assert red.shape == (20, 30, 3) and red[0, 0].tolist() == [0, 0, 255]
    gray = imaging.load_image(png_bytes(Image.new("L", (30, 20), 128)))
    assert gray.shape == (20, 30, 3)
    clear = imaging.load_image(png_bytes(Image.new("RGBA", (30, 20), (0, 0, 0, 0))))
    assert clear[0, 0].tolist() == [255, 255, 255]  # transparency becomes white paper
    exif = Image.Exif()
    exif[0x0112] = 6  # camera held sideways: rotate 90° clockwise to view
    turned = imaging.load_image(png_bytes(Image.new("RGB", (30, 20)), "JPEG", exif=exif))
    assert turned.shape == (30, 20, 3)


def test_encode_round_trips() -> None:
    img = bgr(text_page(["编码"], size=(120, 80)))
    assert np.array_equal(imaging.load_image(imaging.encode_png(img)), img)
    jpeg = imaging.encode_jpeg(img, quality=90)
    assert jpeg[:2] == b"\xff\xd8" and imaging.load_image(jpeg).shape == img.shape


def test_a_seal_on_a_greyscale_copy_is_found_by_its_ring_and_recorded_black() -> None:
    """A photocopy has no colour to find a seal by: the ring, nearly whole, with a legend and star inside."""
    grey_copy = cv2.cvtColor(cv2.cvtColor(sealed_page_image(), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    seals = detect_seals(grey_copy, greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("black", "round")]
    box = seals[0].bbox
    assert abs((box.x0 + box.x1) / 2 - 532) < 20 and abs((box.y0 + box.y1) / 2 - 172) < 20
    unsealed = cv2.cvtColor(np.asarray(text_page(BODY))[:, :, ::-1].copy(), cv2.COLOR_BGR2GRAY)
    assert detect_seals(cv2.cvtColor(unsealed, cv2.COLOR_GRAY2BGR), greyscale_rings=True) == []
    ringed = text_page(BODY, size=(900, 900))
    ImageDraw.Draw(ringed).ellipse((500, 500, 740, 740), outline="black", width=5)  # a pen circle, empty inside
    assert detect_seals(np.asarray(ringed)[:, :, ::-1].copy(), greyscale_rings=True) == []
    assert detect_seals(grey_copy) == []  # a text-layer page: found by colour only


def sealed_page_image() -> np.ndarray:
    return stamp(text_page(BODY), seal_layer(110, "北京某某科技有限公司"), (420, 60), RED)


def test_a_solid_emblem_with_a_star_is_no_seal_and_a_seal_on_a_frame_corner_is_one() -> None:
    page = text_page(BODY, size=(900, 900))
    draw = ImageDraw.Draw(page)
    draw.rectangle((600, 600, 700, 700), fill=(200, 30, 30))  # an emblem: solid red with a yellow star
    star = [(650 + r * math.cos(math.radians(a)), 650 + r * math.sin(math.radians(a)))
            for i, a in enumerate(range(-90, 270, 36)) for r in [(40, 16)[i % 2]]]
    draw.polygon(star, fill=(250, 220, 40))
    assert detect_seals(np.asarray(page)[:, :, ::-1].copy()) == []
    framed = text_page(BODY, size=(900, 900))
    draw = ImageDraw.Draw(framed)
    draw.rectangle((560, 858, 885, 870), fill=(215, 60, 40))  # the frame's bottom-right corner, an L
    draw.rectangle((868, 560, 880, 870), fill=(215, 60, 40))
    sealed = stamp(framed, seal_layer(120, "上海市浦东新区市场监督管理局"), (622, 612), RED)  # its ring a few px off the L
    seals = detect_seals(sealed)
    assert [(s.color, s.shape) for s in seals] == [("red", "round")]


def test_a_thinly_ruled_table_of_card_shape_on_a_scanned_sheet_is_no_card() -> None:
    """At full scan size the table's rules are one or two pixels of grey: shrunk and blurred they fade, yet they
    still tell a table from a card."""
    sheet = np.full((2339, 1655, 3), 236, np.uint8)  # a scan's grey paper
    x0, y0, x1, y1 = 140, 470, 1540, 1353  # 1400 x 883: the ID-1 shape
    cv2.rectangle(sheet, (x0, y0), (x1, y1), (60, 60, 60), 3)
    for y in range(y0 + 70, y1, 62):
        cv2.line(sheet, (x0, y), (x1, y), (150, 150, 150), 1)
    for x in (x0 + 380, x0 + 640, x0 + 900, x0 + 1150):
        cv2.line(sheet, (x, y0), (x, y1), (150, 150, 150), 1)
    for y in range(y0 + 45, y1, 62):
        cv2.putText(sheet, "2025.06   25,527.09   510.54", (x0 + 60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (40, 40, 40), 2)
    assert find_cards(sheet) == []
