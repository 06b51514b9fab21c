"""The session volume as one DOCX, written a resolution at a time.

Each resolution is made by the DOCX writer alone, then its parts are copied into the
volume's package and let go, so memory does not grow with the number of resolutions:
its body and notes are appended to files on disk (``work``) and poured into the package
at the end; its headers, footers and images become parts of their own at once. The
first resolution's package gives the shared parts (styles, numbering, settings, fonts,
theme): every resolution is made by the same writer in the same house style, and the
writer numbers paragraphs with text, not Word lists, so its numbering part is the same
for each (checked).

Layout: the title page and the contents (a section with no running heads), then one
section per resolution that starts on a new page and restarts the note numbers, with the
resolution's own headers and footers (masthead footer on its first page, running heads,
page numbers). Bookmark names, note ids, relationship ids and drawing ids are renamed per
resolution so they stay distinct; the contents give each resolution's page as a PAGEREF
field (Word asks to update fields on opening; LibreOffice computes them).
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from pipeline.writers.docx import ooxml

_NOTEREF = re.compile(r"\bRefNote(\d+)\b")
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_STORY_CT = {"header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
             "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"}
_MEDIA_CT = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif",
             "svg": "image/svg+xml", "emf": "image/x-emf", "wmf": "image/x-wmf"}


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


def _section_end(sectpr: Any, furniture: bool) -> Any:
    """A copy of ``sectpr`` for a section that starts on a new page and numbers its notes from 1."""
    sect = copy.deepcopy(sectpr)
    if not furniture:
        for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
            sect.remove(ref)
    for old in sect.findall(qn("w:footnotePr")) + sect.findall(qn("w:type")):
        sect.remove(old)
    # CT_SectPr's order: header/footer references, footnotePr, endnotePr, type, the rest.
    stories = [qn("w:headerReference"), qn("w:footerReference")]
    place = max((i + 1 for i, child in enumerate(sect) if child.tag in stories), default=0)
    sect.insert(place, ooxml.element("w:footnotePr", [ooxml.element("w:numRestart", val="eachSect")]))
    after = [*stories, qn("w:footnotePr"), qn("w:endnotePr")]
    place = max((i + 1 for i, child in enumerate(sect) if child.tag in after), default=0)
    sect.insert(place, ooxml.element("w:type", val="nextPage"))
    return sect


def _mark(node: Any, name: str, number: int) -> None:
    node.insert(1 if node.find(qn("w:pPr")) is not None else 0,
                ooxml.element("w:bookmarkStart", id=str(number), name=name))
    node.append(ooxml.element("w:bookmarkEnd", id=str(number)))


_DECL = re.compile(rb' xmlns(?::([\w.-]+))?="([^"]*)"')


def _xml(el: Any, declared: frozenset[tuple[bytes, bytes]] = frozenset()) -> bytes:
    """``el`` serialized, without the namespace declarations its part's root (``declared``)
    already makes: lxml repeats every one in scope on a fragment, ~2 kB a paragraph."""
    text = etree.tostring(el, encoding="utf-8")
    if not declared:
        return text
    end = text.index(b">")
    tag = _DECL.sub(lambda m: b"" if ((m[1] or b""), m[2]) in declared else m[0], text[:end])
    return tag + text[end:]


_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _part(root: Any) -> bytes:
    """A whole part: the XML declaration Word writes, then ``root``."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _declared(head: bytes) -> frozenset[tuple[bytes, bytes]]:
    return frozenset(((m[1] or b""), m[2]) for m in _DECL.finditer(head))


def _rels(data: bytes) -> dict[str, Any]:
    return {r.get("Id"): r for r in etree.fromstring(data).iter(f"{{{_RELS}}}Relationship")}


def _head(xml: bytes, tag: bytes) -> bytes:
    """The start of a part up to and including its ``tag`` start tag (namespace declarations)."""
    end = xml.index(b">", xml.index(tag)) + 1
    return xml[:end]


