"""A long table as Word lays it out, modern style (docs/layout.md, "Tables"): A/RES/79/249's
scale of assessments (193 one-line rows under "Member State" / "Percentage", the head repeated
at every page's top; tests/layout/issued/A_RES_79_249.txt). Issued: the head and 44 rows on
p. 3, the head and 4 rows under paragraph 12 on p. 2, nothing between paragraph 12 and the
table, 8 pages. Ours were 14 pt rows, 46 a page, 6 pt above and below the table, 7 pages.
"""

from __future__ import annotations

import io
import sys

import pdfplumber
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import issued_match  # noqa: E402
import layout_match  # noqa: E402

NAME = "A_RES_79_249"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Per page: the body lines (top, text) and the horizontal rules' y, of our modern PDF."""
    pdf = issued_match.build(NAME, tmp_path_factory.mktemp("scale"))
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = [(ln["top"], ln["text"]) for ln in page.extract_text_lines()
                     if layout_match.HEAD_BOTTOM <= ln["top"] < layout_match.FOOT_TOP]
            rules = sorted({round(e["top"], 2) for e in page.lines + page.rects
                            if e["width"] > 60 and e["height"] < 1 and e["top"] >= layout_match.HEAD_BOTTOM})
            out.append((lines, rules))
    return out


def _rows(lines):
    return [(top, text) for top, text in lines if text.rsplit(" ", 1)[-1].replace(".", "").isdigit()
            and "." in text.rsplit(" ", 1)[-1]]


def test_eight_pages_as_issued(pages):
    assert len(pages) == 8


def test_a_full_page_holds_the_head_and_44_rows(pages):
    for lines, _ in pages[2:6]:
        assert lines[0][1] == "Member State Percentage"  # the head, repeated
        assert len(_rows(lines)) == 44  # issued: 44 on p. 3, 43 on pp. 4-6 (no uniform pitch gives both)


def test_rows_are_14_57_pt_apart(pages):
    """44 rows and the head in a page of 656 pt (pages 2+, docs/layout.md "Page capacity"):
    a row every 14.57 pt (14.69 when pages held 661.6)."""
    tops = [top for top, _ in _rows(pages[3][0])]
    pitches = {round(b - a, 2) for a, b in zip(tops, tops[1:])}
    assert pitches <= {14.57, 14.58}, pitches


def test_the_table_follows_its_paragraph_without_a_gap_and_the_next_stands_24_pt_below(pages):
    lines, rules = pages[1]
    follows = next(top for top, text in lines if text.endswith("follows:"))
    # the line box of "… as follows:" ends 10.5 pt below its glyphs' top (12 pt leading); the
    # table's top rule (0.5 pt, its middle given) lies on it: was 6 pt lower
    assert rules[0] - (follows + 10.5) == pytest.approx(0.25, abs=0.05)
    lines, rules = pages[6]
    para13 = next(top for top, text in lines if text.startswith("13."))
    bottom = max(r for r in rules if r < para13)
    assert para13 - 1.5 - bottom == pytest.approx(24 + 0.25, abs=0.05)  # was 6
