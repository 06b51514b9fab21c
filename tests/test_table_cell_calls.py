"""A table's cell calls one of the table's own notes ("Geneva" and a raised "a", the note
"a Includes …" under the table), as issued UN tables do (#15). The source writes the call as a
footnote call keyed by the note's marker (``Geneva[^a]``); the model holds it in the cell
(``TableNoteRef``); every writer prints it: PDF and DOCX raised, HTML a link to the note and back,
Akoma Ntoso a ``noteRef`` to the note's ``p``; a changed call is a change in a redline; the text
importer keeps ``Geneva<sup>a</sup>``. Before, a cell had no such call: ``[^a]`` was an undefined
footnote, and the importer dropped the call.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from conftest import unres
from lxml import etree

from pipeline.app.build import build_file
from pipeline.importer.akn import read as read_akn
from pipeline.importer.convert import convert, read_input
from pipeline.model import plain_text
from pipeline.source.loader import load
from pipeline.transforms.diff import diff, is_empty
from pipeline.transforms.resolve import build
from pipeline.writers.akn.schema import errors as akn_errors
from pipeline.writers.docx import render as render_docx
from pipeline.writers.html import render as render_html

SOURCE = """\
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
        - [Establishment, "Legal Officer in Geneva[^a]", P-4, "1[^b]"]
        - [Total new posts, "", "", "3"]
      notes:
        - "Abbreviations: P, Professional."
        - "a Includes one post of *Legal Officer*.[^n1]"
        - "b Temporary."
  - Decides to remain seized of the matter.
footnotes:
  n1: A/80/7.
adopted: {meeting: 69, date: 2025-12-30}
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def _write(folder: Path, text: str = SOURCE, name: str = "A_RES_80_998.yaml") -> Path:
    src = folder / name
    src.write_text(text, encoding="utf-8")
    return src


def _call(run) -> str | None:
    """The marker a cell's run calls (``None``: no table-note call)."""
    return run.mark if type(run).__name__ == "TableNoteRef" else None


def _table(doc):
    return next(b for b in doc.parts[0].operative if type(b).__name__ == "Table")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("cell_calls")
    src = _write(out)
    return {style: {p.suffix: p for p in build_file(src, out / style, ("pdf", "html", "docx", "akn"), style, None)}
            for style in ("modern", "1998")}


# -- the source and the model ---------------------------------------------------------------------


def test_a_cells_call_is_the_tables_not_a_footnote(tmp_path):
    doc = build(load(_write(tmp_path)))
    table = _table(doc)
    assert _call(table.rows[0][1][-1]) == "a" and _call(table.rows[0][3][-1]) == "b"
    assert [n.key for n in doc.notes] == ["n1"]  # only the real footnote is numbered
    assert table.numeric[3]  # "1[^b]" is still a figure: the column is set right


# -- what a reader sees ---------------------------------------------------------------------------


def _chars(pdf_path: Path) -> list[dict]:
    with pdfplumber.open(pdf_path) as pdf:
        return [c for c in pdf.pages[0].chars if c["text"].strip()]


def _after(chars: list[dict], words: str) -> tuple[dict, dict]:
    """The character printed right after ``words`` (spaces left out) and the last of ``words``."""
    at = "".join(c["text"] for c in chars).index(words) + len(words)
    return chars[at], chars[at - 1]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_pdf_raises_the_call_after_the_cells_words(outputs, style):
    chars = _chars(outputs[style][".pdf"])
    mark, word = _after(chars, "LegalOfficerinGeneva")
    assert mark["text"] == "a" and word["x1"] <= mark["x0"] + 0.1  # right after "Geneva"
    assert mark["size"] < 0.8 * word["size"]  # smaller than the cell's text
    assert word["bottom"] - mark["bottom"] > 1.5  # raised off the line
    b, one = _after(chars, "P-41")
    assert (one["text"], b["text"]) == ("1", "b") and b["size"] < 0.8 * one["size"]
    three, _ = _after(chars, "Totalnewposts")
    assert abs(b["x1"] - three["x1"]) < 1  # the figure with its call is set right, as the column


def test_html_links_the_call_to_its_note_and_back(outputs):
    page = lxml.html.fromstring(outputs["modern"][".html"].read_bytes())
    cell = page.xpath("//table[contains(@class, 'data')]//td[contains(., 'Geneva')]")[0]
    call = cell.xpath(".//a[@role='doc-noteref']")[0]
    assert call.xpath("string(./sup)") == "a" and call.get("aria-label") == "Note a"
    assert " ".join(cell.text_content().split()) == "Legal Officer in Genevaa"
    note = page.xpath(f"//*[@id='{call.get('href')[1:]}']")[0]
    assert note.getparent().get("class") == "table-notes"
    assert note.xpath("string(./sup[@class='note-mark'])") == "a"
    assert " ".join(note.text_content().split()).startswith("a Includes one post of Legal Officer.")
    back = note.xpath(".//a[@role='doc-backlink']")
    assert [a.get("href") for a in back] == [f"#{call.get('id')}"]
    other = page.xpath("//table[contains(@class, 'data')]//td[@class='fig']//a[@role='doc-noteref']")[0]
    assert page.xpath(f"string(//*[@id='{other.get('href')[1:]}']/sup)") == "b"
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


