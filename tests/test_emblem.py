"""The UN emblem and the "Please recycle" mark, as issued documents show them.

The emblem (templates/assets/un-emblem.svg, drawn by tools/make_emblem.py from Natural Earth)
is in the masthead of both house styles unless the source says `emblem: false`; a path still
names the source's own image. "Please recycle" has its recycling mark in the modern page-1 footer.
"""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pytest
from conftest import MODERN, ROOT, SEED, unres
from lxml import html as lhtml

from pipeline.app.build import load_document
from pipeline.writers import pdf
from pipeline.writers.docx import render as docx_render
from pipeline.writers.html import render_html

ASSETS = ROOT / "templates" / "assets"
ISSUED_EMBLEM = (64.7, 71.3, 120.8)  # x0, top, x1 of the emblem on page 1 of the issued A/RES/73/8


def with_line(src, tmp_path, line: str):
    text = src.read_text(encoding="utf-8")
    path = tmp_path / src.name
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    return path


def emblem_images(data: bytes) -> list[dict]:
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    return [im for im in page.images if im["top"] < 200 and im["x1"] < 200]


def emblem_paths(data: bytes) -> int:
    """Vector drawing (the SVG emblem) in the masthead corner of page 1."""
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    return sum(1 for c in page.curves + page.rects if c["top"] < 200 and c["x1"] < 130 and c["x0"] > 30)


def test_the_emblem_is_small_and_drawn_from_its_script():
    svg = (ASSETS / "un-emblem.svg").read_text(encoding="utf-8")
    assert len(svg.encode()) < 40_000 and "Natural Earth" in svg and "92 (I)" in svg
    assert not re.search(r"(href|src)\s*=|<script|@import", svg)  # self-contained
    assert (ASSETS / "un-emblem.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("src", [MODERN, SEED], ids=["modern", "1998"])
def test_the_emblem_is_shown_by_default_in_pdf_html_and_docx(src, request):
    doc = load_document(src)
    # PDF: drawn (vector) where the issued page has it (the seed's PDF is the run's shared one)
    data = request.getfixturevalue("seed_pdf") if src == SEED else pdf.render(doc)
    assert emblem_paths(data) > 20
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    marks = [c for c in page.curves if c["top"] < 200 and c["x1"] < 130]
    if src == MODERN:
        x0, top, x1 = min(c["x0"] for c in marks), min(c["top"] for c in marks), max(c["x1"] for c in marks)
        assert abs(x0 - ISSUED_EMBLEM[0]) < 4 and abs(x1 - ISSUED_EMBLEM[2]) < 4 and abs(top - ISSUED_EMBLEM[1]) < 6
    # HTML: an image in the masthead
    tree = lhtml.fromstring(render_html(doc))
    imgs = tree.xpath('//*[contains(@class,"emblem")]//img/@src')
    assert imgs and imgs[0].startswith("data:image/svg+xml;base64,")
    # DOCX: the PNG rendering in the first-page header
    with zipfile.ZipFile(io.BytesIO(docx_render(doc))) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert any(z.read(n) == (ASSETS / "un-emblem.png").read_bytes() for n in media)


@pytest.mark.parametrize("src", [MODERN, SEED], ids=["modern", "1998"])
def test_emblem_false_leaves_it_out_everywhere(src, tmp_path):
    doc = load_document(with_line(src, tmp_path, "emblem: false"))
    assert emblem_paths(pdf.render(doc)) == 0
    assert not lhtml.fromstring(render_html(doc)).xpath('//*[contains(@class,"emblem")]//img')
    with zipfile.ZipFile(io.BytesIO(docx_render(doc))) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert not any(z.read(n) == (ASSETS / "un-emblem.png").read_bytes() for n in media)


def test_a_path_still_overrides_the_emblem(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 40), "navy").save(tmp_path / "mine.png")
    doc = load_document(with_line(MODERN, tmp_path, "emblem: mine.png"))
    assert len(emblem_images(pdf.render(doc))) == 1
    assert lhtml.fromstring(render_html(doc)).xpath('//*[contains(@class,"emblem")]//img/@src')[0].startswith(
        "data:image/png;base64,"
    )


def test_emblem_true_is_a_placed_error(tmp_path):
    r = unres("check", with_line(MODERN, tmp_path, "emblem: true"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert re.search(r"A_RES_73_8\.yaml:\d+:\d+: .*emblem", r.stderr), r.stderr


def test_please_recycle_has_its_mark_in_the_modern_footer():
    page = pdfplumber.open(io.BytesIO(pdf.render(load_document(MODERN)))).pages[0]
    words = [w for w in page.extract_words() if w["text"] == "recycle"]
    assert words
    w = words[0]
    mark = [c for c in page.curves if c["x0"] > w["x1"] and c["x1"] < 495 and abs(c["top"] - w["top"]) < 12]
    assert mark  # the vector mark right of the words, where the issued page has it (x 472-490)
    assert 465 < min(c["x0"] for c in mark) < 480 and max(c["x1"] for c in mark) < 495
