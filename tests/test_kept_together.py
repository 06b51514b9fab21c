"""Words that issued pages never part stay on one line in the PDF (pipeline/transforms/finish.py):
a day and its month, with or without a year ("14 December thereafter", A/RES/80/106 p.2), and
the catalogue's words before their number ("Article 73", "para. 15", "Supplement No. 53");
a month and its year, and "resolution" and its number, still part where the line ends. The
words read as typed (pdftotext gives a space), and the HTML page keeps the text as typed. The
DOCX carries the same no-break spaces, so that Word keeps the pairs as the issued files do.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from support.pdf_lines import word_lines
from support.shifted import shifted_paragraphs

from pipeline.app.build import build_file
from pipeline.transforms import finish as finish_pass

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
KEPT = ["14 December thereafter", "2 May", "Article 73", "para. 15", "Supplement No. 53", "Goal 16"]


def _source() -> str:
    # Each paragraph moves the pairs along the line by a few letters, so that in some of them the
    # line would end between the two words (the control below checks that it does).
    paras = shifted_paragraphs(KEPT, "decision")
    return ("symbol: A/RES/80/997\nsession: 80\nissued: 2025-12-15\n"
            "title: Words kept together\n"
            "preamble:\n  - Recalling its resolution 79/1,\n"
            "operative:\n" + "\n".join(paras) +
            "\nadopted: {meeting: 3, date: 2025-12-15}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("kept")
    src = out / "doc.yaml"
    src.write_text(_source(), encoding="utf-8")
    files = {}
    for style in ("modern", "1998"):
        files["kept", style] = build_file(src, out / "kept" / style, ("pdf", "html", "docx"), style, None)
    with pytest.MonkeyPatch.context() as patch:  # the control: no pair kept, as before
        patch.setattr(finish_pass, "_kept", lambda lang: ())
        for style in ("modern", "1998"):
            files["free", style] = build_file(src, out / "free" / style, ("pdf",), style, None)
    return files


def _parted(path: Path) -> list[str]:
    """Line ends between the two words of a kept pair: "14 / December", "Article / 73"."""
    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in word_lines(page)]
    found = []
    for line, after in zip(lines, lines[1:]):
        last, first = line[-1]["text"], after[0]["text"]
        day_month = re.fullmatch(r"\d{1,2}", last) and re.match(MONTHS, first)
        word_number = last in ("Article", "para.", "No.", "Goal") and first[:1].isdigit()
        if day_month or word_number or (last, first) == ("Supplement", "No."):
            found.append(f"{last} / {first}")
    return found


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_kept_pairs_never_part(built, style):
    pdf = next(p for p in built["kept", style] if p.suffix == ".pdf")
    assert _parted(pdf) == []
    # the control: without the no-break spaces the same paragraphs part some pairs
    assert len(_parted(built["free", style][0])) >= 3


def test_kept_pairs_read_as_typed(built):
    files = built["kept", "modern"]
    pdf = next(p for p in files if p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.replace("\u00a0", " ").split())
    for pair in KEPT:
        assert pair in flat
    html = next(p for p in files if p.suffix == ".html").read_text(encoding="utf-8")
    for pair in KEPT:  # the screen page reflows: its text is as typed
        assert pair in html


def test_the_docx_keeps_the_pairs_with_no_break_spaces(built):
    docx = next(p for p in built["kept", "modern"] if p.suffix == ".docx")
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    texts = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    for pair in KEPT:
        assert pair.replace(" ", "\u00a0", 2 if pair.startswith("Supplement") else 1) in texts, pair
    assert "December thereafter" in texts  # a month and the word after it still part
