"""Word's page by the date Word laid the document out (docs/layout.md, "Page capacity by date";
templates/styles/modern.yaml ``sheet_from``).

Before the 80th session, Word's pages 2+ held 4.5 pt more body and notes than in 2025: the
2017-2024 issued texts of tests/layout/issued end more pages as issued with
templates/css/print-modern-before-2025.css laid over the modern sheet. The notes, their rule and
the page number stay where they stand on a 2025 page.
"""

from __future__ import annotations

import datetime as dt
import io
import sys

import pdfplumber
import pytest
from conftest import ROOT

from pipeline.transforms.resolve import house_style

sys.path.insert(0, str(ROOT / "tools"))
import issued_match  # noqa: E402


def test_the_dated_sheet_is_picked_by_the_issue_date():
    style = house_style("modern")
    assert style.sheet_on(dt.date(2018, 12, 20)) == "print-modern-before-2025.css"
    assert style.sheet_on(dt.date(2024, 12, 24)) == "print-modern-before-2025.css"
    assert style.sheet_on(dt.date(2025, 9, 19)) is None
    assert style.sheet_on(None) is None  # an undated draft is laid out now


@pytest.mark.parametrize("name, ends", [("A_RES_73_230", (3, 4)),  # 1/4 on the 2025 page
                                        ("A_RES_79_160", (7, 10))])  # 4/10 on the 2025 page
def test_older_pages_end_at_the_issued_words(tmp_path, name, ends):
    m = issued_match.measure(name, tmp_path, keep=tmp_path)
    assert (m.page_ends, m.page_ends_total) == ends, m.missed_pages
    # the furniture stands as on a 2025 page: the last note line and the page number
    with pdfplumber.open(io.BytesIO((tmp_path / f"{name}.pdf").read_bytes())) as pdf:
        for page in pdf.pages[1:-1]:
            lines = page.extract_text_lines()
            foot = [round(ln["top"], 1) for ln in lines if ln["top"] > 740]
            notes = [ln["bottom"] for ln in lines if ln["chars"][0]["size"] < 9.5 and 690 < ln["top"] < 740]
            assert foot == [749.6]
            assert not notes or abs(max(notes) - 734.4) < 1.5, notes
