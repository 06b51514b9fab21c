"""The no-break hyphen (U+2011, "pre‑recorded" in A/RES/80/1) in the PDF: printed with the body
font's hyphen (Liberation Serif has no U+2011 glyph; Pango printed DejaVu Serif's), read as a
hyphen by pdftotext, and the word never split at a line end. The HTML and the DOCX keep U+2011
as the source has it (pipeline/writers/pdf/hyphens.py).
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from support.pdf_lines import word_lines

from pipeline.app.build import build_file
from pipeline.writers.pdf.hyphens import no_break_hyphens

NBH = "\u2011"
WORD = f"pre{NBH}recorded"
FILLERS = ["a", "an", "the", "its", "that", "which", "whose", "States"]


def _source(hyphen: str) -> str:
    # Each paragraph moves the word along the line by a few letters, so that in some of them
    # it stands where a line would break after a hyphen (the control below checks it does).
    paras = []
    for i in range(16):
        fill = " ".join(FILLERS[(i + j) % len(FILLERS)] for j in range(i % 7 + 1))
        text = (f"Decides that {fill} State may submit a pre{hyphen}recorded statement, "
                f"{fill} pre{hyphen}recorded video and {fill[: i % 5 + 1]} pre{hyphen}recorded message "
                f"of its President at {fill} meeting;")
        paras.append(f'  - "{text}"')
    return ("symbol: A/RES/80/997\nsession: 80\nissued: 2025-09-19\n"
            "title: Participation by means of pre" + hyphen + "recorded statements\n"
            "preamble:\n  - Recalling its resolution 79/1,\n"
            "operative:\n" + "\n".join(paras) + "\nadopted: {meeting: 3, date: 2025-09-19}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("nbhy")
    files = {}
    for name, hyphen in (("nbh", NBH), ("plain", "-")):
        src = out / f"{name}.yaml"
        src.write_text(_source(hyphen), encoding="utf-8")
        for style in ("modern", "1998"):
            kinds = ("pdf", "html", "docx") if name == "nbh" else ("pdf",)
            got = build_file(src, out / name / style, kinds, style, None)
            files[name, style] = {p.suffix: p for p in got}
    return files


def _lines(pdf_path: Path) -> list[list[dict]]:
    """Body lines of every page, each a list of words with their characters."""
    with pdfplumber.open(pdf_path) as pdf:
        return [line for page in pdf.pages
                for line in word_lines(page, extra_attrs=["size"], return_chars=True)]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_hyphen_is_the_body_fonts(built, style):
    words = [w for line in _lines(built["nbh", style][".pdf"]) for w in line]
    found = [w for w in words if w["text"].replace(NBH, "-").strip(",.;") == "pre-recorded"]
    for w in found:
        fonts = {c["fontname"] for c in w["chars"]}
        assert len(fonts) == 1, fonts  # the hyphen in the letters' font: was DejaVu Serif's
        assert "DejaVu" not in fonts.pop()
    assert len(found) >= 40


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_word_never_splits_at_a_line_end(built, style):
    lines = _lines(built["nbh", style][".pdf"])
    assert not [ln for ln in lines if ln[-1]["text"].endswith("pre-") or ln[-1]["text"].endswith("-")]
    assert not [ln for ln in lines if ln[0]["text"].startswith("recorded")]
    # the control: with a plain hyphen the same paragraphs do break after "pre-"
    plain = _lines(built["plain", style][".pdf"])
    assert [ln for ln in plain if ln[-1]["text"] == "pre-"]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_word_is_as_wide_as_with_a_plain_hyphen(built, style):
    """No extra letter spacing: the word's width is the plain hyphen's word's."""
    def widths(key):
        return sorted({round(w["x1"] - w["x0"], 2) for ln in _lines(built[key, style][".pdf"])
                       for w in ln if w["text"].replace(NBH, "-") == "pre-recorded"})
    assert widths("nbh") == widths("plain")


def test_pdftotext_reads_a_hyphen(built):
    text = subprocess.run(["pdftotext", str(built["nbh", "modern"][".pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.count("pre-recorded") >= 40
    assert NBH not in text and "\u200d" not in text


def test_html_and_docx_keep_u2011(built):
    html = built["nbh", "modern"][".html"].read_text(encoding="utf-8")
    assert html.count(WORD) >= 49 and "\u200d" not in html
    xml = zipfile.ZipFile(built["nbh", "modern"][".docx"]).read("word/document.xml").decode()
    assert xml.count(WORD) >= 48


def test_only_the_body_text_is_rewritten():
    html = ('<html><head><title>pre‑recorded</title></head><body><p class="a‑b">pre‑recorded '
            '<em>x</em>‑<i>y</i></p></body></html>')
    got = no_break_hyphens(html)
    assert got == ('<html><head><title>pre‑recorded</title></head><body><p class="a‑b">'
                   'pre-\u200drecorded <em>x</em>-\u200d<i>y</i></p></body></html>')