class _Package:
    """The volume's package as it is written: the zip, plus files on disk for the body, the
    notes and their relationships, which grow with the volume and are poured in at the end."""

    def __init__(self, out: Path, work: Path, first: zipfile.ZipFile) -> None:
        self.zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        self.first = first
        self.body: IO[bytes] = open(work / "body.xml", "wb")  # noqa: SIM115
        self.notes: IO[bytes] = open(work / "notes.xml", "wb")  # noqa: SIM115
        self.rels: IO[bytes] = open(work / "rels.xml", "wb")  # noqa: SIM115
        self.note_rels: IO[bytes] = open(work / "note-rels.xml", "wb")  # noqa: SIM115
        self.abstracts: IO[bytes] = open(work / "abstracts.xml", "wb")  # noqa: SIM115
        self.nums: IO[bytes] = open(work / "nums.xml", "wb")  # noqa: SIM115
        self.template_lists = _template_lists()
        self.ns = {part: _declared(_head(first.read(f"word/{part}.xml"), f"<w:{part}".encode()))
                   for part in ("document", "footnotes", "numbering")}
        self.ns["rels"] = frozenset({(b"", _RELS.encode())})
        self.next_abstract = 1 + max(self.template_lists[0], default=-1)
        self.next_num = 1 + max(self.template_lists[1], default=0)
        self.overrides: list[tuple[str, str]] = []
        self.media: set[str] = set()
        self.images: dict[str, str] = {}
        self.bookmark_id = 10_000
        self.note_id = 0
        self.drawing_id = 0

    def streams(self) -> tuple[IO[bytes], ...]:
        return (self.body, self.notes, self.rels, self.note_rels, self.abstracts, self.nums)

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, data, compresslevel=6)

    def rel(self, stream: IO[bytes], rid: str, rtype: str, target: str, external: bool) -> None:
        mode = ' TargetMode="External"' if external else ""
        stream.write(f'<Relationship Id="{rid}" Type="{rtype}" Target="{_escape(target)}"{mode}/>'.encode())

    def number_drawings(self, root: Any) -> None:
        for pr in root.iter(_WP_DOCPR):
            self.drawing_id += 1
            pr.set("id", str(self.drawing_id))

    def copy_media(self, src: zipfile.ZipFile, part: str, target: str, prefix: str) -> str:
        """Copy the image ``target`` (relative to word/) of ``src``; its new target."""
        data = src.read(f"word/{target}")
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.images:  # the emblem, the same in every resolution, is stored once
            self.images[digest] = f"media/{prefix}-{Path(target).name}"
            self.add(f"word/{self.images[digest]}", data)
            self.media.add(Path(target).suffix.lstrip(".").lower())
        return self.images[digest]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def write(volume: Any, out: Path, work: Path) -> None:
    """The volume's DOCX at ``out`` (``volume``: see :mod:`pipeline.writers.html.volume`)."""
    from pipeline.writers.docx.writer import render as render_one

    entries = volume.entries
    words = {k: volume.words[k] for k in ("symbol", "united_nations", "records", "session", "supplement",
                                          "title", "contents")}
    write_entries(entries, render_one, words, out, work)


def write_entries(entries: list[Any], render_one: Callable[[Any], bytes], words: dict[str, str],
          out: Path, work: Path) -> None:
    """The volume's DOCX at ``out``; ``render_one(document)`` is the DOCX writer."""
    first = zipfile.ZipFile(io.BytesIO(render_one(entries[0].document())))
    pkg = _Package(out, work, first)
    try:
        final = _front(pkg, entries, words)
        for i, entry in enumerate(entries, start=1):
            data = first if i == 1 else zipfile.ZipFile(io.BytesIO(render_one(entry.document())))
            final = _resolution(pkg, entry, i, data, last=i == len(entries))
        _finish(pkg, final, words)
    finally:
        for stream in pkg.streams():
            stream.close()
        pkg.zip.close()


def _front(pkg: _Package, entries: list[Any], words: dict[str, str]) -> Any:
    """The title page and the contents, built with python-docx on the first resolution's package."""
    import docx

    master = docx.Document(io.BytesIO(pkg.first.fp.getvalue()))  # type: ignore[union-attr]
    body = master.element.body
    sectpr = body.sectPr
    for child in list(body):
        if child is not sectpr:
            body.remove(child)
    anchor = ooxml.element("w:p")
    sectpr.addprevious(anchor)
    _front_matter(master, anchor, entries, words)
    body.remove(anchor)
    for child in body:
        if child is not sectpr:
            pkg.body.write(_xml(child, pkg.ns["document"]))
    end = ooxml.element("w:p", [ooxml.element("w:pPr", [_section_end(sectpr, furniture=False)])])
    pkg.body.write(_xml(end, pkg.ns["document"]))
    return sectpr


