#!/usr/bin/env python3
"""Measure our modern-style pages against issued resolutions known only by their text.

    tools/issued_match.py [NAME ...] [-v] [--keep DIR]

tests/layout/issued/<NAME>.txt holds an issued resolution's lines and pages as the text layer of
its issued PDF gives them (the header of each file names the repository, commit and path it was
taken from; words only: no note calls or note numbers). For each, this tool

1. imports the same resolution with ``unres import``, as tools/corpus.py does: the input named
   by the file's ``# input: PATH`` header line (PATH from the repository's root), or else the
   first of tests/corpus/<NAME>.txt, ../shared/corpus/<NAME>.txt and
   tests/import/pymupdf/<NAME>.txt (the issued PDF's text layer as PyMuPDF gives it, saved as
   stored: page heads, job number and notes in it, read as a user's copy of the PDF);
2. builds the PDF in the modern style (the issued PDFs are Word's modern pages);
3. reads our PDF with pdfplumber (note calls and note numbers, the raised small glyphs, left
   out; running heads, page numbers and the page-1 footer left out) and compares it with the
   issued lines by tools/layout_match.py's rules: a line matches when its last word is a line
   end in ours too (words aligned with difflib, split at hard hyphens); a page end matches when
   the issued page's last body word (notes excluded) is the last body word of the same page of
   ours; the issued last page is not counted.

It prints, per document, lines at the same word, page ends matched, pages issued / ours and the
input's folder, then the totals for the corpus texts, for the text layers and for all. A text
that does not import or build stays in the set: its row says so (with the error's last line) and
its issued lines and page ends count as not matched. Without NAMEs it measures every file in
tests/layout/issued/. Deterministic: no timing, no randomness; the same tree gives the same table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import corpus  # noqa: E402
import layout_match  # noqa: E402
from layout_match import Layout, Match, Word  # noqa: E402

ISSUED = ROOT / "tests" / "layout" / "issued"
TEXT_LAYERS = ROOT / "tests" / "import" / "pymupdf"  # issued PDFs' text layers, saved as stored
INPUT_DIRS = tuple(dict.fromkeys((*corpus.FOLDERS, TEXT_LAYERS)))
CALL_SIZE = 7.0  # note calls and note numbers: 5.5 pt raised (600 dpi), 5.25 pt (96 dpi); text 8.25 and up


def _tokens(line: str) -> list[str]:
    return layout_match.tokens(line.replace("\u2011", "-"))


def read_issued(path: Path) -> Layout:
    """The issued lines of tests/layout/issued/<NAME>.txt as a Layout (body and notes per page)."""
    out = Layout()
    page, notes = 0, False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=== page"):
            page, notes = int(line.split()[-1]), False
            continue
        if line == "---":
            notes = True
            continue
        toks = _tokens(line)
        out.lines += 1
        out.words += [Word(t, page, body=not notes) for t in toks]
        out.words[-1].line_end = True
    out.pages = page
    return out


def read_ours(data: bytes | Path) -> Layout:
    """Our PDF's lines, read as layout_match.read_layout reads them, without the raised calls."""
    return layout_match.read_layout(data, min_size=CALL_SIZE, tokenize=_tokens)


class Failed(Exception):
    """The text could not be imported or built (the message says which, and why)."""


def header_input(name: str) -> Path | None:
    """The input named by tests/layout/issued/<NAME>.txt's ``# input: PATH ...`` line, if any."""
    path = ISSUED / f"{name}.txt"
    if not path.exists():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# input:") and len(line.split()) > 2:
            return ROOT / line.split()[2]
    return None


def corpus_text(name: str) -> Path | None:
    """NAME's corpus text (the corpus conventions: tests/corpus, ../shared/corpus), if any; a text
    layer (tests/import/pymupdf) is not one (tools/page_capacity.py reads the corpus conventions)."""
    for d in INPUT_DIRS:
        if d != TEXT_LAYERS and (d / f"{name}.txt").exists():
            return d / f"{name}.txt"
    return None


def input_text(name: str) -> Path | None:
    """The text to import for NAME: the header's input, else the first of INPUT_DIRS holding it."""
    named = header_input(name)
    if named is not None:
        return named if named.exists() else None
    for d in INPUT_DIRS:
        if (d / f"{name}.txt").exists():
            return d / f"{name}.txt"
    return None


