"""The no-break hyphen (U+2011, "pre‑recorded") in the body font.

Liberation Serif (and Tinos) have no glyph for U+2011, so Pango printed DejaVu Serif's: a hyphen
of another typeface in the middle of a word. Word prints the character as its font's hyphen and
never breaks the line after it. The PDF writer's text therefore carries a hyphen-minus followed
by a zero width joiner (U+200D): no line breaks after a joiner (UAX #14, LB8a) nor before a
hyphen (LB21), Pango draws no glyph for the joiner, and the joiner belongs to the hyphen's
grapheme cluster, so the modern style's letter spacing (0.32 pt) is added once, as after the
hyphen alone. A word joiner (U+2060) also forbids the break but is a cluster of its own: it
made the word 0.32 pt wider. A ``white-space: nowrap`` span around the hyphen split the text
into boxes, and WeasyPrint's justification then put part of a line's slack inside the word.
pdftotext reads "pre-recorded".

Only the PDF changes: the HTML and the DOCX keep U+2011 as the source has it (browsers and Word
have the glyph or draw the hyphen themselves). Only the text of ``<body>`` is rewritten: the
document's title in the PDF's metadata and attribute values keep their characters.
"""

from __future__ import annotations

from pipeline.writers.pdf.wordbreaks import JOINER, body_text

NBH = "\u2011"
BOUND_HYPHEN = "-" + JOINER


def no_break_hyphens(html: str) -> str:
    """``html`` with every U+2011 of its body's text a hyphen-minus no line breaks at."""
    if NBH not in html:
        return html
    return body_text(html, lambda text: text.replace(NBH, BOUND_HYPHEN))