def _cell_runs(docx: Path | bytes, words: str) -> list[etree._Element]:
    """The runs of the first table cell whose text holds ``words``."""
    data = docx if isinstance(docx, bytes) else docx.read_bytes()
    xml = etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    cell = next(tc for tc in xml.iter(W + "tc")
                if words in "".join(t.text or "" for t in tc.iter(W + "t", W + "delText")))
    return list(cell.iter(W + "r"))


def _raised(run: etree._Element) -> bool:
    align = run.find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(W + "val") == "superscript"


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_prints_the_call_as_a_raised_run(outputs, style):
    runs = _cell_runs(outputs[style][".docx"], "Geneva")
    assert [(r.findtext(W + "t"), _raised(r)) for r in runs] == [("Legal Officer in Geneva", False), ("a", True)]
    assert not runs[-1].findall(f".//{W}footnoteReference")  # not a footnote of the page
    runs = _cell_runs(outputs[style][".docx"], "1b")
    assert [(r.findtext(W + "t"), _raised(r)) for r in runs] == [("1", False), ("b", True)]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_links_the_call_to_its_note_and_back(outputs, style):
    """The raised "a" in the cell is an internal link (``w:hyperlink w:anchor``) to a bookmark on
    the note "a Includes …" under the table, and the note's raised "a" links back to a bookmark on
    the cell's call, as the HTML's link and back link; so for "b". Before, the call was a raised
    run only."""
    xml = etree.fromstring(zipfile.ZipFile(outputs[style][".docx"]).read("word/document.xml"))
    starts = {b.get(W + "name"): b for b in xml.iter(W + "bookmarkStart")}
    assert len({b.get(W + "id") for b in starts.values()}) == len(starts)  # unique ids
    notes = [p for p in xml.iter(W + "p") if p.find(f"{W}pPr/{W}pStyle").get(W + "val") == "UNTableNote"]

    def text(node) -> str:
        return "".join(t.text or "" for t in node.iter(W + "t"))

    for words, mark, note_start in (("Geneva", "a", "a Includes one post"), ("1b", "b", "b Temporary")):
        call = list(next(tc for tc in xml.iter(W + "tc") if words in text(tc)).iter(W + "r"))[-1]
        link = call.getparent()
        assert link.tag == W + "hyperlink" and call.findtext(W + "t") == mark and _raised(call)
        target = starts[link.get(W + "anchor")]  # the bookmark the call links to …
        note = target.getparent()
        assert note in notes and text(note).startswith(note_start)  # … is on the note
        back = target.getnext()
        assert back.tag == W + "hyperlink" and text(back) == mark  # the note's marker links back …
        assert starts[back.get(W + "anchor")].getnext() is link  # … to the bookmark on the call
    # a note no cell calls ("Abbreviations: …") has no bookmark, no link
    assert not notes[0].findall(f".//{W}hyperlink") and not notes[0].findall(f".//{W}bookmarkStart")


def test_akn_points_the_call_to_the_tables_note_and_reads_it_back(outputs):
    akn = outputs["modern"][".xml"]
    root = etree.parse(str(akn)).getroot()
    assert not akn_errors(root), [e.message for e in akn_errors(root)][:3]
    ref = root.xpath("//a:table//a:td[contains(., 'Geneva')]//a:noteRef", namespaces=AKN)[0]
    assert ref.get("marker") == "a" and ref.get("class") == "tableNoteRef"
    note = root.xpath(f"//a:p[@eId='{ref.get('href')[1:]}']", namespaces=AKN)[0]
    assert note.get("class") == "tableNote" and note.findtext("a:sup", namespaces=AKN) == "a"
    assert not root.xpath("//a:table//a:authorialNote", namespaces=AKN)  # no footnote in the grid
    back = read_akn(akn.read_bytes(), str(akn))
    table = next(p["table"] for p in back["operative"] if isinstance(p, dict) and "table" in p)
    assert table["rows"][0] == ["Establishment", "Legal Officer in Geneva[^a]", "P-4", "1[^b]"]


