"""The parts of an issued resolution, found in the blocks of :mod:`.reading`.

First the masthead, line by line (organ, distribution, symbol, date, session, agenda,
heading, provenance, number and title); then the body, paragraph by paragraph: lettered
parts, "The General Assembly,", preambular and numbered operative paragraphs,
sub-paragraphs (a) → (i) → a. → i., quoted blocks (Markdown "> " lines, or paragraphs opening
with a quotation mark after one ending "… as follows:", kept with that paragraph), tables
(Markdown pipe tables, or aligned columns as issued text prints them: a caption line, a header
row and rows whose last cell is a figure, cells set apart by two spaces or leader dots; or one
cell a line as a PDF's text layer prints them, an empty cell a blank line),
section headings, the plenary closing and annexes. What fits
nowhere is reported with its line number and left out (or joined to the paragraph
before, when it may be a continuation).

What is read goes straight into the source's own data, in the shape the loader takes
(``parts`` / ``annexes`` of ``{text, items, quote}``, ``{section}``, ``{heading}``, ``{table}``
entries), with the input line of every node: :meth:`Reader.source` hands it on as the typed
:class:`~pipeline.model.source.Source` whose places are the input's lines. Texts are still as
read (note calls ``[^#1]``, emphasis as typed); :mod:`.convert` makes them final.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from functools import reduce
from typing import Any

from pipeline.importer import drafts
from pipeline.importer.reading import ASTERISM, SYMBOL, SYMBOL_GAP, Block, Line, join_lines
from pipeline.importer.words import Words, western_digits
from pipeline.model import DECISION_KINDS
from pipeline.model.source import Pos, Source
from pipeline.transforms.words import letters, roman

_TITLE = re.compile(
    r"^(?:(?P<number>(?:ES|S)-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4}"
    r"|(?P<old>\d{1,4})(?P<letter> ?[A-Z])? ?\((?P<session>[IVXL]+|\d{1,2})\))"
    r"(?: ?[A-Z](?:-[A-Z])?)?\.(?:\s+(?P<title>.+))?"
    r"|(?P<spaced>\d{1,3} / \d{1,4})(?: -)?\s+(?P<after>\S.*))$"  # Arabic web pages: "52 / 102 <title>"
)
_NUMBERED = re.compile(r"^(\d{1,3})(?:\.|\s?[-–])\s+(.*)$")  # "1. ", Arabic "1 - "
_BARE_LABEL = re.compile(r"\d{1,3}\.|\d{1,3} -|\([a-z]{1,3}\)")  # "1." alone on its line (copied from a PDF)
_DOTTED = re.compile(r"^([a-z]{1,4})\.\s+(.*)$")  # third and fourth levels: "a.", "i."
_ROW = re.compile(r"^\|(.*)\|$")  # a Markdown table row
#: A line printed under a table, belonging to it: "Abbreviations: …", "Note: …", "Source: …", or a
#: note of the table's own ("a Includes …", "* Provisional.", "b/ …").
_TABLE_NOTE = re.compile(r"^(?:(?:Abbreviations?|Notes?|Sources?)\s*:|[a-z](?:/|\))?\s+[A-Z0-9]|[*†‡]+\s*\S)")
#: A table's note opening with its marker raised ("<sup>a</sup> Includes …", read as ``[^#a] Includes …``).
_MARKED_NOTE = re.compile(r"^\[\^#(?:[a-z]|\*{1,3})\]\s*\S")
_CALL = re.compile(r"\[\^#[^\]\s]+\]")  # a note call as read (``[^#a]``)
_CALL_LABEL = re.compile(r"\[\^#([^\]\s]+)\]")
RULE_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")  # the row under a Markdown table's header
_CELL_GAP = re.compile(r"\s*\.{3,}\s*|\s{2,}")  # between aligned columns: two spaces or more, or leader dots
_FIGURE = re.compile(r"[-–—]|\(?[-–+]?\d[\d.,\u00a0 ]*%?\)?")  # a cell of figures: 0.01, 1,234.5, (12.3), –
_YEAR = re.compile(r"(?:1[89]|2\d)\d\d(?:[-–](?:\d\d){1,2})?")
_OPENS_QUOTE = re.compile(r"^[“\"«„]")  # a quoted paragraph opens with a quotation mark
_ASKS_QUOTE = re.compile(r":(?:\[\^#[^\]]+\])*[*_]*$")  # "… to read as follows:" (a call may follow)
_SECTION = re.compile(r"^([IVXL]+)\.?(?:\s+(.+))?$")
_JOB = re.compile(r"^(\d{2}-\d{5})(?: \(\w\))?(?:\s+(\d{6}))?$")
_OLD_JOB = re.compile(r"^\d{2} \d{5}$")  # the job number as printed about 2000 ("00 55951", A/RES/55/2)
_QUOTE_PARAS = 6  # a quotation left open is closed within this many paragraphs, or is not one
_QUOTED = re.compile(r"[“\"«„][^“”\"«»„]+[”\"»“]")  # a line wholly in quotation marks
_EMPHASIS = re.compile(r"(\*\*|\*|_)(?!\s)([^*_]+)(?<!\s)\1")  # a line wholly in italics or bold (Markdown)
_ENDS = re.compile(r"[,;.:，；。：،؛](?:\[\^#[^\]]+\])*[*”’\"')\]»」]*$")


def _open_quotes(text: str) -> int:
    """Opening quotation marks less closing ones (“ ” and « »; a straight one tells neither)."""
    return sum(text.count(c) for c in "“«„") - sum(text.count(c) for c in "”»")


def _unemphasised(text: str) -> str:
    """A line without the emphasis marks around the whole of it ("*Global Crisis*" → "Global Crisis")."""
    emphasis = _EMPHASIS.fullmatch(text)
    return emphasis.group(2) if emphasis else text


def plain(text: str) -> str:
    """Text without emphasis marks and brackets, for matching generated words."""
    return " ".join(re.sub(r"(?<!\\)[*_]", "", text).strip("[] ").split())


Node = dict[str, Any]  # an entry of the source's data: a part, an annex, a paragraph, a table


_join = join_lines  # wrapped lines joined (reading.join_lines)


def _join_title(a: str, b: str) -> str:
    """A title's lines as the input breaks them (an issued PDF's text): a line break the source keeps
    (``title: |-``; the 2025 titles break by sense, by hand); a word broken at its hyphen joins."""
    joined = _join(a, b)
    return joined if joined == a + b else f"{a}\n{b}"


class Reader:
    """Reads the masthead, then the body; the state of the body is where the last line left it."""

    def __init__(self, words: Words):
        self.w = words
        self.data: Node = {"parts": [], "annexes": []}  # the source's data, as read
        self.at: dict[int | tuple[int, int], tuple[Any, int]] = {}  # node id (a quote: its para's, i) → line
        self.warnings: list[tuple[int, str]] = []
        self.stacked = False  # "Distr." / "GENERAL" or a heading in capitals: the 1998 style
        self.lettered = False
        self.untitled = False  # no "52/102. Title" line: a declaration's text without its heading
        self.title_line = 1
        self.number: str | None = None  # the title's resolution number
        self.heading_date: tuple[int, dt.date] | None = None  # "… on 1 November 2018" (line, date)
        self.names_read: set[str] = set()  # "United Nations", the organ: masthead lines read once
        self.symbol: str | None = None
        self.draft = False  # an L document's symbol was read: a draft (pipeline.importer.drafts)
        self.sponsor: tuple[int, drafts.SponsorLine | None] | None = None  # the sponsor line (line, as read)
        self.part = self._node(0, {"preamble": [], "operative": []}, self.data["parts"])
        self.enacted = False  # this part's "The General Assembly," was read
        self.printed = 0  # this part's last paragraph number as printed
        self.where = "before"  # before, title, preamble, operative, closed, annex-title, annex
        self.last: Node | None = None  # the paragraph that sub-paragraphs and continuations join
        self.section = 0  # sections so far in this part
        self.section_pending = False  # a bare "I" was read: its heading text comes next
        self.adopting: Node | None = None  # the paragraph "Adopts the following …:" whose text comes next
        self.outer: Node | None = None  # inside an adopted text: the resolution's part (self.part: the text)
        self.numbered_ids: set[int] = set()  # the adopted text's paragraphs that carried a number
        self.preamble_headings: dict[int, tuple[int, str]] = {}  # a heading among the preamble: its warning
        self.outer_count = (0, 0)  # the resolution's sections and last number, kept while in the text

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def _node(self, line: int, node: Node, into: list[Node] | None = None) -> Node:
        """``node``, placed at input ``line`` (and appended to ``into``)."""
        self.at[id(node)] = (node, line)
        if into is not None:
            into.append(node)
        return node

    def _paras(self) -> list[Node]:
        """The current part's operative paragraphs, or the current annex's paragraphs."""
        return self.part["operative"] if "operative" in self.part else self.part["paragraphs"]

    def source(self, name: str, text: str) -> Source:
        """What was read as the typed source: its data, every node placed at its input line."""
        starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def pos(line: int) -> Pos:
            start = starts[line - 1] if 0 < line <= len(starts) else 0
            end = text.find("\n", start)
            return Pos(line, 1, start, len(text) if end < 0 else end)

        places = {("title",): pos(self.title_line)}

        def walk(value: Any, path: tuple[Any, ...]) -> None:
            if id(value) in self.at:
                places[path] = pos(self.at[id(value)][1])
            if isinstance(value, dict):
                for i, _ in enumerate(value.get("quote") or ()):
                    places[path + ("quote", i)] = pos(self.at[id(value), i][1])
                for key, v in value.items():
                    walk(v, path + (key,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, path + (i,))

        walk(self.data, ())
        return Source(name, text, self.data, places)

    # -- masthead -------------------------------------------------------------
    def masthead(self, blocks: list[Block]) -> list[Line]:
        """Read masthead lines; return the remaining lines, starting after the title."""
        starts = {b.lines[0].no for b in blocks}
        lines = self._side_by_side([line for b in blocks for line in b.lines])
        f, w = self.data, self.w
        i, unknown = 0, list[Line]()
        while i < len(lines):
            line, text = lines[i], plain(lines[i].text)
            nxt = plain(lines[i + 1].text) if i + 1 < len(lines) else ""
            i += 1
            if w.fixed("enacting", text):
                return self._untitled(unknown) + lines[i - 1 :]
            if line.no in starts and self.sponsor is None and not self._masthead_line(line.text):
                rest = self._sponsor_block(lines, i, starts, unknown)
                if rest is not None:
                    return rest
            if nxt and lines[i].no not in starts and self._two_lines(text, nxt):
                text, i = f"{text} {nxt}", i + 1  # "UNITED" / "NATIONS", "Distr." / "GENERAL" ...
            if self._read_only(text, nxt):
                continue
            dist = w.distribution(text)
            heading = w.heading(text)
            if dist:
                f["distribution"], stacked = dist
                self.stacked |= stacked
            elif SYMBOL.match(text) and "symbol" not in f:
                f["symbol"] = self.symbol = text
                self.draft = drafts.is_draft_symbol(text)
            elif self.draft and drafts.committee(text, w.cat):
                f["committee"] = drafts.committee(text, w.cat)
            elif w.date(text) and "issued" not in f:
                f["issued"] = w.date(text)
            elif w.session(text):
                f["session"] = w.session(text)
            elif w.agenda(text):
                f["agenda"] = w.agenda(text)
                i = self._agenda_title(lines, i, starts)
            elif w.is_original(text):
                f["original"] = w.original(text)
            elif _JOB.match(text):
                self._job(text)
            elif _OLD_JOB.match(text):
                self.warn(line.no, f"job number '{text}' (as printed about 2000) is not kept: job_number: "
                                   "takes the form 18-18418")
            elif heading:
                self.stacked |= heading[0]
                if heading[1]:
                    self.heading_date = (line.no, heading[1])
            elif lines[i - 1].text.lstrip("*_").startswith("["):
                raw = lines[i - 1].text.rstrip("*_ ")
                while not raw.endswith("]") and i < len(lines) and lines[i].no not in starts:
                    raw, text, i = lines[i].text.rstrip("*_ "), f"{text} {plain(lines[i].text)}", i + 1
                self._provenance(line.no, plain(text))
            elif self._title(text):
                self._left_out(unknown)
                return self._read_title(lines, i, starts)
            elif not w.is_furniture(text, self.symbol):
                unknown.append(line)
        self._left_out(unknown)
        return []

    def _read_only(self, text: str, nxt: str) -> bool:
        """A masthead line read and kept nowhere: "United Nations", the organ, the organ's letter
        that the 1998 masthead sets large beside it ("A", the symbol's series: unres's 1998 DOCX
        header), and a translation's own language above its "Original:" line ("Français" /
        "Original : anglais", A/53/250). A name read is remembered (``_name_again``)."""
        w = self.w
        if w.is_name(text):
            self.names_read.add(text.casefold())
            return True
        return text.casefold() == "a" or (w.is_own_language(text) and w.is_original(nxt))

    def _sponsor_block(
        self, lines: list[Line], i: int, starts: set[int], unknown: list[Line]
    ) -> list[Line] | None:
        """A draft's sponsor line, the block that starts at line ``i - 1``: read, with the title
        after it (the lines after the title returned); None when the block is not one."""
        end = next((j for j in range(i, len(lines)) if lines[j].no in starts), len(lines))
        raw = " ".join(x.text for x in lines[i - 1 : end])
        found = drafts.sponsor_line(raw, self.w.cat)
        if not (self.draft or (found and found.kind and not found.alone)):
            return None  # (a kind's words alone are a sponsor line only under an L symbol)
        self._left_out(unknown)
        self._sponsor_line(lines[i - 1].no, raw, found)
        return self._draft_title(lines, end, starts)

    def _left_out(self, unknown: list[Line]) -> None:
        for line in unknown:
            self.warn(line.no, f"not part of a resolution's masthead; left out: {_quote(plain(line.text))}")

    def _title(self, text: str) -> re.Match[str] | None:
        """A title line: "52/102. Title", "2758 (XXVI). Title", also after the catalogue's
        prefix ("Résolution 2758 (XXVI). …") and in Chinese numerals ("二七五八 (二十六). …")."""
        t = western_digits(text)
        for prefix in self.w.also("title_prefix"):
            if t.casefold().startswith(f"{prefix.casefold()} ") and _TITLE.match(t[len(prefix) + 1 :]):
                return _TITLE.match(t[len(prefix) + 1 :])
        return _TITLE.match(t)

    def _read_title(self, lines: list[Line], i: int, starts: set[int]) -> list[Line]:
        """The number and title (the title may run over the next lines); the lines after it."""
        line = lines[i - 1]
        m = self._title(plain(line.text))
        assert m is not None
        head, _, title = line.text.strip("*").partition(".")
        if m.group("spaced"):
            head, title = m.group("spaced"), m.group("after")
        title = title.strip()
        if not western_digits(plain(head)).startswith((m.group("number") or m.group("spaced"))[:1]):
            self.warn(line.no, f"'{plain(head).split()[0]}' before the resolution number is not printed "
                               "(unres prints the number from the symbol)")
        if not title and i < len(lines):  # the number on a line of its own
            title, i = lines[i].text.strip("*"), i + 1
        while i < len(lines) and lines[i].no not in starts and not self._stops_title(lines[i].text):
            title, i = _join_title(title, lines[i].text.strip("*")), i + 1
        number = m.group("number") or m.group("spaced").replace(" ", "")
        if m.group("old"):  # "2758 (XXVI)", "217 A (III)"; a session in digits becomes Roman
            session = m.group("session")
            letter = f" {m.group('letter').strip()}" if m.group("letter") else ""
            number = f"{m.group('old')}{letter} ({roman(int(session)) if session.isdigit() else session})"
        self.number, self.data["title"], self.title_line = number, title, line.no
        return lines[i:]

    def _untitled(self, unknown: list[Line]) -> list[Line]:
        """No numbered title line before the enacting formula (a declaration's text without its
        resolution heading): the first line of its own is taken as the title and the lines
        after it are kept for the body (as preambular paragraphs), never dropped."""
        if "title" in self.data:
            return []
        comment = [x for x in unknown if x.no == 1 and x.text.startswith("source:")]  # corpus header
        self._left_out(comment)
        kept = [x for x in unknown if x not in comment]
        if not kept:
            return []
        first = kept[0]
        self.data["title"] = first.text.strip("*")
        self.title_line, self.untitled = first.no, True
        self.warn(first.no, "no numbered title line ('52/102. Title'): this line is taken as the title")
        return kept[1:]

    def _agenda_title(self, lines: list[Line], i: int, starts: set[int]) -> int:
        """The agenda item's title, on the lines after it (modern resolutions); the next line's
        index. In a draft it ends with its block (the sponsor line follows: ``starts``)."""
        named: list[str] = []
        groups: list[list[str]] = []  # the title's lines by block (a blank line between two items' titles)
        while i < len(lines) and (
            not self._masthead_line(lines[i].text) or self._name_again(named, lines[i].text)
        ):
            if self.draft and lines[i].no in starts and (named or self._sponsors_at(lines, i, starts)):
                break  # a draft's agenda item without its title: the sponsor line follows it
            named.append(lines[i].text.strip("*").strip())
            if not groups or lines[i].no in starts:
                groups.append([])
            groups[-1].append(named[-1])
            i += 1
        agenda = self.data.get("agenda")
        if isinstance(agenda, list) and len(named) == len(agenda) > 1:
            # several items, a title on each line (A/RES/80/108): each item's title, as issued
            self.data["agenda_title"] = named
        elif isinstance(agenda, list) and len(groups) == len(agenda) > 1:
            # several items, each title a block of its own over several lines (a PDF read by where
            # its lines stand: LibreOffice's of A/RES/80/108)
            self.data["agenda_title"] = [reduce(_join_title, group) for group in groups]
        elif named:
            # its lines as the input breaks them, as a title's (A/RES/80/19 and 80/20 break
            # "Prevention of an arms race in outer space:" / "prevention of …" by hand)
            self.data["agenda_title"] = reduce(_join_title, named)
        return i

    def _name_again(self, named: list[str], raw: str) -> bool:
        """Whether a line that names the Organization or the organ is the agenda item's title running
        on ("Observer status for the Global Dryland Alliance in the" / "General Assembly", A/RES/75/150):
        the masthead printed that name above, and prints it once."""
        text = plain(raw).casefold()
        return bool(named) and self.w.is_name(text) and text in self.names_read

    def _sponsors_at(self, lines: list[Line], i: int, starts: set[int]) -> bool:
        """Whether the block at line ``i`` is a sponsor line of a kind the catalogue knows."""
        end = next((j for j in range(i + 1, len(lines)) if lines[j].no in starts), len(lines))
        found = drafts.sponsor_line(" ".join(x.text for x in lines[i:end]), self.w.cat)
        return bool(found and found.kind)

    def _side_by_side(self, lines: list[Line]) -> list[Line]:
        """Masthead lines that a PDF's copy prints side by side on one line (``pdftotext -raw``:
        "United Nations A/RES/68/262", "General Assembly Distr.: General", "*1345517* Please
        recycle"; ``-layout``: "General Assembly      1 April 2014"), split into the lines they
        are, up to the enacting formula; a symbol broken after a slash ("A/RES/ES-11/ 4") joined."""
        out: list[Line] = []
        for k, line in enumerate(lines):
            if self.w.fixed("enacting", plain(line.text)):
                return out + lines[k:]
            text = SYMBOL_GAP.sub(r"\1\2", line.text.strip())
            # furniture side by side is split too, so that a job number among it is read
            # ("25-16680 (E)    281025  Please recycle", a DOCX's first footer, its tab a gap)
            furniture = self.w.is_furniture(text, self.symbol) and not _JOB.match(text)
            parts = self._items(text) if furniture or not self._masthead_line(text) else None
            out.extend(Line(line.no, SYMBOL_GAP.sub(r"\1\2", part)) for part in parts or [text])
        return out

    def _items(self, text: str) -> list[str] | None:
        """``text`` as two or more masthead items side by side (each a symbol, the distribution, a
        date, the organ, "United Nations" or page furniture), or None."""
        w = self.w

        def item(part: str) -> bool:
            t = SYMBOL_GAP.sub(r"\1\2", plain(part))
            return bool(
                SYMBOL.match(t) or w.distribution(t) or w.date(t)
                or w.is_furniture(t, self.symbol, alone=True) or _JOB.match(t) or w.is_name(t)
            )  # fmt: skip

        gaps = [p for p in re.split(r"\s{2,}", text) if p.strip()]
        if len(gaps) > 1:  # columns a run of spaces apart (pdftotext -layout; a tab): the longest
            parts, k = [], 0  # runs that make an item ("25-16680 (E)    281025", the job and its date)
            while k < len(gaps):
                end = next((e for e in range(len(gaps), k, -1) if item(" ".join(gaps[k:e]))), None)
                split = [" ".join(gaps[k:end])] if end else self._items(gaps[k])
                if not split:
                    return None
                parts += split
                k = end or k + 1
            return parts
        words = text.split(" ")
        for k in range(len(words) - 1, 0, -1):  # the longest item first ("25-16680 (E) 281025": job, date)
            left, right = " ".join(words[:k]), " ".join(words[k:])
            if item(left):
                rest = [right] if item(right) else self._items(right)
                if rest:
                    return [left, *rest]
        return None

    def _masthead_line(self, raw: str) -> bool:
        """Whether a line is one of the masthead's own (not the agenda item's title running on)."""
        w, text = self.w, plain(raw)
        return bool(
            w.fixed("enacting", text) or w.heading(text) or raw.lstrip("*_").startswith("[")
            or self._title(text) or w.distribution(text) or SYMBOL.match(text) or w.date(text)
            or w.session(text) or w.agenda(text) or w.is_original(text) or w.is_own_language(text)
            or _JOB.match(text) or _OLD_JOB.match(text)
            or w.is_furniture(text, self.symbol) or (self.draft and drafts.committee(text, w.cat))
            or w.is_name(text)
            or (w.heading(text.split(" on ")[0]) is not None and " on " in text)
            or self._heading_before_date(text)
        )  # fmt: skip

    def _heading_before_date(self, text: str) -> bool:
        """The dated heading broken before its date ("Resolution adopted by the General Assembly
        on" / "19 December 2023", A/RES/78/200): the line is the heading but for its date."""
        dated = self.w.heading(f"{text} {self.w.cat.date(dt.date(2000, 12, 31))}")
        return bool(dated and dated[1])

    def _two_lines(self, text: str, nxt: str) -> bool:
        """Whether a masthead entry runs over two lines (and the first alone is not one)."""
        w, both = self.w, f"{text} {nxt}"
        dated = w.heading(both)
        if dated and dated[1]:  # "Resolution adopted by the General Assembly" / "on 1 November 2018"
            return True
        return not (w.heading(text) or w.distribution(text)) and bool(
            w.heading(both)
            or w.distribution(both)
            or both.casefold() == w.cat.word("united_nations").casefold()
            or (self.draft and drafts.committee(both, w.cat) and not drafts.committee(text, w.cat))
            # "ORIGINAL:" / "ENGLISH" (A/RES/46/221, 1991): the line names its language on the next
            or (w.is_original(text) and w.original(text) is True and isinstance(w.original(both), str))
        )

    def _stops_title(self, text: str) -> bool:
        t = plain(text)
        return self.w.fixed("enacting", t) or bool(re.fullmatch(r"[A-Z]", t))

    def _provenance(self, line: int, text: str) -> None:
        found = self.w.provenance(text)
        if not found:
            self.warn(line, f"bracketed line is not a committee or plenary line; left out: {_quote(text)}")
            return
        committee, report = found
        if committee:
            self.data["committee"] = committee
        self.data["report"] = report

    def _sponsor_line(self, no: int, raw: str, found: drafts.SponsorLine | None) -> None:
        """A draft's sponsor line: ``kind`` (the symbol's, which the loader checks; a sponsor line
        naming the other is reported) and ``sponsors`` (or ``submitted_by``); what cannot be read
        is reported at its line."""
        f = self.data
        self.sponsor = (no, found)
        decision = bool(found and found.kind in DECISION_KINDS)
        symbol_kind = drafts.kind_of_symbol(self.symbol, decision) if self.draft and self.symbol else None
        if found is None:
            expected = f"<sponsor>, … and <sponsor>: {self.w.cat.word('kinds.draft')}"
            self.warn(no, f"sponsor line not read: {_quote(' '.join(raw.split()))}; expected '{expected}' "
                          "(sponsors: left to fill in)")
            f["kind"], f["sponsors"] = symbol_kind or "draft", ["[sponsor]"]
            return
        for problem in found.problems:
            self.warn(no, f"sponsor line: {problem}")
        if found.kind is None or found.amends:
            return  # not a draft resolution or decision: refused by convert
        if symbol_kind and found.kind != symbol_kind:
            self.warn(no, f"the sponsor line says '{found.what}' but the symbol {self.symbol} is a "
                          f"{symbol_kind.replace('-', ' ')}'s: kind {symbol_kind} kept (from the symbol)")
        f["kind"] = symbol_kind or found.kind
        if found.submitted_by:
            f["submitted_by"] = found.submitted_by
        elif found.alone:
            f["sponsors"] = []  # "Draft resolution": the line names no one (A/C.6/80/L.15)
        else:
            f["sponsors"] = found.sponsors or ["[sponsor]"]

    def _draft_title(self, lines: list[Line], i: int, starts: set[int]) -> list[Line]:
        """A draft's title, unnumbered, on the block after the sponsor line; the lines after it.
        Its lines are joined: an issued draft breaks its title where its column ends ("… through
        sport and the" / "Olympic ideal", A/80/L.10; "… as a Zone" / "of Peace", A/C.1/80/L.10),
        a column wider than unres' (docs/cycle.md), where a kept break left a word alone."""
        if i >= len(lines) or self.w.fixed("enacting", plain(lines[i].text)):
            self.warn(lines[i].no if i < len(lines) else 1, "no title after the sponsor line")
            return lines[i:]
        title, self.title_line, i = lines[i].text.strip("*").strip(), lines[i].no, i + 1
        while i < len(lines) and lines[i].no not in starts and not self._stops_title(lines[i].text):
            title, i = _join(title, lines[i].text.strip("*").strip()), i + 1
        self.data["title"] = title
        return lines[i:]

    def _job(self, text: str) -> None:
        """Keep the job number ("18-18418 (E)") and the processing date after it ("071118")."""
        f, m = self.data, _JOB.match(text)
        if m and "job_number" not in f:
            f["job_number"] = m.group(1)
        digits = m.group(2) if m else text if re.fullmatch(r"\d{6}", text) else None
        if digits and "job_number" in f and "job_date" not in f:
            with contextlib.suppress(ValueError):  # not a date: page furniture all the same
                f["job_date"] = dt.datetime.strptime(digits, "%d%m%y").date()

    # -- body -------------------------------------------------------------------
    def body(self, lines: list[Line], starts: set[int], breaks: set[int]) -> None:
        """Read paragraphs; ``starts`` are the first lines of blocks, ``breaks`` after page breaks."""
        self._node(lines[0].no if lines else 0, self.part)
        closing_date_wanted = zone = False
        units = self._units(lines, starts, breaks)
        texts = [reduce(_join, (x.text for x in unit[1:]), unit[0].text) for unit in units]
        for k, unit in enumerate(units):
            no, text = unit[0].no, texts[k]
            p = plain(text)
            zone = zone or no in breaks  # after a page break, until the first paragraph text
            if ASTERISM.fullmatch(text.strip()):
                self._separator(no)
                continue
            if self._furniture(p, zone):
                continue
            if _ROW.match(unit[0].text) and self.where in ("operative", "annex", "annex-title"):
                self._table(no, unit)
                continue
            if self.where in ("operative", "annex", "annex-title") and self._more_rows(unit, zone):
                zone = False
                continue
            aligned = _aligned([x.text for x in unit]) or _stacked(unit)
            if aligned and self.where in ("operative", "annex", "annex-title"):
                self._aligned_table(no, aligned)
                continue
            if not aligned and _looks_stacked([x.text for x in unit]):
                self.warn(no, "lines of one cell each (a table?) that do not read as a header and rows; "
                              "kept as text")
            if aligned:
                self.warn(no, "aligned columns (a table?) where no table can stand; kept as a paragraph")
            if self.last is not None and self._quoted(unit[0].quoted, p, texts[k + 1 : k + _QUOTE_PARAS]):
                quoted = self._deepest(self.last)
                quoted.setdefault("quote", []).append(text)
                self.at[id(quoted), len(quoted["quote"]) - 1] = (quoted, no)
                continue
            if closing_date_wanted and self.w.date(p):
                self.part["adopted"]["date"] = self.w.date(p)
                closing_date_wanted = False
                continue
            closing_date_wanted = False
            if zone and self._continues(text):
                self._append(no, text)
            elif self.w.fixed("enacting", p) and self.where not in ("annex", "annex-title"):
                self._enacting(no, text)
            elif self.w.plenary(p):
                self._end_adopted()
                closing_date_wanted = self._closing(no, *self.w.plenary(p))  # type: ignore[misc]
            elif self.w.annex(p):
                self._end_adopted()
                self.part = self._node(no, {"paragraphs": []}, self.data["annexes"])
                self.where, self.last, self.section, self.printed = "annex-title", None, 0, 0
            elif re.fullmatch(r"[A-Z]", p) and self._letter_expected(p):
                self._new_part(no)
            elif self._table_note(text, p):
                pass
            else:
                self._paragraph(no, text, p)
            zone = False
        self._end_adopted()

    def _quoted(self, marked: bool, p: str, after: list[str]) -> bool:
        """Whether a paragraph is part of the quoted block of the paragraph before: a Markdown
        "> " line, or one opening with a quotation mark after "… as follows:" or another such, or
        one inside a quotation left open, that it or one of the paragraphs after it (``after``)
        closes (a quotation of several paragraphs marked at its two ends only, as a PDF's text
        gives a Markdown quoted block: "“Rule 160" / "The Committee on Contributions … Members.”",
        A/RES/99/13)."""
        assert self.last is not None
        target = self._deepest(self.last)
        quote = target.get("quote") or []
        if marked or (_OPENS_QUOTE.match(p) and (quote or _ASKS_QUOTE.search(target["text"]))):
            return True
        left = sum(map(_open_quotes, quote))
        if left <= 0:
            return False
        for text in [p, *after]:
            left += _open_quotes(plain(text))
            if left <= 0:
                return True
        return False

    def _furniture(self, p: str, zone: bool) -> bool:
        """Page furniture: headers and footers (a job number is kept), the running title after a break."""
        if not self.w.is_furniture(p, self.symbol):
            title = " ".join(plain(self.data.get("title", "")).split())
            # a running title of three words or more, or the whole title however short ("Nuclear
            # disarmament", A/RES/80/24)
            return zone and (len(p.split()) >= 3 or p == title) and p in title
        self._job(p)
        return True

    def _units(self, lines: list[Line], starts: set[int], breaks: set[int]) -> list[list[Line]]:
        """Group lines into paragraphs: a block, split where a paragraph visibly starts. A
        table is one unit: aligned columns in a block, or one cell a line over the blocks its
        empty cells' blank lines make, up to a page break (:func:`_stacked_table`); its rows
        at the next page's top, after the page's foot and head, another (:func:`_continued`;
        :meth:`_more_rows` adds them to it)."""
        units: list[list[Line]] = []
        table_until, width = -1, 0  # a table one cell a line: where it ends, its width
        for i, line in enumerate(lines):
            if i < table_until:
                units[-1].append(line)
                continue
            if line.no in starts:
                end, found = self._table_end(lines, i, starts, breaks)
                turned = any(x.no in breaks for x in lines[table_until : i + 1])  # a page break since
                if not end and width and turned and i - table_until <= _PAGE_TURN:
                    end, found = _continued(lines, i, width, starts, breaks), width
                if end:
                    units.append([line])
                    table_until, width = end, found
                    continue
            p = plain(line.text)
            prev = plain(units[-1][-1].text) if units else ""
            if units and len(units[-1]) == 1 and _BARE_LABEL.fullmatch(prev):
                units[-1].append(line)  # "1." on its own line: its paragraph follows
            elif not units or line.no in starts or self._starts_unit(p, prev):
                units.append([line])
            else:
                units[-1].append(line)
        return units

    @staticmethod
    def _table_end(lines: list[Line], i: int, starts: set[int], breaks: set[int]) -> tuple[int, int]:
        """Where a table that starts at the block of ``lines[i]`` ends (0: none there), and its
        width when printed one cell a line (0 for aligned columns): the block's end for aligned
        columns; for one cell a line, the end of the block its last row ends, before the next
        page break."""
        end = next((j for j in range(i + 1, len(lines)) if lines[j].no in starts), len(lines))
        if _aligned([x.text for x in lines[i:end]]):
            return end, 0
        stop = next((j for j in range(i + 1, len(lines)) if lines[j].no in breaks), len(lines))
        read = _stacked_table(lines[i:stop])
        if not read or (i + read[1] < len(lines) and lines[i + read[1]].no not in starts):
            return 0, 0
        return i + read[1], len(read[0]["header"])

    def _starts_unit(self, p: str, prev: str) -> bool:
        """Whether a line starts a paragraph although no blank line came before it.

        Labels and lines of their own do; so does a catalogue opening phrase after a line
        that ends a paragraph (text copied from a PDF has no blank lines).
        """
        return bool(
            _NUMBERED.match(p) or self.w.item(p) or _BARE_LABEL.fullmatch(p)
            or bool(_ROW.match(p)) != bool(_ROW.match(prev))
            or (_DOTTED.match(p) and prev.endswith((";", ":")))
            or self._line_of_its_own(p) or self._line_of_its_own(prev)
            or (_ENDS.search(prev) and self.w.opens(p))
        )  # fmt: skip

    def _line_of_its_own(self, p: str) -> bool:
        """Lines that are never part of a paragraph: plenary line, formula, part letter, section, annex."""
        w = self.w
        return bool(w.plenary(p) or w.fixed("enacting", p) or w.annex(p) or re.fullmatch(r"[A-Z]|[IVXL]+", p))

    def _continues(self, text: str) -> bool:
        """A paragraph that resumes after a page break (or notes) belongs to the one before."""
        if self.last is None:
            return False
        p = plain(text)
        if _NUMBERED.match(p) or self.w.item(p) or self._line_of_its_own(p):
            return False
        return p[:1].islower() or not _ENDS.search(self._deepest(self.last)["text"])

    @staticmethod
    def _deepest(para: Node) -> Node:
        while para.get("items"):
            para = para["items"][-1]
        return para

    def _append(self, no: int, text: str, stray: bool = False) -> None:
        assert self.last is not None
        target = self._deepest(self.last)
        if stray:
            self.warn(no, f"unnumbered text after paragraph; joined to the paragraph before: {_quote(text)}")
        target["text"] = _join(target["text"], text)

    def _enacting(self, no: int, text: str) -> None:
        if self.untitled and self.part["preamble"] and not self.enacted:
            self.warn(no, "the enacting formula follows paragraphs; it is printed first and this line is "
                          "kept as a preambular paragraph")
            self._node(no, {"text": text}, self.part["preamble"])
            self.enacted, self.where, self.last = True, "preamble", None
            return
        if self.where == "closed" or (self.enacted and (self.part["preamble"] or self.part["operative"])):
            self.warn(no, "a second 'The General Assembly' without a part letter (A, B ...) before it")
            self._new_part(no, lettered=False)
        self.enacted, self.where, self.last = True, "preamble", None

    def _letter_expected(self, letter: str) -> bool:
        count = len(self.data["parts"]) if self.lettered else 0
        return self.where in ("before", "closed") and letter == chr(65 + count)

    def _new_part(self, no: int, lettered: bool = True) -> None:
        if lettered and not self.lettered:
            self.lettered = True
            self._node(no, self.part)
            self.where = "title"
            return
        self.part = self._node(no, {"preamble": [], "operative": []}, self.data["parts"])
        self.enacted, self.printed = False, 0
        self.where, self.last, self.section = ("title" if lettered else "preamble"), None, 0

    def _closing(self, no: int, meeting: int, date: dt.date | None, resumed: bool = False) -> bool:
        if self.where in ("annex", "annex-title"):
            self.warn(no, "plenary line inside an annex; left out")
            return False
        self._finish_part()
        adopted = {"meeting": meeting, "date": date} | ({"resumed": True} if resumed else {})
        self.part["adopted"] = self._node(no, adopted)
        self.where, self.last = "closed", None
        return date is None

    def _finish_part(self) -> None:
        """A single operative paragraph is printed unnumbered: the last preambular one ending with '.'."""
        preamble, operative = self.part["preamble"], self.part["operative"]
        if (
            not operative
            and preamble
            and re.search(r"[.;。؛](?:\[\^#[^\]]+\])*[”’\"'»]*$", preamble[-1].get("text", ""))
        ):
            operative.append(preamble.pop())

    def _paragraph(self, no: int, text: str, p: str) -> None:
        if self.where == "adopted-title":
            self.where = "operative"
            if not _NUMBERED.match(p) and self._heading_like(p):  # the adopted text's title
                self._begin_adopted(no, text.strip("*").strip())
                return
        where = self.where
        if where == "title":
            self.part["title"], self.where = text.strip("*"), "before"
            return
        if where == "annex-title":
            self.where = "annex"
            if not _ENDS.search(text) and not _NUMBERED.match(p):
                self.part["title"] = text.strip("*")
                return
            where = "annex"
        numbered, item, section = _NUMBERED.match(text), self.w.item(p), _SECTION.fullmatch(p)
        if section and where in ("operative", "preamble", "annex") and self._section(no, section):
            return
        if self.section_pending and not (numbered or item):
            self._node(no, {"section": text.strip("*")}, self._paras())
            self.section_pending = False
            return
        if self.section_pending:
            self.warn(no, f"section {roman(self.section)} has no heading")
            self.section_pending = False
        if where == "before" and self.untitled and not self.enacted:
            self.warn(no, f"text before the enacting formula; kept as a preambular paragraph: {_quote(p)}")
            self.last = self._node(no, {"text": text}, self.part["preamble"])
        elif where in ("before", "closed"):
            self.warn(no, f"text outside the resolution's paragraphs; left out: {_quote(p)}")
        elif item and self.last is not None:
            self._item(no, item, text[text.index(")") + 1 :].strip())
        elif (dotted := _DOTTED.match(p)) and self._dotted(no, dotted.group(1), text):
            pass
        elif numbered:
            self._numbered(no, int(numbered.group(1)), numbered.group(2))
        elif where == "operative" and self._unstopped(p):
            self._numbered(no, self.printed + 1, text.split(None, 1)[1])
        elif self.untitled and where in ("preamble", "operative") and self._heading_like(p):
            self._node(no, {"heading": text.strip("*").strip()}, self.part["operative"])  # "Article 1"
            self.where, self.last = "operative", None
        elif self.untitled and where == "operative":
            self.last = self._node(no, {"text": text}, self.part["operative"])
        elif where in ("preamble", "operative") and not self.outer and self.w.adopts(p):
            self.last = self._node(no, {"text": text}, self.part["operative"])
            self.adopting, self.where = self.last, "adopted-title"
        elif where == "preamble" and self._preamble_heading(p):
            self._kept_heading(no, text, p)
        elif where == "preamble":
            self.last = self._node(no, {"text": text}, self.part["preamble"])
        elif where == "annex" and self._subtitle(p, text):
            self.part["subtitle"] = _unemphasised(text.strip())  # the style prints it bold
        elif where == "annex" and self._heading_like(p):
            self._node(no, {"heading": text.strip("*").strip()}, self._paras())
            self.last = None
        elif where == "annex":
            self.last = self._node(no, {"text": text}, self._paras())
        else:
            self._unnumbered(no, text, p, where)

    def _unstopped(self, p: str) -> bool:
        """The next paragraph's number printed without its full stop ("26" / "Condemns without
        reservation …", A/RES/79/160): the number due, then a capital (not a date's day and month),
        after a paragraph that ended."""
        m = re.match(r"(\d{1,3})\s+(\S+)", p)
        if not (m and self.printed and int(m.group(1)) == self.printed + 1 and m.group(2)[:1].isupper()):
            return False
        month = re.match(self.w.date_rx, f"{m.group(1)} {m.group(2)} 2000", re.IGNORECASE)
        return self.last is not None and not month and bool(_ENDS.search(self._deepest(self.last)["text"]))

    def _unnumbered(self, no: int, text: str, p: str, where: str) -> None:
        """Unnumbered text in the operative part: a section's own preamble, a heading among the
        paragraphs, the rest of the paragraph before, or (after a table) a paragraph of its own."""
        ops = self.part["operative"]
        if where == "operative" and self._section_preamble(p):
            self.last = self._node(no, {"text": text, "numbered": False}, ops)
        elif where == "operative" and self._sub_heading(p):
            self._node(no, {"heading": text.strip("*").strip()}, ops)
            self.last = None
        elif self.last is not None:
            self._append(no, text, stray=not p[:1].islower())
        elif where == "operative":
            self.warn(no, "unnumbered text among the operative paragraphs; kept as an unnumbered "
                          f"paragraph: {_quote(p)}")
            self.last = self._node(no, {"text": text, "numbered": False}, ops)
        else:
            self.warn(no, f"text that fits no part; left out: {_quote(p)}")

    def _kept_heading(self, no: int, text: str, p: str) -> None:
        """A heading among the preambular paragraphs, kept as one with a warning (withdrawn if
        paragraph 1 follows it: then it is the operative part's first heading, :meth:`_lead_in`)."""
        self.warn(no, "a heading among the preambular paragraphs; kept as a preambular paragraph (the "
                      f"source format has headings only in the operative part and annexes): {_quote(p)}")
        self.last = self._node(no, {"text": text}, self.part["preamble"])
        self.preamble_headings[id(self.last)] = self.warnings[-1]

    def _preamble_heading(self, p: str) -> bool:
        """A heading among the preambular paragraphs: a short line without closing punctuation
        after a complete preambular paragraph ("Countries in special situations", A/RES/80/131)."""
        pre = self.part["preamble"]
        return bool(pre) and self._heading_like(p) and bool(_ENDS.search(pre[-1].get("text", "")))

    def _separator(self, no: int) -> None:
        """A line of spaced asterisks between paragraphs ("* * *" after the paragraphs under the
        preamble's heading, A/RES/80/131): printed text the source format has no place for; kept
        as a paragraph of its own (escaped: the stars are not emphasis), with a warning."""
        if self.where == "annex-title":
            self.where = "annex"
        node: Node
        into: list[Node]
        if self.where == "preamble":
            node, into = {"text": r"\* \* \*"}, self.part["preamble"]
        elif self.where == "operative":
            node, into = {"text": r"\* \* \*", "numbered": False}, self.part["operative"]
        elif self.where == "annex":
            node, into = {"text": r"\* \* \*"}, self._paras()
        else:
            self.warn(no, "a separator line '* * *' outside the resolution's paragraphs; left out")
            return
        self.warn(no, "a separator line '* * *'; kept as a paragraph of its own (the source format has no "
                      "separator line: printed as a paragraph, not centred)")
        self._node(no, node, into)
        self.last = None

    def _subtitle(self, p: str, text: str) -> bool:
        """The line right after an adopted text's title that is wholly in quotation marks or wholly
        emphasised, without closing punctuation: its subtitle ("Declaration of Commitment on
        HIV/AIDS" / "“Global Crisis – Global Action”", A/RES/S-26/2). A plain short line there
        ("Preamble", A/RES/70/1) stays a heading."""
        if self.outer is None or self.part["paragraphs"] or "subtitle" in self.part:
            return False
        framed = _QUOTED.fullmatch(p) or _EMPHASIS.fullmatch(text.strip())
        return bool(framed) and len(p.split()) <= 20 and not _ENDS.search(p.strip("“”\"«»„ "))

    def _section_preamble(self, p: str) -> bool:
        """Unnumbered text right after a section heading, or after another such paragraph: the
        section's own preamble ("Recalling …" under "II", A/RES/80/243), kept unnumbered."""
        ops = self.part["operative"]
        if not self.section or not ops or p[:1].islower():
            return False
        return "section" in ops[-1] or ops[-1].get("numbered") is False

    def _sub_heading(self, p: str) -> bool:
        """A heading among numbered operative paragraphs: a short line without closing
        punctuation after a paragraph that is complete (ends ";", "." or ":"), so not the rest
        of it after a page break ("Office of the Special Envoy … for Syria" between paragraphs
        7 and 8 of section XVII of A/RES/80/243). Here a heading may run to 24 words: the
        peacekeeping budgets' "Financing of the budget estimates for the period from 1 July 2025 to
        30 June 2026" (16, A/RES/79/300) between paragraphs that each end a sentence."""
        ops = self.part["operative"]
        if self.last is None or not ops or ops[-1] is not self.last or not self._heading_like(p, 24):
            return False
        return bool(_ENDS.search(self._deepest(self.last)["text"]))

    def _heading_like(self, p: str, most: int = 14) -> bool:
        """An unnumbered heading in an annex: a short line (at most ``most`` words) without closing
        punctuation ("Article 1", "Means of implementation"), not the enacting formula or a paragraph."""
        return (
            len(p.split()) <= most and not p[:1].islower() and not _ENDS.search(p)
            and not self.w.fixed("enacting", p) and not self.w.opens(p)
        )  # fmt: skip

    def _section(self, no: int, m: re.Match[str]) -> bool:
        """A section heading "I" (its text on the next line) or "I. Heading"."""
        if m.group(1) != roman(self.section + 1) or (m.group(2) and _ENDS.search(m.group(2))):
            return False
        self.section += 1
        if self.where == "preamble":
            self.where = "operative"
        if m.group(2):
            self._node(no, {"section": m.group(2)}, self._paras())
        self.section_pending = not m.group(2)
        self.last = None
        return True

    def _numbered(self, no: int, number: int, text: str) -> None:
        annex, paras = self.where == "annex", self._paras()
        if annex:
            self.part["numbered"] = True  # the paragraphs carry printed numbers: generated too
        else:
            self._lead_in()
            self.where = "operative"
        expected = self.printed + 1
        after_heading = bool(paras) and "heading" in paras[-1]
        if number == 1 and expected > 1 and after_heading and annex:
            self.part["restart"], expected = True, 1  # articles: each numbers its paragraphs from 1
        in_section = bool(paras) and ("section" in paras[-1] or paras[-1].get("numbered") is False)
        if number == 1 and expected > 1 and in_section and not annex:
            self.part["restart"], expected = True, 1  # each section numbers its paragraphs from 1
        if number != expected:
            self.warn(
                no, f"paragraph {number}. out of sequence: expected {expected}. (numbers are generated)"
            )
        self.printed = number
        self.last = self._node(no, {"text": text}, paras)
        if self.outer:
            self.numbered_ids.add(id(self.last))
        elif not annex and self.w.adopts(plain(text)):
            self.adopting, self.where = self.last, "adopted-title"

    def _begin_adopted(self, no: int, title: str) -> None:
        """The title of the text the paragraph before adopts: what follows is that text's, read as
        an annex's paragraphs are, until the plenary line or an annex."""
        assert self.adopting is not None
        text = self._node(no, {"title": title, "paragraphs": []})
        self.adopting["adopts"] = text
        self.outer, self.part, self.adopting = self.part, text, None
        self.outer_count = (self.section, self.printed)
        self.where, self.last, self.section, self.printed = "annex", None, 0, 0

    def _end_adopted(self) -> None:
        """Back to the resolution after an adopted text: its unnumbered paragraphs before the first
        numbered one (and the headings among them) are its chapeau; numbered by default,
        ``numbered: false`` when none carried a number."""
        self.adopting = None
        if self.outer is None:
            return
        text, self.part, self.outer = self.part, self.outer, None
        paras = text["paragraphs"]
        first = next((i for i, x in enumerate(paras) if id(x) in self.numbered_ids), None)
        # the chapeau ends with its last paragraph of text (a heading after it heads paragraph 1)
        cut = max((i + 1 for i, x in enumerate(paras[:first]) if "text" in x), default=0)
        if text.pop("numbered", False) and cut:
            text["chapeau"], text["paragraphs"] = paras[:cut], paras[cut:]
        elif first is None:
            text["numbered"] = False
        self.where, self.last = "operative", None
        self.section, self.printed = self.outer_count

    def _lead_in(self) -> None:
        """A last preambular paragraph that ends with a colon before paragraph 1 and opens with an
        operative phrase ("Resolves that:", "Decides as follows:", then "1. The Working Capital Fund
        shall …", A/RES/80/246) leads into the numbered paragraphs: it moves to the operative part,
        unnumbered (``numbered: false``). Without an operative opener it stays a preambular
        paragraph, with a warning at its line."""
        preamble = self.part["preamble"]
        if self.where != "preamble" or not preamble or self.part["operative"]:
            return
        last = preamble[-1]
        if id(last) in self.preamble_headings:  # the heading of the first paragraphs: an operative heading
            self.warnings.remove(self.preamble_headings.pop(id(last)))
            preamble.pop()
            heading = {"heading": last["text"].strip("*").strip()}
            self.part["operative"].append(self._node(self.at[id(last)][1], heading))
            return
        plain_para = "text" in last and not last.get("quote") and not last.get("items")
        if not (plain_para and _ASKS_QUOTE.search(last["text"])):
            return
        if self.w.opens_operative(plain(last["text"])):
            preamble.pop()
            last["numbered"] = False
            self.part["operative"].append(last)
            return
        self.warn(self.at[id(last)][1], "the paragraph before paragraph 1 leads into it "
                  f"({_quote(plain(last['text']))}) but opens with no operative phrase; kept as a "
                  "preambular paragraph")

    def _table(self, no: int, unit: list[Line]) -> None:
        """A Markdown table: its first row the header, the rule row under it dropped."""
        if self.where == "annex-title":
            self.where = "annex"
        rows = [cells(x.text) for x in unit if not RULE_ROW.match(x.text.replace(" ", ""))]
        self._node(no, {"table": {"header": rows[0], "rows": rows[1:]}}, self._paras())
        self.last = None

    def _table_note(self, text: str, p: str) -> bool:
        """A line right after a table (or after its notes) that reads as a table's note
        ("Abbreviations: …", "a Includes …"): kept as the table's, under it (``notes:``)."""
        if self.where not in ("operative", "annex") or self.last is not None:
            return False
        if not (_TABLE_NOTE.match(p) or _MARKED_NOTE.match(text.strip())):
            return False
        paras = self._paras()
        if not paras or "table" not in paras[-1]:
            return False
        paras[-1]["table"].setdefault("notes", []).append(text.strip())
        return True

    def _aligned_table(self, no: int, table: Node) -> None:
        """A table read from aligned columns (see :func:`_aligned`)."""
        if self.where == "annex-title":
            self.where = "annex"
        self._node(no, {"table": table}, self._paras())
        self.last = None

    def _more_rows(self, unit: list[Line], zone: bool) -> bool:
        """A table's rows continued on the next page, as a PDF's text layer prints them one cell a
        line: the header repeated at the page's top (left out: the source prints it at each page's
        top itself) and rows of the same width, added to the table before; or, right after a page
        break, rows of that width with no header."""
        paras = self._paras()
        if self.last is not None or not paras or "table" not in paras[-1]:
            return False
        table = paras[-1]["table"]
        header, texts = table.get("header") or [], [x.text.strip() for x in unit]
        if not header or len(texts) < len(header):
            return False
        top = 0
        if [plain(t) for t in texts[: len(header)]] == [plain(c) for c in header]:
            top = len(header)
        elif not zone:
            return False
        rows, end, _ = _stacked_rows(unit, top, len(header))
        if not rows or end != len(unit):
            return False
        table["rows"].extend(rows)
        return True

    def _dotted(self, no: int, label: str, text: str) -> bool:
        """A third-level "a." or fourth-level "i." sub-paragraph, under an (i); false if there is none."""
        text = text.split(".", 1)[1].strip()
        levels = [self.last.setdefault("items", [])] if self.last is not None else []
        while levels and levels[-1] and len(levels) < 4:
            levels.append(levels[-1][-1].setdefault("items", []))
        if len(levels) < 3:
            return False
        third, fourth = levels[2], levels[3] if len(levels) > 3 else []
        as_letter, as_roman = letters(len(third) + 1), roman(len(fourth) + 1).lower()
        if third and label == as_roman and (third[-1]["text"].rstrip().endswith(":") or label != as_letter):
            self._node(no, {"text": text}, fourth)
            return True
        if label != as_letter:
            self.warn(no, f"sub-paragraph {label}. out of sequence: expected {as_letter}. "
                          "(letters are generated)")
        self._node(no, {"text": text}, third)
        return True

    def _item(self, no: int, label: str, text: str) -> None:
        assert self.last is not None
        top = self.last.setdefault("items", [])
        sub = top[-1].setdefault("items", []) if top else []
        as_letter = letters(len(top) + 1)
        as_roman = roman(len(sub) + 1).lower()
        prefer_roman = bool(top) and top[-1]["text"].rstrip().endswith(":")
        if label == as_roman and top and (prefer_roman or label != as_letter):
            self._node(no, {"text": text}, sub)
            return
        if label != as_letter:
            self.warn(
                no, f"sub-paragraph ({label}) out of sequence: expected ({as_letter}) (letters are generated)"
            )
        self._node(no, {"text": text}, top)


def _aligned(texts: list[str]) -> Node | None:
    """A table as issued text prints it in aligned columns, or ``None``: an optional caption
    line, a header row of two cells or more, then rows of two cells or more (as many as the
    header at most) whose last cell is a figure; a row's name running over two lines has its
    first line alone. The caption, header and rows, a wrapped name joined."""
    cols = [[c for c in _CELL_GAP.split(t.strip()) if c] for t in texts]
    head = 1 if len(cols) > 2 and len(cols[0]) == 1 and not _ENDS.search(cols[0][0]) else 0
    if len(cols) - head < 2 or len(cols[head]) < 2 or len(cols[-1]) < 2:
        return None
    if any(_figure(c) and not _YEAR.fullmatch(_CALL.sub("", c)) for c in cols[head]):
        return None  # a row of figures, not a header (a header's figures are years: 2045, 2019-2021)
    width, rows, pending = len(cols[head]), [], ""
    for row in cols[head + 1 :]:
        if len(row) == 1 and not _figure(row[0]):
            pending = _join(pending, row[0]) if pending else row[0]
            continue
        if not 2 <= len(row) <= width or not _figure(row[-1]):
            return None
        rows.append(_set_right([_join(pending, row[0]) if pending else row[0], *row[1:]], width))
        pending = ""
    table: Node = {"caption": cols[0][0]} if head else {}
    return {**table, "header": cols[head], "rows": rows}


def _stacked(lines: list[Line]) -> Node | None:
    """A table as a PDF's text layer prints it one cell a line, all of ``lines``, or ``None``
    (:func:`_stacked_table`)."""
    read = _stacked_table(lines)
    return read[0] if read and read[1] == len(lines) else None


def _stacked_table(lines: list[Line]) -> tuple[Node, int] | None:
    """A table from ``lines[0]`` as a PDF's text layer prints it one cell a line, and how many
    lines it takes, or ``None``. PyMuPDF gives A/RES/79/249's scale (a name and a figure a row)
    and A/RES/80/243's staffing tables (action, title of post, category/level, number) so: an
    optional caption of one line, or two when the first is a label ("A." / "Pension
    Administration"); a header of one line a cell; then rows, each closing with its figures. An
    empty cell prints as a blank line (a gap in the line numbers) within its row; a first cell
    may run over several lines (:func:`_wrapped`). The caption, header and width are the ones
    whose rows read furthest (two rows at least), tried before the first figure: the lines
    before it are the caption, the header and the first row's other cells."""
    texts = [x.text.strip() for x in lines[:_SCAN]]
    first = next((i for i, t in enumerate(texts) if _lone(t)), None)
    if first is None or first < 3:
        return None
    best: tuple[Node, int, int] | None = None
    for head, joins in itertools.product((0, 1, 2), repeat=2):
        for width in range(2, min(first - head - joins, _WIDEST) + 1):
            header = _header(lines[head : head + width + joins], width) if _caption(lines, head) else None
            if not header:
                continue
            rows, end, wrapped = _stacked_rows(lines, head + width + joins, width)
            # the reading that goes furthest; of two, the one with fewer cells over several lines
            if len(rows) >= 2 and (best is None or (end, -wrapped) > (best[1], -best[2])):
                table: Node = {"caption": " ".join(texts[:head])} if head else {}
                best = ({**table, "header": header, "rows": rows}, end, wrapped)
    return best[:2] if best else None


_SCAN = 400  # lines looked at for a table's first figure and rows (A/RES/79/249's page: 120)
_WIDEST = 12  # columns tried: a staffing table by grade has USG, ASG, D-2 … P-2/1, GS, Total
_LABEL = re.compile(r"(?:[A-Z]|[IVXL]+|\d{1,2})\.|\([a-z]\)")  # a caption's label: "A.", "(a)"
_HEAD_ENDS = re.compile(r"[,;:](?:\[\^#[^\]]+\])*$")


_PAGE_TURN = 12  # lines between a table's last row and its next page's: page foot and head


def _continued(lines: list[Line], i: int, width: int, starts: set[int], breaks: set[int]) -> int:
    """Where the rows of a table printed one cell a line that go on at the top of a page
    (``lines[i]``, no header repeated) end, over the blocks their empty cells' blank lines make
    (0: none). :meth:`Reader._more_rows` adds them to the table."""
    stop = next((j for j in range(i + 1, len(lines)) if lines[j].no in breaks), len(lines))
    rows, end, _ = _stacked_rows(lines[i:stop], 0, width)
    if not rows or (i + end < len(lines) and lines[i + end].no not in starts):
        return 0
    if any(_BARE_LABEL.fullmatch(c) for row in rows for c in row):
        return 0  # "1." alone opens a paragraph
    return i + end


def _lone(text: str) -> bool:
    """A figure alone on its line: a table's cell (a year is a header's or a name's)."""
    return _figure(text) and not _YEAR.fullmatch(_CALL.sub("", text))


def _gap(lines: list[Line], i: int) -> int:
    """Blank lines between ``lines[i - 1]`` and ``lines[i]``: in a row, its empty cells."""
    return lines[i].no - lines[i - 1].no - 1 if i else 0


def _caption(lines: list[Line], head: int) -> bool:
    """Whether the first ``head`` lines make a table's caption: none; a line that ends no
    sentence; or a label ("A.") and such a line under it."""
    texts = [x.text.strip() for x in lines[:head]]
    if any(_lone(t) or _NUMBERED.match(t) for t in texts) or (texts and _ENDS.search(texts[-1])):
        return False
    return head < 2 or bool(_LABEL.fullmatch(texts[0]) and not _gap(lines, 1))


def _header(lines: list[Line], width: int) -> list[str] | None:
    """The header's ``width`` cells printed one a line, a cell over two lines joined where it
    visibly runs on ("Category/" / "level"), or ``None``: no blank line between them, no figure
    but a year, no paragraph's number or end."""
    texts = [x.text.strip() for x in lines]
    if not texts or any(_gap(lines, i) for i in range(1, len(lines))) or any(
            _lone(t) or _NUMBERED.match(t) or _HEAD_ENDS.search(t) or len(t.split()) > 8 for t in texts):
        return None
    cells = texts[:1]
    for text in texts[1:]:
        if cells[-1].endswith(("/", "-")):
            cells[-1] += text
        elif _runs_on(cells[-1], text):
            cells[-1] = _join(cells[-1], text)
        else:
            cells.append(text)
    return cells if len(cells) == width else None


def _stacked_rows(lines: list[Line], i: int, width: int) -> tuple[list[list[str]], int, int]:
    """The rows printed one cell a line from ``lines[i]`` (:func:`_stacked_table`), as many as
    read cleanly, the index after the last and how many lines their first cells run over; each
    row closes with the run of its figures."""
    rows: list[list[str]] = []
    wraps: list[tuple[int, list[str]]] = []
    ends = [i]
    while True:
        read = _stacked_row(lines, ends[-1], width)
        if read is None:
            break
        row, firsts, end = read
        rows.append(row)
        wraps.append((len(rows) - 1, firsts))
        ends.append(end)
    kept = _wrapped(wraps, width, rows)
    return rows[:kept], ends[kept], sum(len(f) - 1 for _, f in wraps[:kept])


def _stacked_row(lines: list[Line], i: int, width: int) -> tuple[list[str], list[str], int] | None:
    """One row from ``lines[i]``: cells (an empty one for each blank line between them) up to
    the end of its run of figures (a year among them once the row has a name); the lines beyond
    ``width`` cells are its first cell's, which runs over them. The row, the lines of its first
    cell and the index after it; ``None`` when the lines make no whole row (no figure at the end,
    a paragraph's number or end among them, too few cells, figures in every column)."""
    cells: list[str | None] = []  # None: an empty cell
    j = i
    while j < len(lines) and not (_lone(lines[j].text.strip()) or (cells and _figure(lines[j].text.strip()))):
        text = lines[j].text.strip()
        if _NUMBERED.match(text) or _HEAD_ENDS.search(text) or len(cells) > width + 3:
            return None
        cells += [None] * (_gap(lines, j) if j > i else 0) + [text]
        j += 1
    named = len(cells)
    while named and j < len(lines) and _figure(lines[j].text.strip()):
        cells += [None] * _gap(lines, j) + [lines[j].text.strip()]
        j += 1
    extra, figures = len(cells) - width, len(cells) - named
    firsts = [c for c in cells[: extra + 1] if c is not None]
    if not named or not figures or figures >= width or extra < 0 or len(firsts) < extra + 1:
        return None
    return [reduce(_join, firsts), *(c or "" for c in cells[extra + 1 :])], firsts, j


def _wrapped(wraps: list[tuple[int, list[str]]], width: int, rows: list[list[str]]) -> int:
    """How many rows read cleanly: up to the first whose first cell runs over lines that do not
    visibly run on (:func:`_runs_on`) nor are wider than every first cell printed on one line
    (a wrapped line filled its column). With a name and figures only, the first rule alone
    (two names in a row are a row without its figures)."""
    ones = [len(f[0]) for _, f in wraps if len(f) == 1]
    widest = max(ones, default=10_000)  # no first cell on one line: no width to go by
    names_only = all(_figure(c) or not c for r in rows for c in r[1:])
    for at, firsts in wraps:
        for line, after in zip(firsts, firsts[1:]):
            if not _runs_on(line, after) and (names_only or width < 3 or len(line) <= widest):
                return at
    return len(rows)


def _runs_on(line: str, after: str) -> bool:
    """Whether a table cell's ``line`` runs on to the line ``after`` it: ``after`` opens in lower
    case or ``line`` ends with a hyphen, an open parenthesis or a word that cannot end a name."""
    last = line.split()[-1] if line.split() else ""
    return (after[:1].islower() or line.endswith("-") or line.count("(") > line.count(")")
            or last in ("of", "and", "the", "for", "to", "in", "on", "de", "du", "des", "la", "le", "et"))


def _looks_stacked(texts: list[str]) -> bool:
    """Lines of one cell each, as a PDF's text layer prints a table: four lines or more, a third
    of them figures alone (a paragraph's lines are never a figure alone)."""
    lone = sum(1 for t in texts if _figure(t.strip()))
    return len(texts) >= 4 and lone * 3 >= len(texts)


def table_calls(data: Node, footnotes: set[str]) -> list[tuple[tuple[Any, ...], str]]:
    """Every table's notes and the calls of its caption and cells made final (the rest of the
    text keeps its calls as read, ``[^#1]``, for :mod:`.notes`): a note read with its marker
    raised ("[^#a] Includes …") is written with its marker ("a Includes …", as the source writes
    it), and a call in the caption or a cell of one of the table's notes is that note's
    (``[^a]``); any other call of the caption stays a footnote's ("Posts<sup>2</sup>"). A call
    that looks like a table note's marker ("a", "*") but is neither a note of the table nor a
    footnote (``footnotes``: their printed labels) is left out, the words kept: the places (a
    table's path) and warnings of those."""
    from pipeline.model.inline import note_marks

    warnings: list[tuple[tuple[Any, ...], str]] = []
    for path, table in _tables_in(data, ()):
        notes = [_marker_first(n) for n in table.get("notes") or ()]
        if notes:
            table["notes"] = notes
        marks = set(filter(None, note_marks(notes)))
        if isinstance(table.get("caption"), str):
            table["caption"] = _table_call(table["caption"], "caption", marks, footnotes, path, warnings)
        for row in (table.get("header") or [], *(table.get("rows") or [])):
            for j, cell in enumerate(row):
                if isinstance(cell, str):
                    row[j] = _table_call(cell, "cell", marks, footnotes, path, warnings)
    return warnings


def _table_call(text: str, where: str, marks: set[str], footnotes: set[str], path: tuple[Any, ...],
                warnings: list[tuple[tuple[Any, ...], str]]) -> str:
    """The calls of a table's caption or cell (``where``) made final (:func:`table_calls`)."""
    from pipeline.model.inline import TABLE_MARK

    for label in _CALL_LABEL.findall(text):
        if label in marks:
            text = text.replace(f"[^#{label}]", f"[^{label}]")
        elif label not in footnotes and TABLE_MARK.fullmatch(label):
            text = text.replace(f"[^#{label}]", "")
            words = " ".join(_CALL.sub("", text).split())
            warnings.append((path, f"table {where} '{words}' calls note {label}, but the table has "
                                   f"no note {label} under it: the call is left out, the {where}'s "
                                   "text kept"))
    return text


def _tables_in(node: Any, path: tuple[Any, ...]):
    """Every table of the read data with its path, in reading order."""
    if isinstance(node, dict):
        table = node.get("table")
        if isinstance(table, dict) and "rows" in table:
            yield path + ("table",), table
        for key, value in node.items():
            if key != "table":
                yield from _tables_in(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _tables_in(value, path + (i,))


def _marker_first(note: str) -> str:
    """A table note read with its marker raised ("[^#a] Includes …") as the source writes it
    ("a Includes …"; an asterisk escaped: "\\* Provisional.")."""
    m = re.match(r"\[\^#([a-z]|\*{1,3})\]\s*", note)
    if not m:
        return note
    mark = m.group(1) if m.group(1).isalpha() else "\\" + "\\".join(m.group(1))
    return f"{mark} {note[m.end():]}"


def _figure(cell: str) -> bool:
    """Whether a cell is a figure, with or without a note call ("12", "12<sup>a</sup>")."""
    return bool(_FIGURE.fullmatch(_CALL.sub("", cell)))


def _set_right(row: list[str], width: int) -> list[str]:
    """A row with fewer cells than the header ("Total new posts  3" under "Action, Title of
    post, Category/level, Number"): its figures are in the last columns, as printed; the empty
    cells come before them."""
    figures = len(row)
    while figures > 1 and _figure(row[figures - 1]):
        figures -= 1
    return [*row[:figures], *[""] * (width - len(row)), *row[figures:]]


def cells(line: str) -> list[str]:
    m = _ROW.match(line.strip())
    return [c.strip() for c in m.group(1).split("|")] if m else [line.strip()]


def _quote(text: str) -> str:
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def split_enacting(blocks: list[Block], words: Words) -> bool:
    """When no line is the enacting formula alone, find it at the start of a paragraph after a
    short lead ("因此现在,大会,发布……": "Now, therefore, the General Assembly, proclaims …" in
    one paragraph) and split that line in three: lead, formula, the rest. Whether it did."""
    lines = [line for b in blocks for line in b.lines]
    if any(words.fixed("enacting", plain(x.text)) for x in lines):
        return False
    forms = "|".join(re.escape(str(f)) for f in (words.cat.word("enacting"), *words.also("enacting")))
    rx = re.compile(rf"^(?P<lead>.{{1,20}}?[,，、،]\s*)(?P<formula>(?:{forms})[,，、،])\s*(?P<rest>\S.*)$")
    for block in blocks:
        for i, line in enumerate(block.lines):
            m = rx.match(line.text)
            if m:
                parts = [Line(line.no, m[k].strip()) for k in ("lead", "formula", "rest")]
                block.lines[i : i + 1] = parts
                return True
    return False


_NAMED = re.compile(r"^A_RES_(?:(?P<session>(?:ES|S)-\d{1,2}|\d{1,3})_(?P<number>\d{1,4})"
                    r"|(?P<roman>[IVXL]+)_(?P<old>\d{1,4})(?P<letter>[A-Z])?)(?:[._]|$)")


def symbol_from_name(name: str) -> str | None:
    """The symbol a corpus file name spells ("A_RES_52_102.txt" → A/RES/52/102,
    "A_RES_XXVI_2758.fr.txt" → A/RES/2758 (XXVI), "A_RES_III_217A.zh.txt" → A/RES/217 A (III))."""
    m = _NAMED.match(name)
    if not m:
        return None
    if m["number"]:
        return f"A/RES/{m['session']}/{m['number']}"
    letter = f" {m['letter']}" if m["letter"] else ""
    return f"A/RES/{m['old']}{letter} ({m['roman']})"


def roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total
