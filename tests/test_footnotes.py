"""Every note on its call's page (pipeline/writers/pdf/footnotes.py).

tests/fixtures/notes_at_page_foot.yaml puts an operative paragraph with two calls at the
foot of page 1, where the notes do not fit under the text. Stock WeasyPrint 70 keeps the
line and prints the notes on page 2, or loses one (the second call's line took the room of
the first note, and its own note was never laid out); Word moves the calling line to the
next page. The test reads the PDF as a reader does (pdfplumber: the words before each call
and the note's first words on the same page), on the fixture and on shorter variants of it
(so a small change of geometry still puts some variant's call at the page foot), and checks
that stock WeasyPrint really does misplace them, so the fixture keeps reproducing the case.

tests/fixtures/long_note.yaml calls a six-line note (A/RES/80/20's note 7, as issued, at Word's
337.4 pt measure, kerned) from the first of two lines near the foot of page 2, where only part of
it would fit. Word does not continue such a note: on A/RES/80/112 p.1 it moved the calling
paragraph whole to p.2 with its nine-line note and left p.1 without a note
(tests/fixtures/note_80_112.yaml reproduces that page; docs/layout.md, "Notes on their call's
page"); unres moves the calling line (and what orphan control keeps with it) to the next page,
the note whole under it. A note is continued only when it could not stand whole under its call
on any page: tests/fixtures/long_note_page.yaml (a note of about sixty lines) begins under its
call on page 2 and goes on at the top of page 3's notes, as Word continues it.
"""

from __future__ import annotations

import copy
import re
import sys

import pdfplumber
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
LONG = ROOT / "tests" / "fixtures" / "long_note.yaml"
TALL = ROOT / "tests" / "fixtures" / "long_note_page.yaml"
PAGE_1 = ROOT / "tests" / "fixtures" / "note_80_112.yaml"
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


def _note_lines(page, above: float = 600) -> list[tuple[float, str]]:
    """(top, text) of the lines in a page's notes area: 8.5 pt text below ``above`` (the running
    head stands at 54, the page number at 750)."""
    return [(ln["top"], ln["text"]) for ln in page.extract_text_lines(return_chars=True)
            if above < ln["top"] < 736 and max(c["size"] for c in ln["chars"]) < 9]


def _call_page(pages, call: str) -> int:
    return next(i for i, p in enumerate(pages) if call in (p.extract_text() or "").replace(" ", ""))


def test_a_note_that_does_not_fit_moves_its_line_with_it(tmp_path):
    """The six-line note called near the foot of page 2 is not continued: its calling line (and
    the line before it, by orphan control) opens page 3, the note whole under it, and page 2 ends
    without a note."""
    data = yaml.safe_load(LONG.read_text(encoding="utf-8"))
    out = tmp_path / "long.pdf"
    out.write_bytes(pdf.render(load_document(LONG, "modern", None), variant=None))
    with pdfplumber.open(out) as doc:
        call = _call_page(doc.pages, "States1")
        before = _note_lines(doc.pages[call - 1], 70)
        here = _note_lines(doc.pages[call], 70)
        opening = [ln["text"] for ln in doc.pages[call].extract_text_lines() if 66 < ln["top"] < 600][:1]
    assert call == len(doc.pages) - 1 == 2, call
    assert before == [], before  # no fragment of it left on page 2
    assert opening and opening[0].startswith("Stressing"), opening  # the paragraph moved whole
    assert len(here) == 6 and here[0][1].startswith("1 Argentina"), here
    assert " ".join(t for _, t in here).split()[1:] == data["footnotes"]["states"].split()
    assert corpus.notes_placed(out, data) == (1, 1, [])


def test_a_nine_line_note_moves_its_paragraph_as_on_80_112_page_1(tmp_path):
    """A/RES/80/112 p.1: "Reaffirming the principles ... treaties," calls note 1 (nine lines) in
    its last line. Word's page 1 ends "... of 3 May 2016," and holds no note; the paragraph opens
    page 2, its note whole under it (tests/layout/issued/A_RES_80_112.txt). Continuing the note
    kept the paragraph and six of the note's lines on page 1."""
    data = yaml.safe_load(PAGE_1.read_text(encoding="utf-8"))
    out = tmp_path / "page1.pdf"
    out.write_bytes(pdf.render(load_document(PAGE_1, "modern", None), variant=None))
    with pdfplumber.open(out) as doc:
        first, second = doc.pages[0], doc.pages[1]
        body = [ln["text"] for ln in first.extract_text_lines(return_chars=True)
                if max(c["size"] for c in ln["chars"]) >= 9 and ln["top"] < 736]
        notes_1 = _note_lines(first, 300)
        opening = [ln["text"] for ln in second.extract_text_lines() if 66 < ln["top"] < 600][:1]
        notes_2 = _note_lines(second, 70)
    assert body[-1].endswith("of 3 May 2016,"), body[-3:]
    assert notes_1 == [], notes_1
    assert opening and opening[0].startswith("Reaffirming the principles"), opening
    assert notes_2[0][1].startswith("1 These include"), notes_2
    assert any(t.endswith("10 October 1980, as applicable.") for _, t in notes_2), notes_2
    assert corpus.notes_placed(out, data) == (3, 3, [])


