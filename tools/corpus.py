"""Run issued resolutions through unres end to end, as a new user would, and measure the result.

For each text (the corpus conventions of ../shared/corpus/INDEX.md and tests/corpus/):
``unres import TEXT -o X.yaml``, ``unres check``-style load, ``unres build`` in both house
styles (PDF, HTML, DOCX); then what a reader sees is compared with the issued text:

* words in order: the letters-only words of the issued text (body, then each note) against
  the words pdftotext reads from the PDF, the text of the HTML and of the DOCX (difflib
  matching blocks: the share of the issued words found in the same order);
* notes placed: each note's first words are on the PDF page of its call (the page that
  holds the words just before the call).

``python tools/corpus.py [FILES...] [-j N]`` prints a table (file, words in order, notes
placed, pages, seconds) with documents per second and the slowest documents; exit 1 when a
file fails. With no files: every ``*.txt`` in tests/corpus/ and ../shared/corpus/ (when it
exists), and the PDF text layers of tests/import/pymupdf/ (as PyMuPDF gives them, page heads and
notes included: :func:`read_text_layer` takes the issued words out of them). The pytest test
tests/test_corpus.py runs a sample through :func:`check`.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import difflib
import html
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pdfplumber
import yaml

ROOT = Path(__file__).resolve().parent.parent
UNRES = [sys.executable, "-m", "pipeline"]
STYLES = ("modern", "1998")
FOLDERS = (ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus",
           ROOT / "tests" / "import" / "pymupdf")


def corpus_files() -> list[Path]:
    """Every corpus text: tests/corpus/, when it exists ../shared/corpus/ beside the clone, and the
    issued PDFs' text layers of tests/import/pymupdf/ (read by :func:`read_text_layer`)."""
    return [p for folder in FOLDERS if folder.is_dir() for p in sorted(folder.glob("*.txt"))]


# Han characters are words of their own (Chinese is not written with spaces; a PDF breaks its
# lines anywhere); Chinese numerals count as numbers, as digits do.
_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_CJK_NUMERALS = re.compile(r"[〇零一二三四五六七八九十廿百千]")
_HARAKAT = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC = re.compile(r"([\u0620-\u064a\u0671-\u06d3])")


def words(text: str) -> list[str]:
    """Letters-only words, case-folded: numbers, punctuation and note numbers do not count, nor
    the letters glued to a number ("1976th", "1976e", "1976ª", "1976-е": the ordinal's form)."""
    # A hard hyphen parts words, on both sides of the comparison: "Non-Self-Governing" is "non self
    # governing" whether the line breaks after "Non-Self-" or not, and wherever its next line is
    # (at a page end the page's notes, running head and page number come between in pdftotext's
    # order). No-break hyphens (U+2011: the PDF prints a hyphen-minus for it,
    # pipeline/writers/pdf/hyphens.py) part them too; soft hyphens and the Arabic kashida join.
    # A letter and its combining mark are the letter they compose: A/RES/73/230's text layer has
    # "Nin\u0303o" (n, combining tilde) where the PDF unres makes prints, and pdftotext reads, "ñ".
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad\n", "").replace("\u00ad", "").replace("\u0640", "")
    text = text.replace("-", " ").replace("\u2011", " ")
    text = _HAN.sub(r" \1 ", _CJK_NUMERALS.sub(" 0 ", text))
    # Arabic: vowel marks out; letters one by one (pdftotext splits words at marks and joins)
    text = _ARABIC.sub(r" \1 ", _HARAKAT.sub("", text))
    text = re.sub(r"(?<=\d)[a-zªºа-яё]{1,3}\b\.?", " ", text)  # lower case: "1See" is a note
    return [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]


@dataclass
class Issued:
    """The issued text split as the corpus conventions write it."""

    masthead: str  # the lines before "NN/NNN. Title": their order on the page is the layout's
    body: str  # from the title on
    notes: dict[str, str]  # number → text


BARCODE = re.compile(r"\*\d{7}\*")  # "*2519806*": page 1's barcode, in every PDF text layer
JOB = re.compile(r"\d{2}-\d{5}(?: \([A-Z]\))?(?:\s+\d{6})?")  # "25-19806 (E)", "23-24493 (E)    181223"
PAGE = re.compile(r"\d{1,3}/\d{1,3}")  # "2/3"
RULE = re.compile(r"_{5,}")


