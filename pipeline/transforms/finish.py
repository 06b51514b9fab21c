"""The last pass over a finished tree (a resolved document, or a redline once the diff has merged
its lists): values that depend on a run's final text, so that the writers only lay them out.

- ``Text.print_text``: the text as print sets it, where that differs: a date's day is joined to
  its month by a no-break space ("27 October 2015" never breaks after the day). Screen pages
  reflow and keep the text as typed.

A paragraph's ``list_value`` is not made here: the numbering pass sets it from the counter it
makes the label from (:mod:`pipeline.transforms.resolve`), and the diff keeps each version's
(:mod:`pipeline.transforms.diff`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

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

_DATE = re.compile(r"\b(\d{1,2}) (?=\w+ \d{4}\b)")
#: The node types whose fields can hold runs or blocks (the pass leaves every other value alone).
_NODES = (Document, Masthead, Part, Annex, Para, Heading, Table, Quote, Note, Changed, ChangedBlock)
_WALKED = (tuple, Text, *_NODES)


def keep_dates(text: str) -> str:
    """"27 October 2015" with a no-break space after the day."""
    return _DATE.sub("\\1\u00a0", text)


def _printed(value: Any) -> Any:
    """``value`` with every run's ``print_text`` (the same object where nothing changes)."""
    if isinstance(value, Text):
        printed: str | None = keep_dates(value.text)
        printed = printed if printed != value.text else None
        return value if printed == value.print_text else dataclasses.replace(value, print_text=printed)
    if isinstance(value, tuple):
        out = tuple(_printed(v) for v in value)
        return value if all(a is b for a, b in zip(out, value, strict=True)) else out
    if isinstance(value, _NODES):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            if f.init and isinstance(old, _WALKED) and (new := _printed(old)) is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def finish(doc: Document) -> Document:
    """``doc`` with its runs' print texts."""
    done: Document = _printed(doc)
    return done
