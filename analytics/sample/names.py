"""Multilingual person names (English, Persian, Chinese), drawn reproducibly."""
from __future__ import annotations

import numpy as np

EN_FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Lucas", "Mia", "Mason", "Chloe",
            "Logan", "Grace", "Owen", "Lily", "Jacob", "Ella", "Nathan", "Hannah", "Ryan", "Sarah", "Daniel",
            "Megan", "James", "Julia", "Connor", "Nicole", "Tyler", "Rachel", "Adam"]
EN_LAST = ["Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Taylor", "Campbell",
           "Anderson", "Thompson", "Scott", "Reid", "Clark", "Murphy", "Walker", "Young", "King", "Wright",
           "Bell", "Morrison", "Stewart", "Gagnon", "Fraser", "Hughes"]
FA_FIRST = ["مریم", "زهرا", "فاطمه", "سارا", "نگار", "الهام", "مهسا", "لیلا", "پریسا", "نازنین", "علی", "محمد",
            "رضا", "حسین", "امیر", "مهدی", "سعید", "بهرام", "کاوه", "آرش"]
FA_LAST = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی", "کاظمی", "نوری",
           "تهرانی", "شریفی", "قاسمی", "اکبری", "یزدانی", "فراهانی", "نیک‌نام"]
ZH_FIRST = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
            "秀英", "桂英", "建华", "志强", "晓东", "海燕", "雪梅"]
ZH_LAST = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
           "林", "罗", "高"]


def person_names(rng: np.random.Generator, langs) -> list[str]:
    """One full name per entry of `langs` ('en', 'fa' or 'zh'), in that language's script and order."""
    out = []
    for lang in langs:
        if lang == "fa":
            out.append(f"{FA_FIRST[rng.integers(len(FA_FIRST))]} {FA_LAST[rng.integers(len(FA_LAST))]}")
        elif lang == "zh":
            out.append(f"{ZH_LAST[rng.integers(len(ZH_LAST))]}{ZH_FIRST[rng.integers(len(ZH_FIRST))]}")
        else:
            out.append(f"{EN_FIRST[rng.integers(len(EN_FIRST))]} {EN_LAST[rng.integers(len(EN_LAST))]}")
    return out
