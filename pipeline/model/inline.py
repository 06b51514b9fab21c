"""Inline markup of paragraph text → runs, with markdown-it-py.

Only what a drafter needs is switched on: ``*italic*``, ``**bold**`` (stars only; an
underscore is just an underscore), backslash escapes, footnote calls ``[^key]`` (a
small markdown-it rule below) and line breaks: a line break in the text (a title written as a
literal block, ``title: |-``, one printed line per line) is a :class:`~pipeline.model.LineBreak`;
spaces and tabs within a line are one space, as YAML's folding leaves them. Raw HTML, links, images,
code spans and entities are off, so ``<script>`` or ``&amp;`` stay literal text.

A table's cell calls one of the table's own notes with the same markup, the note's marker as the
key: ``Geneva[^a]`` calls the note written ``a Includes …`` under the table (``[^*]`` the note
``\\* Provisional.``); :func:`split_note_mark` reads a note's marker, :func:`cell_calls` turns
the calls of a cell into :class:`~pipeline.model.TableNoteRef`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, emphasis

from pipeline.model import LineBreak, NoteRef, Runs, TableNoteRef, Text

_CALL = re.compile(r"\[\^([^\]\s]+)\]")
_CALL_START = re.compile(r"(?<!\\)\[\^")


def _note_call(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[^", pos):
        return False
    m = _CALL.match(src, pos)
    if not m:
        return False
    if not silent:
        tok = state.push("note_call", "", 0)
        tok.meta = {"key": m.group(1), "offset": pos}
    state.pos = m.end()
    return True


def _star_emphasis(state: StateInline, silent: bool) -> bool:
    """Emphasis with ``*`` only: ``_`` is an ordinary character (``__init__``, ``snake_case``)."""
    if state.src[state.pos] == "_":
        return False
    return emphasis.tokenize(state, silent)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "escape", "newline"]).disable("text_join")
    md.inline.ruler.at("emphasis", _star_emphasis)
    md.inline.ruler.before("emphasis", "note_call", _note_call)
    return md


@dataclass(frozen=True)
class InlineProblem:
    offset: int  # character offset in the text
    message: str


def parse_inline(text: str) -> tuple[Runs, list[InlineProblem]]:
    """Parse paragraph text into runs; problems (unbalanced ``*`` ...) are returned, not raised."""
    problems: list[InlineProblem] = []
    text = normalise(text)
    for m in _CALL_START.finditer(text):
        if not _CALL.match(text, m.start()):
            problems.append(
                InlineProblem(m.start(), "malformed footnote call: write [^key], with no spaces in the key")
            )
    tokens = _parser().parseInline(text)
    runs: list[Text | NoteRef | LineBreak] = []
    italic = bold = 0
    for block in tokens:
        for tok in block.children or ():
            if tok.type == "em_open":
                italic += 1
            elif tok.type == "em_close":
                italic -= 1
            elif tok.type == "strong_open":
                bold += 1
            elif tok.type == "strong_close":
                bold -= 1
            elif tok.type == "note_call":
                runs.append(NoteRef(key=tok.meta["key"], number=0))
            elif tok.type in ("text", "text_special"):
                if tok.type == "text" and _lone_star(tok.content) is not None:
                    problems.append(
                        InlineProblem(
                            _lone_star(text) or 0,
                            "unbalanced '*': close the emphasis or write \\* for a literal star",
                        )
                    )
                _append(runs, Text(tok.content, italic=italic > 0, bold=bold > 0))
            elif tok.type in ("softbreak", "hardbreak"):
                runs.append(LineBreak())
    return tuple(runs), problems


def normalise(text: str) -> str:
    """Text as inline markup reads it: each line's spaces one space, lines joined by one line
    break (no empty line, none at either end). YAML's folding (``>-``, plain scalars) leaves no
    line break but for an empty line; a literal block (``|-``) keeps them."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def line_breaks(text: str) -> list[int]:
    """Offsets in :func:`normalise`'s text of the line breaks ``text`` holds."""
    flat = normalise(text)
    return [i for i, c in enumerate(flat) if c == "\n"]


