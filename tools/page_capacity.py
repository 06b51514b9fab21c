#!/usr/bin/env python3
"""How much a page 2+ holds, read off Word's own page ends (docs/layout.md, "Page capacity").

    tools/page_capacity.py [NAME ...] [-v]

For every issued page 2 to n-1 of tests/layout/issued/<NAME>.txt (by default those with a corpus
text, issued_match.corpus_text; page 1 has the masthead; the last page is not full; 79/249's
table pages are left out) the text layer gives L body lines, the
paragraphs that start on the page (the corpus text's paragraphs found at line starts, in order),
whether the page opens with one, N note lines and the notes printed. Laid out as ours lays them
- 12 pt a line, 6 pt above a paragraph except at the page top, 12.86 pt for the notes' rule and
10.5 pt a note line - what Word put on the page must fit a height A, and the least it could have
taken from the next page must not: one line of a paragraph that goes on for three lines or more,
two when only two follow (no widow), a new paragraph's 6 pt and its first two lines (three when
it has three); no bound when those lines call a note. Under each model the tool prints the
interval of A every page but the unexplained ones allows, how many pages A = 661.6 (ours before
7 December 2026) and A = 656 explain. Text only: no PDF of ours is built.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import issued_match  # noqa: E402

TABLE_PAGES = {("A_RES_79_249", p) for p in range(2, 9)}
LINE, PARA, RULE, NOTE_LINE = 12.0, 6.0, 12.86, 10.5


@dataclass
class Page:
    name: str
    page: int
    lines: int  # L
    starts: int  # paragraphs starting on the page
    opens: bool  # the page opens with a paragraph
    note_lines: int  # N
    notes: int  # notes (or a continued note's part) printed
    extra: float  # the least Word could have added from the next page
    bounded: bool  # False when those lines call a note

    def used(self, keep_top: bool = False, inner: float = 0.0) -> float:
        body = LINE * self.lines + PARA * (self.starts - (1 if self.opens and not keep_top else 0))
        if not self.note_lines:
            return body
        return body + RULE + NOTE_LINE * self.note_lines + inner * (self.note_lines - self.notes)


def _words(s: str) -> list[str]:
    return re.sub(r"<sup>\w+</sup>", " ", s).replace("\u2011", "-").split()


def _corpus(name: str) -> tuple[list[str], list[str], list[str], set[int]]:
    """Body paragraphs, notes, the body's words and the indexes of words a call follows."""
    path = issued_match.corpus_text(name)
    if path is None:
        raise SystemExit(f"{name}: no corpus text")
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("# source"):
        lines = lines[1:]
    body, _, notes = "\n".join(lines).partition("\n---\n")
    paras: list[str] = []
    for p in (p.strip() for p in body.split("\n\n")):
        if p:
            paras += p.split("\n") if re.match(r"\d+(st|nd|rd|th) ", p) else [p.replace("\n", " ")]
    note_texts = [m.group(1) for m in re.finditer(r"^<sup>\w+</sup>\s*(.+)$", notes, re.M)]
    stream: list[str] = []
    calls: set[int] = set()
    for p in paras:
        for piece in re.split(r"(<sup>\w+</sup>)", p):
            if piece.startswith("<sup>"):
                calls.add(len(stream) - 1)
            else:
                stream += piece.replace("\u2011", "-").split()
    return paras, note_texts, stream, calls


