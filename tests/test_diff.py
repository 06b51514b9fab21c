"""``unres diff``: the redline of two versions, checked in the model and in what readers see.

Each edit script in ``tests/diff/`` changes the seed (52/102); ``base`` edits apply to both
versions, ``edits`` to the new one only; ``expect`` gives the summary counts (others 0).
Accepting every change must give the new version and rejecting every change the old one,
in the model, in the DOCX's OOXML and in pandoc (a real client of tracked changes).
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import unres
from lxml import etree, html
from support import redline_summary
from support.docx_lists import WordLists, model_labels
from support.redlines import NAMES, script, texts

from pipeline import writers
from pipeline.model import (
    Changed,
    ChangedBlock,
    Document,
    LineBreak,
    NoteRef,
    Para,
    Runs,
    Text,
    plain_text,
    run_change,
    unwrap,
    unwrap_block,
)
from pipeline.source import load
from pipeline.transforms.diff import COUNTS, diff, tokenize, word_ops
from pipeline.transforms.resolve import build

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def docs(name: str) -> tuple[Document, Document, Document]:
    """Old, new and the redline."""
    old_text, new_text = texts(name)
    old, new = build(load(f"{name}-old.yaml", old_text)), build(load(f"{name}-new.yaml", new_text))
    return old, new, diff(old, new, author="Drafter", date="2026-01-02T00:00:00Z")


# -- the two versions a redline holds, read back from the model ---------------------------
DROP = {"accept": {"del", "move-from"}, "reject": {"ins", "move-to"}}


def change(x) -> str | None:
    """The diff's mark on a run or a block (``None``: unmarked)."""
    return x.change if isinstance(x, Changed | ChangedBlock) else None


def old_label(b) -> str | None:
    return b.old_label if isinstance(b, ChangedBlock) else None


def _runs(runs: Runs, way: str, number) -> str:
    out = []
    for r in runs:
        if run_change(r) in DROP[way]:
            continue
        r = unwrap(r)
        out.append(r.text if isinstance(r, Text) else "\n" if isinstance(r, LineBreak) else f"^{number(r.number)}")
    return "".join(out)


def version(doc: Document, way: str = "accept") -> list[str]:
    """Every printed line of ``doc`` with the changes accepted or rejected."""
    old = way == "reject"
    red = doc.redline
    note = lambda n: red.note(n) if red else None
    number = lambda n: (note(n) and note(n).old_number or n) if old else n
    mh = doc.masthead
    fields = {"issued": mh.issued, "session": mh.session, "agenda": mh.agenda, "heading": mh.heading,
              "provenance": mh.provenance}
    olds = {k: red.old(k) if red else None for k in fields}
    out = [(olds[k] if old and olds[k] is not None else f.text) for k, f in fields.items() if f]
    out.append(_runs(mh.title, way, number))

    def blocks(bs) -> None:
        for b in bs:
            if change(b) in DROP[way]:
                continue
            label = (old_label(b) or unwrap_block(b).label) if old else unwrap_block(b).label
            b = unwrap_block(b)
            out.append(f"{label or ''}|{_runs(b.runs, way, number)}")
            if isinstance(b, Para):
                blocks(b.children)

    for part in doc.parts:
        blocks(part.preamble)
        blocks(part.operative)
        c, m = part.closing, red.closing(part.id) if red else None
        if c and (m.change if m else None) not in DROP[way]:
            olds_c = (m.old_meeting, m.old_date) if m else (None, None)
            out.append((olds_c[0] or c.meeting, olds_c[1] or c.date) if old else (c.meeting, c.date))
    for annex in doc.annexes:
        blocks(annex.blocks)
    kept = [n for n in doc.notes if (note(n.number) and note(n.number).change) not in DROP[way]]
    out += sorted(f"{number(n.number)}: {_runs(n.runs, way, number)}" for n in kept)
    return out


def walk(blocks):
    """Every paragraph, marked or not, in reading order (sub-paragraphs after their parent)."""
    for b in blocks:
        if isinstance(unwrap_block(b), Para):
            yield b
            yield from walk(unwrap_block(b).children)


def marked(doc: Document) -> list[tuple[str, str]]:
    """(mark, text) of every marked run in reading order."""
    out = []
    for part in doc.parts:
        for p in map(unwrap_block, (*walk(part.preamble), *walk(part.operative))):
            out += [(r.change, r.node.text if isinstance(r.node, Text) else "^") for r in p.runs if change(r)]
    return out


