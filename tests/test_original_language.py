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

import re
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


def test_the_importer_reads_an_original_line_broken_before_its_language():
    """A/RES/46/221 (1991) prints "ORIGINAL:" and "ENGLISH" on two lines: read as one, the
    original's language ("en"), the second line not left out with a warning (before: True, the
    document's own, and "left out: 'ENGLISH'")."""
    path = ROOT / "tests" / "import" / "excerpts" / "A_RES_46_221_table.txt"
    result = convert(read_input(str(path)), str(path))
    assert yaml.safe_load(result.yaml)["original"] == "en"
    assert not [d for d in result.warnings if "ENGLISH" in d.message]


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


# -- the document's own language above "Original:" ("Français" / "Original : anglais") ---------
# A translation's masthead names its own language on the line above "Original:" (A/53/250:
# "Français", "Original: anglais"; A/57/551: "Español Original: inglés"; A/65/L.78: "Arabic
# Original: English", its block in English; shared/docs/languages.md). Russian (A/69/972,
# research-un-format.md) and Chinese (not documented) follow the Arabic pattern; English too.
OWN = [
    ("fr", "en", "Français", "Original : anglais"),
    ("es", "en", "Español", "Original: inglés"),
    ("ar", "en", "Arabic", "Original: English"),
    ("ru", "en", "Russian", "Original: English"),
    ("zh", "fr", "Chinese", "Original: French"),
    ("en", "fr", "English", "Original: French"),
]


def _lines(text: str) -> list[str]:
    """Non-blank lines, spaces squeezed, without the direction marks pdftotext puts around the
    left-to-right lines of an Arabic page."""
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)
    return [" ".join(x.split()) for x in text.split("\n") if x.strip()]


def _docx_header_lines(docx) -> list[str]:
    """Page 1's header (the masthead) as lines: its paragraphs, split at their line breaks."""
    with zipfile.ZipFile(docx) as z:
        headers = [lxml.etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/header")]
    lines: list[str] = []
    for part in headers:
        for p in part.iter(f"{W}p"):
            line = ""
            for el in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
                if el.tag == f"{W}br":
                    lines.append(line)
                    line = ""
                else:
                    line += el.text or "" if el.tag == f"{W}t" else " "
            lines.append(line)
    return _lines("\n".join(lines))


@pytest.mark.parametrize("lang, original, own, line", OWN)
def test_a_translation_names_its_own_language_above_the_original(tmp_path, lang, original, own, line):
    pdf, page, docx = _build(tmp_path, lang, original)
    pdf_lines = _lines(subprocess.run(["pdftotext", "-l", "1", "-enc", "UTF-8", str(pdf), "-"],
                                      capture_output=True, text=True, check=True).stdout)
    assert pdf_lines[pdf_lines.index(own) + 1] == line, pdf_lines
    dist = lxml.html.fromstring(page.read_bytes()).xpath("//div[@class='mh-dist']/p")
    texts = [" ".join(p.text_content().split()) for p in dist]
    assert texts[texts.index(own) + 1] == line and dist[texts.index(own)].get("class") == "language-line"
    header = _docx_header_lines(docx)
    assert header[header.index(own) + 1] == line, header


def test_the_1998_masthead_prints_it_in_the_capitals_of_its_original_line(tmp_path):
    pdf, page, docx = _build(tmp_path, "fr", "en", "1998")
    pdf_lines = _lines(subprocess.run(["pdftotext", "-l", "1", "-enc", "UTF-8", str(pdf), "-"],
                                      capture_output=True, text=True, check=True).stdout)
    assert pdf_lines[pdf_lines.index("FRANÇAIS") + 1] == "ORIGINAL : ANGLAIS"
    header = _docx_header_lines(docx)
    assert header[header.index("FRANÇAIS") + 1] == "ORIGINAL : ANGLAIS"
    assert lxml.html.fromstring(page.read_bytes()).xpath("//p[@class='language-line']/text()") == ["FRANÇAIS"]


@pytest.mark.parametrize("original", ["true", "fr"])
def test_no_language_line_when_the_original_is_the_documents_own(tmp_path, original):
    pdf, page, docx = _build(tmp_path, "fr", original)
    pdf_text, html_text, _ = _texts(pdf, page, docx)
    assert "Original : français" in pdf_text and "Français" not in pdf_text
    assert not lxml.html.fromstring(page.read_bytes()).xpath("//p[@class='language-line']")
    assert "Français" not in _docx_header_lines(docx)


def test_the_same_code_builds_the_same_html_as_true(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, own, _ = _build(tmp_path / "a", "fr", "fr")
    _, true, _ = _build(tmp_path / "b", "fr", "true")
    assert own.read_bytes() == true.read_bytes()


def test_akn_puts_the_language_line_before_the_original(tmp_path):
    from pipeline.importer.akn import read
    from pipeline.source import load
    from pipeline.transforms.resolve import build
    from pipeline.writers.akn import render

    src = tmp_path / "fr.yaml"
    src.write_text(SOURCE.format(lang="fr", original="en"), encoding="utf-8")
    xml = render(build(load(src)))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    cover = [p.get("class") for p in lxml.etree.fromstring(xml).findall(".//a:coverPage/a:p", ns)]
    assert cover[cover.index("language") + 1] == "original"
    [line] = lxml.etree.fromstring(xml).findall(".//a:coverPage/a:p[@class='language']/a:inline", ns)
    assert (line.get("name"), line.text) == ("language", "Français")
    assert read(xml, "x.akn.xml")["original"] == "en"
    src.write_text(SOURCE.format(lang="fr", original="true"), encoding="utf-8")
    assert b'class="language"' not in render(build(load(src)))


FRENCH_MASTHEAD = ROOT / "tests" / "import" / "A_RES_80_1_french_translation.txt"


def test_the_importer_reads_a_translations_language_line_not_as_text():
    """A/53/250's "Français" / "Original: anglais" (made-up input in its style): the line is
    read, not warned about as left out, and in no field of the source; the original is "en"."""
    imported = convert(read_input(str(FRENCH_MASTHEAD)), str(FRENCH_MASTHEAD))
    data = yaml.safe_load(imported.yaml)
    assert data["language"] == "fr" and data["original"] == "en"
    assert "Français" not in imported.yaml and "Original" not in imported.yaml
    assert [w.line for w in imported.warnings] == [1]  # the made-up input's header comment only


def test_the_importer_reads_back_its_own_french_masthead(tmp_path):
    """pdftotext of the French PDF of an English original: "Français" and "Original : anglais"
    read back as original: en, neither left in the text."""
    pdf, _, _ = _build(tmp_path, "fr", "en")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    imported = convert(text, "A_RES_80_1.txt")
    assert yaml.safe_load(imported.yaml)["original"] == "en"
    assert "Français" not in imported.yaml
    assert not [w for w in imported.warnings if "Français" in w.message or "Original" in w.message]


@pytest.mark.parametrize("lang, entry", [("en", "Original-language line changed"),
                                         ("fr", "Ligne de la langue originale modifiée")])
def test_a_redline_lists_the_changed_original_line(tmp_path, lang, entry):
    from pipeline.app.build import load_document
    from pipeline.transforms.diff import diff

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(SOURCE.format(lang=lang, original="true"), encoding="utf-8")
    new.write_text(SOURCE.format(lang=lang, original="es"), encoding="utf-8")
    red = diff(load_document(old), load_document(new))
    assert [e.text for e in red.redline.summary.entries] == [entry]
    same = diff(load_document(old), load_document(old))
    assert not same.redline.summary.entries
