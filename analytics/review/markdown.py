"""Show data text (names, queues, notes) through st.markdown as literal text: every markdown, emoji
and colour-directive character is backslash-escaped, so a name like *_Ali_* prints as typed."""
import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def escape(text) -> str:
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