def _front_matter(master: Any, first: Any, entries: list[Any], words: dict[str, str]) -> None:
    """The title page and the contents (PAGEREF fields), before ``first``."""

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
        par.add_run(f"{e.number_label}.\t{e.toc_title}\t")
        ooxml.add_field(par, f"PAGEREF {_bookmark_name(e)} \\h", "", anchor=_bookmark_name(e))


def _roman(n: int) -> str:
    from pipeline.transforms.words import roman

    return roman(n)


def _resolution(pkg: _Package, entry: Any, i: int, src: zipfile.ZipFile, last: bool) -> Any:
    """Copy one resolution's body, notes, stories and images; its section's properties."""
    root = parse_xml(src.read("word/document.xml"))  # python-docx's element classes (pPr helpers)
    body = root.find(qn("w:body"))
    _lists(pkg, src, body)
    rels = _rels(src.read("word/_rels/document.xml.rels"))
    _relink(pkg, src, root, rels, f"r{i}")
    pkg.number_drawings(root)
    sectpr = body.find(qn("w:sectPr"))
    body.remove(sectpr)
    pkg.bookmark_id = _rename_refs(body, _bookmark_name(entry), pkg.bookmark_id)
    _mark(body[0], _bookmark_name(entry), i)
    notes = _notes(pkg, src, i)
    for ref in body.iter(qn("w:footnoteReference")):
        ref.set(qn("w:id"), notes[ref.get(qn("w:id"))])
    for child in body:
        pkg.body.write(_xml(child, pkg.ns["document"]))
    if not last:
        end = ooxml.element("w:p", [ooxml.element("w:pPr", [_section_end(sectpr, furniture=True)])])
        pkg.body.write(_xml(end, pkg.ns["document"]))
    return _section_end(sectpr, furniture=True)


def _template_lists() -> tuple[set[int], set[int]]:
    """The abstract and instance ids of the lists python-docx's template brings (shared by
    every resolution; the writer's own lists come after them)."""
    import docx

    root = docx.Document().part.numbering_part.element
    return ({int(a.get(qn("w:abstractNumId"))) for a in root.iterfind(qn("w:abstractNum"))},
            {int(n.get(qn("w:numId"))) for n in root.iterfind(qn("w:num"))})


def _lists(pkg: _Package, src: zipfile.ZipFile, body: Any) -> None:
    """The resolution's own Word lists renumbered after those before it; every paragraph given its
    list explicitly (the volume's styles are the first resolution's, whose lists are not these)."""
    template_abstracts, template_nums = pkg.template_lists
    numbering = etree.fromstring(src.read("word/numbering.xml"))
    abstracts: dict[str, str] = {}
    for a in numbering.iterfind(qn("w:abstractNum")):
        if int(a.get(qn("w:abstractNumId"))) not in template_abstracts:
            abstracts[a.get(qn("w:abstractNumId"))] = str(pkg.next_abstract)
            a.set(qn("w:abstractNumId"), str(pkg.next_abstract))
            pkg.next_abstract += 1
            pkg.abstracts.write(_xml(a, pkg.ns["numbering"]))
    nums: dict[str, str] = {}
    for n in numbering.iterfind(qn("w:num")):
        if int(n.get(qn("w:numId"))) not in template_nums:
            nums[n.get(qn("w:numId"))] = str(pkg.next_num)
            n.set(qn("w:numId"), str(pkg.next_num))
            pkg.next_num += 1
            ref = n.find(qn("w:abstractNumId"))
            ref.set(qn("w:val"), abstracts.get(ref.get(qn("w:val")), ref.get(qn("w:val"))))
            pkg.nums.write(_xml(n, pkg.ns["numbering"]))
    styled = _style_lists(etree.fromstring(src.read("word/styles.xml")))
    for p in body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        own = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = own.find(qn("w:numId")) if own is not None else None
        if num_id is None and style is not None and style.get(qn("w:val")) in styled:
            num, ilvl = styled[style.get(qn("w:val"))]
            ilvl_el = own.find(qn("w:ilvl")) if own is not None else None
            ooxml.numbering_properties(p.get_or_add_pPr(), int(nums.get(num, num)),
                                       int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else ilvl)
        elif num_id is not None:
            num_id.set(qn("w:val"), nums.get(num_id.get(qn("w:val")), num_id.get(qn("w:val"))))


def _style_lists(styles: Any) -> dict[str, tuple[str, int]]:
    """Paragraph style id → (numId, level) of the list its paragraphs join (the writer's lists)."""
    out: dict[str, tuple[str, int]] = {}
    for st in styles.iterfind(qn("w:style")):
        num = st.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is not None:
            ilvl = st.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            out[st.get(qn("w:styleId"))] = (num.get(qn("w:val")), level)
    return out


