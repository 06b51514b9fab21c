"""Tables and quoted blocks as issued texts print them, imported and built (issue 15).

Inputs (tests/import/README.md says where each comes from; only real issued text):
``excerpts/A_RES_46_221_table.txt`` — the beginning of A/RES/46/221 (scale of assessments, 1991) as the
UN's own web page prints it: paragraph 1 and the scale in aligned columns with leader dots;
``A_RES_V_475_quote.md`` — resolution 475 (V) (1950), a new rule of procedure quoted after
"worded as follows:", each quoted paragraph opening with a quotation mark.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from docx import Document as Docx
from lxml import html as lhtml

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input
from pipeline.importer.reading import Line
from pipeline.importer.structure import _aligned, _stacked_table
from pipeline.source.emit import dump, ordered

INPUTS = ROOT / "tests" / "import"
TABLE = INPUTS / "excerpts" / "A_RES_46_221_table.txt"
QUOTE = INPUTS / "A_RES_V_475_quote.md"
SCALE = [("Afghanistan", "0.01"), ("Albania", "0.01"), ("Algeria", "0.16"), ("Angola", "0.01"),
         ("Antigua and Barbuda", "0.01"), ("Argentina", "0.57"), ("Australia", "1.51")]


def _words(text: str) -> list[str]:
    """The words of ``text``, without the punctuation around them."""
    return [w for w in (t.strip(".,;:“”\"'") for t in text.split()) if w]


def _in_order(expected: list[str], got: list[str]) -> bool:
    it = iter(got)
    return all(any(g == w for g in it) for w in expected)


def _edited_46_221(tmp_path: Path) -> Path:
    """The import of 46/221, with the two edits its warnings ask for: the excerpt ends inside
    part A (no plenary line after it, so one body instead of a part), and the plenary line the
    1991 page prints at its top (79th plenary meeting, 20 December 1991) as ``adopted:``."""
    data = dict(convert(read_input(str(TABLE)), str(TABLE)).source.data)
    data.update(data.pop("parts")[0])
    data["adopted"] = {"meeting": 79, "date": dt.date(1991, 12, 20)}
    path = tmp_path / "A_RES_46_221.yaml"
    path.write_text(dump(ordered(data)), encoding="utf-8")
    return path


def test_aligned_columns_are_a_table_in_the_source():
    imported = convert(read_input(str(TABLE)), str(TABLE))
    operative = imported.source.data["parts"][0]["operative"]
    assert operative[0].endswith("as requested in resolution 46/221 B below:")
    assert operative[1] == {"table": {"header": ["Member State", "Per cent"], "rows": [list(r) for r in SCALE]}}
    lines = TABLE.read_text(encoding="utf-8").split("\n")
    assert lines[imported.read.line(("parts", 0, "operative", 1)) - 1].split() == ["Member", "State", "Per", "cent"]
    assert not any("table" in d.message or "columns" in d.message for d in imported.warnings)


def test_aligned_columns_need_figures_and_the_header_width():
    """Text with wide gaps that is no table stays text; a wrapped name joins its row; a caption
    line above the header is the caption (rows from 46/221, the wrap and caption are the
    parts of the page's own lines)."""
    rows = ["      Afghanistan ........................................    0.01",
            "      Albania ............................................    0.01"]
    header = "      Member State                                         Per cent"
    assert _aligned([header, *rows]) == {"header": ["Member State", "Per cent"],
                                         "rows": [["Afghanistan", "0.01"], ["Albania", "0.01"]]}
    wrapped = ["      Antigua and", "           Barbuda ....................................    0.01"]
    assert _aligned([header, *wrapped])["rows"] == [["Antigua and Barbuda", "0.01"]]
    assert _aligned([header, "      Algeria ......   Angola"]) is None  # no figure in the last cell
    assert _aligned(["      Member State", *rows]) is None  # one header cell
    assert _aligned(["      Per cent", header, *rows])["caption"] == "Per cent"
    assert _aligned(["      1.    Resolves that the scale of assessments for the contributions of",
                     "Member States to the regular budget of the United Nations for the years 1992,"]) is None


def test_a_table_where_none_can_stand_is_kept_as_a_paragraph_with_a_warning():
    text = TABLE.read_text(encoding="utf-8")
    table = text[text.index("      Member State"):]
    moved = text.replace(table, "").replace("      Bearing in mind", table + " \n      Bearing in mind")
    imported = convert(moved, "moved.txt")
    at = moved.split("\n").index(table.split("\n")[0]) + 1
    assert (at, "aligned columns (a table?) where no table can stand; kept as a paragraph") in [
        (d.line, d.message) for d in imported.warnings]
    preamble = imported.source.data["parts"][0]["preamble"]
    assert any("Afghanistan" in p and "1.51" in p for p in preamble)


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_table_built_holds_its_cells_where_a_reader_sees_them(tmp_path, style):
    src = _edited_46_221(tmp_path)
    pdf, page_html, docx = build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)
    expected = _words(" ".join(["Member State Per cent", *(f"{n} {f}" for n, f in SCALE)]))
    tree = lhtml.fromstring(page_html.read_bytes())
    table = tree.xpath("//table")[0]
    cells = [[" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")] for tr in table.xpath(".//tr")]
    assert cells == [["Member State", "Per cent"], *[list(r) for r in SCALE]]
    assert table.xpath(".//thead//th[@scope='col']") and len(table.xpath(".//tbody//th[@scope='row']")) == 7
    word = Docx(io.BytesIO(docx.read_bytes())).tables[0]
    assert [[c.text for c in r.cells] for r in word.rows] == cells
    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words()]
    text = [w["text"] for w in words]
    body = _words(read_input(str(TABLE)).split("46/221.", 1)[1])
    # the part letter A is left out with the part; the excerpt's one operative paragraph prints
    # unnumbered, as a lone operative paragraph does (the issued 1. had more after it)
    body.remove("A")
    body.remove("1")
    assert _in_order(body, _words(" ".join(text)))
    assert _in_order(expected, _words(" ".join(text)))
    ends = []
    for name, figure in SCALE:
        first = next(w for w in words if w["text"] == name.split()[0])
        fig = [w for w in words if w["text"] == figure and abs(w["top"] - first["top"]) < 2]
        assert fig and fig[0]["x0"] > first["x1"] + 20, f"{name}: its figure is not on its line, right of it"
        ends.append(fig[0]["x1"])
    assert max(ends) - min(ends) < 1.0  # a column of figures is set right


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_a_quoted_rule_is_a_quoted_block_built_in_order(tmp_path, style):
    imported = convert(read_input(str(QUOTE)), str(QUOTE))
    first = imported.source.data["operative"][0]
    assert first["text"].endswith("a new rule 84 (a) worded as follows:")
    assert first["quote"][0] == '"New rule 84 (a)'
    assert first["quote"][1].startswith('"Decisions of the General Assembly') and first["quote"][1].endswith('.";')
    assert imported.source.data["operative"][1].startswith("Resolves that this new rule")
    assert imported.source.data["title"].startswith("Majority required for the adoption")  # "475." printed from the symbol
    src = tmp_path / "quote.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    pdf, page_html, docx = build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)
    quote = lhtml.fromstring(page_html.read_bytes()).xpath("//blockquote")
    assert [" ".join(p.text_content().split()) for p in quote[0].xpath(".//p")] == first["quote"]
    styles = [(p.style.name, p.text) for p in Docx(io.BytesIO(docx.read_bytes())).paragraphs]
    assert [t for s, t in styles if s == "UN Quote"] == first["quote"]
    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words()]
    body = _words(read_input(str(QUOTE)).split("\n\nThe General Assembly", 1)[1].split("[^1]:")[0].replace("[^1]", "1"))  # the call is printed after its word: "report1"
    assert _in_order(body, _words(" ".join(w["text"] for w in words)))
    tops = {k: next(w["top"] for w in words if w["text"] == k) for k in ("Considering", '"New', 'voting.";')}
    body = min(w["x0"] for w in words if tops["Considering"] <= w["top"] < tops['"New'])
    quote_left = min(w["x0"] for w in words if tops['"New'] <= w["top"] <= tops['voting.";'])
    assert quote_left > body + 10  # the quoted block is indented from the body's left edge