def _lone_star(text: str) -> int | None:
    """Offset of a '*' that opens or closes emphasis but found no partner.

    A star with text on one side only (``*Recalling``) is an unbalanced delimiter; one
    with text on both sides (``7*7``) or neither (``a * b``) is literal, as in CommonMark.
    """
    for m in re.finditer(r"(?<!\\)\*+", text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isspace() != after.isspace():
            return m.start()
    return None


def _append(runs: list[Text | NoteRef | LineBreak], run: Text) -> None:
    """Merge adjacent runs of the same emphasis."""
    if runs and isinstance(runs[-1], Text):
        last = runs[-1]
        if (last.italic, last.bold) == (run.italic, run.bold):
            runs[-1] = Text(last.text + run.text, last.italic, last.bold)
            return
    if run.text:
        runs.append(run)


#: A table note's marker: one lower-case letter or one to three asterisks, a space, then the note's
#: first word, not lower case ("a Includes …", "* Reissued …"; "a number of …" is not a marker).
_NOTE_MARK = re.compile(r"([a-z]|\*{1,3}) +(?=[^\s\w]|[^\W\d_a-z]|\d)")
#: What a table note's marker looks like, and so the key of a cell's call to one ("a", "*").
TABLE_MARK = re.compile(r"[a-z]|\*{1,3}")


def split_note_mark(runs: Runs) -> tuple[str, Runs]:
    """A table note's marker (printed raised) and its runs after the marker and its space
    ("" and the runs unchanged for a note without one, such as "Abbreviations: …")."""
    first = runs[0] if runs else None
    if not isinstance(first, Text) or first.italic or first.bold:
        return "", runs
    m = _NOTE_MARK.match(first.text)
    if not m or m.end() == len(first.text):
        return "", runs
    return m.group(1), (replace(first, text=first.text[m.end():]), *runs[1:])


def note_marks(notes: list[str]) -> list[str]:
    """The marker of each of a table's notes as written in a source ("" where a note has none)."""
    return [split_note_mark(parse_inline(n)[0])[0] for n in notes]


def cell_calls(runs: Runs, marks: tuple[str, ...] | list[str]) -> Runs:
    """A cell's runs with its calls to the table's notes (a call ``[^a]`` whose key is one of the
    table's note ``marks``) as :class:`~pipeline.model.TableNoteRef`; other calls stay footnotes."""
    return tuple(TableNoteRef(r.key) if isinstance(r, NoteRef) and r.key in marks else r for r in runs)


def note_calls(text: str) -> list[tuple[str, int]]:
    """Keys and character offsets of the footnote calls in raw text."""
    return [(m.group(1), m.start()) for m in _CALL.finditer(text)]


def _lower(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:]


def _ends_word(text: str, end: int) -> bool:
    """Whether a phrase ending at ``end`` ends a word there ("Notes" does not in "Noteworthy")."""
    return end >= len(text) or not (text[end].isalnum() or text[end] in "-'’")


@dataclass(frozen=True)
class Openers:
    """The opening phrases of one kind of paragraph, as a language's catalogue gives them.

    An opening phrase is one of ``phrases`` ("Requests", "Takes note", "Recalling"), written
    with a lower-case first letter after an adverb of ``before`` ("Also requests", "Once again
    urges", "Also strongly condemns": up to two adverbs), followed by at most one adverb of
    ``after`` ("Recalling also", "Expressing concern also"; not after a phrase ending in one of
    ``closed``, so that "Encouraged by further progress" stays "Encouraged by"), or after the
    first word of a phrase of several ("Noting again with appreciation"), and joined by a
    word of ``joiners`` to another such phrase ("Welcomes and urges"). ``phrases`` are tried
    longest first; the match ends at a word boundary.
    """

    phrases: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrases", tuple(sorted(set(self.phrases), key=lambda s: (-len(s), s))))

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __or__(self, other: Openers) -> Openers:
        """Either kind's phrases with either kind's adverbs (an unnumbered paragraph of the
        operative part opens with either kind)."""
        def both(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*a, *b)))

        return Openers(both(self.phrases, other.phrases), both(self.before, other.before),
                       both(self.after, other.after), both(self.joiners, other.joiners),
                       both(self.closed, other.closed))

    def match(self, text: str) -> int:
        """The length of the opening phrase ``text`` starts with; 0 when there is none."""
        end = self._head(text, 0, True, 0)
        while end:
            joined = 0
            for word in self.joiners:
                at = end + len(word) + 2
                if text.startswith(f" {word} ", end):
                    joined = max(joined, self._head(text, at, False, 0))
            if not joined:
                break
            end = joined
        return end

    def _head(self, text: str, pos: int, first: bool, depth: int) -> int:
        """Where a phrase with its adverbs starting at ``pos`` ends (0: none)."""
        best = self._phrase(text, pos, first)
        if depth < 2:
            for adverb in self.before:
                word = adverb if first else _lower(adverb)
                end = pos + len(word)
                if text.startswith(word, pos) and text.startswith(" ", end):
                    best = max(best, self._head(text, end + 1, False, depth + 1))
        return best

    def _phrase(self, text: str, pos: int, first: bool) -> int:
        for phrase in self.phrases:
            word = phrase if first else _lower(phrase)
            end = pos + len(word)
            if text.startswith(word, pos) and _ends_word(text, end):
                if phrase.rsplit(" ", 1)[-1] not in self.closed:
                    for adverb in self.after:
                        if text.startswith(f" {adverb}", end) and _ends_word(text, end + len(adverb) + 1):
                            return end + len(adverb) + 1
                return end
            verb, _, rest = word.partition(" ")
            for adverb in self.after if rest else ():
                inner = f"{verb} {adverb} {rest}"  # "Noting also with concern"
                if text.startswith(inner, pos) and _ends_word(text, pos + len(inner)):
                    return pos + len(inner)
        return 0


#: No opening phrase: nothing is italicised.
NO_OPENERS = Openers()


def italicise_opening(runs: Runs, openers: Openers) -> Runs:
    """Italicise the opening phrase the paragraph starts with (:class:`Openers`).

    Nothing happens when the paragraph already opens with explicit emphasis (the
    override) or no phrase matches.
    """
    if not runs or not isinstance(runs[0], Text) or runs[0].italic:
        return runs
    first = runs[0]
    end = openers.match(first.text)
    if not end:
        return runs
    rest = first.text[end:]
    head = Text(first.text[:end], italic=True, bold=first.bold, opening=True)
    tail = (Text(rest, bold=first.bold),) if rest else ()
    return (head, *tail, *runs[1:])
