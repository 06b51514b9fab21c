"""The notes printed under a table (A/RES/80/243: "Abbreviations: GS (OL), General Service (Other
level); …" under its staffing table), a table's own in the source (``notes:``), the model and
every writer: PDF and HTML under the table in its type, DOCX paragraphs after it in the style
UN Table Note, Akoma Ntoso ``p class="tableNote"`` in the table's container; the redline marks
them with their table. The text importer fills them from the lines right after a table; before,
such a line became an unnumbered body paragraph with a warning.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from conftest import ROOT, unres
from lxml import etree
from support.pdf_lines import word_lines

from pipeline.app.build import build_file
from pipeline.importer.akn import read as read_akn
from pipeline.importer.convert import convert, read_input
from pipeline.source.loader import load
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build
from pipeline.writers.html import render as render_html

ABBREV = "Abbreviations: GS (OL), General Service (Other level); GS (PL), General Service (Principal level)."
INCLUDES = "a Includes one post of *Legal Officer*.[^n1]"
SOURCE = f"""\
symbol: A/RES/80/998
session: 80
issued: 2025-12-30
title: Staffing
preamble:
  - Recalling its resolution 79/1,
operative:
  - "Approves the changes to the staffing table as set out in the table below:"
  - table:
      caption: A. Pension Administration
      header: [Action, Title of post, Category/level, Number]
      rows:
        - [Establishment, Legal Officer, P-4, "1"]
        - [Total new posts, "", "", "3"]
      notes:
        - "{ABBREV}"
        - "{INCLUDES}"
  - Decides to remain seized of the matter.
footnotes:
  n1: A/80/7.
adopted: {{meeting: 69, date: 2025-12-30}}
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def _write(tmp_path: Path, text: str = SOURCE, name: str = "A_RES_80_998.yaml") -> Path:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("table_notes")
    src = _write(out)
    files = {}
    for style in ("modern", "1998"):
        files[style] = {p.suffix: p for p in build_file(src, out / style, ("pdf", "html", "docx", "akn"), style, None)}
    return files


def _lines(pdf_path: Path) -> list[list[dict]]:
    with pdfplumber.open(pdf_path) as pdf:
        return word_lines(pdf.pages[0], extra_attrs=["size"])


def test_the_source_holds_a_tables_notes(tmp_path):
    doc = build(load(_write(tmp_path)))
    table = next(b for b in doc.parts[0].operative if type(b).__name__ == "Table")
    assert ["".join(getattr(r, "text", "") for r in n) for n in table.notes][0] == ABBREV
    assert [type(r).__name__ for r in table.notes[1]][-1] == "NoteRef"  # a footnote call in a note


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_pdf_prints_the_notes_under_the_table_in_its_type(outputs, style):
    lines = _lines(outputs[style][".pdf"])
    texts = [" ".join(w["text"] for w in line) for line in lines]
    total = next(i for i, t in enumerate(texts) if t.startswith("Total new posts"))
    note = next(i for i, t in enumerate(texts) if t.startswith("Abbreviations:"))
    includes = next(i for i, t in enumerate(texts) if t.startswith("a Includes one post of"))
    after = next(i for i, t in enumerate(texts) if "remain seized" in t)
    assert total < note < includes < after  # under the table, before the next paragraph
    cell = lines[total][0]["size"]
    assert {round(w["size"], 1) for w in lines[note]} == {round(cell, 1)} == {9.0}  # the table's type
    assert lines[note][0]["top"] - lines[total][0]["top"] < 30
    assert abs(lines[note][0]["x0"] - lines[total][0]["x0"]) < 4  # set at the table's left edge


