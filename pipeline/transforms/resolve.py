"""Transforms: a validated :class:`~pipeline.model.source.Source` → a resolved :class:`Document`.

They number paragraphs, sub-paragraphs, sections and footnotes, italicise opening
phrases from the catalogue, and produce every generated word (session line, heading,
plenary line ...) from the language catalogue and the house style.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.model import (
    DECISION_KINDS,
    DECISION_PARA,
    SPONSOR_NOTE,
    Annex,
    Block,
    Closing,
    Document,
    Field,
    Heading,
    LineBreak,
    Masthead,
    Meta,
    Note,
    NoteRef,
    Numbering,
    Para,
    Part,
    Quote,
    Record,
    Runs,
    Style,
    Table,
    Text,
    plain_text,
)
from pipeline.model.inline import (
    NO_OPENERS,
    Openers,
    cell_calls,
    italicise_opening,
    note_marks,
    parse_inline,
    split_note_mark,
)
from pipeline.model.source import Source
from pipeline.paths import TEMPLATES
from pipeline.transforms import furniture
from pipeline.transforms.finish import finish
from pipeline.transforms.links import link_documents
from pipeline.transforms.words import Catalogue, catalogue, letters, roman, sub_label

#: The source's keys that hold its text (resolved into runs); the others go to the Record.
TEXT_KEYS = frozenset(("title", "agenda_title", "preamble", "operative", "adopted", "parts", "annexes",
                       "footnotes", "corrections", "sponsor_note", "decision"))
STYLES = ("1998", "modern", "2014")
PAPERS = ("letter", "a4")
LAST_SESSION_REUSING_NOTES = 73
#: A table cell that is a figure: "0.006", "1 234 500", "-12.5", "3%", "–" (nothing to show).
_FIGURE = re.compile(r"[-–−]?[\d][\d\s.,\u00a0\u202f]*%?|[-–—]?|")
#: Where the kind's words go in the sponsor line, to place the sponsors' note's star before them.
_WHAT = "\x00"


@lru_cache(maxsize=8)
def house_style(name: str) -> Style:
    from pipeline.paths import read_yaml

    data = read_yaml(Path(TEMPLATES) / "styles" / f"{name}.yaml")
    dated = data.pop("word_spacing_from", None) or ()
    sheets = data.pop("sheet_from", None) or ()
    return Style(**data, word_spacing_from=tuple((row["from"], float(row["word_spacing"])) for row in dated),
                 sheet_from=tuple((row["from"], row["sheet"]) for row in sheets))


class _Notes:
    """Footnote numbering: first call gets the next number; repeats follow the style.

    ``stars`` (an amendment document): its notes are marked with stars instead, after the
    ``stars`` the sponsors' note takes: A/80/L.31 prints "* Any changes to the list of sponsors …"
    then its own note called "Development**" and marked "**"."""

    def __init__(self, texts: dict[str, str], mode: str, cat: Catalogue, stars: int | None = None):
        self.texts, self.mode, self.cat, self.stars = texts, mode, cat, stars
        self.numbers: dict[str, int] = {}
        self.marks: dict[str, str] = {}
        self.notes: list[Note] = []

    def call(self, ref: NoteRef) -> NoteRef:
        key = ref.key
        if key in self.numbers and (self.mode == "reuse" or key in self.marks):
            return NoteRef(key, self.numbers[key], first=False, mark=self.marks.get(key))
        number = len(self.notes) + 1
        self.numbers.setdefault(key, number)
        mark = None
        if self.stars is not None:
            mark = self.marks[key] = "*" * (self.stars + len(self.marks) + 1)
        runs, _ = parse_inline(self.texts[key])
        self.notes.append(Note(key, number, runs, mark=mark))
        return NoteRef(key, number, first=True, mark=mark)


class _Builder:
    def __init__(self, src: Source, style: Style, cat: Catalogue):
        self.src, self.style, self.cat = src, style, cat
        data = src.data
        mode = data.get("repeated_notes")
        if mode is None:
            mode = style.repeated_notes
            if regular_session(data) > LAST_SESSION_REUSING_NOTES:
                mode = "new"
        stars = (1 if data.get("sponsor_note") else 0) if data.get("kind") == "amendment" else None
        self.notes = _Notes(data.get("footnotes") or {}, mode, cat, stars)

    # -- inline -------------------------------------------------------------
    def runs(self, text: str, phrases: Openers = NO_OPENERS, marks: tuple[str, ...] = ()) -> Runs:
        """A text's runs, its footnote calls numbered; in a table's cell, the calls to the table's
        notes (their ``marks``) are the table's (:func:`~pipeline.model.inline.cell_calls`)."""
        runs, _ = parse_inline(text)
        if marks:
            runs = cell_calls(runs, marks)
        if phrases:
            runs = italicise_opening(runs, phrases)
        if self.cat.data.get("note_call") == "before_punctuation":
            runs = calls_before_punctuation(runs)
        return tuple(self.notes.call(r) if isinstance(r, NoteRef) else r for r in runs)

    def agenda_title(self, raw: str | list[str] | None) -> Runs:
        """The agenda item's title; several items' titles (a list) each on its own lines after a
        blank line, as A/RES/80/108's masthead sets them: two line breaks before each."""
        if not raw:
            return ()
        if isinstance(raw, str):
            return self.runs(raw)
        return tuple(r for title in raw for r in (LineBreak(), LineBreak(), *self.runs(title)))[2:]

    # -- paragraphs ----------------------------------------------------------
    def para(self, raw: Any, path: tuple[Any, ...], kind: str, label: str | None, pid: str,
             phrases: Openers, number: int | None = None) -> Para:
        """A paragraph; ``number`` is the counter its ``label`` was made from (its list value)."""
        text = raw if isinstance(raw, str) else raw["text"]
        if isinstance(raw, dict) and raw.get("opening") is False:
            phrases = NO_OPENERS
        runs = self.runs(text, phrases)
        quote = self.quote(raw, pid)
        items = raw.get("items", ()) if isinstance(raw, dict) else ()
        children = self.items(items, path + ("items",), 1, pid)
        opening = raw.get("opening") if isinstance(raw, dict) else None
        adopts = raw.get("adopts") if isinstance(raw, dict) else None
        adopted = self.adopts(adopts, path + ("adopts",), pid) if adopts else None
        return Para(kind, runs, pid, label, 0, children, self.src.line(path),  # type: ignore[arg-type]
                    opening=opening, quote=quote, list_value=number if label else None, adopts=adopted)

    def quote(self, raw: Any, pid: str) -> Quote | None:
        """A paragraph's quoted block, its words as written (no opening phrase italicised)."""
        texts = raw.get("quote") if isinstance(raw, dict) else None
        return Quote(f"{pid}-quote", tuple(self.runs(t) for t in texts)) if texts else None

    def table(self, raw: dict[str, Any], path: tuple[Any, ...], tid: str) -> Table:
        """A table: its cells' runs, and which columns hold only figures."""
        marks = tuple(note_marks(raw.get("notes") or []))  # read first: the caption and cells call them
        caption = self.runs(raw["caption"], marks=marks) if raw.get("caption") else ()
        header = tuple(self.runs(c, marks=marks) for c in raw["header"])
        rows = tuple(tuple(self.runs(c, marks=marks) for c in row) for row in raw["rows"])
        bare = [[_uncalled(c, marks) for c in row] for row in raw["rows"]]  # "12[^a]": a figure
        numeric = tuple(
            bool(col) and all(_FIGURE.fullmatch(c) for c in col) and any(col)
            for col in ([row[j] for row in bare] for j in range(len(header)))
        )
        notes = tuple(split_note_mark(self.runs(n))[1] for n in raw.get("notes") or ())  # calls in order
        return Table(tid, header, rows, caption, numeric, self.src.line(path), notes=notes,
                     note_marks=marks if any(marks) else ())

    def items(self, items: Any, path: tuple[Any, ...], level: int, pid: str) -> tuple[Para, ...]:
        out = []
        for i, item in enumerate(items or ()):
            n = i + 1
            mark = letters(n) if level % 2 else roman(n).lower()
            label = self.cat.word(f"labels.{sub_label(level)}", n=n)
            cid = f"{pid}-{mark}"
            text = item if isinstance(item, str) else item["text"]
            sub = item.get("items", ()) if isinstance(item, dict) else ()
            out.append(
                Para(
                    "sub",
                    self.runs(text),
                    cid,
                    label,
                    level,
                    self.items(sub, path + (i, "items"), level + 1, cid),
                    self.src.line(path + (i,)),
                    quote=self.quote(item, cid),
                    list_value=n,
                )
            )
        return tuple(out)

    def part(self, body: dict[str, Any], base: tuple[Any, ...], letter: str | None, pid: str) -> Part:
        preamble = tuple(
            self.para(p, base + ("preamble", i), "preamble", None, f"{pid}pre-{i + 1}",
                      self._phrases("preambular"))
            for i, p in enumerate(body.get("preamble") or ())
        )
        raw_ops = body.get("operative") or ()
        n_paras = sum(1 for p in raw_ops if not (isinstance(p, dict) and (
            "section" in p or "table" in p or p.get("numbered") is False)))
        ops: list[Block] = []
        number = section = 0
        for i, p in enumerate(raw_ops):
            path = base + ("operative", i)
            if isinstance(p, dict) and p.get("numbered") is False:  # a section's preamble, a lead-in
                ops.append(self.para(p, path, "preamble", None, f"{pid}spre-{i + 1}",
                                     self._phrases("unnumbered")))
                continue
            if isinstance(p, dict) and "heading" in p:
                ops.append(Heading(f"{pid}h-{i + 1}", self.runs(p["heading"]), None, self.src.line(path)))
                continue
            if isinstance(p, dict) and "table" in p:
                ops.append(self.table(p["table"], path, f"{pid}table-{i + 1}"))
                continue
            if isinstance(p, dict) and "section" in p:
                section += 1
                number = 0 if body.get("restart") else number
                ops.append(
                    Heading(f"{pid}sec-{section}", self.runs(p["section"]), roman(section),
                            self.src.line(path))
                )
                continue
            number += 1
            # a single operative paragraph is not numbered
            label = self.cat.word("labels.operative", n=number) if n_paras > 1 else None
            phrases = self._phrases("operative")
            ident = f"{pid}sec-{section}-op-{number}" if body.get("restart") else f"{pid}op-{number}"
            ops.append(self.para(p, path, "operative", label, ident, phrases, number))
        closing = self.closing(body.get("adopted"), base + ("adopted",))
        title = self.runs(body["title"]) if "title" in body and base else ()
        return Part(
            pid.rstrip("-") or "body",
            self.cat.word("enacting"),
            preamble,
            tuple(ops),
            letter,
            title,
            closing,
            self.cat.words.get("enacting_after", ",") if preamble else "",
        )

    def place(self, key: str) -> tuple[str, int, int]:
        """A top-level key with the line and column of its value."""
        pos = self.src.pos((key,))
        return key, pos.line, pos.column

    def closing(self, adopted: dict[str, Any] | None, path: tuple[Any, ...]) -> Closing | None:
        """The plenary lines; a resumed meeting's in the catalogue's ``plenary_resumed`` form
        ("69th (resumed) plenary meeting"), an error where the language has none (never the
        plain form, which would drop "(resumed)")."""
        if not adopted:
            return None
        key = "plenary_resumed" if adopted.get("resumed") else "plenary"
        if key not in self.cat.words:
            pos = self.src.pos(path + ("resumed",))
            raise SourceError([Diagnostic(self.src.path, pos.line, pos.column,
                                          f"resumed: the {self.cat.lang} catalogue has no form for a "
                                          "resumed plenary meeting (plenary_resumed:); leave resumed: out "
                                          "or add the form as issued texts of that language print it")])
        return Closing(self.cat.word(key, meeting=adopted["meeting"]), self.cat.date(adopted["date"]),
                       number=adopted["meeting"], on=adopted["date"], resumed=bool(adopted.get("resumed")))

    def annex(self, raw: dict[str, Any], i: int, count: int) -> Annex:
        label = self.cat.word("annex.one") if count == 1 else self.cat.word("annex.many", number=i + 1)
        base = ("annexes", i, "paragraphs")
        entries = [(base + (j,), p) for j, p in enumerate(raw["paragraphs"])]
        blocks = self.body(entries, 0, f"annex-{i + 1}-", raw.get("numbered", False),
                           raw.get("restart", False))
        title = self.runs(raw["title"]) if raw.get("title") else ()
        return Annex(f"annex-{i + 1}", label, title, blocks,
                     numbered=raw.get("numbered"), restart=raw.get("restart"))

    def adopts(self, raw: dict[str, Any], path: tuple[Any, ...], pid: str) -> Annex:
        """The text an operative paragraph adopts: an annex's body under a title (no label), its
        unnumbered opening paragraphs (``chapeau:``) first; paragraphs numbered unless
        ``numbered: false``. Sections number on from the chapeau's."""
        aid = f"{pid}-adopted"
        title = self.runs(raw["title"])
        subtitle = self.runs(raw["subtitle"]) if raw.get("subtitle") else ()
        chapeau = [(path + ("chapeau", j), p) for j, p in enumerate(raw.get("chapeau") or ())]
        entries = chapeau + [(path + ("paragraphs", j), p) for j, p in enumerate(raw["paragraphs"])]
        blocks = self.body(entries, len(chapeau), f"{aid}-", raw.get("numbered", True),
                           raw.get("restart", False))
        return Annex(aid, "", title, blocks, numbered=raw.get("numbered"), restart=raw.get("restart"),
                     subtitle=subtitle, chapeau=len(chapeau))

    def body(self, entries: list[tuple[tuple[Any, ...], Any]], chapeau: int, pid: str, numbered: bool,
             restart: bool) -> tuple[Block, ...]:
        """An annex's (or an adopted text's) blocks from ``(path, entry)`` pairs: paragraphs after
        the first ``chapeau`` entries numbered "1." when ``numbered``, again from 1 after each
        heading when ``restart``; sections (I, II ...), headings, tables."""
        paras = [p for _, p in entries]
        blocks: list[Block] = []
        number = section = 0
        for j, (path, p) in enumerate(entries):
            if isinstance(p, dict) and "heading" in p:
                blocks.append(Heading(f"{pid}h-{j + 1}", self.runs(p["heading"]), None, self.src.line(path)))
                if restart:
                    number = 0
                continue
            if isinstance(p, dict) and "table" in p:
                blocks.append(self.table(p["table"], path, f"{pid}table-{j + 1}"))
                continue
            if isinstance(p, dict) and "section" in p:
                section += 1
                dot = "." if self.style.annex_sections == "one-line" else ""  # "I. Values …" (80/3)
                blocks.append(Heading(f"{pid}sec-{section}", self.runs(p["section"]), roman(section) + dot,
                                      self.src.line(path)))
                continue
            if j < chapeau:
                blocks.append(self.para(p, path, "plain", None, f"{pid}c-{j + 1}", NO_OPENERS))
                continue
            number += 1
            label_n = self.cat.word("labels.annex_paragraph", n=number) if numbered else None
            if restart and number == 1 and _alone(paras, j):
                label_n = None  # an article of one paragraph: unnumbered
            ident = f"{pid}p-{j + 1}" if restart else f"{pid}p-{number}"  # numbers repeat when restarting
            blocks.append(self.para(p, path, "plain", label_n, ident, NO_OPENERS, number))
        return tuple(blocks)

    def _phrases(self, kind: str) -> Openers:
        """Opening phrases to italicise: none in Chinese and Arabic (no italics there)."""
        return getattr(self.cat, kind) if self.cat.italic else NO_OPENERS

    # -- the draft cycle (docs/cycle.md) -------------------------------------------
    def list_and(self, names: list[str]) -> str:
        return str(self.cat.word("list_and.one" if len(names) == 1 else "list_and.many", items=names))

    def sponsor_line(self, kind: str) -> Runs:
        """ "Albania, …: draft resolution" (a sponsor's asterisk is kept as written)."""
        d, cat = self.src.data, self.cat
        if kind in ("amendment", "draft", "revised-draft", *DECISION_KINDS):
            self.cycle_words(kind)
        if kind == "amendment":
            target_kind = cat.word(f"kinds.{d.get('amends_kind', 'draft')}")
            what = cat.word("kinds.amendment", target_kind=target_kind, target=d["amends"])
        elif kind in ("draft", "revised-draft", *DECISION_KINDS):
            what = cat.word(f"kinds.{kind}")
        else:
            return ()
        if d.get("sponsors"):
            key, values = "sponsor_line", {"sponsors": self.list_and(d["sponsors"])}
        elif d.get("submitted_by"):
            key, values = "submitted_by", {"author": d["submitted_by"]}
        elif d.get("sponsors") == []:
            key, values = "no_sponsors", {}  # "Draft resolution" (A/C.6/80/L.15)
        else:
            return ()
        line = str(cat.word(key, what=what, **values))
        if not d.get("sponsor_note"):
            return (Text(line),)
        # the star after the colon, before the kind's words ("Australia:* draft resolution",
        # A/80/L.7); at the line's end where the kind's words do not end it ("Draft resolution
        # submitted by the Chair*": not seen issued)
        star = NoteRef(SPONSOR_NOTE, 0, mark="*")
        runs, _ = parse_inline(d["sponsor_note"])
        self.notes.notes.insert(0, Note(SPONSOR_NOTE, 0, runs, mark="*"))
        head, _, tail = str(cat.word(key, what=_WHAT, **values)).partition(_WHAT)
        if tail.strip() or not head.strip():
            return (Text(line), star)
        colon = head.rstrip()
        return (Text(colon), star, Text(line[len(colon):]))

    def cycle_words(self, kind: str) -> None:
        """A draft's sponsor line is the catalogue's words: a language without them (no issued
        draft seen in it) is an error at ``language:``, never a failed build."""
        cat = self.cat
        alone = ("no_sponsors",) if self.src.data.get("sponsors") == [] else ()  # "Draft resolution"
        keys = ("sponsor_line", "submitted_by", "list_and", *alone)
        missing = [k for k in keys if k not in cat.words]
        kinds = [self.src.data.get("amends_kind", "draft"), "amendment"] if kind == "amendment" else [kind]
        missing += [f"kinds.{k}" for k in kinds if k not in (cat.words.get("kinds") or {})]
        if missing:
            pos = self.src.pos(("language",) if "language" in self.src.data else ("kind",))
            message = (f"kind {kind}: the {cat.lang} catalogue has no words for a draft's sponsor line "
                       f"({', '.join(missing)}); add them as issued documents of that language print them, "
                       "or write the draft in another language")
            raise SourceError([Diagnostic(self.src.path, pos.line, pos.column, message)])

    def cycle_part(self, kind: str) -> Part:
        """The body of an amendment (numbered instructions), addendum or corrigendum."""
        from pipeline.transforms import amend

        d, cat = self.src.data, self.cat
        blocks: list[Block] = []
        if kind == "amendment":
            known = set(map(str, d.get("footnotes") or {}))
            numbers: dict[str, int] = {}
            def ours(text: str) -> str:
                """Calls of the amended draft's notes are not this document's: dropped."""
                return amend._CALL.sub(lambda m: m.group(0) if m.group(1) in known else "", text)

            for i, ins in enumerate(d["instructions"]):
                new = isinstance(ins, dict) and "insert_paragraphs" in ins
                text = ours(amend.instruction_lead(ins, cat) if new
                            else amend.instruction_text(ins, cat, 1, numbers))
                # new paragraphs: after the colon, each a block of its own at the text's measure,
                # unquoted, its opening phrase the kind's (A/80/L.33, L.36)
                quote = self.new_paragraphs(ins, f"new-{i + 1}", ours) if new else None
                if len(d["instructions"]) == 1:  # one instruction, unnumbered (A/80/L.31, L.32, L.33, L.36)
                    blocks.append(Para("plain", self.runs(text), "ins-1", None, 0, (),
                                       self.src.line(("instructions", i)), quote=quote))
                    continue
                label = cat.word("labels.operative", n=i + 1)
                blocks.append(Para("operative", self.runs(text), f"ins-{i + 1}", label, 0, (),
                                   self.src.line(("instructions", i)), quote=quote, list_value=i + 1))
        elif kind == "addendum":
            text = cat.word("additional_sponsors", sponsors=self.list_and(d["sponsors"]))
            blocks.append(Para("plain", (Text(text),), "add-1", None, 0, (), self.src.line(("sponsors",))))
        else:
            for i, c in enumerate(d["corrections"]):
                blocks.append(Para("plain", self.runs(c), f"corr-{i + 1}", None, 0, (),
                                   self.src.line(("corrections", i))))
        return Part("body", "", (), tuple(blocks))

    def new_paragraphs(self, ins: dict[str, Any], qid: str, ours: Any) -> Quote:
        """The paragraphs an instruction inserts, printed after its colon: each paragraph and each
        of its sub-paragraphs (under its label) a block of its own, unquoted; a new preambular or
        operative paragraph's opening phrase italicised as in the draft."""
        from pipeline.transforms import amend

        kind = {"preamble": "preambular", "operative": "operative"}.get(amend.new_kind(ins))
        phrases = self._phrases(kind) if kind else NO_OPENERS
        lines = amend.inserted_lines(ins, self.cat)
        paras = ins["insert_paragraphs"]
        # where each paragraph starts; a section heading ({section: …}) has no opening phrase
        heads = {len(lines) - len(amend.inserted_lines({**ins, "insert_paragraphs": paras[k:]}, self.cat))
                 for k in range(len(paras)) if not amend._is_heading(paras[k])}
        return Quote(qid, tuple(self.runs(ours(t), phrases if k in heads else NO_OPENERS)
                                for k, t in enumerate(lines)), "text")

    def decision(self) -> Part:
        """A draft decision's one paragraph: the enacting formula inline, then the decision's
        words ("*The General Assembly*, taking note of …, decides …", A/C.4/80/L.10): no line
        of its own for the formula, no preambular or operative numbering, no opening phrase
        italicised. The words between the formula and the text are the catalogue's
        (:func:`decision_joint`). A decision with sub-paragraphs (``{text: "… decides:",
        items: […]}``) prints them after it as an operative paragraph's: (a), (b) …, nested (i) …"""
        cat, raw = self.cat, self.src.data["decision"]
        text, items = (raw, ()) if isinstance(raw, str) else (raw["text"], raw["items"])
        opening = (Text(str(cat.word("enacting")), italic=cat.italic), Text(decision_joint(cat, text)))
        runs = opening + self.runs(text)
        children = self.items(items, ("decision", "items"), 1, DECISION_PARA)
        para = Para("plain", runs, DECISION_PARA, None, 0, children, self.src.line(("decision",)))
        return Part("body", "", (), (para,))

    # -- the document -------------------------------------------------------------
    def document(self, paper: str) -> Document:
        d = self.src.data
        typed_title = self.runs(d["title"])
        title = keep_last_words(typed_title)
        # Parts and annexes are built in reading order so footnotes number through them.
        kind = d.get("kind", "resolution")
        parts: tuple[Part, ...]
        if kind in ("amendment", "addendum", "corrigendum"):
            parts = (self.cycle_part(kind),)
        elif kind in DECISION_KINDS:
            parts = (self.decision(),)
        elif "parts" in d:
            parts = tuple(
                self.part(p, ("parts", i), chr(65 + i), f"{chr(97 + i)}-") for i, p in enumerate(d["parts"])
            )
        else:
            parts = (self.part(d, (), None, ""),)
        raw_annexes = d.get("annexes") or ()
        annexes = tuple(self.annex(a, i, len(raw_annexes)) for i, a in enumerate(raw_annexes))
        masthead = self.masthead(title)
        record = Record(tuple((k, v) for k, v in d.items() if k not in TEXT_KEYS), tuple(d))
        return Document(self.meta(typed_title), self.style, paper, masthead, parts, annexes,
                        tuple(self.notes.notes), record=record)

    def masthead(self, title: Runs) -> Masthead:
        d, cat, style = self.src.data, self.cat, self.style
        symbol: str = d["symbol"]
        kind = d.get("kind", "resolution")
        is_resolution = kind == "resolution"
        number = symbol.removeprefix("A/RES/") if is_resolution else ""
        agenda = d.get("agenda")
        items = [str(a) for a in (agenda if isinstance(agenda, list) else [agenda] if agenda else [])]
        agenda_line = ""
        if items:
            agenda_line = cat.word("agenda.one" if len(items) == 1 else "agenda.many", items=items)
        adopted_date = _first_adoption(d)
        heading = cat.word(f"heading.{style.heading}", adopted=adopted_date) if (
            style.heading != "dated" or adopted_date
        ) else cat.word("heading.plain")
        if not is_resolution:  # an L document has no "Resolution adopted by ..." heading
            heading = ""
        report = d.get("report")
        provenance = None
        if report:
            if "committee" in d:
                committee = _parenthesis_kept(cat.word(f"committees.{d['committee']}"))
                provenance = cat.word("provenance.committee", committee=committee, report=report)
            else:
                provenance = cat.word("provenance.plenary", report=report)
        dist_key = "distribution_1998" if style.distribution == "stacked" else "distribution"
        dist = cat.word(f"{dist_key}.{d.get('distribution', 'general')}")
        distribution = tuple(dist) if isinstance(dist, list) else (dist,)
        return Masthead(
            united_nations=cat.word("united_nations"),
            organ=cat.word("organ"),
            symbol=symbol,
            distribution=distribution,
            issued=Field(cat.masthead_date(d["issued"]) if d.get("issued") else ""),
            session=Field(session_line(cat, d["session"])),
            agenda=Field(agenda_line),
            agenda_title=self.agenda_title(d.get("agenda_title")),
            heading=Field(heading),
            provenance=Field(provenance) if provenance else None,
            number=number,
            number_label=title_number(cat, number),
            title=title,
            short_title=running_title(d.get("short_title")) or " ".join(plain_text(title).split()),
            original=original_line(cat, d.get("original"), style.distribution == "stacked"),
            language_line=language_line(cat, d.get("original"), style.distribution == "stacked"),
            short_title_at=self.place("short_title" if d.get("short_title") else "title"),
            kind=kind,
            committee=(_parenthesis_kept(cat.word(f"committees.{d['committee']}"))
                       if not is_resolution and "committee" in d else None),
            sponsor_line=self.sponsor_line(kind),
            doc_heading=cat.word(kind) if kind in ("addendum", "corrigendum") else None,
            **self.furniture(symbol),
        )

    def furniture(self, symbol: str) -> dict[str, Any]:
        """The masthead's page furniture: job number and date, barcode, QR code, emblem."""
        d, cat = self.src.data, self.cat
        job = d.get("job_number")
        barcode = f"*{job.replace('-', '')}*" if job else None
        url = f"https://undocs.org/{symbol}"
        emblem = _emblem(d.get("emblem", True))
        return {
            "job_number": f"{job} ({cat.data.get('language_letter', cat.lang.upper())})" if job else None,
            "job_date": d["job_date"].strftime("%d%m%y") if d.get("job_date") else None,
            "barcode": barcode,
            "url": url,
            "emblem": emblem,
            "code39": furniture.barcode(barcode),
            "qr": furniture.qr(url),
            "emblem_image": furniture.emblem(self.src.path, emblem),
        }

    def meta(self, title: Runs) -> Meta:
        d, cat = self.src.data, self.cat
        is_resolution = d.get("kind", "resolution") == "resolution"
        number = str(d["symbol"]).removeprefix("A/RES/") if is_resolution else ""
        adopted_date = _first_adoption(d)
        issued_or_adopted: dt.date | None = d.get("issued") or adopted_date
        return Meta(
            source=self.src.path,
            language=cat.lang,
            direction=cat.direction,
            title=f"{title_number(cat, number)} {plain_text(title)}" if number else plain_text(title),
            issued=issued_or_adopted,
            adopted=adopted_date,
            words={
                "notes": cat.word("notes"),
                "footnote_back": cat.word("footnote_back"),
                "note_call": cat.word("note_call"),
                "continued": cat.word("continued"),
                "recycle": cat.word("recycle"),
                "emblem": cat.word("emblem"),
                "enacting_after": cat.words.get("enacting_after", ","),
            },
            closing_order=cat.closing_order,
            italic=cat.italic,
            fonts=tuple(sorted((cat.data.get("docx_fonts") or {}).items())),
            page_word=page_word(cat),
            numbering=numbering(cat, self.style.annex_sections == "one-line"),
        )


