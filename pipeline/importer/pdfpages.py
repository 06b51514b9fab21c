"""A PDF's text page by page in the order an issued resolution's text layer gives it, whoever made
the PDF: the running head, the body, the rule and the notes, the foot.

The text importer reads an issued PDF (Word with the UN's template) by what ``pdftotext -raw``
gives (:func:`pipeline.importer.pdfsource.text_layer`): its notes under a rule typed as
underscores, page 1's job number among the masthead's lines, each later page's running head
followed by its job and page numbers. A PDF made otherwise, by LibreOffice, by Word with its
default footnote separator, by unres's DOCX opened elsewhere, draws the rule as a line, which a
text layer does not have, and sets each page's foot after its text: the notes then read as
paragraphs, page 1's job number and "Please recycle" run into the paragraph that page ends in,
and a later page's running head runs into its first paragraph.

Here the page is read by where its lines stand (``pdftotext -bbox-layout``, the same engine),
its text by ``pdftotext -raw`` cropped to each zone (``-y``/``-H``: words whole, as the whole
page's are), and the zones put in the issued order:

* the **body size** is the document's commonest word height; a line is small when every word in
  it is under 92 % of it (a note's text 8.5 pt against the body's 10 pt; its number raised
  smaller still);
* the **head** of pages 2 on: the lines above the page's first line of body size;
* the **foot**: at most three lines low on the page (below 88 % of its height) after a gap of a
  body line or more, unless they open with a note's number; page 1's is put first, where an issued
  PDF's text gives the job number, the others' last;
* the **notes**: from the first line at the foot of the text that opens with a small number (or a
  "*") with no line of body size below it: a rule is put above them, where the page has none;
  the small lines above that note, under the last line of body size, are a note's end that
  LibreOffice carries over from the page before (or, on a page without a note of its own, the
  small lines at its foot when the page before has notes): they go back to that note;
* **paragraphs**: a line further below the one above it than the line pitch by a third or more
  opens a paragraph (6 pt between paragraphs: 18 pt against 12; a table's rows, 14.7 pt apart,
  do not); a blank line goes before the raw line that opens with its first words, as a PyMuPDF
  copy of the text separates paragraphs;
* **tables** (:func:`tables`): small lines of the body whose cells stand apart, read by row and
  column and written as a Markdown pipe table, as the DOCX importer gives a Word table; a table's
  rows on the next page under its header repeated go on the table; a caption above one prints it
  as aligned columns, as for a Word table (:func:`pipeline.importer.docxsource.captioned`);
* **italics** (:func:`italicised`): the words of the body and the notes set in an italic font
  (poppler's ``pdftohtml -xml``) go between stars, as the importer reads emphasis.

On the issued PDFs at hand (tests/reference: 73/8, 68/262, ES-11/1, ES-11/4) the text read so
imports to the source the whole page's ``-raw`` text does. LibreOffice's PDFs of the DOCX unres
builds from the 120 texts of ../shared/corpus, tests/corpus, tests/import (resolutions, drafts,
Markdown): 119 import back to the source they were built from (spaces, the running head's lines
and a no-break hyphen aside), against none read whole (tests/test_import_pdf_pages.py); unres's
own modern PDFs of the same texts (WeasyPrint; each zone's text from its word boxes,
:func:`_rows_text`), 114. Where
the layout cannot be read (no word boxes), :func:`zoned_text` gives None and the whole page's
text stands.
"""

from __future__ import annotations

import difflib
import itertools
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.importer.docxsource import captioned

