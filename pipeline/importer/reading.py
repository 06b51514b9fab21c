"""Reading the text of an issued resolution: blocks, page breaks, footnote calls and notes.

The input is plain text or light Markdown, or text copied from a PDF. Blank lines
separate blocks; ``---`` (or ``***``, ``___``, a form feed) marks a page break; a line of spaced
asterisks, ``* * *``, is the separator a resolution prints between groups of paragraphs
(A/RES/80/131), kept as text for :mod:`.structure` to place. Footnote
texts are taken out wherever they stand (after a page break, under a rule, at the end)
and footnote calls in any of the usual forms (``<sup>1</sup>``, ``^1``, ``[^1]``, 1990s
``1/``, a PDF copy's "; 1") are rewritten to ``[^#1]``, keyed by the printed label, for
:mod:`.notes` to key properly once every note is known.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.source.schema import L_SYMBOL

# A resolution's symbol alone on its line: the masthead's, and a running head's ("A/RES/80/21",
# "A/RES/2758 (XXVI)"); or a draft's (an L document's, the schema's form: "A/80/L.7", "A/C.3/80/L.12/Rev.1")
SYMBOL = re.compile(
    rf"^(?:A/RES/\S+(?: [A-Z](?:-[A-Z])?)?(?: \([IVXL]+\))?|{L_SYMBOL.removeprefix('^').removesuffix('$')})$"
)

_BREAK = re.compile(r"(?:-{3,}|\*{3,}|_{3,}|={3,}|(?:- ){2,}-)")
ASTERISM = re.compile(r"\*(?: \*){2,}")  # "* * *": printed between groups of paragraphs, not a break
_HARD_BREAK = re.compile(r"(?:\s{2,}|\\)$")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}\s+|>\s?)")
_TAGS = {"i": "*", "em": "*", "b": "**", "strong": "**"}

# Footnote texts: "[^1]: text", "<sup>1</sup> text", "^1 text", "1/ text"; bare "1 text" in notes areas.
_DEF_MARKED = re.compile(
    r"^(?:\[\^([^\]\s]+)\]:|<sup>\s*(\d+)\s*</sup>|\^(\d+)\^?|(\d{1,3})/(?=\s))\s*(\S.*)$"
)
_DEF_BARE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_LONE = re.compile(r"\d{1,3}")

_CALLS = (
    re.compile(r"<sup>\s*([^<\s]+)\s*</sup>"),
    re.compile(r"\[\^(?!#)([^\]\s]+)\](?!:)"),
    re.compile(r"(?<![\[\w])\^(\d{1,3})\^?"),
)
_CALL_1990S = re.compile(r"\s?(?<![\w/.\-])(\d{1,2})/(?=[\s,.;:)\]]|$)")
PLACEHOLDER = re.compile(r"\[\^#([^\]\s]+)\]")


def join_lines(a: str, b: str) -> str:
    """Join wrapped lines: "capacity-" + "building" keeps the hyphen and no space, as do "30-" +
    "minute" and a range broken at its dash ("2015–" + "2030"); a dash set apart (" –") is a dash.
    A line that opens with a comma or a semicolon follows the word before it: a call raised after
    another call ("conflict,10" / ",11": a PDF's text layer breaks the line at the raised number)."""
    if a.endswith(("-", "\u2013")) and len(a) > 1 and a[-2].isalnum():
        return a + b
    if b.startswith((",", ";")):
        return a + b
    return f"{a} {b}"


@dataclass
class Line:
    no: int  # 1-based line number in the input
    text: str
    quoted: bool = False  # a Markdown quote line ("> …"): a quoted block's text


@dataclass
class Block:
    """Consecutive non-blank lines; ``after_break`` when a page break (or notes) came before."""

    lines: list[Line]
    after_break: bool = False
    under_rule: bool = False  # between a rule "____" and the end of its page: a PDF copy's notes


@dataclass
class Note:
    label: str  # as printed: "1", or a Markdown label
    line: int
    text: str
    guessed: bool = False  # no call found: called at the end of the text before the note
    again: bool = False  # called again under its own number (printed so to the 73rd session)


@dataclass
class Reading:
    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)
    heads: list[tuple[str, ...]] = field(default_factory=list)  # each page head's running title, its lines


