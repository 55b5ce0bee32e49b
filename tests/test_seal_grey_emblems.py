"""On a page without colour an emblem, badge or logo printed in black (the national emblem on a photocopied ID
card's back, beside the card's title; a company's badge) is a ring around a picture with no legend, and no seal;
a photocopied seal (a ring, a legend of separate characters along its rim, a star, a line of text) still is.
Everything is drawn here in OpenCV and PIL, plus the third-party photocopies of ID cards where present."""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.reading.seal_grey_rings import LEGEND_PIECES, PICTURE_INSIDE, ring_inside
from docproc.reading.seals import detect_seals
from tests.test_seal_grey_rings import _as_read, _grey
from tests.test_seals import _realdoc, _text_page

FONT = next((p for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                         "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") if Path(p).exists()), None)
LEGEND = "华东精密机械制造有限公司"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(FONT, size) if FONT else ImageFont.load_default(size)


def _star(ink: np.ndarray, centre: tuple[int, int], radius: float) -> None:
    cx, cy = centre
    points = [(cx + radius * (1 if i % 2 == 0 else 0.4) * math.cos(math.radians(-90 + 36 * i)),
               cy + radius * (1 if i % 2 == 0 else 0.4) * math.sin(math.radians(-90 + 36 * i))) for i in range(10)]
    cv2.fillPoly(ink, [np.array(points, np.int32)], 0, cv2.LINE_AA)


