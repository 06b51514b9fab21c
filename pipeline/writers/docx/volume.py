"""The session volume as one DOCX: each resolution as the DOCX writer makes it, composed.

The first resolution's document is the base (its styles, numbering and settings); the
title page and the contents go before it, and every other resolution is appended with
docxcompose (styles, numbering, footnotes and images carried over). Every resolution is a
section of its own that starts on a new page and restarts the footnote numbers; its
running heads (symbol and short title) and page-number footers are its own. Bookmarks
and NOTEREF fields are renamed per resolution so they stay distinct; the contents give
each resolution's page as a PAGEREF field (Word asks to update fields on opening;
LibreOffice computes them).
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline.writers.docx import ooxml
from pipeline.writers.docx.writer import render as render_one

_NOTEREF = re.compile(r"\bRefNote(\d+)\b")


def _bookmark_name(entry: Any) -> str:
    return re.sub(r"\W", "_", entry.anchor)[:36]


def _rename_refs(body: Any, tag: str, first_id: int) -> int:
    """Prefix this resolution's bookmark names (and the fields naming them); fresh ids."""
    ids: dict[str, str] = {}
    for el in body.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        old = el.get(qn("w:id"))
        if old not in ids:
            ids[old] = str(first_id + len(ids))
        el.set(qn("w:id"), ids[old])
        name = el.get(qn("w:name"))
        if name:
            el.set(qn("w:name"), _NOTEREF.sub(rf"{tag}_RefNote\1", name))
    for el in body.iter(qn("w:instrText")):
        el.text = _NOTEREF.sub(rf"{tag}_RefNote\1", el.text or "")
    for el in body.iter(qn("w:hyperlink")):
        if el.get(qn("w:anchor")):
            el.set(qn("w:anchor"), _NOTEREF.sub(rf"{tag}_RefNote\1", el.get(qn("w:anchor"))))
    return first_id + len(ids)


def _section_break(body: Any, template_sectpr: Any) -> None:
    """End the section so far: a paragraph holding a copy of the final section properties."""
    sect = copy.deepcopy(template_sectpr)
    for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
        sect.remove(ref)
    par = ooxml.element("w:p", [ooxml.element("w:pPr", [sect])])
    body.sectPr.addprevious(par)