XHTML = "{http://www.w3.org/1999/xhtml}"
SMALL = 0.92  # a line under this share of the body size is small: notes, running head, foot
NUMBER_SIZE = 0.8  # a note's number, raised, under this share
NOTE_NUMBER = re.compile(r"\d{1,3}|\*{1,3}")
RULE = re.compile(r"_{5,}")
RULE_TEXT = "_______________"
FOOT_LINES = 3  # a page's foot: the job number, the page number, "Please recycle"
FOOT_FROM = 0.88  # of the page's height
HEAD_PARA_WORDS = 3  # a paragraph's first words that find its first line in the raw text
SEARCH = 80  # raw lines searched for a paragraph's first line
CARRIED_SIZE = 0.3  # a note's end carried over: the height of a note's text within this
PITCH_FROM = 0.8  # of the body size: the least line pitch
TABLE_ROW = 1.1  # of a table's line height: a step from line to line this large opens a row
TABLE_GAP = 1.6  # of a line's height: small lines this far apart are not one table
COLUMN_GAP = 3.0  # of the body size: words this far apart stand in two columns (a unres PDF's masthead)
# a word this close to the one before follows it with no space: a share of the smaller one's height
# (a space is 0.13 of it or more, 0.22 mostly), or for a raised call of its word's (0.06-0.10)
GLUED = 0.11
GLUED_CALL = 0.15
PARAGRAPH_STEP = 1.35  # of the line pitch: a line this far below the one above opens a paragraph


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    bottom: float
    right: float = 0.0

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Row:
    """A line of the page as poppler sets it: its top, bottom and words."""

    top: float
    bottom: float
    words: tuple[Word, ...]

    @property
    def size(self) -> float:
        """Its tallest word's height."""
        return max(w.size for w in self.words)


@dataclass(frozen=True)
class Page:
    height: float
    rows: list[Row]  # from the top


@dataclass(frozen=True)
class Span:
    """A stretch of a line in one font, as ``pdftohtml -xml`` gives it: its text, its top and
    bottom (points from the page's top) and whether its font is an italic one."""

    text: str
    top: float
    bottom: float
    italic: bool


def _error(path: str, message: str) -> SourceError:
    return SourceError([Diagnostic(path, 0, 0, message)])


def run(tool: str, args: list[str], path: str) -> bytes:
    """``pdftotext ARGS PATH -``'s output; a failure or a run over 120 s is the PDF's error."""
    try:
        run = subprocess.run([tool, *args, path, "-"], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise _error(path, "pdftotext did not finish reading the PDF in 120 s") from None
    if run.returncode != 0:
        why = run.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {run.returncode}"]
        raise _error(path, f"pdftotext cannot read the PDF ({why[-1]})")
    return run.stdout


def pages(tool: str, path: str) -> list[Page]:
    """Every page's lines, from ``pdftotext -bbox-layout``."""
    from lxml import etree

    data = run(tool, ["-bbox-layout", "-enc", "UTF-8"], path)
    root = etree.fromstring(data, etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False,
                                                   no_network=True))
    out: list[Page] = []
    if root is None:
        return out
    for page in root.iter(f"{XHTML}page"):
        rows = []
        for line in page.iter(f"{XHTML}line"):
            words = tuple(Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "yMax", "xMax")))
                          for w in line.iter(f"{XHTML}word"))
            if words:
                rows.append(Row(float(line.get("yMin", 0)), float(line.get("yMax", 0)), words))
        out.append(Page(float(page.get("height", 0)), sorted(rows, key=lambda r: (r.top, r.bottom))))
    return out


def spans(tool: str, path: str) -> list[list[Span]]:
    """Each page's spans of text in one font, from poppler's ``pdftohtml -xml`` (installed with
    pdftotext, the same engine: its points are -bbox-layout's); none where it is missing or cannot
    read the PDF: the text is then read without its italics."""
    import shutil

    from lxml import etree

    html = Path(tool).with_name("pdftohtml")
    found = str(html) if html.exists() else shutil.which("pdftohtml")
    if found is None:
        return []
    try:
        data = run(found, ["-xml", "-i", "-q", "-stdout", "-zoom", "1"], path)
    except SourceError:
        return []
    root = etree.fromstring(data, etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False,
                                                   no_network=True))
    if root is None:
        return []
    out = []
    for page in root.iter("page"):
        runs = []
        for t in page.iter("text"):
            top = float(t.get("top", 0))
            runs += [Span(text, top, top + float(t.get("height", 0)), italic) for text, italic in _styled(t)]
        out.append(runs)
    return out


def _styled(element: Any, italic: bool = False) -> list[tuple[str, bool]]:
    """The text of a ``pdftohtml -xml`` element, a stretch whose font changes inside it (an issued
    PDF's "<i>Reaffirming</i> the paramount …") in parts: each its text and whether it is italic."""
    italic = italic or element.tag == "i"
    out = [(element.text, italic)] if element.text else []
    for child in element:
        out += _styled(child, italic)
        if child.tail:
            out.append((child.tail, italic))
    return out