def para(doc: Document, label: str, mark: str | None = None):
    """An operative paragraph or sub-paragraph of the redline by label and mark (marked: its
    ChangedBlock)."""
    return next(p for p in walk(doc.parts[0].operative) if unwrap_block(p).label == label and change(p) == mark)


# -- the model ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_summary_counts_what_the_script_did(name):
    summary = docs(name)[2].redline.summary
    expected = {k: script(name)["expect"].get(k, 0) for k in COUNTS}
    assert summary.counts == expected
    assert len(summary.entries) == sum(expected.values())


@pytest.mark.parametrize("name", NAMES)
def test_accepting_gives_the_new_version_and_rejecting_the_old(name):
    old, new, red = docs(name)
    assert red.redline and red.redline.author == "Drafter"
    assert old.redline is None and new.redline is None
    assert version(red, "accept") == version(new)
    assert version(red, "reject") == version(old)


def test_identical_versions_give_an_empty_redline():
    text = texts("insert_paragraph")[0]
    old, same = (build(load("version.yaml", text)) for _ in range(2))
    red = diff(old, same)
    assert red.redline.summary.entries == () and not any(red.redline.summary.counts.values())
    assert red.redline.summary.lines == ("No changes",)
    assert marked(red) == [] and version(red, "reject") == version(red) == version(old)


def test_revision_author_and_date_default_to_the_sources_never_the_clock():
    old, new, _ = docs("date_and_agenda")
    red = diff(old, new)
    assert (red.redline.author, red.redline.date) == ("unres", "1998-02-10T00:00:00Z")
    assert (red.redline.old("issued"), red.masthead.issued.text) == ("9 February 1998", "10 February 1998")
    assert (red.redline.old("agenda"), red.masthead.agenda.text) == ("Agenda item 107", "Agenda item 108")


def test_inserting_paragraph_3_leaves_4_to_18_unchanged_but_renumbered():
    red = docs("insert_paragraph")[2]
    ops = red.parts[0].operative
    assert [change(p) for p in ops].count("ins") == 1 and change(ops[2]) == "ins" and ops[2].node.label == "3."
    for n in range(4, 19):
        p = para(red, f"{n}.")
        assert old_label(p) == f"{n - 1}." and change(p) is None
        assert not any(change(r) for r in p.node.runs), p.node.label
    assert [change(r) for r in ops[2].node.runs] == ["ins"] * len(ops[2].node.runs)


def test_a_changed_word_marks_that_word_only():
    _, _, red = docs("change_words")
    assert marked(red) == [("del", "and"), ("ins", "or"), ("del", "appropriate"), ("ins", "adequate")]


def test_a_change_to_the_italic_opening_phrase_is_a_word_change():
    _, _, red = docs("opening_phrase")
    p = red.parts[0].preamble[6]
    assert [(r.node.text, r.node.italic, r.change) for r in p.runs if change(r)] == [(" also", True, "ins")]
    assert "".join(r.text for r in map(unwrap, p.runs) if r.italic) == "Recalling also"


def test_a_moved_and_edited_paragraph_is_one_move_with_its_edits():
    _, _, red = docs("move_edited")
    ops = red.parts[0].operative
    src = next(p for p in ops if change(p) == "move-from")
    dst = next(p for p in ops if change(p) == "move-to")
    assert src.move_id == dst.move_id and src.node.label == "4." and dst.node.label == "13." and dst.old_label == "4."
    assert [(r.change, r.node.text) for r in src.node.runs if change(r) == "del"] == [("del", "fully")]
    assert [(r.change, r.node.text) for r in dst.node.runs if change(r) == "ins"] == [("ins", "effectively")]
    assert {change(p) for p in ops} == {None, "move-from", "move-to"}


def test_footnote_changes_show_in_the_note_and_renumbering_does_not():
    _, _, red = docs("change_footnote")
    assert marked(red) == []
    note = red.note(3)
    assert [(r.change, r.node.text) for r in note.runs if change(r)] == [("del", "1"), ("ins", "2"), ("ins", " I")]
    _, _, red = docs("insert_note")
    marks = [(n.number, red.redline.note(n.number)) for n in red.notes]
    assert [(number, m.old_number, m.change) for number, m in marks][2:] == [
        (3, None, "ins"), (4, 3, None), (5, 4, None), (6, 5, None)
    ]
    assert all(not change(r) for n in red.notes[3:] for r in n.runs)
    assert marked(red) == [("ins", "^")]


