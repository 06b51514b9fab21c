"""The end rule kept clear of its page's notes (pipeline/writers/pdf/endrule.py).

A/80/L.30 (an issued amendment document, imported) ends its one page about 30 pt above the
sponsor note: the rule, drawn 29 pt under the last lines and taking no room, went through the
note's words (its line at y 699.6, the note's text from about 695 to 704). Now it stands between
the last lines and the notes' separator. A rule with room under it stays 29 pt down (A/RES/73/8).
"""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import ROOT, unres


def _rule_and_text(pdf_path, page_index):
    """The end rule (72 pt wide, centred), the separator (the shorter rule at the left), the
    body's last line bottom above the rule, and the notes' first line top."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[page_index]
        segments = [s for s in page.lines + page.rects if abs((s["x1"] - s["x0"]) - 72) < 1 and s["bottom"] - s["top"] < 1]
        [rule] = [s for s in segments if abs((s["x0"] + s["x1"]) / 2 - page.width / 2) < 2]
        words = page.extract_words(extra_attrs=["size"])
        body = [w for w in words if w["size"] > 9.5 and w["bottom"] < rule["top"]]
        notes = [w for w in words if w["size"] < 9 and w["top"] > rule["top"] - 40 and w["top"] < page.height - 80]
        return rule, max(w["bottom"] for w in body), min((w["top"] for w in notes), default=None)


def test_the_end_rule_stands_above_the_notes_of_its_page(tmp_path):
    src = tmp_path / "l30.yaml"
    assert unres("import", ROOT / "tests" / "import" / "amendments" / "A_80_L.30.txt", "-o", src).returncode == 0
    run = unres("build", src, "-o", tmp_path, "--format", "pdf", "-j", "1")
    assert run.returncode == 0, run.stderr
    rule, last, note = _rule_and_text(tmp_path / "A_80_L.30.pdf", 0)
    assert note is not None
    assert last < rule["top"] < note - 8  # under the last lines, above the notes and their separator


def test_an_end_rule_with_room_stays_29_pt_under_the_plenary_lines(tmp_path):
    run = unres("build", ROOT / "source" / "A_RES_73_8.yaml", "-o", tmp_path, "--format", "pdf", "-j", "1")
    assert run.returncode == 0, run.stderr
    with pdfplumber.open(tmp_path / "A_RES_73_8.pdf") as pdf:
        page = pdf.pages[-1]
        [rule] = [s for s in page.lines + page.rects if abs((s["x1"] - s["x0"]) - 72) < 1
                  and abs((s["x0"] + s["x1"]) / 2 - page.width / 2) < 2]
    assert rule["top"] == pytest.approx(576.0, abs=0.3)  # as issued: docs/layout.md, "The end rule"