def italicised(text: str, styled: list[Span], top: float, bottom: float) -> str:
    """``text``, a zone's raw text between ``top`` and ``bottom``, with its words set in an italic
    font between stars, as the importer reads emphasis ("*Taking note* of …", "*Official Records of
    the General Assembly, …*"): the zone's spans (:func:`spans`) are matched with the text
    character by character, spaces aside (the two tools give the same characters, a raised mark
    apart). A run of italics goes on over a line's end ("*Taking" / "note*" joins to one run,
    as does a title's over its lines); it ends at a paragraph's end (a blank line) and between
    two lines wholly in italics (the plenary meeting's line, then its date: each a run). A run
    without a letter (an italic comma) is left plain."""
    inside = [s for s in styled if top <= (s.top + s.bottom) / 2 < bottom]
    if not any(s.italic for s in inside):
        return text
    flags = [s.italic for s in inside for c in s.text if not c.isspace()]
    theirs = "".join(c for s in inside for c in s.text if not c.isspace())
    at = [k for k, c in enumerate(text) if not c.isspace()]
    ours = "".join(text[k] for k in at)
    italic = [False] * len(at)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for block in [difflib.Match(0, 0, len(ours))] if ours == theirs else matcher.get_matching_blocks():
        for n in range(block.size):
            italic[block.a + n] = flags[block.b + n]
    line = [text.count("\n", 0, k) for k in at]  # each character's line
    whole = {n for n in set(line) if all(i for i, m in zip(italic, line, strict=True) if m == n)}
    runs: list[list[int]] = []  # each run's indexes into ``at``
    for n, k in enumerate(at):
        if not italic[n]:
            continue
        gap = text[at[n - 1] + 1 : k] if n else ""
        if runs and runs[-1][-1] == n - 1 and gap.count("\n") < 2 and not (
                line[n] != line[n - 1] and {line[n], line[n - 1]} <= whole):
            runs[-1].append(n)
        else:
            runs.append([n])
    out = text
    for run in reversed(runs):
        first, last = at[run[0]], at[run[-1]]
        if any(c.isalpha() for c in text[first : last + 1]):
            out = f"{out[:first]}*{out[first : last + 1]}*{out[last + 1 :]}"
    return out


@dataclass
class Table:
    """A table of the body read by where its words stand: its header and rows (each a cell a
    column, empty where the row has none), between ``top`` and ``end`` (where the text after it
    starts)."""

    top: float
    end: float
    header: list[str]
    rows: list[list[str]]

    def markdown(self) -> str:
        """A Markdown pipe table, as the DOCX importer gives a Word table (the importer reads it)."""
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"

        return "\n".join([line(self.header), line(["---"] * len(self.header)), *map(line, self.rows)])


def _lines(rows: list[Row]) -> list[list[Row]]:
    """Rows side by side (at one top) as one line of the page, each its fragments from the left."""
    lines: list[list[Row]] = []
    for row in sorted(rows, key=lambda r: (r.top, r.words[0].left)):
        if lines and abs(row.top - lines[-1][0].top) < 1:
            lines[-1].append(row)
        else:
            lines.append([row])
    return [sorted(line, key=lambda r: r.words[0].left) for line in lines]


def _span(row: Row) -> tuple[float, float]:
    return row.words[0].left, max(w.right for w in row.words)


