#!/usr/bin/env python3
"""Measure how closely our PDF lays out a resolution as the issued PDF does, line by line.

    tools/layout_match.py [REFERENCE.pdf=SOURCE.yaml ...] [--style STYLE] [-v]

For each pair it builds SOURCE (in its own house style, or the one given) and reads both PDFs with pdfplumber.
It prints, per reference PDF:

- lines: how many of the issued PDF's text lines end at the same word in ours (a line "matches"
  when its last word is also the last word of one of our lines), out of all its lines;
- page ends: how many of the issued pages end their body text (notes excluded) at the same word
  as ours, out of all issued pages but the last (the last page always ends at the end);
- pages: issued and ours.

What is compared: every text line inside the page's text area — the masthead, title, body,
plenary lines and notes — but not the running heads, page numbers, job number, barcode and
"Please recycle" (they are furniture, not text that flows). Words are aligned with difflib on
the word sequence (split at hard hyphens, so "non-intervention" and "non- / intervention"
align), so a missing or extra word shifts nothing else.

Without arguments it measures the pairs in PAIRS below (the issued PDFs in ../shared/reference
or tests/reference, the sources in source/ and tests/fixtures/).
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (issued PDF file name, source); the PDF is looked up in tests/reference/ then ../shared/reference/.
PAIRS = [
    ("A_RES_73_8.pdf", "source/A_RES_73_8.yaml"),
    ("A_RES_68_262.pdf", "tests/fixtures/A_RES_68_262.yaml"),
    ("A_RES_ES-11_1.pdf", "tests/layout/A_RES_ES-11_1.yaml"),
    ("A_RES_ES-11_4.pdf", "tests/layout/A_RES_ES-11_4.yaml"),
]
REFERENCE_DIRS = [
    ROOT / "tests" / "reference",
    ROOT.parent / "shared" / "reference",
    Path("/work/shared/reference"),
]

# Furniture bands (points from the top of a US letter page, the modern style's geometry):
# running heads above HEAD_BOTTOM on pages 2+, the page-1 footer and the page number below
# FOOT_TOP on every page. Text of the body never reaches either band.
HEAD_BOTTOM = 66.0
FOOT_TOP = 736.0
# Furniture found by its words wherever a layout puts it (the 2014 page-1 footer is higher):
# job number, barcode, "Please recycle", page number "n/N".
FURNITURE = re.compile(r"^\d{2}-\d{5}\b|\*\d{6,}\*|Please recycle|^\d+/\d+$")
NOTE_SIZE = 9.0  # notes are 8.5 pt (markers 5.5); body, title and masthead 10 pt and up


@dataclass
class Word:
    text: str
    page: int
    line_end: bool = False
    body: bool = True  # not a note


@dataclass
class Layout:
    words: list[Word] = field(default_factory=list)
    lines: int = 0
    pages: int = 0

    def tokens(self) -> list[str]:
        return [normal(w.text) for w in self.words]


def normal(token: str) -> str:
    return token.replace("\u2019", "'").replace("\u00ad", "").strip()


def split_token(token: str) -> list[str]:
    """'non-intervention' -> ['non-', 'intervention']; a lone or trailing hyphen stays."""
    parts = re.findall(r"[^-]+-|[^-]+$|-+", token)
    return parts or [token]


def tokens(line: str) -> list[str]:
    """A line's words, split at hard hyphens."""
    return [t for w in line.split() for t in split_token(w)]


def read_layout(data: bytes | Path, min_size: float = 0.0,
                tokenize: Callable[[str], list[str]] = tokens) -> Layout:
    """A PDF's body and note lines, page by page (running heads, page numbers and the page-1
    footer left out); glyphs smaller than ``min_size`` (raised note calls) left out too."""
    import pdfplumber

    src = io.BytesIO(data) if isinstance(data, bytes) else data
    out = Layout()
    with pdfplumber.open(src) as pdf:
        out.pages = len(pdf.pages)
        for page in pdf.pages:
            n = page.page_number
            if min_size:
                page = page.filter(lambda o: o.get("object_type") != "char" or o.get("size", 0) >= min_size)
            for ln in page.extract_text_lines(return_chars=True):
                if ln["top"] >= FOOT_TOP or (n > 1 and ln["top"] < HEAD_BOTTOM):
                    continue
                text = ln["text"].strip()
                if not text or set(text) <= {"_"} or FURNITURE.search(text):
                    continue
                sizes = [c["size"] for c in ln["chars"] if c["text"].strip()]
                big = max(sizes) if sizes else 0
                toks = tokenize(text)
                if not toks:
                    continue
                out.lines += 1
                for t in toks:
                    out.words.append(Word(t, n, body=big >= NOTE_SIZE))
                out.words[-1].line_end = True
    return out