def _clean(text: str) -> str:
    """One line without block markup (#, >, hard-break marks) and with HTML emphasis as Markdown."""
    text = _HARD_BREAK.sub("", _BLOCK_MARK.sub("", text.strip())).strip()
    text = re.sub(r"</?(i|em|b|strong)>", lambda m: _TAGS[m.group(1).lower()], text, flags=re.IGNORECASE)
    # a tab parts columns, as a run of spaces does ("United Nations\tA/RES/73/8", a DOCX's header)
    return "".join(c if c.isprintable() else "  " if c == "\t" else " " if c.isspace() else "" for c in text)


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    after_break = under_rule = False

    def flush() -> None:
        nonlocal current, after_break
        if current:
            blocks.append(Block(current, after_break, under_rule))
            after_break = False
        current = []

    for no, raw in enumerate(text.split("\n"), 1):
        if "\f" in raw:
            flush()
            after_break, under_rule = True, False
            raw = raw.replace("\f", "")
        stripped = raw.strip()
        if _BREAK.fullmatch(stripped):
            flush()
            after_break = True
            under_rule = stripped.startswith("_")
        elif not stripped:
            flush()
        else:
            cleaned = _clean(raw)
            if cleaned:
                current.append(Line(no, cleaned, stripped.startswith(">")))
    flush()
    return blocks


def _marked_note(text: str) -> tuple[str, str] | None:
    m = _DEF_MARKED.match(text)
    if not m:
        return None
    label = next(g for g in m.groups()[:4] if g)
    return label, m.group(5)


def _take_notes(
    blocks: list[Block], notes: list[Note], test: Callable[[str], tuple[str, str] | None]
) -> list[Block]:
    """Move notes (lines for which ``test`` gives (label, text)) out of the blocks.

    A note starts a block or follows another note (marked notes may start anywhere) and
    runs on over the following lines of its block; the block after notes counts as
    coming after a page break (its paragraph may continue an earlier one).
    """
    kept: list[Block] = []
    carry_break = False
    for block in blocks:
        body: list[Line] = []
        note: Note | None = None
        for line in block.lines:
            found = test(line.text) if (note or not body or test is _marked_note) else None
            if found:
                note = Note(found[0], line.no, found[1])
                notes.append(note)
            elif note:
                note.text = join_lines(note.text, line.text)
            else:
                body.append(line)
        if body:
            kept.append(Block(body, block.after_break or carry_break, block.under_rule))
            carry_break = False
        else:
            carry_break = carry_break or block.after_break or note is not None
    return kept


def _calls(text: str, nineties: bool) -> str:
    for rx in _CALLS:
        text = rx.sub(r"[^#\1]", text)
    if nineties:
        text = _CALL_1990S.sub(r"[^#\1]", text)
    return re.sub(r"(?<!\\)\[\^(?!#)", r"\\[^", text)  # any other "[^" is text, not a call


def _bare_notes(blocks: list[Block], notes: list[Note], called: set[str]) -> list[Block]:
    """Notes printed with a bare number ("1 A/52/274"): only in notes areas, only if called."""

    def test(text: str) -> tuple[str, str] | None:
        m = _DEF_BARE.match(text)
        if m and m.group(1) in called and all(n.label != m.group(1) for n in notes):
            return m.group(1), m.group(2)
        return None

    # Notes areas: the tail of the document, and the blocks right after each page break.
    tail = len(blocks)
    while tail and test(blocks[tail - 1].lines[0].text):
        tail -= 1
    out: list[Block] = []
    for i, block in enumerate(blocks):
        out.extend(_take_notes([block], notes, test) if i >= tail or block.after_break else [block])
    return out