def tables(rows: list[Row], body: float) -> list[Table]:
    """The tables among a page's body rows: LibreOffice sets a table's text smaller than the body
    (9 pt against 10), each cell's lines apart from the others' (poppler gives them as fragments of
    a line side by side). A table is a run of small lines, two with two fragments or more; its
    columns are where those fragments stand (overlapping ones one column); a line whose fragment
    spans two columns ends it ("Abbreviations: …", a note under the table). A step between lines
    of more than a line's height opens a row (a cell's lines are set closer than its rows: 11 pt
    against 14.6); the first row is the header. A cell's lines are joined as a paragraph's are."""
    from .reading import join_lines

    lines = _lines(rows)
    out: list[Table] = []
    k = 0
    while k < len(lines):
        run = list(itertools.takewhile(lambda line: all(_small(r, body) for r in line), lines[k:]))
        if not run:
            k += 1
            continue
        steps = [(n, run[n][0].top - run[n - 1][0].top) for n in range(1, len(run))]
        gaps = [n for n, step in steps if step > TABLE_GAP * run[n][0].size]
        run = run[: gaps[0]] if gaps else run  # the running head, a gap above the table under it
        start, k = k, k + len(run)
        columns: list[list[float]] = []
        for left, right in sorted(_span(r) for line in run if len(line) > 1 for r in line):
            if columns and left <= columns[-1][1]:
                columns[-1][1] = max(columns[-1][1], right)
            else:
                columns.append([left, right])
        if len(columns) < 2 or sum(len(line) > 1 for line in run) < 2:
            continue
        found: list[list[str]] = []
        last: list[Row] | None = None
        used = 0
        for line in run:
            at = []
            for r in line:
                left, right = _span(r)
                hit = [n for n, (a, b) in enumerate(columns) if left <= b and right >= a]
                at.append(hit[0] if len(hit) == 1 else -1)
            if -1 in at:
                break
            if last is None or line[0].top - last[0].top > TABLE_ROW * max(r.size for r in last):
                found.append([""] * len(columns))
            for n, r in zip(at, line, strict=True):
                text = " ".join(w.text for w in r.words)
                found[-1][n] = join_lines(found[-1][n], text) if found[-1][n] else text
            last, used = line, used + 1
        if len(found) < 2:
            continue
        k = start + used  # the lines after the table's last
        end = lines[k][0].top - 0.5 if k < len(lines) else float("inf")
        out.append(Table(run[0][0].top - 0.5, end, found[0], found[1:]))
    return out


def starts(rows: list[Row], size: float = 0.0) -> list[tuple[str, ...]]:
    """The first words of each line that opens a paragraph: one further below the line above it
    than the text's line pitch by a third or more (6 pt between paragraphs at 12 pt: 18 against
    12; a table's rows 14.7 apart do not); lines side by side (a paragraph's number and its
    text) are one, its leftmost first."""
    groups: list[list[Row]] = []
    for row in rows:
        if groups and abs(row.top - groups[-1][0].top) < 1:
            groups[-1].append(row)
        else:
            groups.append([row])
    steps = Counter(round(b[0].top - a[0].top) for a, b in zip(groups, groups[1:]))
    if not steps:
        return []
    # the line pitch: the commonest step, unless that is a paragraph's step from a smaller one that
    # recurs, a line's height at least (a short text of one-line paragraphs has as many steps of
    # 18 as of 12: A/RES/475 (V), 99/13)
    pitch = steps.most_common(1)[0][0]
    pitch = min((step for step, n in steps.items()
                 if n > 1 and step >= PITCH_FROM * size and pitch >= PARAGRAPH_STEP * step), default=pitch)
    return [tuple(w.text for w in min(b, key=lambda r: r.words[0].left).words[:HEAD_PARA_WORDS])
            for a, b in zip(groups, groups[1:]) if b[0].top - a[0].top >= PARAGRAPH_STEP * pitch]


def body_size(doc: list[Page]) -> float:
    """The commonest word height (0.1 pt): the body's."""
    sizes = Counter(round(w.size, 1) for page in doc for row in page.rows for w in row.words)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _small(row: Row, body: float) -> bool:
    return row.size < SMALL * body


def _numbered(row: Row, body: float) -> bool:
    """Opens with a note's number, raised and small ("1"), or its mark, small ("*": a draft's
    sponsor note, its mark set at the note's size)."""
    first = row.words[0]
    if first.text.startswith("*"):
        return bool(NOTE_NUMBER.fullmatch(first.text)) and first.size < SMALL * body
    return bool(NOTE_NUMBER.fullmatch(first.text)) and first.size < NUMBER_SIZE * body


