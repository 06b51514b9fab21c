"""A redline's summary of its changes in the PDF and the DOCX, in the document's language.

The HTML shows it at the top of the page (test_diff_languages.py); the PDF and the DOCX carry the
same words on a page of their own after the resolution (and its annexes): page 1 stays the
version's masthead page, every page of the resolution stays where the version has it, and the
summary is no part of the resolution's paragraph numbering. In the DOCX the summary is plain
paragraphs in named styles (``UN Summary …``) that carry the document's language (and, in
Arabic, right to left), never tracked changes. Words: templates/lang/diff/*.yaml.
"""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pytest
from lxml import etree
from test_diff import docs as diff_docs
from test_diff_languages import SUMMARY, counts_line, language_versions
from test_pdfua import tree

from pipeline import writers
from pipeline.transforms.diff import diff

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = ["fr", "es", "ru", "zh", "ar"]
ENGLISH = {  # the seed with paragraph 4 moved after 13 and edited (tests/diff/move_edited.yaml)
    "title": "Changes in this version", "counts": "1 paragraph moved",
    "entries": ["Paragraph 13 moved (formerly 4)"], "legend": "Legend",
}


def redline(lang: str):
    if lang == "en":
        return diff_docs("move_edited")[2]
    return diff(*language_versions(lang, 2), author="Drafter", date="2026-01-02T00:00:00Z")


def expected(lang: str) -> dict:
    if lang == "en":
        return ENGLISH
    want = SUMMARY[lang]
    return {"title": want["title"], "counts": counts_line(lang, 2), "entries": want["entries"],
            "legend": want["legend"]}


def squeeze(text: str, lang: str) -> str:
    """A line as read: Chinese without the spaces pdfplumber puts between wide glyphs."""
    return text.replace(" ", "") if lang == "zh" else " ".join(text.split())


