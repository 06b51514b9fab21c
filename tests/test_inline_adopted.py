"""A text adopted inline (issue 15): tests/fixtures/inline_adopted.yaml, A/RES/55/2 as issued to
paragraph 3 of the Millennium Declaration — "The General Assembly" (no comma: no preamble), the one
operative paragraph "Adopts the following Declaration:" (unnumbered), then the Declaration: its
title in bold, its section "I. Values and principles", its own paragraphs 1.–3. with plain openers.

What a reader sees in each format: the PDF's fonts and words (pdfplumber), the HTML's sections and
heading levels, the DOCX's styles and Word lists, the AKN's structure; and a redline of two versions
that differ inside the adopted text.
"""

from __future__ import annotations

import io
import re
import zipfile

import lxml.html
import pdfplumber
import pytest
from conftest import ROOT
from lxml import etree
from support.redlines import adopted_new_text

from pipeline import writers
from pipeline.app.build import load_document
from pipeline.importer.akn import read
from pipeline.source import load
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build
from pipeline.writers.akn.schema import errors

FIXTURE = ROOT / "tests" / "fixtures" / "inline_adopted.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = ("1998", "modern")


@pytest.fixture(scope="module", params=STYLES)
def doc(request):
    return load_document(FIXTURE, style=request.param)


def test_the_model_holds_the_adopted_text_on_the_adopting_paragraph():
    d = load_document(FIXTURE, style="modern")
    (part,) = d.parts
    assert part.enacting_after == "" and part.preamble == ()
    (adopting,) = part.operative
    assert adopting.label is None and adopting.adopts is not None
    a = adopting.adopts
    assert [t.text for t in a.title] == ["United Nations Millennium Declaration"]
    labels = [getattr(b, "label", None) for b in a.blocks]
    assert labels == ["I.", "1.", "2.", "3."]  # the modern style's "I." (annex of A/RES/80/3)
    assert [getattr(b, "label", None) for b in load_document(FIXTURE, style="1998").parts[0].operative[0]
            .adopts.blocks] == ["I", "1.", "2.", "3."]


def test_pdf_title_bold_paragraphs_numbered_with_plain_openers(doc):
    with pdfplumber.open(io.BytesIO(writers.render("pdf", doc))) as pdf:
        words = [w for p in pdf.pages for w in p.extract_words(extra_attrs=["fontname"])]
    text = [w["text"] for w in words]
    # "The General Assembly" stands alone: no comma after it
    at = next(i for i in range(len(text) - 2) if text[i:i + 3] == ["The", "General", "Assembly"]
              and "Italic" in words[i]["fontname"])
    assert text[at + 3] == "Adopts"
    assert "Italic" in words[at + 3]["fontname"]  # the operative opening, as issued
    # the Declaration's title: the second "Millennium" (the first is the resolution's), bold
    title = [w for w in words if w["text"] == "Millennium"][1]
    assert "Bold" in title["fontname"], title
    # its paragraphs: 1., 2., 3., each opening with "We" in the plain face
    starts = [(words[i + 1]["text"], words[i + 1]["fontname"]) for i, t in enumerate(text[:-1])
              if t in ("1.", "2.", "3.")]
    assert [s for s, _ in starts] == ["We,", "We", "We"]
    assert all("Italic" not in f and "Bold" not in f for _, f in starts), starts
    # the resolution's plenary line closes it, after the Declaration's last words
    end = text.index("interdependent.")
    assert text[end + 1:end + 7] == ["8th", "plenary", "meeting", "8", "September", "2000"]


