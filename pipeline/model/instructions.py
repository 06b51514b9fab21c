"""The shape of an amendment instruction (docs/cycle.md): checked by the loader, carried out by
:mod:`pipeline.transforms.amend`. Addresses: ``title``, ``pp3``, ``op5``, ``op5.b``, ``sec2``,
``annex1.p2``, ``A.op2`` (lettered parts), and whole lists (``preamble``, ``operative``, ``annex1``).

``{text: "…"}`` is an instruction kept as written: one ``unres import`` could not read into a
shape (a change throughout the text, "Replace “Chornobyl” with “Chernobyl” in the title, the
preambular paragraphs and the operative paragraphs.", A/80/L.35). It is printed as written and
refused by ``unres apply``, which cannot carry it out.

``{delete_paragraphs: [op5, op6, op10, op13]}`` deletes several paragraphs in one instruction, as
A/80/L.35 prints it ("Delete operative paragraphs 5, 6, 10 and 13."): two or more preambular or
operative paragraphs of one kind, in the order of the text; one paragraph is ``delete_paragraph``.

``{at: [op27, op43], delete: "sexual and reproductive"}`` makes one edit of words (``delete``,
``insert`` + ``after``/``before``, ``replace`` + ``with``) in each of several paragraphs, as
A/C.3/80/L.64 prints it ("In operative paragraphs 27 and 43, delete “sexual and reproductive”."):
two or more preambular or operative paragraphs of one kind, in the order of the text (the list
checked as ``delete_paragraphs``'); one paragraph is ``at: op27``.
"""

from __future__ import annotations

import re
from typing import Any

_ADDR = re.compile(
    r"^(?:(?P<part>[A-Z])\.)?(?:(?P<annex>annex\d+)\.)?(?P<kind>pp|op|sec|p)(?P<n>\d+)(?P<sub>(?:\.[a-z]+)*)$"
)

SHAPES: tuple[tuple[set[str], set[str]], ...] = (
    ({"at", "replace", "with"}, set()),
    ({"at", "delete"}, set()),
    ({"at", "insert", "after"}, set()),
    ({"at", "insert", "before"}, set()),
    ({"after", "insert_paragraphs"}, set()),
    ({"before", "insert_paragraphs"}, set()),
    ({"fill", "insert_paragraphs"}, set()),
    ({"delete_paragraph"}, set()),
    ({"delete_paragraphs"}, set()),
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
    if not any(keys == shape for shape, _ in SHAPES):
        return (
            "unknown instruction with keys "
            + ", ".join(sorted(map(str, keys)))
            + "; expected e.g. {at:, replace:, with:}, {at:, delete:}, {at:, insert:, after:}, "
            "{after:, insert_paragraphs:}, {delete_paragraph:}, {delete_paragraphs: [...]}, {move:, after:}, "
            "{replace_paragraph:, with:}"
        )
    if keys == {"text"}:
        ok = isinstance(ins["text"], str) and ins["text"].strip()
        return None if ok else "text: expected the instruction's words, as written"
    if keys == {"delete_paragraphs"}:
        return _several_problem(ins["delete_paragraphs"])
    if "at" in keys and isinstance(ins["at"], list):
        problem = _several_problem(ins["at"], "at", ins)
        if problem:
            return problem
        ins = {**ins, "at": ins["at"][0]}
    if keys == {"delete_paragraph"} and isinstance(ins["delete_paragraph"], list):
        listed = ", ".join(map(str, ins["delete_paragraph"]))
        return (f"delete_paragraph: a list names several paragraphs; write {{delete_paragraphs: [{listed}]}} "
                "(one instruction deleting them all)")
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


#: The paragraphs ``delete_paragraphs`` takes: preambular or operative, of the text or of a
#: lettered draft's part
_SEVERAL = re.compile(r"^(?P<part>(?:[A-Z]\.)?)(?P<kind>pp|op)(?P<n>\d+)$")


#: How ``several_problem`` words what is wrong, by the key holding the list
_SEVERAL_WORDS = {
    "delete_paragraphs": {"verb": "deletes", "own": "delete it with an instruction of its own",
                          "example": "[op5, op6, op10, op13]"},
    "at": {"verb": "edits", "own": "edit it with an instruction of its own",
           "example": "[op27, op43]"},
}


def _one_of(key: str, addr: str, ins: dict[str, Any] | None) -> str:
    """The instruction of its own for one paragraph of a list: ``{delete_paragraph: op5}``, or
    the word instruction with ``at: op5`` (its other keys as written)."""
    if key == "delete_paragraphs" or ins is None:
        return "{delete_paragraph: " + addr + "}"
    rest = ", ".join(f"{k}: …" for k in ins if k != "at")
    return "{at: " + addr + (", " + rest if rest else "") + "}"


def several_problem(value: Any, key: str = "delete_paragraphs",
                    ins: dict[str, Any] | None = None) -> tuple[int | None, str] | None:
    """What is wrong with a list of paragraphs of one kind (``delete_paragraphs``, or ``at`` of a
    word instruction made in several paragraphs), and the index of the entry at fault (None: the
    list itself); None when nothing is."""
    words = _SEVERAL_WORDS[key]
    if key == "delete_paragraphs" and isinstance(value, str) and _valid_addr(value.strip()):
        return None, (f"delete_paragraphs: expected a list of two or more paragraphs, found one; write "
                      f"{{delete_paragraph: {value.strip()}}}, or delete_paragraphs: [{value.strip()}, ...]")
    if not isinstance(value, list) or not value:
        return None, f"{key}: expected a list of paragraphs such as {words['example']}"
    for k, addr in enumerate(value):
        if not isinstance(addr, str) or not _SEVERAL.match(addr):
            hint = (f"; {words['own']}, {_one_of(key, addr, ins)}"
                    if isinstance(addr, str) and _valid_addr(addr) else "")
            return k, (f"{key}: {addr!r} is not a preambular or operative paragraph "
                       f"(pp3, op5){hint}")
    if len(value) == 1:
        if key == "at":
            return None, f"at: one paragraph; write at: {value[0]}"
        return None, f"delete_paragraphs: one paragraph; write {{delete_paragraph: {value[0]}}}"
    found = [_SEVERAL.match(a) for a in value]
    first = found[0]
    for k, m in enumerate(found[1:], 1):
        if m is None or first is None:
            continue
        if (m["part"], m["kind"]) != (first["part"], first["kind"]):
            both = "preambular or operative paragraphs, not both" if m["part"] == first["part"] else \
                "paragraphs of one lettered part"
            return k, (f"{key}: {value[k]} is not of the kind of {value[0]} (one instruction "
                       f"{words['verb']} {both}); {words['own']}, {_one_of(key, value[k], ins)}")
    numbers = [int(m["n"]) for m in found if m]
    for k in range(1, len(numbers)):
        if numbers[k] in numbers[:k]:
            return k, f"{key}: {value[k]} is named twice"
    if numbers != sorted(numbers):
        ordered = [a for _, a in sorted(zip(numbers, value, strict=True))]
        return None, (f"{key}: the paragraphs are not in the order of the text; write "
                      f"[{', '.join(ordered)}]")
    return None


def _several_problem(value: Any, key: str = "delete_paragraphs",
                     ins: dict[str, Any] | None = None) -> str | None:
    found = several_problem(value, key, ins)
    return found[1] if found else None


def _valid_addr(addr: str) -> bool:
    return (
        addr == "title"
        or bool(_ADDR.match(addr))
        or bool(re.fullmatch(r"(?:[A-Z]\.)?(preamble|operative)|annex\d+", addr))
    )
