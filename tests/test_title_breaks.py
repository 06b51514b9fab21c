"""A title's lines break where the source says (issue #15), and otherwise at the text block's measure.

The source says where a title line breaks with a line break in the title's text (a literal block,
``title: |-``, one printed line per line). The model carries a :class:`~pipeline.model.LineBreak`;
every writer prints it (PDF and HTML ``<br>``, DOCX ``w:br``, AKN ``<eol/>``); the diff marks a
moved break and leaves the words alone; the importer keeps the title's lines of a text that shows
them. Everything is checked as a reader sees it: the PDF's title lines (pdfplumber), the parsed
HTML, the DOCX XML.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import unres
from lxml import etree, html
from support.pdf_lines import word_lines

from pipeline import writers
from pipeline.importer.convert import convert
from pipeline.model import LineBreak, Text
from pipeline.source import load
from pipeline.source.emit import dump
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHARED = ROOT.parent / "shared"

HEAD = """\
style: modern
language: en
symbol: A/RES/79/249
distribution: general
issued: 2024-12-24
session: 79
agenda: [143]
committee: 5
report: A/79/390/Add.1
"""
BODY = """\
preamble:
  - Recalling its previous resolutions and decisions on the scale of assessments,
operative:
  - Takes note of the report of the Committee on Contributions on its eighty-fourth session;
  - Also takes note of the report of the Secretary-General on multi-year payment plans.
adopted:
  meeting: 53
  date: 2024-12-24
"""
# A/RES/79/249's title as issued: broken by sense, "… the expenses / of the United Nations"
# (tests/layout/issued/A_RES_79_249.txt), where the measure alone breaks after "of the".
BROKEN = HEAD + """\
title: |-
  Scale of assessments for the apportionment of the expenses
  of the United Nations
""" + BODY
FLOWING = HEAD + """\
title: Scale of assessments for the apportionment of the expenses of the United Nations
""" + BODY
MOVED = BROKEN.replace("the expenses\n  of the United", "the expenses of the\n  United")


def doc(text: str, name: str = "A_RES_79_249.yaml"):
    return build(load(name, text))


def title_lines(pdf: bytes) -> list[str]:
    """Page 1's 12 pt bold lines (the title's), as printed."""
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        lines = word_lines(p.pages[0], extra_attrs=["size", "fontname"])
    return [" ".join(w["text"] for w in line) for line in lines
            if all(11.5 < w["size"] < 12.6 and "Bold" in w["fontname"] for w in line)]


def title_of(path: Path) -> list[str]:
    return title_lines(writers.render("pdf", build(load(path))))


# -- the measure ----------------------------------------------------------------------------


def test_a_title_breaks_where_its_source_says():
    assert title_lines(writers.render("pdf", doc(BROKEN))) == [
        "79/249. Scale of assessments for the apportionment of the expenses",
        "of the United Nations",
    ]


def test_a_title_without_breaks_fills_the_text_block():
    """A/RES/80/2's issued line 1 "… of the expenses of the" (to x 476.8 in ours): the title is as
    wide as the text block (x 488.4), not 18 pt narrower; its next word "United" does not fit."""
    assert title_lines(writers.render("pdf", doc(FLOWING))) == [
        "79/249. Scale of assessments for the apportionment of the expenses of the",
        "United Nations",
    ]


def test_80_1s_title_is_one_line_as_issued():
    """"80/1. Participation by the State of Palestine during the eightieth session" to about x 481
    (tests/layout/issued/A_RES_80_1.txt); with the old 18 pt right indent it was two lines."""
    assert title_of(ROOT / "tests" / "fixtures" / "lone_word.yaml") == [
        "80/1. Participation by the State of Palestine during the eightieth session"]


def test_73_8_and_es_11_4_titles_break_as_issued():
    """73/8's "… of America / against Cuba" is the source's break ("against Cuba" fits the line
    before); ES-11/4's (a 96-dpi page) at the measure: "Charter" does not fit."""
    assert title_of(ROOT / "source" / "A_RES_73_8.yaml") == [
        "73/8. Necessity of ending the economic, commercial and financial",
        "embargo imposed by the United States of America",
        "against Cuba",
    ]
    assert title_of(ROOT / "tests" / "layout" / "A_RES_ES-11_4.yaml") == [
        "ES-11/4. Territorial integrity of Ukraine: defending the principles of the",
        "Charter of the United Nations",
    ]


# -- every writer prints the break ------------------------------------------------------------


def test_the_model_carries_a_line_break():
    title = doc(BROKEN).masthead.title
    assert [type(r) for r in title] == [Text, LineBreak, Text]
    assert doc(BROKEN).meta.title == "79/249. Scale of assessments for the apportionment of the expenses of the " \
                                     "United Nations"


def test_html_has_a_br_between_the_title_lines():
    page = html.fromstring(writers.render("html", doc(BROKEN)))
    (text,) = page.xpath("//h1[contains(@class, 'title')]/span[@class='title-text']")
    assert [c.tag for c in text] == ["br"]
    assert text.text == "Scale of assessments for the apportionment of the expenses"
    assert text[0].tail.replace("\u00a0", " ") == "of the United Nations"