def is_text_layer(text: str) -> bool:
    """Whether a text is an issued PDF's text layer as PyMuPDF gives it (tests/import/pymupdf/),
    not a text in the corpus conventions: no "# source:" line, page 1's barcode on a line."""
    return not text.startswith("# source:") and any(BARCODE.fullmatch(t.strip()) for t in text.split("\n"))


def page_head_end(lines: list[str], i: int) -> int | None:
    """At the empty line ``i`` that opens a page of a text layer: the index after the page's head
    (symbol, running title, job number and "n/N", up to the later of its job number and page
    number), or None when no such head follows."""
    head = lines[i + 1 : i + 12]
    job = next((k for k, x in enumerate(head) if JOB.fullmatch(x.strip())), None)
    page = next((k for k, x in enumerate(head) if PAGE.fullmatch(x.strip())), None)
    return None if job is None or page is None else i + 2 + max(job, page)


def read_text_layer(text: str) -> Issued:
    """The issued words of a PDF text layer, its furniture taken out line by line (not by the
    importer): each page's head (from the empty line that opens a page to its job number and
    page number), the job number and barcode, and the notes under each page's rule ("1 Official
    Records …": a note begins after a blank line with the next number, its text runs on)."""
    lines = text.split("\n")
    body: list[str] = []
    notes: dict[str, str] = {}
    last: str | None = None
    under_rule = blank = False
    i = 0
    while i < len(lines):
        raw, t = lines[i], lines[i].strip()
        end = page_head_end(lines, i) if raw == "" and i else None  # a page begins: skip its head
        if end is not None:
            i, under_rule, blank = end, False, True
            while i < len(lines) and not lines[i].strip():
                i += 1
            i += _repeated_head(lines, i, body)
            continue
        i += 1
        if JOB.fullmatch(t) or BARCODE.fullmatch(t):
            continue
        if RULE.fullmatch(t):
            under_rule, blank = True, True
            continue
        m = re.match(r"(\d{1,3})\s+(\S.*)$", t) if under_rule else None
        if m and blank and (last is None or int(m.group(1)) == int(last) + 1):
            last = m.group(1)
            notes[last] = m.group(2)
        elif under_rule and t and last:
            notes[last] += " " + t
        elif not under_rule and not re.fullmatch(r"\([a-z]{1,5}\)", t):  # a generated label alone
            body.append(t)
        blank = not t
    return _split(body, notes)


def _repeated_head(lines: list[str], i: int, body: list[str]) -> int:
    """How many lines at ``i`` (a page's first after its head) repeat a table's header printed
    before, one cell a line (A/RES/79/249 prints "Member State" / "Percentage" at each page's
    top): page furniture, as the source prints a long table's header on each page itself."""
    for start in (j for j in range(len(body) - 1, -1, -1) if body[j] == lines[i].strip()):
        k = 0
        while (start + k < len(body) and i + k < len(lines) and lines[i + k].strip() == body[start + k]
               and not re.search(r"\d", body[start + k])):
            k += 1
        if k >= 2:
            return k
    return 0


def read_issued(path: Path) -> Issued:
    full = path.read_text(encoding="utf-8")
    if is_text_layer(full):
        return read_text_layer(full)
    lines = full.split("\n")
    if lines and lines[0].startswith("# source:"):
        lines = lines[1:]
    text = "\n".join(lines)
    body, _, notes_text = text.partition("\n---\n")
    notes: dict[str, str] = {}
    for m in re.finditer(r"^<sup>(\w+)</sup>\s*(.+)$", notes_text, re.M):
        notes.setdefault(m.group(1), m.group(2))
    body = re.sub(r"<sup>\w+</sup>", " ", body)
    return _split(body.split("\n"), notes)


def _split(lines: list[str], notes: dict[str, str]) -> Issued:
    """The masthead (before "NN/NNN. Title") and the body, generated labels taken out."""
    body = "\n".join(lines)
    # generated labels are not words of the text: (a), (iv) and section numerals, which the
    # DOCX leaves to Word's list numbering
    body = re.sub(r"^(\*{0,2})\((?:\*?[a-z]{1,5}\*?)\)\s", r"\1", body, flags=re.M)
    body = re.sub(r"^(\*{0,2})[IVXLC]+\.?(?=\s|\*|$)", r"\1", body, flags=re.M)
    title = re.search(r"^\**(?:(?:ES|S)-\d+/\d+|\d+/\d+)(?: ?[A-Z])?\.\s", body, re.M)
    cut = title.start() if title else 0
    return Issued(body[:cut], body[cut:], notes)


