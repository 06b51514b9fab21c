"""The sponsors' note of a draft, as issued (docs/cycle.md, "Sponsor line"): the star after the
sponsor line's colon ("Australia:* draft resolution", A/80/L.7) and the note it calls at the foot
of page 1, marked "*", before the numbered notes ("* Any changes to the list of sponsors will be
reflected in the official record of the meeting."), from the source's ``sponsor_note:``.

Each test imports an issued draft's text layer (tests/import/drafts/) and builds it. Before
``sponsor_note:``, the import left the note out with a warning and no writer printed a star.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pdfplumber
import pytest
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

DRAFTS = ROOT / "tests" / "import" / "drafts"
ANY_CHANGES = "Any changes to the list of sponsors will be reflected in the official record of the meeting."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _source(name: str, folder: Path, edit=lambda text: text) -> Path:
    path = DRAFTS / f"{name}.txt"
    src = folder / f"{name}.yaml"
    src.write_text(edit(convert(read_input(str(path)), str(path)).yaml), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def l7(tmp_path_factory) -> dict[str, Path]:
    """A/80/L.7 imported and built in the modern style: its PDF, HTML and DOCX."""
    folder = tmp_path_factory.mktemp("l7")
    src = _source("A_80_L.7", folder)
    pdf, page, docx = build_file(src, folder / "out", ("pdf", "html", "docx"), "modern", None)
    return {"src": src, "pdf": pdf, "html": page, "docx": docx}


def _lines(page) -> list[tuple[str, float]]:
    """Page 1's lines as (text, top), words grouped by their bottoms (a raised star is its line's);
    a star is written as issued text layers show it: after the word before it, a space after it
    ("Australia:* draft resolution", "* Any changes …")."""
    words = sorted(page.extract_words(), key=lambda w: (round(w["bottom"]), w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["bottom"] - w["bottom"]) < 5:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        text = " ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
        out.append((re.sub(r"\s*\*\s*", "* ", text).strip(), min(w["top"] for w in line)))
    return out


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_pdf_prints_the_star_after_the_colon_and_the_note_at_the_foot_of_page_1(l7, tmp_path, style):
    pdf = l7["pdf"]
    if style != "modern":
        pdf = build_file(l7["src"], tmp_path, ("pdf",), style, None)[0]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        chars = page.chars
        text = "".join(c["text"] for c in chars)
        at = text.index("Australia:")
        colon = chars[at + len("Australia:") - 1]
        star = chars[at + len("Australia:")]
        # the star right after the colon, raised and smaller, then the kind's words
        assert star["text"] == "*" and abs(star["x0"] - colon["x1"]) < 1.5
        assert star["size"] < colon["size"] and star["bottom"] < colon["bottom"] - 1
        assert text[at + len("Australia:*"):].lstrip().startswith("draft resolution")
        lines = _lines(page)
        [sponsor] = [top for x, top in lines if x == "Australia:* draft resolution"]
        note = next(i for i, (x, _) in enumerate(lines) if x.startswith("* Any changes"))
        assert lines[note][0] == f"* {ANY_CHANGES}"
        assert lines[note + 1][0].replace(" ", "") == "1SeeA/80/348."  # (1998: no space after the number)
        note_top = lines[note][1]
        rules = [r for r in page.lines + page.rects if sponsor < r["top"] < note_top and r["width"] > 50]
        assert rules and max(r["top"] for r in rules) > lines[note - 1][1]  # under the text, above the notes
        assert note_top > page.height * 0.75  # at the foot of page 1
    with pdfplumber.open(pdf) as doc:
        assert not any("Any changes" in (p.extract_text() or "") for p in doc.pages[1:])


def test_html_links_the_star_and_its_note_both_ways(l7):
    tree = lxml.html.fromstring(l7["html"].read_bytes())
    [line] = tree.xpath("//p[@class='sponsors']")
    assert line.text_content() == "Australia:* draft resolution"
    [call] = line.xpath(".//a[@role='doc-noteref']")
    assert call.get("aria-label") == "Note *" and call.text_content() == "*"
    [note] = tree.xpath(f"//*[@id='{call.get('href').removeprefix('#')}']")
    assert note.xpath("ancestor::section[@role='doc-endnotes']")
    [back] = note.xpath(".//a[@role='doc-backlink']")
    assert back.get("href") == f"#{call.get('id')}"
    assert note.text_content().startswith(f"* {ANY_CHANGES}")
    # the numbered notes are numbered from 1 after it, as before
    items = tree.xpath("//section[@role='doc-endnotes']/ol/li")
    assert items[0].get("value") == "1" and items[0].get("id") == "fn-1"
    assert items[0].text_content().startswith("See A/80/348.")
    assert tree.xpath("//a[@href='#fn-1']")[0].text_content() == "1"


def test_docx_writes_a_word_footnote_with_the_custom_mark(l7):
    with zipfile.ZipFile(l7["docx"]) as z:
        body = lxml.etree.fromstring(z.read("word/document.xml"))
        notes = lxml.etree.fromstring(z.read("word/footnotes.xml"))
    [par] = [p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("Australia:")]
    runs = par.findall(f"{W}r")
    [i] = [k for k, r in enumerate(runs) if r.find(f"{W}footnoteReference") is not None]
    ref = runs[i].find(f"{W}footnoteReference")
    assert ref.get(f"{W}customMarkFollows") == "1"
    assert "".join(runs[i + 1].itertext()) == "*" and "".join(runs[i - 1].itertext()) == "Australia:"
    note = next(n for n in notes.iter(f"{W}footnote") if n.get(f"{W}id") == ref.get(f"{W}id"))
    assert note.find(f".//{W}footnoteRef") is None
    mark = note.find(f".//{W}r")
    assert "".join(mark.itertext()) == "*" and mark.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    assert "".join(note.itertext()) == f"*{ANY_CHANGES}"  # the mark, a tab (w:tab), the words
    # the numbered notes: Word's own numbers, no custom mark
    others = [r for r in body.iter(f"{W}footnoteReference") if r is not ref]
    assert others and all(r.get(f"{W}customMarkFollows") is None for r in others)


def test_libreoffice_prints_the_star_and_the_note_before_note_1(l7, office, tmp_path):
    lo = office.convert(l7["docx"], "pdf", tmp_path)
    with pdfplumber.open(lo) as doc:
        page = doc.pages[0]
        lines = [x for x, _ in _lines(page)]
    assert "Australia:* draft resolution" in lines
    note = next(i for i, x in enumerate(lines) if "Any changes" in x)
    assert lines[note] == f"* {ANY_CHANGES}" and lines[note + 1] == "1 See A/80/348."


@pytest.mark.parametrize(
    "name, words",
    [
        ("A_C.1_80_L.10", "On behalf of the States Members of the United Nations that are members of the "
                          "Movement of Non-Aligned Countries."),
        ("A_C.5_80_L.10", "On behalf of the States that are members of the Group of 77 and China, taking into "
                          "account also the provisions of General Assembly resolution ES-10/23 of 10 May 2024."),
    ],
)
def test_an_on_behalf_note_prints_as_issued(tmp_path, name, words):
    """The issued C.1 note runs over two lines and C.5's stands on page 1 of a draft whose numbered
    notes are on page 2: each is page 1's, whole, starred."""
    src = _source(name, tmp_path)
    [pdf] = build_file(src, tmp_path / "out", ("pdf",), "modern", None)
    with pdfplumber.open(pdf) as doc:
        one = " ".join((doc.pages[0].extract_text() or "").split())
        rest = " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages[1:])
    issued = DRAFTS.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    assert re.search(r":\* draft resolution", issued)
    assert f"* {words}" in one and words not in rest
    assert re.search(r"[A-Za-z]:\* draft resolution", one)


