"""The grid draws a cell left to right when its first strong character is; the mark that keeps a sign
before its digits in Persian is one, so "+۳٫۵ واحد درصد (غ.م.)" came out as "واحد درصد (غ.م.) +۳٫۵".
components.rtl_cells isolates the signed number instead; the CSV keeps the text as the report has it."""
import pandas as pd

from analytics import i18n
from analytics.core import registry
from analytics.ui import components


def test_a_signed_change_is_isolated_left_to_right_in_persian_cells_only():
    with i18n.using("fa"):
        change = registry.get("service_level_pct").format_delta(3.5) + " (غ.م.)"
        count = registry.get("offered").format_delta(-1461)
        frame = pd.DataFrame({"change": [change, count, "بدون هدف", None], "n": [1, 2, 3, 4]})
        shown = components.rtl_cells(frame)
    assert change.startswith("\u200e+")   # what units writes: a left-to-right mark, then the sign
    assert shown["change"].tolist()[:3] == ["\u2066+۳٫۵\u2069 واحد درصد (غ.م.)", "\u2066-۱٬۴۶۱\u2069", "بدون هدف"]
    assert pd.isna(shown["change"].iloc[3]) and shown["n"].tolist() == [1, 2, 3, 4]
    assert frame["change"].iloc[0] == change   # the frame (and its CSV) unchanged
    with i18n.using("en"):
        assert components.rtl_cells(frame) is frame
