"""Line breaks only where Word breaks: never inside a document symbol or a numbered reference.

Pango's line breaking (UAX #14 as Pango implements it) lets a line end after a solidus inside a
word ("A/" / "RES/80/1", "A/RES/" / "80/155", "GC(69)/RES/" / "10") and after a full stop between
a letter and a digit ("figure I." / "1.", "Sales No. E." / "93.I.8", "A/CONF." / "48/14").
Word breaks a run of text without spaces only after a hyphen or a dash: its users insert a
"no-width optional break" by hand when they want a URL to break at a slash. No line of the issued
resolutions compared in docs/layout.md ends in a solidus (the ten 2024-25 texts and the four
reference PDFs), and ours broke A/RES/80/155's note 2 "... figure I. / 1." (issued "... 2024), /
figure I.1.").

The PDF writer's text therefore carries a zero width joiner (U+200D) after each such solidus and
full stop: no line breaks after a joiner (UAX #14, LB8a), Pango draws no glyph for it, and it
joins the preceding character's grapheme cluster, so the letter spacing is added once and the
word is as wide as before (:mod:`.hyphens` uses the same joiner for U+2011). pdftotext and
pdfplumber read the text without it.

A web address (``://`` or ``www.``) keeps Pango's breaks: it may be longer than a note's line,
and with no break inside it would run into the margin, where Word would cut it at the margin.
Only the PDF changes, and only the text of ``<body>``, as in :mod:`.hyphens`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

JOINER = "\u200d"

_TAG = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(/?)(style|script)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s<>]+")
_INSIDE = re.compile(r"(?<=\S)/(?=\S)|(?<=[^\W\d_])\.(?=\d)")


def body_text(html: str, change: Callable[[str], str]) -> str:
    """``html`` with ``change`` applied to each run of its body's text between two tags (not the
    content of a ``<style>`` or ``<script>`` element)."""
    at = html.find("<body")
    head, body = (html[:at], html[at:]) if at >= 0 else ("", html)
    parts = _TAG.split(body)
    raw = False
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            tag = _RAW.match(part)
            if tag:
                raw = not tag.group(1)
        elif not raw:
            parts[i] = change(part)
    return head + "".join(parts)


def _token(match: re.Match[str]) -> str:
    word = match.group(0)
    if "://" in word or word.lower().startswith("www."):
        return word
    return _INSIDE.sub(lambda m: m.group(0) + JOINER, word)


def _text(text: str) -> str:
    if "/" not in text and "." not in text:
        return text
    return _TOKEN.sub(_token, text)


def word_breaks(html: str) -> str:
    """``html`` whose body text breaks lines only where Word breaks them (module docstring)."""
    return body_text(html, _text)
