#!/usr/bin/env python3
"""Measure our modern-style pages against issued resolutions known only by their text.

    tools/issued_match.py [NAME ...] [-v] [--keep DIR]

tests/layout/issued/<NAME>.txt holds an issued resolution's lines and pages as the text layer of
its issued PDF gives them (the header of each file names the repository, commit and path it was
taken from; words only: no note calls or note numbers). For each, this tool

1. imports the corpus text of the same resolution (tests/corpus/<NAME>.txt or
   ../shared/corpus/<NAME>.txt) with ``unres import``, as tools/corpus.py does;
2. builds the PDF in the modern style (the issued PDFs are Word's modern pages);
3. reads our PDF with pdfplumber (note calls and note numbers, the raised small glyphs, left
   out; running heads, page numbers and the page-1 footer left out) and compares it with the
   issued lines by tools/layout_match.py's rules: a line matches when its last word is a line
   end in ours too (words aligned with difflib, split at hard hyphens); a page end matches when
   the issued page's last body word (notes excluded) is the last body word of the same page of
   ours; the issued last page is not counted.

It prints, per document, lines at the same word, page ends matched and pages issued / ours, then
the totals. Without NAMEs it measures every file in tests/layout/issued/. Deterministic: no
timing, no randomness; the same tree gives the same table.
"""

from __future__ import annotations

import argparse
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
CORPUS_DIRS = corpus.FOLDERS
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


def corpus_text(name: str) -> Path | None:
    for d in CORPUS_DIRS:
        if (d / f"{name}.txt").exists():
            return d / f"{name}.txt"
    return None


def import_source(text: Path, work: Path) -> Path:
    """``unres import TEXT -o X.yaml``, as tools/corpus.py runs it."""
    out = work / f"{text.stem}.yaml"
    r = subprocess.run([sys.executable, "-m", "pipeline", "import", str(text), "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1) or not out.exists():
        raise SystemExit(f"{text}: unres import failed ({r.returncode}): {r.stderr.strip()[-400:]}")
    return out


def build(name: str, work: Path, style: str = "modern") -> bytes:
    text = corpus_text(name)
    if text is None:
        raise SystemExit(f"{name}: no corpus text in {', '.join(str(d) for d in CORPUS_DIRS)}")
    return layout_match.build_pdf(import_source(text, work), style)


def measure(name: str, work: Path, keep: Path | None = None) -> Match:
    pdf = build(name, work)
    if keep is not None:
        (keep / f"{name}.pdf").write_bytes(pdf)
    return layout_match.compare(read_issued(ISSUED / f"{name}.txt"), read_ours(pdf))


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="file names in tests/layout/issued/ without .txt (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the lines and page ends that differ")
    ap.add_argument("--keep", type=Path, help="write our PDFs to this folder")
    args = ap.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    total = Total()
    print(f"{'issued':16} {'lines at the same word':>24} {'page ends':>11} {'pages issued/ours':>18}")
    with tempfile.TemporaryDirectory(prefix="unres-issued-") as tmp:
        for name in args.names or names():
            m = measure(name, Path(tmp), args.keep)
            total.add(m)
            print(f"{name:16} {m.lines:4}/{m.lines_total:<4} {m.line_fraction:6.1%}      "
                  f"{m.page_ends:2}/{m.page_ends_total:<2} {m.pages_issued:>10}/{m.pages_ours}")
            if args.verbose:
                for s in m.missed_lines:
                    print("    line  ", s)
                for s in m.missed_pages:
                    print("    page  ", s)
    frac = total.lines / total.lines_total if total.lines_total else 1.0
    pfrac = total.page_ends / total.page_ends_total if total.page_ends_total else 1.0
    print(f"{'total':16} {total.lines:4}/{total.lines_total:<4} {frac:6.1%}      "
          f"{total.page_ends:2}/{total.page_ends_total:<2} ({pfrac:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