def _emblem(page: np.ndarray, centre: tuple[int, int], radius: int, *, double: bool) -> np.ndarray:
    """A national emblem in black line art: a ring (two with ``double``), ears of grain up both sides, a gate
    with five doors, a big star and four small ones above it, a gear below."""
    cx, cy = centre
    r = radius
    cv2.circle(page, centre, r, 0, max(2, r // 12), cv2.LINE_AA)
    if double:
        cv2.circle(page, centre, int(0.86 * r), 0, max(2, r // 24), cv2.LINE_AA)
    for side in (-1, 1):  # the ears' stalk, leaves along it
        cv2.ellipse(page, centre, (int(0.68 * r), int(0.68 * r)), 0, 90 + side * 20, 90 + side * 160, 0, max(2, r // 20))
        for k in range(9):
            a = math.radians(90 + side * (25 + 16 * k))
            leaf = (int(cx + 0.68 * r * math.cos(a)), int(cy + 0.68 * r * math.sin(a)))
            cv2.ellipse(page, leaf, (max(3, r // 9), max(2, r // 22)), math.degrees(a) + 90 * side + 30, 0, 360, 0, -1)
    w = int(0.5 * r)
    roof = [(cx - w, cy), (cx + w, cy), (cx + int(0.8 * w), cy - int(0.12 * r)), (cx - int(0.8 * w), cy - int(0.12 * r))]
    cv2.fillPoly(page, [np.array(roof, np.int32)], 0)
    cv2.rectangle(page, (cx - int(0.85 * w), cy), (cx + int(0.85 * w), cy + int(0.28 * r)), 0, -1)
    for k in range(5):
        x = cx - int(0.6 * w) + k * int(0.3 * w)
        cv2.rectangle(page, (x - r // 25, cy + int(0.1 * r)), (x + r // 25, cy + int(0.28 * r)), 255, -1)
    cv2.rectangle(page, (cx - w, cy + int(0.28 * r)), (cx + w, cy + int(0.34 * r)), 0, -1)
    _star(page, (cx, cy - int(0.42 * r)), 0.16 * r)
    for k in (-2, -1, 1, 2):
        _star(page, (cx + int(0.2 * r * k), cy - int(0.32 * r) + abs(k) * int(0.05 * r)), 0.07 * r)
    gear = (cx, cy + int(0.56 * r))
    cv2.circle(page, gear, int(0.11 * r), 0, -1)
    for k in range(10):
        a = 2 * math.pi * k / 10
        cv2.circle(page, (int(gear[0] + 0.13 * r * math.cos(a)), int(gear[1] + 0.13 * r * math.sin(a))), max(2, r // 30), 0, -1)
    cv2.circle(page, gear, int(0.05 * r), 255, -1)
    return page


def _badge(page: np.ndarray, centre: tuple[int, int], radius: int) -> np.ndarray:
    """A company's badge: a ring round a sun over two hills, filled, and three waves under them."""
    cx, cy = centre
    r = radius
    cv2.circle(page, centre, r, 0, max(2, r // 12), cv2.LINE_AA)
    cv2.circle(page, (cx, cy - int(0.2 * r)), int(0.22 * r), 0, -1, cv2.LINE_AA)
    hills = [(cx - int(0.7 * r), cy + int(0.35 * r)), (cx - int(0.25 * r), cy - int(0.1 * r)), (cx, cy + int(0.1 * r)),
             (cx + int(0.3 * r), cy - int(0.2 * r)), (cx + int(0.7 * r), cy + int(0.35 * r))]
    cv2.fillPoly(page, [np.array(hills, np.int32)], 0, cv2.LINE_AA)
    for k in range(3):
        y = cy + int((0.45 + 0.1 * k) * r)
        cv2.line(page, (cx - int(0.55 * r), y), (cx + int(0.55 * r), y), 0, max(2, r // 18))
    return page


def _copied_seal(page: np.ndarray, centre: tuple[int, int], radius: int) -> np.ndarray:
    """A seal as a photocopy shows it: a thin ring, a legend of characters following the rim from about 8:00 over
    the top to 4:00, a star, and a line of characters under it; all printed darker than the paper."""
    cx, cy = centre
    cv2.circle(page, centre, radius, 60, max(2, radius // 16), cv2.LINE_AA)
    size = int(0.21 * radius)
    font = _font(size)
    for k, char in enumerate(LEGEND):
        a = math.radians(150 + 240 * (k + 0.5) / len(LEGEND))
        glyph = Image.new("L", (2 * size, 2 * size), 255)
        ImageDraw.Draw(glyph).text((size, size), char, fill=60, font=font, anchor="mm")
        glyph = glyph.rotate(-(math.degrees(a) + 90), fillcolor=255)
        x, y = int(cx + 0.74 * radius * math.cos(a)) - size, int(cy + 0.74 * radius * math.sin(a)) - size
        np.minimum(page[y : y + 2 * size, x : x + 2 * size], np.asarray(glyph), out=page[y : y + 2 * size, x : x + 2 * size])
    _star(page, centre, 0.27 * radius)
    line = Image.new("L", (int(1.2 * radius), size + 8), 255)
    ImageDraw.Draw(line).text((line.width // 2, line.height // 2), "合同专用章", fill=60, font=_font(int(0.8 * size)),
                              anchor="mm")
    x, y = cx - line.width // 2, cy + int(0.42 * radius)
    np.minimum(page[y : y + line.height, x : x + line.width], np.asarray(line), out=page[y : y + line.height, x : x + line.width])
    return page


def _id_back(page: np.ndarray, origin: tuple[int, int], radius: int, *, double: bool = True) -> np.ndarray:
    """An ID card's back copied in black and white at 200 dpi: its frame, the emblem right beside the title,
    the issuing office and the validity."""
    x, y = origin
    cv2.rectangle(page, (x, y), (x + 675, y + 425), 0, 2)
    _emblem(page, (x + 110, y + 120), radius, double=double)
    image = Image.fromarray(page)
    draw = ImageDraw.Draw(image)
    draw.text((x + 230, y + 50), "中华人民共和国", fill=0, font=_font(44))
    draw.text((x + 230, y + 120), "居民身份证", fill=0, font=_font(62))
    draw.text((x + 120, y + 300), "签发机关   厦门市公安局思明分局", fill=0, font=_font(26))
    draw.text((x + 120, y + 350), "有效期限   2014.06.15-2034.06.15", fill=0, font=_font(26))
    return np.asarray(image).copy()


def _paper(size: tuple[int, int] = (1654, 2338)) -> np.ndarray:
    return np.full(size, 255, np.uint8)


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


@pytest.mark.parametrize(("radius", "double"), [(83, True), (83, False), (110, True), (100, False)])
def test_the_emblem_on_a_black_and_white_copy_of_an_id_back_is_no_seal(radius: int, double: bool) -> None:
    page = _id_back(_paper(), (1200, 400), radius, double=double)
    assert detect_seals(_bgr(page), greyscale_rings=True) == []


def test_a_badge_in_a_ring_on_a_greyscale_page_is_no_seal() -> None:
    page = _paper((1100, 800))
    for centre, radius in (((250, 250), 110), ((500, 750), 80)):
        _badge(page, centre, radius)
    assert detect_seals(_bgr(page), greyscale_rings=True) == []


@pytest.mark.parametrize("radius", [83, 110, 150])
def test_a_photocopied_seal_beside_an_id_back_is_found_and_the_emblem_is_not(radius: int) -> None:
    page = _copied_seal(_id_back(_paper(), (1200, 400), 83), (600, 1100), radius)
    seals = detect_seals(_bgr(page), greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("black", "round")]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - 600) < 0.15 * radius and abs((y0 + y1) / 2 - 1100) < 0.15 * radius


@pytest.mark.parametrize("radius", [83, 150])
def test_a_dark_copy_of_a_seal_pressed_over_print_is_still_found(radius: int) -> None:
    """A dark copy thickens every stroke: the print under the seal joins its star, yet its legend stays a legend."""
    page = cv2.cvtColor(_text_page((2339, 1654)), cv2.COLOR_BGR2GRAY)
    page = cv2.erode(_copied_seal(page, (800, 1200), radius), np.ones((3, 3), np.uint8))
    seals = detect_seals(_bgr(page), greyscale_rings=True)
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - 800) < 0.15 * radius and abs((y0 + y1) / 2 - 1200) < 0.15 * radius


def test_a_seal_holds_a_star_and_a_legend_and_an_emblem_a_picture_and_none() -> None:
    """What the search draws its line on, for a seal and an emblem of one size on one page."""
    page = _copied_seal(_emblem(_paper((600, 1000)), (250, 300), 150, double=True), (750, 300), 150)
    seal, emblem = ring_inside(page, 750, 300, 150), ring_inside(page, 250, 300, 150)
    assert seal.picture < 0.7 * PICTURE_INSIDE and seal.legend >= LEGEND_PIECES
    assert emblem.picture > 1.3 * PICTURE_INSIDE and emblem.legend < 0.5 * LEGEND_PIECES


@pytest.mark.parametrize("name", ["cn_id_photocopy_frontback_ccf_1.jpg", "cn_id_photocopy_frontback_ccf_5.jpg",
                                  "cn_id_back_ccf_cropped_expired.png"])
def test_the_emblem_on_a_real_id_photocopy_is_no_seal(name: str) -> None:
    """Third-party photocopies, where the emblem is a dark filled disc: no seal before, none now."""
    assert detect_seals(_as_read(_grey(_realdoc(f"id_cards_cn/{name}"))), greyscale_rings=True) == []