def test_a_changed_call_is_a_change_in_the_redline(tmp_path):
    old = build(load(_write(tmp_path, SOURCE, "old.yaml")))
    new = build(load(_write(tmp_path, SOURCE.replace("Geneva[^a]", "Geneva[^b]"), "new.yaml")))
    red = diff(old, new)
    assert not is_empty(red)
    page = lxml.html.fromstring(render_html(red))
    gone = page.xpath("//table[contains(@class, 'change-del')]//td[contains(., 'Geneva')]//del//sup")
    came = page.xpath("//table[contains(@class, 'change-ins')]//td[contains(., 'Geneva')]//ins//sup")
    assert [s.text for s in gone] == ["a"] and [s.text for s in came] == ["b"]
    ids = page.xpath("//*[contains(@id, '-note-')]/@id")
    assert len(ids) == len(set(ids))  # the deleted table's notes and calls have their own ids
    runs = _cell_runs(render_docx(red), "Geneva")
    deleted = [r for r in runs if r.getparent().tag == W + "del"]
    assert [(r.findtext(W + "delText"), _raised(r)) for r in deleted][-1] == ("a", True)


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("edit", "message"), [
    (("Geneva[^a]", "Geneva[^c]"), "13:51: [^c] in a table cell calls a note the table does not have "
     "(its notes are marked a, b): write Legal Officer in Geneva[^b], or add the note under the "
     "table's notes: as 'c …'"),
    (('        - "b Temporary."\n', '        - "b Temporary."\n        - "\\\\* Provisional."\n'), None),
    (("n1: A/80/7.", "n1: A/80/7.\n  a: Another note."), "13:51: [^a] in a table cell calls the table's "
     "note 'a …', and a footnote is keyed 'a' too"),
    (('        - "a Includes one post of *Legal Officer*.[^n1]"\n        - "b Temporary."\n', ""),
     "13:51: [^a] in a table cell calls a note the table does not have (it has no lettered note)"),
])
def test_bad_calls_are_reported_in_place(tmp_path, edit, message):
    text = SOURCE.replace(*edit)
    if message is None:  # a note marked "*" and a call of it: fine
        src = _write(tmp_path, text.replace('"1[^b]"', '"1[^*]"').replace('"b Temporary."', '"Temporary."'))
        assert unres("check", src).returncode == 0
        assert _call(_table(build(load(src))).rows[0][3][-1]) == "*"
        return
    if "[^n1]" not in text:
        text = text.replace("footnotes:\n  n1: A/80/7.\n", "")
    src = _write(tmp_path, text)
    out = tmp_path / "out"
    run = unres("build", src, "-o", out)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert any(line.startswith(f"{src}:{message}") for line in run.stderr.splitlines()), run.stderr
    assert not out.exists() or not any(out.iterdir())  # nothing written


# -- the text importer ----------------------------------------------------------------------------

IMPORTED = "\n".join([
    "United Nations", "General Assembly", "A/RES/80/999", "Distr.: General", "1 January 2026",
    "Eightieth session", "Agenda item 1", "Title",
    "Resolution adopted by the General Assembly on 1 January 2026",
    "[without reference to a Main Committee (A/80/L.99)]", "80/999. A title", "",
    "The General Assembly,", "", "Recalling its resolution 79/1,<sup>1</sup>", "",
    "1. Approves the posts below:", "",
    "Posts", "Office  Grade  Number", "Geneva<sup>a</sup>  P-4  1", "Nairobi  P-3  2<sup>b</sup>",
    "Vienna<sup>c</sup>  P-2  1", "",
    "Abbreviations: P, Professional.", "", "<sup>a</sup> Includes one temporary post.", "",
    "<sup>b</sup> Of which one post is redeployed.", "",
    "2. Decides to remain seized of the matter.", "", "1st plenary meeting", "1 January 2026", "",
    "<sup>1</sup> A/RES/79/1.", ""])


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    path = folder / "A_RES_80_999.txt"
    path.write_text(IMPORTED, encoding="utf-8")
    result = convert(read_input(str(path)), str(path))
    src = folder / "A_RES_80_999.yaml"
    src.write_text(result.yaml, encoding="utf-8")
    files = {p.suffix: p for p in build_file(src, folder / "out", ("pdf", "html", "docx", "akn"), None, None)}
    return result, files


def test_the_importer_keeps_a_cells_call_and_reads_its_note(imported):
    result, _ = imported
    ops = result.source.data["operative"]
    table = next(x["table"] for x in ops if isinstance(x, dict) and "table" in x)
    assert table["rows"] == [["Geneva[^a]", "P-4", "1"], ["Nairobi", "P-3", "2[^b]"], ["Vienna", "P-2", "1"]]
    assert table["notes"] == ["Abbreviations: P, Professional.", "a Includes one temporary post.",
                              "b Of which one post is redeployed."]
    assert result.source.data["footnotes"] == {"a-res-79-1": "A/RES/79/1."}  # the footnote is one
    assert [(w.line, w.message) for w in result.warnings] == [
        (19, "table cell 'Vienna' calls note c, but the table has no note c under it: the call is left "
             "out, the cell's text kept")]
    assert "'Geneva[^a]'" in result.yaml  # quoted in its [...] row