def import_source(text: Path, work: Path) -> Path:
    """``unres import TEXT -o X.yaml``, as tools/corpus.py runs it."""
    out = work / f"{text.stem}.yaml"
    r = subprocess.run([sys.executable, "-m", "pipeline", "import", str(text), "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1) or not out.exists():
        last = (r.stderr.strip().splitlines() or [""])[-1][:200]
        raise Failed(f"import failed ({r.returncode}): {last}")
    return out


def build(name: str, work: Path, style: str = "modern") -> bytes:
    text = input_text(name)
    if text is None:
        wanted = [header_input(name)] if header_input(name) else [d / f"{name}.txt" for d in INPUT_DIRS]
        raise Failed(f"no input: {', '.join(os.path.relpath(w, ROOT) for w in wanted if w)}")
    source = import_source(text, work)
    try:
        return layout_match.build_pdf(source, style)
    except Exception as e:  # noqa: BLE001 - any build error is reported in the row, not fatal
        first = (str(e).splitlines() or [""])[0][:200]
        raise Failed(f"build failed: {type(e).__name__}: {first}") from e


def measure(name: str, work: Path, keep: Path | None = None) -> Match:
    pdf = build(name, work)
    if keep is not None:
        (keep / f"{name}.pdf").write_bytes(pdf)
    return layout_match.compare(read_issued(ISSUED / f"{name}.txt"), read_ours(pdf))


def unmatched(name: str) -> Match:
    """The issued lines and page ends of a text that did not build, none of them matched."""
    issued = read_issued(ISSUED / f"{name}.txt")
    return layout_match.compare(issued, Layout())


def kind(name: str) -> str:
    """What the input is, for the subtotals: a text layer (tests/import/pymupdf/) or a corpus text."""
    text = header_input(name) or input_text(name)
    return "text layers" if text is not None and text.parent == TEXT_LAYERS else "corpus texts"


def folder(name: str) -> str:
    """The input's folder from the repository's root ("tests/corpus", "../shared/corpus", ...)."""
    text = header_input(name) or input_text(name)
    return os.path.relpath(text.parent, ROOT) if text is not None else "(none)"


@dataclass
class Total:
    lines: int = 0
    lines_total: int = 0
    page_ends: int = 0
    page_ends_total: int = 0

    def add(self, m: Match) -> None:
        self.lines += m.lines
        self.lines_total += m.lines_total
        self.page_ends += m.page_ends
        self.page_ends_total += m.page_ends_total


def names() -> list[str]:
    return sorted(p.stem for p in ISSUED.glob("*.txt"))


def _row(label: str, t: Total) -> str:
    frac = t.lines / t.lines_total if t.lines_total else 1.0
    pfrac = t.page_ends / t.page_ends_total if t.page_ends_total else 1.0
    return (f"{label:16} {t.lines:4}/{t.lines_total:<4} {frac:6.1%}      "
            f"{t.page_ends:2}/{t.page_ends_total:<2} ({pfrac:.0%})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="file names in tests/layout/issued/ without .txt (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the lines and page ends that differ")
    ap.add_argument("--keep", type=Path, help="write our PDFs to this folder")
    args = ap.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    total = Total()
    by_kind: dict[str, Total] = {}
    print(f"{'issued':16} {'lines at the same word':>24} {'page ends':>11} {'pages issued/ours':>18}  input")
    with tempfile.TemporaryDirectory(prefix="unres-issued-") as tmp:
        for name in args.names or names():
            where = folder(name)
            try:
                m = measure(name, Path(tmp), args.keep)
                failed = ""
            except Failed as e:
                m, failed = unmatched(name), f"  FAILED: {e}"
            total.add(m)
            by_kind.setdefault(kind(name), Total()).add(m)
            ours = "-" if failed else str(m.pages_ours)
            print(f"{name:16} {m.lines:4}/{m.lines_total:<4} {m.line_fraction:6.1%}      "
                  f"{m.page_ends:2}/{m.page_ends_total:<2} {m.pages_issued:>10}/{ours:<6} {where}{failed}")
            if args.verbose and not failed:
                for s in m.missed_lines:
                    print("    line  ", s)
                for s in m.missed_pages:
                    print("    page  ", s)
    if len(by_kind) > 1:
        for what, t in sorted(by_kind.items()):
            print(_row("total", t) + f"  {what}")
    print(_row("total", total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
