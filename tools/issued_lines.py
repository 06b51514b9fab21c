#!/usr/bin/env python3
"""Draft tests/layout/issued/<NAME>.txt from an issued PDF's text layer as PyMuPDF gives it.

    tools/issued_lines.py TEXT_LAYER.txt --source "REPO COMMIT PATH" [-o OUT.txt]

TEXT_LAYER is the "text" field of wannli/un-docs-downloader data/extracted/<NAME>.json saved as
stored (tests/import/pymupdf/<NAME>.txt). The draft follows the conventions of the files in
tests/layout/issued/ (read by tools/issued_match.py):

- the pages as the text layer gives them: a page begins at a line that is empty (no space; the
  text layer's lines inside a page end with a space), and its head (symbol, running title, job
  number and "n/N") is left out up to the later of its job number and page number;
- page 1 from the session line on ("Eightieth session"): the masthead above it, the job number
  and the barcode left out;
- blank lines left out; a paragraph number or a label alone on its line ("1.", "(a)") put on the
  line it numbers; a justified line the text layer gives one word a line (three or more
  one-word lines in a row) joined again;
- each page's notes (under its rule of underscores) after "---", their numbers left out, each
  note's lines as given;
- each note's call taken out of the page's body (the first place after the call before it where
  the note's number follows a word or a year, or stands alone), words only; and the later calls of
  a note called again under its number (to the 73rd session), glued to a word's last small letter
  or to the punctuation after it ("Weapons1", "Development;1").

The mechanical part only: the words are the text layer's, never edited, but every draft must be
read against its text layer by hand (a justified line the text layer splits, a call found at the
wrong place). Every call taken out is reported on stderr with the words around it for that check.
Deterministic: the same input gives the same draft.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# the text layer's furniture, as tools/corpus.py reads it
from corpus import BARCODE, JOB, RULE, page_head_end

SESSION = re.compile(r"^\S+(?:-\S+)? session$")  # "Eightieth session", "Seventy-ninth session"
# a paragraph number or label alone on its line: "12." (or "26", A/RES/79/160), "(a)", "(iv)"
LABEL = re.compile(r"^(?:\d{1,3}\.?|\([a-z]{1,5}\))$")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")


def rejoined(lines: list[str]) -> list[str]:
    """A justified line the text layer gives one word a line (three or more one-word lines with
    no blank line between them: "institutions" / "in" / "peacebuilding" / … / "the", A/RES/76/305
    p.4, where Word spread the line's words wide) is one line again; a paragraph's number before
    its first word counts with the word ("19. Encourages" / "Governments," / "relevant" / …,
    A/RES/79/211 p.8)."""
    out: list[str] = []
    run: list[str] = []
    for x in [*lines, ""]:
        words = x.split()
        if x and (len(words) == 1 or (not run and len(words) == 2 and LABEL.match(words[0]))):
            run.append(x)
            continue
        out += [" ".join(run)] if len(run) >= 3 else run
        run = []
        out.append(x)
    return out[:-1]


def pages(text: str) -> list[list[str]]:
    """The text layer's pages, each a list of its lines (stripped), heads and furniture left out."""
    out: list[list[str]] = []
    current: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        end = page_head_end(lines, i) if raw == "" and i else None
        if end is not None:
            out.append(rejoined(current))
            current = []
            i = end
            continue
        current.append(raw.strip())
        i += 1
    out.append(rejoined(current))
    first = out[0]
    at = next(k for k, x in enumerate(first) if SESSION.match(x))
    out[0] = [x for x in first[at:] if not (JOB.fullmatch(x) or BARCODE.fullmatch(x))]
    return out


def split_page(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A page's body lines (labels joined to their line) and its notes [(number, lines)]."""
    at = next((k for k, x in enumerate(lines) if RULE.fullmatch(x)), len(lines))
    body: list[str] = []
    label = ""
    for x in lines[:at]:
        if not x:
            continue
        if LABEL.match(x):
            label = (label + " " + x).strip()
            continue
        body.append(f"{label} {x}" if label else x)
        label = ""
    if label:
        body.append(label)
    notes: list[tuple[str, list[str]]] = []
    blank = True
    for x in lines[at + 1 :]:
        m = re.match(r"(\d{1,3})\s+(\S.*)$", x)
        if m and blank:
            notes.append((m.group(1), [m.group(2)]))
        elif x and notes:
            notes[-1][1].append(x)
        elif x:
            raise SystemExit(f"a line under the rule before any note: {x!r}")
        blank = not x
    return body, notes


def _call(n: str) -> re.Pattern[str]:
    # the note's number glued to a word or punctuation ("Bodies,1", "report6", "Mali”,3"; not
    # after "/" or "-": "A/80/2"), glued to a year ("20242"), or alone ("Mali 1 and", not a
    # day before its month, nor the first number of a range: "paragraphs 1 to 10", A/RES/79/320,
    # nor a count after an article: "the 10 principles", A/RES/79/201, nor the number a noun
    # takes: "Article 1 of the Charter", A/RES/79/248)
    return re.compile(rf"(?<=[^\s\d/\-(]){n}(?=\s|$)|(?<=\b(?:19|20)\d\d){n}(?=\s|$)"
                      rf"|(?<!\b[Tt]he\s)(?<!\b[Aa]\s)(?<!\b[Aa]n\s)(?<!\b[Aa]rticle\s)(?<!\bparagraph\s)"
                      rf"(?<!\bparagraphs\s)(?<!\brule\s)(?<!\bGoal\s)(?<!\bchapter\s)(?<!\bsection\s)"
                      rf"(?<=\s){n}(?=\s|$)"
                      rf"(?!\s+(?:{MONTHS})\b|\s+to\s+\d)")


def _name_figure(n: str) -> re.Pattern[str]:
    # last, where no other form is found: glued to the figure of a name, a word's one or two
    # figures ("Agenda 216 and": the "Agenda 21" and raised 6, A/RES/79/211)
    return re.compile(rf"(?:(?<=[^\W\d_] \d\d)|(?<=[^\W\d_] \d)){n}(?=\s|$)")


def take_calls(body: list[str], notes: list[tuple[str, list[str]]], page: int,
               report: list[str]) -> list[str]:
    """The body lines with each note's call taken out, in the notes' order."""
    text = "\n".join(body)
    pos = 0
    for n, _ in notes:
        m = _call(n).search(text, pos) or _name_figure(n).search(text, pos)
        if m is None:
            report.append(f"p{page} note {n}: call NOT FOUND")
            continue
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 20]
        report.append(f"p{page} note {n}: {before!r} [{n}] {after!r}")
        start = m.start()
        if text[start - 1 : start] == " " and (m.end() == len(text) or text[m.end()] in " \n"):
            start -= 1  # a call set apart: the space before it goes with it
        text = text[:start] + text[m.end() :]
        pos = start
    return [" ".join(x.split()) for x in text.split("\n")]


def _again(n: str) -> re.Pattern[str]:
    # a note called again under its number (to the 73rd session): glued to a word's last small
    # letter or to the punctuation after it ("Weapons1 in", "Development;1"); not after a full stop
    # ("Add.1") nor a capital ("SDG14", "CO2"), nor set apart (a number of the text); or glued to
    # the punctuation after a year ("2015–2030;2")
    return re.compile(rf"(?:(?<=[^\W\dA-Z_])|(?<=[^\W\dA-Z_][;,:\u201d\u2019)])"
                      rf"|(?<=(?:19|20)\d\d[;,:])){n}(?=\s|$)")


def take_calls_again(body: list[str], numbers: list[str], page: int, report: list[str]) -> list[str]:
    """The body lines with the later calls of the notes printed so far taken out."""
    text = "\n".join(body)
    for n in numbers:
        for m in reversed(list(_again(n).finditer(text))):
            before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 20]
            report.append(f"p{page} note {n} again: {before!r} [{n}] {after!r}")
            text = text[: m.start()] + text[m.end() :]
    return text.split("\n")


