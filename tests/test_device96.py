"""``device: 96dpi``: Word's page for a 96-dpi device (docs/layout.md, "A/RES/ES-11/4: another
device"). The issued A/RES/ES-11/4 is the reference: its pages end where ours end, its glyphs
advance by whole 96-dpi pixels as ours do, and the setting changes nothing but the PDF."""

from __future__ import annotations

import io
import sys
from collections import Counter

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from pipeline.importer.akn import read
from pipeline.source.loader import load
from pipeline.transforms.resolve import build
from pipeline.writers import docx, html
from pipeline.writers.akn import render as render_akn
from pipeline.writers.pdf import device
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import layout_match  # noqa: E402

ISSUED = layout_match.find_reference("A_RES_ES-11_4.pdf")
SOURCE = ROOT / "tests" / "layout" / "A_RES_ES-11_4.yaml"
needs_issued = pytest.mark.skipif(ISSUED is None, reason="../shared/reference/A_RES_ES-11_4.pdf is not beside this clone")
BODY = 9.75  # 10 pt at 96 dpi: 13 px


@pytest.fixture(scope="module")
def printer_source(tmp_path_factory):
    """The same source without ``device:`` (the 600-dpi printer's page)."""
    text = "".join(ln for ln in SOURCE.read_text(encoding="utf-8").splitlines(True) if not ln.startswith("device:"))
    path = tmp_path_factory.mktemp("printer") / "A_RES_ES-11_4.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ours() -> bytes:
    return layout_match.build_pdf(SOURCE, None)


@pytest.fixture(scope="module")
def advances():
    """Character → whole-pixel advance (pt) of the body's faces at 13 px, by fontconfig style."""
    out = {}
    for style in ("Regular", "Italic", "Bold"):
        font = TTFont(str(device.source_font(style)))
        upm, cmap, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
        out[style] = {chr(c): device.pixel_advance(hmtx[g][0], upm, 13) * 0.75 for c, g in cmap.items()}
    return out


def _style(fontname: str) -> str:
    return "Bold" if "Bold" in fontname else "Italic" if "Italic" in fontname else "Regular"


def _pitches(pdf, advances) -> Counter:
    """(matches, all) of the body's glyph pitches (next glyph's x0 − this one's, in a word)
    against the whole-pixel advances."""
    tally: Counter = Counter()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = page.chars
            for a, b in zip(chars, chars[1:]):
                if abs(a["size"] - BODY) > 0.01 or abs(b["size"] - BODY) > 0.01 or abs(a["top"] - b["top"]) > 1:
                    continue
                if not a["text"].strip() or not b["text"].strip() or a["fontname"] != b["fontname"]:
                    continue
                want = advances[_style(a["fontname"])].get(a["text"])
                pitch = b["x0"] - a["x0"]
                if want is None or not 0 < pitch < want + 1.4:  # a space between them: not a pitch
                    continue
                tally["all"] += 1
                tally["match"] += abs(pitch - want) < 0.05
    return tally


@needs_issued
def test_pages_end_where_the_issued_pages_end(printer_source):
    """Both issued page ends; the 600-dpi page of the same source misses page 1's."""
    m = layout_match.measure(ISSUED, SOURCE)
    assert (m.page_ends, m.page_ends_total, m.pages_issued, m.pages_ours) == (2, 2, 3, 3), m.missed_pages
    assert m.lines_total >= 80 and m.line_fraction >= 0.88, m.missed_lines
    printer = layout_match.measure(ISSUED, printer_source)
    assert printer.page_ends < 2


def test_body_glyphs_advance_by_whole_pixels(ours, advances):
    """9.75 pt (13 px), each glyph followed at its font's advance rounded to a whole pixel."""
    sizes = Counter(round(c["size"], 2) for c in pdfplumber.open(io.BytesIO(ours)).pages[0].chars)
    assert sizes.most_common(1)[0][0] == BODY
    tally = _pitches(io.BytesIO(ours), advances)
    assert tally["all"] > 3000 and tally["match"] / tally["all"] > 0.99, tally


@needs_issued
def test_the_issued_glyphs_are_the_derived_fonts(advances):
    """The model against the issued PDF: 97 % of its body pitches are the whole-pixel advances
    (3,408 of the 3,500 upright ones; the rest one pixel off, in some justified lines)."""
    tally = _pitches(ISSUED, advances)
    assert tally["all"] > 3500 and tally["match"] / tally["all"] > 0.96, tally


@needs_issued
def test_page_1_stands_where_the_issued_page_1_stands(ours):
    """Session line, heading, committee line, title, "The General Assembly," and the first
    paragraph within 0.5 pt of their issued tops (the 600-dpi page: 1.4 to 3.6 pt higher)."""
    def tops(pdf):
        with pdfplumber.open(pdf) as doc:
            return {ln["text"][:20]: ln["top"] for ln in doc.pages[0].extract_text_lines()}
    issued, mine = tops(ISSUED), tops(io.BytesIO(ours))
    for key in ("Eleventh emergency s", "Resolution adopted b", "[without reference t", "ES-11/4. Territorial",
                "The General Assembly", "Recalling the obliga"):
        assert abs(issued[key] - mine[key]) < 0.5, (key, issued[key], mine[key])


def test_the_derived_font_is_renamed_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("UNRES_FONT_CACHE", str(tmp_path))
    source = device.source_font("Regular")
    path = device.derived_font(source, 13)
    font = TTFont(str(path))
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
    for name_id in (1, 3, 4, 6):  # the OFL's Reserved Font Names are the original's
        assert "Liberation" not in names[name_id] and "Tinos" not in names[name_id], names[name_id]
    assert names[1] == "Unres Serif 13px" and "Open Font License" in names[13] and "Red Hat" in names[0]
    w = font.getBestCmap()[ord("w")]
    assert font["hmtx"][w][0] == round(9 * 2048 / 13)  # 9.39 px → 9
    stamp = path.stat().st_mtime_ns
    assert device.derived_font(source, 13) == path and path.stat().st_mtime_ns == stamp  # not rewritten
    assert len(list(tmp_path.iterdir())) == 1  # no temporary file left


def test_the_device_goes_through_akn_and_only_changes_the_pdf(printer_source):
    """The source's device: comes back from AKN; the HTML and the DOCX are the 600-dpi ones
    (a DOCX is laid out by the Word that opens it, for its own device); another style's page is
    its own (``--style 2014``: a printer's)."""
    src, printer = load(SOURCE), load(printer_source)
    assert read(render_akn(build(src)), "x.akn.xml") == src.data
    doc, doc600 = build(src), build(printer)
    assert (doc.style.device, doc600.style.device, build(src, style="2014").style.device) == ("96dpi", "600dpi", "600dpi")
    assert html.render(doc) == html.render(doc600)
    assert docx.render(doc) == docx.render(doc600)
