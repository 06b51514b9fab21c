"""The modern DOCX's end rule takes no room in the flow (docs/layout.md, "The end rule"; #15).

The short rule under the closing plenary lines was a paragraph of its own ("UN End Rule": 28 pt
before, 4 pt type, a bottom border), about 32 pt that LibreOffice and Word keep on the page: when
the plenary lines end a full last page, the rule went alone to a page more. It is now a line shape
drawn from the last paragraph (``wp:anchor``, ``wrapNone``, 41 pt under the top of its last line),
as the PDF's rule is a box of no height (b09d076).

Read in LibreOffice's PDF of the DOCX (conftest ``office``): the page count, and the rule as drawn
(72 pt, centred on the text block x 123.4..488.4, under the plenary lines). LibreOffice sets a line's
glyphs about 1.9 pt higher in its line box than WeasyPrint (tests/test_docx_layout.py), so the rule
is about 31.4 pt under the date's glyphs in LibreOffice where ours is 29.5.
"""

from __future__ import annotations

import subprocess
import zipfile

import pdfplumber
import pytest
from conftest import ROOT
from lxml import etree

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

CORPUS = ROOT / "tests" / "corpus"
ISSUED_PAGES = {"A_RES_80_115": 2, "A_RES_77_1": 3, "A_RES_80_105": 4}
GLYPHS_HIGHER = 1.9  # LibreOffice's glyphs in their line box against WeasyPrint's
TEXT_CENTRE = (123.4 + 488.4) / 2
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _full_last_page(n: int) -> str:
    """A resolution of ``n`` one-line operative paragraphs (18 pt each): with 54, LibreOffice's
    page 2 ends with the plenary lines 13 pt above the bottom margin, our PDF's at its foot: 2
    pages each. (53 did so, and the old rule paragraph went alone to page 3, while LibreOffice's
    page 1 held 19 of the PDF's 20 paragraphs: docs/layout.md, "page 1's lines".)"""
    ops = "".join(f'  - "Decides to keep item {i} of the present text under review;"\n' for i in range(1, n + 1))
    return ("symbol: A/RES/80/996\nsession: 80\nissued: 2025-12-30\ntitle: End rule\n"
            "preamble:\n  - Recalling its resolution 79/1,\n"
            f"operative:\n{ops}adopted: {{meeting: 69, date: 2025-12-30}}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory, office) -> dict[str, dict]:
    """name → our PDF ("pdf"), the DOCX ("docx") and LibreOffice's PDF of it ("lo")."""
    out = tmp_path_factory.mktemp("docx_end_rule")
    sources = {}
    for name in ISSUED_PAGES:
        src = CORPUS / f"{name}.txt"
        sources[name] = out / f"{name}.yaml"
        sources[name].write_text(convert(read_input(str(src)), str(src)).yaml, encoding="utf-8")
    sources["full"] = out / "A_RES_80_996.yaml"
    sources["full"].write_text(_full_last_page(54), encoding="utf-8")
    files: dict[str, dict] = {}
    for name, src in sources.items():
        pdf, docx = build_file(src, out / name, ("pdf", "docx"), "modern", None)
        files[name] = {"pdf": pdf, "docx": docx, "lo": office.convert(docx, "pdf", out / name / "lo")}
    return files


def _last_page(path) -> tuple[int, float, list[tuple[float, float, float]]]:
    """Pages; the bottom of the last page's lowest body word (10 pt, not the running head, page
    number or notes); its horizontal rules about 72 pt long below the running head: (y, x0, x1)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[-1]
        words = [w for w in page.extract_words(extra_attrs=["size"])
                 if w["size"] > 9.5 and 70 < w["top"] < page.height - 50]
        bottom = max((w["bottom"] for w in words), default=0.0)
        rules = sorted({(round(r["top"], 1), round(r["x0"], 1), round(r["x1"], 1))
                        for r in page.lines + page.rects + page.curves
                        if abs(r["bottom"] - r["top"]) < 1.5 and 60 < r["x1"] - r["x0"] < 90 and r["top"] > 70})
        return len(pdf.pages), bottom, rules


@pytest.mark.parametrize("name", [*ISSUED_PAGES, "full"])
def test_libreoffice_draws_the_rule_under_the_plenary_lines_on_their_page(built, name):
    """The plenary lines end LibreOffice's last page (old, "full": page 3 held the rule alone, 3
    pages of our PDF's 2), and the rule is drawn under them, 72 pt wide and centred on the text
    block, as far under the date as ours (old: 35.2 pt under the date's glyphs, not 31.4)."""
    f = built[name]
    lo_pages, lo_date, lo_rules = _last_page(f["lo"])
    pdf_pages, pdf_date, pdf_rules = _last_page(f["pdf"])
    assert lo_pages == pdf_pages == ISSUED_PAGES.get(name, 2)
    assert lo_date > 0, "no body text on LibreOffice's last page"
    assert len(lo_rules) == 1 and len(pdf_rules) >= 1, (lo_rules, pdf_rules)
    y, x0, x1 = lo_rules[0]
    assert x1 - x0 == pytest.approx(72, abs=1)
    assert (x0 + x1) / 2 == pytest.approx(TEXT_CENTRE, abs=1)
    assert y - lo_date == pytest.approx(pdf_rules[0][0] - pdf_date + GLYPHS_HIGHER, abs=1)


def test_the_rule_is_a_shape_of_the_last_paragraph_not_a_paragraph(built):
    """No paragraph of its own: the plenary lines, the body's last paragraph, carry a line shape
    that wraps no text, placed from their last line; pandoc still reads the DOCX's text."""
    body = etree.fromstring(zipfile.ZipFile(built["A_RES_80_115"]["docx"]).read("word/document.xml")).find(W + "body")
    paragraphs = list(body.iter(W + "p"))
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in paragraphs]
    names = [s.get(W + "val") if s is not None else "" for s in styles]
    assert "UNEndRule" not in names
    assert names[-1] == "UNPlenary"
    anchors = list(paragraphs[-1].iter(WP + "anchor"))
    assert len(anchors) == 1 and anchors[0].find(WP + "wrapNone") is not None
    assert anchors[0].find(WP + "positionV").get("relativeFrom") == "line"
    text = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(built["A_RES_80_115"]["docx"])],
                          check=True, capture_output=True, text=True, timeout=120).stdout
    assert text.rstrip().endswith("61st plenary meeting\n12 December 2025")
