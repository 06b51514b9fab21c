"""The DOCX writer, checked through what real clients make of the file.

LibreOffice converts each DOCX to PDF once per module (pdfplumber reads pages, text and
positions); pandoc reads the seed back; openxml-audit validates; the OOXML parts are read
for styles, settings, properties and revision marks.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import MODERN, ROOT, SEED, SEED_TXT
from lxml import etree
from support import redline_summary
from support.docx_lists import WordLists, model_labels
from support.structures import ROWS, TABLES, long_table_source

from pipeline.app.build import load_document
from pipeline.model import (
    Changed,
    ChangedBlock,
    Document,
    Field,
    NoteRef,
    Para,
    Redline,
    Text,
    plain_text,
    run_change,
    unwrap,
    unwrap_block,
)
from pipeline.source import load
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build
from pipeline.transforms.words import catalogue
from pipeline.writers.docx import render, wordlists

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
           "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main"}
SOURCES = {"seed": SEED, "modern": MODERN}
INSERTED = "Stresses the importance of regional cooperation;"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


# -- module fixtures: one build, one LibreOffice conversion, one pandoc read --------------
def _inserted_paragraph_redline() -> Document:
    """The seed against itself with a new operative paragraph 3 (3-17 become 4-18)."""
    text = SEED.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["operative"].insert(2, INSERTED)
    new = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return diff(build(load("old.yaml", text)), build(load("new.yaml", new)), author="Editor", date="1998-02-10T00:00:00Z")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {**{name: load_document(path) for name, path in SOURCES.items()}, "redline": _inserted_paragraph_redline(),
            "tables": load_document(TABLES), "long-table": build(load("long.yaml", long_table_source()))}


@pytest.fixture(scope="module")
def built(docs, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = {}
    for name, doc in docs.items():
        paths[name] = out / f"{name}.docx"
        paths[name].write_bytes(render(doc))
    return paths


@pytest.fixture(scope="module")
def pdfs(built, office, tmp_path_factory) -> dict[str, pdfplumber.PDF]:
    out = tmp_path_factory.mktemp("lo")
    office.convert_all(built.values(), "pdf", out)
    opened = {name: pdfplumber.open(out / f"{name}.pdf") for name in built}
    yield opened
    for pdf in opened.values():
        pdf.close()


@pytest.fixture(scope="module")
def seed_markdown(built) -> str:
    return subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(built["seed"])],
                          check=True, capture_output=True, text=True, timeout=120).stdout


# -- helpers on the converted PDF ---------------------------------------------------------
def body_size(page) -> float:
    sizes = sorted(round(c["size"], 1) for c in page.chars)
    return sizes[len(sizes) // 2]


def note_area_top(page) -> float:
    """The footnote separator: the lowest horizontal rule in the lower half of the page."""
    rules = [r["top"] for r in page.lines + page.rects if r["top"] > page.height / 2 and abs(r["bottom"] - r["top"]) < 2]
    return max(rules) if rules else page.height


def small_numbers(page, size: float):
    """Raised numbers (footnote calls and marks) in reading order: (number, top)."""
    out, current, top = [], "", 0.0
    for c in page.chars:
        if c["text"].isdigit() and c["size"] < 0.8 * size:
            current, top = current + c["text"], c["top"]
            continue
        if current:
            out.append((int(current), top))
            current = ""
    if current:
        out.append((int(current), top))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+|\d+", text)


def is_subsequence(needle: list[str], hay: list[str]) -> tuple[bool, int]:
    it, matched = iter(hay), 0
    for w in needle:
        if not any(w == h for h in it):
            return False, matched
        matched += 1
    return True, matched


# -- what LibreOffice shows -------------------------------------------------------------------
@pytest.mark.parametrize("name", SOURCES)
def test_each_note_on_the_page_of_its_first_call(name, docs, pdfs):
    doc, pdf = docs[name], pdfs[name]
    size = body_size(pdf.pages[0])
    first_call: dict[int, int] = {}
    note_page: dict[int, int] = {}
    for page in pdf.pages:
        limit = note_area_top(page)
        for number, top in small_numbers(page, size):
            if top < limit:
                first_call.setdefault(number, page.page_number)
        if limit >= page.height:
            continue
        notes_text = squash(page.crop((0, limit, page.width, page.height)).extract_text() or "")
        for note in doc.notes:
            if squash(plain_text(note.runs)) in notes_text:
                note_page.setdefault(note.number, page.page_number)
    assert sorted(note_page) == [n.number for n in doc.notes]
    assert first_call == note_page


def test_seed_words_in_order_and_masthead_on_page_one(pdfs):
    pdf = pdfs["seed"]
    reference = SEED_TXT.read_text(encoding="utf-8")
    body = reference[reference.index("Fifty-second session"):]
    body = "\n".join(line for line in body.splitlines() if not line.startswith("<sup>"))
    expected = words(re.sub(r"<sup>\d+</sup>", "", body))
    seen = words("\n".join(p.extract_text() or "" for p in pdf.pages))
    ok, matched = is_subsequence(expected, seen)
    assert ok, f"word {matched} of {len(expected)} not found in order: {expected[matched:matched + 8]}"
    first = pdf.pages[0].extract_text()
    for text in ("General Assembly", "Distr.", "GENERAL", "A/RES/52/102", "9 February 1998"):
        assert text in first


def test_seed_page_breaks_follow_the_original(pdfs):
    """1998 geometry: page 1 ends inside "Convinced", page 2 after paragraph 5, 3 pages."""
    pages = [p.extract_text() for p in pdfs["seed"].pages]
    assert len(pages) == 3
    assert "Convinced" in pages[0] and "Reaffirming" in pages[1]
    assert "5." in pages[1] and "6." not in pages[1] and "6." in pages[2]
    assert "70th plenary meeting" in pages[2]


def test_running_headers(docs, pdfs):
    seed = pdfs["seed"].pages[1]
    top = seed.crop((0, 0, seed.width, 52)).extract_text()
    assert top.split() == ["A/RES/52/102", "Page", "2"]
    assert "Page" not in pdfs["seed"].pages[0].extract_text()
    modern = pdfs["modern"].pages[1]
    head = modern.crop((0, 0, modern.width, 66)).extract_text()
    foot = modern.crop((0, modern.height - 40, modern.width, modern.height)).extract_text()
    assert "A/RES/73/8" in head.split() and set(docs["modern"].masthead.short_title.split()) < set(head.split())
    assert foot.split()[0] == "2/2" and docs["modern"].masthead.job_number in foot


def test_modern_geometry_matches_the_official(pdfs):
    """Positions measured on the official A/RES/73/8 (un-style.md §3), within 2 pt."""
    page = pdfs["modern"].pages[0]
    first = {}
    for w in page.extract_words():
        first.setdefault(w["text"], w)
    expected = {"United": (123.4, 46.8), "Seventy-third": (60, 214.5), "Resolution": (123.4, 255.1),
                "73/8.": (85.1, None), "Determined": (147.1, None)}
    for text, (x, top) in expected.items():
        assert abs(first[text]["x0"] - x) < 2, text
        if top is not None:
            assert abs(first[text]["top"] - top) < 3, text
    body = [w for w in page.extract_words() if 390 < w["top"] < 700]
    assert abs(max(w["x1"] for w in body) - 488.4) < 2
    assert sum(abs(w["x1"] - 488.4) < 1 for w in body) > 10  # justified lines end at the right edge
    rules = sorted((round(r["top"]), round(r["x0"]), round(r["x1"])) for r in page.lines + page.rects)
    assert rules[0][1:] == (60, 552) and abs(rules[0][0] - 64.8) < 3
    assert any(abs(t - 208.9) < 4 and (x0, x1) == (60, 552) for t, x0, x1 in rules)


def _labels_at(pdf: pdfplumber.PDF, x: float) -> list[tuple[str, str]]:
    """Numbers printed at a label position ("3.", "(a)"), each with the next word on its line."""
    out = []
    for page in pdf.pages:
        # LibreOffice draws the number of an inserted paragraph with spaces of its own over it
        words = page.filter(lambda o: o.get("text") != " ").extract_words(x_tolerance=1.5)  # an 11 pt space is 2.75 pt
        for i, w in enumerate(words):
            # in a redline LibreOffice follows a renumbered paragraph's number with its old one: "5.[4.]"
            label = re.fullmatch(r"(\d+\.|\(\w+\))(\[[^]]+\])?", w["text"])
            if abs(w["x0"] - x) < 2 and label:
                following = words[i + 1] if i + 1 < len(words) else None
                out.append((label[1], following["text"] if following and abs(following["top"] - w["top"]) < 2 else ""))
    return out


def test_libreoffice_prints_the_list_numbers_at_the_label_position(docs, pdfs):
    """1998 geometry, as its PDF: number at the first-line indent (104 pt: a 68 pt margin and 36),
    text at the tab (140 pt)."""
    seed = _labels_at(pdfs["seed"], 104)
    assert [n for n, _ in seed] == [p.label for p in docs["seed"].parts[0].operative]
    assert [w for _, w in seed][:3] == ["Takes", "Notes", "Welcomes"]
    starts = {w["text"]: w["x0"] for w in pdfs["seed"].pages[1].extract_words(x_tolerance=1.5)}
    assert abs(starts["Takes"] - 140) < 2
    modern = _labels_at(pdfs["modern"], 147.1)  # modern: 147.1 pt, text at 170.8 pt
    assert [n for n, _ in modern] == ["1.", "2.", "3.", "4.", "5."]
    assert abs({w["text"]: w["x0"] for w in pdfs["modern"].pages[1].extract_words()}["Reiterates"] - 170.8) < 2


def test_an_inserted_paragraph_renumbers_the_rest_without_a_change(docs, pdfs, built):
    """LibreOffice shows the redline's inserted paragraph 3 and numbers the old 3-17 as 4-18."""
    shown = _labels_at(pdfs["redline"], 104)
    assert [n for n, _ in shown] == [f"{n}." for n in range(1, 19)]
    assert shown[2][1] == INSERTED.split()[0] and shown[3][1] == "Welcomes"
    document = part(built["redline"].read_bytes(), "word/document.xml")
    marked = "".join(t.text for t in document.xpath("//w:ins//w:t", namespaces=NS))
    assert marked == INSERTED and not document.xpath("//w:del", namespaces=NS)