def foot_top(page: Page, body: float) -> float | None:
    """Where the page's foot starts: its last lines, low on the page, after a gap."""
    rows = page.rows
    for k in range(len(rows) - 1, 0, -1):
        above, row = rows[k - 1], rows[k]
        if len(rows) - k > FOOT_LINES or row.top < FOOT_FROM * page.height:
            return None
        if row.top - above.bottom > 0.9 * body:
            return None if _numbered(row, body) else row.top - 0.5
    return None


def first_note(rows: list[Row], height: float, body: float) -> float | None:
    """Where the page's first note starts: the first line in its lower two thirds that opens
    with a note's number and has no line of body size below it (the lines beside the number
    counted in: a raised number's box starts lower than its text's)."""
    if any(RULE.fullmatch(w.text) for row in rows for w in row.words):
        return None  # a rule typed: the reader finds the notes under it
    for row in rows:
        if row.top > height / 3 and _numbered(row, body):
            top = min(r.top for r in rows if r.top < row.bottom and r.bottom > row.top)
            if not any(not _small(r, body) for r in rows if r.top >= top - 0.5):
                return top
    return None


def note_size(doc: list[Page], body: float) -> float:
    """The commonest height of a note's text (0.1 pt): the lines beside a note's number."""
    sizes: Counter[float] = Counter()
    for page in doc:
        for row in page.rows:
            if _numbered(row, body):
                beside = [r for r in page.rows if r is not row and r.top < row.bottom and r.bottom > row.top]
                sizes.update(round(r.size, 1) for r in beside if _small(r, body))
    return sizes.most_common(1)[0][0] if sizes else 0.0


def notes_top(rows: list[Row], height: float, body: float, first: float | None, continued: bool = False,
              size: float = 0.0) -> float | None:
    """Where the page's notes start: its first note (``first``, :func:`first_note`), or the lines of
    a note's text size (``size``) between the last line of body size and that note, a note's end
    carried over from the page before (LibreOffice sets a long note's last lines on the next page,
    above that page's notes); so are such lines at the foot of a page without a note of its own
    when the page before has notes (``continued``). A table set small (11.7 pt boxes, a note's
    11.1) is not."""
    if any(RULE.fullmatch(w.text) for row in rows for w in row.words):
        return None
    large = [r for r in rows if not _small(r, body)]
    below = [r for r in rows if r.top > height / 3 and (not large or r.top > large[-1].bottom)
             and (first is None or r.top < first)]
    carried = list(itertools.takewhile(lambda r: abs(r.size - size) < CARRIED_SIZE, below))
    if carried and len(carried) == len(below) and (first is not None or continued):
        return carried[0].top
    return first


def _crop_raw(tool: str, path: str, number: int, top: float, bottom: float) -> str:
    """The raw text of page ``number`` between ``top`` and ``bottom`` (points from the top)."""
    y = int(top)
    args = ["-raw", "-enc", "UTF-8", "-f", str(number), "-l", str(number),
            "-x", "0", "-y", str(y), "-W", "100000", "-H", str(max(1, int(bottom) - y))]
    return run(tool, args, path).decode("utf-8", "replace").replace("\f", "").strip("\n")


