"""Forensics measured while reading: fonts mixed inside one figure, seals on pasted patches, copy-move."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.core.models import BBox, Word
from docproc.core.policy import load_policy
from docproc.reading.forensics import cloned_regions, mixed_font_numbers
from tests import forgeries


def w(text: str, x0: float, x1: float, font: str) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, y0=100, x1=x1, y1=110), confidence=1.0, line=3, font=font)


def test_a_figure_retyped_in_another_font_is_found() -> None:
    found = mixed_font_numbers([w("16,", 10, 22, "SimSun"), w("600.00", 22.5, 50, "ArialMT")])
    assert [f["text"] for f in found] == ["16,600.00"]


def test_digits_beside_cjk_in_their_own_faces_are_not_an_edit() -> None:
    # "2025/10/02至2026/04/01" and "2025年": Latin digits, CJK characters, each in its face, as printed
    words = [w("2025/10/02", 10, 60, "LiberationSerif"), w("至", 60.5, 70, "DroidSansFallback"),
             w("2026/04/01", 70.5, 120, "LiberationSerif"), w("2025", 200, 220, "LiberationSans"),
             w("年", 220.2, 230, "WenQuanYiMicroHei")]
    assert mixed_font_numbers(words) == []


def test_the_same_font_or_apart_is_not_flagged() -> None:
    assert mixed_font_numbers([w("16,", 10, 22, "SimSun"), w("600.00", 22.5, 50, "SimSun")]) == []
    assert mixed_font_numbers([w("16", 10, 22, "SimSun"), w("600.00", 80, 110, "ArialMT")]) == []


# --- a seal on a pasted patch ------------------------------------------------------------------------------------

def _letter_with_seal(*, paste: str) -> np.ndarray:
    """A scanned letter (BGR) with a red seal over its signature lines: stamped, or pasted in afterwards."""
    import random

    import cv2

    from samples.generator.contract_pdf import SealSpot
    from samples.generator.fonts import font
    from samples.generator.forms import paste_seal
    from samples.generator.seal import make_style, render_seal

    rng = random.Random(7)
    page = Image.new("RGB", (1240, 900), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    face = font("sans", 30)
    for row in range(12):
        draw.text((60, 60 + row * 64), "出卖人（签章）：呼和浩特安信置业有限公司 法定代表人 委托代理人", font=face, fill=(20, 20, 20))
    seal = render_seal(rng, make_style(rng, "呼和浩特安信置业有限公司"), 300).resize((300, 300))
    spot = SealSpot(1, 0.5, 0.5, 300 * 25.4 / 150)

    def stamp(img: Image.Image) -> Image.Image:
        ink = np.asarray(seal.convert("RGBA"), np.float32) / 255.0
        out = np.asarray(img, np.float32).copy()
        y, x = 450 - 150, 620 - 150
        alpha = ink[..., 3:4] * 0.9
        out[y : y + 300, x : x + 300] *= 1.0 - alpha * (1.0 - ink[..., :3])
        return Image.fromarray(out.astype(np.uint8))

    def scan(img: Image.Image) -> Image.Image:
        arr = cv2.GaussianBlur(np.asarray(img), (0, 0), 0.7).astype(np.float32)
        arr += np.random.default_rng(3).normal(0, 5, arr.shape)
        return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))

    if paste == "stamped":
        scanned = scan(stamp(page))
    elif paste == "filtered patch":  # a patch from a cleaner, filtered copy
        scanned = paste_seal(scan(page), spot, seal, dpi=150, rng=rng)
    else:  # a patch cut from a copy scanned at half the resolution
        scanned = scan(page)
        low = scanned.resize((620, 450)).resize((1240, 900), Image.Resampling.BILINEAR)
        patched = np.asarray(scanned).copy()
        patched[280:620, 450:790] = np.asarray(stamp(low))[280:620, 450:790]
        scanned = Image.fromarray(patched)
    return np.asarray(scanned)[:, :, ::-1].copy()


def test_print_under_a_stamped_seal_is_as_sharp_as_beside_it() -> None:
    from docproc.reading.forensics import seal_patches
    from docproc.reading.seals import detect_seals

    image = _letter_with_seal(paste="stamped")
    stamps = detect_seals(image)
    assert len(stamps) == 1
    (patch,) = seal_patches(image, stamps)
    assert patch["sharpness"] > 0.8


@pytest.mark.parametrize("reach", [None, 490])
def test_a_camera_apps_caption_beside_a_stamped_seal_is_not_the_seals_line(reach: int | None) -> None:
    """A photo taken with a camera app that sets the date and weather over its corner: the caption's crisp print
    stands on the seal's rows but apart from the short lines under the seal, and is no measure of them; nor
    when it runs on up to the seal, into the corner of its box (``reach``: where its first line ends)."""
    import random

    import cv2

    from samples.generator.fonts import font
    from samples.generator.seal import make_style, render_seal

    rng = random.Random(11)
    page = Image.new("RGB", (1240, 900), (236, 230, 214))
    draw = ImageDraw.Draw(page)
    draw.text((560, 430), "登记机关", font=font("sans", 34), fill=(25, 25, 25))
    draw.text((530, 500), "2025年8月27日", font=font("sans", 28), fill=(25, 25, 25))
    ink = np.asarray(render_seal(rng, make_style(rng, "南宁市青秀区市场监督管理局"), 300)
                     .resize((300, 300)).convert("RGBA"), np.float32) / 255.0
    out = np.asarray(page, np.float32).copy()
    alpha = ink[..., 3:4] * 0.9
    out[300:600, 470:770] *= 1.0 - alpha * (1.0 - ink[..., :3])
    photo = Image.fromarray(np.clip(cv2.GaussianBlur(out, (0, 0), 1.2), 0, 255).astype(np.uint8))
    caption = ImageDraw.Draw(photo)  # drawn on the finished photo: as crisp as the app renders it
    face = font("sans", 48)
    for y, line in ((485, "2026年11月19日"), (545, "星期三 小雨 11°C")) if reach else \
            ((440, "2026.09.09"), (510, "星期三 小雨 11°C")):
        x = reach - face.getlength(line) if reach and y == 485 else 40
        caption.text((x, y), line, font=face, fill=(250, 250, 250), stroke_width=2, stroke_fill=(40, 40, 40))
    image = np.asarray(photo)[:, :, ::-1].copy()

    from docproc.reading.forensics import seal_patches
    from docproc.reading.seals import detect_seals

    stamps = detect_seals(image)
    assert len(stamps) == 1
    softer = [p for p in seal_patches(image, stamps) if p["sharpness"] < load_policy(None).images.patch_sharpness_fail]
    assert softer == []


@pytest.mark.parametrize("paste", ["filtered patch", "resampled patch"])
def test_a_seal_on_a_pasted_patch_brings_softer_print(paste: str) -> None:
    from docproc.reading.forensics import seal_patches
    from docproc.reading.seals import detect_seals

    image = _letter_with_seal(paste=paste)
    stamps = detect_seals(image)
    assert len(stamps) == 1
    (patch,) = seal_patches(image, stamps)
    assert patch["sharpness"] < load_policy(None).images.patch_sharpness_fail
    x0, y0, x1, y1 = patch["bbox"]
    assert abs((x0 + x1) / 2 - 620) < 20 and abs((y0 + y1) / 2 - 450) < 20


def test_picture_similarity_tells_a_re_saved_photo_from_another_card() -> None:
    import io

    import cv2
    import numpy as np
    from PIL import Image

    from docproc.reading.forensics import picture_similarity
    from tests.conftest import TINY

    def load(data: bytes) -> np.ndarray:
        return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)

    original = (TINY / "a01_salaried_clean" / "id_back.jpg").read_bytes()
    resaved = io.BytesIO()
    Image.open(io.BytesIO(original)).save(resaved, "JPEG", quality=70)
    other = (TINY / "a02_expired_id" / "id_back.jpg").read_bytes()
    assert picture_similarity(load(original), load(resaved.getvalue())) > 0.99
    assert picture_similarity(load(original), load(other)) < 0.5


def test_a_picture_registered_onto_its_own_slightly_moved_crop_correlates_again() -> None:
    import cv2

    from docproc.reading.forensics import aligned_picture_similarity, picture_similarity
    from tests.conftest import TINY

    def load(name: str) -> np.ndarray:
        return cv2.imread(str(TINY / name / "id_back.jpg"))

    def moved(image: np.ndarray) -> np.ndarray:
        h, w = image.shape[:2]
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), 0.8, 1.01)
        turn[:, 2] += (3.0, 2.0)
        return cv2.warpAffine(image, turn, (w, h), borderMode=cv2.BORDER_REPLICATE)

    mine, theirs = load("a01_salaried_clean"), load("a02_expired_id")
    assert picture_similarity(mine, moved(mine)) < 0.9  # the plain comparison loses it
    assert aligned_picture_similarity(mine, moved(mine)) > 0.95
    assert aligned_picture_similarity(mine, moved(theirs)) < 0.8  # another card of the same design


# --- copy-move ---------------------------------------------------------------------------------------------------

Face = Callable[[int], ImageFont.FreeTypeFont]


def _scanned(draw_on: Callable[[ImageDraw.ImageDraw, Face], None]) -> np.ndarray:
    """An A4 page drawn by ``draw_on`` at 150 dpi, as a scanner gives it back (BGR, with grain)."""
    from tests.test_imaging import cjk_font_path

    page = Image.new("RGB", (1240, 1754), (236, 236, 230))
    draw_on(ImageDraw.Draw(page), lambda size: ImageFont.truetype(cjk_font_path(), size))
    noisy = np.asarray(page, np.float32)[:, :, ::-1] + np.random.default_rng(3).normal(0, 2.0, (1754, 1240, 3))
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _record_list(draw: ImageDraw.ImageDraw, face: Face) -> None:
    """A tax app's list of monthly records printed out: two columns of cards, the same labels on each."""
    rng = np.random.default_rng(7)
    for column in range(2):
        for row in range(6):
            x, y = 60 + column * 580, 60 + row * 275
            draw.rounded_rectangle((x, y, x + 540, y + 245), 12, fill=(250, 250, 248))
            draw.text((x + 24, y + 20), f"2025-{column * 6 + row + 1:02d}", font=face(34), fill=(20, 20, 20))
            draw.text((x + 380, y + 24), "经营所得", font=face(26), fill=(40, 90, 180))
            draw.text((x + 24, y + 80), "扣缴义务人：西安市雁塔区明德文具店", font=face(26), fill=(60, 60, 60))
            draw.text((x + 24, y + 125), f"收入：{rng.integers(20000, 60000):,}.{rng.integers(10, 99)}",
                      font=face(26), fill=(20, 20, 20))
            draw.text((x + 24, y + 170), f"已申报税额：{rng.integers(500, 1800):,}.{rng.integers(10, 99)}",
                      font=face(26), fill=(20, 20, 20))


def _letter(draw: ImageDraw.ImageDraw, face: Face) -> None:
    """A page of running text, no line like another."""
    text = ("兹证明王立新同志自二〇一六年三月起在我公司任职，现任销售部经理，月均税前收入人民币贰万叁仟元整，"
            "本证明仅用于其办理个人住房按揭贷款，我公司对所提供信息的真实性负责，如有不实愿承担相应责任。"
            "公司地址：南宁市青秀区民族大道一百六十六号华润大厦十八层，联系电话零七七一五五八二三四六九。")
    for row in range(18):
        draw.text((80, 80 + row * 60), text[row * 26:(row + 1) * 26], font=face(34), fill=(20, 20, 20))


def test_labels_printed_on_every_card_of_a_list_are_no_copy_move() -> None:
    assert cloned_regions(_scanned(_record_list)) < load_policy(None).images.clone_matches_review


def test_a_block_of_text_copied_once_is_still_found() -> None:
    page = _scanned(_letter)
    assert cloned_regions(page) == 0
    forged = page.copy()
    forged[1200:1400, 150:750] = page[200:400, 80:680]  # three lines of the letter once more, lower down
    assert cloned_regions(forgeries.resave(forged)) >= load_policy(None).images.clone_matches_review
