"""The shape of an amendment instruction (docs/cycle.md): checked by the loader, carried out by
:mod:`pipeline.transforms.amend`. Addresses: ``title``, ``pp3``, ``op5``, ``op5.b``, ``sec2``,
``annex1.p2``, ``A.op2`` (lettered parts), and whole lists (``preamble``, ``operative``, ``annex1``).

``{text: "…"}`` is an instruction kept as written: one ``unres import`` could not read into a
shape (a change throughout the text, "Replace “Chornobyl” with “Chernobyl” in the title, the
preambular paragraphs and the operative paragraphs.", A/80/L.35). It is printed as written and
refused by ``unres apply``, which cannot carry it out.
"""

from __future__ import annotations

import re
from typing import Any

_ADDR = re.compile(
    r"^(?:(?P<part>[A-Z])\.)?(?:(?P<annex>annex\d+)\.)?(?P<kind>pp|op|sec|p)(?P<n>\d+)(?P<sub>(?:\.[a-z]+)*)$"
)

_SHAPES: tuple[tuple[set[str], set[str]], ...] = (
    ({"at", "replace", "with"}, set()),
    ({"at", "delete"}, set()),
    ({"at", "insert", "after"}, set()),
    ({"at", "insert", "before"}, set()),
    ({"after", "insert_paragraphs"}, set()),
    ({"before", "insert_paragraphs"}, set()),
    ({"fill", "insert_paragraphs"}, set()),
    ({"delete_paragraph"}, set()),
    ({"move", "after"}, set()),
    ({"move", "before"}, set()),
    ({"replace_paragraph", "with"}, set()),
    ({"replace_footnote", "with"}, set()),
    ({"text"}, set()),
)


def _para_value_ok(v: Any) -> bool:
    if isinstance(v, str):
        return bool(v.strip())
    if not isinstance(v, dict):
        return False
    if set(v) == {"section"}:
        return isinstance(v["section"], str) and bool(v["section"].strip())
    if not isinstance(v.get("text"), str) or not set(v) <= {"text", "items", "opening"}:
        return False
    items = v.get("items", [])
    return isinstance(items, list) and all(_para_value_ok(i) for i in items)


def check_instruction(ins: Any) -> str | None:
    """What is wrong with one instruction's shape (None: nothing)."""
    if not isinstance(ins, dict):
        return 'an instruction is a mapping such as {at: op3, delete: "words"}'
    keys = set(ins)
    if not any(keys == shape for shape, _ in _SHAPES):
        return (
            "unknown instruction with keys "
            + ", ".join(sorted(map(str, keys)))
            + "; expected e.g. {at:, replace:, with:}, {at:, delete:}, {at:, insert:, after:}, "
            "{after:, insert_paragraphs:}, {delete_paragraph:}, {move:, after:}, {replace_paragraph:, with:}"
        )
    if keys == {"text"}:
        ok = isinstance(ins["text"], str) and ins["text"].strip()
        return None if ok else "text: expected the instruction's words, as written"
    for key in ("at", "after", "before", "fill", "delete_paragraph", "move", "replace_paragraph"):
        if key in ins and not (isinstance(ins[key], str) and _valid_addr(ins[key])):
            if key in ("after", "before") and "at" in ins:
                continue
            return f"{key}: {ins[key]!r} is not a paragraph address (title, pp3, op5, op5.b, sec2, annex1.p2)"
    for key in ("replace", "with", "delete", "insert", "after", "before"):
        if key in ins and "at" in ins and not (isinstance(ins[key], str) and ins[key].strip()):
            return f"{key}: expected words, found {ins[key]!r}"
    if "insert_paragraphs" in ins and not (
        isinstance(ins["insert_paragraphs"], list)
        and ins["insert_paragraphs"]
        and all(map(_para_value_ok, ins["insert_paragraphs"]))
    ):
        return "insert_paragraphs: expected a list of paragraphs"
    if "replace_paragraph" in ins and not _para_value_ok(ins["with"]):
        return "with: expected a paragraph"
    if "replace_footnote" in ins and not (isinstance(ins["with"], str) and ins["with"].strip()):
        return "with: expected the footnote's text"
    return None


def _valid_addr(addr: str) -> bool:
    return (
        addr == "title"
        or bool(_ADDR.match(addr))
        or bool(re.fullmatch(r"(?:[A-Z]\.)?(preamble|operative)|annex\d+", addr))
    )
