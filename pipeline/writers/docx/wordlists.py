"""Word list numbering for the DOCX writer: paragraph labels become ``word/numbering.xml`` lists.

The model's label formats (:class:`~pipeline.model.Numbering`: "(" lower-alpha ")", resolved from
the catalogue) map to Word level formats ("%1." decimal, "(%2)" lowerLetter), so Word numbers the paragraphs
itself and renumbering is never an edit. Each run of numbered paragraphs is one list that starts
at 1: a part's operative paragraphs with their sub-paragraphs (sections do not interrupt it), an
annex's numbered paragraphs, the items of an unnumbered paragraph, a part's or annex's section
headings. The numbers Word will show are computed here and compared with the model's labels,
in both versions of a redline (changes accepted, changes rejected); a list whose numbers would
differ keeps typed labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from pipeline.model import Block, ChangedBlock, Document, Heading, NumberFormat, Para, Table
from pipeline.model.visitor import UnknownNode
from pipeline.transforms.words import roman
from pipeline.writers.docx import ooxml

LEVELS = 9  # Word's list levels
HEADING_STYLE = "UN Section Heading"  # a section of the resolution
ANNEX_HEADING_STYLE = "UN Annex Section Heading"  # a section of an annex or of an adopted text
# The model's list styles → Word's number formats.
_FORMATS = {"decimal": "decimal", "lower-alpha": "lowerLetter", "upper-alpha": "upperLetter",
            "upper-roman": "upperRoman", "lower-roman": "lowerRoman"}
# Paragraphs a version does not have: accepting drops deletions, rejecting drops insertions.
_DROPPED = {"accept": ("del", "move-from"), "reject": ("ins", "move-to")}


@dataclass(frozen=True)
class Level:
    """One list level as Word defines it: number format and level text ("(%2)")."""

    fmt: str
    text: str


def level(fmt: NumberFormat | None, ilvl: int) -> Level | None:
    """The Word level of a label format: "(" lower-alpha ")" at ilvl 1 → lowerLetter "(%2)".

    ``None`` when Word has no such format (the list then keeps typed labels).
    """
    if fmt is None or "%" in fmt.before + fmt.after:
        return None
    return Level(_FORMATS[fmt.style], f"{fmt.before}%{ilvl + 1}{fmt.after}")


def number_text(n: int, fmt: str) -> str:
    """``n`` in a Word number format (Word's letters after z: aa, bb ...)."""
    if fmt == "decimal":
        return str(n)
    text = chr(97 + (n - 1) % 26) * ((n - 1) // 26 + 1) if fmt.endswith("Letter") else roman(n).lower()
    return text.upper() if fmt.startswith("upper") else text


def word_labels(levels: Sequence[Level], ilvls: Iterable[int]) -> list[str]:
    """The labels Word shows for the paragraphs of one list, given each paragraph's level.

    A level counts from 1 and starts again after any paragraph of a higher level.
    """
    counters = [0] * len(levels)
    out = []
    for ilvl in ilvls:
        counters[ilvl] += 1
        counters[ilvl + 1:] = [0] * (len(levels) - ilvl - 1)
        out.append(re.sub(r"%(\d)", lambda m: number_text(counters[int(m[1]) - 1], levels[int(m[1]) - 1].fmt),
                          levels[ilvl].text))
    return out


def _style(lst: _List, ilvl: int) -> str:
    return lst.heading or list_style(ilvl)


def list_style(level: int) -> str:
    """The paragraph style of a numbered paragraph at a level (0: operative, 1+: sub-paragraph)."""
    return "UN Operative" if level == 0 else f"UN Subparagraph {min(level, 4)}"


@dataclass
class _List:
    formats: tuple[NumberFormat | None, ...]  # label format of each level
    heading: str | None = None  # a list of section headings: their paragraph style
    entries: list[tuple[Para | Heading, int]] = field(default_factory=list)  # (paragraph or heading, ilvl)


class Lists:
    """Which paragraphs Word numbers, in which list and level, and the numbering part that says so."""

    def __init__(self, doc: Document, numbering: etree._Element):
        self.numbering = doc.meta.numbering
        self.is_diff = doc.redline is not None
        self.marks: dict[int, ChangedBlock] = {}  # id(block) → the diff's marks on it (a redline's)
        self.root = numbering
        self.lists: list[_List] = []
        self.unnumbered: set[str] = set()  # list styles that some paragraph uses without a number
        for part in doc.parts:
            self._blocks((*part.preamble, *part.operative), self.numbering.operative)
        for annex in doc.annexes:
            self._blocks(annex.blocks, self.numbering.annex_paragraph, self.numbering.annex_section,
                         ANNEX_HEADING_STYLE)
        first_num = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.iterfind(qn("w:num"))),
                            default=0)
        self.abstracts: dict[tuple[str | None, tuple[NumberFormat | None, ...]], int] = {}
        self.nums: list[tuple[int, int]] = []  # each new list instance: (numId, abstract list)
        self.where: dict[int, tuple[int, int]] = {}  # id(block) → (numId, ilvl)
        for lst in self.lists:
            levels = [lvl for i, f in enumerate(lst.formats) if (lvl := level(f, i))]
            known = len(levels) == len(lst.formats)
            if not (known and all(self._matches(lst, levels, way) for way in _DROPPED)):
                self.unnumbered.update(_style(lst, ilvl) for _, ilvl in lst.entries)
                continue
            num_id = first_num + len(self.nums)
            shape = (lst.heading, lst.formats)
            self.nums.append((num_id, self.abstracts.setdefault(shape, len(self.abstracts))))
            for block, ilvl in lst.entries:
                self.where[id(block)] = (num_id, ilvl)
        # The list a new paragraph of a style joins; only styles whose paragraphs are all numbered
        # (a paragraph could leave its style's list with numId 0, but LibreOffice then drops its indent).
        self.style_num: dict[str, tuple[int, int]] = {}
        for lst in self.lists:
            for block, ilvl in lst.entries:
                if id(block) in self.where and _style(lst, ilvl) not in self.unnumbered:
                    self.style_num.setdefault(_style(lst, ilvl), self.where[id(block)])

    # -- planning ---------------------------------------------------------------------
    def _new(self, formats: tuple[NumberFormat | None, ...], heading: str | None = None) -> _List:
        self.lists.append(_List(formats, heading))
        return self.lists[-1]

    def _blocks(self, blocks: Iterable[Block], top: NumberFormat | None,
                section: NumberFormat | None = None, heading_style: str = HEADING_STYLE) -> None:
        subs = self.numbering.sub[: LEVELS - 1]
        templates = (top, *subs, *(None,) * (LEVELS - 1 - len(subs)))
        paras: _List | None = None
        headings: _List | None = None
        for b in map(self._unwrap, blocks):
            if isinstance(b, Para):
                paras = self._para(b, paras, templates)
            elif isinstance(b, Table):
                continue  # a table does not interrupt the numbering
            elif not isinstance(b, Heading):
                raise UnknownNode(b, "the DOCX writer's lists")
            elif b.label:
                headings = headings or self._new((section or self.numbering.section,), heading_style)
                headings.entries.append((b, 0))
            else:
                self.unnumbered.add(heading_style)  # an unnumbered heading ("Article 1")

    def _para(self, p: Para, lst: _List | None, templates: tuple[NumberFormat | None, ...]) -> _List | None:
        """Put a labelled paragraph and its sub-paragraphs in ``lst``; an unlabelled one's items in a list
        of their own."""
        inner = lst
        if p.label is None:
            inner = None
            if p.kind == "operative":
                self.unnumbered.add(list_style(p.level))
        else:
            lst = inner = lst or self._new(templates)
            lst.entries.append((p, min(p.level, LEVELS - 1)))
        for child in map(self._unwrap, p.children):
            if not isinstance(child, Para):
                raise UnknownNode(child, "the DOCX writer's lists")
            inner = self._para(child, inner, templates)
        if p.adopts:  # the adopted text numbers its own paragraphs, as an annex does
            self._blocks(p.adopts.blocks, self.numbering.annex_paragraph, self.numbering.annex_section,
                         ANNEX_HEADING_STYLE)
        return lst

    def _unwrap(self, b: Block) -> Para | Heading | Table:
        """A block without the diff's marks, which are kept aside for :meth:`_matches`."""
        if isinstance(b, ChangedBlock):
            self.marks[id(b.node)] = b
            return b.node
        return b

    def _matches(self, lst: _List, levels: list[Level], way: str) -> bool:
        """Word's numbers equal the model's labels in one version of the document."""
        marks = [(b, i, self.marks.get(id(b))) for b, i in lst.entries]
        kept = [(b, i, m) for b, i, m in marks if not (self.is_diff and m and m.change in _DROPPED[way])]
        want = [b.label if way == "accept" or not m else (m.old_label or b.label) for b, _, m in kept]
        return word_labels(levels, [i for _, i, _ in kept]) == want

    # -- writing -------------------------------------------------------------------------
    def number(self, p: CT_P, style: str, block: Block | None) -> bool:
        """Give a body paragraph its list where its style's differs; true if Word numbers it."""
        where = self.where.get(id(block)) if block is not None else None
        if where and where != self.style_num.get(style):
            ooxml.numbering_properties(p.get_or_add_pPr(), *where)
        return where is not None

    def write(self, styles: Any, specs: dict[str, dict[str, Any]]) -> None:
        """Abstract lists, list instances and the styles' own numbering; geometry from the styles."""
        first_abstract = 1 + max((int(a.get(qn("w:abstractNumId")))
                                  for a in self.root.iterfind(qn("w:abstractNum"))), default=-1)
        for (heading, formats), index in self.abstracts.items():
            levels = []
            for ilvl, fmt in enumerate(formats):
                spec = specs[heading or list_style(ilvl)]
                lvl = level(fmt, ilvl)
                assert lvl is not None  # only lists whose every level Word can number are written
                tab = next((pos for pos, _ in spec.get("tabs", ())), None)
                levels.append(ooxml.list_level(ilvl, lvl.fmt, lvl.text, spec.get("left", 0),
                                               spec.get("first", 0), tab, spec.get("own_line", False)))
            ooxml.add_abstract_list(self.root, first_abstract + index, levels)
        shapes = list(self.abstracts)
        for num_id, abstract in self.nums:
            ooxml.add_list_instance(self.root, num_id, first_abstract + abstract, len(shapes[abstract][1]))
        for style, (num_id, ilvl) in self.style_num.items():
            ooxml.numbering_properties(styles[style].element.get_or_add_pPr(), num_id, ilvl)
