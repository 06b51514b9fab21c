"""The PDF writer, checked on what a reader of the PDF sees (pdfplumber, pdftotext, pdffonts).

Fidelity targets: every word of the seed in order; each footnote on the page of its first
call; the 1998 style breaks the seed's pages where the original did; the modern style sets
A/RES/73/8 on two pages with the official geometry (text at x 123.4, first lines at 147.1).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import MODERN, SEED, SEED_TXT

from pipeline.app.build import load_document
from pipeline.model import Changed, ChangedBlock, Document, NoteRef, Redline, Text, plain_text, walk_paras
from pipeline.transforms.diff import diff
from pipeline.writers import pdf

TOL = 1.0  # points


def render(src: Path, style: str | None = None, paper: str | None = None) -> bytes:
    return pdf.render(load_document(src, style, paper))


def pages_of(data: bytes) -> list[pdfplumber.page.Page]:
    return list(pdfplumber.open(io.BytesIO(data)).pages)


def lines(page) -> list[str]:
    return [ln["text"] for ln in page.extract_text_lines()]


def body_size(page) -> float:
    """The most common font size on the page (the body text)."""
    sizes = [round(c["size"], 1) for c in page.chars]
    return max(set(sizes), key=sizes.count)


def without_calls(data: bytes) -> str:
    """The PDF's words in reading order, without superscript call and note numbers."""
    words: list[str] = []
    for page in pages_of(data):
        big = page.filter(lambda o: o.get("object_type") != "char" or o["size"] >= 8)
        words += [w["text"] for w in big.extract_words(use_text_flow=True)]
    return re.sub(r"-\s+", "-", " ".join(words))


@pytest.fixture(scope="module")
def modern_pdf() -> bytes:
    return render(MODERN)


# -- fidelity: the seed in the 1998 style --------------------------------------------------
def seed_words() -> list[str]:
    text = SEED_TXT.read_text(encoding="utf-8")
    text = "\n".join(ln for ln in text.splitlines() if ln.strip() != "---")
    text = re.sub(r"<sup>\d+</sup>", "", text).replace("*", "")
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return re.sub(r"-\s+", "-", text).split()


def test_every_seed_word_in_order(seed_pdf):
    # Calls are 8 pt and note markers 7 pt in this style; the filter keeps 10 and 11 pt text.
    got = iter(without_calls(seed_pdf).split())
    missing = [w for w in seed_words() if not any(g == w for g in got)]
    assert missing == []


