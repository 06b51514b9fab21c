"""Section headings of annexes and of texts adopted inline (issue 15 item 4).

Issued modern annexes print the Roman numeral with a full stop and the heading on one line, the
numeral hanging: the annex of A/RES/80/3 (2025; wannli/un-docs-downloader data/extracted/
A_RES_80_3.json, PyMuPDF text of the issued PDF) reads "I.<tab>Global context and shared
commitments" (the tab splits it as it splits "1.<tab>We, …") and "II. Implementation of the Awaza
Programme of Action for Landlocked / Developing Countries for the Decade 2024–2034" (wrapped before
"Developing", which would fit the full measure at 10 pt bold). The resolution's own sections keep
"I" on a line of its own over the heading (A/RES/80/243, "I" / "Conditions of service …"), and the
1998 style is unchanged.
"""

from __future__ import annotations

import re
import zipfile

import pdfplumber

from pipeline.app.build import build_file

SOURCE = """\
symbol: A/RES/80/3
session: 80
issued: 2025-10-15
title: Awaza Political Declaration
preamble:
  - Recalling its resolutions 76/217 of 17 December 2021,
operative:
  - Endorses the political declaration contained in the annex to the present resolution;
  - section: Final provisions
  - Expresses its profound gratitude to the Government and the people of Turkmenistan.
adopted: {meeting: 18, date: 2025-10-14}
annexes:
  - title: Awaza Political Declaration
    numbered: true
    paragraphs:
      - We, the Heads of State and Government, met in Awaza.
      - section: Global context and shared commitments
      - We gather at a critical juncture marked by overlapping global challenges.
      - section: Implementation of the Awaza Programme of Action for Landlocked Developing Countries for the Decade 2024–2034
      - We strongly commit ourselves to the full implementation of the Awaza Programme of Action.
"""


def _build(tmp_path, style):
    src = tmp_path / "A_RES_80_3.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    return {p.suffix: p for p in build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)}


def _lines(pdf_path):
    """The PDF's words, line by line (page, then top), each line left to right."""
    lines: dict[tuple[int, float], list] = {}
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages):
            for w in page.extract_words(extra_attrs=["fontname"]):
                lines.setdefault((n, round(w["top"])), []).append(w)
    return [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(lines.items())]


def test_modern_annex_sections_print_numeral_and_heading_on_one_line(tmp_path):
    out = _build(tmp_path, "modern")
    lines = _lines(out[".pdf"])
    texts = [" ".join(w["text"] for w in line) for line in lines]
    first = next(line for line in lines if line[0]["text"] == "I." and line[1]["text"] == "Global")
    assert " ".join(w["text"] for w in first) == "I. Global context and shared commitments"
    assert abs(first[0]["x0"] - 123.4) < 0.5 and abs(first[1]["x0"] - 147.1) < 0.5  # hanging numeral
    assert all("Bold" in w["fontname"] for w in first)
    second = texts.index(next(t for t in texts if t.startswith("II. Implementation")))
    assert texts[second].endswith("for Landlocked")  # wrapped as issued, before "Developing"
    assert texts[second + 1].startswith("Developing Countries")
    assert abs(lines[second + 1][0]["x0"] - 147.1) < 0.5  # under the heading's first word
    # the resolution's own section: "I" alone, centred, over its heading
    i = texts.index("I")
    assert texts[i + 1] == "Final provisions"
    html = out[".html"].read_text(encoding="utf-8")
    assert re.search(r'<span class="section-num">I\.</span> <span class="section-title">Global context', html)
    assert re.search(r'<span class="section-num">I</span> <span class="section-title">Final provisions', html)
    numbering = zipfile.ZipFile(out[".docx"]).read("word/numbering.xml").decode()
    assert 'upperRoman"/><w:lvlText w:val="%1."' in numbering  # the annex's sections: "I."
    assert 'upperRoman"/><w:lvlText w:val="%1"' in numbering   # the resolution's: "I"


def test_1998_annex_sections_are_unchanged(tmp_path):
    out = _build(tmp_path, "1998")
    lines = _lines(out[".pdf"])
    texts = [" ".join(w["text"] for w in line) for line in lines]
    i = texts.index("I", texts.index("Global context and shared commitments") - 1)
    assert texts[i + 1] == "Global context and shared commitments"
    assert "I." not in texts