def _copied_notes(blocks: list[Block], notes: list[Note], furniture: Callable[[str], bool]) -> list[Block]:
    """Notes as a copy of a PDF page gives them, under the rule: the number alone on its line,
    the text on the following lines (page furniture in between), the call a bare number
    after punctuation ("resolution 72/4; 1"), which becomes ``[^#1]``."""
    kept: list[Block] = []
    found: list[Note] = []
    note: Note | None = None
    paired: set[int] = set()  # the blocks of notes areas read whole by _paired_notes
    for i, block in enumerate(blocks):
        if block.under_rule and i not in paired and (i == 0 or not blocks[i - 1].under_rule):
            run = list(itertools.takewhile(lambda b: b.under_rule, blocks[i:]))
            pairs = _paired_notes(run, notes + found, furniture)
            if pairs:
                found.extend(pairs)
                paired.update(range(i, i + len(run)))
        if i in paired:
            continue
        if not block.under_rule:
            kept.append(block)
            note = None
            continue
        body: list[Line] = []
        for line in block.lines:
            if furniture(line.text):
                continue
            numbered = _DEF_BARE.match(line.text) if line is block.lines[0] else None
            if _LONE.fullmatch(line.text) and all(n.label != line.text for n in notes):
                note = Note(line.text, line.no, "")
                found.append(note)
            elif numbered and all(n.label != numbered.group(1) for n in notes + found):
                # "1 A/54/298.": the number and the text on one line, each note a block of its own
                note = Note(numbered.group(1), line.no, numbered.group(2))
                found.append(note)
            elif note:
                note.text = join_lines(note.text, line.text).strip()
            else:
                body.append(line)
        if body:
            kept.append(Block(body, block.after_break))
    at: tuple[int, int] = (0, 0)
    for k, note in enumerate(found):
        # a weak call is looked for before the next note's strong one ("Mali 1 and the" /
        # "… Questions,2": not "from 1 July" between them, A/RES/78/250)
        bound = _strong_call(kept, found[k + 1], at) if k + 1 < len(found) else None
        at = _loose_call(kept, note, at, bound) or _guessed_call(kept, note) or at
    for note in found:
        _called_again(kept, note)
    notes.extend(found)
    return kept


# a note called again under its number (to the 73rd session), after its first call: its number glued
# to the punctuation after a word ("on the work of its sixty-eighth session;2", A/RES/72/150, whose
# note 2 stands on page 1 under its first call; "… for Sustainable Development;1" before note 1 on
# its page, A/RES/73/90) or after a year ("Risk Reduction 2015–2030;2", A/RES/73/230), or to a word's
# last small letter ("… Nuclear Weapons1 in", "Test-Ban Treaty5 will", A/RES/72/50); not to a
# capital ("SDG14", "CO2"), nor after a full stop ("Add.1") or a unit of area or volume ("km2")
_AGAIN = (r"(?:(?<=[^\W\d_][,;:”’)])|(?<=\b(?:19|20)\d\d[,;:])"
          r"|(?<=[^\W\dA-Z_])(?<!\bkm)(?<!\bcm)(?<!\bmm)(?<!\bm))(?:{n})(?=\s|$)")


def _called_again(blocks: list[Block], note: Note) -> None:
    """Mark the calls of ``note`` printed after its first call (marked by then), in the strong
    forms a call takes glued to what it follows: a note's first call is its first such form, so
    each later one is the note called again."""
    rx = re.compile(_AGAIN.format(n=re.escape(note.label)))
    mark = f"[^#{note.label}]"
    seen = False
    for block in blocks:
        for line in block.lines:
            if seen:
                line.text, k = rx.subn(mark, line.text)
            elif mark in line.text:
                seen = True
                head, tail = line.text.split(mark, 1)
                tail, k = rx.subn(mark, tail)
                line.text = head + mark + tail
            else:
                k = 0
            note.again = note.again or k > 0


def _paired_notes(run: list[Block], known: list[Note], furniture: Callable[[str], bool]) -> list[Note]:
    """A page's notes area as ``pdftotext`` gives it without ``-layout``: the raised numbers
    apart from the texts, all of them before the texts ("1", "2", then "A/49/765, annex I.",
    "A/52/174, annex I.": A/RES/68/262) or some after them (ES-11/1: the first two texts, "3",
    the third, then "1", "2"). When the area has as many text lines as lone numbers, each note
    is one line: the texts, in order, go to the numbers in increasing order. Else (a note over
    several lines, numbers and texts interleaved) nothing is paired here."""
    lines = [line for block in run for line in block.lines if not furniture(line.text)]
    lone = [line for line in lines if _LONE.fullmatch(line.text)]
    texts = [line for line in lines if not _LONE.fullmatch(line.text)]
    labels = sorted({int(line.text) for line in lone})
    if (
        not lone or len(labels) != len(lone) or len(texts) != len(lone)
        or any(n.label == str(label) for n in known for label in labels)
        or labels != list(range(labels[0], labels[0] + len(labels)))
        or all(lines[2 * k].text == str(label) for k, label in enumerate(labels))  # interleaved
    ):  # fmt: skip
        return []
    return [Note(str(label), text.no, text.text) for label, text in zip(labels, texts, strict=True)]


