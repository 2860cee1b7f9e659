"""Helpers for the plain text that users type into the registry."""

import re

import nh3

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def clean_plain_text(text: str) -> str:
    """Strip every HTML tag and normalise whitespace.

    Narrative fields are plain text rendered with escaping; stripping tags on
    the way in as well keeps exports and the API free of markup too.
    """
    if not text:
        return ""
    stripped = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    # nh3 escapes what it keeps; the registry stores text, not HTML.
    stripped = stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    stripped = stripped.replace("&quot;", '"').replace("&#39;", "'").replace("&nbsp;", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in stripped.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
