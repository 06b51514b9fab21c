"""Tables, quoted blocks and sub-paragraphs four deep, as issued texts print them.

Read as a reader gets them: the model's labels and cells, the HTML's table semantics (th scope,
caption, figures right), the PDF's words in order and positions (pdfplumber: the quote indented,
each level further in, the column heads at the top of every page a long table runs onto), the
redline of a changed cell and a changed quote. The DOCX side (a real Word table whose header row
repeats, LibreOffice's rendering of it) is in tests/test_docx.py, with the one LibreOffice run.
"""

from __future__ import annotations

import io
import json

import html5lib
import pdfplumber
import pytest
from conftest import unres
from support.redlines import tables_new_text
from support.structures import ROWS, TABLES, long_table_source

from pipeline.model import Changed, ChangedBlock, Para, Table, plain_text
from pipeline.source import load
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build
from pipeline.writers.html.writer import render_html
from pipeline.writers.pdf.writer import render as render_pdf

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def doc():
    return build(load(TABLES))


@pytest.fixture(scope="module", params=["modern", "1998"])
def pdf(request):
    data = render_pdf(build(load(TABLES), style=request.param))
    with pdfplumber.open(io.BytesIO(data)) as opened:
        yield opened


def _paras(doc) -> list[Para]:
    out: list[Para] = []

    def walk(ps) -> None:
        for p in ps:
            if isinstance(p, Para):
                out.append(p)
                walk(p.children)

    walk(doc.parts[0].operative)
    return out


# -- the format and the model -----------------------------------------------------------------
def test_schema_says_four_levels_tables_and_quotes():
    schema = json.loads(unres("schema").stdout)
    defs = schema["$defs"]
    assert [k for k in defs if k.startswith("item")] == ["item1", "item2", "item3", "item4"]
    deepest = defs["item4"]["oneOf"][1]["properties"]
    assert "items" not in deepest and "quote" in deepest
    table = next(o for o in defs["paragraph"]["oneOf"] if "table" in o.get("properties", {}))
    assert table["properties"]["table"]["required"] == ["header", "rows"]


def test_labels_run_a_i_a_dot_i_dot(doc):
    labels = [(p.level, p.label) for p in _paras(doc) if p.kind == "sub"]
    assert labels == [
        (1, "(a)"),
        (2, "(i)"),
        (3, "a."),
        (4, "i."),
        (4, "ii."),
        (3, "b."),
        (2, "(ii)"),
        (1, "(b)"),
    ]


def test_quote_and_table_in_the_model(doc):
    first = doc.parts[0].operative[0]
    assert isinstance(first, Para) and first.quote is not None
    assert [plain_text(q) for q in first.quote.paras][0] == "“Rule 160"
    blocks = doc.annexes[0].blocks
    table = blocks[1]
    assert isinstance(table, Table) and table.label is None
    assert [b.label for b in blocks] == ["1.", None, "2."]  # a table does not interrupt the numbering
    assert [plain_text(c) for c in table.header] == ["Member State", "2045", "2046", "2047"]
    assert table.numeric == (False, True, True, True)
    assert [plain_text(r[0]) for r in table.rows] == ["Afghanistan", "Albania", "Algeria", "Total"]
    assert any(n.key == "albania" for n in doc.notes)  # a note called from a cell


# -- HTML ---------------------------------------------------------------------------------------
def test_html_table_and_quote_semantics(doc):
    tree = html5lib.parse(render_html(doc, "screen"))
    table = tree.find(f".//{XHTML}table")
    assert table.get("class") == "data with-notes"  # its note "a Provisional rate, …" under it
    assert "".join(table.find(f"{XHTML}caption").itertext()) == "Rates of assessment (percentage)"
    heads = table.findall(f"{XHTML}thead/{XHTML}tr/{XHTML}th")
    assert [h.get("scope") for h in heads] == ["col"] * 4
    rows = table.findall(f"{XHTML}tbody/{XHTML}tr")
    assert len(rows) == 4 and all(r[0].tag == f"{XHTML}th" and r[0].get("scope") == "row" for r in rows)
    assert all(td.get("class") == "fig" for r in rows for td in r.findall(f"{XHTML}td"))
    call = rows[2].findall(f"{XHTML}td")[-1].find(f"{XHTML}a")  # "0.110" and its table note's call
    assert call.get("role") == "doc-noteref" and "".join(call.itertext()) == "a"
    quote = tree.find(f".//{XHTML}blockquote")
    assert [("".join(p.itertext())).split()[0] for p in quote.findall(f"{XHTML}p")] == ["“Rule", "The"]
    deepest = [li for li in tree.iter(f"{XHTML}li") if "level-4" in (li.get("class") or "")]
    assert [li.get("data-label") for li in deepest] == ["i.", "ii."]