_ENDS_CLAUSE = re.compile(r"[,;:.][”’\"')]*$")
_CALL_FORMS = (
    # strong: after punctuation ("resolution 72/4; 1", "peace,1"), after an abbreviation's dot, glued
    # to its word by a PDF's text layer ("Bangkok4 and", "report6 adopted") or to a year after a
    # day and month ("of 25 November 20242 and")
    r"(?<=[,;:”’)\]])\s?(?P<n>{n})(?=\s|$)|(?<=[A-Za-z]\.)\s?(?P<n2>{n})$"
    r"|(?<=[^\W\d_])(?P<n3>{n}){end}|\b\d{{1,2}} [^\W\d_]+ (?:19|20)\d\d(?P<n4>{n}){end}",
    # weak, only when no strong form is found: set apart after a word ("by a number of States 4
    # that"), glued to a bare year ("of 19881 and", "2025–20288") or to the next word after
    # a word or punctuation ("Weapons 6and the", "States Parties, 8and welcomes")
    r"(?<=[^\W\d_]) (?P<n>{n})(?=\s|$|[^\W\d_])|\b(?:19|20)\d\d(?P<n2>{n}){end}"
    r"|(?<=[,;:”’)\]]) ?(?P<n3>{n})(?=[^\W\d_])"
    # or set apart after a figure, the raised figure's gap after it ("of 16 April 2004 4  and")
    r"|(?<=\d) (?P<n6>{n})(?= {{2}}\S)"
    # or set apart after a year, before a lower-case word or at the line's end ("Conventions of
    # 1949 2 and", "of 31 May 1997 2": pdftotext of A/RES/ES-11/1, 68/262)
    r"|(?<=\b(?:19|20)\d\d) (?P<n8>{n})(?= [a-z]|$)"
    # or glued to a resolution's number of three figures ("pursuant to resolution 77/2285 and": the
    # issue's "77/228" and raised 5, A/RES/78/220; no session has a resolution of four figures)
    r"|(?<![\w/])\d\d/\d{{3}}(?P<n9>{n}){end}"
    # or after a sentence's full stop, before the next sentence, glued or set apart ("the Paris
    # Principles. 13 We will", "Human Rights.15 We stress", A/RES/80/9); not after an abbreviation
    # that a number follows ("para. 13", "vol. 2")
    r"|(?<=[^\W\d_]{{3}}\.)(?<!para\.)(?<!paras\.)(?<!vol\.)(?<!vols\.)(?<!chap\.)(?<!sect\.)(?<!art\.)"
    r" ?(?P<n7>{n})(?= [A-Z])"
    # or at the start of a line, two spaces after it ("of 13 September 1993" / "13  and the …") or
    # glued to its first word ("Sustainable Development," / "8including the …"; not "1st", "2nd")
    r"|^(?P<n4>{n})(?= {{2}})|^(?P<n5>{n})(?!st\b|nd\b|rd\b|th\b)(?=[a-z])",
    # last, only when no weak form is found either: glued to the figure of a name, a capitalized
    # word's one or two figures ("Development5 and Agenda 216 and the principles": the issue's
    # "Agenda 21" and raised 6, A/RES/79/211)
    r"\b[A-Z][^\W\d_]* \d{{1,2}}(?P<n>{n}){end}",
)


def _marked_at(blocks: list[Block], note: Note) -> tuple[int, int] | None:
    mark = f"[^#{note.label}]"
    for b in blocks:
        for line in b.lines:
            if mark in line.text:
                return line.no, line.text.index(mark)
    return None


