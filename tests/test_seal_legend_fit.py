"""Seal legends verified against the name a check expects: the name aligned with what the line recogniser saw
along the ring (docproc.reading.legend_fit), on hand-made reads, a pale seal pressed over print, and
third-party seals (read from ../shared/realdocs, skipped where absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, Field, Stamp, Status
from docproc.eval.evaluation import GotDocument, Report, score_seals
from docproc.reading.imaging import load_image
from docproc.reading.legend_fit import Frame, Lattice, fit_name
from docproc.reading.read import _stamps_with_legends
from docproc.reading.seal_legends import seal_legend_reads
from docproc.reading.seals import detect_seals
from docproc.service.context import Context
from docproc.validators.stamp import _others_letters, carries, income_proof_seal, legend_fit, purchase_contract_seal
from tests.conftest import REALDOCS

LEAST = 0.75  # policy.stamps.legend_verified_min


def ring(*chars: str | Frame, start: int = 0) -> Lattice:
    """A ring read: each character read surely (or the frame given), a blank position after each, turned so
    the read starts ``start`` characters in (a ring has no first position)."""
    frames: list[Frame] = []
    for char in chars:
        frames += [((char, 0.95),) if isinstance(char, str) else char, ()]
    return tuple(frames[2 * start:] + frames[: 2 * start])


NAME = "上海国泰信息技术有限公司"


def test_the_name_read_round_the_ring_from_anywhere_is_verified() -> None:
    read = ring(*"上海国泰信息技术有限公司", "·", *"310104000123", start=7)  # the serial number under the star too
    fit = fit_name([read], NAME, min_share=LEAST)
    assert fit is not None and fit.verified and (fit.agreeing, fit.characters) == (12, 12)


def test_a_garbled_read_still_verifies_the_name_it_half_saw() -> None:
    # read freely as 上国泰信#技术私公司: 海 faint, 息 under print, 有 and 限 misread at low confidence
    read = ring("上", (("海", 0.06), ("#", 0.05)), "国", "泰", "信", (("#", 0.3), ("息", 0.2)), "技", "术",
                (("私", 0.25), ("有", 0.2)), (("限", 0.1), ("服", 0.08)), "公", "司")
    fit = fit_name([read], NAME, min_share=LEAST)
    assert fit is not None and fit.verified


def test_a_name_differing_in_one_character_of_its_trade_name_is_not_verified() -> None:
    read = ring(*NAME)
    for other in ("上海国安信息技术有限公司", "上海恒泰信息技术有限公司", "上海国泰地产有限公司", "上海联合置业有限公司"):
        fit = fit_name([read], other, min_share=LEAST)
        assert fit is not None and not fit.verified, other
    assert fit_name([read], "上海国安信息技术有限公司", min_share=LEAST).against == 1  # 泰 is read where 安 should be


def test_characters_read_between_the_names_characters_refute_it() -> None:
    read = ring(*"中国建设银行股份有限公司武汉武昌支行")
    assert not fit_name([read], "中国银行股份有限公司武汉武昌支行", min_share=LEAST).verified
    assert fit_name([read], "中国建设银行股份有限公司武汉武昌支行", min_share=LEAST).verified


def test_one_confident_misread_is_outvoted_by_the_other_reads() -> None:
    misread = ring(*"北京望河科技有限公司")  # 星 read as 望 in one read of the ring
    right = ring(*"北京星河科技有限公司")
    reads = [misread, right, right]
    assert fit_name(reads, "北京星河科技有限公司", min_share=LEAST).verified
    assert not fit_name(reads, "北京望河科技有限公司", min_share=LEAST).verified


def test_a_branch_carved_inside_the_ring_verifies_the_organisation_before_it() -> None:
    read = ring(*"六安江淮电机有限公司")  # 销售总公司 stands inside, across the seal
    fit = fit_name([read], "江淮电机有限公司销售总公司", min_share=LEAST)
    assert fit is not None and fit.verified and fit.branch_left_out
    assert not fit_name([read], "江南电机有限公司销售总公司", min_share=LEAST).verified


# ---------------------------------------------------------------- a pale seal pressed lightly over print

EMPLOYER = "北京星河科技有限公司"
LINES = ["收入证明", "兹证明张三丰同志系我单位正式员工，任职销售经理，", "月收入人民币二万五千元整，全年收入三十万元。",
         "本证明仅用于办理个人住房贷款，如有不实，", "本单位承担相应的经济责任。", "单位（公章）：", "二〇二六年十一月二十日"]


def _pressed_over_print(light_side: float) -> np.ndarray:
    """EMPLOYER's seal in thin red ink over the letter's lines, pressed unevenly (its left side at
    ``light_side`` of full ink), on a slightly soft scan."""
    from tests.test_imaging import seal_layer, text_page

    page = np.asarray(text_page(LINES, size=(900, 560), px=30), dtype=np.float32).copy()
    layer = seal_layer(130, EMPLOYER)
    pressure = np.linspace(light_side, 1.0, layer.width, dtype=np.float32)[None, :, None]
    alpha = np.asarray(layer, dtype=np.float32)[..., None] / 255 * pressure
    region = page[60 : 60 + layer.height, 330 : 330 + layer.width]
    region[:] = region * (1 - alpha) + region * (np.array((205, 100, 110), np.float32) / 255) * alpha
    return cv2.GaussianBlur(cv2.cvtColor(page.astype(np.uint8), cv2.COLOR_RGB2BGR), (0, 0), 0.8)


def _income_proof(stamps: list[Stamp], employer: str) -> Bundle:
    fields = {"employer": Field(value=employer, confidence=0.95, page=1, bbox=BBox(x0=1, y0=2, x1=30, y1=10))}
    doc = Document(id="doc_income", file_id="file_1", type=DocType.INCOME_PROOF, pages=[1], fields=fields,
                   stamps=stamps)
    app = Application(id="app_1", profile="salaried", application_date=date(2026, 11, 20), created_at=utcnow())
    return Bundle(application=app, documents=[doc])


def test_a_pale_seal_over_print_naming_the_employer_passes_though_its_free_read_is_empty(ctx: Context) -> None:
    stamps = _stamps_with_legends(_pressed_over_print(0.25), 1, ctx, scanned=True)  # too pale to read freely
    assert [s.color for s in stamps] == ["red"] and not stamps[0].text  # nothing read freely
    verdict = income_proof_seal(_income_proof(stamps, EMPLOYER), ctx.policy)
    assert verdict.status == Status.PASS, verdict.reasons
    assert "verified" in verdict.reasons[0].en


def test_the_same_seal_is_not_verified_as_a_company_one_character_apart(ctx: Context) -> None:
    stamps = _stamps_with_legends(_pressed_over_print(0.7), 1, ctx, scanned=True)
    assert stamps[0].text == EMPLOYER  # read freely, and well
    assert carries(stamps[0], EMPLOYER, ctx.policy)
    for other in ("北京星光科技有限公司", "北京银河科技有限公司"):
        assert not carries(stamps[0], other, ctx.policy), other
        verdict = income_proof_seal(_income_proof(stamps, other), ctx.policy)
        assert "verified" not in verdict.reasons[0].en, (other, verdict.reasons)


@pytest.mark.parametrize("turn", [0, 100, 180, 260])
def test_the_ink_strength_strip_alone_carries_the_name_however_the_seal_is_turned(turn: int, ctx: Context) -> None:
    from PIL import Image

    from tests.test_imaging import BODY, seal_layer, stamp, text_page

    layer = seal_layer(130, EMPLOYER).rotate(turn, resample=Image.Resampling.BICUBIC)
    page = stamp(text_page(BODY, size=(900, 520)), layer, (480, 120), (200, 60, 40))
    seal = next(s for s in detect_seals(page, greyscale_rings=True) if s.color == "red")
    _, lattices = seal_legend_reads(page, seal, ctx.ocr)
    assert len(lattices) == 3  # the ink mask's from 6 and from 12 o'clock, the ink strength's from a gap
    fit = fit_name(lattices[-1:], EMPLOYER, min_share=LEAST)
    assert fit is not None and fit.supporting == 1 and (fit.agreeing, fit.characters) == (10, 10), fit


# ---------------------------------------------------------------- third-party seals

SEALS = REALDOCS / "seals"


def _seals_of(path: Path, ctx: Context) -> list[Stamp]:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    image = load_image(path.read_bytes(), max_pixels=ctx.settings.max_image_pixels)
    return [s for s in _stamps_with_legends(image, 1, ctx, scanned=True) if s.legend_lattices]


@pytest.mark.parametrize(("file", "name", "others"), [
    ("seal_closeup_round_company_scan.png", "北京中导开源科技有限公司",
     ("北京中导开元科技有限公司", "北京华导开源科技有限公司", "北京中科开源科技有限公司", "天津中导开源科技有限公司",
      "北京中导开源信息技术有限公司", "北京开源科技有限公司")),
    ("seal_three_types_company_finance_legalrep.jpg", "北京中导开源科技有限公司",
     ("北京中导开元科技有限公司", "北京华导开源科技有限公司", "天津中导开源科技有限公司")),
    ("seal_crop_over_printed_text.png", "江淮电机有限公司销售总公司",  # the ring: 六安江淮电机有限公司
     ("江南电机有限公司销售总公司", "江淮电器有限公司销售总公司", "合肥江淮电机有限公司", "六安江淮机电有限公司")),
])
def test_third_party_seals_are_verified_by_their_name_and_by_no_other(file: str, name: str, others: tuple[str, ...],
                                                                        ctx: Context) -> None:
    seals = _seals_of(SEALS / file, ctx)
    assert any(carries(s, name, ctx.policy) for s in seals), [legend_fit(s, name, ctx.policy) for s in seals]
    for other in others:
        assert not any(carries(s, other, ctx.policy) for s in seals), (other, [legend_fit(s, other, ctx.policy)
                                                                                for s in seals])


# ---------------------------------------------------------------- the eval's figures


def test_the_eval_counts_legends_verified_and_other_sealers_names_refused() -> None:
    expected = [{"type": "purchase_contract", "pages": [1], "seals": [
        {"page": 1, "legend": "上海联合置业有限公司", "shape": "round"}]},
        {"type": "income_proof", "pages": [2], "seals": [{"page": 2, "legend": NAME, "shape": "round"}]}]
    got = [GotDocument("purchase_contract", None, (1,), {}, seal_lattices=((1, (ring(*"上海联合置业有限公司"),)),)),
           GotDocument("income_proof", None, (2,), {}, seal_lattices=((2, (ring(*"上海国泰信有限公司"),)),))]
    report = Report()
    score_seals(report, expected_docs=expected, docs=got, where="a")
    assert (report.seal_verified["round"].correct, report.seal_verified["round"].total) == (1, 2)
    assert (report.seal_others_refused.correct, report.seal_others_refused.total) == (2, 2)


def _read_as(*reads: str) -> Stamp:
    """A red round seal whose ring was read freely as ``reads`` (the first as its text), each read sure throughout."""
    return Stamp(bbox=BBox(x0=700, y0=1500, x1=1000, y1=1800), color="red", shape="round", text=reads[0],
                 confidence=0.9, legend_reads=reads[1:], legend_lattices=tuple(ring(*r) for r in reads))


def test_another_companys_seal_whose_place_name_was_misread_is_still_anothers(ctx: Context) -> None:
    # 呼和浩特蓝海咨询有限责任公司 read three times, its place name garbled each time: no read names cleanly, yet
    # every read spells 蓝海咨询 where the employer's name has 中科建设工程
    seal = _read_as("阳浩特蓝海咨询有限责任公司", "季和浩特蓝海咨询有限资任公司", "有贵任公司呼和浩特蓝海咨询")
    verdict = income_proof_seal(_income_proof([seal], "呼和浩特中科建设工程有限公司"), ctx.policy)
    assert verdict.status == Status.FAIL, verdict.reasons
    assert income_proof_seal(_income_proof([seal], "呼和浩特蓝海咨询有限责任公司"), ctx.policy).status == Status.PASS


def test_a_garbled_read_of_the_right_name_is_not_taken_for_anothers(ctx: Context) -> None:
    # two reads, each misreading other letters of 上海国泰信息技术有限公司: no run of three foreign letters agreed on
    seal = _read_as("上海国泰信息技术有限公司", "上每国泰倍息技木有限公司", "土海围泰信忌技术有很公司")
    assert income_proof_seal(_income_proof([seal], NAME), ctx.policy).status == Status.PASS


def test_letters_the_reads_share_are_no_other_name_where_one_read_fits_the_name_throughout(ctx: Context) -> None:
    """Two free reads of one ring see the same ink and misread it alike (长沙中科新材料… read 长越平科新精鞋… both times);
    where the best-aligned read still shows the name's letter at nearly every place, none of it contradicted, the
    shared misreading is not another organisation's name."""
    name = "长沙中科新材料股份有限公司"
    misread = {"沙": ("越", 0.35), "中": ("平", 0.35), "材": ("精", 0.35), "料": ("鞋", 0.2)}  # 料 barely seen
    unsure = ring(*(((misread[c][0], 0.6), (c, misread[c][1])) if c in misread else c for c in name))
    seal = Stamp(bbox=BBox(x0=700, y0=1500, x1=1000, y1=1800), color="red", shape="round", text="长越平科新精鞋股女铁眼公",
                 confidence=0.6, legend_reads=("鹅平科新精鞋毅拜眼式", "释股钱酿公长越平科萧精"),
                 legend_lattices=(unsure, ring(*"长越平科新精鞋股份有限公司"), ring(*"长越平科萧精鞋股份有限公司")))
    fit = legend_fit(seal, name, ctx.policy)
    assert fit is not None and fit.against == 2 and not fit.contradicted and not fit.distinctive_whole
    assert fit.share >= 12 / 13
    assert _others_letters(seal, name, ctx.policy) is None
    assert income_proof_seal(_income_proof([seal], name), ctx.policy).status != Status.FAIL
    other = "长沙平科精鞋股份有限公司"  # were it another's, its reads would contradict the name, and it fails
    assert income_proof_seal(_income_proof([_read_as(other, other, other)], name), ctx.policy).status == Status.FAIL