#: The first day of the seventy-fourth session: special sessions held from then on number
#: repeated notes anew, as regular sessions do.
_SEVENTY_FOURTH = dt.date(2019, 9, 17)


def regular_session(d: dict[str, Any]) -> int:
    """The regular session a resolution belongs to, for conventions that changed by session.

    A special or emergency special session ("S-27", "ES-11") is placed by its dates.
    """
    session = d["session"]
    if isinstance(session, int):
        return session
    when: dt.date | None = _first_adoption(d) or d.get("issued")
    return LAST_SESSION_REUSING_NOTES + 1 if when and when >= _SEVENTY_FOURTH else LAST_SESSION_REUSING_NOTES


def decision_joint(cat: Catalogue, text: str) -> str:
    """What stands between a draft decision's formula and its words: the catalogue's
    ``decision_verb_after`` (" ") before a verb that opens them ("The General Assembly decides to
    …": a subject and its verb), else ``decision_after`` (", "; Chinese "，") before a clause ("The
    General Assembly, taking note of …, decides …", A/C.4/80/L.10). A verb is an operative opening
    phrase of the catalogue, written in lower case."""
    return str(cat.word("decision_verb_after" if opens_with_verb(cat, text) else "decision_after"))


def opens_with_verb(cat: Catalogue, text: str) -> bool:
    """Whether a draft decision's words open with its verb, an operative phrase of the catalogue in
    lower case ("decides to …"), where the catalogue sets no comma before one."""
    words = re.sub(r"^[*_]+", "", text)
    return "decision_verb_after" in cat.words and words[:1].islower() and bool(
        cat.operative.match(words) or cat.operative.match(words[:1].upper() + words[1:]))


