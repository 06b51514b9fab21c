"""Hand-made OOXML that python-docx cannot produce, as small named helpers.

The DOCX writer builds the body with python-docx and calls these for the rest: the
footnotes part and its calls, fields (PAGE, NUMPAGES, NOTEREF), bookmarks, settings,
borders, table layout, list numbering, tracked changes (``w:ins`` / ``w:del``) and a byte-reproducible zip.
Lengths are given in points and converted here (twips, eighths of a point).
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

Side = Literal["ins", "del"]

# Parts of python-docx's default template that would misdescribe a generated document
# (a thumbnail of a blank page, Word 2010 style copies, an empty custom XML item, app stats).
_DROPPED_RELTYPES = (RT.THUMBNAIL, RT.CUSTOM_XML, RT.EXTENDED_PROPERTIES,
                     "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
# Successors of w:footnotePr in CT_Settings (ECMA-376 §17.15.1.78), for ordered insertion.
_AFTER_FOOTNOTEPR = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                     "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                     "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                     "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                     "w:decimalSymbol", "w:listSeparator")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def twips(pt: float) -> str:
    return str(round(pt * 20))


def element(tag: str, children: Iterable[etree._Element] = (), **attrs: str) -> etree._Element:
    """``w:tag`` with ``w:``-qualified attributes and children."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    for child in children:
        el.append(child)
    return el


# -- footnotes -----------------------------------------------------------------------
def add_footnotes_part(document_part: Part) -> etree._Element:
    """Create ``word/footnotes.xml`` with its separators, relate it, return its root."""
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
    for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
        run = element("w:r", [element(f"w:{kind}")])
        spacing = element("w:spacing", after="0", line="240", lineRule="auto")
        para = element("w:p", [element("w:pPr", [spacing]), run])
        root.append(element("w:footnote", [para], type=kind, id=note_id))
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return root


def add_footnote(root: etree._Element, note_id: int) -> etree._Element:
    """A new ``w:footnote`` (empty) appended to the footnotes part."""
    note = element("w:footnote", id=str(note_id))
    root.append(note)
    return note


def new_paragraph(container: etree._Element) -> etree._Element:
    para = element("w:p")
    container.append(para)
    return para


def footnote_mark(run: etree._Element) -> None:
    """The note's own number at the start of its text (``w:footnoteRef``)."""
    run.append(element("w:footnoteRef"))


def footnote_reference(run: etree._Element, note_id: int, custom: bool = False) -> None:
    """A footnote call in the body: Word numbers it and links it to the note; ``custom``: the call
    prints a mark of its own, the run after it (``w:customMarkFollows``, ECMA-376 17.11.14: "*"),
    and Word's numbering does not count it."""
    attrs = {"customMarkFollows": "1"} if custom else {}
    run.append(element("w:footnoteReference", **attrs, id=str(note_id)))


def footnote_settings(settings: etree._Element) -> None:
    """``w:footnotePr`` naming the separator notes, as Word writes it."""
    pr = element("w:footnotePr", [element("w:footnote", id="-1"), element("w:footnote", id="0")])
    settings.insert_element_before(pr, *_AFTER_FOOTNOTEPR)


# -- bookmarks and fields ---------------------------------------------------------
def bookmark_around(node: etree._Element, bookmark_id: int, name: str) -> None:
    """Surround ``node`` (a run, or a revision wrapping it) with a named bookmark."""
    node.addprevious(element("w:bookmarkStart", id=str(bookmark_id), name=name))
    node.addnext(element("w:bookmarkEnd", id=str(bookmark_id)))


def link_to_bookmark(node: etree._Element, anchor: str) -> etree._Element:
    """Wrap ``node`` (a run, or a revision wrapping it) in an internal ``w:hyperlink`` to the
    bookmark ``anchor``; the wrapper is returned (a bookmark can surround it)."""
    link = element("w:hyperlink", anchor=anchor, history="1")
    node.addprevious(link)
    link.append(node)
    return link


