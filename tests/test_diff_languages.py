"""``unres diff`` in every language: Chinese is diffed by characters (a change marks the
characters changed, merged into runs, not the whole unspaced sentence), the other languages by
words; an Arabic redline reads right to left in HTML, PDF and DOCX.

The texts are real: 2758 (XXVI) in Chinese (shared/corpus/multilingual, the copy's Traditional
characters), 52/102 and 52/31 in Arabic (un.org/arabic), 2751 (XXVI) in Russian and French.
"""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from lxml import etree, html
from support.redlines import LANGUAGE_EDITS, LANGUAGE_HEAD, LANGUAGE_SOURCES, language_texts

from pipeline import writers
from pipeline.model import Document, Text, walk_paras
from pipeline.source import load
from pipeline.transforms.diff import diff, tokenize
from pipeline.transforms.resolve import build

HEAD, SOURCES, EDITS = LANGUAGE_HEAD, LANGUAGE_SOURCES, LANGUAGE_EDITS


def versions(lang: str) -> tuple[Document, Document, Document]:
    old_text, new_text = language_texts(lang)
    old, new = build(load(f"{lang}-old.yaml", old_text)), build(load(f"{lang}-new.yaml", new_text))
    return old, new, diff(old, new, author="Drafter", date="2026-01-02T00:00:00Z")


def marked(doc: Document) -> list[tuple[str, str]]:
    out = []
    for part in doc.parts:
        for p in (*walk_paras(part.preamble), *walk_paras(part.operative)):
            out += [(r.change, r.text) for r in p.runs if r.change and isinstance(r, Text)]
    return out


def test_chinese_is_tokenized_by_character():
    keys, _ = tokenize((Text("回顧聯合國憲章的原則, capacity-building"),))
    assert [k[1] for k in keys][:5] == ["回", "顧", "聯", "合", "國"]
    assert "capacity-building" in [k[1] for k in keys]


@pytest.mark.parametrize("lang", sorted(EDITS))
def test_an_edit_marks_only_what_changed(lang):
    _, _, red = versions(lang)
    marks = marked(red)
    assert [m for m, _ in marks] == ["ins"], marks
    inserted = marks[0][1].strip()
    expected = {"zh": "宗旨和", "ar": "شاملا", "ru": "незамедлительно", "fr": "nouvelle"}[lang]
    assert inserted == expected, inserted
    s = red.diff_summary
    assert {k: v for k, v in s.counts.items() if v} == {"changed": 1}


def test_chinese_character_change_is_a_run_of_characters():
    old, new = build(load("o.yaml", HEAD.format(lang="zh") + SOURCES["zh"])), build(load(
        "n.yaml", HEAD.format(lang="zh") + SOURCES["zh"].replace("一切權利", "全部合法權利")))
    red = diff(old, new)
    assert marked(red) == [("del", "一切"), ("ins", "全部合法")]


def test_arabic_redline_reads_right_to_left_in_every_format():
    _, _, red = versions("ar")
    page = html.fromstring(writers.render("html", red))
    assert page.get("dir") == "rtl" and page.get("lang") == "ar"
    assert [" ".join(e.text_content().split()) for e in page.find(".//main").iter("ins")] == ["شاملا"]
    with pdfplumber.open(io.BytesIO(writers.render("pdf", red))) as pdf:
        page1 = pdf.pages[0]
        lines = page1.extract_text_lines()
        width = page1.width
    # the inserted word's line is drawn right to left: it ends at the right margin, as the
    # enacting formula's line does, and its first letter stands rightmost
    line = next(ln for ln in lines if "الماش" in ln["text"])  # "شاملا" as drawn, right to left
    enacting = next(ln for ln in lines if "ةيعمجلا" in ln["text"] and len(ln["text"]) < 25)
    assert line["x1"] == pytest.approx(enacting["x1"], abs=2) and line["x1"] > width / 2 + 150
    with zipfile.ZipFile(io.BytesIO(writers.render("docx", red))) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ins = doc.findall(f".//{w}ins")
    assert ["".join(t.text for t in i.iter(f"{w}t")).strip() for i in ins] == ["شاملا"]
    assert styles.find(f".//{w}docDefaults//{w}pPr/{w}bidi") is not None