def running_title(given: object) -> str:
    """The source's ``short_title:`` for the running head: its words, in the lines it gives (an
    issued running head's, broken by hand: the writers keep each line whole), else ""."""
    lines = (" ".join(line.split()) for line in str(given or "").split("\n"))
    return "\n".join(line for line in lines if line)


def _parenthesis_kept(line: str) -> str:
    """A committee's name with its closing parenthesis kept on one line (no-break spaces in it):
    the issued draft breaks "Special Political and Decolonization Committee" / "(Fourth Committee)"
    (A/C.4/80/L.10), where the masthead's column would otherwise leave "(Fourth" on the first; so
    do the issued resolutions' report lines, "[on the report of the Special Political and
    Decolonization Committee" / "(Fourth Committee) (A/80/537, para. 15)]" (A/RES/80/90, 79/100,
    74/100: text layers in tests/import/pymupdf), where the line has room for "(Fourth"."""
    return re.sub(r"\([^()]*\)$", lambda m: m.group(0).replace(" ", "\u00a0"), line)


def original_line(cat: Catalogue, original: bool | str | None, stacked: bool) -> str | None:
    """The "Original:" line: the original's language (a code; ``True``: the document's own) named
    as the masthead's language names it (babel's CLDR names: "anglais" in French, "inglés" in
    Spanish), in the catalogue's ``original`` (the stacked 1998 masthead) or ``original_modern``
    form, whose filters give its case ("Original: English", "ORIGINAL : ANGLAIS"). Russian, Chinese
    and Arabic documents print their masthead's right-hand lines in English (``masthead_language``;
    "Original: English" in A/65/L.78's Arabic masthead, docs/languages.md)."""
    if not original:
        return None
    from babel import Locale

    code = cat.lang if original is True else str(original)
    other = cat.data.get("masthead_language")
    words = catalogue(other) if other and other != cat.lang else cat
    name = Locale.parse(words.locale).languages.get(code, code)
    return str(words.word("original" if stacked else "original_modern", language=name))


