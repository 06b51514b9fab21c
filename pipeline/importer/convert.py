"""Orchestration of an import: read → structure → notes → inline markup → YAML, with warnings."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.importer import amendments, drafts, runs
from pipeline.importer.detect import Detected, detect
from pipeline.importer.notes import Keys
from pipeline.importer.reading import Line, Reading, own_symbol, read
from pipeline.importer.structure import (
    SYMBOL,
    Reader,
    plain,
    roman_value,
    split_enacting,
    symbol_from_name,
    table_calls,
)
from pipeline.importer.words import Words
from pipeline.model import DECISION_KINDS, Text
from pipeline.model.inline import NO_OPENERS, Openers
from pipeline.source import MAX_BYTES, Source, iter_texts, load
from pipeline.source.emit import dump, ordered
from pipeline.source.safeyaml import parse
from pipeline.transforms.words import catalogue


@dataclass
class Imported:
    """The typed source the loader would make of the written YAML, and the import's warnings;
    ``read`` is the same source as read, before its texts were made final, placed at the input's lines."""

    source: Source
    warnings: list[Diagnostic]
    read: Source

    @property
    def yaml(self) -> str:
        return self.source.text


#: The written source's first line
_HEADER = "Imported by `unres import` from {}."
#: A draft's masthead is in its first lines: its symbol among them makes it a draft
_MASTHEAD_LINES = 40


class _Writer:
    """The source as read → the data of the YAML source, inline markup final, by path: every
    warning is placed at the input line the read source gives for it."""

    def __init__(self, read: Source, keys: Keys, words: Words, draft: bool = False, decision: bool = False):
        self.read, self.keys, self.cat = read, keys, words.cat
        self.draft = draft  # a draft resolution: no plenary line to look for
        self.decision = decision  # a draft decision: one paragraph, no operative ones
        self.warnings: list[tuple[int, str]] = []
        first = (
            runs.parse(keys.apply(_words_of(p)))[0][:1]
            for part in read.data["parts"]
            for p in part["preamble"] + part["operative"]
        )
        self.marked = any(isinstance(r[0], Text) and r[0].italic for r in first if r)  # openings in italics?

    def text(self, text: str, line: int, phrases: Openers = NO_OPENERS) -> tuple[str, bool | None]:
        parsed, stray = runs.parse(self.keys.apply(text))
        if stray:
            self.warnings.append((line, "an unbalanced '*' is kept as a literal star"))
        final, opening = runs.opening(parsed, phrases, self.marked) if phrases else (parsed, None)
        out = runs.write(final)
        if runs.parse(out)[0] != final:
            self.warnings.append((line, "emphasis could not be written back exactly; check the italics"))
        return out, opening

    def para(self, p: dict, path: tuple, phrases: Openers = NO_OPENERS) -> str | dict:
        line = self.read.line(path)
        for kind in ("section", "heading"):
            if kind in p:
                return {kind: self.text(p[kind], line)[0]}
        if "table" in p:
            return {"table": self.table(p["table"], line)}
        unnumbered = p.get("numbered") is False  # a section's own preamble or a lead-in: either opener
        text, opening = self.text(p["text"], line, self.cat.unnumbered if unnumbered else phrases)
        quote, items, adopts = p.get("quote"), p.get("items"), p.get("adopts")
        if not items and opening is None and not quote and not adopts and not unnumbered:
            return text
        out: dict = {"text": text} | ({"numbered": False} if unnumbered else {})
        if opening is not None:
            out["opening"] = opening
        if quote:
            out["quote"] = [self.text(q, self.read.line(path + ("quote", i)))[0] for i, q in enumerate(quote)]
        if items:
            out["items"] = [self.para(x, path + ("items", i)) for i, x in enumerate(items)]
        if adopts:
            out["adopts"] = self.adopted(adopts, path + ("adopts",))
        return out

    def adopted(self, text: dict, path: tuple) -> dict:
        """The text an operative paragraph adopts: its title, opening paragraphs and paragraphs
        (their openers plain: no catalogue phrase is italicised in them)."""
        out: dict = {"title": self.text(text["title"], self.read.line(path))[0]}
        if text.get("subtitle"):
            out["subtitle"] = self.text(text["subtitle"], self.read.line(path))[0]
        for key in ("chapeau", "paragraphs"):
            if text.get(key):
                out[key] = [self.para(p, path + (key, i)) for i, p in enumerate(text[key])]
        if "numbered" in text:
            out["numbered"] = text["numbered"]
        if not text["paragraphs"]:
            self.warnings.append((self.read.line(path), "adopted text without paragraphs after its title"))
            out["paragraphs"] = out.pop("chapeau", None) or [out["title"]]
        return out

    def table(self, table: dict, line: int) -> dict:
        """A table's header, rows and notes; a row of another width is padded or warned about, never
        dropped."""
        header, *rows = ([self.text(c, line)[0] if c else "" for c in row]
                         for row in [table["header"], *table["rows"]])
        for i, row in enumerate(rows):
            if len(row) != len(header):
                self.warnings.append((line, f"table row {i + 1} has {len(row)} cells, the header "
                                            f"{len(header)}: check the row (empty cells added at the end)"))
                rows[i] = (row + [""] * len(header))[: max(len(header), len(row))]
        out = {"caption": self.text(table["caption"], line)[0]} if table.get("caption") else {}
        notes = {"notes": [self.text(n, line)[0] for n in table["notes"]]} if table.get("notes") else {}
        return {**out, "header": header, "rows": rows or [[""] * len(header)], **notes}

    def body(self, part: dict, path: tuple) -> dict:
        out: dict = {}
        line = self.read.line(path)
        if part.get("title"):
            out["title"] = self.text(part["title"], line)[0]
        for key, phrases in (("preamble", self.cat.preambular), ("operative", self.cat.operative)):
            if part[key]:
                out[key] = [self.para(p, path + (key, i), phrases) for i, p in enumerate(part[key])]
        if part.get("restart"):
            out["restart"] = True  # the operative numbering restarts after each section heading
        adopted = part.get("adopted")
        if adopted:
            if adopted["date"] is None:
                self.warnings.append((self.read.line(path + ("adopted",)), "plenary line without a date"))
            else:
                out["adopted"] = dict(adopted)
        elif part["operative"] and not self.draft:
            self.warnings.append((line, 'no plenary line ("70th plenary meeting" and date) found'))
        if not part["operative"] and not self.decision:
            self.warnings.append((line, "no operative paragraphs found"))
        return out

    def annex(self, annex: dict, path: tuple) -> dict:
        line = self.read.line(path)
        out: dict = {"title": self.text(annex["title"], line)[0]} if annex.get("title") else {}
        for key in ("numbered", "restart"):
            if annex.get(key):
                out[key] = True
        paras = annex["paragraphs"]
        out["paragraphs"] = [self.para(p, path + ("paragraphs", i)) for i, p in enumerate(paras)]
        if not paras:
            self.warnings.append((line, "annex without paragraphs; left out"))
        return out