def test_a_deleted_note_keeps_a_number_of_its_own():
    _, new, red = docs("delete_note")
    numbers = [n.number for n in red.notes]
    assert len(set(numbers)) == len(numbers) == len(new.notes) + 1
    gone = next(n for n in red.notes if red.redline.note(n.number).change == "del")
    assert red.redline.note(gone.number).old_number == 4 and gone.number > len(new.notes)
    assert red.redline.note(4).old_number == 5 and not red.redline.note(4).change


def test_sub_paragraphs_align_and_relabel():
    _, _, red = docs("sub_paragraphs")
    p = para(red, "9.")
    assert [(unwrap_block(c).label, old_label(c), change(c)) for c in p.children] == [
        ("(a)", None, None), ("(b)", None, "ins"), ("(c)", "(b)", None), ("(d)", "(c)", None)
    ]
    assert [(r.change, r.node.text) for r in unwrap_block(p.children[3]).runs if change(r)] == [
        ("del", "high-level"), ("ins", "sustained")
    ]


def test_the_word_diff_keeps_punctuation_apart():
    keys, _ = tokenize((Text("Calls upon States, in particular,"),))
    assert [k[1] for k in keys] == ["Calls", " ", "upon", " ", "States", ",", " ", "in", " ", "particular", ","]
    a, _ = tokenize((Text("the Secretary-General and the High Commissioner;"),))
    b, _ = tokenize((Text("the Secretary-General, or the High Commissioner."),))
    changes = [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in word_ops(a, b) if tag != "equal"]
    assert [("".join(k[1] for k in x), "".join(k[1] for k in y)) for x, y in changes] == [
        (" and", ", or"), (";", ".")
    ]


def test_emphasis_belongs_to_a_word_and_a_call_is_one_token():
    keys, items = tokenize((Text("Recalling", italic=True), Text(" it"), NoteRef("a", 7)))
    assert keys == (("t", "Recalling", True, False), ("t", " ", False, False), ("t", "it", False, False), ("n", "a"))
    assert items[-1] == NoteRef("a", 7)


# -- DOCX: tracked changes that Word, LibreOffice and pandoc can accept or reject ----------
def _resolve(xml: bytes, way: str, lists: WordLists | None = None) -> list[str]:
    """Paragraph texts of a WordprocessingML part with every revision accepted or rejected.

    With ``lists`` each is "label|text": the number Word gives the paragraphs that remain.
    """
    root = etree.fromstring(xml)
    drop, keep = (("del", "moveFrom"), ("ins", "moveTo")) if way == "accept" else (("ins", "moveTo"), ("del", "moveFrom"))
    for el in list(root.iter(*(W + t for t in drop + keep))):
        parent = el.getparent()
        if parent.tag == W + "rPr":
            continue  # a paragraph mark's revision, handled below
        if el.tag[len(W):] in keep:
            for child in list(el):
                el.addprevious(child)
        parent.remove(el)
    out: list[str] = []
    kept: list[etree._Element] = []
    carry = ""
    for p in root.iter(W + "p"):
        text = carry + _text(p)
        gone = any(p.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None for tag in drop)
        carry = text if gone else ""  # a removed mark joins the text to the next paragraph (and its list)
        if not gone:
            out.append(text)
            kept.append(p)
    return out if lists is None else [f"{label or ''}|{text}" for label, text in zip(lists.labels(kept), out)]


def _text(p: etree._Element) -> str:
    """What a reader reads in a paragraph; a footnote call, real or repeated (NOTEREF), is ``^``."""
    out: list[str] = []
    instr: str | None = None  # inside a field: its instruction, then its stored result
    result: list[str] = []
    for el in p.iter(*(W + t for t in ("t", "delText", "instrText", "delInstrText", "fldChar", "footnoteReference"))):
        tag = el.tag[len(W):]
        if tag == "fldChar" and el.get(W + "fldCharType") == "begin":
            instr, result = "", []
        elif tag == "fldChar" and el.get(W + "fldCharType") == "end" and instr is not None:
            out.append("^" if "NOTEREF" in instr else "".join(result))
            instr = None
        elif tag == "footnoteReference":
            out.append("^")
        elif instr is not None and tag in ("instrText", "delInstrText"):
            instr += el.text or ""
        elif tag != "fldChar":
            (result if instr is not None else out).append(el.text or "")
    return "".join(out)