def _found(
    lines: list[Line], note: Note, forms: tuple[str, ...], after: tuple[int, int],
    before: tuple[int, int] | None,
) -> tuple[Line, re.Match[str]] | None:
    """The nearest call of ``note`` in one of ``forms`` (the first form found wins) between the
    places ``after`` and ``before`` (line, column)."""
    n = re.escape(note.label)
    for form in forms:
        rx = re.compile(form.format(n=n, end=r"(?=[\s,.;:)\]]|$)"))
        for line in reversed(lines):
            found = [
                m for m in rx.finditer(line.text)
                if (line.no > after[0] or m.start() >= after[1])
                and (before is None or (line.no, m.end()) <= before)
            ]  # fmt: skip
            if found:
                if form == _CALL_FORMS[0]:
                    return _first_of_repeated(lines, line, found[-1], rx, after, n)
                return line, found[-1]
    return None


def _first_of_repeated(
    lines: list[Line], line: Line, m: re.Match[str], rx: re.Pattern[str], after: tuple[int, int],
    label: str,
) -> tuple[Line, re.Match[str]]:
    """The first of the strong calls that follow the same word as the nearest one (``line``,
    ``m``), or that are glued as a call called again is (:data:`_AGAIN`): a note called again
    keeps its number to the 73rd session (and at times later), after the words that called it
    first ("… of 12 August 1949, 3 to the occupied Syrian Golan" on page 2, "… of 12 August
    1949,3 and have no legal effect" below it, A/RES/74/90), or after other words before the note
    ("… Cultural Rights2 and the International Covenant on Civil and Political Rights,2", both
    above note 2, A/RES/61/295): calls are numbered in the order they are printed, so a number so
    glued after the call before is this note's. A strong call set apart after other words is not
    taken ("paragraphs 2, 3 and 4" before "…Convention,3")."""

    def word(x: Line, k: re.Match[str]) -> tuple[str, int]:
        group = next(g for g, v in k.groupdict().items() if v is not None)
        return "".join(x.text[: k.start(group)].split()[-1:]), k.start(group)

    want = word(line, m)[0]
    glued = re.compile(_AGAIN.format(n=label))
    for x in lines:
        for k in rx.finditer(x.text):
            if (x.no, k.start()) >= (line.no, m.start()):
                return line, m
            before, at = word(x, k)
            if (x.no > after[0] or k.start() >= after[1]) and (
                    (want and before == want) or glued.match(x.text, at)):
                return x, k
    return line, m