def _words_of(p: dict) -> str:
    """A paragraph's own text (a section's or heading's words; a table has none of its own)."""
    return str(p.get("text", p.get("section", p.get("heading", ""))))


def _fields(reader: Reader, warn: Callable[[int, str], None], name: str = "",
            heads: list[tuple[str, ...]] | None = None) -> dict:
    """The masthead fields, cross-checked, with what can be derived filled in (``short_title:``
    from the page ``heads``' running title)."""
    f = {k: v for k, v in reader.data.items() if k not in ("parts", "annexes")}
    number = reader.number
    line = reader.title_line
    named = symbol_from_name(Path(name).name)
    if "symbol" not in f and not number and named:
        number = named.removeprefix("A/RES/")
        warn(line, f"no resolution number in the text: {number} taken from the file name")
        bare = re.match(rf"{re.escape(number.split(' ')[0])}\.\s+(?=\S)", f.get("title", ""))
        if bare:  # "475. Majority required …": the number without its session, printed from the symbol
            f["title"] = f["title"][bare.end() :]
    if "symbol" not in f and number:
        f["symbol"] = f"A/RES/{number}"
        warn(line, f"no symbol line: symbol {f['symbol']} taken from the title's number {number}")
    if number and f.get("symbol") and not f["symbol"].removeprefix("A/RES/").startswith(number):
        warn(1, f"the title's number {number} does not match the symbol {f['symbol']}")
    if "session" not in f and number:
        head = number.split("/")[0]
        old = re.search(r"\(([IVXL]+)\)$", number)
        if head.isdigit() or re.fullmatch(r"E?S-\d{1,2}", head) or old:
            f["session"] = roman_value(old.group(1)) if old else int(head) if head.isdigit() else head
            warn(line, f"no session line: session {f['session']} taken from the title's number {number}")
    if "issued" not in f:
        warn(1, "no date of issue found; the source leaves it out and no date line is printed")
    for key, what in (
        ("symbol", "document symbol (A/80/L.1 ...)" if "kind" in f else "document symbol (A/RES/...)"),
        ("session", "session"),
        ("title", "title"),
    ):
        if key not in f:
            warn(1, f"no {what} found; the YAML needs it")
    heading = reader.heading_date
    adopted = next((a for p in reader.data["parts"] if (a := p.get("adopted")) and a["date"]), None)
    if heading and adopted and heading[1] != adopted["date"]:
        warn(heading[0], f"the heading's date {heading[1]} differs from the plenary line's {adopted['date']}")
    return {**f, **_running_head(heads or [], f["title"])} if "title" in f else f


