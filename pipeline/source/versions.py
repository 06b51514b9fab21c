"""Language versions of one resolution compared for structure (``unres check --against``).

The six language versions of a resolution go out together, so an editor checks that each
has the same skeleton as the reference: parts, preambular and operative paragraph counts,
sections, sub-paragraph counts, footnote calls (how many, in which order) and the document
symbols and years each paragraph cites. Every difference is placed in the version checked:
``file:line:column: what differs``. Words are never compared: they differ by design.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic
from .loader import Source

_CALL = re.compile(r"\[\^([^\]\s]+)\]")
# Document and resolution symbols ("A/52/639", "E/CN.4/1998/53", "48/113", "48 / 113"),
# and years: the numbers every language version must cite alike. Day and month numbers
# are left out (Chinese writes the month as a number, the others as a word).
_SYMBOL = re.compile(r"(?:[A-Z][A-Za-z0-9.\-]*\s*/\s*)*\d+(?:\s*/\s*[A-Za-z0-9.\-]*\d[A-Za-z0-9.\-]*)+")
_YEAR = re.compile(r"(?<![\d/])(1[89]\d\d|20\d\d)(?![\d/])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass
class _Para:
    path: tuple[Any, ...]
    kind: str  # preamble | operative | section
    items: list[Any] = field(default_factory=list)  # sub-paragraph tree: list of lists
    calls: list[str] = field(default_factory=list)
    cited: Counter[str] = field(default_factory=Counter)


def _texts(para: Any) -> list[str]:
    if isinstance(para, str):
        return [para]
    out = [para.get("text", "")] if isinstance(para, dict) else []
    for item in (para.get("items") or ()) if isinstance(para, dict) else ():
        out += _texts(item)
    return out


def _tree(para: Any) -> list[Any]:
    if not isinstance(para, dict):
        return []
    return [_tree(i) for i in para.get("items") or ()]


def cited(text: str) -> Counter[str]:
    text = _CALL.sub(" ", text.translate(_DIGITS))
    symbols = [re.sub(r"\s*/\s*", "/", m.group(0)) for m in _SYMBOL.finditer(text)]
    rest = _SYMBOL.sub(" ", text)
    return Counter(symbols + _YEAR.findall(rest))


def _paras(src: Source) -> list[list[_Para]]:
    data = src.data
    parts = data.get("parts") or ()
    bodies: list[tuple[tuple[Any, ...], Any]] = [(("parts", i), p) for i, p in enumerate(parts)]
    bodies = bodies or [((), data)]
    out = []
    for base, body in bodies:
        paras = []
        for key in ("preamble", "operative"):
            for i, p in enumerate(body.get(key) or ()):
                path = base + (key, i)
                kind = "section" if isinstance(p, dict) and "section" in p else key
                texts = _texts(p) if kind != "section" else []
                para = _Para(path, kind, _tree(p))
                for t in texts:
                    para.calls += _CALL.findall(t)
                    para.cited += cited(t)
                paras.append(para)
        out.append(paras)
    return out


def _numbered_calls(bodies: list[list[_Para]]) -> None:
    """Replace call keys by note numbers (first call numbers a note), as printed."""
    seen: dict[str, int] = {}
    for paras in bodies:
        for p in paras:
            p.calls = [seen.setdefault(k, len(seen) + 1) for k in p.calls]  # type: ignore[misc]


_NOUNS = {
    "preamble": "preambular paragraph",
    "operative": "operative paragraph",
    "section": "section heading",
}


def _name(p: _Para, index: int) -> str:
    part = f"part {chr(65 + p.path[1])}, " if p.path and p.path[0] == "parts" else ""
    return f"{part}{_NOUNS[p.kind]} {index}"


def compare(ref: Source, other: Source) -> list[Diagnostic]:
    """Every structural difference of ``other`` from ``ref``, placed in ``other``."""
    out: list[Diagnostic] = []

    def say(path: tuple[Any, ...], message: str) -> None:
        pos = other.pos(path)
        out.append(Diagnostic(other.path, pos.line, pos.column, message))

    a, b = _paras(ref), _paras(other)
    _numbered_calls(a)
    _numbered_calls(b)
    if len(a) != len(b):
        where = ("parts",) if other.data.get("parts") else ()
        say(where, f"{len(b)} parts, the reference {ref.path} has {len(a)}")
    for pa, pb in zip(a, b):
        for kind in ("preamble", "operative", "section"):
            na = sum(p.kind == kind for p in pa)
            nb = sum(p.kind == kind for p in pb)
            if na != nb:
                where = next((p.path for p in pb if p.kind == kind), pb[0].path[:-2] if pb else ())
                noun = {"preamble": "preambular paragraphs", "operative": "operative paragraphs",
                        "section": "section headings"}[kind]
                say(where, f"{nb} {noun}, the reference has {na}")
        for kind in ("preamble", "operative"):
            xa = [p for p in pa if p.kind == kind]
            xb = [p for p in pb if p.kind == kind]
            for i, (p, q) in enumerate(zip(xa, xb), 1):
                name = _name(q, i)
                if p.items != q.items:
                    say(q.path, f"{name}: sub-paragraphs {_shape(q.items)}, "
                        f"the reference has {_shape(p.items)}")
                if p.calls != q.calls:
                    say(q.path, f"{name}: footnote calls {_calls(q.calls)}, "
                        f"the reference has {_calls(p.calls)}")
                missing, extra = p.cited - q.cited, q.cited - p.cited
                if missing:
                    cites = ", ".join(sorted(missing.elements()))
                    say(q.path, f"{name}: does not cite {cites} (the reference does)")
                if extra:
                    cites = ", ".join(sorted(extra.elements()))
                    say(q.path, f"{name}: cites {cites}, the reference does not")
    return out


def _shape(items: list[Any]) -> str:
    if not items:
        return "none"
    inner = [f"{len(i)}" for i in items]
    return f"{len(items)}" + (f" ({', '.join(inner)} below them)" if any(items) else "")


def _calls(calls: list[Any]) -> str:
    return ", ".join(map(str, calls)) if calls else "none"
