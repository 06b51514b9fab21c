"""The last pass over a finished tree (a resolved document, or a redline once the diff has merged
its lists): values that depend on where a paragraph stands or on a run's final text, so that
the writers only lay them out.

- ``Para.list_value``: the number an ordered list's item says it has (HTML's ``<li value>``):
  the number of a label such as "12.", else the paragraph's place among the blocks of its list
  ("(b)" second of its siblings: 2). In a redline the lists hold both versions' paragraphs, so
  the diff finishes its result again.
- ``Text.print_text``: the text as print sets it, where that differs: a date's day is joined to
  its month by a no-break space ("27 October 2015" never breaks after the day). Screen pages
  reflow and keep the text as typed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pipeline.model import (
    Annex,
    Block,
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

_NUMBER = re.compile(r"(\d+)\.?")
_DATE = re.compile(r"\b(\d{1,2}) (?=\w+ \d{4}\b)")
#: The node types whose fields can hold runs or blocks (the pass leaves every other value alone).
_NODES = (Document, Masthead, Part, Annex, Para, Heading, Table, Quote, Note, Changed, ChangedBlock)
_WALKED = (tuple, Text, *_NODES)


def list_value(label: str | None, place: int) -> int | None:
    """The number of a list item labelled ``label``, the ``place``-th block of its list."""
    if not label:
        return None
    digits = _NUMBER.fullmatch(label)
    return int(digits[1]) if digits else place


def keep_dates(text: str) -> str:
    """"27 October 2015" with a no-break space after the day."""
    return _DATE.sub("\\1\u00a0", text)


def _listed(blocks: tuple[Any, ...]) -> tuple[Any, ...]:
    """A list of blocks with every paragraph's (and sub-paragraph's) ``list_value``."""
    out = tuple(_listed_block(b, place) for place, b in enumerate(blocks, start=1))
    return blocks if all(a is b for a, b in zip(out, blocks, strict=True)) else out


def _listed_block(b: Block, place: int) -> Block:
    if isinstance(b, ChangedBlock):
        node = _listed_block(b.node, place)
        return b if node is b.node else dataclasses.replace(b, node=node)  # type: ignore[arg-type]
    if not isinstance(b, Para):
        return b
    value, children = list_value(b.label, place), _listed(b.children)
    if value == b.list_value and children is b.children:
        return b
    return dataclasses.replace(b, list_value=value, children=children)


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
    """``doc`` with its list values and its runs' print texts."""
    parts = tuple(dataclasses.replace(p, preamble=_listed(p.preamble), operative=_listed(p.operative))
                  for p in doc.parts)
    annexes = tuple(dataclasses.replace(a, blocks=_listed(a.blocks)) for a in doc.annexes)
    done: Document = _printed(dataclasses.replace(doc, parts=parts, annexes=annexes))
    return done
