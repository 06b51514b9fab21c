"""The "Original:" line names the language the text was written in, in the document's language:
``original: en`` prints "Original : anglais" in a French document and "Original: inglés" in a
Spanish one (the non-resolution mastheads of A/53/250 and A/57/551, shared/docs/languages.md);
Russian, Chinese and Arabic documents print their masthead's right-hand lines in English
("Original: English" in A/65/L.78's Arabic masthead). ``original: true`` is the document's own
language, as before.

Before, ``original:`` was a boolean and printed the document's own language only (a French
translation of an English original said "Original : français"), and a Spanish, Russian, Chinese or
Arabic document in the modern style with ``original: true`` failed to build (no original_modern).
"""

from __future__ import annotations

import subprocess
import zipfile

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = """\
language: {lang}
symbol: A/RES/80/1
issued: 2025-09-10
original: {original}
session: 80
title: Test resolution
operative:
  - Decides to remain seized of the matter.
adopted:
  meeting: 5
  date: 2025-09-09
"""


def _build(tmp_path, lang, original, style="modern"):
    src = tmp_path / f"{lang}-{original}.yaml"
    src.write_text(SOURCE.format(lang=lang, original=original), encoding="utf-8")
    return build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)


def _texts(pdf, page, docx) -> tuple[str, str, str]:
    """Page 1's text (pdftotext), the HTML's text and the DOCX body's paragraphs, one a line."""
    pdf_text = subprocess.run(["pdftotext", "-l", "1", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    html_text = lxml.html.fromstring(page.read_bytes()).text_content()
    with zipfile.ZipFile(docx) as z:  # the masthead stands in page 1's header
        parts = [lxml.etree.fromstring(z.read(n)) for n in z.namelist()
                 if n == "word/document.xml" or n.startswith("word/header")]
    docx_text = "\n".join("".join(p.itertext()) for part in parts for p in part.iter(f"{W}p"))
    return pdf_text, html_text, docx_text


@pytest.mark.parametrize(
    "lang, original, line",
    [
        ("fr", "en", "Original : anglais"),  # a French translation of an English original
        ("es", "en", "Original: inglés"),
        ("fr", "true", "Original : français"),  # true: the document's own language, as before
        ("en", "fr", "Original: French"),
        ("en", "true", "Original: English"),
        ("ru", "en", "Original: English"),  # the Russian masthead's right-hand lines are English
        ("ar", "fr", "Original: French"),
        ("zh", "true", "Original: Chinese"),
    ],
)
def test_the_line_names_the_original_in_the_documents_language(tmp_path, lang, original, line):
    own = {"fr": "Original : français", "es": "Original: español", "en": "Original: English"}
    for text in _texts(*_build(tmp_path, lang, original)):
        assert line in text, text
        if original != "true" and lang in own:
            assert own[lang] not in text  # not the document's own language


def test_the_1998_masthead_prints_it_in_capitals(tmp_path):
    pdf_text, html_text, docx_text = _texts(*_build(tmp_path, "fr", "en", "1998"))
    assert all("ORIGINAL : ANGLAIS" in t for t in (pdf_text, html_text, docx_text))


def test_the_importer_reads_the_originals_language_as_a_code():
    from pipeline.importer.words import Words
    from pipeline.transforms.words import catalogue

    path = ROOT / "tests" / "import" / "drafts" / "A_80_L.7.txt"
    assert yaml.safe_load(convert(read_input(str(path)), str(path)).yaml)["original"] == "en"  # "Original: English"
    # as each language's masthead prints it: in its own words, or in English (ru, zh, ar)
    assert Words(catalogue("fr")).original("Original : anglais") == "en"
    assert Words(catalogue("es")).original("Original: inglés") == "en"
    assert Words(catalogue("ru")).original("Original: English") == "en"
    assert Words(catalogue("en")).original("ORIGINAL: FRENCH") == "fr"
    assert Words(catalogue("en")).original("ORIGINAL: KLINGON") is True  # none unres knows: the document's own


def test_akn_states_the_line_and_gives_the_code_back(tmp_path):
    from pipeline.importer.akn import read
    from pipeline.source import load
    from pipeline.transforms.resolve import build
    from pipeline.writers.akn import render

    src = tmp_path / "fr.yaml"
    src.write_text(SOURCE.format(lang="fr", original="en"), encoding="utf-8")
    xml = render(build(load(src)))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    [line] = lxml.etree.fromstring(xml).findall(".//a:coverPage//a:inline[@name='originalLanguage']", ns)
    assert line.text == "Original : anglais"
    assert read(xml, "x.akn.xml")["original"] == "en"
