"""A/RES/80/243 whole (tests/corpus/A_RES_80_243.txt, 22 issued pages): what unres did not
handle in it, checked where a reader sees it (issue 15).

* notes "Ibid." under different numbers (44–47 after 43, 50–55 after 49) were merged into one
  note by their text, so the notes after 44 were numbered wrongly;
* the "Total new posts  3" rows of its staffing tables put the figure under "Title of post";
* the office headings among the paragraphs of section XVII ("Office of the Special Envoy of the
  Secretary-General for Syria") were joined to the paragraph before;
* the line under the tables ("Abbreviations: GS (OL), …") was left out (then kept as an
  unnumbered paragraph with a warning; now the table's note, tests/test_table_notes.py);
* the modern-style PDF printed the numbers "8." (section I) and "22." (section XII) alone on a
  line, their text on the next (WeasyPrint broke after the number's inline block).

The same resolution as its PDF's text layer (tests/import/A_RES_80_243_pymupdf.txt, saved as
stored) prints the staffing tables one cell a line, their empty cells as blank lines: they were
kept as text (a heading and four unnumbered paragraphs, one warning) and are now read as the tables the
corpus text's rows give.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

TEXT = ROOT / "tests" / "corpus" / "A_RES_80_243.txt"


def _import(path: Path):
    return convert(read_input(str(path)), str(path))


def _build(result, tmp_path_factory, name: str, formats: tuple[str, ...]) -> list[Path]:
    """``unres build`` of what the import gave (its source as ``unres import`` writes it)."""
    out = tmp_path_factory.mktemp(name)
    src = out / "A_RES_80_243.yaml"
    src.write_text(result.yaml, encoding="utf-8")
    return build_file(src, out / "out", formats)


@pytest.fixture(scope="module")
def imported():
    return _import(TEXT)


@pytest.fixture(scope="module")
def files(imported, tmp_path_factory):
    return {p.suffix: p for p in _build(imported, tmp_path_factory, "a_res_80_243", ("pdf", "html"))}


@pytest.fixture(scope="module")
def built(files):
    pages = subprocess.run(["pdftotext", "-layout", str(files[".pdf"]), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    return pages, lxml.html.fromstring(files[".html"].read_bytes())


def _squashed(page: str) -> str:
    return re.sub(r"\s+", "", page)


def test_ibid_notes_under_different_numbers_are_different_notes(imported, built):
    notes = imported.source.data["footnotes"]
    assert len(notes) == 57  # as issued: one note a number
    assert sum(1 for t in notes.values() if t == "Ibid.") == 10
    pages, _ = built
    # section XVII's notes 46 and 48 print under their own numbers (kerned, note 48 stands on the
    # page after the Yemen paragraphs' page; before, on the same page)
    printed = "".join(_squashed(p) for p in pages)
    assert "46Ibid." in _squashed(next(p for p in pages if "for Yemen" in p))
    assert "46Ibid." in printed and "48A/80/7/Add.12." in printed
    assert "57A/80/7/Add.16." in printed  # the last note (kerned, on p. 21 of 22; before, on p. 22)


def test_a_total_row_has_its_figure_under_the_last_column(imported, built):
    ops = imported.source.data["operative"]
    tables = [x["table"] for x in ops if isinstance(x, dict) and "table" in x]
    assert [t["caption"] for t in tables] == ["A. Pension Administration", "B. Office of Investment Management"]
    assert tables[0]["rows"][3] == ["Total new posts", "", "", "3"]
    assert not [w for w in imported.warnings if "table row" in w.message]
    _, html = built
    row = next(tr for tr in html.xpath("//table//tr") if "Total new posts" in tr.text_content())
    assert [td.text_content().strip() for td in row.xpath("./td|./th")] == ["Total new posts", "", "", "3"]


def test_headings_among_operative_paragraphs_are_headings(imported, built):
    ops = imported.source.data["operative"]
    headings = [x["heading"] for x in ops if isinstance(x, dict) and "heading" in x]
    assert headings[0] == "Office of the Special Envoy of the Secretary-General for Syria"
    assert len(headings) == 11
    pages, _ = built
    page = next(p for p in pages if "for Syria" in p)
    lines = [x.strip() for x in page.splitlines() if x.strip()]
    at = lines.index("Office of the Special Envoy of the Secretary-General for Syria")
    assert lines[at - 1].endswith("months;")  # paragraph 7 ends before it
    assert lines[at + 1].startswith("8.")  # the numbering goes on after it


def test_the_line_under_a_table_is_kept_as_the_tables_note(imported, built):
    ops = imported.source.data["operative"]
    table = [x["table"] for x in ops if isinstance(x, dict) and "table" in x][-1]
    assert table["notes"][0].startswith("Abbreviations: GS (OL), General Service (Other level);")
    assert not [w for w in imported.warnings if "Abbreviations" in w.message]
    pages, html = built
    assert any("Abbreviations: GS (OL), General Service (Other level);" in p for p in pages)
    assert html.xpath("//table[@aria-describedby]/following-sibling::div[@class='table-notes']")


def test_a_short_aligned_table_row_keeps_its_figures_right(tmp_path: Path):
    """The same in any issued text: the figures of a row shorter than the header stay in the last
    columns, the name in the first."""
    text = "\n".join([
        "United Nations", "General Assembly", "A/RES/80/999", "Distr.: General", "1 January 2026",
        "Eightieth session", "Agenda item 1", "Title",
        "Resolution adopted by the General Assembly on 1 January 2026",
        "[without reference to a Main Committee (A/80/L.99)]", "80/999. A title", "",
        "The General Assembly,", "", "1. Approves the posts below:", "",
        "Posts", "Office  Grade  Number", "Geneva  P-4  1", "Nairobi  P-3  2", "Total  3", "",
        "2. Decides to remain seized of the matter.", "", "1st plenary meeting", "1 January 2026", ""])
    path = tmp_path / "A_RES_80_999.txt"
    path.write_text(text, encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    table = next(x["table"] for x in imported.source.data["operative"] if isinstance(x, dict))
    assert table["rows"] == [["Geneva", "P-4", "1"], ["Nairobi", "P-3", "2"], ["Total", "", "3"]]


def _lines(page) -> list[list[dict]]:
    """The words of a pdfplumber page grouped into printed lines (same top)."""
    lines: list[list[dict]] = []
    for w in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 1:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def test_a_paragraph_number_shares_its_line_with_its_text(imported, files):
    """Every numbered paragraph's number is followed on its line by its first words, at the tab
    (23.8 pt on); 80/243's paragraphs 8 and 22 printed the number alone."""
    assert imported.source.data["style"] == "modern"
    with pdfplumber.open(files[".pdf"]) as pdf:
        lines = [line for page in pdf.pages for line in _lines(page)]
    numbered = [line for line in lines if re.fullmatch(r"\d{1,3}\.", line[0]["text"])
                and 146 < line[0]["x0"] < 148]
    assert len(numbered) > 150
    alone = [line[0]["text"] for line in numbered if len(line) == 1]
    assert alone == []
    for line in numbered:
        assert line[1]["x0"] - line[0]["x0"] == pytest.approx(23.8, abs=0.05), line[0]["text"]
    texts = [" ".join(w["text"] for w in line) for line in numbered]
    assert any(t.startswith("22. Authorizes the Pension Board") for t in texts)
    assert any(t.startswith("8. Welcomes the intention of the Royal Government") for t in texts)