def add_field(paragraph: Paragraph, instruction: str, result: str, style: str | None = None,
              anchor: str | None = None) -> list[etree._Element]:
    """A complex field (begin, instruction, separate, stored result, end) as five runs.

    The stored result is what a reader sees before any update; Word and LibreOffice
    recompute PAGE, NUMPAGES and NOTEREF themselves. With ``anchor`` the stored result is
    also a link to that bookmark, for readers that do not evaluate fields.
    """
    runs = [paragraph.add_run(style=style) for _ in range(5)]
    runs[0]._r.append(element("w:fldChar", fldCharType="begin"))
    instr = element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    runs[1]._r.append(instr)
    runs[2]._r.append(element("w:fldChar", fldCharType="separate"))
    runs[3].text = result
    runs[4]._r.append(element("w:fldChar", fldCharType="end"))
    nodes = [r._r for r in runs]
    if anchor:
        link = element("w:hyperlink", anchor=anchor)
        nodes[3].addprevious(link)
        link.append(nodes[3])
        nodes[3] = link
    return nodes


# -- paragraph and table formatting --------------------------------------------------
def paragraph_border(ppr: etree._Element, side: str, width_pt: float, space_pt: float) -> None:
    """A single-line paragraph border (``top`` or ``bottom``) on a style's or paragraph's pPr."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = element("w:pBdr")
        ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                  "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                                  "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                                  "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                                  "w:rPr", "w:sectPr", "w:pPrChange")
    borders.append(element(f"w:{side}", val="single", sz=str(round(width_pt * 8)),
                           space=str(round(space_pt)), color="auto"))


def table_layout(table, widths_pt: Iterable[float], bottom_rule_pt: float | None = None,
                 top_rule_pt: float | None = None, bottom_pad_pt: float = 0,
                 min_height_pt: float = 0) -> None:
    """Fixed column widths, no cell padding (but ``bottom_pad_pt`` under the cells' text), no
    borders except optional top and bottom rules; rows ``min_height_pt`` high at least."""
    widths = list(widths_pt)
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        old = tbl_pr.find(qn(tag))
        if old is not None:
            tbl_pr.remove(old)
    tbl_pr.append(element("w:tblW", w=twips(sum(widths)), type="dxa"))
    edges = [element(f"w:{s}", val="nil") for s in ("top", "left", "bottom", "right", "insideH", "insideV")]
    for i, side, width in ((0, "top", top_rule_pt), (2, "bottom", bottom_rule_pt)):
        if width:
            edges[i] = element(f"w:{side}", val="single", sz=str(round(width * 8)), space="0", color="auto")
    tbl_pr.append(element("w:tblBorders", edges))
    tbl_pr.append(element("w:tblLayout", type="fixed"))
    margins = [element("w:left", w="0", type="dxa"), element("w:right", w="0", type="dxa")]
    if bottom_pad_pt:  # CT_TblCellMar: top, left, bottom, right
        margins.insert(1, element("w:bottom", w=twips(bottom_pad_pt), type="dxa"))
    tbl_pr.append(element("w:tblCellMar", margins))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), twips(width))
    for row in table.rows:
        if min_height_pt:
            row._tr.get_or_add_trPr().append(element("w:trHeight", val=twips(min_height_pt), hRule="atLeast"))
        for cell, width in zip(row.cells, widths):
            tc_pr = cell._tc.get_or_add_tcPr()
            tc_w = tc_pr.find(qn("w:tcW"))
            if tc_w is None:
                tc_w = element("w:tcW")
                tc_pr.insert(0, tc_w)
            tc_w.set(qn("w:w"), twips(width))
            tc_w.set(qn("w:type"), "dxa")


def _rule(side: str, rule_pt: float) -> etree._Element:
    return element(f"w:{side}", val="single", sz=str(round(rule_pt * 8)), space="0", color="auto")


def _cell_margins(tag: str, side_pt: float, pad_pt: float) -> etree._Element:
    sides = (("top", pad_pt), ("left", side_pt), ("bottom", pad_pt), ("right", side_pt))
    return element(tag, [element(f"w:{s}", w=twips(w), type="dxa") for s, w in sides])


def data_table_style(style: etree._Element, side_pt: float, pad_pt: float, head_pad_pt: float,
                     rule_pt: float) -> None:
    """The table style "UN Table" (``style``, a ``w:style`` of type table): rules above and below
    the table, cell margins, and its head row (``firstRow``) italic, ruled under, repeated."""
    style.append(element("w:tblPr", [
        element("w:tblBorders", [_rule("top", rule_pt), _rule("bottom", rule_pt)]),
        _cell_margins("w:tblCellMar", side_pt, pad_pt)]))
    style.append(element("w:tcPr", [element("w:vAlign", val="bottom")]))
    style.append(element("w:tblStylePr", [
        element("w:rPr", [element("w:i")]),
        element("w:trPr", [element("w:cantSplit"), element("w:tblHeader")]),
        element("w:tcPr", [element("w:tcBorders", [_rule("bottom", rule_pt)]),
                           _cell_margins("w:tcMar", side_pt, head_pad_pt)])], type="firstRow"))


def data_table(table, widths_pt: Iterable[float], indent_pt: float, side_pt: float, pad_pt: float,
               head_pad_pt: float, rule_pt: float) -> None:
    """A table of the text (as issued in annexes), in the table style "UN Table", its geometry
    also written on the table (LibreOffice applies a table style's conditional head row only in
    part): fixed columns whose left rule stands at ``indent_pt`` (the text block's edge, as the
    PDF's; Word 2010's layout, the document's compatibility mode, measures the indent to the first
    cell's text, so the indent is the edge plus the cell's left margin), cell margins, rules above
    and below the table and under the head row, which Word repeats at the top of every page the
    table runs onto (``w:tblHeader``); no row splits across pages (``w:cantSplit``), text sits at
    the bottom of its cell (base.css ``vertical-align: bottom``)."""
    widths = list(widths_pt)
    table_layout(table, widths, bottom_rule_pt=rule_pt, top_rule_pt=rule_pt)
    tbl_pr = table._tbl.tblPr
    tbl_pr.replace(tbl_pr.find(qn("w:tblCellMar")), _cell_margins("w:tblCellMar", side_pt, pad_pt))
    tbl_pr.insert(list(tbl_pr).index(tbl_pr.find(qn("w:tblBorders"))),
                  element("w:tblInd", w=twips(indent_pt + side_pt), type="dxa"))
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(element("w:cantSplit"))
        if i == 0:
            tr_pr.append(element("w:tblHeader"))
        for cell in row.cells:
            tc_pr = cell._tc.get_or_add_tcPr()
            if i == 0:
                tc_pr.append(element("w:tcBorders", [_rule("bottom", rule_pt)]))
                tc_pr.append(_cell_margins("w:tcMar", side_pt, head_pad_pt))
            tc_pr.append(element("w:vAlign", val="bottom"))


def doc_defaults(styles: etree._Element, font: str, size_pt: float, lang: str,
                 fonts: dict[str, str] | None = None, rtl: bool = False, kern: bool = False) -> None:
    """Document-wide run defaults: the named font (or the catalogue's face per script class:
    ``eastAsia`` for Chinese, ``cs`` for Arabic), size, language; right to left for Arabic
    (``w:bidi`` paragraphs, ``w:rtl`` runs), so Word and LibreOffice open it mirrored; ``kern``:
    the font's pair kerning at every size (``w:kern`` 1 pt and above: Word's "Kerning for fonts")."""
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    faces = {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font, **(fonts or {})}
    rpr.append(element("w:rFonts", **faces))
    if kern:  # CT_RPr order: rFonts … kern, position, sz
        rpr.append(element("w:kern", val="2"))
    half = str(round(size_pt * 2))
    rpr.append(element("w:sz", val=half))
    rpr.append(element("w:szCs", val=half))
    if rtl:
        rpr.append(element("w:rtl"))
    rpr.append(element("w:lang", val=lang, eastAsia=lang, bidi=lang))
    ppr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    if rtl:
        ppr.append(element("w:bidi"))


def theme_language(settings: etree._Element, lang: str) -> None:
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        for attr in list(tfl.attrib):
            del tfl.attrib[attr]
        tfl.set(qn("w:val"), lang)


def drop_template_parts(document_part: Part) -> None:
    """Remove the default template's parts that do not describe this document."""
    package = document_part.package
    for rels in (package.rels, document_part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in _DROPPED_RELTYPES:
                del rels[rid]


# -- list numbering ---------------------------------------------------------------------
def numbering_properties(ppr: etree._Element, num_id: int, ilvl: int) -> None:
    """``w:numPr`` of a paragraph or style: its list and level."""
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def list_level(ilvl: int, fmt: str, text: str, left_pt: float, first_pt: float,
               tab_pt: float | None, own_line: bool = False) -> etree._Element:
    """One ``w:lvl``: number format and level text, the number at the first-line indent, then a tab.

    The tab goes to the left indent when the indent hangs, else to ``tab_pt``. ``own_line``: nothing
    after the number (``w:suff`` nothing); the writer opens the paragraph's text with a line
    break (``w:br``), so the number stands on a line of its own.
    """
    first = {"hanging" if first_pt < 0 else "firstLine": twips(abs(first_pt))}
    ind = element("w:ind", left=twips(left_pt), **first)
    stop = None if own_line else left_pt if first_pt < 0 else tab_pt
    tabs = [element("w:tabs", [element("w:tab", val="num", pos=twips(stop))])] if stop is not None else []
    suff = [element("w:suff", val="nothing")] if own_line else []
    return element("w:lvl", [element("w:start", val="1"), element("w:numFmt", val=fmt), *suff,
                             element("w:lvlText", val=text), element("w:lvlJc", val="left"),
                             element("w:pPr", [*tabs, ind])], ilvl=str(ilvl))


def add_abstract_list(numbering: etree._Element, abstract_id: int, levels: list[etree._Element]) -> None:
    """A ``w:abstractNum`` (a list's levels), placed before the list instances."""
    kind = "multilevel" if len(levels) > 1 else "singleLevel"
    abstract = element("w:abstractNum", [element("w:nsid", val=f"{0x554E0000 + abstract_id:08X}"),
                                         element("w:multiLevelType", val=kind), *levels],
                       abstractNumId=str(abstract_id))
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")


def add_list_instance(numbering: etree._Element, num_id: int, abstract_id: int, levels: int) -> None:
    """A ``w:num`` of an abstract list that starts every level at 1 (a list of its own)."""
    overrides = [element("w:lvlOverride", [element("w:startOverride", val="1")], ilvl=str(i))
                 for i in range(levels)]
    num = element("w:num", [element("w:abstractNumId", val=str(abstract_id)), *overrides], numId=str(num_id))
    numbering.insert_element_before(num, "w:numIdMacAtCleanup")


# -- tracked changes ------------------------------------------------------------------
@dataclass
class Revisions:
    """Author, date and sequential ids of the revision marks of one document."""

    author: str
    date: str | None
    next_id: int = field(default=1)

    def _attrs(self) -> dict[str, str]:
        attrs = {"id": str(self.next_id), "author": self.author}
        if self.date:
            attrs["date"] = self.date
        self.next_id += 1
        return attrs

    def track(self, runs: list[etree._Element], side: Side) -> etree._Element:
        """Wrap adjacent runs in ``w:ins`` / ``w:del`` (deleted text becomes ``w:delText``).

        A hyperlink among them cannot sit inside a revision: its own runs are wrapped
        inside it. Returns the first wrapper.
        """
        groups: list[list[etree._Element]] = [[]]
        for node in runs:
            if node.tag == qn("w:hyperlink"):
                groups += [list(node), []]
            else:
                groups[-1].append(node)
        wrappers = []
        for group in filter(None, groups):
            wrapper = element(f"w:{side}", **self._attrs())
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
                if side == "del":
                    for tag, new in (("w:t", "w:delText"), ("w:instrText", "w:delInstrText")):
                        for node in run.iter(qn(tag)):
                            node.tag = qn(new)
            wrappers.append(wrapper)
        return wrappers[0]

    def mark_paragraph(self, para: etree._Element, side: Side) -> None:
        """Track the paragraph mark itself (an inserted or deleted paragraph)."""
        ppr = para.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = element("w:rPr")
            ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
        rpr.insert(0, element(f"w:{side}", **self._attrs()))


def hyperlink_last_run(paragraph: Paragraph, url: str) -> None:
    """Wrap the paragraph's last run (or its tracked-change wrapper) in a ``w:hyperlink`` to
    ``url``, related from the part the paragraph lives in (document or footnotes)."""
    p = paragraph._p
    last = p[-1]
    part: Part = paragraph.part
    if p.getroottree().getroot().tag == qn("w:footnotes"):  # a note: the footnotes part relates it
        part = part.part_related_by(RT.FOOTNOTES)
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = element("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    p.replace(last, link)
    link.append(last)


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
# Word's "Mark as decorative" (docPr extension): no alternative text, an artifact in Word's tagged PDF.
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def _el(tag: str, *children: etree._Element, text: str | None = None, **attrs: str) -> etree._Element:
    """A drawing's element (``wp:``, ``a:``, ``w:``, or ``wps:``, which python-docx does not map)
    with unqualified attributes, its children and its text."""
    prefix, name = tag.split(":")
    e = etree.Element(f"{{{_WPS}}}{name}", nsmap={"wps": _WPS}) if prefix == "wps" else OxmlElement(tag)
    for k, v in attrs.items():
        e.set(k, v)
    e.extend(children)
    if text is not None:
        e.text = text
    return e


def _emu(pt: float) -> str:
    return str(round(pt * 12700))


def _anchor(h: etree._Element, v: etree._Element, extent: etree._Element, *rest: etree._Element,
            relative_height: str) -> etree._Element:
    """A floating drawing (``wp:anchor``) at the position ``h``, ``v``: over the text, wrapping
    none, so it takes no room in the flow; ``rest``: its docPr, frame properties and graphic."""
    return _el(
        "wp:anchor", _el("wp:simplePos", x="0", y="0"), h, v, extent,
        _el("wp:effectExtent", l="0", t="0", r="0", b="0"), _el("wp:wrapNone"), *rest,
        distT="0", distB="0", distL="0", distR="0", simplePos="0", relativeHeight=relative_height,
        behindDoc="0", locked="0", layoutInCell="1", allowOverlap="1",
    )


def float_picture(run, dx_pt: float = 0, dy_pt: float = 0, page: bool = False) -> None:
    """Turn the run's inline picture into one floating at (dx, dy) from its column and
    paragraph, over the text and taking no room (as Word places the emblem of an issued
    resolution): the row it sits in keeps the height of its text. ``page``: (dx, dy) from the
    page's top left corner (page 1's footer furniture, where the PDF draws it)."""
    inline = run._r.find(".//" + qn("wp:inline"))
    if inline is None:
        return
    rest = (inline.find(qn(tag)) for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"))
    across, down = ("page", "page") if page else ("column", "paragraph")
    anchor = _anchor(
        _el("wp:positionH", _el("wp:posOffset", text=_emu(dx_pt)), relativeFrom=across),
        _el("wp:positionV", _el("wp:posOffset", text=_emu(dy_pt)), relativeFrom=down),
        inline.find(qn("wp:extent")), *(child for child in rest if child is not None),
        relative_height="2",
    )
    inline.getparent().replace(inline, anchor)


def float_rule(paragraph: etree._Element, width_pt: float, weight_pt: float, below_pt: float) -> None:
    """A horizontal line ``width_pt`` long and ``weight_pt`` thick, centred on the margins,
    ``below_pt`` under the top of the paragraph's last line: a DrawingML line shape (``wps:wsp``)
    anchored at the paragraph's end (``wp:positionV relativeFrom="line"``), wrapping none, so it
    takes no room in the flow and stays on the page of that line (as Word draws the end rule of
    an issued resolution). Marked decorative, as the PDF's rule is presentation only (LibreOffice
    7.4 does not read the mark: its tagged PDF has an empty Figure for it, docs/layout.md "The end
    rule"); in front of the text, where LibreOffice tags that Figure inside the paragraph it is
    drawn from (behind the text: at the structure's root, before the Document). Its ``wp:docPr``
    id is set by ``number_drawings``."""
    decorative = etree.Element(f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}, val="1")
    shape = _el(
        "wps:wsp", _el("wps:cNvCnPr"),
        _el("wps:spPr",
            _el("a:xfrm", _el("a:off", x="0", y="0"), _el("a:ext", cx=_emu(width_pt), cy="0")),
            _el("a:prstGeom", _el("a:avLst"), prst="line"),
            _el("a:ln", _el("a:solidFill", _el("a:srgbClr", val="000000")), w=_emu(weight_pt))),
        _el("wps:bodyPr"))
    anchor = _anchor(
        _el("wp:positionH", _el("wp:align", text="center"), relativeFrom="margin"),
        _el("wp:positionV", _el("wp:posOffset", text=_emu(below_pt)), relativeFrom="line"),
        _el("wp:extent", cx=_emu(width_pt), cy="0"),
        _el("wp:docPr", _el("a:extLst", _el("a:ext", decorative, uri=_DECORATIVE_EXT)),
            id="0", name="End rule"),
        _el("wp:cNvGraphicFramePr"),
        _el("a:graphic", _el("a:graphicData", shape, uri=_WPS)),
        relative_height="1",
    )
    paragraph.append(_el("w:r", _el("w:drawing", anchor)))


# -- package ----------------------------------------------------------------------------
def describe_picture(run, text: str) -> None:
    """The alternative text of the run's picture (``wp:docPr descr``): what Word's and
    LibreOffice's screen-reader support and a tagged PDF export read for the image."""
    for pr in run._r.iter(qn("wp:docPr")):
        pr.set("descr", text)


def outline_level(ppr: etree._Element, level: int) -> None:
    """``w:outlineLvl`` of a style's or a paragraph's properties: a heading of that level
    (0: level 1), for the navigation pane, a table of contents and a tagged PDF's ``H1``…"""
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    # what follows w:outlineLvl in w:pPr's sequence (ECMA-376 CT_PPr)
    ppr.insert_element_before(element("w:outlineLvl", val=str(level)),
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def contextual_spacing(ppr: etree._Element) -> None:
    """``w:contextualSpacing``: no space before or after the paragraph next to one of its style
    (Word's "Don't add space between paragraphs of the same style")."""
    if ppr.find(qn("w:contextualSpacing")) is None:
        ppr.insert_element_before(element("w:contextualSpacing"), "w:mirrorIndents", "w:suppressOverlap",
                                  "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def number_drawings(parts: Iterable[Part]) -> None:
    """Give every drawing (``wp:docPr``) an id unique across the package, as Word requires.

    python-docx numbers drawings per part, so a header and a footer picture would clash.
    """
    number = 0
    for part in parts:
        element = getattr(part, "element", None)
        if element is None:
            continue
        for pr in element.iter(qn("wp:docPr")):
            number += 1
            pr.set("id", str(number))


def reproducible_zip(data: bytes) -> bytes:
    """Re-zip a package with fixed timestamps and a stable member order.

    ``[Content_Types].xml`` comes first (as OPC readers expect), then the rest by name.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {info.filename: src.read(info) for info in src.infolist()}
    names = sorted(members, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


def left_to_right(paragraph) -> None:
    """One paragraph of Latin text (the English Distr. and date lines, the job number) left to
    right in a right-to-left document: ``w:bidi w:val="0"`` and ``w:rtl w:val="0"`` on its runs."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(element("w:bidi", val="0"), "w:adjustRightInd", "w:snapToGrid",
                              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                              "w:rPr", "w:sectPr", "w:pPrChange")
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.insert_element_before(element("w:rtl", val="0"), "w:cs", "w:em", "w:lang",
                                  "w:eastAsianLayout", "w:specVanish", "w:oMath")


def style_language(style: etree._Element, lang: str, rtl: bool) -> None:
    """A style's own language (``w:lang``) and, right to left, ``w:bidi`` and ``w:rtl``: text in
    that style keeps them when pasted into another document (a redline's summary)."""
    ppr, rpr = style.get_or_add_pPr(), style.get_or_add_rPr()
    for tag in ("w:bidi", "w:rtl", "w:lang"):
        for old in (*ppr.findall(qn(tag)), *rpr.findall(qn(tag))):
            old.getparent().remove(old)
    if rtl:  # what follows w:bidi in w:pPr's, w:rtl in w:rPr's sequence (ECMA-376)
        ppr.insert_element_before(
            element("w:bidi"), "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
            "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
            "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
            "w:sectPr", "w:pPrChange")
        rpr.insert_element_before(element("w:rtl"), "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                                  "w:specVanish", "w:oMath")
    rpr.insert_element_before(element("w:lang", val=lang, eastAsia=lang, bidi=lang),
                              "w:eastAsianLayout", "w:specVanish", "w:oMath")


def complex_script_like_latin(rpr: etree._Element) -> None:
    """Give complex-script text (Arabic) the run properties set for Latin text: ``w:bCs``,
    ``w:iCs`` and ``w:szCs`` after ``w:b``, ``w:i`` and ``w:sz``. Word sizes and emboldens
    Arabic by these alone: without them an Arabic title is neither bold nor 12 pt."""
    for latin, cs in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
        source, old = rpr.find(qn(latin)), rpr.find(qn(cs))
        if old is not None:
            rpr.remove(old)
        if source is not None:
            source.addnext(copy.deepcopy(source))
            source.getnext().tag = qn(cs)