def _rows_text(page: Page, top: float, bottom: float, body: float, head: bool = False) -> str:
    """The text of the page's lines between ``top`` and ``bottom`` from their word boxes, as a PDF
    unres built is read (WeasyPrint draws page 1's masthead after its text, so the content
    stream's order, ``-raw``'s, is not the page's; its word boxes are whole words): rows that
    stand side by side (overlapping by half the smaller one's height: the masthead's "United
    Nations" and its symbol, a paragraph's number and its text) are one line, their words from
    the left, a space between two words set apart, none where one follows the other (a raised call,
    "2006,1"; the symbol's large "A" and "/RES/68/262"), two between columns set far apart (the
    masthead's); a note's raised number, alone at a line's start, on a line of its own, as ``-raw``
    gives it. In a running head (``head``) the document's symbol is a line of its own, first, as an
    issued PDF's text gives it, the running title's lines after it (a long title over four lines,
    the symbol beside its last, A/RES/52/102)."""
    from .reading import SYMBOL

    rows = sorted((r for r in page.rows if top <= r.top < bottom), key=lambda r: (r.top, r.words[0].left))
    lines: list[list[Row]] = []
    for row in rows:
        last = lines[-1] if lines else None
        if last and min(row.bottom, max(r.bottom for r in last)) - row.top > 0.5 * min(
                row.size, min(r.size for r in last)):
            last.append(row)
        else:
            lines.append([row])
    out = []
    if head:
        symbols = [r for line in lines for r in line if SYMBOL.match(" ".join(w.text for w in r.words))]
        out += [" ".join(w.text for w in r.words) for r in symbols]
        lines = [[r for r in line if r not in symbols] for line in lines]
        lines = [line for line in lines if line]
    for line in lines:
        line.sort(key=lambda r: r.words[0].left)
        text = ""
        prev: Word | None = None
        for k, row in enumerate(line):
            words = list(row.words)
            if k == 0 and len(line) > 1 and _numbered(row, body) and len(words) == 1:
                out.append(words[0].text)  # a note's number
                words = []
                prev = None
                continue
            for w in words:
                if prev is None:
                    gap = ""
                elif w.left - prev.right > COLUMN_GAP * body:
                    gap = "  "
                else:
                    raised = w.size < NUMBER_SIZE * prev.size  # a call after its word
                    near = GLUED_CALL * prev.size if raised else GLUED * min(w.size, prev.size)
                    gap = " " if w.left - prev.right > near else ""
                text += gap + w.text
                prev = w
        out.append(text)
    return "\n".join(out)


def _paragraphs(text: str, starts: list[tuple[str, ...]]) -> str:
    """A blank line before each line that opens a paragraph (``starts``: their first words). The
    words are compared without their spaces: a raised mark is a word of its own in a line's boxes
    and joined to its word in the raw text ("Australia:" "*" against "Australia:*")."""
    lines = text.split("\n")
    opening: set[int] = set()
    at = 0
    for start in starts:
        key = "".join(start)
        for k in range(at, min(len(lines), at + SEARCH)):
            line = "".join(lines[k].split())
            if len(line) >= min(3, len(key)) and (line.startswith(key) or key.startswith(line)):
                opening.add(k)
                at = k + 1
                break
    return "\n".join(("\n" if k in opening and k else "") + line for k, line in enumerate(lines))


def _notes(text: str) -> list[str]:
    """The notes' text as a copy of an issued PDF's text gives it, one item a note: its number
    alone on its line (or its mark: a line of a note's text may open with a figure), then its
    text; a mark on its note's first line ("*" / "Any changes …" as "* Any changes …")."""
    text = re.sub(r"^(\*{1,3})\n(?=\S)", r"\1 ", text, flags=re.MULTILINE)
    return [x for x in re.split(r"\n(?=\d{1,3}$|\*{1,3}(?:\s|$))", text, flags=re.MULTILINE) if x.strip()]


@dataclass
class Zones:
    """One page's text by zones: running head, body, notes (each note's text, its number first)
    and foot; a note's end carried over from the page before."""

    number: int
    head: str = ""
    body: str = ""
    notes: list[str] = field(default_factory=list)
    foot: str = ""
    carried: str = ""

    def text(self) -> str:
        body = self.body
        if self.notes:
            body += f"\n{RULE_TEXT}\n" + "\n\n".join(self.notes)
        parts = [self.head, body, self.foot]
        if self.number == 1:
            parts = [self.foot, self.head, body]  # page 1's job number, where an issued PDF's text gives it
        return "\n\n".join(part for part in parts if part.strip())