def test_html_puts_the_notes_under_the_table_and_describes_it_by_them(outputs):
    page = lxml.html.fromstring(outputs["modern"][".html"].read_bytes())
    table = page.xpath("//table[contains(@class, 'data')]")[0]
    notes = table.getnext()
    assert notes.get("class") == "table-notes" and table.get("aria-describedby") == notes.get("id")
    texts = [" ".join(p.text_content().split()) for p in notes.xpath("./p")]
    assert texts[0] == ABBREV and texts[1].startswith("a Includes one post of Legal Officer.")
    assert notes.xpath("./p[2]//em|./p[2]//i")  # the markup of a note kept
    assert not page.xpath("//p[starts-with(normalize-space(.), 'Abbreviations')][contains(@class, 'para')]")


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_notes_follow_the_table_in_their_style(outputs, style):
    z = zipfile.ZipFile(outputs[style][".docx"])
    body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    styles = etree.fromstring(z.read("word/styles.xml"))
    names = {s.get(W + "styleId"): s.find(W + "name").get(W + "val") for s in styles.iter(W + "style")}
    kids = list(body)
    at = next(i for i, el in enumerate(kids) if el.tag == W + "tbl")
    after = kids[at + 1 : at + 4]
    got = [(names[p.find(f"{W}pPr/{W}pStyle").get(W + "val")], "".join(t.text for t in p.iter(W + "t")))
           for p in after]
    assert got[0] == ("UN Table Note", ABBREV)
    assert got[1][0] == "UN Table Note" and got[1][1].startswith("a Includes one post of Legal Officer.")
    assert after[1].findall(f".//{W}footnoteReference")  # the note's call is a real footnote
    assert got[2][0] != "UN Table Note"  # then the next paragraph
    note_style = next(s for s in styles.iter(W + "style") if s.find(W + "name").get(W + "val") == "UN Table Note")
    text_style = next(s for s in styles.iter(W + "style") if s.find(W + "name").get(W + "val") == "UN Table Text")
    size = lambda s: s.find(f"{W}rPr/{W}sz").get(W + "val")  # noqa: E731
    assert size(note_style) == size(text_style)  # the table's type


def test_akn_carries_the_notes_in_the_tables_container_and_reads_them_back(outputs, tmp_path):
    akn = outputs["modern"][".xml"]
    root = etree.parse(str(akn)).getroot()
    container = root.xpath("//a:hcontainer[@name='table']", namespaces=AKN)[0]
    notes = container.xpath("a:content/a:p[@class='tableNote']", namespaces=AKN)
    assert " ".join("".join(notes[0].itertext()).split()) == ABBREV
    back = read_akn(akn.read_bytes(), str(akn))
    table = next(p["table"] for p in back["operative"] if isinstance(p, dict) and "table" in p)
    assert table["notes"] == [ABBREV, INCLUDES]


def test_redline_marks_a_changed_tables_notes(tmp_path):
    """A table pairs only when identical: a changed note reads as the old table (with its notes)
    deleted and the new one inserted."""
    plain = SOURCE.replace("[^n1]", "").replace("footnotes:\n  n1: A/80/7.\n", "")
    old = build(load(_write(tmp_path, plain, "old.yaml")))
    new = build(load(_write(tmp_path, plain.replace("one post", "two posts"), "new.yaml")))
    red = lxml.html.fromstring(render_html(diff(old, new)))
    notes = red.xpath("//div[contains(@class, 'table-notes')]")
    assert any("change-ins" in n.get("class") for n in notes)
    assert any("change-del" in n.get("class") for n in notes)