def pdf_lines(data: bytes, lang: str) -> list[list[str]]:
    """Each page's lines in reading order (Arabic is drawn right to left: read back reversed)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [[ln["text"] for ln in page.extract_text_lines()] for page in pdf.pages]
    if lang == "ar":
        pages = [[t[::-1] for t in lines] for lines in pages]
    return [[squeeze(t, lang) for t in lines] for lines in pages]


@pytest.fixture(scope="module", params=["en", *LANGS])
def built(request):
    lang = request.param
    red = redline(lang)
    return lang, red, writers.render("pdf", red), writers.render("docx", red)


def test_pdf_summary_is_a_page_of_its_own_after_the_closing(built):
    lang, red, pdf, _ = built
    want = expected(lang)
    pages = pdf_lines(pdf, lang)
    last = pages[-1]
    title = squeeze(want["title"], lang)
    assert title in last, last
    at = last.index(title)
    body = last[at:]  # below the running head
    assert squeeze(want["counts"], lang) in body
    for entry in want["entries"]:
        assert squeeze(entry, lang) in body, (entry, body)
    assert squeeze(want["legend"], lang) in body
    words = red.redline.summary.words
    for key in ("legend_ins", "legend_del", "legend_bar"):
        assert any(squeeze(words[key], lang) in line for line in body), (key, body)
    # the page holds nothing of the resolution, the page before ends with its plenary line
    meeting = max(re.split(r"[\d\s]+", red.parts[-1].closing.meeting), key=len)  # digit-free
    assert not any(meeting in line for line in last)
    assert any(meeting in line for line in pages[-2])
    # no title, no summary on page 1: its first lines are the version's masthead
    assert title not in pages[0]


def test_arabic_summary_is_laid_out_right_to_left():
    red = redline("ar")
    with pdfplumber.open(io.BytesIO(writers.render("pdf", red))) as pdf:
        page = pdf.pages[-1]
        lines = page.extract_text_lines()
    title = SUMMARY["ar"]["title"][::-1]
    head = next(ln for ln in lines if ln["text"] == title)
    counts = next(ln for ln in lines if ln["text"] == counts_line("ar", 2)[::-1])
    # ragged left, aligned right at the measure's end: the heading and the counts end together
    assert head["x1"] == pytest.approx(counts["x1"], abs=1.5)
    assert head["x1"] > page.width / 2 + 150 and head["x0"] > counts["x0"]


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_pdf_summary_is_a_tagged_section_after_the_resolution(lang, tmp_path):
    red = redline(lang)
    path = tmp_path / "red.pdf"
    path.write_bytes(writers.render("pdf", red))
    _, root, _ = tree(path)
    pages = [k for k in root.kids if k.tag == "Div"]  # WeasyPrint: a Div per page's flow
    title = squeeze(expected(lang)["title"], lang)
    found = [s for s in root.walk() if s.tag == "Sect" and s.kids and s.kids[0].tag == "H2"
             and squeeze(s.kids[0].text, lang) in (title, title[::-1])]
    assert len(found) == 1 and pages[-1].kids == found, [k.tag for k in pages[-1].kids]
    tags = [n.tag for n in found[0].walk()]
    assert tags.count("LI") >= len(expected(lang)["entries"]) + 4, tags  # the entries, the legend
    assert all(any(n.tag == "Part" for n in page.walk()) for page in pages[:-1])
    first = next(n for n in root.walk() if n.tag[:1] == "H" and n.tag[1:].isdigit())
    assert first.tag == "H1"  # the resolution's title is still the document's first heading


def summary_paragraphs(docx: bytes) -> tuple[list[etree._Element], etree._Element, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    body = doc.find(f"{W}body")
    paras = [p for p in body if p.tag == f"{W}p"]
    mine = [p for p in paras if (p.findtext(f"{W}pPr/{W}pStyle/..") is not None
                                 and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val", "").startswith("UNSummary"))]
    return mine, body, styles


def text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def test_docx_summary_paragraphs_in_named_styles_after_everything(built):
    lang, red, _, docx = built
    want, words = expected(lang), red.redline.summary.words
    mine, body, _ = summary_paragraphs(docx)
    assert [text(p) for p in mine] == [
        want["title"], words["compared"], want["counts"] if lang == "en" else counts_line(lang, 2),
        *[e.text for e in red.redline.summary.entries],
        want["legend"], words["legend_ins"], words["legend_del"], words["legend_bar"],
    ]
    for entry in want["entries"]:
        assert entry in [text(p) for p in mine]
    # they are the body's last paragraphs (after the plenary line, the end rule, the annexes)
    paras = [p for p in body if p.tag == f"{W}p"]
    assert paras[-len(mine):] == mine
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in mine]
    assert styles[0] == "UNSummaryHeading" and set(styles) <= {
        "UNSummaryHeading", "UNSummary", "UNSummaryEntry", "UNSummaryLegend"}


def test_docx_summary_is_never_a_tracked_change_nor_numbered(built):
    _, _, _, docx = built
    mine, _, _ = summary_paragraphs(docx)
    assert len(mine) >= 8
    tracked = {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}
    for p in mine:
        assert not [e.tag for e in p.iter() if e.tag in tracked], text(p)
        assert not [a for a in p.iterancestors() if a.tag in tracked]
        assert p.find(f"{W}pPr/{W}numPr") is None  # not in Word's list numbering
        assert p.find(f"{W}pPr/{W}rPr/{W}ins") is None  # the paragraph mark is not inserted


@pytest.mark.parametrize("lang, word, rtl", [("en", "en-GB", False), ("fr", "fr-FR", False),
                                             ("zh", "zh-CN", False), ("ar", "ar-SA", True)])
def test_docx_summary_styles_carry_the_language_and_direction(lang, word, rtl):
    _, _, styles = summary_paragraphs(writers.render("docx", redline(lang)))
    for sid in ("UNSummaryHeading", "UNSummary", "UNSummaryEntry", "UNSummaryLegend"):
        style = styles.find(f"{W}style[@{W}styleId='{sid}']")
        lang_el = style.find(f"{W}rPr/{W}lang")
        assert (lang_el.get(f"{W}val"), lang_el.get(f"{W}bidi")) == (word, word), sid
        assert (style.find(f"{W}pPr/{W}bidi") is not None) is rtl, sid
        assert (style.find(f"{W}rPr/{W}rtl") is not None) is rtl, sid
    heading = styles.find(f"{W}style[@{W}styleId='UNSummaryHeading']")
    assert heading.find(f"{W}pPr/{W}pageBreakBefore") is not None


def test_no_summary_outside_a_redline():
    from conftest import SEED

    from pipeline.app.build import load_document

    doc = load_document(SEED)
    mine, _, styles = summary_paragraphs(writers.render("docx", doc))
    assert mine == []
    with pdfplumber.open(io.BytesIO(writers.render("pdf", doc))) as pdf:
        assert "Changes in this version" not in pdf.pages[-1].extract_text()
