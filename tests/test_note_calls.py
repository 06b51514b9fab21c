"""The footnote call's place against punctuation, set by the language (docs/languages.md in
shared/): French, Spanish, Russian and Arabic print it before the comma or full stop that ends
the phrase ("réfugiés2/,", "Políticos 1,", "Наций¹,", "اللاجئين(2)،"); English and Chinese after
it. The drafter types the call after the punctuation in every language; the pipeline places it.
Checked in what a reader sees: the PDF's glyphs (pdfplumber), the HTML and the DOCX runs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree, html

from pipeline.app.build import build_file

TEXTS = {  # (preambular paragraph ending "<word>,[^a]", the word before the call)
    "fr": ("Ayant examiné le rapport du Secrétaire général,[^a]", "général"),
    "es": ("Habiendo examinado el informe del Secretario General,[^a]", "General"),
    "ru": ("рассмотрев заявление Бутана о приеме в члены Организации,[^a]", "Организации"),
    "ar": ("وقد نظرت في تقرير الأمين العام،[^a]", "العام"),
    "en": ("Having considered the report of the Secretary-General,[^a]", "Secretary-General"),
    "zh": ("审议了秘书长的报告,[^a]", "报告"),
}
BEFORE = {"fr", "es", "ru", "ar"}
COMMA = {"ar": "،"}

SOURCE = """language: {lang}
symbol: A/RES/52/102
issued: 1998-02-09
session: 52
title: "52/102"
preamble:
  - "{para}"
operative:
  - "{op}"
footnotes: {{a: A/52/274.}}
adopted: {{meeting: 70, date: 1997-12-12}}
"""
OPERATIVE = {"fr": "Décide de poursuivre.", "es": "Decide proseguir.", "ru": "постановляет продолжить.",
             "ar": "تقرر المواصلة.", "en": "Decides to continue.", "zh": "决定继续。"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("calls")
    out = {}
    for lang, (para, _) in TEXTS.items():
        src = tmp / f"{lang}.yaml"
        src.write_text(SOURCE.format(lang=lang, para=para, op=OPERATIVE[lang]), encoding="utf-8")
        out[lang] = {p.suffix[1:]: p for p in build_file(src, tmp / lang, ("pdf", "html", "docx"))}
    return out


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_html_call_and_comma(built, lang):
    root = html.parse(str(built[lang]["html"])).getroot()
    call = root.xpath("//main//a[@role='doc-noteref']")[0]
    before = (call.getprevious().tail if call.getprevious() is not None else call.getparent().text) or ""
    after = call.tail or ""
    comma = COMMA.get(lang, ",")
    if lang in BEFORE:
        assert before.endswith(TEXTS[lang][1]) and after.startswith(comma)
    else:
        assert before.endswith(comma) and not after.startswith(comma)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_pdf_call_and_comma(built, lang):
    comma = COMMA.get(lang, ",")
    with pdfplumber.open(built[lang]["pdf"]) as pdf:
        lines = pdf.pages[0].extract_text_lines()
    found = []
    for ln in lines:  # the body line holding the call (a small "1") and the comma
        sizes = sorted(c["size"] for c in ln["chars"])
        calls = [c for c in ln["chars"] if c["text"] == "1" and c["size"] < 0.8 * sizes[len(sizes) // 2]]
        commas = [c for c in ln["chars"] if c["text"] == comma]
        if calls and commas:
            found.append((calls[0], min(commas, key=lambda c: abs(c["x0"] - calls[0]["x0"]))))
    assert found
    call, mark = found[0]
    rtl = lang == "ar"
    # reading order: left to right, or right to left in Arabic (larger x comes first)
    call_first = (call["x0"] > mark["x0"]) if rtl else (call["x0"] < mark["x0"])
    assert call_first == (lang in BEFORE)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_docx_call_and_comma(built, lang):
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(built[lang]["docx"]) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    ref = doc.find(f".//{w}footnoteReference")
    run = ref.getparent()
    prev_text = "".join(run.getprevious().itertext())
    next_text = "".join(run.getnext().itertext()) if run.getnext() is not None else ""
    comma = COMMA.get(lang, ",")
    if lang in BEFORE:
        assert prev_text.endswith(TEXTS[lang][1]) and next_text.startswith(comma)
    else:
        assert prev_text.endswith(comma)
