"""Sub-items (i), (ii) ... under a lettered sub-paragraph, modern style: the label at the
paragraphs' indent (x 147.1, as (a)'s), the text at x 166.8, where Word's line breaks put it
(A/RES/80/245's (i)-(v), 80/116's (i)-(vi), 80/11's (i)-(ii): docs/layout.md, "Sub-items"), their other lines at
x 144.1; before, the label stood at 170.8, the text at 194.6 and the other lines at 123.4. A label
wider than the gap ("(vii)", "(viii)") keeps 2 pt before its text. The DOCX's "UN Subparagraph 2"
style says the same (left and first-line indents, tab).
"""

from __future__ import annotations

import re
import zipfile

import pdfplumber
import pytest

from pipeline.app.build import build_file

ITEMS = ["The designation of ad hoc judges", "The calling of witnesses", "The maintenance in office",
         "The payment of pensions", "The work of the Court", "The sixth item", "The seventh item",
         "The eighth item"]
LABELS = ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)", "(viii)"]

SOURCE = (
    "symbol: A/RES/80/998\nsession: 80\nissued: 2025-12-30\n"
    "title: Unforeseen and extraordinary expenses\n"
    "operative:\n"
    "  - text: \"Authorizes the Secretary-General to enter into commitments, provided that:\"\n"
    "    items:\n"
    "      - Such commitments as the Secretary-General certifies relate to peace and security;\n"
    "      - text: \"Such commitments as the President of the Court certifies relate to:\"\n"
    "        items:\n"
    + "".join(f"          - {t} of the Court, not exceeding a total of dollars;\n" for t in ITEMS)
    + "          - The work of the Court or its Chambers away from The Hague, not exceeding a total of"
    " 12,500 dollars in the year, as certified by the President of the Court;\n"
    + "  - Decides to keep the matter under review.\n"
    "adopted: {meeting: 70, date: 2025-12-30}\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("subitems")
    src = out / "sub.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    return {p.suffix: p for p in build_file(src, out, ("pdf", "docx"), "modern", None)}


def _label_and_text(pdf_path, label):
    """x of a line's label and of the first letter after it, for the line opening with ``label``."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines():
                chars = [c for c in line["chars"] if c["text"].strip()]
                if "".join(c["text"] for c in chars).startswith(label.replace(" ", "")):
                    n = len(label)
                    return chars[0]["x0"], chars[n - 1]["x1"], chars[n]["x0"]
    raise AssertionError(f"no line opens with {label}")


def test_sub_item_label_and_text_positions(built):
    for label in LABELS[:6]:
        x_label, _, x_text = _label_and_text(built[".pdf"], label)
        assert x_label == pytest.approx(147.1, abs=0.2), label
        assert x_text == pytest.approx(166.8, abs=0.2), label  # old: 194.6
    # the lettered sub-paragraph is as it was: label 147.1, text 170.9
    x_label, _, x_text = _label_and_text(built[".pdf"], "(a)")
    assert (x_label, x_text) == (pytest.approx(147.1, abs=0.2), pytest.approx(170.9, abs=0.2))


def test_sub_item_lines_after_the_first(built):
    with pdfplumber.open(built[".pdf"]) as pdf:
        lines = [ln for page in pdf.pages for ln in page.extract_text_lines()]
    at = [i for i, ln in enumerate(lines) if ln["text"].startswith("(ix)")]
    assert at, "no (ix) line"
    second = lines[at[0] + 1]
    assert second["text"].startswith("12,500") or "dollars" in second["text"], second["text"]
    assert second["x0"] == pytest.approx(144.1, abs=0.2)  # old: 123.4
    assert second["x1"] == pytest.approx(488.0, abs=0.6)  # justified to the text block's edge


def test_a_wide_label_keeps_a_gap(built):
    for label in LABELS[6:]:
        x_label, label_end, x_text = _label_and_text(built[".pdf"], label)
        assert x_label == pytest.approx(147.1, abs=0.2), label
        assert x_text - label_end >= 1.9, label


def test_docx_sub_item_style(built):
    with zipfile.ZipFile(built[".docx"]) as z:
        styles = z.read("word/styles.xml").decode()
    style = re.search(r'<w:style [^>]*w:styleId="UNSubparagraph2".*?</w:style>', styles, re.S)
    assert style, "no UN Subparagraph 2 style"
    body = style.group(0)
    assert re.search(r'<w:ind w:left="1682" w:right="1272" w:firstLine="60"/>', body), body  # old: 1268, 948
    assert re.search(r'<w:tab w:pos="2136" w:val="left"/>', body), body  # 106.8 pt (old: 134.5)