def _notes(pkg: _Package, src: zipfile.ZipFile, i: int) -> dict[str, str]:
    """Append the resolution's footnotes with fresh ids; old id → new id."""
    if "word/footnotes.xml" not in src.namelist():
        return {}
    root = etree.fromstring(src.read("word/footnotes.xml"))
    rels_name = "word/_rels/footnotes.xml.rels"
    rels = _rels(src.read(rels_name)) if rels_name in src.namelist() else {}
    ids: dict[str, str] = {}
    for note in root.findall(qn("w:footnote")):
        old = note.get(qn("w:id"))
        if int(old) <= 0:
            continue
        pkg.note_id += 1
        ids[old] = str(pkg.note_id)
        note.set(qn("w:id"), ids[old])
    for el in root.iter():
        for attr in (f"{{{_R}}}id", f"{{{_R}}}embed"):
            rid = el.get(attr)
            if rid and rid in rels:
                rel = rels[rid]
                new = f"n{i}_{rid}"
                target, external = rel.get("Target"), rel.get("TargetMode") == "External"
                if not external:
                    target = pkg.copy_media(src, "footnotes", target, f"n{i}")
                pkg.rel(pkg.note_rels, new, rel.get("Type"), target, external)
                el.set(attr, new)
    pkg.number_drawings(root)
    for note in root.findall(qn("w:footnote")):
        if int(note.get(qn("w:id"))) > 0:
            pkg.notes.write(_xml(note, pkg.ns["footnotes"]))
    return ids


def _relink(pkg: _Package, src: zipfile.ZipFile, root: Any, rels: dict[str, Any], prefix: str) -> None:
    """Every relationship the body uses, renamed ``prefix_rIdN``: hyperlinks kept, images and
    headers/footers copied as parts of their own."""
    done: dict[str, str] = {}
    for el in root.iter():
        for attr in (f"{{{_R}}}id", f"{{{_R}}}embed"):
            rid = el.get(attr)
            if not rid or rid not in rels:
                continue
            if rid not in done:
                done[rid] = f"{prefix}_{rid}"
                rel = rels[rid]
                rtype, target = rel.get("Type"), rel.get("Target")
                external = rel.get("TargetMode") == "External"
                kind = rtype.rsplit("/", 1)[-1]
                if kind in ("header", "footer"):
                    target = _copy_story(pkg, src, target, kind, prefix)
                elif not external:
                    target = pkg.copy_media(src, "document", target, prefix)
                pkg.rel(pkg.rels, done[rid], rtype, target, external)
            el.set(attr, done[rid])


def _copy_story(pkg: _Package, src: zipfile.ZipFile, target: str, kind: str, prefix: str) -> str:
    """A header or footer of the resolution as a part of the volume (its images copied too)."""
    name = f"{prefix}-{Path(target).name}"
    story = etree.fromstring(src.read(f"word/{target}"))
    rels_name = f"word/_rels/{Path(target).name}.rels"
    if rels_name in src.namelist():
        rels = etree.fromstring(src.read(rels_name))
        for rel in rels.iter(f"{{{_RELS}}}Relationship"):
            if rel.get("TargetMode") != "External":
                media = pkg.copy_media(src, kind, rel.get("Target"), f"{prefix}-{Path(target).stem}")
                rel.set("Target", media)
        pkg.add(f"word/_rels/{name}.rels", _part(rels))
    pkg.number_drawings(story)
    pkg.add(f"word/{name}", _part(story))
    pkg.overrides.append((f"/word/{name}", _STORY_CT[kind]))
    return name


