"""Chinese place names that begin addresses and organisation names (provinces, municipalities, big cities)."""

from __future__ import annotations

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
CITIES = (
    "石家庄", "太原", "沈阳", "大连", "长春", "哈尔滨", "南京", "苏州", "无锡", "杭州", "宁波", "温州", "合肥", "福州",
    "厦门", "南昌", "济南", "青岛", "郑州", "武汉", "长沙", "广州", "深圳", "东莞", "佛山", "珠海", "南宁", "海口",
    "成都", "贵阳", "昆明", "西安", "兰州", "西宁", "银川", "乌鲁木齐", "呼和浩特", "拉萨",
)
# Longest first, so 内蒙古 is tried before a shorter name could match inside it.
REGIONS = tuple(sorted(PROVINCES + CITIES, key=len, reverse=True))


def from_first_region(text: str, *, within: int = 3) -> str:
    """Drop stray characters before a province (or municipality) that starts within the first ``within``
    characters: a resident address on an ID card begins with one."""
    for skip in range(1, within + 1):
        if text[skip:].startswith(PROVINCES):
            return text[skip:]
    return text