def present(expected: list[str], got: list[str]) -> float:
    """Share of ``expected`` words present in ``got`` (as many times), in any order."""
    from collections import Counter

    if not expected:
        return 1.0
    want, have = Counter(expected), Counter(got)
    return sum(min(n, have[w]) for w, n in want.items()) / max(1, len(expected))


def in_order(expected: list[str], got: list[str]) -> float:
    """Share of ``expected`` found in ``got`` in the same order (extra words in ``got`` allowed)."""
    if not expected:
        return 1.0
    sm = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(expected)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


@dataclass
class Result:
    name: str
    ok: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: int = 0
    order: dict[str, float] = field(default_factory=dict)  # "modern.pdf" → share in order
    notes: tuple[int, int] = (0, 0)  # placed, total (modern PDF)
    notes_1998: tuple[int, int] = (0, 0)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def worst_order(self) -> float:
        return min(self.order.values(), default=0.0)


def _texts(data: dict):
    """Every text of a source in reading order (title, a decision, parts, annexes; footnotes not)."""
    agenda = data.get("agenda_title")  # a title, or one per agenda item (A/RES/80/108)
    yield from ([agenda] if isinstance(agenda, str) else agenda or ())
    yield data.get("title", "")
    if data.get("decision"):  # a draft decision's one paragraph (and its sub-paragraphs)
        yield from _para(data["decision"])
    bodies = [data, *(data.get("parts") or ())]
    for i, body in enumerate(bodies):
        if i and body.get("title"):
            yield body["title"]
        for key in ("preamble", "operative"):
            for p in body.get(key) or ():
                yield from _para(p)
    for annex in data.get("annexes") or ():
        if annex.get("title"):
            yield annex["title"]
        for p in annex.get("paragraphs") or ():
            yield from _para(p)


def _para(p):
    if isinstance(p, str):
        yield p
        return
    for key in ("section", "heading", "text"):
        if key in p:
            yield p[key]
    for item in p.get("items") or ():
        yield from _para(item)