def _title_paragraph(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return next(p for p in body.iter(f"{W}p") if "apportionment" in "".join(p.itertext()))


def test_docx_has_a_w_br_between_the_title_lines():
    p = _title_paragraph(writers.render("docx", doc(BROKEN)))
    seq = [("br" if el.tag == f"{W}br" else el.text) for el in p.iter(f"{W}t", f"{W}br")]
    i = seq.index("br")
    assert "".join(seq[:i]).endswith("the expenses") and "".join(seq[i + 1:]).replace("\u00a0", " ") == (
        "of the United Nations")


def test_akn_has_eol_and_imports_back(tmp_path):
    akn = writers.render("akn", doc(BROKEN))
    title = etree.fromstring(akn).find(".//{*}docTitle")
    assert [etree.QName(c).localname for c in title] == ["eol"]
    (tmp_path / "t.akn.xml").write_bytes(akn)
    r = unres("import", tmp_path / "t.akn.xml", "-o", tmp_path / "back.yaml")
    assert r.returncode in (0, 1), r.stderr
    back = load(tmp_path / "back.yaml")
    assert back.data["title"] == "Scale of assessments for the apportionment of the expenses\nof the United Nations"
    assert "title: |-\n" in back.text


def test_the_emitter_writes_a_broken_title_as_a_literal_block():
    data = load("x.yaml", BROKEN).data
    text = dump(data)
    assert "title: |-\n  Scale of assessments for the apportionment of the expenses\n  of the United Nations\n" in text
    assert load("x.yaml", text).data == data


# -- only titles break ----------------------------------------------------------------------------


def test_a_line_break_in_a_paragraph_is_a_placed_error(tmp_path):
    bad = BROKEN.replace("  - Also takes note of the report of the Secretary-General on multi-year payment plans.",
                         "  - |-\n    Also takes note of the report of the\n    Secretary-General on multi-year payment plans.")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    r = unres("check", path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    line = bad.splitlines().index("    Secretary-General on multi-year payment plans.") + 1
    assert re.search(rf"bad\.yaml:{line}:5: operative\[2\]: a line break in a paragraph", r.stderr), r.stderr


def test_a_blank_line_in_a_note_is_a_placed_error(tmp_path):
    bad = BROKEN.replace("  - Recalling its previous resolutions and decisions on the scale of assessments,",
                         "  - Recalling its previous resolutions[^a],") + "footnotes:\n  a: >-\n    See\n\n    A/79/11.\n"
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    r = unres("check", path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert re.search(r"bad\.yaml:\d+:\d+: footnote 'a': a line break in a note", r.stderr), r.stderr


# -- the diff ---------------------------------------------------------------------------------------


def test_a_moved_break_is_a_change_and_the_words_are_not():
    red = diff(doc(BROKEN), doc(MOVED), author="Drafter", date="2026-01-02T00:00:00Z")
    assert any("title" in line.lower() for line in red.redline.summary.lines) or any(
        e.text and "title" in e.text.lower() for e in red.redline.summary.entries)
    page = html.fromstring(writers.render("html", red))
    (text,) = page.xpath("//h1[contains(@class, 'title')]/span[@class='title-text']")
    marks = [(el.tag, el.get("class"), el.text_content()) for el in text.iter("ins", "del")]
    # the old break (after "expenses") struck, the new one (after "of the") inserted; words unmarked
    assert [(t, c) for t, c, _ in marks if c == "br"] == [("del", "br"), ("ins", "br")]
    assert all(not re.search(r"\w", words) for _, c, words in marks if c != "br"), marks
    assert "".join(text.itertext()).replace("\u21b5", "").split() == \
        ["Scale", "of", "assessments", "for", "the", "apportionment", "of", "the", "expenses", "of", "the", "United", "Nations"]
    # Word: a deleted w:br and an inserted one, the words untracked
    p = _title_paragraph(writers.render("docx", red))
    assert [el.getparent().tag for el in p.iter(f"{W}br")] == [f"{W}r", f"{W}r"]
    assert [el.getparent().getparent().tag for el in p.iter(f"{W}br")] == [f"{W}del", f"{W}ins"]
    tracked = "".join(t.text or "" for w in ("ins", "del") for el in p.iter(f"{W}{w}")
                      for t in el.iter(f"{W}t", f"{W}delText"))
    assert not re.search(r"\w", tracked), tracked


# -- the importer ------------------------------------------------------------------------------------


def test_the_importer_keeps_the_title_lines_a_text_shows():
    issued = (ROOT / "tests" / "layout" / "issued" / "A_RES_80_155.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in issued.split("=== page 2")[0].splitlines()
                     if not line.startswith(("#", "===")) and line != "---")
    got = convert(text, "A_RES_80_155.txt").source.data
    assert got["title"] == "Operational activities for development of the\nUnited Nations system"


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the clone")
def test_a_text_whose_lines_were_joined_gives_no_title_breaks(tmp_path):
    for name in ("A_RES_80_1.txt", "A_RES_80_2.txt", "A_RES_ES-11_4.txt"):
        shutil.copy(SHARED / "corpus" / name, tmp_path / name)
        got = convert((tmp_path / name).read_text(encoding="utf-8"), name).source
        assert "\n" not in got.data["title"], name
