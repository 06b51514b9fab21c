"""The last pass over a finished tree (a resolved document, or a redline once the diff has merged
its lists): values that depend on where a paragraph stands, so that the writers only lay them out.

- ``Para.list_value``: the number an ordered list's item says it has (HTML's ``<li value>``):
  the number of a label such as "12.", else the paragraph's place among the blocks of its list
  ("(b)" second of its siblings: 2). In a redline the lists hold both versions' paragraphs, so
  the diff finishes its result again.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pipeline.model import Block, ChangedBlock, Document, Para

_NUMBER = re.compile(r"(\d+)\.?")


def list_value(label: str | None, place: int) -> int | None:
    """The number of a list item labelled ``label``, the ``place``-th block of its list."""
    if not label:
        return None
    digits = _NUMBER.fullmatch(label)
    return int(digits[1]) if digits else place


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


def finish(doc: Document) -> Document:
    """``doc`` with its list values."""
    parts = tuple(dataclasses.replace(p, preamble=_listed(p.preamble), operative=_listed(p.operative))
                  for p in doc.parts)
    annexes = tuple(dataclasses.replace(a, blocks=_listed(a.blocks)) for a in doc.annexes)
    return dataclasses.replace(doc, parts=parts, annexes=annexes)