def draft(text: str, name: str, source: str, report: list[str]) -> str:
    symbol = name.replace("_", "/")
    out = [f"# {symbol} as issued: its lines and pages (tools/issued_match.py)",
           f"# source: {source} (\"text\": the issued PDF's text layer as PyMuPDF reads it, line "
           "breaks and page breaks kept)",
           f"# input: tests/import/pymupdf/{name}.txt (that text layer saved as stored; "
           "tools/issued_match.py imports it)",
           "# kept: every line from the session line on, as issued (the masthead above it, running "
           "heads, page numbers, job number and barcode left out); a paragraph number on the line "
           "it numbers and a table row on one line, as printed; note calls and note numbers left "
           "out (words only); a page's notes after its \"---\""]
    seen: list[str] = []
    for k, lines in enumerate(pages(text), 1):
        body, notes = split_page(lines)
        out.append(f"=== page {k}")
        seen += [n for n, _ in notes]
        out += take_calls_again(take_calls(body, notes, k, report), seen, k, report)
        if notes:
            out.append("---")
            for _, note in notes:
                out += [" ".join(x.split()) for x in note]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", type=Path, help="the text layer (tests/import/pymupdf/<NAME>.txt)")
    ap.add_argument("--source", required=True, help='"REPO COMMIT PATH" of the stored JSON, for the header')
    ap.add_argument("-o", "--out", type=Path, help="write the draft here (default: stdout)")
    args = ap.parse_args(argv)
    report: list[str] = []
    out = draft(args.text.read_text(encoding="utf-8"), args.text.stem, args.source, report)
    for line in report:
        print(line, file=sys.stderr)
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