def _strong_call(blocks: list[Block], note: Note, after: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``note``'s call stands if it is marked or in a strong form (not marked here)."""
    marked = _marked_at(blocks, note)
    if marked:
        return marked
    lines = [line for b in blocks for line in b.lines if after[0] <= line.no < note.line]
    hit = _found(lines, note, _CALL_FORMS[:1], after, None)
    return (hit[0].no, hit[1].start()) if hit else None


def _loose_call(
    blocks: list[Block], note: Note, after: tuple[int, int] = (0, 0), before: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """Mark the nearest bare-number call before ``note`` (if it has no marked call), after the call
    of the note before (``after``: its line and column; calls are numbered in the order they are
    printed) and before the next note's call where that is known (``before``). Gives the place of
    the call marked or found, else None."""
    lines = [line for b in blocks for line in b.lines if after[0] <= line.no < note.line]
    mark = f"[^#{note.label}]"
    marked = _marked_at(blocks, note)
    if marked:
        return marked
    hit = _found(lines, note, _CALL_FORMS, after, before)
    if not hit:
        return None
    line, m = hit
    group = next(g for g, v in m.groupdict().items() if v is not None)
    start, stop = m.span(group)
    if not line.text[m.start() : start].strip():
        start = m.start()  # "Rarotonga, 3", "States 4": the space before the call goes with it
    space = " " if line.text[stop : stop + 1].isalpha() else ""  # "8and": "[^8] and"
    at = lines.index(line)
    if start == 0 and at and lines[at - 1].no == line.no - 1:  # the call opens its line:
        lines[at - 1].text += mark  # it follows the last word of the line before
        line.text = line.text[stop:].lstrip()
        return line.no, 0
    line.text = f"{line.text[:start]}{mark}{space}{line.text[stop:]}"
    return line.no, start


def _guessed_call(blocks: list[Block], note: Note) -> tuple[int, int] | None:
    """A note whose call is not found is kept: called at the end of the last clause before it (a
    line ending in punctuation, on its page, where its call is; not the plenary line or its date),
    marked ``guessed`` for a warning at its line."""
    lines = [x for b in blocks for x in b.lines if x.no < note.line and _ENDS_CLAUSE.search(x.text)]
    if not lines:
        return None
    lines[-1].text += f"[^#{note.label}]"
    note.guessed = True
    return lines[-1].no, len(lines[-1].text)


def _strip_furniture(blocks: list[Block], furniture: Callable[[str], bool]) -> list[Block]:
    """Drop page headers and footers: leading lines after a page break, trailing lines before one."""
    kept: list[Block] = []
    carry_break = False
    for i, block in enumerate(blocks):
        lines = block.lines
        if block.after_break or carry_break:
            while lines and furniture(lines[0].text):
                lines = lines[1:]
        if i + 1 < len(blocks) and blocks[i + 1].after_break:
            while lines and furniture(lines[-1].text) and not _FIRST_JOB.match(lines[-1].text):
                lines = lines[:-1]  # page 1's job number ("18-18418 (E)  071118") is read, then dropped
        if lines:
            kept.append(Block(lines, block.after_break or carry_break, block.under_rule))
            carry_break = False
        else:
            carry_break = carry_break or block.after_break
    return kept




def _page_heads(blocks: list[Block], furniture: Callable[[str], bool],
                heads: list[tuple[str, ...]]) -> list[Block]:
    """Page heads as a PDF's text layer copied without form feeds gives them (PyMuPDF, a
    viewer's copy): after the masthead's symbol, a block that opens with the symbol alone
    (even pages: symbol, running title) or ends with it (odd pages: running title, symbol)
    marks a page break: its furniture lines are dropped, what is left (the running title)
    counts as after a break, and the notes area of the page before (under its rule) ends; the
    block of job number and page number after it ("25-19633", "2/7") is dropped (a block of
    furniture elsewhere is left for the reader of the body, which keeps the job number). Each
    running title's lines, as printed, are added to ``heads``."""
    seen_symbol = in_notes = after_head = False
    kept: list[Block] = []
    carry_break = False
    for block in blocks:
        texts = [line.text for line in block.lines]
        head = seen_symbol and bool(SYMBOL.match(texts[0]) or SYMBOL.match(texts[-1]))
        seen_symbol = seen_symbol or any(SYMBOL.match(t) for t in texts)
        if block.under_rule and block.after_break:
            in_notes = True  # a rule: the page's notes follow
        if not block.under_rule:
            in_notes = False  # a form feed ended the notes area
        if after_head and all(map(furniture, texts)):
            continue  # the head's job number and page number ("25-19633", "2/7"), a block of their own
        after_head = head
        if not head:
            kept.append(Block(block.lines, block.after_break or carry_break, in_notes))
            carry_break = False
            continue
        in_notes = False
        lines = block.lines
        while lines and furniture(lines[0].text):
            lines = lines[1:]
        while lines and furniture(lines[-1].text):
            lines = lines[:-1]
        if lines:
            heads.append(tuple(line.text for line in lines))
            kept.append(Block(lines, True, False))
            carry_break = False
        else:
            carry_break = True
    return kept


SYMBOL_GAP = re.compile(r"^(A/(?:[\w.-]+/)+) (\d+)$")  # "A/RES/ES-11/ 4": a PDF's copy spaces the number


_FIRST_JOB = re.compile(r"\d{2}-\d{5} \(\w\)")  # page 1's job number, with its language's letter
_HEAD_LINES = 3  # a page head's lines at most (a running title over two lines and the symbol)


def own_symbol(lines: list[str]) -> str | None:
    """The document's symbol: the first that its first lines print, alone or beside other
    masthead words ("United Nations A/RES/68/262"), a number spaced after its slash joined."""
    for text in lines:
        words = re.split(r"\s+", text.strip())
        for k, word in enumerate(words):
            joined = SYMBOL_GAP.sub(r"\1\2", f"{word} {words[k + 1]}") if k + 1 < len(words) else word
            for token in (joined, word):
                if SYMBOL.match(token):
                    return token
    return None


def _heads_side_by_side(blocks: list[Block]) -> list[Block]:
    """A page head as ``pdftotext`` prints it: the document's symbol and the running title on one
    line ("A/RES/68/262        Territorial integrity of Ukraine" with ``-layout``, "Charter of the
    United Nations A/RES/ES-11/4" with ``-raw``), split into its two lines, so that the symbol
    is furniture and the running title is told as the heads of PyMuPDF's copy are."""
    symbol = own_symbol([line.text for b in blocks[:12] for line in b.lines][:12])
    if not symbol:
        return blocks
    for block in blocks:
        split: list[Line] = []
        for line in block.lines:
            text = line.text
            if text.startswith(f"{symbol} ") and text != symbol:
                split += [Line(line.no, symbol), Line(line.no, text[len(symbol):].strip(), line.quoted)]
            elif text.endswith(f" {symbol}"):
                split += [Line(line.no, text[: -len(symbol)].strip(), line.quoted), Line(line.no, symbol)]
            else:
                split.append(line)
        block.lines = split
    return blocks


def _heads_at_top(
    blocks: list[Block], furniture: Callable[[str], bool], heads: list[tuple[str, ...]]
) -> list[Block]:
    """A page head at the top of a block after a form feed, where ``pdftotext`` prints it: its
    lines the symbol, at most two lines of running title before or after it, and the page's job
    and page numbers after them ("A/RES/73/8" / "Necessity of ending …" / "imposed by …" /
    "18-18418" / "2/2"), running on into the page's text when no blank line follows (``-raw``)
    or a block of its own (``-layout``). The head becomes a block of its running title alone, as
    :func:`_page_heads` leaves a PyMuPDF copy's head (its lines added to ``heads``), and the
    page's text a block after it."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        lines = block.lines
        # pdftotext's default mode: the symbol and the running title blocks of their own, in either
        # order; the reading is left to the furniture and running-title rules, the head recorded
        pair = blocks[i + 1 : i + 2] if block.after_break else []
        alone = [b for b in (block, *pair) if len(b.lines) == 1 and SYMBOL.match(b.lines[0].text)]
        if pair and len(alone) == 1:
            head = pair[0] if alone[0] is block else block
            if len(head.lines) <= 2 and not any(furniture(x.text) for x in head.lines):
                heads.append(tuple(x.text for x in head.lines))
        at = next((k for k, line in enumerate(lines[: _HEAD_LINES]) if SYMBOL.match(line.text)), None)
        if not block.after_break or at is None or len(lines) == 1:
            out.append(block)
            continue
        end = at + 1
        while end < len(lines) and end - at <= 2 and not furniture(lines[end].text):
            end += 1  # the running title under the symbol (even pages)
        feet = end
        while feet < len(lines) and furniture(lines[feet].text):
            feet += 1  # the job and page numbers
        # no numbers after a title: the lines after the symbol are the page's text
        end = at + 1 if feet == end and end < len(lines) else feet
        title = [line for line in lines[:end] if not furniture(line.text)]
        if title:
            heads.append(tuple(line.text for line in title))
            out.append(Block(title, True, False))
        if end < len(lines):
            out.append(Block(lines[end:], not title, block.under_rule))
    return out


def read(text: str, furniture: Callable[[str], bool]) -> Reading:
    """Split ``text`` into blocks and notes, with calls rewritten to ``[^#label]``.

    ``furniture`` tells page headers and footers, dropped next to page breaks.
    """
    notes: list[Note] = []
    heads: list[tuple[str, ...]] = []
    blocks = _heads_at_top(_heads_side_by_side(_blocks(text)), furniture, heads)
    blocks = _page_heads(_strip_furniture(blocks, furniture), furniture, heads)
    blocks = _take_notes(blocks, notes, _marked_note)
    nineties = bool(re.search(r"^\s*\d{1,2}/\s", text, re.MULTILINE))  # notes printed "1/ ..."
    for block in blocks:
        for line in block.lines:
            line.text = _calls(line.text, nineties)
    for note in notes:
        note.text = _calls(note.text, nineties)
    blocks = _copied_notes(blocks, notes, furniture)
    called = {m.group(1) for b in blocks for line in b.lines for m in PLACEHOLDER.finditer(line.text)}
    blocks = _bare_notes(blocks, notes, called)
    return Reading(blocks, notes, heads)
