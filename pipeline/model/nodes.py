"""The document model: one format-free tree in the middle of the pipeline.

Readers (the YAML loader, the importer) produce it; transforms (numbering, notes,
italics, generated words) resolve it; writers (HTML, PDF, DOCX) and the diff consume
it. Nothing here knows HTML, OOXML or PDF.

A resolved :class:`Document` carries every printed word: labels such as ``"1."`` or
``"(a)"``, footnote numbers, the session line, the plenary line. Writers only lay out.

The diff's marks are a layer of their own (:mod:`pipeline.transforms.diff` sets them): a run
inserted, deleted or moved is wrapped in :class:`Changed`, a block in :class:`ChangedBlock`
(its mark, its previous label, its move); a redline :class:`Document` carries a
:class:`Redline` (author, date, summary, and the old values of its notes, masthead fields and
plenary lines). An ordinary document holds no wrapper and ``redline`` is ``None``; the plain
nodes have no diff field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from pipeline.model.furniture import Barcode, Image, QRCode

Change = Literal["ins", "del", "move-from", "move-to"]
#: How a list numbers its items (CSS list-style-type names).
NumberStyle = Literal["decimal", "lower-alpha", "upper-alpha", "upper-roman", "lower-roman"]
_T = TypeVar("_T")


@dataclass(frozen=True)
class Text:
    """A run of text with its emphasis."""

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None  # a cited document's address (pipeline.transforms.links)
    #: True for an opening phrase italicised from the catalogue (not typed as ``*…*``)
    opening: bool = field(default=False, compare=False)
    #: the text as print sets it where that differs (a date's day and month joined by a no-break
    #: space; :mod:`pipeline.transforms.finish`), else ``None``: print sets ``text``
    print_text: str | None = field(default=None, compare=False)


#: The key of the note the sponsor line's star calls (the source's ``sponsor_note:``), which is
#: marked "*", not numbered (A/80/L.7: "Australia:* draft resolution" / "* Any changes to the list
#: of sponsors ..."): its ``number`` is 0, before the numbered notes, which still start at 1.
SPONSOR_NOTE = "sponsor-note"

#: The kinds of a draft decision (the source's ``kind:``): one paragraph that opens with the
#: enacting formula inline ("The General Assembly, taking note of …, decides …", A/C.4/80/L.10),
#: its words under ``decision:``; no preambular or operative paragraphs.
DECISION_KINDS = ("draft-decision", "revised-draft-decision")
#: The ``id`` of a draft decision's one paragraph (a "plain" paragraph, the formula inline).
DECISION_PARA = "decision"


class _Marked:
    """A note and its calls print its mark (``mark``: "*", the sponsors' note) or else its number,
    and link by its number or, marked, by its key."""

    key: str
    number: int
    mark: str | None

    @property
    def label(self) -> str:
        """What the call or the note's marker prints: its mark, else its number."""
        return self.mark or str(self.number)

    @property
    def anchor(self) -> str:
        """The note's name in links and ids ("3"; a marked note's key: "sponsor-note")."""
        return self.key if self.mark else str(self.number)


@dataclass(frozen=True)
class NoteRef(_Marked):
    """A footnote call. ``first`` is true where the note's text is printed (its first call).
    ``mark`` is a reference mark printed instead of the number ("*": the sponsors' note)."""

    key: str
    number: int
    first: bool = True
    mark: str | None = None


@dataclass(frozen=True)
class LineBreak:
    """A line break the source asks for: a title broken by sense, by hand, where the issued title
    breaks ("… the expenses / of the United Nations", A/RES/79/249). Only a title holds one (the
    loader refuses it elsewhere); a reader of the plain text sees a space (:func:`plain_text`)."""


@dataclass(frozen=True)
class TableNoteRef:
    """A call, in a table's cell, to one of the table's own notes (printed under it), by the
    note's marker: "Geneva" then a raised "a" calls the note "a Includes …" (``Table.note_marks``).
    It is not numbered and prints no note where it stands: the note is the table's."""

    mark: str


Run = Text | NoteRef | LineBreak | TableNoteRef


@dataclass(frozen=True)
class Changed:
    """Diff layer: a run (text, note call, line break or table-note call) inserted, deleted or
    moved, in a redline's run list."""

    node: Run
    change: Change


Inline = Text | NoteRef | LineBreak | TableNoteRef | Changed
Runs = tuple[Inline, ...]


@dataclass(frozen=True)
class Quote:
    """A quoted text printed as an indented block after its paragraph's own text (an amended
    rule, a quoted article): one run list per quoted paragraph, words and labels as written."""

    id: str
    paras: tuple[Runs, ...]
    #: ``"quote"``: set off, indented on both sides; ``"text"``: set as the text's own paragraphs,
    #: at their measure (the paragraphs an amendment inserts, printed after its colon, A/80/L.33)
    setting: str = "quote"


@dataclass(frozen=True)
class Para:
    """A paragraph: preambular, operative, sub-paragraph or plain (annex) text.

    ``label`` is the printed number ("1.", "(a)", "(i)") or ``None``; ``level`` 0 is a
    top-level paragraph, 1 a sub-paragraph (a), 2 a sub-sub-paragraph (i) and so on.
    """

    kind: Literal["preamble", "operative", "sub", "plain"]
    runs: Runs
    id: str
    label: str | None = None
    level: int = 0
    children: tuple[SubPara, ...] = ()
    line: int = 0
    #: the source's ``opening:`` switch as written (``None``: not given)
    opening: bool | None = field(default=None, compare=False)
    quote: Quote | None = None
    #: the number of its item in an ordered list (HTML's ``<li value>``): the counter its label was
    #: made from (:mod:`pipeline.transforms.resolve`; in a redline, its own version's); ``None`` unlabelled
    list_value: int | None = field(default=None, compare=False)
    #: a text the paragraph adopts, printed inline after it ("Adopts the following Declaration:"
    #: then the declaration: its title, its own headings and numbered paragraphs)
    adopts: Annex | None = None


@dataclass(frozen=True)
class Heading:
    """A section heading inside the operative part or an annex ("I" + heading text)."""

    id: str
    runs: Runs
    label: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Table:
    """A table as issued in annexes: a caption, a header row and rows of cells (each a run list).

    ``numeric`` marks the columns whose body cells are all figures (set right-aligned). ``notes``
    are the lines printed under the table in its smaller type ("Abbreviations: …", "a Includes …"),
    part of the table. ``note_marks`` holds each note's marker as printed raised before it ("a",
    "*"; "" for a note without one, such as "Abbreviations: …"): the note's runs start after the
    marker and its space. A cell calls a note by its marker (:class:`TableNoteRef`). A table is
    never numbered (``label`` is always ``None``) and does not interrupt paragraph numbering.
    """

    id: str
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    caption: Runs = ()
    numeric: tuple[bool, ...] = ()
    line: int = 0
    label: None = None
    notes: tuple[Runs, ...] = ()
    note_marks: tuple[str, ...] = ()

    def note_mark(self, i: int) -> str:
        """Note ``i``'s marker ("" when it has none)."""
        return self.note_marks[i] if i < len(self.note_marks) else ""

    def note_of(self, mark: str) -> int:
        """The index of the note a cell's call ``mark`` calls (the first note with that marker)."""
        return self.note_marks.index(mark)


@dataclass(frozen=True)
class ChangedBlock:
    """Diff layer: a block of a redline as the diff marked it: inserted, deleted or moved
    (``change``; ``None``: in place, its words or number changed), the label it had in the old
    version when it was renumbered (``old_label``), and the id shared by a moved paragraph's two
    ends (``move_id``)."""

    node: Para | Heading | Table
    change: Change | None = None
    old_label: str | None = None
    move_id: str | None = None


#: A sub-paragraph or a preambular paragraph: a paragraph, or one the diff marked.
SubPara = Para | ChangedBlock
Block = Para | Heading | Table | ChangedBlock


@dataclass(frozen=True)
class Closing:
    """The plenary line: "70th plenary meeting" / "12 December 1997"."""

    meeting: str
    date: str
    #: the values behind the words: the meeting's number and the date of adoption
    number: int = field(default=0, compare=False)
    on: datetime.date | None = field(default=None, compare=False)
    #: a resumed meeting ("69th (resumed) plenary meeting"): the source's ``resumed: true``
    resumed: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Part:
    """A resolution or one lettered part (A, B ...) of it.

    Each lettered part has its own subtitle, enacting formula, numbering and closing;
    an unlettered resolution has exactly one part with ``letter`` ``None``.
    """

    id: str
    enacting: str
    preamble: tuple[SubPara, ...]
    operative: tuple[Block, ...]
    letter: str | None = None
    title: Runs = ()
    closing: Closing | None = None
    #: printed after the enacting formula: the catalogue's comma before a preamble; nothing when
    #: the operative part follows directly ("The General Assembly / Adopts the following ...")
    enacting_after: str = ","


@dataclass(frozen=True)
class Annex:
    """An annex, or a text adopted inline by an operative paragraph (:attr:`Para.adopts`: its
    ``label`` is ``""``; a declaration, a programme of action), with its own headings and
    numbering."""

    id: str
    label: str
    title: Runs
    blocks: tuple[Block, ...]
    #: the source's ``numbered:`` and ``restart:`` switches as written (``None``: not given)
    numbered: bool | None = field(default=None, compare=False)
    restart: bool | None = field(default=None, compare=False)
    subtitle: Runs = ()
    #: how many of the first blocks are an adopted text's unnumbered opening (``chapeau:``)
    chapeau: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Note(_Marked):
    """A footnote: its printed number and text; a marked note (``mark``: "*", the sponsors' note)
    prints its mark instead of its number (0)."""

    key: str
    number: int
    runs: Runs
    mark: str | None = None


@dataclass(frozen=True)
class Field:
    """A masthead field (its old value in a redline is the :class:`Redline`'s)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Masthead:
    """First-page furniture and the title block, every word already generated."""

    united_nations: str
    organ: str
    symbol: str
    distribution: tuple[str, ...]  # lines: ("Distr.: General",) or ("Distr.", "GENERAL")
    issued: Field  # "9 February 1998" ("" when the source does not give it)
    session: Field  # "Fifty-second session"
    agenda: Field  # "Agenda item 107"
    heading: Field
    provenance: Field | None  # "on the report of the Third Committee (A/52/639)"
    number: str  # "52/102"
    title: Runs
    short_title: str
    original: str | None = None  # "ORIGINAL: ENGLISH" when the source asks for it
    # the document's own language above "Original:" when the original is another's ("Français")
    language_line: str | None = None
    job_number: str | None = None  # "18-18418 (E)"
    job_date: str | None = None  # "071118"
    barcode: str | None = None  # Code 39 payload "*1818418*"
    url: str | None = None  # https://undocs.org/A/RES/73/8
    emblem: str | None = None  # path of the emblem image (relative to the source, or absolute)
    agenda_title: Runs = ()  # the agenda item's title under the agenda line (modern resolutions)
    # the provenance line as runs with its cited documents linked (pipeline.transforms.links)
    provenance_runs: Runs = ()
    # L documents (docs/cycle.md): what the document is, and the lines a draft carries instead of
    # the resolution's heading, provenance and number
    # resolution | draft | revised-draft | draft-decision | revised-draft-decision | addendum |
    # corrigendum | amendment
    kind: str = "resolution"
    committee: str | None = None  # "Third Committee" (A/C.n documents)
    sponsor_line: Runs = ()  # "Albania, …: draft resolution"
    doc_heading: str | None = None  # "Addendum", "Corrigendum"
    number_label: str = ""  # the title's label: "52/102.", Arabic "52/102 -" ("" without a number)
    # the furniture itself: the barcode of ``barcode``, the QR code of ``url``, the emblem's image
    code39: Barcode | None = None
    qr: QRCode | None = None
    emblem_image: Image | None = None
    #: Where the running head's words are in the source: the key they come from (``short_title``,
    #: else ``title``), line and column, for a warning about the head (pipeline.writers.pdf.runninghead)
    short_title_at: tuple[str, int, int] = field(default=("title", 0, 0), compare=False)


@dataclass(frozen=True)
class Style:
    """A house style: settings read from ``templates/styles/<name>.yaml``."""

    name: str
    paper: str
    heading: str
    distribution: str
    provenance_italic: bool
    repeated_notes: Literal["reuse", "new"]
    page_header: str
    footer_first: str
    description: str = ""
    #: a section heading of an annex or of a text adopted inline: "I" on a line of its own over
    #: its heading ("own-line", as the resolution's own sections print), or "I." and the heading on
    #: one line, the numeral hanging ("one-line": the modern annex, A/RES/80/3)
    annex_sections: Literal["own-line", "one-line"] = "own-line"
    #: The device Word laid the page out for: "600dpi" (a printer) or "96dpi" (a screen: whole
    #: pixels, A/RES/ES-11/4); the source's ``device:``, for the modern style's PDF only.
    device: str = "600dpi"
    #: Word's narrowest space in a justified line, by the date Word laid the document out: pairs
    #: (first date, pt added to the body's spaces), oldest first (``word_spacing_from`` in the
    #: style's YAML; docs/layout.md, "Word's narrowest space by year"). Before the first date, the
    #: style sheet's own.
    word_spacing_from: tuple[tuple[date, float], ...] = ()
    #: The body's word spacing for this document (pt), picked from ``word_spacing_from`` by its
    #: issue date; None: the style sheet's own.
    word_spacing: float | None = None
    #: Word's page by the date Word laid the document out: pairs (first date, a print sheet of
    #: ``templates/css/`` laid over the style's, or None for the style's alone), oldest first
    #: (``sheet_from`` in the style's YAML; docs/layout.md, "Page capacity by date").
    sheet_from: tuple[tuple[date, str | None], ...] = ()
    #: The dated sheet for this document, picked from ``sheet_from`` by its issue date.
    dated_sheet: str | None = None

    def spacing_on(self, day: date | None) -> float | None:
        """The body's word spacing for a document laid out on ``day`` (None: the sheet's own; an
        undated document is laid out now, so it takes the latest)."""
        return _dated(self.word_spacing_from, day)

    def sheet_on(self, day: date | None) -> str | None:
        """The dated print sheet for a document laid out on ``day`` (as :meth:`spacing_on`)."""
        return _dated(self.sheet_from, day)


def _dated(pairs: tuple[tuple[date, _T], ...], day: date | None) -> _T | None:
    """The value of the last pair whose first date is on or before ``day`` (all of them when
    ``day`` is None: an undated document is laid out now); None before the first."""
    chosen = None
    for first, value in pairs:
        if day is None or day >= first:
            chosen = value
    return chosen


@dataclass(frozen=True)
class NumberFormat:
    """A label as a list that numbers itself (Word's) can make it: ``before`` + the number in
    ``style`` + ``after`` ("(" lower-alpha ")" → "(a)", "(b)" ...)."""

    before: str
    style: NumberStyle
    after: str


@dataclass(frozen=True)
class Numbering:
    """How each kind of numbered thing is labelled; ``None`` where no list format can say it
    (Arabic letters, ordinals): writers then print the model's labels as text."""

    operative: NumberFormat | None = None
    annex_paragraph: NumberFormat | None = None
    #: sub-paragraph levels 1, 2, 3 ... ((a), (i), ...), as deep as writers nest lists (Word: 8)
    sub: tuple[NumberFormat | None, ...] = ()
    section: NumberFormat | None = None
    #: the sections of annexes and of texts adopted inline ("I." where the style prints them on one line)
    annex_section: NumberFormat | None = None


@dataclass(frozen=True)
class Meta:
    """Facts about the document for file metadata (never the clock)."""

    source: str
    language: str
    direction: str
    title: str
    issued: date | None  # the date of issue, else of adoption; None when the source gives neither
    adopted: date | None
    words: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: The plenary closing's lines in the language's order (Chinese: date first).
    closing_order: tuple[str, ...] = ("meeting", "date")
    #: False for Chinese and Arabic, whose issued documents set no italics.
    italic: bool = True
    #: Word's face per script class ({"eastAsia": ..., "cs": ...}) from the catalogue.
    fonts: tuple[tuple[str, str], ...] = ()
    #: The running head's page word around the page number: ("Page ", "") for "Page 2".
    page_word: tuple[str, str] = ("", "")
    #: The label formats of the document's lists.
    numbering: Numbering = field(default_factory=Numbering)


@dataclass(frozen=True)
class DiffEntry:
    """One change listed in a redline's summary (see :mod:`pipeline.transforms.diff`).

    ``id`` is the changed paragraph's or heading's ``id`` (``""`` for a note or a masthead
    field), ``note`` the number of a changed note; ``change`` is the element's mark
    (``None``: edited in place).
    """

    id: str
    change: Change | None
    text: str
    note: int | None = None


@dataclass(frozen=True)
class DiffSummary:
    """What a redline changed: counts by kind, one entry per change, the printed words."""

    counts: dict[str, int] = field(hash=False)
    lines: tuple[str, ...]  # the counts as sentences ("1 paragraph inserted")
    entries: tuple[DiffEntry, ...]
    words: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: The plenary closing's lines in the language's order (Chinese: date first).
    closing_order: tuple[str, ...] = ("meeting", "date")
    #: False for Chinese and Arabic, whose issued documents set no italics.
    italic: bool = True
    #: Word's face per script class ({"eastAsia": ..., "cs": ...}) from the catalogue.
    fonts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NoteMark:
    """Diff layer: how a redline's note changed (``change``: inserted or deleted; ``None``: kept,
    its words perhaps edited) and the number it had in the old version when renumbered."""

    change: Change | None = None
    old_number: int | None = None


@dataclass(frozen=True)
class ClosingMark:
    """Diff layer: a part's plenary line inserted or deleted (``change``), or its meeting or date
    changed in place (``old_meeting``, ``old_date``: the old words)."""

    change: Change | None = None
    old_meeting: str | None = None
    old_date: str | None = None


@dataclass(frozen=True)
class Redline:
    """Diff layer: what makes a document a redline. Who made the changes and when (ISO 8601,
    from the command line or the sources, never the clock; DOCX ``w:ins``/``w:del`` carry them),
    the summary, and the old values of the things that are not in a run or block list: masthead
    fields by name (``"issued"``, ``"agenda"`` ...), notes by their number here, plenary lines by
    their part's id. Only changed ones are listed."""

    author: str
    date: str
    summary: DiffSummary
    fields: tuple[tuple[str, str], ...] = ()
    notes: tuple[tuple[int, NoteMark], ...] = ()
    closings: tuple[tuple[str, ClosingMark], ...] = ()

    def old(self, name: str) -> str | None:
        """A masthead field's old text when the diff changed it (``""``: it was not there)."""
        return dict(self.fields).get(name)

    def note(self, number: int) -> NoteMark:
        return dict(self.notes).get(number, _UNMARKED_NOTE)

    def closing(self, part: str) -> ClosingMark:
        return dict(self.closings).get(part, _UNCHANGED_CLOSING)


_UNMARKED_NOTE = NoteMark()
_UNCHANGED_CLOSING = ClosingMark()


@dataclass(frozen=True)
class Record:
    """The source's top-level values other than its text, exactly as given (``None``/absent
    keys are left out): ``values`` holds ``(key, value)`` pairs in the source's order, values
    being str, int, bool, dates, and lists or mappings of those."""

    values: tuple[tuple[str, object], ...] = ()
    #: every top-level key of the source (its text's too), in the source's order
    keys: tuple[str, ...] = ()

    def get(self, key: str, default: object = None) -> object:
        return dict(self.values).get(key, default)

    def __contains__(self, key: object) -> bool:
        return any(k == key for k, _ in self.values)


@dataclass(frozen=True)
class Document:
    meta: Meta
    style: Style
    paper: str
    masthead: Masthead
    parts: tuple[Part, ...]
    annexes: tuple[Annex, ...]
    notes: tuple[Note, ...]
    #: The diff layer of a redline (``None``: an ordinary document, holding no diff wrapper).
    redline: Redline | None = None
    #: The source's own values behind the generated masthead words (session 52, agenda items,
    #: committee 3, the report's symbol, the settings), for machine-readable output (AKN) only:
    #: writers that lay out never need them.
    record: Record | None = field(default=None, compare=False)

    def note(self, number: int) -> Note:
        for n in self.notes:
            if n.number == number:
                return n
        raise KeyError(number)


def unwrap(r: Inline) -> Run:
    """A run without its diff mark."""
    return r.node if isinstance(r, Changed) else r


def run_change(r: Inline) -> Change | None:
    """A run's diff mark (``None``: unmarked)."""
    return r.change if isinstance(r, Changed) else None


def unwrap_block(b: Block) -> Para | Heading | Table:
    """A block without its diff mark."""
    return b.node if isinstance(b, ChangedBlock) else b


def plain_text(runs: Runs) -> str:
    """The text of runs without footnote calls nor table-note calls (what a reader reads; in a
    redline both versions'): a line break is a space."""
    return "".join(t.text if isinstance(t, Text) else " " for t in map(unwrap, runs)
                   if not isinstance(t, NoteRef | TableNoteRef))


def walk_paras(blocks: tuple[Block, ...] | tuple[SubPara, ...]) -> Iterator[Para]:
    """Every paragraph in reading order, sub-paragraphs after their parent (a redline's without
    their marks)."""
    for b in map(unwrap_block, blocks):
        if isinstance(b, Para):
            yield b
            yield from walk_paras(b.children)
            if b.adopts:
                yield from walk_paras(b.adopts.blocks)


def block_runs(b: Block) -> Iterator[Runs]:
    """Every run list of a block in reading order: a paragraph's text, its quoted block and its
    sub-paragraphs'; a heading's; a table's caption, header and cells, row by row, then its notes."""
    b = unwrap_block(b)
    if isinstance(b, Table):
        yield b.caption
        yield from b.header
        for row in b.rows:
            yield from row
        yield from b.notes
        return
    yield b.runs
    if isinstance(b, Para):
        yield from b.quote.paras if b.quote else ()
        for child in b.children:
            yield from block_runs(child)
        if b.adopts:
            yield b.adopts.title
            yield b.adopts.subtitle
            for inner in b.adopts.blocks:
                yield from block_runs(inner)
