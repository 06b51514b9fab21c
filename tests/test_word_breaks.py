"""Lines break only where Word breaks them (pipeline/writers/pdf/wordbreaks.py): never after the
solidus of a document symbol ("A/" / "RES/80/155") or at the full stop of "figure I.1." or "Sales
No. E.93.I.8", where Pango's UAX #14 breaks allow it; a web address longer than a note's line
still breaks at its slashes and stays within the margin; the words read as typed.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from support.pdf_lines import word_lines
from support.shifted import shifted_paragraphs

from pipeline.app.build import build_file
from pipeline.writers.pdf import writer as pdf_writer
from pipeline.writers.pdf.wordbreaks import word_breaks

TOKENS = ["A/RES/80/155", "GC(69)/RES/10", "A/CONF.48/14/Rev.1", "figure I.1.", "E.93.I.8"]
URL = "https://www.un.org/development/desa/dspd/world_social_report/2025/WSR_2025_full_report_english_edition.pdf"
INSIDE = re.compile(r"(/|[^\W\d_]\.)$")  # a line that ends after a solidus or a letter's full stop


def _source() -> str:
    # Each paragraph moves the tokens along the line by a few letters, so that in some of them
    # they stand where Pango would break inside them (the control below checks it does).
    paras = shifted_paragraphs(TOKENS, "document")
    return ("symbol: A/RES/80/998\nsession: 80\nissued: 2025-12-15\n"
            "title: Line breaks in document symbols\n"
            "preamble:\n  - Recalling its resolution 79/1,[^1]\n"
            "operative:\n" + "\n".join(paras) +
            f"\nfootnotes:\n  1: See {URL} (accessed 1 December 2025).\n"
            "adopted: {meeting: 3, date: 2025-12-15}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("wordbreaks")
    src = out / "doc.yaml"
    src.write_text(_source(), encoding="utf-8")
    files = {}
    for style in ("modern", "1998"):
        files["word", style] = build_file(src, out / "word" / style, ("pdf",), style, None)[0]
    with pytest.MonkeyPatch.context() as patch:  # the control: Pango's breaks, as before
        patch.setattr(pdf_writer, "word_breaks", lambda html: html)
        for style in ("modern", "1998"):
            files["pango", style] = build_file(src, out / "pango" / style, ("pdf",), style, None)[0]
    return files


def _lines(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in word_lines(page)]


def _inside(lines: list[list[dict]]) -> list[str]:
    """Line ends inside a symbol or reference: "…A/", "…I." before a line that starts with a digit."""
    found = []
    for line, after in zip(lines, lines[1:]):
        last = line[-1]["text"]
        if last.startswith("http"):
            continue
        if INSIDE.search(last) and (last.endswith("/") or after[0]["text"][:1].isdigit()):
            found.append(f"{last} / {after[0]['text']}")
    return found


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_no_line_ends_inside_a_symbol(built, style):
    assert _inside(_lines(built["word", style])) == []
    # the control: without the joiners the same paragraphs break inside the tokens
    assert len(_inside(_lines(built["pango", style]))) >= 3


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_tokens_are_as_wide_as_before(built, style):
    def widths(key):
        return sorted({round(w["x1"] - w["x0"], 2) for ln in _lines(built[key, style])
                       for w in ln if w["text"].rstrip(",;") in TOKENS[:3]})
    assert widths("word")
    assert set(widths("word")) <= set(widths("pango"))


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_a_long_web_address_breaks_within_the_margin(built, style):
    with pdfplumber.open(built["word", style]) as pdf:
        chars = pdf.pages[0].chars
        text = "".join(c["text"] for c in chars)
    size = Counter(c["size"] for c in chars).most_common(1)[0][0]  # the body's type
    right = max(c["x1"] for c in chars if c["size"] == size)  # its justified lines' right edge
    notes = [c for c in chars if c["size"] < size and c["top"] > chars[0]["top"] + 200]
    assert "https://www.un.org/development" in text
    assert notes and max(c["x1"] for c in notes) <= right + 0.5


def test_the_text_reads_as_typed(built):
    text = subprocess.run(["pdftotext", str(built["word", "modern"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "\u200d" not in text
    assert text.count("A/RES/80/155") >= 20 and text.count("E.93.I.8") >= 20


def test_only_the_body_text_outside_style_is_rewritten():
    html = ('<html><head><title>A/RES/1</title></head><body><p class="A/B">A/RES/1 I.1 10.5 '
            'https://x.org/a/b</p><style>p { font: 10.5pt serif }</style></body></html>')
    assert word_breaks(html) == (
        '<html><head><title>A/RES/1</title></head><body><p class="A/B">A/\u200dRES/\u200d1 I.\u200d1 10.5 '
        'https://x.org/a/b</p><style>p { font: 10.5pt serif }</style></body></html>')


# A word longer than any line: a web address with the symbol percent-encoded (no solidus to break
# at), in the text and in a note. Word breaks it at the line's end; it must not run off the page.
LONG = ("https://undocs.org/Home/Mobile?FinalSymbol=A%2FRES%2F80%2F155%2FAdd%2C1%2FCorr%2C1"
        "&Language=E&DeviceType=Desktop&LangRequested=False")


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_a_word_longer_than_the_line_breaks_at_the_margin(tmp_path, style):
    fill = "Recalling " + "its resolutions on the subject and " * 8 + "its decisions,"  # full lines
    src = tmp_path / "long.yaml"
    src.write_text("symbol: A/RES/80/997\nsession: 80\nissued: 2025-12-15\ntitle: A long address\n"
                   f"preamble:\n  - {fill}[^1]\n"
                   f"operative:\n  - Invites Member States to consult {LONG} each year;\n"
                   f"footnotes:\n  1: Available at {LONG}.\n"
                   "adopted: {meeting: 3, date: 2025-12-15}\n", encoding="utf-8")
    out = build_file(src, tmp_path / "out", ("pdf",), style, None)[0]
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        text = "".join(c["text"] for c in page.chars if c["text"].strip())
    # the text area's right edge: where the justified lines of the filling paragraph end
    right = max(w["x1"] for w in words if w["text"] in fill.split())
    top = min(w["top"] for w in words if w["text"] == "Recalling")
    below = [w for w in words if top <= w["top"] < page.height - 80]  # text and notes, no footer
    assert max(w["x1"] for w in below) <= right + 1, [w["text"] for w in below if w["x1"] > right + 1]
    assert text.count(LONG) == 2, text  # every character printed, in the text and in the note