def _issued(name: str) -> dict[int, dict[str, list[str]]]:
    pages: dict[int, dict[str, list[str]]] = {}
    page, notes = 0, False
    for raw in (issued_match.ISSUED / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=== page"):
            page, notes = int(line.split()[-1]), False
            pages[page] = {"body": [], "notes": []}
        elif line == "---":
            notes = True
        else:
            pages[page]["notes" if notes else "body"].append(line.replace("\u2011", "-"))
    return pages


def pages_of(name: str) -> list[Page]:
    paras, note_texts, stream, calls = _corpus(name)
    pages = _issued(name)
    body_lines = [(pg, i, ln) for pg in sorted(pages) for i, ln in enumerate(pages[pg]["body"])]
    starts: set[tuple[int, int]] = set()
    first = [_words(p)[:4] for p in paras]
    k = 0
    for pg, i, ln in body_lines:
        words = ln.split()
        for j in range(k, min(k + 3, len(first))):
            if first[j] and words[: len(first[j])] == first[j]:
                starts.add((pg, i))
                k = j + 1
                break
    note_starts: set[tuple[int, int]] = set()
    nfirst = [_words(n)[:5] for n in note_texts]
    k = 0
    for pg in sorted(pages):
        for i, ln in enumerate(pages[pg]["notes"]):
            if k < len(nfirst) and ln.split()[: len(nfirst[k])] == nfirst[k]:
                note_starts.add((pg, i))
                k += 1
    # the calls of each issued body line, by aligning its words with the corpus text's
    words, owner = [], []
    for pg, i, ln in body_lines:
        for w in ln.split():
            words.append(w)
            owner.append((pg, i))
    called: set[tuple[int, int]] = set()
    for blk in difflib.SequenceMatcher(None, words, stream, autojunk=False).get_matching_blocks():
        called |= {owner[blk.a + j] for j in range(blk.size) if blk.b + j in calls}
    out = []
    last = max(pages)
    for pg in sorted(pages):
        if pg in (1, last) or (name, pg) in TABLE_PAGES:
            continue
        body, notes, nxt = pages[pg]["body"], pages[pg]["notes"], pages[pg + 1]["body"]
        run = next((j for j in range(1, len(nxt)) if (pg + 1, j) in starts), len(nxt))
        if (pg + 1, 0) in starts:  # a new paragraph: its 6 pt and two lines (three of three)
            take = 1 if run == 1 else 3 if run == 3 else 2
            extra = PARA + LINE * take
        else:  # the paragraph goes on: one line, or both when two follow
            take = 1 if run >= 3 else run
            extra = LINE * take
        n_notes = sum(1 for i in range(len(notes)) if (pg, i) in note_starts)
        if notes and (pg, 0) not in note_starts:
            n_notes += 1  # a note continued from the page before
        out.append(Page(name, pg, len(body), sum(1 for i in range(len(body)) if (pg, i) in starts),
                        (pg, 0) in starts, len(notes), n_notes, extra,
                        not any((pg + 1, j) in called for j in range(take))))
    return out


def explained(pages: list[Page], a: float, keep_top: bool = False, inner: float = 0.0) -> list[bool]:
    out = []
    for p in pages:
        used = p.used(keep_top, inner)
        out.append(used <= a + 1e-6 and (not p.bounded or a < used + p.extra - 1e-6))
    return out


def interval(pages: list[Page], keep_top: bool = False,
             inner: float = 0.0) -> tuple[float, float, list[Page]]:
    """The interval of A most pages allow: drop the page that narrows it to nothing, one at a time."""
    left = list(pages)
    out: list[Page] = []
    while left:
        lo = max(p.used(keep_top, inner) for p in left)
        hi = min((p.used(keep_top, inner) + p.extra for p in left if p.bounded), default=float("inf"))
        if lo < hi:
            return lo, hi, out
        worst = min(left, key=lambda p: p.used(keep_top, inner) + p.extra if p.bounded else float("inf"))
        low = max(left, key=lambda p: p.used(keep_top, inner))
        # drop whichever of the two conflicting pages conflicts with more of the others
        def conflicts(q: Page) -> int:
            return sum(1 for r in left if r is not q and not (
                max(q.used(keep_top, inner), r.used(keep_top, inner))
                < min(q.used(keep_top, inner) + q.extra if q.bounded else float("inf"),
                      r.used(keep_top, inner) + r.extra if r.bounded else float("inf"))))
        drop = worst if conflicts(worst) >= conflicts(low) else low
        left.remove(drop)
        out.append(drop)
    return 0.0, 0.0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="file names in tests/layout/issued/ without .txt (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every page's counts")
    args = ap.parse_args(argv)
    # by default the texts with a corpus text (those whose input is a text layer have none)
    names = args.names or sorted(p.stem for p in issued_match.ISSUED.glob("*.txt")
                                 if issued_match.corpus_text(p.stem) is not None)
    pages = [p for n in names for p in pages_of(n)]
    print(f"{len(pages)} pages (2 to n-1, no table pages) of {len(names)} texts")
    if args.verbose:
        for p in pages:
            note = "" if p.bounded else " (calls a note)"
            print(f"  {p.name} p{p.page}: L={p.lines} starts={p.starts} opens={int(p.opens)} "
                  f"N={p.note_lines} notes={p.notes} used={p.used():.2f} extra={p.extra:g}{note}")
    for label, keep_top, inner in (("6 pt dropped at a page top (ours)", False, 0.0),
                                   ("6 pt kept at a page top", True, 0.0),
                                   ("a note's inner pitch +0.23", False, 0.23),
                                   ("a note's inner pitch +1.0", False, 1.0)):
        lo, hi, out = interval(pages, keep_top, inner)
        un = ", ".join(f"{p.name[6:]} p{p.page}" for p in out) or "none"
        at = {a: sum(explained(pages, a, keep_top, inner)) for a in (661.6, 656.0)}
        print(f"{label:36} {lo:.2f} <= A < {hi:.2f}, {len(pages) - len(out)}/{len(pages)} pages "
              f"(unexplained: {un}); A = 661.6: {at[661.6]}, A = 656: {at[656.0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