def repeats_numbered_anew(data: dict) -> bool:
    """Whether unres prints a note called again under a new number (from the 74th session, as
    issued) rather than the first call's (pipeline.transforms.resolve._Builder)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.transforms.resolve import LAST_SESSION_REUSING_NOTES, regular_session

    mode = data.get("repeated_notes")
    return mode == "new" or (mode is None and regular_session(data) > LAST_SESSION_REUSING_NOTES)


def first_calls(data: dict, tokens: bool = False) -> list[tuple[str, list[str]]]:
    """(note key, up to 8 words before its call) for every numbered call, in call order: the first
    call of each note, or every call where a note called again is numbered anew; with ``tokens``,
    words and numbers (:func:`note_tokens`)."""
    every = repeats_numbered_anew(data)
    seen: set[str] = set()
    out = []
    for text in _texts(data):
        for m in re.finditer(r"\[\^([^\]]+)\]", text):
            key = m.group(1)
            if key in seen and not every:
                continue
            seen.add(key)
            before = (note_tokens if tokens else words)(re.sub(r"\[\^[^\]]+\]", " ", text[: m.start()]))
            out.append((key, before[-8:]))
    return out


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n == 0 or any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def note_tokens(text: str) -> list[str]:
    """Words and numbers, case-folded: short notes differ by their numbers ("Resolution 48/134,
    annex." and "Resolution 76/7, annex.")."""
    text = text.replace("\u00ad", "").replace("-", " ").replace("\u2011", " ")  # as :func:`words`
    return [w.casefold() for w in re.findall(r"[^\W\d_]+|\d+", text)]


def _note_stream(page, small) -> list[str]:
    """The page's small print as tokens, each note marker (smaller still, digits) as "#N"."""
    found = page.filter(small).extract_words(extra_attrs=["size"])
    sizes = Counter(round(w["size"], 1) for w in found)
    note_size = max(sizes, key=lambda s: (sizes[s], s)) if sizes else 0
    out: list[str] = []
    for w in found:
        if w["size"] < note_size - 0.25 and w["text"].isdigit():
            out.append("#" + w["text"])
        else:
            out += note_tokens(w["text"])
    return out


def page_words(pdf: Path) -> list[tuple[list[str], list[str], list[str]]]:
    """(body words, note tokens, body tokens) of each page: notes are the characters smaller than
    the document's commonest size (the body's), so a note's words are not found in the body; the
    body tokens are its words and numbers (:func:`note_tokens`)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        sizes = Counter(round(c["size"], 1) for page in doc.pages for c in page.chars if c["text"].strip())
        body = max(sizes, key=lambda s: (sizes[s], s)) if sizes else 0

        def small(obj):  # not the running heads, page numbers and page-1 footer (US letter)
            return obj.get("object_type") != "char" or (obj["size"] < body - 0.25 and 66 < obj["top"] < 736)

        def large(obj):  # nor here: page 1's job number, set at body size, parted the words of a
            # call at page 2's top from the words before them at page 1's foot ("in All Its" /
            # "Aspects,1", A/RES/76/50), and the call was looked for where they recur (p. 3)
            return obj.get("object_type") != "char" or (obj["size"] >= body - 0.25 and 66 < obj["top"] < 736)

        for page in doc.pages:
            body_text = page.filter(large).extract_text() or ""
            out.append((words(body_text), _note_stream(page, small), note_tokens(body_text)))
    return out


def _has_note(stream: list[str], number: int, tokens: list[str]) -> bool:
    """The note: its marker, its words and numbers, then the next marker or the end."""
    want = [f"#{number}", *tokens]
    n = len(want)
    return any(stream[i:i + n] == want and (i + n == len(stream) or stream[i + n].startswith("#"))
               for i in range(len(stream) - n + 1))


def _continued(pages: list[tuple[list[str], list[str]]], page: int, number: int, tokens: list[str]) -> bool:
    """A long note continued as Word continues it: its marker and first words end the small
    print of ``page``, the rest of its words open the next page's notes (after the calls in that
    page's body, which the small print also holds: A/RES/80/112 p.2 calls notes 2-5)."""
    here = pages[page][1]
    there = pages[page + 1][1] if page + 1 < len(pages) else []
    while there and there[0].startswith("#"):  # the next page's calls in its body come first
        there = there[1:]
    marker = f"#{number}"
    if marker not in here:
        return False
    head = here[len(here) - here[::-1].index(marker):]
    rest = tokens[len(head):]
    return (0 < len(head) < len(tokens) and head == tokens[:len(head)] and there[:len(rest)] == rest
            and (len(there) == len(rest) or there[len(rest)].startswith("#")))


def _call_pages(stream: list[tuple[str, int]], before: list[str]) -> set[int]:
    """The pages where the last of ``before`` (the words before a call) stands, found as the
    longest of the whole, its last two or its last one that the body text holds."""
    text = [w for w, _ in stream]
    for size in (len(before), 2, 1):
        want = before[-size:]
        found = {stream[i + size - 1][1] for i in range(len(text) - size + 1)
                 if want and text[i:i + size] == want}
        if found:
            return found
    return set()


def notes_placed(pdf: Path, data: dict) -> tuple[int, int, list[str]]:
    """How many notes are printed whole on the page of their first call, and only there: the
    page of the last word before the call (found in the body text of all pages read as one, so
    a call line that starts a page is found too) holds the note (its number, words and numbers)
    in its small print, or begins there and continues at the top of the next page's notes
    (:func:`_continued`). Notes are numbered in the order of their first calls."""
    pages = page_words(pdf)
    streams = [[(w, i) for i, page in enumerate(pages) for w in page[k]] for k in (0, 2)]
    notes = data.get("footnotes") or {}
    placed, missing = 0, []
    calls = first_calls(data)
    with_numbers = first_calls(data, tokens=True)
    for number, ((key, before), (_, before_tokens)) in enumerate(zip(calls, with_numbers, strict=True), 1):
        tokens = note_tokens(re.sub(r"\[\^[^\]]+\]", " ", notes[key]))
        note_pages = {i for i, (_, small, _) in enumerate(pages) if _has_note(small, number, tokens)}
        call_pages = _call_pages(streams[0], before)
        if len(note_pages) == 1 and not note_pages <= call_pages:
            # the note is not where the words before its call are: the words and numbers before it
            # may be (a call after a figure that opens a page: "1 April" / "2022,11", A/RES/80/200)
            with_figures = _call_pages(streams[1], before_tokens)
            call_pages = with_figures if note_pages <= with_figures else call_pages
        if len(note_pages) == 1 and note_pages <= call_pages:
            placed += 1
        elif not note_pages and any(_continued(pages, p, number, tokens) for p in call_pages):
            placed += 1  # its first lines on the call's page, the rest at the foot of the next
        else:
            missing.append(f"note {key}: call on page(s) {sorted(i + 1 for i in call_pages)}, "
                           f"note on page(s) {sorted(i + 1 for i in note_pages)}")
    return placed, len(calls), missing


def _html_words(path: Path) -> list[str]:
    tree = lxml.html.fromstring(path.read_bytes())
    for bad in tree.xpath("//script|//style|//head"):
        bad.getparent().remove(bad)
    for cell in tree.xpath("//th|//td|//br"):  # cells are read apart, as a browser shows them, and
        cell.tail = " " + (cell.tail or "")  # a line break (a title as issued) ends a word
    return words(tree.text_content())


def _docx_words(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [z.read(n).decode() for n in names if re.fullmatch(r"word/header\d*\.xml", n)]
        parts += [z.read("word/document.xml").decode()]
        parts += [z.read(n).decode() for n in ("word/footnotes.xml",) if n in names]
    # What a reader of the document sees: the runs' text (w:t), a paragraph's end, a tab or a line
    # break parting words; not a drawing's settings (an anchored shape's <wp:align>center</wp:align>,
    # the end rule's) nor deleted text.
    pieces = []
    for m in re.finditer(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>|<w:tab/>|<w:br/>", " ".join(parts)):
        pieces.append(html.unescape(m.group(1)) if m.group(1) is not None else "\n")
    return words("".join(pieces))


def fold(text: str, lang: str, kept: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The issued text with the other forms of generated words that the importer reads (the
    catalogue's ``also:``, e.g. a copy's Traditional "大會", "1976a. sesión plenaria") written in
    the catalogue's own form, which unres prints: on the lines that are those words only."""
    sys.path.insert(0, str(ROOT))
    from pipeline.importer.words import Words
    from pipeline.transforms.words import catalogue

    cat = catalogue(lang)
    w = Words(cat)
    out = []
    for line in text.split("\n"):
        bare = line.strip()
        if bare not in kept and (w.fixed("enacting", bare) or w.plenary(bare)):
            for key in ("enacting", "plenary"):
                own = str(cat.render(cat.words[key], meeting=7777)).split("7777")
                for form in w.also(key):
                    for a, b in zip(cat.render(form, meeting=7777).split("7777"), own, strict=False):
                        line = line.replace(a, b) if a.strip() else line
        out.append(line)
    return "\n".join(out)


def _direction(lang: str) -> str:
    sys.path.insert(0, str(ROOT))
    from pipeline.transforms.words import catalogue

    return catalogue(lang).direction


def _heading_not_printed(data: dict, style: str) -> list[str]:
    """The words of the issued dated heading ("Resolution adopted by the General Assembly on
    15 December 2020") that a house style's heading leaves out: the 1998 style prints
    "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY", its date in the plenary lines only. Counted out of
    the masthead words expected (before, a masthead without another "on" failed in 1998: A/RES/75/150)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.transforms.resolve import house_style
    from pipeline.transforms.words import catalogue

    dates = [x["adopted"].get("date") for x in [data, *(data.get("parts") or ())] if x.get("adopted")]
    adopted = dates[0] if dates else None
    if not adopted:
        return []
    cat = catalogue(data.get("language", "en"))
    dated = words(str(cat.word("heading.dated", adopted=adopted)))
    printed = Counter(words(str(cat.word(f"heading.{house_style(style).heading}", adopted=adopted))))
    left = []
    for w in dated:
        if printed[w] > 0:
            printed[w] -= 1
        else:
            left.append(w)
    return left


def check(
    path: Path, work: Path, styles: tuple[str, ...] = STYLES, threshold: float = 1.0,
    not_printed: tuple[str, ...] = (),
) -> Result:
    """Import, load and build one text; measure words in order and notes placed.
    ``not_printed``: words of the issued copy that unres does not print (each a known deviation)."""
    res = Result(path.name)
    start = time.perf_counter()
    issued = read_issued(path)
    yaml_path = work / f"{path.stem}.yaml"
    imp = _run([*UNRES, "import", str(path), "-o", str(yaml_path)], ROOT)
    res.warnings = sum(": warning: " in line for line in imp.stderr.splitlines())
    if imp.returncode not in (0, 1) or not yaml_path.exists():
        res.problems.append(f"import failed ({imp.returncode}): {imp.stderr.strip()[-400:]}")
        return res
    for line in imp.stderr.splitlines():
        if "the imported YAML needs an edit" in line:
            res.problems.append(line)
    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    kept = {t.strip() for t in _texts(data) if isinstance(t, str)}
    expected_body = words(fold(issued.body, data.get("language", "en"), kept))
    for word in not_printed:
        expected_body.remove(word)
    expected_head = words(issued.masthead)
    expected_notes = [words(t) for t in issued.notes.values()]
    for style in styles:
        out = work / style
        build = _run([*UNRES, "build", str(yaml_path), "-o", str(out), "--style", style], ROOT)
        if build.returncode != 0:
            res.problems.append(f"build --style {style} failed: {build.stderr.strip()[-400:]}")
            continue
        stem = data["symbol"].replace("/", "_").replace(" ", "_")
        stem += "" if data.get("language", "en") == "en" else f"-{data['language'].upper()}"
        pdf, html, docx = (out / f"{stem}.{ext}" for ext in ("pdf", "html", "docx"))
        # -raw keeps the content stream's order; a right-to-left text needs pdftotext's reading order
        order = [] if _direction(data.get("language", "en")) == "rtl" else ["-raw"]
        text = subprocess.run(["pdftotext", *order, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        got = {"pdf": words(text), "html": _html_words(html), "docx": _docx_words(docx)}
        res.pages[style] = text.count("\f")
        for fmt, seen in got.items():
            share = in_order(expected_body, seen)
            note_shares = [in_order(n, seen) for n in expected_notes]
            head_words = list(expected_head)
            for w in _heading_not_printed(data, style):
                if w in head_words:
                    head_words.remove(w)
            head = present(head_words, seen)
            res.order[f"{style}.{fmt}"] = min([share, head, *note_shares])
            if res.order[f"{style}.{fmt}"] < threshold:
                res.problems.append(f"{style} {fmt}: words in order: body {share:.1%}, "
                                    f"notes {min(note_shares, default=1):.1%}; masthead words {head:.1%}")
        placed, total, missing = notes_placed(pdf, data)
        if style == "modern":
            res.notes = (placed, total)
        else:
            res.notes_1998 = (placed, total)
        res.problems += [f"{style} pdf: {m}" for m in missing]
    res.seconds = time.perf_counter() - start
    res.ok = not res.problems
    return res


def _one(path: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="unres-corpus-") as tmp:
        return check(Path(path), Path(tmp))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    files = args.files or corpus_files()
    if not files:
        print("no corpus files found", file=sys.stderr)
        return 2
    start = time.perf_counter()
    with cf.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(_one, [str(f) for f in files]))
    wall = time.perf_counter() - start
    name_w = max(len(r.name) for r in results)
    print(f"{'file':<{name_w}}  {'words in order':>14}  {'notes placed':>12}  {'pages':>9}  "
          f"{'warn':>4}  {'s':>5}  ok")
    for r in results:
        notes = f"{r.notes[0]}/{r.notes[1]}"
        if r.notes_1998 != r.notes:
            notes += f" {r.notes_1998[0]}/{r.notes_1998[1]}"
        pages = "/".join(str(r.pages.get(s, "-")) for s in STYLES)
        print(f"{r.name:<{name_w}}  {r.worst_order:>14.2%}  {notes:>12}  {pages:>9}  {r.warnings:>4}  "
              f"{r.seconds:>5.1f}  {'yes' if r.ok else 'NO'}")
    good = sum(r.ok for r in results)
    print(f"\n{good} of {len(results)} pass; {len(results) / wall:.2f} documents per second "
          f"({wall:.0f} s wall, {args.jobs} workers; each: import + both styles × PDF, HTML, DOCX)")
    print("slowest: " + ", ".join(f"{r.name} {r.seconds:.1f} s"
                                  for r in sorted(results, key=lambda r: -r.seconds)[:3]))
    for r in results:
        for p in r.problems:
            print(f"{r.name}: {p}")
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
