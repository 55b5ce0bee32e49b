"""Whether a text is the address of a flat: administrative levels, a building and room part, no land parcel."""

from __future__ import annotations

import re
from functools import cache

from docproc.cn.vocab import names

UNIT_DIGITS = r"[0-9A-Za-z一二三四五六七八九十百零〇#\-]"  # 3栋, 二单元, 1203室, B座, 12#楼


@cache
def _unit() -> re.Pattern[str]:
    units = "|".join(sorted(names("addresses", "units"), key=len, reverse=True))
    return re.compile(rf"{UNIT_DIGITS}+(?:{units})|(?:{units}){UNIT_DIGITS}+")


def names_a_parcel(text: str) -> bool:
    """Whether ``text`` speaks of the land parcel (…地块, 宗地, 土地使用权) rather than a flat."""
    return any(word in text for word in names("addresses", "parcel"))


def is_flat_address(text: str) -> bool:
    """An address that locates a flat: it names an administrative level (省/市/区/县/路…), has a numbered
    building or room part (8号, 3栋, 1203室) and says nothing of a land parcel."""
    if len(text) < 6 or names_a_parcel(text):
        return False
    return any(level in text for level in names("addresses", "levels")) and _unit().search(text) is not None


def flat_detail(text: str) -> int:
    """How closely ``text`` locates a flat: the number of its numbered building and room parts."""
    return len(_unit().findall(text))


_PIECE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z#\-—()（）]+")
PIECE_LENGTH = 24  # characters a piece carrying on an address may hold (a building, unit and room, a compound)


def continues_address(piece: str) -> bool:
    """Whether ``piece`` (a line or cell after an address) carries it on: a short run of an address's
    characters with a numbered building or room part (新元家园7栋1402室, 院2号楼1006, 107室), no label's colon
    and no clause punctuation."""
    return len(piece) <= PIECE_LENGTH and _PIECE.fullmatch(piece) is not None and _unit().search(piece) is not None
