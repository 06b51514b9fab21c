"""A resolution number with its session in roman figures ("2758 (XXVI).") stays on one line in
the modern style's hanging title, on the title's first line: the number's inline block broke it
"2758" / "(XXVI)." over two lines (seen on page 1 of A/RES/2758 (XXVI) in the modern style). Wider
than the title's hanging indent (63.4 pt), it starts at the indent's edge and takes the title's
first line on after its own space; the title's next lines keep the text block's edge."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import ROOT

from pipeline.app.build import build_file

SOURCE = ROOT / "source" / "languages" / "A_RES_2758_XXVI.en.yaml"


@pytest.mark.parametrize("style", ["modern", "2014"])
def test_a_number_with_a_roman_session_is_one_line_beside_the_title(style, tmp_path):
    [pdf] = build_file(SOURCE, tmp_path, ("pdf",), style, None)
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    number = next(w for w in words if w["text"] == "2758")
    line = [w for w in words if abs(w["top"] - number["top"]) < 1]
    text = " ".join(w["text"] for w in line)
    assert re.match(r"^2758 \(XXVI\)\. Restoration of the lawful rights", text), text
    xxvi, title = (next(w for w in line if w["text"] == t) for t in ("(XXVI).", "Restoration"))
    assert title["x0"] > xxvi["x1"] + 4  # the number's own space before the title
    if style == "modern":  # the title's next line at the text block's edge, as every title's
        below = min((w for w in words if w["top"] > number["top"] + 5), key=lambda w: (w["top"], w["x0"]))
        assert below["text"] == "China" and below["x0"] == pytest.approx(123.4, abs=0.3)
