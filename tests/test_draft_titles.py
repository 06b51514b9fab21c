"""A draft's unnumbered title stands in the heading's column, as issued: from the sponsor line's
left edge (x 123.4) to the text block's right edge (488.4), so its lines break where the issued
drafts' break. tests/import/drafts/ holds the PDF text layers of issued drafts of the 80th session
(tests/import/README.md); their title lines are the lines between the sponsor line and "The General
Assembly". Before, the PDF set the title 63.4 pt further in (x 186.8, a 302 pt column) and the DOCX
ended it 110 pt from the right margin: A/80/L.10, A/C.1/80/L.10, A/C.2/80/L.10 and A/C.6/80/L.10
broke a word or more early ("… through sport" / "and the Olympic ideal", issued "… through sport
and the" / "Olympic ideal").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from lxml import etree

from pipeline.app.build import load_document
from pipeline.importer.convert import convert, read_input
from pipeline.writers import pdf
from pipeline.writers.docx import render as docx_render

DRAFTS = ROOT / "tests" / "import" / "drafts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _issued_title(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines()]
    start = next(i for i, ln in enumerate(lines) if re.search(r"(?i)draft (?:resolution|decision)$", ln))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("The General Assembly"))
    return [ln for ln in lines[start + 1:end] if ln]


def _drafts() -> list[Path]:
    """The issued drafts: a made-up input (its header says "MADE UP") has no issued title lines."""
    return [p for p in sorted(DRAFTS.glob("*.txt"))
            if re.search(r"(?i)draft (?:resolution|decision)\s*$", p.read_text(encoding="utf-8"), re.M)
            and "MADE UP" not in p.read_text(encoding="utf-8").splitlines()[0]]


def _document(path: Path, tmp_path: Path):
    imported = convert(read_input(str(path)), str(path))
    src = tmp_path / f"{path.stem}.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    return load_document(src, "modern")


@pytest.mark.parametrize("path", _drafts(), ids=lambda p: p.stem)
def test_the_title_breaks_as_issued(path, tmp_path):
    issued = _issued_title(path.read_text(encoding="utf-8"))
    data = pdf.render(_document(path, tmp_path), variant=None)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        lines = [ln for ln in doc.pages[0].extract_text_lines(return_chars=True)
                 if ln["chars"][0]["size"] > 11 and 200 < ln["top"] < 600]
    assert [ln["text"] for ln in lines] == issued
    assert {round(ln["x0"], 1) for ln in lines} == {123.4}
    assert max(ln["x1"] for ln in lines) <= 488.4 + 0.5


def test_the_docx_title_has_the_same_column(tmp_path):
    doc = _document(DRAFTS / "A_80_L.10.txt", tmp_path)
    with zipfile.ZipFile(io.BytesIO(docx_render(doc))) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    style = next(s for s in styles.iter(f"{{{W}}}style")
                 if s.find(f"{{{W}}}name").get(f"{{{W}}}val") == "UN Draft Title")
    ind = style.find(f".//{{{W}}}ind")
    # twentieths of a point from the 60 pt margins: 63.4 pt in (x 123.4), 63.6 pt from the right (488.4)
    assert (ind.get(f"{{{W}}}left"), ind.get(f"{{{W}}}right")) == ("1268", "1272")