def language_line(cat: Catalogue, original: bool | str | None, stacked: bool) -> str | None:
    """The document's own language on the line above "Original:" when the original is another
    language's ("Français" / "Original : anglais", A/53/250; "Arabic" / "Original: English",
    A/65/L.78): the catalogue's ``own_language`` (1998) or ``own_language_modern``; None when
    the original is the document's own language (``True`` or its code) or not given."""
    if not original or original is True or original == cat.lang:
        return None
    return str(cat.word("own_language" if stacked else "own_language_modern"))


def session_line(cat: Catalogue, session: int | str) -> str:
    """ "Fifty-second session", "Twenty-seventh special session", "Eleventh emergency special session"."""
    if isinstance(session, int):
        return str(cat.word("session", session=session))
    kind, number = session.split("-")
    return str(cat.word("session_emergency" if kind == "ES" else "session_special", session=int(number)))


_PAGE = "\x00"
SUB_LEVELS = 8  # sub-paragraph levels given a list format (Word lists have 9 levels, 0 the paragraph)


@lru_cache(maxsize=16)
def page_word(cat: Catalogue) -> tuple[str, str]:
    """The running head's "Page {{ page }}" as the words before and after the number (the
    number itself is the page's: a CSS counter, a Word PAGE field)."""
    before, _, after = cat.render(cat.words.get("page_1998", "{{ page }}"), page=_PAGE).partition(_PAGE)
    return before, after


