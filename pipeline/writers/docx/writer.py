"""DOCX writer: a resolved :class:`~pipeline.model.Document` → a Word document an editor can work in.

python-docx builds the body, named styles and page furniture; :mod:`pipeline.writers.docx.ooxml` supplies
what python-docx cannot make (footnotes part, fields, bookmarks, revision marks, the
reproducible zip). Styles and geometry are data: ``templates/docx/styles.yaml``.

Numbered paragraphs are Word lists (:mod:`.wordlists`): Word prints "3." and "(a)", so a
renumbered paragraph is not an edit. Footnotes are native Word footnotes. A repeated call
that reuses a number is a NOTEREF field to a bookmark on the first call, so the number
follows Word's renumbering.
A redline (``doc.redline``) becomes tracked changes, dated from the document: its marked runs
(``Changed``) and blocks (``ChangedBlock``) have handlers of their own, its notes', masthead
fields' and plenary lines' old values come from the redline layer.

Node types are dispatched with :func:`functools.singledispatchmethod`: ``_block`` has one handler
per block type (paragraph, section heading), ``_inline`` one per inline type (text, note call);
a node type without a handler is :class:`~pipeline.model.visitor.UnknownNode`, never a blank.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from functools import lru_cache, singledispatch, singledispatchmethod
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pipeline.model import (
    Annex,
    Block,
    Change,
    Changed,
    ChangedBlock,
    Document,
    Field,
    Heading,
    LineBreak,
    NoteRef,
    Para,
    Part,
    Runs,
    Table,
    TableNoteRef,
    Text,
    block_runs,
    plain_text,
    unwrap,
)
from pipeline.model.visitor import UnknownNode
from pipeline.paths import TEMPLATES
from pipeline.writers.docx import columns, ooxml, vector, wordlists

_SIDES: dict[str, ooxml.Side] = {"ins": "ins", "move-to": "ins", "del": "del", "move-from": "del"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_TABS = {"left": WD_TAB_ALIGNMENT.LEFT, "right": WD_TAB_ALIGNMENT.RIGHT, "center": WD_TAB_ALIGNMENT.CENTER}
# Which version(s) of a redline a note belongs to, from its change mark.
_NOTE_SIDES = {"ins": ("new",), "move-to": ("new",), "del": ("old",), "move-from": ("old",)}
# Emblem images Word can place (an SVG emblem uses the PNG of the same name beside it, as the
# bundled emblem does; without one its space stays empty in the DOCX).
_BITMAPS = ("image/png", "image/jpeg", "image/gif")
FOOTNOTE_REF = "Footnote Reference"


class _StyleIndex:
    """The document's styles by name, through a dict.

    python-docx finds a style by name by walking the whole styles part (about 170 styles
    in its template) on every look-up, ``name in styles`` and ``add_style`` included: the
    writer's ~150 look-ups were a third of a cold DOCX render. Our styles are all defined
    (through :meth:`add_style`) before the body is written; a name's style never changes.
    """

    def __init__(self, styles: Any) -> None:
        self.styles = styles
        self.by_name: dict[str, Any] = {}
        for el in styles.element.style_lst:
            self.by_name.setdefault(el.name_val, el)  # the first of a name, as python-docx finds it

    def __contains__(self, name: str) -> bool:
        return BabelFish.ui2internal(name) in self.by_name

    def __getitem__(self, name: str) -> Any:
        el = self.by_name.get(BabelFish.ui2internal(name))
        return StyleFactory(el) if el is not None else self.styles[name]  # python-docx's KeyError

    def add_style(self, name: str, kind: Any) -> Any:
        internal = BabelFish.ui2internal(name)
        if internal in self.by_name:
            raise ValueError(f"document already contains style '{name}'")
        el = self.styles.element.add_style_of_type(internal, kind, False)
        self.by_name[internal] = el
        return StyleFactory(el)


def _memo_style_ids(part: Any, index: _StyleIndex) -> None:
    """Remember the id of each style named in this document (found through ``index``).

    The id is python-docx's (``Styles._get_style_id_from_style``): ``None`` for the default
    style of its type, which python-docx finds by walking every style for each look-up; the
    default of a type is found once here (no style of ours is made a default).
    """
    lookup = part.get_style_id
    memo: dict[tuple[str, Any], str | None] = {}
    defaults: dict[Any, Any] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in memo:
            style = index[style_or_name]
            if style.type != style_type:
                return lookup(style, style_type)  # python-docx's ValueError
            if style_type not in defaults:
                defaults[style_type] = index.styles.default(style_type)
            memo[key] = None if style == defaults[style_type] else style.style_id
        return memo[key]

    part.get_style_id = get_style_id


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    from pipeline.paths import read_yaml

    return read_yaml(Path(TEMPLATES) / "docx" / "styles.yaml")


def render(doc: Document) -> bytes:
    return _Writer(doc).render()


def _code39_png(modules: str) -> bytes:
    """The job-number barcode's modules as a 1-pixel-per-module PNG."""
    from PIL import Image

    image = Image.new("1", (len(modules), 1), 1)
    image.putdata([0 if bit == "1" else 1 for bit in modules])
    out = io.BytesIO()
    image.resize((len(modules), 12)).save(out, format="PNG")
    return out.getvalue()


