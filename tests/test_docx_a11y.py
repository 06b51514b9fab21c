"""DOCX accessibility: headings with outline levels, the language, the title, alternative text —
in the OOXML, and in what LibreOffice makes of the DOCX: its tagged-PDF export carries the
headings, paragraphs, lists and notes of our own PDF (read with pikepdf), and it reads the
pictures' alternative text.

LibreOffice (7.4 here) exports everything in a Word header or footer as a pagination artifact,
pictures included: the masthead (emblem, symbol, distribution) and the page-1 footer (barcode,
QR code) sit in the DOCX's first-page header and footer, so its PDF has no ``Figure`` of them
where ours has three (tested below as it is, so a change shows). The modern end rule, a line shape
in the body marked decorative, is the one ``Figure`` (empty): 7.4 does not read Word's decorative
mark.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import MODERN, ROOT, SEED
from lxml import etree
from test_languages import source as language_source
from test_pdfua import tree

from pipeline import writers
from pipeline.app.build import load_document
from pipeline.model import plain_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DC = "{http://purl.org/dc/elements/1.1/}"
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES_ALL = sorted((ROOT / "source").glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
HEADING_STYLES = {"UN Title": 0, "UN Draft Title": 0, "UN Part": 1, "UN Doc Heading": 1,
                  "UN Section Heading": 1, "UN Annex Section Heading": 1, "UN Annex": 1, "UN Annex Title": 1, "UN Adopted Title": 1}
WORD_LANGUAGES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN", "ar": "ar-SA"}


def squash(text: str) -> str:
    return re.sub(r"[\s\u2060\u00ad]+", "", text)


def xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def word_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]


def style_outline(styles: etree._Element) -> dict[str, tuple[str, int | None]]:
    """style id → (name, its outline level or None)."""
    out = {}
    for s in styles.iter(f"{W}style"):
        name = s.find(f"{W}name").get(f"{W}val")
        lvl = s.find(f"{W}pPr/{W}outlineLvl")
        out[s.get(f"{W}styleId")] = (name, int(lvl.get(f"{W}val")) if lvl is not None else None)
    return out


def docx_headings(path: Path) -> list[tuple[int, str]]:
    """(level 1…, text) of every body paragraph with an outline level, consecutive paragraphs of
    one level joined (Word writes "Annex" and its title, a part's letter and title, as two)."""
    styles = style_outline(xml(path, "word/styles.xml"))
    out: list[tuple[int, str]] = []
    last = None
    for p in xml(path, "word/document.xml").iter(f"{W}p"):
        own = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        level = int(own.get(f"{W}val")) if own is not None else (
            styles[style.get(f"{W}val")][1] if style is not None else None)
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if level is None or level > 8:
            last = None
            continue
        if last is not None and out and out[-1][0] == level + 1:
            out[-1] = (level + 1, out[-1][1] + text)
        else:
            out.append((level + 1, text))
        last = p
    return [(lvl, squash(t)) for lvl, t in out]


def pdf_headings(root) -> list[tuple[int, str]]:
    """(level, text) of the outermost H1…H6 of a structure tree (WeasyPrint nests an ``H2`` in a
    part's ``H2``), consecutive ones of a level joined (LibreOffice: "Annex" and its title)."""
    out: list[tuple[int, str]] = []
    joinable = False

    def visit(n) -> None:
        nonlocal joinable
        m = re.fullmatch(r"H([1-6])", n.tag)
        if m:
            level = int(m[1])
            if joinable and out[-1][0] == level:
                out[-1] = (level, out[-1][1] + squash(n.text))
            else:
                out.append((level, squash(n.text)))
            joinable = True
            return
        if not n.kids or n.tag not in ("Document", "Div", "Sect", "Part", "NonStruct"):
            joinable = False  # content between two headings
        for k in n.kids:
            visit(k)

    visit(root)
    return out


# -- the OOXML of every DOCX -------------------------------------------------------------
@pytest.fixture(scope="module")
def docxs(tmp_path_factory) -> dict[str, tuple[Path, object]]:
    out = tmp_path_factory.mktemp("docx-a11y")
    made = {}
    for src in SOURCES_ALL:
        for style in ("1998", "modern"):
            doc = load_document(src, style=style)
            path = out / f"{src.stem}-{style}.docx"
            path.write_bytes(writers.render("docx", doc))
            html = writers.render("html", doc)
            made[path.stem] = (path, doc, html)
    return made


def html_headings(html: bytes) -> list[tuple[int, str]]:
    root = etree.HTML(html)
    heads = root.xpath("//main//*[self::h1 or self::h2 or self::h3]")
    out = []
    for h in heads:
        if h.get("id") in ("notes-head", "diff-summary-head"):
            continue
        for num in h.xpath(".//span[@class='section-num']"):  # Word numbers section headings itself
            num.text = ""
        out.append((int(h.tag[1]), squash("".join(h.itertext()))))
    return out


def test_heading_styles_carry_outline_levels(docxs):
    for name, (path, _doc, _html) in docxs.items():
        styles = {n: lvl for n, lvl in style_outline(xml(path, "word/styles.xml")).values()}
        for style, level in HEADING_STYLES.items():
            assert styles[style] == level, (name, style, styles[style])
        body = {n: lvl for n, lvl in styles.items() if n.startswith("UN ") and n not in HEADING_STYLES}
        assert all(lvl is None for lvl in body.values()), (name, body)  # body text is no heading


def test_docx_headings_are_the_htmls(docxs):
    """The title is level 1; parts, annexes and sections sit at the HTML's h2/h3."""
    seen = set()
    for name, (path, _doc, html) in docxs.items():
        got, want = docx_headings(path), html_headings(html)
        assert got == want, (name, got, want)
        assert got[0][0] == 1 and [lvl for lvl, _ in got].count(1) == 1, name
        seen.update(lvl for lvl, _ in got)
    assert seen == {1, 2, 3}


def test_language_on_every_run(docxs):
    for name, (path, doc, _html) in docxs.items():
        lang = WORD_LANGUAGES[doc.meta.language]
        defaults = xml(path, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert {k.removeprefix(W): v for k, v in defaults.attrib.items()} == {
            "val": lang, "eastAsia": lang, "bidi": lang}, name
        for part in word_parts(path):  # nothing overrides it: every run inherits the language
            for el in xml(path, part).iter(f"{W}lang"):
                assert set(el.attrib.values()) == {lang}, (name, part, dict(el.attrib))


@pytest.mark.parametrize("lang", ["zh", "ar", "fr"])
def test_language_versions(tmp_path, lang):
    doc = load_document(language_source(tmp_path, lang))
    path = tmp_path / "x.docx"
    path.write_bytes(writers.render("docx", doc))
    rpr = xml(path, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    attrs = {k.removeprefix(W): v for k, v in rpr.find(f"{W}lang").attrib.items()}
    assert attrs["val"] == WORD_LANGUAGES[lang]
    if lang == "zh":  # Chinese characters take the East Asian language
        assert attrs["eastAsia"] == "zh-CN"
    if lang == "ar":  # Arabic takes the complex-script (bidi) language, right to left
        assert attrs["bidi"] == "ar-SA" and rpr.find(f"{W}rtl") is not None
    core = xml(path, "docProps/core.xml")
    assert core.find(f"{DC}language").text == WORD_LANGUAGES[lang]


def test_title_in_the_core_properties(docxs):
    for name, (path, doc, _html) in docxs.items():
        core = xml(path, "docProps/core.xml")
        assert core.find(f"{DC}title").text == doc.meta.title, name
        assert doc.masthead.number in doc.meta.title or not doc.masthead.number, name


def test_every_picture_has_alternative_text(docxs):
    """Every picture has its alternative text; the modern end rule, a line shape, is marked
    decorative (Word's "Mark as decorative") and has none."""
    for name, (path, doc, _html) in docxs.items():
        prs = [pr for part in word_parts(path) for pr in xml(path, part).iter(f"{WP}docPr")]
        decorative = [pr for pr in prs if pr.find(f".//{ADEC}decorative[@val='1']") is not None]
        assert [pr.get("name") for pr in decorative] == (["End rule"] if doc.style.name != "1998" else []), name
        assert not any(pr.get("descr") for pr in decorative), name
        found = [pr.get("descr") for pr in prs if pr not in decorative]
        assert all(found), (name, found)
        m = doc.masthead
        want = {doc.meta.words["emblem"]} if m.emblem_image else set()
        if doc.style.footer_first == "job_barcode_qr":
            want |= {d for d in (m.barcode, m.url) if d} | {doc.meta.words["recycle"]}  # and the mark
        assert set(found) == want, (name, found, want)


# -- what LibreOffice makes of it ----------------------------------------------------------
@pytest.fixture(scope="module")
def exported(office, tmp_path_factory) -> dict[str, tuple[Path, Path, object]]:
    """name → (LibreOffice's tagged PDF of our DOCX, our own PDF, the document)."""
    tmp = tmp_path_factory.mktemp("lo-tagged")
    cases = {"modern": (MODERN, "modern"), "seed": (SEED, "1998"),
             "structures": (FIXTURES / "structures.yaml", "modern"),
             "zh": (language_source(tmp, "zh"), "modern"), "ar": (language_source(tmp, "ar"), "modern")}
    made = {}
    for name, (src, style) in cases.items():
        doc = load_document(src, style=style)
        (tmp / f"{name}.docx").write_bytes(writers.render("docx", doc))
        (tmp / f"{name}.ours.pdf").write_bytes(writers.render("pdf", doc))
        lo = office.convert(tmp / f"{name}.docx", "pdf", tmp / "lo", ("UseTaggedPDF=true",))
        made[name] = (lo, tmp / f"{name}.ours.pdf", doc)
    return made


def test_libreoffice_pdf_has_our_headings_language_and_title(exported):
    for name, (lo, ours, doc) in exported.items():
        _p, lo_root, _ = tree(lo)
        _q, our_root, _ = tree(ours)
        got, want = pdf_headings(lo_root), pdf_headings(our_root)
        if doc.meta.direction == "rtl":  # characters come out in visual order, lines differently
            got, want = ([(lvl, sorted(t)) for lvl, t in heads] for heads in (got, want))
        assert got == want, (name, got)
        with pikepdf.open(lo) as pdf:
            assert str(pdf.Root.Lang).split("-")[0] == doc.meta.language, (name, pdf.Root.Lang)
            assert str(pdf.docinfo.Title) == doc.meta.title, name
            assert bool(pdf.Root.MarkInfo.Marked), name


def roles(path: Path) -> list[tuple[str, object]]:
    """(standard structure type, node) of every element of a tagged PDF, LibreOffice's own
    types (its paragraph style names) resolved through the RoleMap."""
    _p, root, _ = tree(path)
    with pikepdf.open(path) as pdf:
        rolemap = {str(k)[1:]: str(v)[1:] for k, v in pdf.Root.StructTreeRoot.get("/RoleMap", {}).items()}
    return [(rolemap.get(n.tag, n.tag), n) for n in root.walk()]


def comparable(doc, text: str):
    """Text to compare: without digits (the notes' call numbers are in the PDF's text, not in
    plain_text); right to left, the characters only (they come out in visual order)."""
    text = re.sub(r"\d", "", squash(text))
    return sorted(text) if doc.meta.direction == "rtl" else text


def test_libreoffice_pdf_has_our_paragraphs_lists_and_notes(exported):
    for name, (lo, _ours, doc) in exported.items():
        nodes = roles(lo)
        # every preambular paragraph is a paragraph of its own, in order
        paras = [comparable(doc, n.text) for r, n in nodes if r == "P"]
        preamble = [comparable(doc, plain_text(p.runs)) for part in doc.parts for p in part.preamble]
        missing = [want for want in preamble if want not in paras]
        assert not missing, (name, missing[:2], paras[:8])
        found = [paras.index(want) for want in preamble]
        assert found == sorted(found) and len(set(found)) == len(found), (name, found)
        # the operative paragraphs are list items, as in our PDF, where the DOCX numbers them as a
        # Word list; where Word has no such numbering (Arabic letters: typed labels, see
        # writers/docx/wordlists.py) each is a paragraph of its own
        items = [n for r, n in nodes if r == "LI"]
        top = [p for part in doc.parts for p in part.operative if hasattr(p, "children")]
        if doc.meta.language != "ar":
            assert len(items) >= len(top), (name, len(items), len(top))
        else:
            operative = [Counter(squash(plain_text(p.runs))) for p in top]  # RTL: characters only
            ps = [Counter(squash(n.text)) for r, n in nodes if r == "P"]
            assert not items and all(any(not (o - t) for t in ps) for o in operative), name
        # each footnote is a Note with its text, in order
        notes = [squash(n.text) for r, n in nodes if r == "Note"]
        assert len(notes) == len(doc.notes), (name, len(notes), len(doc.notes))
        for note, text in zip(doc.notes, notes):
            assert squash(plain_text(note.runs)) in text, (name, note.number, text)


def test_libreoffice_reads_the_alternative_text_but_exports_furniture_as_artifacts(exported, office, tmp_path):
    _lo, _ours, doc = exported["modern"]
    docx = tmp_path / "modern.docx"
    docx.write_bytes(writers.render("docx", doc))
    flat = etree.parse(str(office.convert(docx, "fodt", tmp_path)))
    ns = {"svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
          "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"}
    descs = sorted("".join(d.itertext()) for d in flat.xpath("//draw:frame/svg:desc", namespaces=ns))
    m = doc.masthead
    assert descs == sorted([doc.meta.words["emblem"], m.barcode, m.url, doc.meta.words["recycle"]]), descs
    # LibreOffice 7.4 tags nothing of a header or footer: no Figure of them in its PDF (ours has
    # three). It does not read Word's decorative mark either: the end rule, a line shape in the
    # body, is one Figure without text or alternative text, at the end of the plenary lines'
    # paragraph it is drawn from
    _p, root, _ = tree(exported["modern"][0])
    figures = [n for n in root.walk() if n.tag == "Figure"]
    assert [(n.text, "/Alt" in n.obj) for n in figures] == [("", False)]
    assert [k.tag for k in root.walk() if k.kids and k.kids[-1] is figures[0]] == ["UN Plenary"]