def convert(
    text: str, name: str, lang: str | None = None, heads: list[tuple[str, ...]] | None = None
) -> Imported:
    """Import ``text`` (named ``name`` in messages) in ``lang`` (found from the text when None);
    ``heads``, the running heads of pages 2 on where the input gives them apart from its text (a
    DOCX's headers), their lines. Raises SourceError when it is not a resolution."""
    from pipeline.source.schema import LANGUAGES

    found = None if lang else detect(text, LANGUAGES)
    lang = lang or found.lang  # type: ignore[union-attr]
    unsure = _unsure_language(text, found) if found and not found.won else []
    words = Words(catalogue(lang))
    note = None
    if drafts.is_draft_symbol(own_symbol(text.split("\n")[:_MASTHEAD_LINES]) or ""):
        text, note = drafts.sponsors_note(text)  # the sponsor line's note: neither a paragraph nor note 1
    reading = read(
        text, lambda line: words.is_furniture(plain(line), None) or bool(SYMBOL.match(plain(line)))
    )
    split_enacting(reading.blocks, words)
    reader = Reader(words)
    rest = reader.masthead(reading.blocks)
    starts = {b.lines[0].no for b in reading.blocks}
    breaks = {b.lines[0].no for b in reading.blocks if b.after_break}
    _refuse_other_kinds(reader, words, name)
    if reader.sponsor and reader.sponsor[1] and reader.sponsor[1].amends:
        sponsor = (reader.sponsor[0], reader.sponsor[1], reader.sponsor[1].amends)
        return _amendment(reader, sponsor, rest, reading, words, (name, text, lang), note, unsure)
    decision = _is_decision(reader)
    if decision:
        rest = drafts.split_decision(rest, words.cat)
    if not any(words.fixed("enacting", plain(x.text)) for x in rest):
        raise SourceError(
            [Diagnostic(name, 1, 1, f"not a resolution: no '{words.cat.word('enacting')},' line was found"),
             *(Diagnostic(name, line, 1, msg, "warning") for line, msg in unsure)]
        )
    reader.body(rest, starts, breaks)
    read_ = reader.source(name, text)
    labels = {n.label for n in reading.notes}
    cells = [(read_.line(path), msg) for path, msg in table_calls(read_.data, labels)]
    keys = Keys(reading.notes, ((read_.line(path), t) for path, t in iter_texts(read_.data)))
    warnings = unsure + reader.warnings + cells + keys.warnings
    writer = _Writer(read_, keys, words, reader.sponsor is not None, decision)
    page_heads = reading.heads + (heads or [])
    data = _fields(reader, lambda line, msg: warnings.append((line, msg)), name, page_heads)
    if note:  # its star is the sponsor line's (unres prints it)
        data["sponsor_note"] = writer.text(note[1], note[0])[0]
    data = {"style": "1998" if reader.stacked else "modern", "language": lang, **data}
    if "title" in data:
        data["title"] = writer.text(data["title"], reader.title_line)[0]
    _write_body(data, writer, reader, read_, keys, decision, warnings)
    if any(n.again for n in reading.notes) and "footnotes" in data and _numbered_anew(data):
        data["repeated_notes"] = "reuse"  # printed under its first number, as issued (A/RES/74/90)
    warnings += writer.warnings
    return _imported(name, data, warnings, read_)


def _numbered_anew(data: dict[str, Any]) -> bool:
    """Whether unres would print a note called again under a new number (from the 74th session)."""
    from pipeline.transforms.resolve import LAST_SESSION_REUSING_NOTES, regular_session

    try:
        return regular_session(data) > LAST_SESSION_REUSING_NOTES
    except (KeyError, TypeError, ValueError):
        return False