@dataclass
class Match:
    lines: int
    lines_total: int
    page_ends: int
    page_ends_total: int
    pages_issued: int
    pages_ours: int
    missed_lines: list[str]
    missed_pages: list[str]

    @property
    def line_fraction(self) -> float:
        return self.lines / self.lines_total if self.lines_total else 1.0

    @property
    def page_fraction(self) -> float:
        return self.page_ends / self.page_ends_total if self.page_ends_total else 1.0


def page_ends(layout: Layout) -> dict[int, int]:
    """Page number -> index of the last body (not note) word on that page."""
    ends: dict[int, int] = {}
    for i, w in enumerate(layout.words):
        if w.body:
            ends[w.page] = i
    return ends


def compare(issued: Layout, ours: Layout) -> Match:
    a, b = issued.tokens(), ours.tokens()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    to_ours: dict[int, int] = {}
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            to_ours[blk.a + k] = blk.b + k
    # Lines: the issued line's last word is a line end in ours too.
    ok = total = 0
    missed: list[str] = []
    start = 0
    for i, w in enumerate(issued.words):
        if not w.line_end:
            continue
        total += 1
        j = to_ours.get(i)
        if j is not None and ours.words[j].line_end:
            ok += 1
        else:
            missed.append(f"p{w.page}: …{' '.join(x.text for x in issued.words[max(start, i - 5):i + 1])}")
        start = i + 1
    # Page ends: the issued page's last body word is the last body word of one of our pages,
    # and the same page number.
    ie, oe = page_ends(issued), page_ends(ours)
    ours_end_at = {v: k for k, v in oe.items()}
    pok = ptotal = 0
    pmissed: list[str] = []
    for page, i in sorted(ie.items()):
        if page == issued.pages:
            continue
        ptotal += 1
        j = to_ours.get(i)
        if j is not None and ours_end_at.get(j) == page:
            pok += 1
        else:
            word = " ".join(x.text for x in issued.words[max(0, i - 4):i + 1])
            pmissed.append(f"p{page} ends …{word}")
    return Match(ok, total, pok, ptotal, issued.pages, ours.pages, missed, pmissed)


def find_reference(name: str) -> Path | None:
    for d in REFERENCE_DIRS:
        if (d / name).exists():
            return d / name
    return None


def build_pdf(source: Path, style: str | None) -> bytes:
    from pipeline.app.build import load_document
    from pipeline.writers import pdf

    return pdf.render(load_document(source, style, None))


def measure(reference: Path, source: Path, style: str | None = None) -> Match:
    """``style`` None: the source's own house style (A/RES/68/262's is the 2014 one)."""
    return compare(read_layout(reference), read_layout(build_pdf(source, style)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", nargs="*", help="REFERENCE.pdf=SOURCE.yaml")
    ap.add_argument("--style", default=None, help="house style (default: each source's own)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the lines and pages that differ")
    args = ap.parse_args(argv)
    pairs: list[tuple[Path | None, Path]] = []
    if args.pairs:
        for p in args.pairs:
            ref, _, src = p.partition("=")
            pairs.append((Path(ref), Path(src)))
    else:
        pairs = [(find_reference(r), ROOT / s) for r, s in PAIRS]
    print(f"{'reference':24} {'lines':>14} {'page ends':>12} {'pages':>9}")
    for ref, src in pairs:
        name = ref.name if ref else "?"
        if ref is None or not src.exists():
            print(f"{name:24} skipped (no {'reference' if ref is None else src})")
            continue
        m = measure(ref, src, args.style)
        print(
            f"{name:24} {m.lines:3}/{m.lines_total:<3} {m.line_fraction:5.1%} "
            f"{m.page_ends:2}/{m.page_ends_total:<2} {m.page_fraction:4.0%}  "
            f"{m.pages_issued:>3}/{m.pages_ours:<3}"
        )
        if args.verbose:
            for s in m.missed_lines:
                print("    line  ", s)
            for s in m.missed_pages:
                print("    page  ", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
