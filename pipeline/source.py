"""Load and validate a YAML source: text → checked data with a place for every value.

Safety: YAML is composed with PyYAML's *safe* loader (no Python objects), the file size
and the expanded node count are capped (so alias bombs stop early), and only the subset
of JSON Schema in :mod:`pipeline.schema` is accepted. Every problem becomes a
:class:`~pipeline.errors.Diagnostic` ``file:line:column: message``; all of them are
collected and raised together as one :class:`~pipeline.errors.SourceError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, SourceError
from .inline import note_calls, parse_inline
from .schema import SCHEMA

MAX_BYTES = 5 * 1024 * 1024  # a long resolution with annexes is well under 1 MB
MAX_NODES = 500_000  # after alias expansion


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based
    start: int  # character offsets in the source text
    end: int


@dataclass
class Source:
    """A validated source: plain data plus the place of every value (by path)."""

    path: str
    text: str
    data: dict[str, Any]
    positions: dict[tuple, Pos] = field(default_factory=dict)

    def pos(self, path: tuple) -> Pos:
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Pos(1, 1, 0, 0))

    def line(self, path: tuple) -> int:
        return self.pos(path).line


class _Collector:
    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.diags: list[Diagnostic] = []

    def error(self, pos: Pos | None, message: str) -> None:
        line, col = (pos.line, pos.column) if pos else (1, 1)
        self.diags.append(Diagnostic(self.path, line, col, message))

    def at_offset(self, offset: int, message: str) -> None:
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        self.diags.append(Diagnostic(self.path, line, col, message))


def _pos(node: yaml.Node) -> Pos:
    m, e = node.start_mark, node.end_mark
    return Pos(m.line + 1, m.column + 1, m.index, e.index)


def read_text(path: str | Path) -> str:
    """Read a source file as text, with errors for binary, non-UTF-8 and oversized files."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError([Diagnostic(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise SourceError([Diagnostic(name, 0, 0, "is a folder, not a YAML source")]) from None
    except OSError as exc:
        raise SourceError([Diagnostic(name, 0, 0, f"cannot read: {exc.strerror}")]) from None
    return decode(name, raw)


def decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise SourceError(
            [
                Diagnostic(
                    name,
                    0,
                    0,
                    f"file is {len(raw) / 1048576:.1f} MB; a source may be at most "
                    f"{MAX_BYTES // 1048576} MB",
                )
            ]
        )
    if b"\x00" in raw:
        off = raw.index(b"\x00")
        line = raw.count(b"\n", 0, off) + 1
        return _fail(name, line, off - (raw.rfind(b"\n", 0, off) + 1) + 1, "binary file (NUL byte)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        off = exc.start
        line = raw.count(b"\n", 0, off) + 1
        col = off - (raw.rfind(b"\n", 0, off) + 1) + 1
        return _fail(name, line, col, f"not UTF-8 text (byte 0x{raw[off]:02x}); save the file as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fail(name: str, line: int, col: int, message: str) -> str:
    raise SourceError([Diagnostic(name, line, col, message)])


def load(path: str | Path, text: str | None = None) -> Source:
    """Load and validate a source file (or ``text`` given for it)."""
    name = str(path)
    if text is None:
        text = read_text(path)
    col = _Collector(name, text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = exc.problem or exc.context or "invalid YAML"
        if "\t" in msg or "found character '\\t'" in str(exc):
            msg = "tab character: indent with spaces"
        elif exc.context:
            msg = f"{msg} ({exc.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError([Diagnostic(name, line, column, f"YAML syntax: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise SourceError([Diagnostic(name, 1, 1, f"YAML: {exc}")]) from None
    if root is None:
        raise SourceError([Diagnostic(name, 1, 1, "empty file: expected a resolution (symbol:, title: ...)")])
    conv = _Converter(col)
    data = conv.convert(root, ())
    if col.diags:
        raise SourceError(col.diags)
    if not isinstance(data, dict):
        col.error(_pos(root), f"expected a mapping of fields (symbol:, title: ...), found {_kind(data)}")
        raise SourceError(col.diags)
    src = Source(name, text, data, conv.positions)
    _Validator(col, src).check(data, SCHEMA, ())
    if not col.diags:
        _semantics(col, src)
    if col.diags:
        raise SourceError(sorted(col.diags, key=lambda d: (d.line, d.column)))
    return src


class _Converter:
    """YAML nodes → Python values, recording positions, refusing duplicates and bombs."""

    def __init__(self, col: _Collector):
        self.col = col
        self.positions: dict[tuple, Pos] = {}
        self.count = 0
        self.cons = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.col.error(_pos(node), "document too large once aliases are expanded")
            return None
        self.positions[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.col.error(_pos(knode), "merge keys (<<) are not supported")
                    continue
                key = self.convert(knode, path + ("<key>",))
                if not isinstance(key, (str, int)):
                    self.col.error(_pos(knode), f"a key must be text, found {_kind(key)}")
                    continue
                if key in out:
                    self.col.error(_pos(knode), f"duplicate key '{key}'")
                    continue
                out[key] = self.convert(vnode, path + (key,))
                self.positions[path + (key, "<key>")] = _pos(knode)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(v, path + (i,)) for i, v in enumerate(node.value)]
        try:
            return self.cons.construct_object(node, deep=True)
        except ValueError as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.col.error(_pos(node), f"impossible date '{node.value}' ({exc})")
            else:
                self.col.error(_pos(node), f"invalid value '{node.value}': {exc}")
        except yaml.YAMLError as exc:
            self.col.error(_pos(node), f"invalid value: {exc}")
        return None


def _kind(v: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }.get(type(v), type(v).__name__)


_JSON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
}


class _Validator:
    """Interprets the JSON Schema subset used in :mod:`pipeline.schema`."""

    def __init__(self, col: _Collector, src: Source):
        self.col, self.src = col, src

    def resolve(self, schema: dict) -> dict:
        ref = schema.get("$ref")
        if ref:
            return SCHEMA["$defs"][ref.rsplit("/", 1)[1]]
        return schema

    def ok(self, value: Any, schema: dict, path: tuple) -> bool:
        """Whether value matches, without reporting."""
        probe = _Validator(_Collector(self.col.path, self.col.text), self.src)
        probe.check(value, schema, path)
        return not probe.col.diags

    def check(self, value: Any, schema: dict, path: tuple) -> None:
        schema = self.resolve(schema)
        pos = self.src.pos(path)
        name = _name(path)
        if "oneOf" in schema:
            options = [self.resolve(s) for s in schema["oneOf"]]
            for opt in options:
                if self.ok(value, opt, path):
                    return
            # report against the option of the same JSON type, if one is unambiguous
            same = [o for o in options if self._type_ok(value, o)]
            if isinstance(value, dict) and len(same) > 1:
                keys = set(value)
                same = [o for o in same if set(o.get("required", ())) <= keys] or same[:1]
            if len(same) >= 1:
                self.check(value, same[0], path)
            else:
                kinds = " or ".join(sorted({_TYPE_WORDS[o["type"]] for o in options if "type" in o}))
                self.col.error(pos, f"{name}: expected {kinds}, found {_kind(value)}")
            return
        if "enum" in schema:
            if value not in schema["enum"] and str(value) not in schema["enum"]:
                choices = ", ".join(str(c) for c in schema["enum"])
                hint = _did_you_mean(str(value), [str(c) for c in schema["enum"]])
                self.col.error(pos, f"{name}: '{value}' is not one of {choices}{hint}")
            return
        if "type" in schema and not self._type_ok(value, schema):
            self.col.error(pos, f"{name}: expected {_TYPE_WORDS[schema['type']]}, found {_kind(value)}")
            return
        t = schema.get("type")
        if t == "string":
            if schema.get("format") == "date":
                if isinstance(value, str):
                    self.col.error(pos, f"{name}: '{value}' is not a date; write YYYY-MM-DD")
                return
            if len(value.strip()) < schema.get("minLength", 0):
                self.col.error(pos, f"{name}: is empty")
            elif "pattern" in schema and not re.search(schema["pattern"], value):
                self.col.error(pos, f"{name}: malformed value '{value}' ({_pattern_hint(path)})")
        elif t == "integer":
            if "minimum" in schema and value < schema["minimum"]:
                self.col.error(pos, f"{name}: must be at least {schema['minimum']}, found {value}")
            elif "maximum" in schema and value > schema["maximum"]:
                self.col.error(pos, f"{name}: must be at most {schema['maximum']}, found {value}")
        elif t == "array":
            if len(value) < schema.get("minItems", 0):
                self.col.error(pos, f"{name}: needs at least {schema['minItems']} entry")
            for i, v in enumerate(value):
                self.check(v, schema["items"], path + (i,))
        elif t == "object":
            props = schema.get("properties", {})
            extra = schema.get("additionalProperties", True)
            names = schema.get("propertyNames")
            for key, v in value.items():
                kpath = path + (key,)
                if key in props:
                    self.check(v, props[key], kpath)
                elif isinstance(extra, dict):
                    if names and not re.search(names["pattern"], str(key)):
                        self.col.error(
                            self.src.pos(kpath + ("<key>",)),
                            f"{name}: key '{key}' may hold only letters, digits, '-', '_' and '.'",
                        )
                    self.check(v, extra, kpath)
                elif extra is False:
                    hint = _did_you_mean(str(key), list(props))
                    where = f" in {name}" if path else ""
                    self.col.error(
                        self.src.pos(kpath + ("<key>",)), f"unknown key '{key}'{where}{hint}"
                    )
            for req in schema.get("required", ()):
                if req not in value:
                    where = f"{name} " if path else ""
                    self.col.error(pos, f"{where}missing required field '{req}'")

    @staticmethod
    def _type_ok(value: Any, schema: dict) -> bool:
        t = schema.get("type")
        if t is None:
            return True
        if schema.get("format") == "date":
            return isinstance(value, (dt.date, str)) and not isinstance(value, dt.datetime)
        if t == "integer" and isinstance(value, bool):
            return False
        return isinstance(value, _JSON_TYPES[t])


def _name(path: tuple) -> str:
    if not path:
        return "document"
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _pattern_hint(path: tuple) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return {
        "symbol": "expected a resolution symbol such as A/RES/52/102",
        "report": "expected a document symbol such as A/52/639",
        "job_number": "expected a job number such as 18-18418",
        "agenda": "expected an item number such as 107 or '20 (b)'",
    }.get(last, "see `unres schema`")


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------------------
# Checks that JSON Schema cannot express: structure, footnotes, inline markup.


def iter_texts(data: dict[str, Any]):
    """Every inline text in the source, with its path, in reading order."""
    if "title" in data:
        yield ("title",), data["title"]
    bodies: list[tuple[tuple, dict]] = [((), data)]
    if isinstance(data.get("parts"), list):
        bodies += [(("parts", i), p) for i, p in enumerate(data["parts"])]
    for base, body in bodies:
        if base and "title" in body:
            yield base + ("title",), body["title"]
        for key in ("preamble", "operative"):
            for i, para in enumerate(body.get(key) or ()):
                yield from _para_texts(base + (key, i), para)
    for i, annex in enumerate(data.get("annexes") or ()):
        if "title" in annex:
            yield ("annexes", i, "title"), annex["title"]
        for j, para in enumerate(annex.get("paragraphs") or ()):
            yield from _para_texts(("annexes", i, "paragraphs", j), para)


def _para_texts(path: tuple, para: Any):
    if isinstance(para, str):
        yield path, para
    elif isinstance(para, dict):
        if "section" in para:
            yield path + ("section",), para["section"]
        if "text" in para:
            yield path + ("text",), para["text"]
        for i, item in enumerate(para.get("items") or ()):
            yield from _para_texts(path + ("items", i), item)


def _semantics(col: _Collector, src: Source) -> None:
    data = src.data
    has_body = "operative" in data or "preamble" in data
    if "parts" in data and has_body:
        col.error(src.pos(("parts",)), "use either parts: (lettered A, B ...) or preamble:/operative:, not both")
    elif "parts" not in data:
        if "operative" not in data:
            col.error(src.pos(()), "missing required field 'operative'")
        if "adopted" not in data:
            col.error(src.pos(()), "missing required field 'adopted' (meeting: and date:)")
    elif "adopted" in data:
        col.error(src.pos(("adopted",)), "with parts:, each part has its own adopted:")
    if "committee" in data and "report" not in data:
        col.error(src.pos(("committee",)), "committee: needs report: (the symbol of the committee's report)")

    notes: dict[str, Any] = data.get("footnotes") or {}
    called: set[str] = set()
    for path, text in iter_texts(data):
        node = src.pos(path)
        runs, problems = parse_inline(text)
        for p in problems:
            col.at_offset(_locate(src.text, node, text, p.offset), p.message)
        if not _has_words(runs):
            what = "title" if path[-1] == "title" else "paragraph"
            col.error(node, f"{_name(path)}: {what} has no text, only markup")
        for key, off in note_calls(text):
            called.add(key)
            if key not in notes:
                hint = _did_you_mean(key, list(notes))
                col.at_offset(
                    _find(src.text, node, f"[^{key}]"),
                    f"footnote [^{key}] is called but not defined under footnotes:{hint}",
                )
    for key, text in notes.items():
        path = ("footnotes", key)
        node = src.pos(path)
        runs, problems = parse_inline(text)
        for p in problems:
            col.at_offset(_locate(src.text, node, text, p.offset), p.message)
        if not _has_words(runs):
            col.error(node, f"footnote '{key}' has no text, only markup")
        for inner, _ in note_calls(text):
            col.at_offset(
                _find(src.text, node, f"[^{inner}]"),
                f"footnote '{key}' calls [^{inner}]: a footnote cannot call another footnote",
            )
        if key not in called:
            col.error(src.pos(path + ("<key>",)), f"footnote '{key}' is defined but never called")


def _has_words(runs) -> bool:
    return any(getattr(r, "text", "").strip(" *_\t") for r in runs)


def _find(text: str, pos: Pos, needle: str) -> int:
    i = text.find(needle, pos.start, max(pos.end, pos.start + len(needle)))
    return i if i >= 0 else pos.start


def _locate(text: str, pos: Pos, value: str, offset: int) -> int:
    """Best source offset for a character offset in a (possibly folded) scalar."""
    snippet = " ".join(value.split())[offset : offset + 12]
    if snippet:
        i = text.find(snippet, pos.start, pos.end + 1)
        if i >= 0:
            return i
        first = snippet.split(" ")[0]
        i = text.find(first, pos.start, pos.end + 1) if first else -1
        if i >= 0:
            return i
    return pos.start