def test_the_importer_puts_the_lines_under_a_table_in_its_notes(tmp_path):
    text = "\n".join([
        "United Nations", "General Assembly", "A/RES/80/999", "Distr.: General", "1 January 2026",
        "Eightieth session", "Agenda item 1", "Title",
        "Resolution adopted by the General Assembly on 1 January 2026",
        "[without reference to a Main Committee (A/80/L.99)]", "80/999. A title", "",
        "The General Assembly,", "", "1. Approves the posts below:", "",
        "Posts", "Office  Grade  Number", "Geneva  P-4  1", "Nairobi  P-3  2", "",
        "Abbreviations: P, Professional.", "", "a Includes one temporary post.", "",
        "2. Decides to remain seized of the matter.", "", "1st plenary meeting", "1 January 2026", ""])
    path = tmp_path / "A_RES_80_999.txt"
    path.write_text(text, encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    ops = imported.source.data["operative"]
    table = next(x["table"] for x in ops if isinstance(x, dict) and "table" in x)
    assert table["notes"] == ["Abbreviations: P, Professional.", "a Includes one temporary post."]
    assert len(ops) == 3  # paragraph 1, the table, paragraph 2: no unnumbered paragraph
    assert not imported.warnings


def test_80_243_abbreviations_are_its_tables_note():
    path = ROOT / "tests" / "corpus" / "A_RES_80_243.txt"
    imported = convert(read_input(str(path)), str(path))
    ops = imported.source.data["operative"]
    tables = [x["table"] for x in ops if isinstance(x, dict) and "table" in x]
    assert "notes" not in tables[0]
    assert tables[1]["notes"] == [ABBREV]
    assert not [x for x in ops if isinstance(x, dict) and str(x.get("text", "")).startswith("Abbreviations")]
    assert not [w for w in imported.warnings if "Abbreviations" in w.message]


@pytest.mark.parametrize(("notes", "message"), [
    ("      notes: Abbreviations only\n", "15:14: operative[2].table.notes: expected a list, found text"),
    ("      notes:\n        - 42\n", "16:11: operative[2].table.notes[1]: expected text, found a number '42'"),
    ("      notes: []\n", "15:14: operative[2].table.notes: needs at least 1 entry"),
    ('      notes:\n        - "See [^nx]."\n', "16:16: footnote [^nx] is called but not defined under footnotes"),
])
def test_bad_notes_are_reported_in_place(tmp_path, notes, message):
    start = SOURCE.index("      notes:\n")
    end = SOURCE.index("  - Decides")
    src = _write(tmp_path, SOURCE[:start] + notes + SOURCE[end:])
    run = unres("check", src)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert any(line.startswith(f"{src}:{message}") for line in run.stderr.splitlines()), run.stderr


# -- a note's marker ("a Includes …") is raised, as issued tables print it ------------------------


def _marker_and_word(pdf_path: Path) -> tuple[dict, dict]:
    """The PDF's character just before the note "Includes one post …" (its marker) and the
    note's first letter."""
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    at = "".join(c["text"] for c in chars).index("Includesonepost")  # spaces are not chars
    return chars[at - 1], chars[at]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_pdf_raises_a_notes_marker(outputs, style):
    mark, word = _marker_and_word(outputs[style][".pdf"])
    assert mark["text"] == "a" and mark["x1"] < word["x0"]  # before the note's text
    assert mark["size"] < 0.8 * word["size"]  # smaller
    assert word["bottom"] - mark["bottom"] > 1.5  # raised off the line
    note = next(line for line in _lines(outputs[style][".pdf"]) if line[0]["text"] == "Abbreviations:")
    assert abs(mark["x0"] - note[0]["x0"]) < 1  # at the notes' left edge


def test_html_raises_a_notes_marker_and_only_a_marker(outputs):
    page = lxml.html.fromstring(outputs["modern"][".html"].read_bytes())
    abbrev, includes = page.xpath("//div[@class='table-notes']/p")
    assert not abbrev.xpath(".//sup")  # "Abbreviations: …" has no marker
    sup = includes[0]
    assert (sup.tag, sup.get("class"), sup.text) == ("sup", "note-mark", "a") and not (includes.text or "").strip()
    assert sup.tail.startswith(" Includes one post of")
    assert " ".join(includes.text_content().split()).startswith("a Includes one post of Legal Officer.")


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_raises_a_notes_marker(outputs, style):
    z = zipfile.ZipFile(outputs[style][".docx"])
    body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    kids = list(body)
    at = next(i for i, el in enumerate(kids) if el.tag == W + "tbl")
    abbrev, includes = kids[at + 1], kids[at + 2]
    runs = includes.findall(W + "r")
    first = runs[0]
    assert first.findtext(W + "t") == "a"
    assert first.find(f"{W}rPr/{W}vertAlign").get(W + "val") == "superscript"
    assert runs[1].findtext(W + "t") == " " and runs[1].find(f"{W}rPr/{W}vertAlign") is None
    assert runs[2].findtext(W + "t").startswith("Includes one post of")
    assert not abbrev.findall(f".//{W}vertAlign")


def test_only_a_single_letter_or_asterisk_before_a_capital_is_a_marker(tmp_path):
    notes = ['"a Includes one post."', "'\\* Reissued for technical reasons.'", '"b 2 posts."',
             '"a number of posts are temporary."', '"ab Includes."', '"Abbreviations: P, Professional."',
             '"*a* Includes."']
    text = SOURCE.replace(f'        - "{ABBREV}"\n        - "{INCLUDES}"\n',
                          "".join(f"        - {n}\n" for n in notes)).replace("footnotes:\n  n1: A/80/7.\n", "")
    doc = build(load(_write(tmp_path, text)))
    table = next(b for b in doc.parts[0].operative if type(b).__name__ == "Table")
    assert [table.note_mark(i) for i in range(len(notes))] == ["a", "*", "b", "", "", "", ""]
    first = ["".join(getattr(r, "text", "") for r in n) for n in table.notes]
    assert first[:3] == ["Includes one post.", "Reissued for technical reasons.", "2 posts."]
    assert first[3] == "a number of posts are temporary."
