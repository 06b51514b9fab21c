"""YAML text a person would have written: the key order of ``source/``, folded ``>-`` paragraphs.

PyYAML's dumper does not fold block scalars nicely, so the text is written here;
every scalar is either a folded block (safe for any one-line text) or a plain scalar
checked to load back to the same string.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from typing import Any

import yaml

WIDTH = 79
_DAY_MONTH = re.compile(r"\b(\d{1,2}) (?=[A-Z][a-z]+\b)")


def _plain_ok(text: str) -> bool:
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


def scalar(head: str, text: str, fold: bool = False) -> list[str]:
    """``head`` ("key: " or "- ", indented) and ``text``: plain if short and safe, else folded."""
    if not fold and len(head) + len(text) <= WIDTH and _plain_ok(text):
        return [head + text]
    quoted = json.dumps(text, ensure_ascii=False)
    if not fold and len(head) + len(quoted) <= WIDTH and yaml.safe_load(f"k: {quoted}") == {"k": text}:
        return [head + quoted]
    rest = head.lstrip(" -")
    indent = len(head) if not rest else len(head) - len(rest) + 2
    pad = " " * indent
    glued = _DAY_MONTH.sub("\\1\0", text)  # keep "12 December" on one line, as printed
    lines = textwrap.wrap(glued, WIDTH - indent, break_long_words=False, break_on_hyphens=False)
    return [head + ">-", *(pad + line.replace("\0", " ") for line in lines)]


def value(v: Any) -> str:
    """A short value (number, date, list of agenda items, true) as YAML."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, dt.date)):
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    if isinstance(v, list):
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in v) + "]"
    text = str(v)
    return (
        text
        if _plain_ok(text) and not text.isdigit()
        else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    )


def paragraph(p: Any, indent: int) -> list[str]:
    """A list entry: text, ``{text:, items:, opening:}`` or ``{section:}``."""
    dash = " " * indent + "- "
    if isinstance(p, str):
        return scalar(dash, p, fold=True)
    inner = " " * (indent + 2)
    for key in ("section", "heading"):
        if key in p:
            return scalar(f"{dash}{key}: ", p[key])
    out = scalar(dash + "text: ", p["text"], fold=True)
    if "opening" in p:
        out.append(f"{inner}opening: {value(p['opening'])}")
    if p.get("items"):
        out.append(f"{inner}items:")
        for item in p["items"]:
            out += paragraph(item, indent + 4)
    return out


def body(data: dict, indent: int, keys: tuple[str, ...]) -> list[str]:
    """The fields ``keys`` of a resolution, part or annex, at ``indent``."""
    pad = " " * indent
    out: list[str] = []
    for key in keys:
        if key not in data:
            continue
        v = data[key]
        if key in ("preamble", "operative", "paragraphs"):
            out.append(f"{pad}{key}:")
            for p in v:
                out += paragraph(p, indent + 2)
        elif key == "adopted":
            out += [f"{pad}adopted:", f"{pad}  meeting: {v['meeting']}", f"{pad}  date: {value(v['date'])}"]
        elif key in ("title", "agenda_title"):
            out += scalar(f"{pad}{key}: ", v)
        else:
            out.append(f"{pad}{key}: {value(v)}")
    return out


HEAD = ("style", "language", "symbol", "distribution", "issued", "original", "session", "agenda",
        "agenda_title", "committee", "report", "job_number", "job_date")  # fmt: skip
PART = ("title", "preamble", "operative", "adopted")


def _entry(lines: list[str]) -> list[str]:
    """A mapping's lines (indented 4) as one entry of a list ("  - " on its first line)."""
    return ["  - " + lines[0][4:], *lines[1:]] if lines else ["  - {}"]


def document(data: dict, comment: str) -> str:
    """The whole source file."""
    out = [f"# {comment}", *body(data, 0, HEAD + ("title",))]
    if "parts" in data:
        out += ["", "parts:"]
        for i, part in enumerate(data["parts"]):
            out += [""] * bool(i) + _entry(body(part, 4, PART))
    else:
        for key in ("preamble", "operative"):
            if key in data:
                out += ["", *body(data, 0, (key,))]
    if data.get("annexes"):
        out += ["", "annexes:"]
        for i, annex in enumerate(data["annexes"]):
            out += [""] * bool(i) + _entry(body(annex, 4, ("title", "numbered", "restart", "paragraphs")))
    if data.get("footnotes"):
        out += ["", "footnotes:"]
        for key, text in data["footnotes"].items():
            out += scalar(f"  {key}: ", text)
    if "adopted" in data:
        out += ["", *body(data, 0, ("adopted",))]
    return "\n".join(out) + "\n"