# -- the same resolution as its PDF's text layer prints it ------------------------------------------

LAYER = ROOT / "tests" / "import" / "A_RES_80_243_pymupdf.txt"
HEADER = ["Action", "Title of post", "Category/level", "Number"]
REDEPLOYMENT = ("Redeployment from Strategic Management Office (programme of work) to Business Support "
                "Section (programme support)")


@pytest.fixture(scope="module")
def layer():
    return _import(LAYER)


@pytest.fixture(scope="module")
def layer_pdf(layer, tmp_path_factory):
    return _build(layer, tmp_path_factory, "a_res_80_243_layer", ("pdf",))[0]


def _tables(data) -> list[dict]:
    return [x["table"] for x in data["operative"] if isinstance(x, dict) and "table" in x]


def test_the_text_layers_staffing_tables_are_tables(layer, imported):
    """The text layer (wannli/un-docs-downloader@3be1f80 data/extracted/A_RES_80_243.json, saved as
    stored) prints paragraph 17's two staffing tables one cell a line, the empty cells of the
    "Total new posts" rows as blank lines and the redeployments' action over three lines. They
    are read as the tables the corpus text's rows give (written one row a line by hand), with no
    warning; before, their words were unnumbered paragraphs and a heading, with a warning."""
    assert [f"{d.line}: {d.message}" for d in layer.warnings] == []
    tables = _tables(layer.source.data)
    assert len(tables) == 2
    assert [t["caption"] for t in tables] == ["A. Pension Administration", "B. Office of Investment Management"]
    assert [t["header"] for t in tables] == [HEADER, HEADER]
    assert [len(t["rows"]) for t in tables] == [8, 10]
    a, b = (t["rows"] for t in tables)
    assert a[0] == ["Establishment", "Legal Officer", "P-4", "1"]
    assert a[3] == b[3] == ["Total new posts", "", "", "3"]
    assert b[0] == ["Establishment", "Principal Legal Officer", "D-1", "1"]
    assert b[8] == [REDEPLOYMENT, "Associate Human Resources Officer", "P-2/1", "1"]
    assert b[9] == [REDEPLOYMENT, "Senior Human Resources Assistant", "GS (PL)", "2"]
    assert tables[1]["notes"][0].startswith("Abbreviations: GS (OL)")
    assert tables == _tables(imported.source.data)  # as the corpus text's rows


def test_the_text_layers_tables_print_their_figures_in_their_rows(layer, layer_pdf):
    """The modern PDF built from the text layer's import: each row's cells on one printed line
    (its last line where a cell wraps), left to right as issued, the figure in the Number column;
    every issued word in order."""
    with pdfplumber.open(layer_pdf) as pdf:
        lines = [line for page in pdf.pages for line in _lines(page)]
    texts = [" ".join(w["text"] for w in line) for line in lines]
    assert texts.count("Action Title of post Category/level Number") == 2
    assert "Establishment Legal Officer P-4 1" in texts
    assert "Establishment Senior Legal Officer P-5 1" in texts
    assert "Reclassification Senior Programme Management Assistant GS (PL) 1" in texts
    assert texts.count("Total new posts 3") == 2
    assert any(t.endswith("Resources Officer P-2/1 1") for t in texts)  # "Associate Human" on the line above
    assert any(t.endswith("Resources Assistant GS (PL) 2") for t in texts)
    total = next(line for line in lines if line[0]["text"] == "Total")
    assert total[-1]["text"] == "3" and total[-1]["x0"] - total[2]["x1"] > 150  # in the Number column
    issued = corpus.read_issued(LAYER)
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(layer_pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert corpus.in_order(corpus.words(issued.body), corpus.words(raw)) == 1.0