def _numbered_lines(cells: list[str | None]) -> list[Line]:
    """Lines as the reader gives them, ``None`` a blank line (a gap in the line numbers)."""
    return [Line(no, text) for no, text in enumerate(cells, 1) if text is not None]


def test_a_table_of_posts_by_grade_printed_one_cell_a_line():
    """The staffing tables of budget resolutions also print posts by grade, a column a grade,
    as a PDF's text layer gives them one cell a line (constructed in A/RES/80/243's layout, not
    an issued table): a caption, then the header (office, grades, total), rows of a name and
    a figure for each grade, "–" or an empty cell (a blank line) where there is none, a name over
    two lines where it visibly runs on, a total row. Read with the width of the first row's figures."""
    lines = _numbered_lines([
        "Proposed posts by grade", None, "Office", "D-1", "P-5", "P-4", "Total",
        "Office of the Special Envoy for", "the Horn of Africa", "1", None, "2", "3",
        "Panel of Experts on Haiti", "–", "1", "–", "1",
        "Total", "1", "1", "2", "4",
        None, "18. Also approves the estimates of 168,460,000 dollars for the administration"])
    table, end = _stacked_table(lines)
    assert table == {"caption": "Proposed posts by grade", "header": ["Office", "D-1", "P-5", "P-4", "Total"],
                     "rows": [["Office of the Special Envoy for the Horn of Africa", "1", "", "2", "3"],
                              ["Panel of Experts on Haiti", "–", "1", "–", "1"],
                              ["Total", "1", "1", "2", "4"]]}
    assert lines[end].text.startswith("18. Also approves")  # the table ends at its last row
    # a name over two lines that does not visibly run on is two names: a row without its figures
    run_together = [*lines[:6], Line(8, "Office of the Special Envoy"), Line(9, "Horn of Africa"), *lines[8:]]
    assert _stacked_table(run_together) is None