@pytest.mark.parametrize("name", SOURCES)
def test_numbers_are_word_lists_equal_to_the_model_labels(name, docs, built):
    data = built[name].read_bytes()
    document = part(data, "word/document.xml")
    paras = list(document.iter(q("p")))
    labels = WordLists.of(data).labels(paras)
    assert [x for x in labels if x] == model_labels(docs[name])
    assert not [p for p, x in zip(paras, labels) if x and "".join(p.itertext()).startswith(x)]  # not typed too
    # the list belongs to the style (a new UN Operative paragraph is numbered); paragraphs name no list
    styles = part(data, "word/styles.xml")
    operative = styles.xpath("w:style[w:name/@w:val='UN Operative']", namespaces=NS)[0]
    assert operative.find("w:pPr/w:numPr/w:numId", NS) is not None
    assert not document.xpath("//w:body/w:p/w:pPr/w:numPr", namespaces=NS)


def test_label_formats_come_from_the_catalogue(tmp_path):
    """French labels "a)" and "i)" become Word levels "%2)" and "%3)" with no code for French.

    Part B is given a second paragraph: its numbers start again at 1 (a list of its own).
    """
    text = (ROOT / "tests" / "fixtures" / "structures.yaml").read_text(encoding="utf-8")
    text = text.replace("language: en", "language: fr", 1).replace(
        "      - Welcomes the annexed guidelines.[^guidelines]\n",
        "      - Welcomes the annexed guidelines.[^guidelines]\n      - Decides to continue.\n", 1)
    doc = build(load("fr.yaml", text))
    assert [p.label for p in doc.parts[1].operative] == ["1.", "2."]
    data = render(doc)
    numbering = part(data, "word/numbering.xml")
    texts = {(lvl.find("w:numFmt", NS).get(q("val")), lvl.find("w:lvlText", NS).get(q("val")))
             for lvl in numbering.iterfind("w:abstractNum/w:lvl", NS)}
    assert {("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3)"), ("upperRoman", "%1")} <= texts
    labels = [x for x in WordLists.of(data).labels(part(data, "word/document.xml").iter(q("p"))) if x]
    assert labels == model_labels(doc) and "a)" in labels