@lru_cache(maxsize=16)
def numbering(cat: Catalogue, dotted_annex_sections: bool = False) -> Numbering:
    """The catalogue's label formats as list formats; sections are numbered I, II ... (:func:`roman`),
    an annex's "I." in a style that prints them on one line with their heading."""
    labels: dict[str, str] = cat.words["labels"]
    subs = (labels[sub_label(level)] for level in range(1, SUB_LEVELS + 1))
    return Numbering(
        operative=cat.number_format(labels["operative"]),
        annex_paragraph=cat.number_format(labels["annex_paragraph"]),
        sub=tuple(cat.number_format(label) for label in subs),
        section=cat.number_format("{{ n|roman }}"),
        annex_section=cat.number_format("{{ n|roman }}." if dotted_annex_sections else "{{ n|roman }}"),
    )


def _uncalled(cell: str, marks: tuple[str, ...]) -> str:
    """A cell's text without its calls to the table's notes, stripped."""
    for mark in filter(None, marks):
        cell = cell.replace(f"[^{mark}]", "")
    return cell.strip()


def _alone(paras: list[Any], j: int) -> bool:
    """Whether paragraph ``j`` is the only paragraph before the next heading or section."""
    nxt = paras[j + 1] if j + 1 < len(paras) else None
    return nxt is None or (isinstance(nxt, dict) and ("heading" in nxt or "section" in nxt))