def page_zones(tool: str, path: str, number: int, page: Page, body: float, continued: bool,
               size: float = 0.0, styled: list[Span] | None = None, by_rows: bool = False) -> Zones:
    """One page's zones: head, body, notes, foot; the body's and the notes' italics between stars
    (``styled``: the page's :func:`spans`); each zone's text ``pdftotext -raw`` cropped to it, or
    with ``by_rows`` its lines' word boxes (:func:`_rows_text`: a PDF unres built)."""
    zones = Zones(number)
    if not page.rows:
        return zones

    def _crop(tool: str, path: str, number: int, top: float, bottom: float) -> str:
        if by_rows:
            return _rows_text(page, top, bottom, body, head=top == 0 and number > 1)
        return _crop_raw(tool, path, number, top, bottom)
    foot = foot_top(page, body)
    end = foot if foot is not None else page.height + 1
    above_foot = [row for row in page.rows if row.bottom <= end]
    first = first_note(above_foot, page.height, body)
    notes = notes_top(above_foot, page.height, body, first, continued, size)
    bottom = end if notes is None else notes
    found = tables([row for row in page.rows if row.top < bottom], body)
    # the running head: above the first line of body size, or the first table (set small)
    large = [row.top for row in page.rows if not _small(row, body)][:1] + [t.top + 0.5 for t in found[:1]]
    top = min(large) if large and number > 1 else 0.0
    if top > 0:
        zones.head = _crop(tool, path, number, 0, top)
    body_rows = [row for row in page.rows if top - 0.5 <= row.top < bottom]

    def text(top: float, bottom: float) -> str:
        return italicised(_crop(tool, path, number, top, bottom), styled or [], top, bottom)

    def paragraphs(top: float, bottom: float) -> str:
        rows = [row for row in body_rows if top <= row.top < bottom]
        if not rows:
            return ""
        found = _paragraphs(_crop(tool, path, number, top, bottom), starts(rows, body))
        return italicised(found, styled or [], top, bottom)

    parts, at = [], top - 0.5
    for table in found:  # the text between the tables, by paragraphs; each table
        parts += [paragraphs(at, table.top), table.markdown()]
        at = min(table.end, bottom)
    parts.append(paragraphs(at, bottom))
    zones.body = "\n\n".join(part for part in parts if part)
    if notes is not None:
        start = end if first is None else first
        if notes < start - 0.5:  # a note's end carried over from the page before, above its notes
            zones.carried = text(notes, start)
        zones.notes = _notes(text(start, end)) if start < end else []
    if foot is not None:
        zones.foot = _crop(tool, path, number, foot, page.height + 1)
    return zones


def _tables_joined(doc: list[Zones]) -> None:
    """A table that goes on over the page (its header repeated at the next page's top, as the DOCX
    unres writes sets it) is one table: the rows at the next page's top go to it, the header
    left out; then a caption above a table prints it as aligned columns (:func:`captioned`)."""
    open_at: int | None = None  # the page whose body ends in a table
    for k, page in enumerate(doc):
        blocks = page.body.split("\n\n")
        if open_at is not None and _is_table(blocks[0]):
            before = doc[open_at].body.split("\n\n")
            rows = blocks[0].split("\n")
            if rows[0] == before[-1].split("\n")[0]:
                doc[open_at].body += "\n" + "\n".join(rows[2:])
                blocks = blocks[1:]
                page.body = "\n\n".join(blocks)
                if not blocks:
                    continue
        open_at = k if _is_table(blocks[-1]) else None
    for page in doc:
        page.body = captioned(page.body + "\n").rstrip("\n")


def _is_table(block: str) -> bool:
    return bool(block) and all(line.startswith("| ") for line in block.split("\n"))


def _in_order(doc: list[Zones]) -> None:
    """A note's end carried over to the next page goes back to its note, on the page before."""
    for k, page in enumerate(doc):
        if page.carried and k and doc[k - 1].notes:
            doc[k - 1].notes[-1] += "\n" + page.carried
        elif page.carried:  # no note before it to go back to: kept where it stands
            page.notes.insert(0, page.carried)
        page.carried = ""


def zoned_text(tool: str, path: str, by_rows: bool = False) -> str | None:
    """The PDF's text, page by page in the issued order (form feeds between pages, as
    ``pdftotext`` puts them); None where poppler gives no word boxes. ``by_rows``: each zone's
    text from its word boxes (a PDF unres built: :func:`_rows_text`)."""
    doc = pages(tool, path)
    body = body_size(doc)
    if not doc or not body:
        return None
    size = note_size(doc, body)
    styled = spans(tool, path)
    zones: list[Zones] = []
    for n, page in enumerate(doc, 1):
        zones.append(page_zones(tool, path, n, page, body, bool(zones and zones[-1].notes), size,
                                styled[n - 1] if n <= len(styled) else [], by_rows))
    _in_order(zones)
    _tables_joined(zones)
    return "\f".join(z.text() + "\n" for z in zones) + "\f"