@pytest.mark.parametrize(("template", "ilvl", "expected"), [
    ("{{ n }}.", 0, ("decimal", "%1.")), ("({{ n|letter }})", 1, ("lowerLetter", "(%2)")),
    ("{{ n|roman|lower }})", 2, ("lowerRoman", "%3)")), ("{{ n|roman }}", 0, ("upperRoman", "%1")),
    ("{{ n }} -", 0, ("decimal", "%1 -")), ("{{ n|ordinal }}", 0, None), ("{{ n }}{{ n }}", 0, None),
])
def test_catalogue_label_formats_map_to_word_levels(template, ilvl, expected):
    got = wordlists.level(catalogue("en").number_format(template), ilvl)
    assert (got and (got.fmt, got.text)) == expected


def test_labels_word_cannot_make_stay_typed():
    """Sub-paragraph 28 is "(ab)" in the model but "(bb)" in Word: that list (operative paragraphs
    and their sub-paragraphs) keeps typed labels, and says so to no reader as a list."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["operative"][0] = {"text": data["operative"][0], "items": [f"item {i};" for i in range(1, 29)]}
    doc = build(load("many.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))
    out = render(doc)
    paras = list(part(out, "word/document.xml").iter(q("p")))
    labels = WordLists.of(out).labels(paras)
    texts = ["".join(p.itertext()) for p in paras]
    assert "(ab)item 28;" in texts and "(a)item 1;" in texts
    assert "1.Takes note" in "".join(texts) and "17." in "".join(texts)
    assert not any(labels)
    assert not part(out, "word/styles.xml").xpath("//w:style[w:name/@w:val='UN Operative']//w:numPr", namespaces=NS)


# -- pandoc, validator, bytes ------------------------------------------------------------------
def test_pandoc_reads_real_notes_and_cross_references(seed_markdown):
    md = seed_markdown
    body, _, _ = md.partition("\n[^1]:")
    for n in range(1, 6):
        assert re.search(rf"^\[\^{n}\]: ", md, re.MULTILINE), f"note {n} is not a real note"
        assert body.count(f"[^{n}]") == 1
    for n in (1, 2):
        link = re.search(rf"\[\^{n}\^\]\(#(\w+)\)", body)
        assert link, f"repeated call {n} is not a link to its note"
        assert re.search(rf"\[\]\{{#{link.group(1)} \.anchor\}}\[\^{n}\]", body.replace("\n", " "))


@pytest.mark.parametrize("name", SOURCES)
def test_openxml_validator_finds_no_errors(name, built):
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(built[name]))
    assert [e.description for e in result.errors] == []


def test_two_builds_give_identical_bytes(docs, built):
    code = (
        "import sys; from pipeline.app.build import load_document; from pipeline.writers.docx import render; "
        f"sys.stdout.buffer.write(render(load_document({str(SEED)!r})))"
    )
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True,
                           env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin", "TZ": "Asia/Tokyo"}).stdout
    assert other == built["seed"].read_bytes() == render(docs["seed"])
    with zipfile.ZipFile(built["seed"]) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


# -- the OOXML an editor works with --------------------------------------------------------------
def test_named_styles_with_next_and_no_direct_geometry(docs, built):
    data = built["modern"].read_bytes()
    styles = part(data, "word/styles.xml")

    def style(name: str) -> etree._Element:
        return styles.xpath(f"w:style[w:name/@w:val='{name}']", namespaces=NS)[0]

    for name, nxt in (("UN Enacting", "UNPreamble"), ("UN Preamble", "UNPreamble"),
                      ("UN Operative", "UNOperative"), ("UN Title", "UNEnacting"), ("Footnote Text", "FootnoteText")):
        assert style(name).find("w:next", NS).get(q("val")) == nxt
    assert style("Footnote Reference").find("w:rPr/w:vertAlign", NS).get(q("val")) == "superscript"
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(q("ascii")) == "Times New Roman"
    document = part(data, "word/document.xml")
    paras = document.findall(".//w:body/w:p", NS)
    used = [p.find("w:pPr/w:pStyle", NS).get(q("val")) for p in paras]
    assert used[:5] == ["UNSession", "UNAgenda", "UNHeading", "UNProvenance", "UNTitle"]
    assert used.count("UNOperative") == 5 and used.count("UNPreamble") == len(docs["modern"].parts[0].preamble)
    assert not document.xpath(".//w:body/w:p/w:pPr/w:ind | .//w:body//w:r/w:rPr/w:sz", namespaces=NS)


def test_footnotes_part_and_cross_reference_fields(built):
    data = built["seed"].read_bytes()
    notes = part(data, "word/footnotes.xml")
    kinds = [(n.get(q("type")), n.get(q("id"))) for n in notes.findall("w:footnote", NS)]
    assert kinds[:2] == [("separator", "-1"), ("continuationSeparator", "0")]
    assert [k[1] for k in kinds[2:]] == ["1", "2", "3", "4", "5"]
    for note in notes.findall("w:footnote", NS)[2:]:
        assert note.find("w:p/w:pPr/w:pStyle", NS).get(q("val")) == "FootnoteText"
        assert note.find("w:p/w:r/w:footnoteRef", NS) is not None
    document = part(data, "word/document.xml")
    calls = document.findall(".//w:footnoteReference", NS)
    assert [c.get(q("id")) for c in calls] == ["1", "2", "3", "4", "5"]
    marks = {b.get(q("name")): b for b in document.iter(q("bookmarkStart"))}
    fields = [t.text.strip() for t in document.iter(q("instrText"))]
    assert sorted(fields) == sorted(f"NOTEREF {name} \\f \\h" for name in marks)
    assert len(fields) == 2
    settings = part(data, "word/settings.xml")
    assert [f.get(q("id")) for f in settings.findall("w:footnotePr/w:footnote", NS)] == ["-1", "0"]


def test_page_setup_and_properties(built):
    data = built["modern"].read_bytes()
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert (sect.find("w:pgSz", NS).get(q("w")), sect.find("w:pgSz", NS).get(q("h"))) == ("12240", "15840")
    assert sect.find("w:titlePg", NS) is not None
    assert {r.get(q("type")) for r in sect.findall("w:headerReference", NS)} == {"first", "even", "default"}
    assert part(data, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    core = part(data, "docProps/core.xml")
    text = {etree.QName(e).localname: e.text for e in core}
    assert text["subject"] == "A/RES/73/8" and text["title"].startswith("73/8. Necessity")
    assert text["language"] == "en-GB"
    assert text["created"] == "2018-11-01T00:00:00Z" and text["modified"] == "2018-11-05T00:00:00Z"
    lang = part(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(q("val")) == "en-GB"


# -- tracked changes ---------------------------------------------------------------------------------
def _diff_document(doc: Document) -> tuple[Document, Document, Document]:
    """A hand-made redline of the seed, and the two versions it stands between.

    Operative 3 gains and loses words, operative 4 is deleted, a new paragraph is inserted,
    the issue date changes, note 3 is replaced by a new text.
    """
    body = doc.parts[0]
    ops = list(body.operative)
    p3, p4 = ops[2], ops[3]
    edited = replace(p3, runs=(p3.runs[0], Changed(Text(" warmly"), "ins"), Text(" the efforts"),
                               Changed(Text(" of the Governments"), "del"), Text(" of the States;")))
    added = Para("operative", (Changed(Text("Welcomes", italic=True), "ins"), Changed(Text(" a new paragraph;"), "ins"),
                               Changed(NoteRef("convention", 4, False), "ins")),
                 "op-new", "4.")
    deleted = replace(p4, runs=tuple(Changed(r, "del") for r in p4.runs))
    ops[2:4] = [edited, ChangedBlock(deleted, "del"), ChangedBlock(added, "ins")]
    notes = list(doc.notes)
    notes[2] = replace(notes[2], runs=(Text("A/51/341"), Changed(Text(" and Corr.1"), "del"),
                                       Changed(Text(", annex."), "ins")))
    masthead = replace(doc.masthead, issued=Field("10 February 1998"))
    red = Redline("Editor", "1998-02-10T00:00:00Z", diff(doc, doc).redline.summary,
                  fields=(("issued", "9 February 1998"),))
    marked = replace(doc, parts=(replace(body, operative=tuple(ops)),), notes=tuple(notes), masthead=masthead,
                     redline=red)
    return marked, _resolve(marked, "del"), _resolve(marked, "ins")


def _resolve(doc: Document, drop: str) -> Document:
    """The model with every ``drop`` mark removed and the others accepted (no marks left)."""
    def runs(rs):
        return tuple(unwrap(r) for r in rs if run_change(r) != drop)

    def para(p):
        p = unwrap_block(p)
        return replace(p, runs=runs(p.runs), children=tuple(para(c) for c in p.children))

    body = doc.parts[0]
    ops = tuple(para(p) for p in body.operative if not (isinstance(p, ChangedBlock) and p.change == drop))
    notes = tuple(replace(n, runs=runs(n.runs)) for n in doc.notes if doc.redline.note(n.number).change != drop)
    issued = doc.masthead.issued
    value = doc.redline.old("issued") if drop == "ins" else issued.text
    return replace(doc, parts=(replace(body, operative=ops),), notes=notes, redline=None,
                   masthead=replace(doc.masthead, issued=Field(value)))


def _texts(data: bytes, name: str, drop: str) -> list[str]:
    """Paragraphs of a part after accepting (drop ``del``) or rejecting (drop ``ins``) in the OOXML.

    Each is "label|text": the number Word gives the paragraphs that remain, then their text.
    """
    root = part(data, name)
    keep = "ins" if drop == "del" else "del"
    for node in root.xpath(f"//w:{drop}[not(parent::w:rPr)]", namespaces=NS):
        node.getparent().remove(node)
    for node in root.xpath(f"//w:{keep}[not(parent::w:rPr)]", namespaces=NS):
        parent = node.getparent()
        for child in list(node):
            node.addprevious(child)
        parent.remove(node)
    texts, kept, carry = [], [], ""
    for p in root.iter(q("p")):
        text = carry + "".join(t.text or "" for t in p.iter(q("t"), q("delText")))
        if p.find(f"w:pPr/w:rPr/w:{drop}", NS) is not None:
            carry = text  # a removed paragraph mark joins the paragraph to the next, which keeps its own list
            continue
        texts.append(text)
        kept.append(p)
        carry = ""
    return [f"{label or ''}|{text}" for label, text in zip(WordLists.of(data).labels(kept), texts)]


def test_tracked_changes_accept_and_reject_give_both_versions(docs):
    diff, new, old = _diff_document(docs["seed"])
    data, summary = redline_summary.split(render(diff))  # its summary page is neither version
    assert summary[0] == "Changes in this version"
    document = part(data, "word/document.xml")
    marks = document.xpath("//w:ins | //w:del", namespaces=NS)
    assert marks and {m.get(q("author")) for m in marks} == {"Editor"}
    assert {m.get(q("date")) for m in marks} == {"1998-02-10T00:00:00Z"}
    ids = [int(m.get(q("id"))) for m in document.xpath("//w:ins | //w:del", namespaces=NS)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert document.xpath("//w:del//w:delText", namespaces=NS) and not document.xpath("//w:del//w:t", namespaces=NS)
    assert document.xpath("//w:body/w:p/w:pPr/w:rPr/w:ins", namespaces=NS)
    assert document.xpath("//w:body/w:p/w:pPr/w:rPr/w:del", namespaces=NS)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"word/(document|footnotes|header\d+|footer\d+)\.xml", n)]
    for name in names:
        for drop, version in (("del", new), ("ins", old)):
            expected = _texts(render(version), name, drop)
            assert _texts(data, name, drop) == expected, (name, drop)
    assert any("10 February 1998" in "".join(_texts(data, n, "del")) for n in names)
    # numbered by Word: accepting gives the new version's numbers, rejecting the old one's
    for drop, version in (("del", new), ("ins", old)):
        labels = [t.partition("|")[0] for t in _texts(data, "word/document.xml", drop)]
        assert [x for x in labels if x] == model_labels(version), drop


def test_tracked_changes_pass_the_validator(docs, tmp_path):
    from openxml_audit import OpenXmlValidator

    path = tmp_path / "diff.docx"
    path.write_bytes(render(_diff_document(docs["seed"])[0]))
    assert [e.description for e in OpenXmlValidator().validate(str(path)).errors] == []


# -- every structure, emblem ---------------------------------------------------------------------
def test_parts_sections_sub_paragraphs_annex_and_new_notes(tmp_path):
    from openxml_audit import OpenXmlValidator

    doc = load_document(ROOT / "tests" / "fixtures" / "structures.yaml")
    data = render(doc)
    document = part(data, "word/document.xml")
    used = [p.get(q("val")) for p in document.iterfind(".//w:body/w:p/w:pPr/w:pStyle", NS)]
    for style in ("UNPart", "UNSectionHeading", "UNSubparagraph1", "UNSubparagraph2", "UNAnnex", "UNAnnexTitle"):
        assert style in used
    assert used.count("UNEnacting") == len(doc.parts) and used.count("UNPlenary") == len(doc.parts)
    # sections, (a) and (i) are Word's list numbers: part A runs on through its sections, the annex starts at 1
    assert [x for x in WordLists.of(data).labels(document.iter(q("p"))) if x] == model_labels(doc)
    assert "(a)" in model_labels(doc) and model_labels(doc).count("1.") == 2
    # a single operative paragraph (part B) stays unnumbered: its style carries no list
    single = next(p for p in document.iter(q("p")) if "".join(p.itertext()).startswith("Welcomes"))
    assert WordLists.of(data).labels([single]) == [None]
    # "new" notes (after the 73rd session): a repeated source is a new footnote, no cross-reference
    notes = part(data, "word/footnotes.xml").findall("w:footnote", NS)[2:]
    assert len(notes) == len(doc.notes) and not list(document.iter(q("instrText")))
    texts = ["".join(n.itertext()) for n in notes]
    assert len(set(texts)) < len(texts)
    path = tmp_path / "structures.docx"
    path.write_bytes(data)
    assert [e.description for e in OpenXmlValidator().validate(str(path)).errors] == []


def test_emblem_in_the_masthead(tmp_path):
    from openxml_audit import OpenXmlValidator
    from PIL import Image

    Image.new("RGB", (40, 40), "navy").save(tmp_path / "emblem.png")
    text = MODERN.read_text(encoding="utf-8").replace("style: modern", "style: modern\nemblem: emblem.png", 1)
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    data = render(load_document(tmp_path / "x.yaml"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        first_header = next(n for n in z.namelist() if n.startswith("word/header") and b"Distr." in z.read(n))
    header = part(data, first_header)
    assert header.xpath("//w:tbl//w:drawing", namespaces=NS)
    (tmp_path / "x.docx").write_bytes(data)
    result = OpenXmlValidator().validate(str(tmp_path / "x.docx"))
    assert [e.description for e in result.errors] == [] and result.warning_count == 0


def test_a4_paper_keeps_furniture_inside_the_margins():
    data = render(load_document(MODERN, paper="a4"))
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    text_width = int(size.get(q("w"))) - int(margins.get(q("left"))) - int(margins.get(q("right")))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        furniture = [n for n in z.namelist() if re.fullmatch(r"word/(header|footer)\d+\.xml", n)]
    widths = [int(t.get(q("w"))) for n in furniture for t in part(data, n).iterfind(".//w:tblW", NS)]
    assert widths and all(abs(w - text_width) <= 1 for w in widths)
    tabs = [int(t.get(q("pos"))) for t in part(data, "word/styles.xml").iterfind(".//w:tab[@w:val='right']", NS)]
    assert tabs and all(abs(p - text_width) <= 1 for p in tabs)


# -- tables, quoted blocks, four levels of sub-paragraphs (tests/test_structures.py: the rest) ------
def test_table_is_a_word_table_whose_header_row_repeats(built):
    document = part(built["tables"].read_bytes(), "word/document.xml")
    (table,) = document.iter(q("tbl"))
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 4
    rows = table.findall("w:tr", NS)
    assert len(rows) == 5
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None and rows[0].find("w:trPr/w:cantSplit", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    heads = ["".join(c.itertext()) for c in rows[0].findall("w:tc", NS)]
    assert heads == ["Member State", "2045", "2046", "2047"]
    styles = {p.find("w:pPr/w:pStyle", NS).get(q("val")) for c in rows[0].findall("w:tc", NS) for p in c.iter(q("p"))}
    assert len(styles) == 1 and "Heading" in styles.pop()
    figures = [c.find(".//w:jc", NS) for r in rows[1:] for c in r.findall("w:tc", NS)[1:]]
    assert all(j is not None and j.get(q("val")) == "right" for j in figures)
    assert [c.find(".//w:jc", NS) for r in rows[1:] for c in r.findall("w:tc", NS)[:1]] == [None] * 4
    note_ref = rows[2].find(".//w:footnoteReference", NS)
    assert note_ref is not None  # a note called from a cell is a real footnote


def test_quote_and_deep_levels(docs, built):
    data = built["tables"].read_bytes()
    document = part(data, "word/document.xml")
    paras = list(document.iter(q("p")))
    quoted = [("".join(p.itertext())) for p in paras
              if p.find("w:pPr/w:pStyle", NS) is not None and "Quote" in p.find("w:pPr/w:pStyle", NS).get(q("val"))]
    assert quoted[0] == "“Rule 160" and quoted[1].startswith("The Committee on Contributions")
    labels = [x for x in WordLists.of(data).labels(paras) if x]
    assert labels == model_labels(docs["tables"])
    assert labels[2:10] == ["(a)", "(i)", "a.", "i.", "ii.", "b.", "(ii)", "(b)"]


def test_libreoffice_repeats_the_column_heads_of_a_long_table(pdfs):
    pages = [p.extract_text() or "" for p in pdfs["long-table"].pages]
    spanned = [t for t in pages if "Member State 1" in t or "Member State 9" in t]
    assert len(spanned) >= 2
    assert all(re.search(r"^Member State 2045 2046 2047$", t, re.M) for t in spanned)
    rows = [line for t in pages for line in t.splitlines() if re.fullmatch(r"Member State \d+ 0\.\d+ .*", line)]
    assert [int(line.split()[2]) for line in rows] == list(range(1, ROWS + 1))


# -- the "Please recycle" mark: the SVG for Word 2016 and later, its PNG for every other reader ----
def test_recycle_mark_is_the_svg_with_a_png_drawn_from_it(built):
    from pipeline.paths import TEMPLATES

    data = built["modern"].read_bytes()
    footer = part(data, "word/footer1.xml")
    text = "".join(footer.itertext())
    assert "Please recycle" in text
    svg_blips = footer.xpath("//a:blip[a:extLst/a:ext/asvg:svgBlip]", namespaces=DRAWING)
    assert len(svg_blips) == 1
    blip = svg_blips[0]
    rels = {r.get("Id"): r.get("Target") for r in part(data, "word/_rels/footer1.xml.rels")}
    png_target = rels[blip.get(f"{{{R}}}embed")]
    svg_target = rels[blip.find("a:extLst/a:ext/asvg:svgBlip", DRAWING).get(f"{{{R}}}embed")]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        svg = z.read("word/" + svg_target)
        png = z.read("word/" + png_target)
        types = z.read("[Content_Types].xml").decode()
    assert svg == (Path(TEMPLATES) / "assets" / "recycle.svg").read_bytes()
    assert png.startswith(b"\x89PNG") and "image/svg+xml" in types
    # after the words, before the QR code, in the same paragraph (the job number's and its barcode's,
    # from which the pictures float: tests/test_docx_layout.py)
    para = blip.getparent()
    while para.tag != q("p"):
        para = para.getparent()
    order = [("t", "".join(r.itertext())) if r.find(q("t")) is not None else ("pic", r.find(".//a:blip", DRAWING))
             for r in para.iter(q("r"))]
    kinds = [k for k, _ in order]
    assert kinds[-3:] == ["t", "pic", "pic"] and order[-2][1] is blip and order[-3][1] == "Please recycle"
    assert not built["seed"].read_bytes().count(b"svgBlip")  # the 1998 page 1 has no such mark


def test_recycle_png_is_drawn_from_the_path(tmp_path):
    from PIL import Image

    from pipeline.paths import TEMPLATES
    from pipeline.writers.docx.vector import png_of

    mark = Image.open(io.BytesIO(png_of(Path(TEMPLATES) / "assets" / "recycle.svg")))
    alpha = mark.getchannel("A").tobytes()
    inked = sum(a > 127 for a in alpha) / len(alpha)
    assert 0.15 < inked < 0.5  # three arrows on a ring, not a blank or a filled square
    square = tmp_path / "square.svg"
    square.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
                      '<path d="M25 25L75 25L75 75L25 75Z"/></svg>')
    drawn = Image.open(io.BytesIO(png_of(square))).getchannel("A")
    assert abs(sum(a > 127 for a in drawn.tobytes()) / (96 * 96) - 0.25) < 0.02


def test_libreoffice_shows_the_recycle_mark_beside_its_words(pdfs):
    page = pdfs["modern"].pages[0]
    words = page.extract_words()
    recycle = next(w for w in words if w["text"] == "recycle")
    beside = [im for im in page.images if im["x0"] > recycle["x1"] - 1 and abs(im["bottom"] - recycle["bottom"]) < 20
              and im["width"] < 25]
    assert len(beside) == 1  # the mark (17 pt), right of the words; the QR code is larger