# The UN emblem drawn by tools/make_emblem.py (Natural Earth, public domain), shown where issued
# documents show it unless the source says `emblem: false`; a path names the source's own image.
DEFAULT_EMBLEM = TEMPLATES / "assets" / "un-emblem.svg"


def _emblem(value: str | bool) -> str | None:
    if value is True:
        return str(DEFAULT_EMBLEM)
    return value or None


NBSP = "\u00a0"


def keep_last_words(runs: Runs) -> Runs:
    """The title's last two words never part: issued titles do not end on a line of one word
    (A/RES/73/8 breaks "…United States of America / against Cuba" though "against" fits on
    the line before). A no-break space does it in every writer (PDF, HTML and Word alike).
    A title of one or two words is left alone; so is a title whose source breaks its last line
    (a line break before its last word is the drafter's own break: only the words after the last
    break are joined)."""
    start = max((i + 1 for i, r in enumerate(runs) if isinstance(r, LineBreak)), default=0)
    if start:
        if len(plain_text(runs).split()) < 3:
            return runs
        return (*runs[:start], *_keep_last_two(runs[start:], 2))
    return _keep_last_two(runs, 3)


def _keep_last_two(runs: Runs, least: int) -> Runs:
    """``runs`` with a no-break space between their last two words (of ``least`` words or more)."""
    spans = [(i, r) for i, r in enumerate(runs) if isinstance(r, Text)]
    joined = "".join(r.text for _, r in spans)
    if len(joined.split()) < least:
        return runs
    at = len(joined.rstrip())
    k = joined.rfind(" ", 0, at)
    if k < 0:
        return runs
    out = list(runs)
    for i, r in spans:
        t = r.text
        if k < len(t):
            out[i] = dataclasses.replace(r, text=t[:k] + NBSP + t[k + 1:])
            return tuple(out)
        k -= len(t)
    return runs