def _qr_png(matrix: tuple[tuple[int, ...], ...]) -> bytes:
    """The QR code's matrix as a PNG of 4 pixels a module, no quiet zone."""
    from segno import writers

    out = io.BytesIO()
    writers.save(  # type: ignore[attr-defined]
        matrix, (len(matrix[0]), len(matrix)), out, "png", scale=4, border=0)
    return out.getvalue()


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


PROPERTY_LENGTH = 255  # Word's limit for a document property (File > Info); python-docx enforces it


def _property(text: str) -> str:
    """``text`` as a document property: whole if it fits, else cut at the last space that leaves
    room for an ellipsis (A/RES/80/116's title has 265 characters; the document prints it whole)."""
    if len(text) <= PROPERTY_LENGTH:
        return text
    cut = text[: PROPERTY_LENGTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


def _apply_style(style: Any, spec: dict[str, Any], text_width: float) -> None:
    """Set one named style from its entry in ``styles.yaml`` (tab ``end``: the right margin)."""
    font = style.font
    if "size" in spec:
        font.size = Pt(spec["size"])
    for key, attr in (("bold", "bold"), ("italic", "italic"), ("caps", "all_caps")):
        if key in spec:
            setattr(font, attr, spec[key])
    if spec.get("vert") == "superscript":
        font.superscript = True
    if style.type != WD_STYLE_TYPE.PARAGRAPH:
        return
    pf = style.paragraph_format
    lengths = (("left", "left_indent"), ("right", "right_indent"), ("first", "first_line_indent"),
               ("before", "space_before"), ("after", "space_after"), ("line", "line_spacing"))
    for key, attr in lengths:
        if key in spec:
            setattr(pf, attr, Pt(spec[key]))
    if "width" in spec:  # a column of this width from the left indent: the right indent takes the rest
        pf.right_indent = Pt(text_width - spec.get("left", 0) - spec["width"])
    for key, attr in (("keep_next", "keep_with_next"), ("keep_lines", "keep_together"),
                      ("page_break_before", "page_break_before")):
        if key in spec:
            setattr(pf, attr, spec[key])
    if "align" in spec:
        pf.alignment = _ALIGN[spec["align"]]
    if "outline" in spec:
        ooxml.outline_level(style.element.get_or_add_pPr(), spec["outline"])
    if spec.get("contextual"):
        ooxml.contextual_spacing(style.element.get_or_add_pPr())
    if "tabs" in spec:
        pf.tab_stops.clear_all()
    for pos, kind in spec.get("tabs", ()):
        pf.tab_stops.add_tab_stop(Pt(text_width if pos == "end" else pos), _TABS[kind])
    for side in ("top", "bottom"):
        if f"border_{side}" in spec:
            ooxml.paragraph_border(style.element.get_or_add_pPr(), side, *spec[f"border_{side}"])


class _Writer:
    """One document being written; methods follow the model's shape."""

    def __init__(self, doc: Document):
        conf = _config()
        self.doc = doc
        self.geo: dict[str, Any] = conf[doc.style.name]
        self.lang: str = conf["word_languages"].get(doc.meta.language, doc.meta.language)
        self.page_size: tuple[float, float] = tuple(conf["papers"][doc.paper])  # type: ignore[assignment]
        self.word = docx.Document()
        self.styles = _StyleIndex(self.word.styles)
        _memo_style_ids(self.word.part, self.styles)
        self.red = doc.redline
        self.rev = ooxml.Revisions(*((self.red.author, self.red.date) if self.red else ("unres", None)))
        self.last: Paragraph | None = None
        self.lists = wordlists.Lists(doc, self.word.part.numbering_part.element)
        self.bookmarks: dict[int, str] = {}
        self.bookmark_count = 0  # bookmarks written so far: the next one's w:id
        # the table being written, its number in the document (``tables``), and the bookmark of the
        # first call of each of its notes (by the note's index), which the note links back to
        self.table: Table | None = None
        self.tables = 0
        self.table_calls: dict[int, str] = {}
        self.section_outline = 1  # the outline level of section headings where they are (_blocks)
        self.heading_style = wordlists.HEADING_STYLE  # their style: the resolution's or an annex's
        self.repeated = {r.number for r in self._all_refs() if not r.first}
        self.note_ids: dict[tuple[int, str], int] = {}
        for i, note in enumerate(doc.notes, start=1):
            for side in _NOTE_SIDES.get(self._note_change(note.number) or "", ("old", "new")):
                self.note_ids.setdefault((note.number, side), i)

    def render(self) -> bytes:
        ooxml.drop_template_parts(self.word.part)
        self._styles()
        section = self.word.sections[0]
        self._page(section)
        self._first_page(section)
        self._later_pages(section)
        self._masthead_body()
        for part in self.doc.parts:
            self._part(part)
        for annex in self.doc.annexes:
            self._add("UN Annex", (Text(annex.label),))
            if annex.title:
                self._add("UN Annex Title", annex.title)
            self.heading_style = wordlists.ANNEX_HEADING_STYLE
            self._blocks(annex.blocks, 2)
        if self.geo["end_rule"]:  # the end of the document, after its annexes, as the PDF prints it
            self._end_rule(self.geo["end_rule"])
        self._summary()
        self._footnotes()
        self._properties()
        ooxml.number_drawings(sorted(self.word.part.package.iter_parts(), key=lambda p: str(p.partname)))
        out = io.BytesIO()
        self.word.save(out)
        return ooxml.reproducible_zip(out.getvalue())

    def _end_rule(self, rule: dict[str, float]) -> None:
        """The short rule under the document's last paragraph (the plenary lines, or an annex's
        last paragraph), drawn from it and taking no room in the flow, as the PDF's (print-modern.css
        .end-rule) and Word's. It was a paragraph of its own (about 32 pt), which went alone to a
        page more when the plenary lines ended a full last page (docs/layout.md, "The end rule")."""
        body = self.word.element.body
        blocks = [child for child in body if child.tag != qn("w:sectPr")]
        last = blocks[-1] if blocks else None
        if last is None or last.tag != qn("w:p"):  # a table ends the body: Word ends it with a paragraph
            last = self.word.add_paragraph()._p
        ooxml.float_rule(last, rule["width"], rule["weight"], rule["below"])

    # -- styles, page, properties ----------------------------------------------------
    def _styles(self) -> None:
        styles = self.styles
        ooxml.doc_defaults(styles.styles.element, self.geo["font"], self.geo["size"], self.lang,
                           fonts=dict(self.doc.meta.fonts), rtl=self.doc.meta.direction == "rtl",
                           kern=self.geo["kern"])
        ooxml.theme_language(self.word.settings.element, self.lang)
        for kind, table in ((WD_STYLE_TYPE.PARAGRAPH, "paragraph"), (WD_STYLE_TYPE.CHARACTER, "character")):
            for name, spec in self.geo[table].items():
                if spec.get("redline") and self.red is None:
                    continue  # a redline's own styles (its summary) exist in redlines only
                style = styles[name] if name in styles else styles.add_style(name, kind)
                style.hidden = False
                style.unhide_when_used = False
                style.quick_style = name.startswith("UN ")
                base = spec.get("based_on", "Normal" if kind == WD_STYLE_TYPE.PARAGRAPH else None)
                if base and name != "Normal":
                    style.base_style = styles[base]
                _apply_style(style, spec, self._text_width())
        styles["UN Provenance"].font.italic = self.doc.style.provenance_italic
        if not self.doc.meta.italic:  # Chinese and Arabic: no italics
            for name in ("UN Provenance", "UN Plenary"):
                styles[name].font.italic = False
        if self.doc.meta.direction == "rtl":  # Arabic is sized and set bold by w:szCs, w:bCs
            for name in (*self.geo["paragraph"], *self.geo["character"]):
                if name in styles:
                    ooxml.complex_script_like_latin(styles[name].element.get_or_add_rPr())
        self.lists.write(styles, self.geo["paragraph"])
        table = styles.add_style("UN Table", WD_STYLE_TYPE.TABLE)
        table.base_style = styles["Normal Table"]
        table.quick_style = True
        geo = self.geo["table"]
        ooxml.data_table_style(table.element, geo["side"], geo["padding"], geo["head_padding"], geo["rule"])
        for name, spec in self.geo["paragraph"].items():
            if "next" in spec and name in styles:  # written even when it names the style itself
                styles[name].element.get_or_add_next().val = styles[spec["next"]].style_id

    def _page(self, section: Section) -> None:
        page = self.geo["page"]
        section.page_width, section.page_height = (Pt(v) for v in self.page_size)
        for key in ("top", "bottom", "left", "right"):
            setattr(section, f"{key}_margin", Pt(page[key]))
        section.header_distance = Pt(page["header"])
        section.footer_distance = Pt(page["footer"])
        section.different_first_page_header_footer = True
        self.word.settings.odd_and_even_pages_header_footer = self.geo["even_and_odd"]
        ooxml.footnote_settings(self.word.settings.element)

    def _properties(self) -> None:
        meta, m = self.doc.meta, self.doc.masthead
        props = self.word.core_properties
        props.title = _property(meta.title)
        props.subject = m.symbol
        props.identifier = m.symbol
        props.language = self.lang
        props.author = props.last_modified_by = m.united_nations
        props.keywords = _property(m.session.text)
        props.comments = ""
        props.category = _property(m.heading.text)
        props.revision = 1
        if meta.issued:  # a declaration's text without date nor closing keeps the template's dates
            props.created = _stamp(meta.adopted or meta.issued)
            props.modified = _stamp(meta.issued)

    # -- inline content ---------------------------------------------------------------------
    def _side(self, change: Change | None) -> ooxml.Side | None:
        return _SIDES.get(change or "") if self.red else None

    def _note_change(self, number: int) -> Change | None:
        return self.red.note(number).change if self.red else None

    def _old(self, name: str) -> str | None:
        """A masthead field's old text in a redline (``None``: unchanged, or no redline)."""
        return self.red.old(name) if self.red else None

    def _text(self, par: Paragraph, text: str, side: ooxml.Side | None = None,
              italic: bool | None = None, bold: bool | None = None, style: str | None = None) -> None:
        run = par.add_run(text, style=style)
        if italic is not None:
            run.italic = italic
        if bold is not None:
            run.bold = bold
        if (italic is not None or bold is not None) and self.doc.meta.direction == "rtl":
            ooxml.complex_script_like_latin(run._r.get_or_add_rPr())  # Arabic: w:bCs, w:iCs
        if side:
            self.rev.track([run._r], side)

    def _inlines(self, par: Paragraph, runs: Runs, change: Change | None = None) -> None:
        for r in runs:
            self._inline(r, par, change)

    @singledispatchmethod
    def _inline(self, node: object, par: Paragraph, change: Change | None) -> None:
        raise UnknownNode(node, "the DOCX writer")

    @_inline.register
    def _text_run(self, r: Text, par: Paragraph, change: Change | None) -> None:
        self._text(par, r.print_text or r.text, self._side(change), r.italic or None, r.bold or None)
        if r.link:
            ooxml.hyperlink_last_run(par, r.link)

    @_inline.register
    def _note_call(self, r: NoteRef, par: Paragraph, change: Change | None) -> None:
        self._call(par, r, self._side(change), None)

    @_inline.register
    def _line_break(self, r: LineBreak, par: Paragraph, change: Change | None) -> None:
        """A line the source breaks (a title's): ``w:br`` in a run of its own, tracked in a redline
        (Word shows an inserted or deleted break)."""
        run = par.add_run()
        run.add_break()
        side = self._side(change)
        if side:
            self.rev.track([run._r], side)

    @_inline.register
    def _table_note_call(self, r: TableNoteRef, par: Paragraph, change: Change | None) -> None:
        """A cell's call of its table's note: the note's marker, raised (as the note prints it), a
        link to the note (a bookmark on it, ``TableNote<table>_<note>``); the note's first call is
        bookmarked too (``TableCall…``), for the note's marker to link back to (as the HTML's)."""
        node = self._raised(par, r.mark, self._side(change))
        if self.table is None or r.mark not in self.table.note_marks:
            return  # a deleted call of a mark the redline's table no longer has: raised only
        n, i = self.tables, self.table.note_of(r.mark)
        link = ooxml.link_to_bookmark(node, f"TableNote{n}_{i + 1}")
        if i not in self.table_calls:
            self.table_calls[i] = name = f"TableCall{n}_{i + 1}"
            self._bookmark(link, name)

    def _bookmark(self, node: Any, name: str) -> None:
        self.bookmark_count += 1
        ooxml.bookmark_around(node, self.bookmark_count, name)

    def _raised(self, par: Paragraph, text: str, side: ooxml.Side | None) -> Any:
        """A raised run (a table note's marker or call); the node written (its revision if tracked)."""
        run = par.add_run(text)
        run.font.superscript = True
        return self.rev.track([run._r], side) if side else run._r

    @_inline.register
    def _changed_run(self, r: Changed, par: Paragraph, change: Change | None) -> None:
        """A run the diff marked: tracked as its own mark (else its block's)."""
        if isinstance(r.node, NoteRef):  # the note's version is the call's own mark's
            self._call(par, r.node, self._side(r.change or change), self._side(r.change))
        else:
            self._inline(r.node, par, r.change or change)

    def _call(self, par: Paragraph, ref: NoteRef, side: ooxml.Side | None, own: ooxml.Side | None) -> None:
        if ref.mark:  # a marked note (the sponsors' "*"): Word's custom mark, the run after the call
            run = par.add_run(style=FOOTNOTE_REF)
            ooxml.footnote_reference(run._r, self._note_id(ref, own), custom=True)
            mark = par.add_run(ref.mark, style=FOOTNOTE_REF)
            if side:
                self.rev.track([run._r, mark._r], side)
            return
        if ref.first:
            run = par.add_run(style=FOOTNOTE_REF)
            ooxml.footnote_reference(run._r, self._note_id(ref, own))
            node = self.rev.track([run._r], side) if side else run._r
            if ref.number in self.repeated and ref.number not in self.bookmarks:
                self.bookmarks[ref.number] = name = f"RefNote{ref.number}"
                self._bookmark(node, name)
            return
        name = self.bookmarks.get(ref.number, f"RefNote{ref.number}")
        runs = ooxml.add_field(par, f"NOTEREF {name} \\f \\h", str(ref.number), FOOTNOTE_REF, anchor=name)
        if side:
            self.rev.track(runs, side)

    def _note_id(self, ref: NoteRef, own: ooxml.Side | None) -> int:
        sides = ("old", "new") if own == "del" else ("new", "old")
        return next(self.note_ids[(ref.number, s)] for s in sides if (ref.number, s) in self.note_ids)

    def _field(self, par: Paragraph, value: Field, old: str | None = None, **fmt: Any) -> None:
        """A masthead field; a changed one (diff: ``old``) reads as old deleted, new inserted."""
        if self.red and old is not None and old != value.text:
            for text, side in ((old, "del"), (value.text, "ins")):
                if text:
                    self._text(par, text, side, **fmt)  # type: ignore[arg-type]
        else:
            self._text(par, value.text, **fmt)

    # -- paragraphs -----------------------------------------------------------------------
    def _add(self, style: str, runs: Runs, change: Change | None = None, label: str | None = None,
             old_label: str | None = None, block: Block | None = None) -> Paragraph:
        """A body paragraph: its list number or typed label and tab, then the runs; a tracked mark if
        changed."""
        par = self.word.add_paragraph(style=style)
        side = self._side(change)
        if side:
            self.rev.mark_paragraph(par._p, side)
        numbered = self.lists.number(par._p, style, block)
        own_line = self.geo["paragraph"][style].get("own_line", False)
        if label and not numbered:
            if self.red and old_label and old_label != label and not side:
                self._text(par, old_label, "del")
                self._text(par, label, "ins")
            else:
                self._text(par, label, side)
        if label and own_line:
            self._text(par, "\n", side)  # the number on a line of its own (styles.yaml own_line)
        elif label and not numbered:
            self._text(par, "\t", side)
        self._inlines(par, runs, change)
        self.last = par
        return par

    def _blocks(self, blocks: tuple[Block, ...] | tuple[Para, ...], outline: int | None = None) -> None:
        """``outline``: the level of the section headings among them (their style's is 1, under the
        title; 2 under a part's or an annex's heading), as the HTML's ``h2``/``h3``."""
        if outline is not None:
            self.section_outline = outline
        for b in blocks:
            self._block(b)

    @singledispatchmethod
    def _block(self, node: object, marks: ChangedBlock | None = None) -> None:
        raise UnknownNode(node, "the DOCX writer")

    @_block.register
    def _changed_block(self, b: ChangedBlock, marks: ChangedBlock | None = None) -> None:
        """A block the diff marked: its own handler, with the marks."""
        self._block(b.node, b)

    @_block.register
    def _heading(self, b: Heading, marks: ChangedBlock | None = None) -> None:
        change, old_label = (marks.change, marks.old_label) if marks else (None, None)
        par = self._add(self.heading_style, b.runs, change, b.label, old_label, b)
        if self.section_outline != 1:
            ooxml.outline_level(par._p.get_or_add_pPr(), self.section_outline)

    @_block.register
    def _para(self, p: Para, marks: ChangedBlock | None = None) -> None:
        if p.kind == "preamble":
            style = "UN Preamble"
        elif p.kind == "plain" and not p.label:
            style = "UN Plain"
        else:
            style = wordlists.list_style(p.level)
        change, old_label = (marks.change, marks.old_label) if marks else (None, None)
        self._add(style, p.runs, change, p.label, old_label, p)
        quote_style = "UN Plain" if p.quote and p.quote.setting == "text" else "UN Quote"
        for quoted in p.quote.paras if p.quote else ():
            self._add(quote_style, quoted, change)
        self._blocks(p.children)
        if p.adopts:
            self._adopted(p.adopts, change)

    def _adopted(self, a: Annex, change: Change | None) -> None:
        """A text adopted inline: its title and subtitle (headings one level below the document's
        title), then its blocks, their section headings one level further down."""
        self._add("UN Adopted Title", a.title, change)
        if a.subtitle:
            self._add("UN Adopted Subtitle", a.subtitle, change)
        outline, style = self.section_outline, self.heading_style
        self.heading_style = wordlists.ANNEX_HEADING_STYLE
        self._blocks(a.blocks, 2)
        self.section_outline, self.heading_style = outline, style

    @_block.register
    def _table(self, t: Table, marks: ChangedBlock | None = None) -> None:
        """A real Word table: the header row repeats on every page; figures set right; its notes
        after it, one paragraph each in the style UN Table Note."""
        change = marks.change if marks else None
        self.tables += 1
        self.table, self.table_calls = t, {}
        if t.caption:
            self._add("UN Table Caption", t.caption, change)
        plain, geo = self.geo["paragraph"]["UN Plain"], self.geo["table"]
        width = self._text_width() - plain.get("left", 0) - plain.get("right", 0)
        size = self.geo["paragraph"]["UN Table Text"]["size"]
        texts = [[(plain_text(runs), i == 0) for runs in row] for i, row in enumerate((t.header, *t.rows))]
        widths = columns.auto_widths(texts, width, size, 2 * geo["side"], geo["letter"], geo["word"])
        table = self.word.add_table(rows=1 + len(t.rows), cols=len(t.header))
        table.style = self.styles["UN Table"]
        ooxml.data_table(table, widths, plain.get("left", 0), geo["side"], geo["padding"],
                         geo["head_padding"], geo["rule"])
        for i, row in enumerate((t.header, *t.rows)):
            for j, runs in enumerate(row):
                par = table.cell(i, j).paragraphs[0]
                par.style = self.word.styles["UN Table Heading" if i == 0 else "UN Table Text"]
                if j and t.numeric[j]:
                    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self._inlines(par, runs, change)
        if not t.notes:  # the space under a table: Word's empty paragraph (styles.yaml UN Table Space)
            self._add("UN Table Space", (), change)
        for i, note in enumerate(t.notes):  # the lines printed under the table, a marker raised
            mark = t.note_mark(i)
            par = self._add("UN Table Note", (), change)
            if mark:
                node = self._raised(par, mark, self._side(change))
                if i in self.table_calls:  # called: a bookmark to link to, a link back to the call
                    back = ooxml.link_to_bookmark(node, self.table_calls[i])
                    self._bookmark(back, f"TableNote{self.tables}_{i + 1}")
                self._text(par, " ", self._side(change))
            self._inlines(par, note, change)
        self.table = None

    def _part(self, part: Part) -> None:
        if part.letter:
            self._add("UN Part", (Text(part.letter),))
            if part.title:
                self._add("UN Part", part.title)
        if part.enacting:
            after = (Text(part.enacting_after),) if part.enacting_after else ()
            self._add("UN Enacting", (Text(part.enacting, italic=self.doc.meta.italic), *after))
        self._blocks(part.preamble, 2 if part.letter else 1)
        self._blocks(part.operative)
        if part.closing:
            if self.last is not None:
                self.last.paragraph_format.keep_with_next = True
            closing = part.closing
            mark = self.red.closing(part.id) if self.red else None
            change = mark.change if mark else None
            par = self._add("UN Plenary", (), change)
            side = self._side(change)
            lines = {"meeting": (closing.meeting, mark.old_meeting if mark else None),
                     "date": (closing.date, mark.old_date if mark else None)}
            order = self.doc.meta.closing_order
            for i, (text, old) in enumerate(lines[k] for k in order):
                if i:
                    brk = par.add_run()
                    brk.add_break(WD_BREAK.LINE)
                    if side:
                        self.rev.track([brk._r], side)
                if side:
                    self._text(par, text, side)
                else:
                    self._field(par, Field(text), old)

    def _masthead_body(self) -> None:
        """Session, agenda, heading, provenance and title: the body's first paragraphs."""
        m = self.doc.masthead
        lines: list[tuple[str, Field, str | None]] = [("UN Session", m.session, self._old("session"))]
        if m.committee:
            lines.append(("UN Committee", Field(m.committee), None))
        if m.agenda.text or self._old("agenda") or m.agenda_title:  # none: the PDF prints no line
            lines.append(("UN Agenda", m.agenda, self._old("agenda")))
        if m.heading.text or self._old("heading"):
            lines.append(("UN Heading", m.heading, self._old("heading")))
        for style, value, old in lines:
            par = self.word.add_paragraph(style=style)
            self._field(par, value, old)
            if style == "UN Agenda" and m.agenda_title:
                # the agenda item's title, in bold under the agenda line, in the same block
                par.add_run().add_break(WD_BREAK.LINE)
                start = len(par._p.findall(".//" + qn("w:r")))
                self._inlines(par, m.agenda_title)  # its runs: a redline's marks kept
                for r in par._p.findall(".//" + qn("w:r"))[start:]:
                    Run(r, par).bold = True
                    if self.doc.meta.direction == "rtl":
                        ooxml.complex_script_like_latin(r.get_or_add_rPr())
        if m.provenance:
            par = self.word.add_paragraph(style="UN Provenance")
            prov = m.provenance
            # in a redline, a provenance line that appears or vanishes takes its brackets along
            brackets: ooxml.Side | None = None
            if self.red and not (prov.text and self._old("provenance") != ""):
                brackets = "del" if not prov.text else "ins"
            self._text(par, "[", brackets, italic=False)
            if m.provenance_runs:
                self._inlines(par, m.provenance_runs)
            else:
                self._field(par, prov, self._old("provenance"))
            self._text(par, "]", brackets, italic=False)
        if m.sponsor_line:
            self._add("UN Sponsors", m.sponsor_line)
        if m.number:
            self._add("UN Title", m.title, label=m.number_label)
        else:
            self._add("UN Draft Title", m.title)
        if m.doc_heading:
            self._add("UN Doc Heading", (Text(m.doc_heading),))

    # -- a redline's summary ------------------------------------------------------------------
    def _summary(self) -> None:
        """A redline's summary of its changes, in the document's language, on a page of its own
        after the resolution and its annexes (the PDF's place): plain paragraphs in the named
        ``UN Summary`` styles, never tracked, outside Word's list numbering. The legend names
        Word's own marks (insertions underlined, deletions struck through, a bar by a changed
        line); a move is an insertion and a deletion here, with no arrow to name."""
        if self.red is None:
            return
        s, lang, rtl = self.red.summary, self.lang, self.doc.meta.direction == "rtl"
        for name in ("UN Summary Heading", "UN Summary", "UN Summary Entry", "UN Summary Legend"):
            ooxml.style_language(self.styles[name].element, lang, rtl)
        words = s.words
        counts = words.get("separator", ", ").join(s.lines)
        self.word.add_paragraph(words["title"], style="UN Summary Heading")
        self.word.add_paragraph(words["compared"], style="UN Summary")
        self.word.add_paragraph(counts[:1].upper() + counts[1:], style="UN Summary")
        for entry in s.entries:
            self.word.add_paragraph(entry.text, style="UN Summary Entry")
        self.word.add_paragraph(words["legend_title"], style="UN Summary Legend")
        self.word.add_paragraph(style="UN Summary Entry").add_run(words["legend_ins"]).font.underline = True
        self.word.add_paragraph(style="UN Summary Entry").add_run(words["legend_del"]).font.strike = True
        self.word.add_paragraph(words["legend_bar"], style="UN Summary Entry")

    # -- footnotes -----------------------------------------------------------------------------
    def _footnotes(self) -> None:
        root = ooxml.add_footnotes_part(self.word.part)
        for i, note in enumerate(self.doc.notes, start=1):
            par = Paragraph(ooxml.new_paragraph(ooxml.add_footnote(root, i)), self.word._body)
            par.style = "Footnote Text"
            change = self._note_change(note.number)
            side = self._side(change)
            if side:
                self.rev.mark_paragraph(par._p, side)
            if note.mark:  # its own mark, as typed (Word's w:footnoteRef would print a number)
                mark = par.add_run(note.mark, style=FOOTNOTE_REF)
            else:
                mark = par.add_run(style=FOOTNOTE_REF)
                ooxml.footnote_mark(mark._r)
            marks = [mark._r]
            if self.geo.get("note_tab", True):  # 1998: the text right after the number, as its PDF
                marks.append(par.add_run("\t")._r)
            if side:
                self.rev.track(marks, side)
            self._inlines(par, note.runs, change)

    # -- page furniture -------------------------------------------------------------------------
    def _text_width(self) -> float:
        page = self.geo["page"]
        return self.page_size[0] - page["left"] - page["right"]

    def _columns(self, name: str, mirrored: bool = False) -> list[float]:
        """Column widths of a furniture table; the last column takes the rest of the line."""
        widths = list(self.geo[name][:-1])
        widths.append(self._text_width() - sum(widths))
        return widths[::-1] if mirrored else widths

    def _symbol(self, par: Paragraph) -> None:
        symbol = self.doc.masthead.symbol
        self._text(par, symbol[:1], style="UN Symbol Lead")
        self._text(par, symbol[1:])

    def _first_page(self, section: Section) -> None:
        """Masthead in the first-page header; job number (or "/...") in its footer."""
        m = self.doc.masthead
        header = section.first_page_header
        top = header.paragraphs[0]
        top_row = self.geo.get("masthead_top_row")
        if top_row:  # 1998: "UNITED NATIONS" | the symbol's letter, a table row ruled under
            self._top_row(header, top_row)
            top.style = "UN Furniture End"  # between the two tables (Word joins tables that touch)
        else:
            top.style = "UN Masthead"
            self._text(top, m.united_nations)
        if self.geo["symbol_on_top"]:
            self._text(top, "\t")
            self._symbol(top)
        widths = self._columns("masthead_columns")
        table = header.add_table(1, 3, Pt(sum(widths)))
        organ_row = self.geo.get("masthead_organ_row", {})
        ooxml.table_layout(table, widths, top_rule_pt=self.geo.get("masthead_top_rule"),
                           bottom_rule_pt=organ_row.get("rule"), bottom_pad_pt=organ_row.get("pad", 0))
        emblem_cell, organ_cell, dist_cell = table.rows[0].cells
        emblem = m.emblem_image
        if emblem:
            image = emblem.data if emblem.mime in _BITMAPS else emblem.bitmap
            if image:
                run = emblem_cell.paragraphs[0].add_run()
                run.add_picture(io.BytesIO(image), width=Pt(self.geo["emblem_width"]))
                ooxml.describe_picture(run, self.doc.meta.words.get("emblem", ""))
                ooxml.float_picture(run, dy_pt=self.geo.get("emblem_top", 0))
        organ = organ_cell.paragraphs[0]
        organ.style = "UN Organ"
        self._text(organ, m.organ)
        lines: list[tuple[str, str | None]] = [(line, None) for line in m.distribution]  # (text, old text)
        if not self.geo["symbol_on_top"]:
            lines.append((m.symbol, None))
        if m.issued.text or self._old("issued"):
            lines.append((m.issued.text, self._old("issued")))
        if m.language_line:  # the document's own language ("Français"), above "Original:"
            lines.append((m.language_line, None))
        if m.original:
            lines.append((m.original, None))
        par = dist_cell.paragraphs[0]
        par.style = "UN Distribution"
        for i, (line, old) in enumerate(lines):  # one paragraph, a line each: a block that moves as one
            if i:
                par.add_run().add_break(WD_BREAK.LINE)
            self._field(par, Field(line), old)
        if self.doc.meta.direction == "rtl":  # the Distr. and date lines are English (A/65/L.78)
            ooxml.left_to_right(par)
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # where the right-to-left line stood
        header.add_paragraph(style="UN Furniture End" if organ_row.get("rule") else "UN Masthead Rule")

        self._first_footer(section)

    def _top_row(self, header: Any, row: dict[str, float]) -> None:
        """The masthead's top row as the 1998 PDF's (print-1998.css ``.mh-top``): "UNITED NATIONS"
        in a column ``width`` wide, the symbol's letter at the right, both at the bottom of a row
        ``height`` high from the header's top (the PDF's masthead starts at the page's top margin),
        ``pad`` over the rule (``rule`` wide) under it."""
        m = self.doc.masthead
        widths = [row["width"], self._text_width() - row["width"]]
        table = header.add_table(1, 2, Pt(sum(widths)))
        header.paragraphs[0]._p.addprevious(table._tbl)
        ooxml.table_layout(table, widths, bottom_rule_pt=row["rule"], bottom_pad_pt=row["pad"],
                           min_height_pt=row["height"])
        un_cell, letter_cell = table.rows[0].cells
        # a word a line, as the PDF's 70 pt column breaks them ("NATIONS" overflows it there; a cell
        # of Word's or LibreOffice's breaks such a word inside): the column is as wide as it needs
        for cell, style, text in ((un_cell, "UN Masthead", "\n".join(m.united_nations.split())),
                                  (letter_cell, "UN Masthead Letter", m.symbol.split("/")[0])):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            cell.paragraphs[0].style = style
            self._text(cell.paragraphs[0], text)

    def _first_footer(self, section: Section) -> None:
        """Job number and date; then "/..." (1998) or barcode, "Please recycle" and QR code (modern)."""
        m, words = self.doc.masthead, self.doc.meta.words
        footer = section.first_page_footer
        job = footer.paragraphs[0]
        job.style = "UN Job Number"
        if m.job_number:
            text = m.job_number + (f"    {m.job_date}" if m.job_date else "")
            if self.doc.meta.direction == "rtl":  # "11-37474 (A)" reads left to right (A/65/L.78)
                text = f"\u202a{text}\u202c"  # left-to-right embedding, the paragraph's tabs kept
            self._text(job, text)
        if self.doc.style.footer_first != "job_barcode_qr":
            self._text(job, "\t" + words.get("continued", ""))
            return
        # As the PDF's (print-modern.css .first-footer): a box centred at the page's foot, the pictures
        # floating at their places in it (from the page's corner, mirrored right to left); the job
        # number and, at a right tab, "Please recycle" on the paragraph they float from (styles.yaml
        # first_footer).
        geo, rtl = self.geo["first_footer"], self.doc.meta.direction == "rtl"
        (width, height), (page_width, page_height) = geo["box"], self.page_size
        left = (page_width - width) / 2  # the box's left edge (60 on letter paper, 51.65 on A4)
        margin = self.geo["page"]["left"]
        pf = job.paragraph_format
        pf.left_indent = Pt(left + geo["job"] - margin)
        pf.tab_stops.add_tab_stop(Pt(left + geo["recycle_end"] - margin), WD_TAB_ALIGNMENT.RIGHT)

        def place(run: Run, box: list[float]) -> None:
            x, y = left + box[0], page_height - height + box[1]
            ooxml.float_picture(run, page_width - x - box[2] if rtl else x, y, page=True)

        if m.code39:
            run = job.add_run()
            run.add_picture(io.BytesIO(_code39_png(m.code39.modules)), *(Pt(v) for v in geo["barcode"][2:]))
            ooxml.describe_picture(run, m.barcode or "")  # as the HTML's and the PDF's alt text
            place(run, geo["barcode"])
        self._text(job, "\t")
        self._text(job, words.get("recycle", ""), style="UN Recycle")
        mark_run = job.add_run()
        mark = Path(TEMPLATES) / "assets" / "recycle.svg"  # the mark of the PDF and HTML, as a vector
        vector.add_svg_picture(mark_run, mark, geo["recycle_mark"][2])
        ooxml.describe_picture(mark_run, words.get("recycle", ""))
        place(mark_run, geo["recycle_mark"])
        if m.qr:
            run = job.add_run()
            run.add_picture(io.BytesIO(_qr_png(m.qr.matrix)), width=Pt(geo["qr"][2]))
            ooxml.describe_picture(run, m.url or "")
            place(run, geo["qr"])
        footer.add_paragraph(style="UN Furniture End")  # Word ends a footer with a paragraph: keep it flat

    def _page_number(self, par: Paragraph) -> None:
        """The page number as the style writes it: "Page 2" (1998) or "2/5" (modern)."""
        if self.doc.style.page_header == "alternating":
            ooxml.add_field(par, "PAGE", "2")
            self._text(par, "/")
            ooxml.add_field(par, "NUMPAGES", "2")
            return
        before, after = self.doc.meta.page_word
        if before:
            self._text(par, before)
        ooxml.add_field(par, "PAGE", "2")
        if after:
            self._text(par, after)

    def _later_pages(self, section: Section) -> None:
        m = self.doc.masthead
        if self.doc.style.page_header != "alternating":
            header = section.header
            header.paragraphs[0].style = "Header"
            self._text(header.paragraphs[0], m.symbol)
            self._page_number(header.add_paragraph(style="Header"))
            return
        job = m.job_number or ""
        for header, footer, mirrored in ((section.even_page_header, section.even_page_footer, False),
                                         (section.header, section.footer, True)):
            widths = self._columns("header_columns", mirrored)
            table = header.add_table(1, 2, Pt(sum(widths)))
            header.paragraphs[0]._p.addprevious(table._tbl)
            header.paragraphs[0].style = "UN Furniture End"  # Word ends a header with a paragraph: 1 pt
            ooxml.table_layout(table, widths, bottom_rule_pt=0.25, bottom_pad_pt=self.geo["header_padding"],
                               min_height_pt=self.geo["header_height"])
            cells = table.rows[0].cells
            sym_cell, title_cell = (cells[1], cells[0]) if mirrored else (cells[0], cells[1])
            cells_text = ((sym_cell, m.symbol, mirrored), (title_cell, m.short_title, not mirrored))
            for cell, text, right in cells_text:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                cell.paragraphs[0].style = "UN Header Right" if right else "Header"
                self._text(cell.paragraphs[0], text)
            par = footer.paragraphs[0]
            par.style = "Footer"
            if mirrored:
                self._text(par, job, style="UN Footer Small")
                self._text(par, "\t")
                self._page_number(par)
            else:
                self._page_number(par)
                self._text(par, "\t")
                self._text(par, job, style="UN Footer Small")

    def _all_refs(self) -> list[NoteRef]:
        runs: list[Runs] = [self.doc.masthead.title]
        for part in self.doc.parts:
            runs.append(part.title)
            runs += (r for b in (*part.preamble, *part.operative) for r in _block_runs(b))
        for annex in self.doc.annexes:
            runs.append(annex.title)
            runs += (r for b in annex.blocks for r in _block_runs(b))
        return [r for rs in runs for r in map(unwrap, rs) if isinstance(r, NoteRef)]


@singledispatch
def _block_runs(node: object) -> Iterator[Runs]:
    """The runs of a block and of the blocks inside it, in reading order."""
    raise UnknownNode(node, "the DOCX writer")


@_block_runs.register
def _para_runs(node: Para) -> Iterator[Runs]:
    yield node.runs
    yield from node.quote.paras if node.quote else ()
    for child in node.children:
        yield from _block_runs(child)
    if node.adopts:
        yield node.adopts.title
        yield node.adopts.subtitle
        for inner in node.adopts.blocks:
            yield from _block_runs(inner)


@_block_runs.register
def _changed_block_runs(node: ChangedBlock) -> Iterator[Runs]:
    yield from _block_runs(node.node)


@_block_runs.register
def _table_runs(node: Table) -> Iterator[Runs]:
    yield from block_runs(node)


@_block_runs.register
def _heading_runs(node: Heading) -> Iterator[Runs]:
    yield node.runs