def _parts(data: bytes) -> tuple[bytes, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        notes = z.read("word/footnotes.xml") if "word/footnotes.xml" in z.namelist() else b"<w:x xmlns:w='%s'/>"
        return z.read("word/document.xml"), notes


@cache
def _docx_of(text: str) -> bytes:
    return writers.render("docx", build(load("version.yaml", text)))


@cache
def docx(name: str) -> tuple[bytes, bytes, bytes]:
    """The old and new versions and the redline of a script as DOCX."""
    old, new = texts(name)
    return _docx_of(old), _docx_of(new), writers.render("docx", docs(name)[2])


@pytest.mark.parametrize("name", NAMES)
def test_docx_accept_all_gives_the_new_text_and_reject_all_the_old(name):
    old, new, red = (_parts(d) for d in docx(name))
    old_lists, new_lists, red_lists = (WordLists.of(d) for d in docx(name))
    body, summary = redline_summary.split_body(red[0])  # the summary page is neither version
    assert summary[0] == "Changes in this version"
    red = (body, red[1])
    accepted = _resolve(red[0], "accept", red_lists)
    rejected = _resolve(red[0], "reject", red_lists)
    assert accepted == _resolve(new[0], "accept", new_lists)
    assert rejected == _resolve(old[0], "reject", old_lists)
    # the numbers are Word's: what remains numbers as the new version's labels, or the old one's
    for version, lines in ((docs(name)[1], accepted), (docs(name)[0], rejected)):
        assert [t.partition("|")[0] for t in lines if not t.startswith("|")] == model_labels(version)
    # footnotes: Word numbers them by their calls, not by their order in the part
    assert sorted(_resolve(red[1], "accept")) == sorted(_resolve(new[1], "accept"))
    assert sorted(_resolve(red[1], "reject")) == sorted(_resolve(old[1], "reject"))


def test_docx_revisions_carry_author_and_date_and_nothing_else_is_marked():
    body, _ = _parts(docx("drafter")[2])
    root = etree.fromstring(body)
    marks = [el for tag in ("ins", "del") for el in root.iter(W + tag)]
    assert marks and {(m.get(W + "author"), m.get(W + "date")) for m in marks} == {("Drafter", "2026-01-02T00:00:00Z")}
    ids = [m.get(W + "id") for m in marks]
    assert len(ids) == len(set(ids))
    inserted = "".join(t.text for m in root.iter(W + "ins") for t in m.iter(W + "t"))
    deleted = "".join(t.text for m in root.iter(W + "del") for t in m.iter(W + "delText"))
    assert "strengthen regional" in inserted and "intensify bilateral" in deleted
    assert "Encourages States to share information" in inserted
    # the moved paragraph is the only other marked text; renumbered paragraphs show no word changes
    words = lambda s: set(re.findall(r"[A-Za-z]{4,}", s))
    _, _, red = docs("drafter")
    moved = next(p.node for p in red.parts[0].operative if change(p) == "move-to")
    assert words(inserted) == words("strengthen regional Encourages States to share information on good practices in "
                                    "the reception and integration of displaced persons") | words(
        plain_text(moved.runs))


@pytest.fixture(scope="module")
def pandoc_texts(tmp_path_factory) -> dict[str, str]:
    """pandoc's plain text of the drafter's redline (accepted, rejected) and of both versions."""
    tmp = tmp_path_factory.mktemp("pandoc")
    out = {}
    for label, data in zip(("old", "new", "red"), docx("drafter")):
        (tmp / f"{label}.docx").write_bytes(data)
    for label, file, way in (("old", "old", "accept"), ("new", "new", "accept"), ("accept", "red", "accept"),
                             ("reject", "red", "reject")):
        proc = subprocess.run(
            ["pandoc", f"--track-changes={way}", "-f", "docx", "-t", "plain", "--wrap=none", str(tmp / f"{file}.docx")],
            capture_output=True, text=True, check=True, timeout=120,
        )
        out[label] = proc.stdout
    return out


def _pandoc_paragraphs(text: str) -> list[str]:
    """pandoc's plain text as paragraphs without the numbers pandoc gives list items.

    pandoc (2.17) keeps a list item whose paragraph mark is tracked as removed as an empty
    item (Word and LibreOffice remove the paragraph); empty paragraphs are left out, and the
    numbers Word shows are checked on the OOXML and in LibreOffice instead.
    """
    paras = (re.sub(r"^\d+\.\s+", "", " ".join(p.split())) for p in text.split("\n\n"))
    return [p for p in paras if p and not re.fullmatch(r"\d+\.", p)]


def _off_summary(paras: list[str]) -> tuple[list[str], list[str]]:
    """A redline's paragraphs without its summary page (its heading to its legend's last line;
    test_redline_summary.py), and the summary's paragraphs."""
    i, j = paras.index("Changes in this version"), paras.index("A bar in the margin marks a changed line")
    return paras[:i] + paras[j + 1:], paras[i:j + 1]


def test_pandoc_accepting_and_rejecting_the_redline_gives_each_version(pandoc_texts):
    paras = {k: _pandoc_paragraphs(v) for k, v in pandoc_texts.items()}
    # the redline's summary page is untracked: the same after accepting and rejecting
    (paras["accept"], summary), (paras["reject"], again) = (_off_summary(paras[k]) for k in ("accept", "reject"))
    assert summary == again and len(summary) >= 8
    assert paras["accept"] == paras["new"]
    assert paras["reject"] == paras["old"]
    assert paras["new"] != paras["old"]


# LibreOffice reads the redline into its own tracked changes (ODF changed regions); resolving
# those the way LibreOffice's "Accept All" / "Reject All" do gives each version.
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _odf_events(el: etree._Element):
    """A flat stream of ("t", text), ("br", ""), ("start"/"end"/"point", change id)."""
    tag = etree.QName(el).localname
    if tag in ("note", "note-ref"):
        yield "t", "^"
        return
    if tag in ("change-start", "change-end", "change"):
        yield {"change-start": "start", "change-end": "end", "change": "point"}[tag], el.get(TEXT + "change-id")
        return
    if tag in ("tracked-changes", "change-info"):
        return
    if tag in ("s", "tab", "line-break"):
        yield "t", {"s": " " * int(el.get(TEXT + "c", "1")), "tab": "\t", "line-break": "\n"}[tag]
        return
    if el.text:
        yield "t", el.text
    for child in el:
        yield from _odf_events(child)
        if child.tail:
            yield "t", child.tail
    if tag in ("p", "h"):
        yield "br", ""


def _odf_paragraphs(el: etree._Element):
    """The paragraphs of deleted content, list items included."""
    for child in el:
        tag = etree.QName(child).localname
        if tag in ("p", "h"):
            yield child
        elif tag in ("list", "list-item", "list-header"):
            yield from _odf_paragraphs(child)


def _odf_version(content: bytes, way: str) -> list[str]:
    root = etree.fromstring(content)
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    regions = {r.get(TEXT + "id"): r[0] for r in body.iter(TEXT + "changed-region")}
    paras, line, skipping = [], [], set()

    def emit(kind: str, value: str) -> None:
        if skipping:
            return
        if kind == "br":
            paras.append("".join(line))
            line.clear()
        elif kind == "t":
            line.append(value)

    for kind, value in _odf_events(body):
        change = regions.get(value) if kind in ("start", "end", "point") else None
        if change is None or way == "accept":
            emit(kind, value)
        elif kind == "start" and etree.QName(change).localname == "insertion":
            skipping.add(value)
        elif kind == "end":
            skipping.discard(value)
        elif kind == "point" and etree.QName(change).localname == "deletion":
            deleted = [e for p in _odf_paragraphs(change) for e in _odf_events(p)]
            for k, v in deleted[:-1]:  # the last paragraph's end is the mark it joins
                emit(k, v)
    paras.append("".join(line))
    return paras


@pytest.fixture(scope="module")
def libreoffice(office, tmp_path_factory) -> dict[str, bytes]:
    """content.xml of the drafter's versions and redline, as LibreOffice converts them to ODF."""
    tmp = tmp_path_factory.mktemp("lo")
    names = ("old", "new", "red")
    for label, data in zip(names, docx("drafter")):
        (tmp / f"{label}.docx").write_bytes(data)
    office.convert_all((tmp / f"{n}.docx" for n in names), "odt", tmp)
    out = {}
    for n in names:
        with zipfile.ZipFile(tmp / f"{n}.odt") as z:
            out[n] = z.read("content.xml")
    return out


def test_libreoffice_keeps_the_tracked_changes_and_resolves_them_to_each_version(libreoffice):
    regions = etree.fromstring(libreoffice["red"]).findall(f".//{TEXT}changed-region")
    kinds = {etree.QName(r[0]).localname for r in regions}
    assert kinds == {"insertion", "deletion"}
    assert {r.findtext(".//{http://purl.org/dc/elements/1.1/}creator") for r in regions} == {"Drafter"}
    # the redline's summary page is untracked: the same after accepting and rejecting
    (accepted, summary), (rejected, again) = (_off_summary(_odf_version(libreoffice["red"], way))
                                              for way in ("accept", "reject"))
    assert summary == again and len(summary) >= 8
    assert accepted == _odf_version(libreoffice["new"], "accept")
    assert rejected == _odf_version(libreoffice["old"], "accept")


# -- HTML and PDF ---------------------------------------------------------------------------
@cache
def page(name: str):
    return html.fromstring(writers.render("html", docs(name)[2]))


def test_html_marks_exactly_the_drafters_three_changes_and_lists_them():
    tree = page("drafter")
    main = tree.find(".//main")
    ins = [" ".join(e.text_content().split()) for e in main.iter("ins")]
    dels = [" ".join(e.text_content().split()) for e in main.iter("del")]
    _, _, red = docs("drafter")
    moved = next(p.node for p in red.parts[0].operative if change(p) == "move-to")
    assert "strengthen regional" in ins and "intensify bilateral" in dels
    assert " ".join(ins).count("Encourages States to share") == 1
    changed = tree.xpath("//main//*[contains(concat(' ', @class, ' '), ' change ')]")
    assert sorted(e.get("class").split()[-1] for e in changed) == ["change-ins", "change-move-from", "change-move-to"]
    assert moved.id in {e.get("id") for e in changed}
    entries = tree.xpath("//aside[@class='diff-summary']//ol/li")
    assert len(entries) == 3
    for a in tree.xpath("//aside[@class='diff-summary']//a"):
        assert tree.get_element_by_id(a.get("href")[1:]) is not None
    assert tree.xpath("//aside[@class='diff-summary']//ins") and tree.xpath("//aside[@class='diff-summary']//del")


def test_html_renumbered_paragraphs_show_the_old_number_on_hover():
    tree = page("insert_paragraph")
    for n in range(4, 19):
        li = tree.get_element_by_id(f"op-{n}")
        assert not li.xpath(".//ins|.//del")
        assert li.xpath(".//span[@class='num']/@title") == [f"{n - 1}."]
    assert tree.get_element_by_id("op-3").xpath(".//ins")


def test_pdf_colours_only_the_changes_and_draws_change_bars(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    _, _, red = docs("drafter")
    with pdfplumber.open(io.BytesIO(writers.render("pdf", red))) as pdf:
        *pages, last = pdf.pages  # the last page is the summary, its legend in the marks' colours
        assert "Changes in this version" in last.extract_text()
        words = [w for p in pages for w in p.extract_words(extra_attrs=["non_stroking_color"])]
        body_left = min(w["x0"] for w in words if w["text"].isalpha())
        bars = [r for p in pages for r in (*p.rects, *p.lines) if r["x1"] < body_left and r["height"] > 8]
    coloured: dict[tuple, set[str]] = {}
    for w in words:
        colour = tuple(round(v, 2) for v in (w.get("non_stroking_color") or ()))
        if len(colour) == 3 and max(colour) - min(colour) > 0.2:
            coloured.setdefault(colour, set()).update(re.findall(r"[A-Za-z]{4,}", w["text"]))
    moved = next(p.node for p in red.parts[0].operative if change(p) == "move-to")
    expected = set(re.findall(r"[A-Za-z]{4,}", "strengthen regional intensify bilateral Encourages States share "
                              "information good practices reception integration displaced persons "
                              + plain_text(moved.runs)))
    assert len(coloured) == 2 and set().union(*coloured.values()) == expected
    assert len(bars) >= 3


# -- the command line -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("versions")
    old, new = texts("drafter")
    (tmp / "old.yaml").write_text(old, encoding="utf-8")
    (tmp / "new.yaml").write_text(new, encoding="utf-8")
    return tmp / "old.yaml", tmp / "new.yaml"


def test_cli_writes_the_redline_in_every_format(versions, tmp_path):
    old, new = versions
    proc = unres("diff", old, new, "-o", tmp_path / "out", "--format", "html,docx", "--author", "A. Drafter",
                 "--date", "2026-03-04")
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["A_RES_52_102.docx", "A_RES_52_102.html"]
    body, _ = _parts((tmp_path / "out" / "A_RES_52_102.docx").read_bytes())
    assert b'w:author="A. Drafter"' in body and b'w:date="2026-03-04T00:00:00Z"' in body
    again = unres("diff", old, new, "-o", tmp_path / "again", "--format", "docx", "--author", "A. Drafter",
                  "--date", "2026-03-04")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / "A_RES_52_102.docx").read_bytes() == (tmp_path / "out" / "A_RES_52_102.docx").read_bytes()


def test_cli_stat_summarises_without_writing(versions, tmp_path):
    old, new = versions
    proc = unres("diff", "--stat", old, new, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1] == "1 paragraph inserted, 1 paragraph changed, 1 paragraph moved"
    assert [ln.split()[0] for ln in lines[1:-1]] == [">", "+", "~"]
    assert not (tmp_path / "out").exists()


def test_cli_identical_versions_say_so_and_write_nothing(versions, tmp_path):
    old, _ = versions
    proc = unres("diff", old, old, "-o", tmp_path / "out")
    assert proc.returncode == 0 and "No changes" in proc.stdout
    assert not (tmp_path / "out").exists()


def test_cli_compares_with_a_git_revision(versions, tmp_path):
    old, new = versions
    repo = tmp_path / "repo"
    (repo / "source").mkdir(parents=True)
    target = repo / "source" / "res.yaml"
    target.write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    git = lambda *a: subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *a], cwd=repo,
                                    check=True, capture_output=True)
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "old")
    target.write_text(new.read_text(encoding="utf-8"), encoding="utf-8")
    proc = unres("diff", "--stat", "HEAD", "--", "source/res.yaml", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "HEAD:source/res.yaml → source/res.yaml"
    assert "1 paragraph moved" in proc.stdout
    for rev in ("HEAD~5", "no-such-branch", "--output=x"):
        bad = unres("diff", "--", rev, "source/res.yaml", cwd=repo)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr
        assert "no such file or git revision" in bad.stderr or "not a git revision" in bad.stderr
    assert not (repo / "x").exists()


def test_cli_bad_inputs_exit_2_with_a_placed_message(versions, tmp_path):
    old, _ = versions
    broken = tmp_path / "broken.yaml"
    broken.write_text(old.read_text(encoding="utf-8").replace("session: 52", "session: fifty"), encoding="utf-8")
    proc = unres("diff", old, broken, "-o", tmp_path / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.search(rf"{re.escape(str(broken))}:\d+:\d+: session", proc.stderr)
    missing = unres("diff", old, tmp_path / "missing.yaml")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert not (tmp_path / "out").exists()


# -- any edit: the redline holds both versions -------------------------------------------------
def _random_edits(data: dict, rng: random.Random) -> None:
    """Delete, insert, move and reword paragraphs at random; drop notes no longer called."""
    for _ in range(rng.randint(1, 8)):
        paras = data[rng.choice(("preamble", "operative"))]
        i, j = rng.randrange(len(paras)), rng.randrange(len(paras) + 1)
        what = rng.randrange(4)
        if what == 0 and len(paras) > 1:
            del paras[i]
        elif what == 1:
            paras.insert(j, f"Invites States to consider paragraph {i} and paragraph {j} carefully;")
        elif what == 2:
            paras.insert(min(j, len(paras) - 1), paras.pop(i))
        else:
            words = paras[i].split(" ")
            words[rng.randrange(len(words))] = rng.choice(("Notably", "the", "and,", "*also*"))
            paras[i] = " ".join(words)
    called = set(re.findall(r"\[\^([^\]]+)\]", yaml.safe_dump(data)))
    data["footnotes"] = {k: v for k, v in data["footnotes"].items() if k in called}


def test_any_edits_accept_to_the_new_version_and_reject_to_the_old():
    old_text = texts("insert_paragraph")[0]
    old = build(load("old.yaml", old_text))
    rng = random.Random(52102)
    for _ in range(25):
        data = yaml.safe_load(old_text)
        _random_edits(data, rng)
        new = build(load("new.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))
        red = diff(old, new)
        assert version(red, "accept") == version(new)
        assert version(red, "reject") == version(old)