def _finish(pkg: _Package, final: Any, words: dict[str, str]) -> None:
    """Pour the body, notes and relationships into the package; the shared parts from the first."""
    first = pkg.first
    for stream in pkg.streams():
        stream.flush()
    document = first.read("word/document.xml")
    _pour(pkg, "word/document.xml", [_head(document, b"<w:body"), pkg.body.name,
                                     _xml(final, pkg.ns["document"]) + b"</w:body></w:document>"])
    notes = first.read("word/footnotes.xml")
    separators = b"".join(_xml(n, pkg.ns["footnotes"])
                          for n in etree.fromstring(notes).findall(qn("w:footnote"))
                          if int(n.get(qn("w:id"))) <= 0)
    _pour(pkg, "word/footnotes.xml", [_head(notes, b"<w:footnotes") + separators, pkg.notes.name,
                                      b"</w:footnotes>"])
    head = _DECLARATION + f'<Relationships xmlns="{_RELS}">'.encode()
    shared = b"".join(_xml(r, pkg.ns["rels"])
                      for r in _rels(first.read("word/_rels/document.xml.rels")).values()
                      if r.get("Type").rsplit("/", 1)[-1] not in ("header", "footer", "hyperlink", "image"))
    _pour(pkg, "word/_rels/document.xml.rels", [head + shared, pkg.rels.name, b"</Relationships>"])
    _pour(pkg, "word/_rels/footnotes.xml.rels", [head, pkg.note_rels.name, b"</Relationships>"])
    numbering = first.read("word/numbering.xml")
    shared = etree.fromstring(numbering)
    template_abstracts, template_nums = pkg.template_lists
    _pour(pkg, "word/numbering.xml", [
        _head(numbering, b"<w:numbering"),
        b"".join(_xml(a, pkg.ns["numbering"]) for a in shared.iterfind(qn("w:abstractNum"))
                 if int(a.get(qn("w:abstractNumId"))) in template_abstracts),
        pkg.abstracts.name,
        b"".join(_xml(n, pkg.ns["numbering"]) for n in shared.iterfind(qn("w:num"))
                 if int(n.get(qn("w:numId"))) in template_nums),
        pkg.nums.name, b"</w:numbering>"])
    settings = etree.fromstring(first.read("word/settings.xml"))
    if settings.find(qn("w:updateFields")) is None:  # in CT_Settings, before hdrShapeDefaults etc.
        later = {qn(t) for t in ("w:hdrShapeDefaults", "w:footnotePr", *ooxml._AFTER_FOOTNOTEPR)}
        place = next((i for i, child in enumerate(settings) if child.tag in later), len(settings))
        settings.insert(place, ooxml.element("w:updateFields", val="true"))
    pkg.add("word/settings.xml", _part(settings))
    pkg.add("[Content_Types].xml", _content_types(pkg))
    pkg.add("docProps/core.xml", _core(first.read("docProps/core.xml").decode(), words).encode())
    skip = {"[Content_Types].xml", "docProps/core.xml", "word/document.xml", "word/footnotes.xml",
            "word/settings.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
            "word/_rels/footnotes.xml.rels"}
    copied = re.compile(r"word/(header|footer)\d*\.xml|word/media/|word/_rels/(header|footer)")
    for name in first.namelist():
        if name not in skip and not copied.match(name):
            pkg.add(name, first.read(name))


def _core(core: str, words: dict[str, str]) -> str:
    """The first resolution's core properties made the volume's: its title, its symbol as subject
    and identifier, the session as keywords and the Supplement's line as category."""
    for tag, value in (("dc:title", words["title"]), ("dc:subject", words["symbol"]),
                       ("dc:identifier", words["symbol"]), ("cp:keywords", words["session"]),
                       ("cp:category", f"{words['records']}, {words['supplement']}")):
        element = f"<{tag}>{_escape(value)}</{tag}>".replace("\\", "\\\\")
        core = re.sub(rf"<{tag}>.*?</{tag}>|<{tag}/>", element, core, flags=re.S)
    return core


def _pour(pkg: _Package, name: str, pieces: list[bytes | str]) -> None:
    """A part of the package from bytes and files (``str``: a path), streamed in order."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with pkg.zip.open(info, "w") as dst:
        for piece in pieces:
            if isinstance(piece, bytes):
                dst.write(piece)
                continue
            with open(piece, "rb") as src:
                shutil.copyfileobj(src, dst, 1 << 20)


def _content_types(pkg: _Package) -> bytes:
    root = etree.fromstring(pkg.first.read("[Content_Types].xml"))
    ns = root.nsmap[None]
    for el in list(root):
        if re.match(r"/word/(header|footer)\d*\.xml$", el.get("PartName") or ""):
            root.remove(el)
    have = {el.get("Extension") for el in root if el.get("Extension")}
    for ext in sorted(pkg.media - have):
        etree.SubElement(root, f"{{{ns}}}Default", Extension=ext,
                         ContentType=_MEDIA_CT.get(ext, "image/" + ext))
    for part, ctype in pkg.overrides:
        etree.SubElement(root, f"{{{ns}}}Override", PartName=part, ContentType=ctype)
    return _part(root)
