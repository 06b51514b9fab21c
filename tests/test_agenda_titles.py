"""The masthead's agenda item titles, modern style (docs/layout.md, "The masthead's agenda column").

A/RES/80/108 (tests/corpus/A_RES_80_108.txt, tests/layout/issued/A_RES_80_108.txt) is on agenda
items 13 and 75: the importer gives each item's title (a list), and the page prints each title on
its own lines, a blank line between them, as issued: "Integrated and coordinated implementation
of and follow-up / to the outcomes of the major United Nations conferences and / summits in the
economic, social and related fields / (blank) / Oceans and the law of the sea". Before, the two
titles were one ("... related fields Oceans and the law of the sea") and the column of 270 pt
broke "follow-" / "up" (four lines to Word's three, 80/108 and 80/115).
"""

from __future__ import annotations

import zipfile

import pdfplumber
import pytest
import yaml
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

SOURCE = ROOT / "tests" / "corpus" / "A_RES_80_108.txt"
TITLES = ["Integrated and coordinated implementation of and follow-up to the outcomes of the major "
          "United Nations conferences and summits in the economic, social and related fields",
          "Oceans and the law of the sea"]
ISSUED = ["Integrated and coordinated implementation of and follow-up",
          "to the outcomes of the major United Nations conferences and",
          "summits in the economic, social and related fields",
          "Oceans and the law of the sea"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("agenda_titles")
    imported = convert(read_input(str(SOURCE)), str(SOURCE))
    src = out / "A_RES_80_108.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    files = {p.suffix: p for p in build_file(src, out, ("pdf", "html", "docx"), "modern", None)}
    return yaml.safe_load(imported.yaml), files


def test_import_gives_each_items_title(built):
    data, _ = built
    assert data["agenda"] == [13, 75]
    assert data["agenda_title"] == TITLES


def test_pdf_masthead_lines_as_issued(built):
    _, files = built
    with pdfplumber.open(files[".pdf"]) as pdf:
        lines = [ln for ln in pdf.pages[0].extract_text_lines() if ln["x0"] < 62 and 200 < ln["top"] < 330]
    texts = [ln["text"] for ln in lines]
    assert texts[:2] == ["Eightieth session", "Agenda items 13 and 75"]
    assert texts[2:] == ISSUED  # old: "... of and follow-" / "up to the outcomes ..." and one title
    tops = [ln["top"] for ln in lines]
    assert tops[2] - tops[1] == pytest.approx(12, abs=0.6)  # the first title right under the agenda line
    assert tops[5] - tops[4] == pytest.approx(24, abs=0.6)  # a blank line between the two titles


def test_html_and_docx_keep_the_titles_apart(built):
    _, files = built
    html = files[".html"].read_text(encoding="utf-8")
    start = html.index('class="agenda-title"')
    title = html[start:html.index("</p>", start)]
    assert "related fields<br><br>Oceans" in title.replace("<br/>", "<br>").replace("\n", "")
    with zipfile.ZipFile(files[".docx"]) as z:
        doc = z.read("word/document.xml").decode()
    at = doc.index("Agenda items 13 and 75")
    para = doc[at:doc.index("</w:p>", at)]
    assert para.count("<w:br/>") == 3, para  # after the agenda line, then a blank line between the titles
    assert para.index("related fields") < para.index("Oceans and the law")


@pytest.fixture(scope="module")
def docx_pdf(built, office, tmp_path_factory):
    """The DOCX as LibreOffice lays it out (conftest ``office``)."""
    _, files = built
    out = tmp_path_factory.mktemp("agenda_titles_lo")
    office.convert(files[".docx"], "pdf", out)
    return out / (files[".docx"].stem + ".pdf")


def test_docx_agenda_column_as_issued(docx_pdf):
    # The DOCX's "UN Agenda" is the PDF's 279.5 pt column (styles.yaml `width`); before it ran to the
    # text block's right edge and the first title took two lines, to the issued three. LibreOffice
    # sets the nominal advances, narrower than the issued Word's glyphs (which the PDF's letter
    # spacing follows), so its first line takes one word more than issued ("... follow-up to"):
    # the lines are counted, and each line's last word is the issued line's or the next word.
    with pdfplumber.open(docx_pdf) as pdf:
        page = pdf.pages[0]
        lines = [ln for ln in page.extract_text_lines() if ln["x0"] < 62 and 200 < ln["top"] < 360]
    texts = [ln["text"] for ln in lines]
    start = texts.index("Agenda items 13 and 75")
    titles = lines[start + 1:]
    assert [ln["text"] for ln in titles][-1] == ISSUED[-1]
    assert len(titles) == len(ISSUED), texts
    assert " ".join(ln["text"] for ln in titles).split() == " ".join(ISSUED).split()
    ours_end = issued_end = 0
    for ours, issued in zip(titles[:3], ISSUED[:3]):
        ours_end += len(ours["text"].split())
        issued_end += len(issued.split())
        assert ours_end - issued_end in (0, 1), (ours["text"], issued)
    assert max(ln["x1"] for ln in titles) < 60 + 279.5
    assert titles[-1]["top"] - titles[-2]["top"] > 20  # a blank line between the two titles


def test_docx_title_as_wide_as_the_text_block(docx_pdf, built):
    # "UN Title" spans the text block to x 488.4, as the PDF's .title; with its old 110 pt right
    # indent the title broke a line earlier than the PDF's.
    _, files = built
    with pdfplumber.open(files[".pdf"]) as pdf:
        ours = _title_lines(pdf.pages[0])
    with pdfplumber.open(docx_pdf) as pdf:
        office = _title_lines(pdf.pages[0])
    # LibreOffice's narrower advances (above): each line ends at the PDF's last word or the next one
    assert len(office) == len(ours) > 1, (office, ours)
    assert all(0 <= a - b <= 1 for a, b in zip(_ends(office), _ends(ours))), (office, ours)


def _ends(lines: list[str]) -> list[int]:
    """Where each line ends, counted in words from the title's start (a tab-joined number counted apart)."""
    ends, count = [], 0
    for line in lines:
        count += len(line.replace(".", ". ").split())
        ends.append(count)
    return ends


def _title_lines(page) -> list[str]:
    """The title's lines: the bold 12 pt lines under the masthead."""
    words = [w for w in page.extract_words(extra_attrs=["size", "fontname"])
             if 11.5 < w["size"] < 12.5 and "Bold" in w["fontname"] and w["top"] > 300]
    rows: dict[int, list[str]] = {}
    for w in words:
        rows.setdefault(round(w["top"]), []).append(w["text"])
    return [" ".join(rows[k]) for k in sorted(rows)]
