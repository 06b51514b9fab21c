"""A heading and a "* * *" line among the preambular paragraphs, as A/RES/80/131 prints them (issue 15).

The input is the whole issued text, ``tests/corpus/A_RES_80_131.txt`` (its INDEX row says where it
comes from): after the ninth preambular paragraph the heading "Countries in special situations",
three paragraphs under it, then a line "* * *" and the rest of the preamble. The source format has
no heading in the preamble and no separator line: both are kept as preambular paragraphs, each
with a warning at its line, and printed where the issued text has them (the "* * *" line was read
as a page break and left out without a word; the heading was kept without a warning).
"""

from __future__ import annotations

import io

import pdfplumber
from conftest import ROOT
from docx import Document as Docx
from lxml import html as lhtml

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

TEXT = ROOT / "tests" / "corpus" / "A_RES_80_131.txt"
BEFORE = "multimodal transport and economic corridors,"
AFTER = "Recognizing the important role of energy transportation hubs"


def _imported():
    return convert(read_input(str(TEXT)), str(TEXT))


def test_heading_and_separator_are_kept_with_a_warning_at_their_lines():
    imported = _imported()
    lines = TEXT.read_text(encoding="utf-8").split("\n")
    warned = {d.line: d.message for d in imported.warnings if d.line > 1}
    assert lines[34] == "Countries in special situations" and lines[42] == "* * *"
    assert set(warned) == {35, 43}
    assert warned[35].startswith("a heading among the preambular paragraphs; kept as a preambular paragraph")
    assert warned[43].startswith("a separator line '* * *'; kept as a paragraph of its own")
    preamble = imported.source.data["preamble"]
    at = preamble.index("Countries in special situations")
    assert at == 9 and preamble[at + 4] == r"\* \* \*"
    assert preamble[at + 3].endswith(BEFORE) and preamble[at + 5].startswith(AFTER)


def test_the_separator_line_is_printed_between_its_paragraphs(tmp_path):
    src = tmp_path / "A_RES_80_131.yaml"
    src.write_text(_imported().yaml, encoding="utf-8")
    for style in ("modern", "1998"):
        pdf, page_html, docx = build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)
        with pdfplumber.open(pdf) as doc:
            text = " ".join(" ".join((page.extract_text() or "").split()) for page in doc.pages)
        flat = text.replace(" ", "")
        assert flat.index(BEFORE.replace(" ", "")) < flat.index("***" + AFTER.replace(" ", "")), style
        assert "Countries in special situations Underlining that" in text
        paras = [" ".join(p.text_content().split()) for p in lhtml.fromstring(page_html.read_bytes()).iter("p")]
        at = paras.index("* * *")
        assert paras[at - 1].endswith(BEFORE) and paras[at + 1].startswith(AFTER)
        assert "Countries in special situations" in paras
        body = [p.text for p in Docx(io.BytesIO(docx.read_bytes())).paragraphs]
        at = body.index("* * *")
        assert body[at - 1].endswith(BEFORE) and body[at + 1].startswith(AFTER)