def test_a_note_taller_than_a_page_continues_at_the_top_of_the_next_pages_notes(tmp_path):
    data = yaml.safe_load(TALL.read_text(encoding="utf-8"))
    note = data["footnotes"]["states"]
    out = tmp_path / "tall.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None)))  # tagged, as built
    with pdfplumber.open(out) as doc:
        pages = doc.pages
        call = _call_page(pages, "States1")
        here, there = _note_lines(pages[call], 70), _note_lines(pages[call + 1], 70)
        body_there = [ln for ln in pages[call + 1].extract_text_lines(return_chars=True)
                      if 66 < ln["top"] < 736 and max(c["size"] for c in ln["chars"]) >= 9]
    # at least two of its lines on each page, the first with its number under the call
    assert call == 1 and len(here) >= 2 and len(there) >= 2, (call, here, there)
    assert here[0][1].startswith("1 Argentina"), here
    assert not there[0][1][0].isdigit(), there  # the rest has no number of its own
    assert body_there, "the page after the call goes on with the text"
    # every word of the note, in order, over the two pages
    words = " ".join(t for _, t in here).split()[1:] + " ".join(t for _, t in there).split()
    assert words == note.split(), words
    # the corpus check counts it as placed on its call's page
    assert corpus.notes_placed(out, data) == (1, 1, [])


def test_a_continued_note_is_one_note_in_the_tags(tmp_path):
    """Its two parts are one Note (ID note-1), read right after the call."""
    import pikepdf

    out = tmp_path / "tall.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None)))
    notes = []
    with pikepdf.open(out) as doc:
        stack = [doc.Root.StructTreeRoot]
        while stack:
            e = stack.pop()
            k = e.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
            stack += [x for x in kids if isinstance(x, pikepdf.Dictionary) and "/S" in x]
            if e.get("/S") == "/Note":
                notes.append(e)
    assert [str(n.ID) for n in notes] == ["note-1"]
    pages = {p.objgen for k in notes[0].K if isinstance(k, pikepdf.Dictionary) and "/Pg" in k for p in [k.Pg]}
    assert len(pages) == 2, pages


def test_without_splitting_a_note_taller_than_a_page_leaves_its_page(tmp_path, monkeypatch):
    """The fixture reproduces the case: with no split, the note cannot stand on its call's page."""
    monkeypatch.setattr(footnotes, "_split", lambda *a: False)
    data = yaml.safe_load(TALL.read_text(encoding="utf-8"))
    out = tmp_path / "whole.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None), variant=None))
    assert corpus.notes_placed(out, data) != (1, 1, [])


def _rule_above(page, top: float) -> list[float]:
    """The tops of the short horizontal rules drawn within 20 pt above ``top`` (the notes' rule)."""
    edges = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 20]
    return [e["top"] for e in edges if top - 20 < e["top"] < top]


def test_a_continued_note_has_the_notes_rule_above_it(tmp_path):
    """The page that goes on with a long note draws the notes' rule above it, as the call's page does."""
    out = tmp_path / "long.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None)))
    with pdfplumber.open(out) as doc:
        here, there = doc.pages[1], doc.pages[2]
        assert _rule_above(here, _note_lines(here, 70)[0][0]), "no rule above the notes on the call's page"
        assert _rule_above(there, _note_lines(there, 70)[0][0]), "no rule above the continued note"


def _rules(page, top: float) -> list[tuple[float, float]]:
    """(x0, x1) of the horizontal rules drawn within 20 pt above ``top`` (the notes' rule)."""
    return sorted({(round(e["x0"], 1), round(e["x1"], 1)) for e in page.edges
                   if e["orientation"] == "h" and e["x1"] - e["x0"] > 20 and top - 20 < e["top"] < top})


