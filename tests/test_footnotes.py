"""Every note on its call's page (pipeline/writers/pdf/footnotes.py).

tests/fixtures/notes_at_page_foot.yaml puts an operative paragraph with two calls at the
foot of page 1, where the notes do not fit under the text. Stock WeasyPrint 70 keeps the
line and prints the notes on page 2, or loses one (the second call's line took the room of
the first note, and its own note was never laid out); Word moves the calling line to the
next page. The test reads the PDF as a reader does (pdfplumber: the words before each call
and the note's first words on the same page), on the fixture and on shorter variants of it
(so a small change of geometry still puts some variant's call at the page foot), and checks
that stock WeasyPrint really does misplace them, so the fixture keeps reproducing the case.
"""

from __future__ import annotations

import copy
import sys

import pytest
import yaml
from conftest import ROOT
from weasyprint.layout import block as wblock

from pipeline.app.build import load_document
from pipeline.writers import pdf
from pipeline.writers.pdf import footnotes

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "notes_at_page_foot.yaml"
TRIMS = (0, 8, 16)  # words cut from the last preambular paragraph


def _variants(tmp_path):
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    for trim in TRIMS:
        variant = copy.deepcopy(data)
        words = variant["preamble"][-1].split()
        variant["preamble"][-1] = " ".join(words[: len(words) - trim]).rstrip(",") + ","
        path = tmp_path / f"trim{trim}.yaml"
        path.write_text(yaml.safe_dump(variant, allow_unicode=True, sort_keys=False), encoding="utf-8")
        yield path, variant


def _misplaced(path, data, style, tmp_path) -> list[str]:
    out = tmp_path / f"{path.stem}-{style}.pdf"
    out.write_bytes(pdf.render(load_document(path, style, None), variant=None))
    placed, total, missing = corpus.notes_placed(out, data)
    assert total == 2
    return missing


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_every_note_is_on_its_calls_page(style, tmp_path):
    for path, data in _variants(tmp_path):
        assert _misplaced(path, data, style, tmp_path) == [], path.stem


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_stock_weasyprint_misplaces_them(style, tmp_path, monkeypatch):
    """The fixture reproduces the case: WeasyPrint's own line layout gets it wrong."""
    monkeypatch.setattr(footnotes, "install", lambda: True)
    monkeypatch.setattr(wblock, "_linebox_layout", footnotes._original)
    wrong = [m for path, data in _variants(tmp_path) for m in _misplaced(path, data, style, tmp_path)]
    assert wrong, "the fixture no longer puts a call at the foot of a page: lengthen or shorten it"


def test_the_patch_is_installed_and_guarded(monkeypatch):
    load = load_document(FIXTURE, "modern", None)
    pdf.render(load, variant=None)
    assert wblock._linebox_layout is footnotes._linebox_layout
    # A WeasyPrint whose line layout has another signature is left alone, and the writer says so.
    monkeypatch.setattr(wblock, "_linebox_layout", footnotes._original)
    monkeypatch.setattr(footnotes, "_original", lambda context, box: None)
    assert footnotes.install() is False
    with pytest.raises(RuntimeError, match="footnotes.py"):
        pdf.render(load, variant=None)
