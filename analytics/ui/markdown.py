"""Show data text (names, queues, notes) through st.markdown as literal text: every markdown, emoji
and colour-directive character is backslash-escaped, so a name like *_Ali_* prints as typed."""
import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def escape(text) -> str:
    # GFM turns bare URLs, www. names and e-mail addresses into links even when escaped: a zero-width
    # space inside the marker keeps them plain text without changing what is shown
    text = _AUTOLINK.sub(lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], str(text))
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")
