"""The last pass over a finished tree (a resolved document, or a redline once the diff has merged
its lists): values that depend on a run's final text, so that the writers only lay them out.

- ``Text.print_text``: the text as print sets it, where that differs: words that issued pages
  never part are joined by a no-break space — a date's day and its month ("27 October 2015",
  "14 December thereafter"), and the words of the catalogue's ``keep_with_number`` and the
  number after them ("Article 73", "para. 15", "Supplement No. 53"). Screen pages reflow and
  keep the text as typed.

  The measure (docs/layout.md, "Words kept together"): in the 3,421 issued lines of
  tests/layout/issued/, no line ends between a day and its month (249 inside a line) nor between
  one of those words and its number (about 100), where a month and its year part 23 times in 266
  and "resolution" and its number 3 times in 89.

A paragraph's ``list_value`` is not made here: the numbering pass sets it from the counter it
makes the label from (:mod:`pipeline.transforms.resolve`), and the diff keeps each version's
(:mod:`pipeline.transforms.diff`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from babel.dates import get_month_names

from pipeline.model import (
    Annex,
    Changed,
    ChangedBlock,
    Document,
    Heading,
    Masthead,
    Note,
    Para,
    Part,
    Quote,
    Table,
    Text,
)
from pipeline.transforms.words import catalogue

_DATE = re.compile(r"\b(\d{1,2}) (?=\w+ \d{4}\b)")
NBSP = "\u00a0"
#: The node types whose fields can hold runs or blocks (the pass leaves every other value alone).
_NODES = (Document, Masthead, Part, Annex, Para, Heading, Table, Quote, Note, Changed, ChangedBlock)
_WALKED = (tuple, Text, *_NODES)


@functools.cache
def _kept(lang: str) -> tuple[re.Pattern[str], ...]:
    """The patterns whose first group keeps the next word on its line, in ``lang``: a day before
    a word and a year (any language), a day before the language's month name (babel's, as a
    date writes it), a catalogue word before a number (``keep_with_number``), the words of a
    catalogue phrase (``keep_whole``)."""
    cat = catalogue(lang)  # the one the document was resolved with (cached)
    data = cat.data
    months = sorted(get_month_names("wide", context="format", locale=cat.locale).values(),
                    key=len, reverse=True)
    month = "|".join(map(re.escape, months))
    out = [_DATE, re.compile(rf"\b(\d{{1,2}}) (?=(?:{month})(?!\w))")]
    if words := data.get("keep_with_number"):
        alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        out.append(re.compile(rf"(?<![\w.])({alternatives}) (?=\d)"))
    for phrase in data.get("keep_whole") or ():  # "Supplement No.": the space before its last word
        head, _, tail = phrase.rpartition(" ")
        out.append(re.compile(rf"(?<![\w.])({re.escape(head)}) (?={re.escape(tail)}(?!\w))"))
    return tuple(out)


def keep_together(text: str, lang: str = "en") -> str:
    """``text`` with a no-break space where print keeps two words on one line ("27 October 2015"
    after the day, "Article 73")."""
    for pattern in _kept(lang):
        text = pattern.sub("\\1" + NBSP, text)
    return text


def _printed(value: Any, lang: str) -> Any:
    """``value`` with every run's ``print_text`` (the same object where nothing changes)."""
    if isinstance(value, Text):
        printed: str | None = keep_together(value.text, lang)
        printed = printed if printed != value.text else None
        return value if printed == value.print_text else dataclasses.replace(value, print_text=printed)
    if isinstance(value, tuple):
        out = tuple(_printed(v, lang) for v in value)
        return value if all(a is b for a, b in zip(out, value, strict=True)) else out
    if isinstance(value, _NODES):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            if f.init and isinstance(old, _WALKED) and (new := _printed(old, lang)) is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def finish(doc: Document) -> Document:
    """``doc`` with its runs' print texts."""
    done: Document = _printed(doc, doc.meta.language)
    return done
