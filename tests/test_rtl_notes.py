"""Arabic notes mirror the English ones in the PDF: the number hangs on the right.

English modern notes hang their number 6.4 pt left of the text (``text-indent: -6.4pt``), the
1998 notes indent their first line by 36 pt; WeasyPrint applies neither to a right-to-left
block, so the print CSS places the Arabic number itself (print-modern.css, print-1998.css).
Read with pdfplumber: the number's place against the note text's right edge, every line of
a note ending at that edge; and the English notes' own geometry (the pins prove its bytes).
The Arabic note is long enough to take three lines: the words of 52/102's opening paragraphs
(un.org/arabic/ga/52/res/res52102.htm), as in tests/test_languages.py.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from conftest import SOURCES
from test_languages import BODIES, HEAD

from pipeline import writers
from pipeline.source import load
from pipeline.transforms.resolve import build

LONG_NOTE = (
    "A/52/274. إذ تشير إلى قراراتها 48/113 المؤرخ 20 كانون الأول/ديسمبر 1993، و 49/173 المؤرخ"
    " 23 كانون الأول/ديسمبر 1994، وقد نظرت في تقرير الأمين العام وتقرير مفوضة الأمم المتحدة"
    " السامية لشؤون اللاجئين، وإذ تدرك حدة مشاكل الهجرة والتشرد في بلدان رابطة الدول المستقلة"
)
NOTE_SIZE = {"modern": 8.5, "1998": 10.0}
MARKER_SIZE = {"modern": 5.5, "1998": 7.0}
BODY_SIZE = {"modern": 10.0, "1998": 11.0}


def notes(lang: str, style: str) -> list[dict]:
    """The note lines at the foot of page 1 (text, x0, x1) and their numbers, top to bottom; English: the seed."""
    if lang == "en":  # the seed, 52/102, whose notes take one and two lines
        doc = build(load(SOURCES / "A_RES_52_102.yaml"), style=style)
    else:
        body = BODIES[lang].replace("footnotes: {a: A/52/274., b: A/52/12.}",
                                    f'footnotes: {{a: "{LONG_NOTE}", b: A/52/12.}}')
        assert LONG_NOTE in body
        doc = build(load(f"{lang}.yaml", HEAD.format(lang=lang, style=style) + body))
    with pdfplumber.open(io.BytesIO(writers.render("pdf", doc))) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["top"] > page.height / 2]
        body_left = min(c["x0"] for c in page.chars if abs(c["size"] - BODY_SIZE[style]) < 0.2)
    out: list[dict] = []
    for size, kind in ((NOTE_SIZE[style], "line"), (MARKER_SIZE[style], "number")):
        mine = [c for c in chars if abs(c["size"] - size) < 0.2 and c["text"].strip()]
        for top in sorted({round(c["top"]) for c in mine}):
            row = [c for c in mine if round(c["top"]) == top]
            out.append({"kind": kind, "top": top, "x0": min(c["x0"] for c in row),
                        "x1": max(c["x1"] for c in row), "text": "".join(c["text"] for c in row)})
    out.sort(key=lambda r: (r["top"], r["kind"] == "line"))  # a number before its first line
    return [dict(r, body_left=body_left) for r in out]


def split(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """Each note: its number and its lines (those below it, up to the next number)."""
    out: list[tuple[dict, list[dict]]] = []
    for r in rows:
        if r["kind"] == "number":
            out.append((r, []))
        elif out:
            out[-1][1].append(r)
    return out


def test_arabic_modern_note_number_hangs_right_of_the_text():
    found = split(notes("ar", "modern"))
    assert [n["text"] for n, _ in found] == ["1", "2"]
    first, lines = found[0]
    assert len(lines) >= 3, lines  # the long note takes several lines
    edge = lines[0]["x1"]
    for line in lines:  # every line of the note ends at one right edge
        assert line["x1"] == pytest.approx(edge, abs=0.5), (line, edge)
    # the number stands right of that edge, in the 6.4 pt the English number hangs in
    assert first["x0"] >= edge - 0.5 and first["x1"] == pytest.approx(edge + 6.4, abs=0.6)
    number2, lines2 = found[1]
    assert lines2[0]["x1"] == pytest.approx(edge, abs=0.5) and number2["x1"] == pytest.approx(first["x1"], abs=0.1)


def test_arabic_1998_note_first_line_is_indented_from_the_right():
    found = split(notes("ar", "1998"))
    first, lines = found[0]
    assert len(lines) >= 2, lines
    edge = max(line["x1"] for line in lines[1:])  # the lines after the first reach the edge
    for line in lines[1:-1]:
        assert line["x1"] == pytest.approx(edge, abs=0.5)
    # the first line starts 36 pt in from the right, as the English one does from the left
    assert first["x1"] == pytest.approx(edge - 36, abs=0.6)
    assert lines[0]["x1"] <= first["x0"] + 0.5


def test_english_notes_keep_their_geometry():
    """The left-to-right notes: modern numbers hang 6.4 pt left of the text; 1998 numbers 36 pt
    in from the text's left edge (unchanged by the right-to-left rules)."""
    modern = split(notes("en", "modern"))
    assert modern, "no note found"
    for number, lines in modern:
        assert lines[0]["x0"] - number["x0"] == pytest.approx(6.4, abs=0.6)
    old = split(notes("en", "1998"))
    assert old
    for number, lines in old:  # the first line indented 36 pt from the text block's left edge
        assert number["x0"] - number["body_left"] == pytest.approx(36, abs=0.6)
        assert lines[0]["x0"] >= number["x1"] - 0.5