# -- PDF ------------------------------------------------------------------------------------------
def _line_x(page, first_word: str) -> float:
    return next(w["x0"] for w in page.extract_words() if w["text"] == first_word)


def test_pdf_words_in_order_and_indents(pdf, request):
    page = pdf.pages[0]
    text = " ".join(w["text"] for p in pdf.pages for w in p.extract_words())
    order = [
        "follows:",
        "“Rule",
        "160",
        "The",
        "Committee",
        "reviewed:",
        "(a)",
        "(i)",
        "a.",
        "i.",
        "ii.",
        "b.",
        "(ii)",
        "(b)",
        "Member",
        "State",
        "2045",
        "Afghanistan",
        "0.006",
        "Total",
        "100.000",
        "rates",
    ]
    at = 0
    for word in order:
        at = text.index(word, at)
    body = _line_x(page, "Recalling")
    assert _line_x(page, "“Rule") > body - 1  # the quote is indented at least as far as the text
    xs = [_line_x(page, label) for label in ("(a)", "(i)", "a.", "i.")]
    if request.node.callspec.params["pdf"] == "modern":
        # (i) stands at (a)'s indent, its text and its other lines further in (docs/layout.md,
        # "Sub-items": Word's); the levels below each further in
        assert abs(xs[0] - xs[1]) < 0.5 and xs[1] < xs[2] < xs[3], xs
    else:
        assert xs == sorted(xs) and len(set(xs)) == 4  # each level further in


def test_pdf_figures_are_set_right(pdf):
    words = [w for p in pdf.pages for w in p.extract_words()]
    rights = {round(w["x1"]) for w in words if w["text"] in ("0.006", "0.008", "0.109", "100.000")}
    assert len(rights) <= 3 + 1  # one right edge per figures column (2045, 2046, 2047; ±1 pt)


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_long_table_repeats_its_column_heads_on_every_page(style):
    data = render_pdf(build(load("long.yaml", long_table_source()), style=style))
    with pdfplumber.open(io.BytesIO(data)) as opened:
        pages = [p.extract_text() or "" for p in opened.pages]
    spanned = [i for i, t in enumerate(pages) if "Member State 1" in t or "Member State 7" in t]
    assert len(spanned) >= 3
    for i in spanned:
        lines = pages[i].splitlines()
        head = next(k for k, line in enumerate(lines) if line.startswith("Member State 2045"))
        first_row = next(k for k, line in enumerate(lines) if line.startswith("Member State ") and k != head)
        assert head < first_row
    rows = [
        line
        for t in pages
        for line in t.splitlines()
        if line.startswith("Member State ") and "2045" not in line
    ]
    assert [int(line.split()[2]) for line in rows] == list(range(1, ROWS + 1))  # no row lost or split


# -- the redline ------------------------------------------------------------------------------------
def test_redline_of_a_changed_cell_and_a_changed_quote(doc):
    new = build(load("new.yaml", tables_new_text()))
    red = diff(doc, new)
    tables = [b for b in red.annexes[0].blocks if isinstance(b, ChangedBlock) and isinstance(b.node, Table)]
    assert [t.change for t in tables] == ["del", "ins"]
    assert not any(isinstance(b, Table) for b in red.annexes[0].blocks)  # its one table changed: no table unmarked
    quote = red.parts[0].operative[0].quote
    marked = [(r.node.text, r.change) for q in quote.paras for r in q if isinstance(r, Changed)]
    assert ("advise", "del") in [(t.strip(), c) for t, c in marked] and ("inform", "ins") in [
        (t.strip(), c) for t, c in marked
    ]
    texts = [e.text for e in red.redline.summary.entries]
    assert "Paragraph 1 changed" in texts and any(
        t.startswith("Table") and t.endswith("inserted") for t in texts
    )


# -- Akoma Ntoso ----------------------------------------------------------------------------------
def test_akn_has_the_table_and_the_quote_and_reads_them_back(doc):
    from lxml import etree

    from pipeline.importer.akn import read
    from pipeline.writers.akn import render as render_akn

    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    xml = render_akn(doc)
    root = etree.fromstring(xml)
    table = root.find(".//a:hcontainer[@name='table']/a:content/a:table", ns)
    assert "".join(table.find("a:caption", ns).itertext()) == "Rates of assessment (percentage)"
    rows = table.findall("a:tr", ns)
    assert [etree.QName(c).localname for c in rows[0]] == ["th"] * 4
    assert [etree.QName(c).localname for c in rows[1]] == ["th", "td", "td", "td"]
    quote = root.find(".//a:paragraph[@eId='op-1']//a:blockContainer[@class='quote']", ns)
    assert ["".join(p.itertext()) for p in quote.findall("a:p", ns)][0] == "“Rule 160"
    assert read(xml, "t.akn.xml") == load(TABLES).data