@pytest.mark.parametrize(("file", "name"), [("seal_closeup_round_company_scan.png", "北京中导开源科技有限公司"),
                                            ("seal_three_types_company_finance_legalrep.jpg", "北京中导开源科技有限公司"),
                                            ("seal_crop_over_printed_text.png", "江淮电机有限公司销售总公司")])
def test_third_party_seals_are_never_taken_for_another_organisations(file: str, name: str, ctx: Context) -> None:
    seals = _seals_of(SEALS / file, ctx)
    assert seals and not [s.text for s in seals if _others_letters(s, name, ctx.policy)]


def test_another_partys_seal_beside_the_sellers_on_a_contract_is_no_evidence_against_the_seller(ctx: Context) -> None:
    seller = _read_as("温尔建丰源业有限公", "赢闻瑞丰凰业有限公司", "【业有限公司服团继车】")  # 厦门瑞丰置业, pale
    broker = _read_as("温门滋然医地产线纪有展公", "(2m+显门滋糖医培产线纪有展公鼠局", "产线纪有限公竭显门滋维医培")
    fields = {"seller": Field(value="厦门瑞丰置业有限公司", confidence=0.95, page=8, bbox=BBox(x0=1, y0=2, x1=30, y1=10))}

    def contract(stamps: list[Stamp]) -> Bundle:
        doc = Document(id="doc_contract", file_id="file_2", type=DocType.PURCHASE_CONTRACT, pages=[8], fields=fields,
                       stamps=stamps)
        return _income_proof([], "").model_copy(update={"documents": [doc]})

    assert purchase_contract_seal(contract([seller, broker]), ctx.policy).status == Status.PASS
    assert purchase_contract_seal(contract([broker]), ctx.policy).status == Status.FAIL  # only the broker's
