"""A heading between the last preambular paragraph and paragraph 1 opens the operative part.

A/RES/80/11 ("2025 review of the United Nations peacebuilding architecture", 26 November 2025,
``tests/corpus/A_RES_80_11.txt``; its INDEX row says where it comes from) prints "Peacebuilding
Commission" after the preamble's last paragraph ("… at the field level,") and before "1. Reaffirms",
as it prints "Peacebuilding financing" before paragraph 13. The importer kept the first as a
preambular paragraph with a warning ("a heading among the preambular paragraphs"); it is the
operative part's first heading, printed where the issued text has it, without a warning.
"""

from __future__ import annotations

import io

import pdfplumber
from conftest import ROOT
from docx import Document as Docx
from lxml import html as lhtml

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

TEXT = ROOT / "tests" / "corpus" / "A_RES_80_11.txt"
LAST_PREAMBULAR = "at the field level,"


def _imported():
    return convert(read_input(str(TEXT)), str(TEXT))


def test_the_heading_before_paragraph_1_is_the_operative_parts_first():
    imported = _imported()
    assert [d.message for d in imported.warnings if d.line > 1] == []
    data = imported.source.data
    assert data["preamble"][-1].endswith(LAST_PREAMBULAR)
    headings = [p["heading"] for p in data["operative"] if isinstance(p, dict) and "heading" in p]
    assert data["operative"][0] == {"heading": "Peacebuilding Commission"}
    assert headings == ["Peacebuilding Commission", "Peacebuilding financing",
                        "Department of Political and Peacebuilding Affairs/Peacebuilding Support Office"]


def test_the_heading_is_printed_between_the_preamble_and_paragraph_1(tmp_path):
    src = tmp_path / "A_RES_80_11.yaml"
    src.write_text(_imported().yaml, encoding="utf-8")
    for style in ("modern", "1998"):
        pdf, page_html, docx = build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)
        with pdfplumber.open(pdf) as doc:
            lines = [" ".join(line.split()) for page in doc.pages for line in (page.extract_text() or "").split("\n")]
        at = lines.index("Peacebuilding Commission")
        assert lines[at - 1].endswith("field level,") and lines[at + 1].startswith("1. Reaffirms"), style
        tree = lhtml.fromstring(page_html.read_bytes())
        elements = list(tree.iter("p", "h2", "h3"))
        texts = [" ".join(e.text_content().split()) for e in elements]
        at = texts.index("Peacebuilding Commission")
        assert elements[at].tag == "h2", style  # a heading, as "Peacebuilding financing" is
        assert texts[at - 1].endswith(LAST_PREAMBULAR) and "Reaffirms all relevant" in texts[at + 1], style
        body = [p.text for p in Docx(io.BytesIO(docx.read_bytes())).paragraphs]
        at = body.index("Peacebuilding Commission")
        assert body[at - 1].endswith(LAST_PREAMBULAR) and "Reaffirms all relevant" in body[at + 1], style