def _restart_notes(sectpr: Any) -> None:
    """Footnotes of this section numbered from 1; the section starts on a new page."""
    for old in sectpr.findall(qn("w:footnotePr")) + sectpr.findall(qn("w:type")):
        sectpr.remove(old)
    sectpr.insert(0, ooxml.element("w:footnotePr", [ooxml.element("w:numRestart", val="eachSect")]))
    kind = ooxml.element("w:type", val="nextPage")
    after = [qn(t) for t in ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr")]
    place = 0
    for i, child in enumerate(sectpr):
        if child.tag in after:
            place = i + 1
    sectpr.insert(place, kind)


def render(entries: list[Any], session: int, words: dict[str, str]) -> bytes:
    import docx
    from docxcompose.composer import Composer

    rendered = [render_one(entries[0].doc)]
    master = docx.Document(io.BytesIO(rendered[0]))
    body = master.element.body
    final = body.sectPr
    next_id = _rename_refs(body, _bookmark_name(entries[0]), 10_000)
    first = body[0]
    for ref in final.findall(qn("w:headerReference")) + final.findall(qn("w:footerReference")):
        final.remove(ref)  # every section gets its own furniture below

    _front_matter(master, first, entries, words)
    _section_break_before(first, final)

    # Each resolution: a bookmark on its first paragraph, then the next one after a break.
    _mark(first, _bookmark_name(entries[0]), 1)
    composer = Composer(master)
    for i, e in enumerate(entries[1:], start=2):
        rendered.append(render_one(e.doc))
        part = docx.Document(io.BytesIO(rendered[-1]))
        next_id = _rename_refs(part.element.body, _bookmark_name(e), next_id)
        _mark(part.element.body[0], _bookmark_name(e), i)
        _section_break(master.element.body, final)
        composer.append(part)
    for sect in master.element.body.iter(qn("w:sectPr")):
        _restart_notes(sect)
    _furniture(master, rendered)
    settings = master.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(ooxml.element("w:updateFields", val="true"))
    out = io.BytesIO()
    master.save(out)
    return ooxml.reproducible_zip(out.getvalue())


def _front_matter(master: Any, first: Any, entries: list[Any], words: dict[str, str]) -> None:
    """The title page and the contents (PAGEREF fields), before the first resolution."""

    def front(text: str = "", size: float = 12, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER,
              before: float = 0, style: str | None = None) -> Any:
        par = master.add_paragraph(style=style)
        par.alignment = align
        par.paragraph_format.space_before = Pt(before)
        if text:
            run = par.add_run(text)
            run.font.size, run.bold = Pt(size), bold
        first.addprevious(par._p)
        return par

    front(words["symbol"], bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    front(words["united_nations"], size=16, before=120)
    front(words["records"], size=14, before=24)
    front(words["session"], before=8)
    front(words["supplement"], before=8)
    front(words["title"], size=16, bold=True, before=60).runs[-1].add_break(WD_BREAK.PAGE)
    front(words["contents"], bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    section_no = 0
    current: object = ()
    for e in entries:
        if e.committee != current:
            current = e.committee
            section_no += 1
            head = f"{_roman(section_no)}. {e.section_head}"
            front(head, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=8)
        par = front(align=WD_ALIGN_PARAGRAPH.LEFT)
        par.paragraph_format.left_indent, par.paragraph_format.first_line_indent = Pt(36), Pt(-36)
        par.paragraph_format.tab_stops.add_tab_stop(Pt(36))
        par.paragraph_format.tab_stops.add_tab_stop(Pt(470), alignment=2, leader=1)  # right, dots
        par.add_run(f"{e.doc.masthead.number}.\t{e.toc_title}\t")
        ooxml.add_field(par, f"PAGEREF {_bookmark_name(e)} \\h", "", anchor=_bookmark_name(e))


def _roman(n: int) -> str:
    from pipeline.transforms.words import roman

    return roman(n)


def _section_break_before(node: Any, final: Any) -> None:
    sect = copy.deepcopy(final)
    for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
        sect.remove(ref)
    node.addprevious(ooxml.element("w:p", [ooxml.element("w:pPr", [sect])]))


def _mark(node: Any, name: str, number: int) -> None:
    node.insert(1 if node.find(qn("w:pPr")) is not None else 0,
                ooxml.element("w:bookmarkStart", id=str(number), name=name))
    node.append(ooxml.element("w:bookmarkEnd", id=str(number)))


def _copy_story(src: Any, dst: Any) -> None:
    """Make header or footer ``dst`` (of the volume) a copy of ``src`` (of one resolution)."""
    dst.is_linked_to_previous = False
    target = dst._element
    for child in list(target):
        target.remove(child)
    for child in src._element:
        target.append(copy.deepcopy(child))
    for blip in target.iter(qn("a:blip")):
        rid = blip.get(qn("r:embed"))
        if rid and rid in src.part.related_parts:
            new_rid, _image = dst.part.get_or_add_image(io.BytesIO(src.part.related_parts[rid].blob))
            blip.set(qn("r:embed"), new_rid)


def _furniture(master: Any, rendered: list[bytes]) -> None:
    """Sections: the front matter (no furniture), then one per resolution with its own
    headers and footers (masthead and first-page footer, running heads, page numbers)."""
    import docx

    sections = master.sections
    front = sections[0]
    for part in (front.header, front.footer, front.first_page_header, front.first_page_footer,
                 front.even_page_header, front.even_page_footer):
        part.is_linked_to_previous = False
    for data, section in zip(rendered, sections[1:]):
        own = docx.Document(io.BytesIO(data)).sections[-1]
        section.different_first_page_header_footer = own.different_first_page_header_footer
        for kind in ("header", "footer", "first_page_header", "first_page_footer",
                     "even_page_header", "even_page_footer"):
            _copy_story(getattr(own, kind), getattr(section, kind))