def test_html_section_heading_levels_and_list(doc):
    page = lxml.html.fromstring(writers.render("html", doc))
    main = page.find(".//main")
    enacting = main.find_class("enacting")[0].text_content()
    assert enacting == "The General Assembly"
    section = main.xpath(".//section[@class='adopted']")[0]
    title = section.find("h2")
    assert section.get("aria-labelledby") == title.get("id")
    assert title.text_content() == "United Nations Millennium Declaration"
    heads = [(h.tag, " ".join(h.text_content().split())) for h in main.iter("h1", "h2", "h3", "h4")]
    assert heads == [("h1", "55/2. United Nations Millennium Declaration"),
                     ("h2", "United Nations Millennium Declaration"),
                     ("h3", ("I. " if doc.style.name == "modern" else "I ") + "Values and principles")]
    # the adopting paragraph comes before the section, its numbered paragraphs inside it
    adopting = main.xpath(".//p[contains(@class, 'operative')]")[0]
    assert adopting.text_content() == "Adopts the following Declaration:"
    assert adopting.getnext() is section
    items = section.xpath("./ol[@class='paras']/li")
    assert [li.get("value") for li in items] == ["1", "2", "3"]
    assert all(li.text_content().split()[1].startswith("We") for li in items)
    assert not section.xpath(".//li//i")  # plain openers: nothing italic


def test_docx_named_styles_and_word_numbering(doc):
    with zipfile.ZipFile(io.BytesIO(writers.render("docx", doc))) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    paras = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        paras.append((names.get(style.get(f"{W}val")) if style is not None else None, text, p))
    title = [(s, t) for s, t, _ in paras if t == "United Nations Millennium Declaration"]
    assert ("UN Adopted Title", "United Nations Millennium Declaration") in title
    enacting = next(t for s, t, _ in paras if s == "UN Enacting")
    assert enacting == "The General Assembly"
    numbered = [(t, p) for s, t, p in paras if t.startswith("We")]
    assert len(numbered) == 3
    # Word numbers them (a list, not typed labels): numPr on the paragraph or its style, level "%1."
    style_num = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style") if s.find(f"{W}pPr/{W}numPr") is not None}
    for text, p in numbered:
        assert not re.match(r"\d+\.", text)
        style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        assert p.find(f"{W}pPr/{W}numPr") is not None or style in style_num, text[:20]
    lvl_texts = {lv.find(f"{W}lvlText").get(f"{W}val") for lv in numbering.iter(f"{W}lvl")
                 if lv.find(f"{W}lvlText") is not None}
    assert "%1." in lvl_texts


def test_akn_embedded_structure_validates_and_reads_back():
    src = load(FIXTURE)
    xml = writers.render("akn", build(src))
    root = etree.fromstring(xml)
    assert errors(root) == []
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    (emb,) = root.findall(".//a:paragraph/a:content/a:p/a:embeddedStructure", ns)
    assert emb.find("a:heading", ns).text == "United Nations Millennium Declaration"
    assert [n.text for n in emb.findall(".//a:paragraph/a:num", ns)] == ["1.", "2.", "3."]
    assert read(xml, "x.akn.xml") == src.data


def test_redline_inside_the_adopted_text():
    old = build(load("old.yaml", FIXTURE.read_text(encoding="utf-8")))
    new = build(load("new.yaml", adopted_new_text()))
    red = diff(old, new, author="Drafter", date="2026-01-02T00:00:00Z")
    page = lxml.html.fromstring(writers.render("html", red))
    section = page.xpath(".//section[@class='adopted']")[0]
    ins = [" ".join(e.text_content().split()) for e in section.iter("ins")]
    dels = [" ".join(e.text_content().split()) for e in section.iter("del")]
    assert "shared" in ins and "collective" in dels
    assert "United Nations" in dels  # the title's words, word by word
    deleted = section.xpath(".//li[contains(@class, 'change-del')]")
    assert len(deleted) == 1 and "We reaffirm" in deleted[0].text_content()
    entries = [e.text for e in red.redline.summary.entries]
    assert any("Paragraph 2" in t and "changed" in t for t in entries), entries
    assert any("Paragraph 3" in t and "deleted" in t for t in entries), entries
    # the DOCX tracks the same changes inside the adopted text
    with zipfile.ZipFile(io.BytesIO(writers.render("docx", red))) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    inserted = "".join(t.text or "" for e in body.iter(f"{W}ins") for t in e.iter(f"{W}t"))
    deleted_words = "".join(t.text or "" for e in body.iter(f"{W}del") for t in e.iter(f"{W}delText"))
    assert "shared" in inserted and "collective" in deleted_words and "We reaffirm" in deleted_words
    # and the PDF prints both versions' words
    with pdfplumber.open(io.BytesIO(writers.render("pdf", red))) as pdf:
        words = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "shared" in words and "collective" in words