def _first_adoption(d: dict[str, Any]) -> dt.date | None:
    date: dt.date | None = None
    if d.get("adopted"):
        date = d["adopted"]["date"]
        return date
    for p in d.get("parts") or ():
        if p.get("adopted"):
            date = p["adopted"]["date"]
            return date
    return None


def build(src: Source, style: str | None = None, paper: str | None = None) -> Document:
    """Resolve a validated source into a document in ``style`` (default: the source's)."""
    st = house_style(style or src.data.get("style") or "modern")
    if st.name == "modern" and src.data.get("device", "600dpi") != st.device:
        st = dataclasses.replace(st, device=src.data["device"])  # another style: its own device
    if st.word_spacing_from or st.sheet_from:
        day = src.data.get("issued") or _first_adoption(src.data)
        st = dataclasses.replace(st, word_spacing=st.spacing_on(day), dated_sheet=st.sheet_on(day))
    cat = catalogue(src.data.get("language", "en"), st.name)
    doc = _Builder(src, st, cat).document(paper or st.paper)
    return finish(link_documents(doc) if src.data.get("links", True) else doc)


_CALL_PUNCTUATION = ",;:.،؛"


def calls_before_punctuation(runs: Runs) -> Runs:
    """French, Spanish, Russian and Arabic print a footnote call before the punctuation that
    ends its phrase ("réfugiés2/,", "Políticos 1,", "Наций¹,", "اللاجئين(2)،"): the source's
    "text,[^1]" is set "text[^1],". The punctuation keeps its emphasis."""
    out = list(runs)
    k = 0
    while k < len(out):
        if not isinstance(out[k], NoteRef) or k == 0 or not isinstance(out[k - 1], Text):
            k += 1
            continue
        before = out[k - 1]
        assert isinstance(before, Text)
        head = before.text.rstrip(_CALL_PUNCTUATION)
        if head == before.text or not head or head[-1].isspace():
            k += 1
            continue
        end = k
        while end + 1 < len(out) and isinstance(out[end + 1], NoteRef):
            end += 1
        mark = dataclasses.replace(before, text=before.text[len(head) :])
        out[k - 1 : end + 1] = [dataclasses.replace(before, text=head), *out[k : end + 1], mark]
        k = end + 2
    return tuple(out)


def title_number(cat: Catalogue, number: str) -> str:
    """The resolution number as the title line prints it: "52/102." (the catalogue's
    ``title_number``: Arabic "52/102 -"); "" for a document without a number."""
    if not number:
        return ""
    return str(cat.word("title_number", number=number)) if "title_number" in cat.words else f"{number}."