def test_an_imported_call_survives_into_every_output(imported):
    _, files = imported
    chars = _chars(files[".pdf"])
    mark, word = _after(chars, "Geneva")
    assert mark["text"] == "a" and mark["size"] < 0.8 * word["size"] and word["bottom"] - mark["bottom"] > 1.5
    page = lxml.html.fromstring(files[".html"].read_bytes())
    call = page.xpath("//tr[contains(., 'Nairobi')]//a[@role='doc-noteref']")[0]
    assert call.text_content() == "b" and page.xpath(f"//*[@id='{call.get('href')[1:]}']")
    assert [(r.findtext(W + "t"), _raised(r)) for r in _cell_runs(files[".docx"], "Geneva")] == [
        ("Geneva", False), ("a", True)]
    root = etree.parse(str(files[".xml"])).getroot()
    assert not akn_errors(root)
    assert [r.get("marker") for r in root.xpath("//a:table//a:noteRef", namespaces=AKN)] == ["a", "b"]


# -- a call in a table's caption ------------------------------------------------------------------

CAPTIONED = IMPORTED.replace(
    "Posts\nOffice  Grade  Number", "Posts by office<sup>a</sup>\nOffice  Grade  Number").replace(
    "2. Decides to remain seized of the matter.",
    "2. Also approves the post below:\n\nPost in New York<sup>2</sup>\nOffice  Grade  Number\n"
    "New York  P-4  1\n\n3. Decides to remain seized of the matter.").replace(
    "<sup>1</sup> A/RES/79/1.", "<sup>1</sup> A/RES/79/1.\n<sup>2</sup> See A/80/7.")


def test_a_captions_call_is_the_tables_note_when_the_table_has_it_else_a_footnote(tmp_path):
    """A caption's call ("Posts by office" and a raised "a") calls the table's note "a" when the
    table has one, as a cell's call does: issued tables letter their own notes and number the
    page's footnotes. Any other caption call is a footnote's ("Post in New York" and "2"). Before,
    the importer read every caption call as a footnote's: "a", no footnote, was left out with the
    warning "footnote a is called but its text was not found"; and the model had no caption call
    of a table's note ([^a] in a caption was an undefined footnote). The YAML builds: the call
    links to the note in the HTML and the DOCX."""
    path = tmp_path / "A_RES_80_999.txt"
    path.write_text(CAPTIONED, encoding="utf-8")
    result = convert(read_input(str(path)), str(path))
    tables = [x["table"] for x in result.source.data["operative"] if isinstance(x, dict) and "table" in x]
    assert [t["caption"] for t in tables] == ["Posts by office[^a]", "Post in New York[^a-80-7]"]
    assert result.source.data["footnotes"] == {"a-res-79-1": "A/RES/79/1.", "a-80-7": "See A/80/7."}
    assert not [w for w in result.warnings if "footnote a " in w.message or "note a" in w.message]
    src = tmp_path / "A_RES_80_999.yaml"
    src.write_text(result.yaml, encoding="utf-8")
    doc = build(load(src))
    caption = _table(doc).caption
    assert _call(caption[-1]) == "a" and plain_text(caption[:-1]) == "Posts by office"
    files = {p.suffix: p for p in build_file(src, tmp_path / "out", ("html", "docx"), None, None)}
    page = lxml.html.fromstring(files[".html"].read_bytes())
    call = page.xpath("//table[contains(@class, 'data')]/caption//a[@role='doc-noteref']")[0]
    note = page.xpath(f"//*[@id='{call.get('href')[1:]}']")[0]
    assert call.text_content() == "a" and " ".join(note.text_content().split()).startswith("a Includes one")
    xml = etree.fromstring(zipfile.ZipFile(files[".docx"]).read("word/document.xml"))
    cap = next(p for p in xml.iter(W + "p") if p.find(f"{W}pPr/{W}pStyle").get(W + "val") == "UNTableCaption")
    link = cap.find(W + "hyperlink")
    assert link is not None and "".join(link.itertext()) == "a"
    target = next(b for b in xml.iter(W + "bookmarkStart") if b.get(W + "name") == link.get(W + "anchor"))
    assert "".join(target.getparent().itertext()).startswith("a Includes one")


def test_a_captions_call_of_a_note_the_table_lacks_is_reported_in_place(tmp_path):
    text = SOURCE.replace("caption: A. Pension Administration", "caption: A. Pension Administration[^c]")
    src = _write(tmp_path, text)
    run = unres("check", src)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{src}:10:41: [^c] in a table caption calls a note the table does not have" in run.stderr, run.stderr
