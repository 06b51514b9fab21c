"""Inline text of an imported paragraph → the source's inline markup.

The text is parsed with the pipeline's own inline parser and written back, so what
the source says is exactly what the imported text showed. An italic opening phrase
that the catalogue would italicise anyway is left implicit; any other italics are kept.
"""

from __future__ import annotations

import re

from pipeline.model import LineBreak, NoteRef, Runs, Text
from pipeline.model.inline import Openers, italicise_opening, normalise, parse_inline
from pipeline.model.visitor import UnknownNode

_ESCAPE = re.compile(r"\\|\*|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|\[(?=\^)")


def parse(text: str) -> tuple[Runs, bool]:
    """Runs of ``text``; the flag is true when a stray ``*`` had to be read as a literal star."""
    text = normalise(text)  # a title's line breaks are kept
    runs, problems = parse_inline(text)
    if not problems:
        return runs, False
    while problems:  # escape the star without a partner: the one whose escape settles the most
        stars = [m.start() for m in re.finditer(r"(?<!\\)\*", text)]
        trials = [(len(parse_inline(text[:i] + "\\" + text[i:])[1]), i) for i in stars]
        best, at = min(trials, default=(len(problems), 0))
        if best >= len(problems):
            return parse_inline(re.sub(r"(?<!\\)\*", r"\\*", text))[0], True
        text = text[:at] + "\\" + text[at:]
        runs, problems = parse_inline(text)
    return runs, True


def write(runs: Runs) -> str:
    """Runs → inline markup that :func:`~pipeline.model.inline.parse_inline` reads back to the same runs."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, NoteRef):
            out.append(f"[^{run.key}]")
            continue
        if isinstance(run, LineBreak):  # a title's line break: a line of its own (title: |-)
            out.append("\n")
            continue
        if not isinstance(run, Text):  # a source has no diff marks
            raise UnknownNode(run, "the importer")
        text = _ESCAPE.sub(lambda m: "\\[\\" if m.group(0) == "[" else "\\" + m.group(0), run.text)
        core = text.strip()
        if not core or not (run.italic or run.bold):
            out.append(text)
            continue
        mark = "*" * (run.italic + 2 * run.bold)
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return normalise("".join(out))


def _plain_first(runs: Runs) -> Runs:
    """``runs`` with the italic of an opening italic run removed (merged into the next run)."""
    head = runs[0]
    assert isinstance(head, Text)
    rest = runs[1:]
    if rest and isinstance(rest[0], Text) and not rest[0].italic and rest[0].bold == head.bold:
        return (Text(head.text + rest[0].text, bold=head.bold), *rest[1:])
    return (Text(head.text, bold=head.bold), *rest)


def opening(runs: Runs, phrases: Openers, marked: bool) -> tuple[Runs, bool | None]:
    """Runs to write for a paragraph, and the ``opening:`` setting (``None``: leave it out).

    ``marked`` says whether the document marks italics at all (a plain-text copy does not,
    and then the catalogue's italics are simply what the pipeline adds).
    """
    first = runs[0] if runs else None
    if isinstance(first, Text) and first.italic:
        implicit = _plain_first(runs)
        if italicise_opening(implicit, phrases) == runs:
            return implicit, None
        return runs, None
    if marked and italicise_opening(runs, phrases) != runs:
        return runs, False
    return runs, None