def test_a_redline_of_two_drafts_with_different_notes(l7, tmp_path):
    """The note changed, left out, put back with another sponsor: each redline builds in the three
    formats; the summary names the note by its star and the changed sponsor line."""
    from pipeline.app.build import load_document
    from pipeline.transforms.diff import diff
    from pipeline.writers import docx, html, pdf

    text = l7["src"].read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("Any changes to the list", "Any change to the list"), encoding="utf-8")
    gone = tmp_path / "gone.yaml"
    gone.write_text(re.sub(r"sponsor_note: >-\n(  .*\n)+", "", text), encoding="utf-8")
    more = tmp_path / "more.yaml"
    more.write_text(text.replace("sponsors: [Australia]", "sponsors: [Australia, Austria]"), encoding="utf-8")
    cases = [
        (l7["src"], changed, ["Note * changed"]),
        (l7["src"], gone, ["Note * deleted"]),
        (gone, more, ["Sponsor line changed", "Note * inserted"]),
    ]
    for old, new, entries in cases:
        red = diff(load_document(old), load_document(new))
        assert [e.text for e in red.redline.summary.entries] == entries
        page = html.render(red).decode()
        assert pdf.render(red)[:5] == b"%PDF-" and docx.render(red)[:2] == b"PK"
        tree = lxml.html.fromstring(page)
        [note] = tree.xpath("//*[@id='fn-sponsor-note']")
        call = tree.xpath("//p[@class='sponsors']//a[@href='#fn-sponsor-note']")
        assert call and note.xpath(f".//a[@href='#{call[0].get('id')}']")
    red = diff(load_document(l7["src"]), load_document(changed))
    note = lxml.html.fromstring(html.render(red)).xpath("//*[@id='fn-sponsor-note']")[0]
    assert [x.text_content() for x in note.xpath(".//del|.//ins")] == ["changes", "change"]


@pytest.mark.parametrize("name", ["A_80_L.10", "A_C.1_80_L.10", "A_C.2_80_L.10"])
def test_page_1_ends_where_the_issued_draft_with_its_note_ends(tmp_path, name):
    """With the sponsors' note at its foot, page 1 ends on the issued page 1's last line; without it
    (before sponsor_note:) these three drafts' page 1 ran on past it. A/80/L.7 and A/C.5/80/L.10
    do not (docs/cycle.md)."""
    issued = [x.strip() for x in DRAFTS.joinpath(f"{name}.txt").read_text(encoding="utf-8").split("\n")]
    last = next(x for x in reversed(issued[: issued.index("__________________")]) if x)
    turn = next(i for i, x in enumerate(issued) if re.fullmatch(r"2/\d+", x))
    first = next(x for x in issued[turn + 1 :] if x)
    [pdf] = build_file(_source(name, tmp_path), tmp_path / "out", ("pdf",), "modern", None)
    with pdfplumber.open(pdf) as doc:
        one = [" ".join(x.split()) for x in (doc.pages[0].extract_text() or "").split("\n")]
        two = [" ".join(x.split()) for x in (doc.pages[1].extract_text() or "").split("\n")]
    assert " ".join(last.split()) in one
    assert " ".join(first.split()) in two and " ".join(first.split()) not in one