def test_a_continued_note_is_under_words_continuation_separator(tmp_path):
    """Word draws its continuation separator above the notes of a page that begin with a continued
    note: a rule across the text's extents, margin to margin (ECMA-376 17.11.1), where the call's
    page has the short separator. Modern style: the short rule 72 pt at x 99.6 (as issued, 73/8);
    the continuation rule the page area's width, x 60-552, the notes under it where they were."""
    out = tmp_path / "long.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None), variant=None))
    with pdfplumber.open(out) as doc:
        here, there = doc.pages[1], doc.pages[2]
        short = _rules(here, _note_lines(here, 70)[0][0])
        long = _rules(there, _note_lines(there, 70)[0][0])
        left = [min(round(c["x0"], 1) for c in p.chars if 600 < c["top"] < 736 and 8 < c["size"] < 9)
                for p in (here, there)]
    assert short == [(99.6, 171.6)], short
    assert long == [(60.0, 552.0)], long  # margin to margin: the running head's rule's extents
    assert long[0][1] - long[0][0] == 492.0 and short[0][1] - short[0][0] == 72.0
    assert left == [123.4, 123.4], left  # the notes' text keeps its place on both pages


def test_without_the_continuation_rule_the_short_rule_stays(tmp_path, monkeypatch):
    """The test above can fail: without :func:`footnotes._continuation_rule` the page that goes on
    with the note has the short rule, as the 1998 style keeps it (../shared/docs/un-style.md: notes under a
    short rule; no continuation rule in the typescript era)."""
    monkeypatch.setattr(footnotes, "_continuation_rule", lambda area: None)
    out = tmp_path / "long.pdf"
    out.write_bytes(pdf.render(load_document(TALL, "modern", None), variant=None))
    with pdfplumber.open(out) as doc:
        there = doc.pages[2]
        assert _rules(there, _note_lines(there, 70)[0][0]) == [(99.6, 171.6)]


def _pages_of_notes(tmp_path, style: str, times: int):
    """The tall fixture with its note ``times`` as long (several pages of note), built in ``style``:
    the note's words, and per page the (top, bottom, size, text) of every line."""
    data = yaml.safe_load(TALL.read_text(encoding="utf-8"))
    data["footnotes"]["states"] = " ".join([data["footnotes"]["states"]] * times)
    path = tmp_path / f"notes{times}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / f"notes{times}-{style}.pdf"
    out.write_bytes(pdf.render(load_document(path, style, None), variant=None))
    with pdfplumber.open(out) as doc:
        pages = [[(ln["top"], ln["bottom"], max(c["size"] for c in ln["chars"]), ln["text"])
                  for ln in p.extract_text_lines(return_chars=True)] for p in doc.pages]
    return data, out, pages


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_a_note_of_several_pages_goes_on_page_after_page(style, tmp_path):
    """A note three times the tall fixture's (about three pages of note lines) is continued on as
    many pages as it needs: every word in order, the notes of each page under its text and inside
    the page (before, the rest of a continued note was laid out whole at the top of the next
    page's notes: it ran up over the text and the running head, off the page, and words were lost)."""
    data, out, pages = _pages_of_notes(tmp_path, style, 3)
    words = data["footnotes"]["states"].split()
    size = 9 if style == "modern" else 10.5  # notes 8.5 pt under 10 pt text; 10 pt under 11 in 1998
    got: list[str] = []
    continued = 0
    first = None
    for number, lines in enumerate(pages):
        # the notes: small type under the running head, not the page number nor the job number
        notes = [ln for ln in lines if ln[2] < size and ln[0] > 60
                 and not re.fullmatch(r"\d+/\d+|[\d-]+( \(E\))?|/\.\.\.|Page \d+", ln[3])]
        text = [ln for ln in lines if ln[2] >= size and ln[0] > 60]
        if not notes:
            continue
        continued += 1
        first = number if first is None else first
        if text:
            assert max(t[1] for t in text) < min(n[0] for n in notes), "notes over the text"
        got += " ".join(n[3] for n in notes).split()
    # the note's number, then its words (the 1998 number set close to its first word)
    assert re.sub(r"^1 ?", "", " ".join(got)).split() == words, (len(got), len(words))
    assert continued >= 3, continued
    # it begins under its call (the page whose text holds "States" with the call glued to it)
    assert any("States1" in ln[3].replace(" ", "") for ln in pages[first]), first