def test_pdftotext_reads_title_and_closing(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "52/102. Follow-up to the Regional Conference" in flat
    assert flat.index("17. Decides") < flat.index("70th plenary meeting") < flat.index("12 December 1997")


def test_seed_pages_break_where_the_original_did(seed_pdf):
    pages = pages_of(seed_pdf)
    assert len(pages) == 3
    body = [[ln for ln in page.extract_text_lines() if abs(ln["chars"][0]["size"] - body_size(page)) < 0.2]
            for page in pages]
    texts = [[ln["text"] for ln in b] for b in body]
    assert texts[0][-1].endswith("Regional Conference to Address the Problems")
    assert texts[1][0].startswith("of Refugees, Displaced Persons")
    assert texts[1][-1].endswith("International Organization for Migration;")
    assert texts[2][0].startswith("6.") and "Calls upon" in texts[2][0]
    assert texts[2][-3].startswith("17.")
    assert texts[2][-2:] == ["70th plenary meeting", "12 December 1997"]


def note_pages(data: bytes, doc: Document) -> dict[int, tuple[int, int]]:
    """For each note: (page of its first call, page where its text is printed)."""
    pages = pages_of(data)
    found: dict[int, tuple[int, int]] = {}
    for note in doc.notes:
        head = plain_text(note.runs)[:18]
        text_page = next(i for i, p in enumerate(pages) if head in " ".join(lines(p)))
        call_page = None
        for i, page in enumerate(pages):
            size = body_size(page)
            for c in page.chars:
                if c["text"] == str(note.number) and c["size"] < size - 1:
                    # a call sits on a line of body text; a note marker on a line of note text
                    line = [d for d in page.chars if abs(d["top"] - c["top"]) < 4 and d is not c]
                    if any(abs(d["size"] - size) < 0.2 for d in line):
                        call_page = i
                        break
            if call_page is not None:
                break
        found[note.number] = (call_page, text_page)
    return found


def test_seed_notes_on_page_of_first_call(seed_pdf):
    doc = load_document(SEED)
    found = note_pages(seed_pdf, doc)
    assert {n: t for n, (_, t) in found.items()} == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert all(call == text for call, text in found.values())


def test_repeated_calls_print_only_the_number(seed_pdf):
    text = " ".join(lines(pages_of(seed_pdf)[1]))
    assert text.count("A/52/274 and Corr.1.") == 0  # note 1 is printed once, on page 1
    doc = load_document(SEED)
    repeats = [r for p in walk_paras(doc.parts[0].operative) for r in p.runs if isinstance(r, NoteRef) and not r.first]
    assert [r.number for r in repeats] == [1, 2]
    op1 = next(ln for ln in pages_of(seed_pdf)[1].extract_text_lines() if ln["text"].startswith("1."))
    assert op1["text"].endswith("Secretary-General1 and that of the United Nations High")


def test_seed_header_and_first_page_footer(seed_pdf):
    pages = pages_of(seed_pdf)
    assert lines(pages[1])[:2] == ["A/RES/52/102", "Page 2"]
    assert lines(pages[2])[:2] == ["A/RES/52/102", "Page 3"]
    assert lines(pages[0])[-1] == "/..."
    assert "Page" not in " ".join(lines(pages[0]))


# -- fidelity: A/RES/73/8 in the modern style -------------------------------------------
def words_at(page, text: str) -> list[dict]:
    found = [w for w in page.extract_words(extra_attrs=["fontname", "size"]) if w["text"] == text]
    return sorted(found, key=lambda w: (w["top"], w["x0"]))


def test_modern_on_two_pages(modern_pdf):
    assert len(pages_of(modern_pdf)) == 2


def test_modern_text_block_geometry(modern_pdf):
    p1, p2 = pages_of(modern_pdf)
    body = [ln for p in (p1, p2) for ln in p.extract_text_lines() if abs(ln["chars"][0]["size"] - 10) < 0.1]
    starts = {round(ln["x0"], 1) for ln in body if 300 > ln["top"] > 60 or ln["top"] > 370}
    # continuation lines at 123.4, first lines (preamble, operative, enacting) at 147.1
    assert any(abs(x - 123.4) <= TOL for x in starts) and any(abs(x - 147.1) <= TOL for x in starts)
    first = [ln for ln in body if ln["text"].split()[0] in ("Determined", "Reaffirming,", "The", "1.", "5.")]
    assert first and all(abs(ln["x0"] - 147.1) <= TOL for ln in first)
    cont = [ln for ln in body if ln["text"].startswith(("enshrined", "resolution", "embargo imposed by"))]
    assert cont and all(abs(ln["x0"] - 123.4) <= TOL for ln in cont)
    full = [ln["x1"] for ln in body if ln["x1"] > 480]
    assert full and all(abs(x - 488.4) <= TOL for x in full)  # justified to the right edge
    takes = words_at(p2, "Takes")[0]
    assert abs(takes["x0"] - 170.9) <= TOL  # operative text after the number's tab


def test_modern_masthead_and_title(modern_pdf):
    p1 = pages_of(modern_pdf)[0]
    un = words_at(p1, "United")[0]
    assert abs(un["x0"] - 123.4) <= TOL and abs(un["top"] - 46.8) <= TOL
    number = words_at(p1, "73/8.")[0]
    assert abs(number["x0"] - 85.1) <= TOL and abs(number["top"] - 321.5) <= TOL
    title = words_at(p1, "Necessity")[0]
    assert title["fontname"].endswith("Bold")
    # hanging title: the first line starts where the wrapped lines do
    assert abs(title["x0"] - 123.4) <= TOL and abs(title["top"] - number["top"]) <= TOL
    session = words_at(p1, "Seventy-third")[0]
    assert abs(session["x0"] - 60) <= TOL and abs(session["top"] - 214.5) <= TOL
    rules = [r for r in p1.rects if r["width"] > 400]
    assert any(abs(r["top"] - 208.9) <= TOL and r["height"] >= 1.4 for r in rules)  # thick rule


def test_modern_furniture(modern_pdf):
    p1, p2 = pages_of(modern_pdf)
    text1 = " ".join(lines(p1))
    assert "18-18418 (E) 071118" in text1 and "Please recycle" in text1
    bars = [r for r in p1.rects if r["top"] > 740 and r["x0"] < 200]  # Code 39 under the job number
    qr = [r for r in p1.rects if r["x0"] > 480 and r["top"] > 700]
    assert len(bars) > 20 and len(qr) > 50
    head = lines(p2)
    assert head[1].startswith("A/RES/73/8") and "Necessity of ending" in head[0]
    assert lines(p2)[-1].startswith("2/2")


def test_modern_footnote_and_closing(modern_pdf):
    p2 = pages_of(modern_pdf)[1]
    note = words_at(p2, "A/73/85.")[0]
    assert abs(note["x0"] - 123.4) <= TOL and note["top"] > 700
    assert any(abs(r["x0"] - 99.6) <= TOL and abs(r["width"] - 72) <= TOL for r in p2.rects)  # short rule
    meeting = next(ln for ln in p2.extract_text_lines() if ln["text"] == "30th plenary meeting")
    date = next(ln for ln in p2.extract_text_lines() if ln["text"] == "1 November 2018")
    assert abs(meeting["x1"] - 488.4) <= TOL and abs(date["x1"] - 488.4) <= TOL
    assert "Italic" in meeting["chars"][0]["fontname"]
    end_rule = [r for r in p2.rects if abs(r["width"] - 72) <= TOL and r["top"] > date["bottom"]
                and r["top"] < 700]
    assert end_rule and abs((end_rule[0]["x0"] + end_rule[0]["x1"]) / 2 - 306) <= TOL


# -- both styles, both papers, reproducibility, fonts, metadata -----------------------------
@pytest.mark.parametrize(("src", "style", "pages"), [(SEED, "modern", 3), (MODERN, "1998", 2)])
def test_other_style_renders(src, style, pages):
    data = render(src, style)
    assert len(pages_of(data)) == pages
    assert seed_words()[-1] in without_calls(data) if src == SEED else "72/4" in without_calls(data)


def test_a4_paper():
    page = pages_of(render(MODERN, paper="a4"))[0]
    assert (round(page.width), round(page.height)) == (595, 842)


def test_fonts_embedded(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes " in r and "Liberation-Serif" in r for r in rows)


def test_metadata_from_the_model(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    info = subprocess.run(["pdfinfo", "-isodates", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+52/102\. Follow-up", info, re.M)
    assert re.search(r"^CreationDate:\s+1998-02-09", info, re.M)
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)], check=True)
    assert b"/Lang (en)" in plain.read_bytes()


# -- redline marks ---------------------------------------------------------------------
def test_change_marks_in_print():
    doc = load_document(SEED)
    part = doc.parts[0]
    op = list(part.operative)
    op[0] = ChangedBlock(op[0], "ins")
    op[1] = dataclasses.replace(op[1], runs=(Changed(Text("Struck words"), "del"),) + op[1].runs)
    red = Redline("unres", "1998-02-09T00:00:00Z", diff(doc, doc).redline.summary)
    marked = dataclasses.replace(doc, redline=red, parts=(dataclasses.replace(part, operative=tuple(op)),))
    page = pages_of(pdf.render(marked))[1]
    bars = [r for r in page.rects if r["x1"] < 68 and r["height"] > 10]  # change bar left of the text
    assert bars
    struck = next(w for w in page.extract_words() if w["text"] == "Struck")
    assert any(r["x0"] <= struck["x0"] + 1 and r["top"] > struck["top"] and r["bottom"] < struck["bottom"]
               for r in page.rects + page.lines)  # a line through the word


def test_printed_numbers_are_the_models():
    """Calls and markers print NoteRef.number / Note.number, not a CSS counter."""
    doc = load_document(MODERN)
    part = doc.parts[0]
    ops = list(part.operative)
    ops[0] = dataclasses.replace(  # type: ignore[arg-type]
        ops[0], runs=tuple(dataclasses.replace(r, number=7) if isinstance(r, NoteRef) else r for r in ops[0].runs))
    renumbered = dataclasses.replace(doc, notes=tuple(dataclasses.replace(n, number=7) for n in doc.notes),
                                     parts=(dataclasses.replace(part, operative=tuple(ops)),))
    page = pages_of(pdf.render(renumbered))[1]
    small = [c["text"] for c in page.chars if c["size"] < 7 and c["top"] < 740]
    assert small == ["7", "7"]  # the call (6.5 pt) and the note's marker (5.5 pt)


def test_a_long_title_number_never_touches_the_title(tmp_path):
    """"74/150." is wider than the hanging indent: the title moves right, a gap remains."""
    from conftest import MODERN

    f = tmp_path / "long.yaml"
    f.write_text(MODERN.read_text().replace("A/RES/73/8", "A/RES/73/150"))
    p1 = pages_of(render(f))[0]
    number = words_at(p1, "73/150.")[0]
    title = words_at(p1, "Necessity")[0]
    assert title["x0"] - number["x1"] >= 3


def test_closing_is_never_alone_on_a_page(tmp_path):
    """Grow the last paragraph until the document gains a page: at the lengths either side of
    that break, the plenary lines share their page with the end of the last paragraph."""
    from conftest import MODERN

    base = MODERN.read_text()
    end = "against Cuba”."
    filler = " Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor labore."

    @functools.cache
    def layout(n: int) -> tuple[int, int, int]:
        f = tmp_path / f"grow{n}.yaml"
        f.write_text(base.replace(end, end + filler * n))
        pages = pages_of(render(f))
        texts = [p.extract_text() for p in pages]
        closing = max(i for i, t in enumerate(texts) if "plenary meeting" in t)
        last = max(i for i, t in enumerate(texts) if "labore." in t or end in t)
        return len(pages), closing, last

    lo, hi = 0, 80
    assert layout(hi)[0] > layout(lo)[0]
    while hi - lo > 1:  # the smallest growth that adds a page
        mid = (lo + hi) // 2
        if layout(mid)[0] > layout(0)[0]:
            hi = mid
        else:
            lo = mid
    for n in (lo, hi):
        _, closing, last = layout(n)
        assert closing == last, f"with {n} fillers the closing stands alone on page {closing + 1}"