def _imported(name: str, data: dict[str, Any], warnings: list[tuple[int, str]], read_: Source) -> Imported:
    """The source written from ``data`` (its header naming the input), with the import's warnings
    placed at their lines and the YAML's own problems."""
    src, problems = _source(f"{Path(name).stem}.yaml", dump(ordered(data), _HEADER.format(Path(name).name)))
    diags = [Diagnostic(name, line, 1, msg, "warning") for line, msg in sorted(warnings, key=lambda w: w[0])]
    return Imported(src, diags + problems, read_)


def _write_body(data: dict[str, Any], writer: _Writer, reader: Reader, read_: Source, keys: Keys,
                decision: bool, warnings: list[tuple[int, str]]) -> None:
    """The body's fields into ``data``: a draft decision's paragraph, or parts or the paragraphs;
    annexes, footnotes."""
    parts = read_.data["parts"]
    if decision:
        data["decision"] = _decision(writer.body(parts[0], ("parts", 0)), reader.sponsor, warnings)
    elif reader.lettered or len(parts) > 1:
        data["parts"] = [writer.body(p, ("parts", i)) for i, p in enumerate(parts)]
    else:
        data.update(writer.body(parts[0], ("parts", 0)))
    annexes = [writer.annex(a, ("annexes", i)) for i, a in enumerate(read_.data["annexes"])]
    if any(a["paragraphs"] for a in annexes):
        data["annexes"] = [a for a in annexes if a["paragraphs"]]
    if keys.texts:
        data["footnotes"] = {k: writer.text(t, keys.lines[k])[0] for k, t in keys.texts.items()}


def _running_head(heads: list[tuple[str, ...]], title: str) -> dict[str, str]:
    """``short_title:``, the running head of pages 2 on in the lines the issued pages print it in:
    the running title most page heads print, when its words are the title's and
    it takes more than one line. Its lines are broken by hand, not where its column is full
    (A/RES/80/120: "… as a means of political" / "and economic coercion …", where the title breaks
    after "and"; 80/9's first line, "… on the Implementation of the United Nations", wider than
    the PDF's 250 pt column). A head of one line that is the title is what the title gives anyway;
    a running title of other words is left alone."""
    if not heads:
        return {}
    lines = [" ".join(line.split()) for line in Counter(heads).most_common(1)[0][0]]
    if len(lines) < 2 or " ".join(lines).split() != plain(title).split():
        return {}
    return {"short_title": "\n".join(lines)}


def _refuse_other_kinds(reader: Reader, words: Words, name: str) -> None:
    """A draft of a kind unres has no source for (one the catalogue has no words for) is refused at
    its sponsor line (an amendment document, "…: amendment to draft resolution A/80/L.25", is read
    by :func:`_amendment`)."""
    found = reader.sponsor[1] if reader.sponsor else None
    if reader.sponsor and found and found.kind is None:
        kinds = " or ".join(f"'{w}'" for w in drafts.kind_words(words.cat))
        message = (f"a {found.what}, not a draft resolution or decision: the sponsor line names no {kinds}, "
                   "and unres has no source kind for it")
        raise SourceError([Diagnostic(name, reader.sponsor[0], 1, message)])


def _amendment(reader: Reader, sponsor: tuple[int, drafts.SponsorLine, str], rest: list[Line],
               reading: Reading, words: Words, named: tuple[str, str, str], note: tuple[int, str] | None,
               unsure: list[tuple[int, str]]) -> Imported:
    """An amendment document ("United States of America:* amendment to draft resolution A/80/L.25",
    A/80/L.30): its masthead, sponsors, the draft it amends and its numbered instructions
    (:mod:`.amendments`) as a ``kind: amendment`` source; an instruction it cannot read is kept
    as text, with a warning at its line."""
    name, text, lang = named
    line, found, amends = sponsor
    formula = next((x.no for x in rest if words.fixed("enacting", plain(x.text))), None)
    if formula:  # a draft's text under an amendment's sponsor line: not instructions to read
        raise SourceError([Diagnostic(name, line, 1, (
            f"an {found.what}, but a draft's text follows (its '{words.cat.word('enacting')},' line at "
            f"line {formula}): an amendment document prints numbered instructions after its title"))])
    keys = Keys(reading.notes, ((x.no, x.text) for x in rest))  # numbered notes ("1 Report of …")
    rest = [Line(x.no, keys.apply(x.text), x.quoted) for x in rest]
    warnings = unsure + reader.warnings + keys.warnings
    read_ = amendments.read(rest, {b.lines[0].no for b in reading.blocks}, words.cat)
    if read_.cut:
        raise SourceError([Diagnostic(name, read_.cut[0] or line, 1, read_.cut[1])])
    fields = _fields(reader, lambda at, msg: warnings.append((at, msg)), name)
    data: dict[str, Any] = {"kind": "amendment", "style": "1998" if reader.stacked else "modern",
                            "language": lang, **fields, "amends": amends,
                            "amends_kind": "revised-draft" if "/Rev." in amends else "draft",
                            "sponsors": found.sponsors or ["[sponsor]"]}
    if note:
        data["sponsor_note"] = note[1]
    data["instructions"] = read_.instructions
    if keys.texts or read_.footnotes:
        data["footnotes"] = {**keys.texts, **read_.footnotes}
    warnings += read_.warnings
    places: dict[tuple, int] = {("title",): reader.title_line, ("sponsors",): line}
    places.update({("instructions", i): at for i, at in enumerate(read_.lines)})
    return _imported(name, data, warnings, _placed(name, text, data, places))


def _placed(name: str, text: str, data: dict[str, Any], places: dict[tuple, int]) -> Source:
    """``data`` as a source placed at the input's lines (``places``: path → line)."""
    from pipeline.model.source import Pos

    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(line: int) -> Pos:
        start = starts[line - 1] if 0 < line <= len(starts) else 0
        end = text.find("\n", start)
        return Pos(line, 1, start, len(text) if end < 0 else end)

    return Source(name, text, data, {path: pos(line) for path, line in places.items()})


def _is_decision(reader: Reader) -> bool:
    found = reader.sponsor[1] if reader.sponsor else None
    return bool(found and found.kind in DECISION_KINDS)


def _decision(body: dict[str, Any], sponsor: tuple[int, Any] | None,
              warnings: list[tuple[int, str]]) -> str | dict[str, Any]:
    """A draft decision's one paragraph (``decision:``), from the paragraphs the body was read
    as: the words after the enacting formula, read as one preambular paragraph; its sub-paragraphs
    ("… decides:" / "(a) To …;" / "(b) To …"), as an operative paragraph's, ``{text, items}``.
    More than one paragraph (or a quoted block) is joined into one, with a warning: a decision is
    one paragraph."""
    paras = [*(body.get("preamble") or ()), *(body.get("operative") or ())]
    if len(paras) == 1 and isinstance(paras[0], dict) and set(paras[0]) == {"text", "items"}:
        return {"text": paras[0]["text"], "items": paras[0]["items"]}
    if len(paras) != 1 or not isinstance(paras[0], str):
        line = sponsor[0] if sponsor else 1
        warnings.append((line, f"a draft decision is one paragraph: the {len(paras)} paragraph(s) read after "
                               "the enacting formula are joined into decision:, sub-paragraphs' words "
                               "after their paragraph's (their labels are not kept); check it"))
    return " ".join(_words(p) for p in paras)


def _words(para: Any) -> str:
    """A paragraph's text, then its sub-paragraphs' and quoted block's, in reading order."""
    if isinstance(para, str):
        return para
    texts = [para.get("text", ""), *(_words(x) for x in para.get("items") or ()), *(para.get("quote") or ())]
    return " ".join(t for t in texts if t)


def _unsure_language(text: str, found: Detected) -> list[tuple[int, str]]:
    """The warning, at the text's first line, when no catalogue's words won (pipeline.importer.detect)."""
    line = next((i for i, t in enumerate(text.split("\n"), 1) if t.strip()), 1)
    why = found.why
    return [(line, f"language not found from the text's words ({why}); {found.lang} assumed: "
                   "give --language LANG if it is another")]


def read_input(path: str) -> str:
    """The input's text ("-": standard input); unreadable, binary or non-UTF-8 input is an error."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise SourceError([Diagnostic(path, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise SourceError([Diagnostic(path, 0, 0, f"file is larger than {MAX_BYTES // 1048576} MB")])
    if b"\x00" in raw:
        raise SourceError([Diagnostic(path, 0, 0, "binary file, not the text of a resolution")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceError([Diagnostic(path, line, 1, "not UTF-8 text; save the file as UTF-8")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _source(target: str, yaml_text: str) -> tuple[Source, list[Diagnostic]]:
    """The written YAML as the loader reads it; if it does not validate, say why (in terms of
    the YAML's lines) and hand on the data as read, with its places."""
    try:
        return load(target, yaml_text), []
    except SourceError as exc:
        data, positions, _ = parse(target, yaml_text)
        return Source(target, yaml_text, data, positions), [
            Diagnostic(d.file, d.line, d.column, f"the imported YAML needs an edit: {d.message}", "warning")
            for d in exc.diagnostics
        ]
