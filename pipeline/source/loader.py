"""Load and validate a YAML source: text → checked data with a place for every value.

Safety: the file is read with a size cap and must be UTF-8 text without control
characters; YAML is composed by :mod:`pipeline.source.safeyaml` (safe constructors only, plain
tags only, nesting, alias expansion and text size capped); only the subset of JSON
Schema in :mod:`pipeline.source.schema` is accepted. Every problem becomes a
:class:`~pipeline.errors.Diagnostic` ``file:line:column: message``; all of them are
collected and raised together as one :class:`~pipeline.errors.SourceError`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.model import DECISION_KINDS
from pipeline.model.inline import TABLE_MARK, line_breaks, normalise, note_calls, note_marks, parse_inline
from pipeline.model.source import Pos, Source
from pipeline.source.safeyaml import parse
from pipeline.source.schema import LANGUAGES, MAX_DEPTH, SCHEMA, SYMBOL

MAX_BYTES = 5 * 1024 * 1024  # a long resolution with annexes is well under 1 MB
EMBLEM_MAX_BYTES = 2 * 1024 * 1024
# C0/C1 controls YAML refuses, and line breaks editors and YAML count differently.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


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


def _too_big(name: str, size: str) -> SourceError:
    return SourceError(
        [Diagnostic(name, 0, 0, f"file is {size}; a source may be at most {MAX_BYTES // 1048576} MB")]
    )


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a source file, refusing folders and files over :data:`MAX_BYTES`.

    At most :data:`MAX_BYTES` + 1 bytes are read, so ``/dev/zero`` or a huge file is
    refused without filling memory. Anything that reads sources (batch, watch) reads
    them through here.
    """
    name = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError([Diagnostic(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise SourceError([Diagnostic(name, 0, 0, "is a folder, not a YAML source")]) from None
    except OSError as exc:
        raise SourceError([Diagnostic(name, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        limit = MAX_BYTES // 1048576
        raise _too_big(name, f"{size / 1048576:.1f} MB" if size > MAX_BYTES else f"more than {limit} MB")
    return raw


def read_text(path: str | Path) -> str:
    """Read a source file as text, with errors for binary, non-UTF-8 and oversized files."""
    return decode(str(path), read_bytes(path))


def _place(raw: bytes, off: int) -> tuple[int, int]:
    """Line and column (in characters) of byte offset ``off``."""
    start = raw.rfind(b"\n", 0, off) + 1
    return raw.count(b"\n", 0, off) + 1, len(raw[start:off].decode("utf-8", "replace")) + 1


def decode(name: str, raw: bytes) -> str:
    """Bytes → text: UTF-8 (a leading BOM is dropped), line ends normalised to ``\\n``."""
    if len(raw) > MAX_BYTES:
        raise _too_big(name, f"{len(raw) / 1048576:.1f} MB")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError([Diagnostic(name, 1, 1, "UTF-16 text; save the file as UTF-8")])
    if b"\x00" in raw:
        line, col = _place(raw, raw.index(b"\x00"))
        raise SourceError([Diagnostic(name, line, col, "binary file (NUL byte), not YAML text")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _place(raw, exc.start)
        msg = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise SourceError([Diagnostic(name, line, col, msg)]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _BAD_CHARS.search(text)
    if bad:
        found = _Collector(name, text)
        char = ord(bad.group())
        what = "line separator" if char in (0x2028, 0x2029) else "control character"
        found.at_offset(bad.start(), f"{what} U+{char:04X} is not allowed in a source")
        raise SourceError(found.diags)
    return text


def load(path: str | Path, text: str | None = None) -> Source:
    """Load and validate a source file (or ``text`` given for it)."""
    name = str(path)
    if text is None:
        text = read_text(path)
    data, positions, root = parse(name, text)
    if data is None:
        raise SourceError([Diagnostic(name, 1, 1, "empty file: expected a resolution (symbol:, title: ...)")])
    col = _Collector(name, text)
    if not isinstance(data, dict):
        col.error(root, f"expected a mapping of fields (symbol:, title: ...), found {_kind(data)}")
        raise SourceError(col.diags)
    src = Source(name, text, data, positions)
    _Validator(col, src).check(data, SCHEMA, ())
    if not col.diags:
        _semantics(col, src)
        _emblem(col, src, Path(path))
    if col.diags:
        raise SourceError(sorted(col.diags, key=lambda d: (d.line, d.column)))
    return src


def _original_problem(value: Any) -> str:
    """``original:`` neither true/false nor a language code: the valid forms, and the code of a
    language written out in any of the six languages ("English", "anglais") or in capitals ("EN")."""
    from babel import Locale

    found = f"'{value}'" if isinstance(value, str) else _found(value)
    names = {code.casefold(): code for code in LANGUAGES}
    for lang in LANGUAGES:
        names.update({Locale.parse(lang).languages[code].casefold(): code for code in LANGUAGES})
    near = names.get(str(value).strip().casefold()) if isinstance(value, str) else None
    hint = f"; did you mean '{near}'?" if near else ""
    return (f"original: expected the code of the original's language, one of {', '.join(LANGUAGES)} "
            f"(printed as the document's language names it), or true (the document's own language); "
            f"found {found}{hint}")


def _found(v: Any) -> str:
    """What a wrong value is, with the value itself when it is short: "text 'eighty'"."""
    if isinstance(v, (str, int, float)) and not isinstance(v, bool) and len(str(v)) <= 40:
        return f"{_kind(v)} '{v}'"
    return _kind(v)


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
    """Interprets the JSON Schema subset used in :mod:`pipeline.source.schema`."""

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
        if path == ("original",) and not (isinstance(value, bool) or value in LANGUAGES):
            self.col.error(pos, _original_problem(value))
            return
        if "oneOf" in schema:
            self._one_of(value, schema, path, pos, name)
            return
        if "enum" in schema and schema.get("type") == "boolean":
            if value not in schema["enum"] or not isinstance(value, bool):
                choices = " or ".join(str(c).lower() for c in schema["enum"])
                self.col.error(pos, f"{name}: expected text or {choices}, found {_found(value)}")
            return
        if "enum" in schema:
            if value not in schema["enum"] and str(value) not in schema["enum"]:
                choices = ", ".join(str(c) for c in schema["enum"])
                hint = _did_you_mean(str(value), [str(c) for c in schema["enum"]])
                self.col.error(pos, f"{name}: '{value}' is not one of {choices}{hint}")
            return
        if schema.get("format") == "date" and isinstance(value, dt.datetime):
            self.col.error(pos, f"{name}: has a time of day; write the date only, YYYY-MM-DD")
            return
        if "type" in schema and not self._type_ok(value, schema):
            hint = self._type_hint(value, schema, path, pos)
            wanted = _TYPE_WORDS[schema["type"]]
            self.col.error(pos, f"{name}: expected {wanted}, found {_found(value)}{hint}")
            return
        t = schema.get("type")
        if t == "string":
            self._string(value, schema, path, pos, name)
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
            self._object(value, schema, path, pos, name)

    def _type_hint(self, value: Any, schema: dict, path: tuple, pos: Pos) -> str:
        """The nearest valid form of a value of the wrong type, where one is plain."""
        if "table" in path and isinstance(value, (int, float)) and schema["type"] == "string":
            raw = self.src.text[pos.start:pos.end].strip() or str(value)
            return f"; write it in quotes ('{raw}') so it prints as written"
        if path and path[-1] == "adopts" and isinstance(value, str):
            return (f"; write the adopted text's title and paragraphs under it: adopts: {{title: {value}, "
                    "paragraphs: [...]}")
        return ""

    def _one_of(self, value: Any, schema: dict, path: tuple, pos: Pos, name: str) -> None:
        options = [self.resolve(s) for s in schema["oneOf"]]
        for opt in options:
            if self.ok(value, opt, path):
                return
        # report against the option of the same JSON type, if one is unambiguous
        same = [o for o in options if self._type_ok(value, o)]
        if isinstance(value, dict) and len(same) > 1:
            keys = set(value)
            same = [o for o in same if set(o.get("required", ())) <= keys] or same[:1]
        lone = [k for k in ("section", "heading", "table") if isinstance(value, dict) and k in value]
        if lone and len(value) > 1:
            others = ", ".join(f"{k}:" for k in value if k != lone[0])
            self.col.error(
                pos,
                f"{name}: a {lone[0]} is an entry of its own, without {others}; write "
                f"'- {lone[0]}: ...' and the paragraph as the next entry ('- text: ...')",
            )
        elif value is None:
            self.col.error(pos, f"{name}: is empty")
        elif len(same) >= 1:
            self.check(value, same[0], path)
        else:
            kinds = " or ".join(sorted({
                " or ".join(str(c).lower() for c in o["enum"]) if "enum" in o else _TYPE_WORDS[o["type"]]
                for o in options if "type" in o
            }))
            self.col.error(pos, f"{name}: expected {kinds}, found {_found(value)}")

    def _string(self, value: Any, schema: dict, path: tuple, pos: Pos, name: str) -> None:
        if schema.get("format") == "date":
            if isinstance(value, str):
                self.col.error(pos, f"{name}: '{value}' is not a date; write YYYY-MM-DD")
            return
        if len(value.strip()) < schema.get("minLength", 0):
            self.col.error(pos, f"{name}: is empty")
        elif "pattern" in schema and not re.search(schema["pattern"], value):
            near = nearest_form(path, value, schema["pattern"])
            hint = f"; did you mean '{near}'?" if near else ""
            self.col.error(pos, f"{name}: malformed value '{value}' ({_pattern_hint(path)}){hint}")

    def _object(self, value: dict, schema: dict, path: tuple, pos: Pos, name: str) -> None:
        props = schema.get("properties", {})
        if "text" in props and self._prose_key(value, props, path, name):
            return
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        suggested: set[str] = set()  # a misspelt key is not also reported as missing
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
            elif extra is False and key == "items" and "text" in props:
                self.col.error(
                    self.src.pos(kpath + ("<key>",)),
                    f"{name}: sub-paragraphs nest at most {MAX_DEPTH} levels deep ((a), (i), a., i.); "
                    "these would be a fifth level: write them into this sub-paragraph's text, or make "
                    "them sub-paragraphs of the level above",
                )
            elif extra is False:
                hint = _did_you_mean(str(key), list(props))
                suggested.update(k for k in props if hint.endswith(f"'{k}'?"))
                where = f" in {name}" if path else ""
                self.col.error(self.src.pos(kpath + ("<key>",)), f"unknown key '{key}'{where}{hint}")
        for req in schema.get("required", ()):
            if req not in value and req not in suggested:
                where = f"{name}: " if path else ""
                hint = _REQUIRED_HINTS.get(f"{path[-1]}.{req}" if path else req, _REQUIRED_HINTS.get(req, ""))
                self.col.error(pos, f"{where}missing required field '{req}'{hint}")

    def _prose_key(self, value: dict, props: dict, path: tuple, name: str) -> bool:
        """A paragraph typed plain that YAML read as a one-key mapping: it ends with a colon at the
        end of its line ("Decides that:") or holds a colon and a space ("… as follows: …"). Said
        as such, with the way out, instead of an unknown key and a missing 'text'."""
        if len(value) != 1:
            return False
        key, v = next(iter(value.items()))
        if not isinstance(key, str) or key in props or " " not in key.strip():
            return False
        if not (v is None or isinstance(v, str)):
            return False
        why = ("ends with a colon at the end of its line" if v is None
               else "holds a colon and a space (': ')")
        self.col.error(
            self.src.pos(path + (key, "<key>")),
            f"{name}: the paragraph '{key}:' {why}, which YAML reads as a key: put the whole "
            "paragraph in quotes, or write '>-' and the paragraph on the lines under it",
        )
        return True

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


#: The nearest valid form of a missing field, where the field's name alone does not say it.
_REQUIRED_HINTS = {
    "header": " (the column heads: header: [Member State, Rate])",
    "rows": " (the rows, each as many cells as the header: rows: [[Afghanistan, '0.006']])",
    "adopts.title": " (the adopted text's title, printed bold: title: United Nations Millennium Declaration)",
    "adopts.paragraphs": " (its paragraphs, numbered 1., 2. ...: paragraphs: [We, heads of State ...])",
}


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
        "report": "expected document symbols such as A/52/639, 'A/73/L.6 and A/73/L.6/Add.1' "
        "or 'A/80/401, para. 6'",
        "session": "expected a session number such as 52, or 'S-27' or 'ES-11'",
        "job_number": "expected a job number such as 18-18418",
        "agenda": "expected an item number such as 107 or '20 (b)'",
    }.get(last, "see `unres schema`")


_SHORT_FORMS = re.compile(r"\b(add|corr|rev|amend)\b\.?\s*(\d+)", re.I)


def nearest_form(path: tuple, value: str, pattern: str) -> str | None:
    """The nearest value of the right form, when a few usual slips explain the wrong one.

    "A/80/401 para 6" → "A/80/401, para. 6"; "A/73/L.6 & Add 1" → "A/73/L.6 and Add.1";
    "52/102" or "a/res/52/102" → "A/RES/52/102"; "ES11" → "ES-11"; "20(b)" → "20 (b)".
    ``None`` when no such repair gives a valid value (nothing is guessed beyond that).
    """
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    v = " ".join(value.split())
    if last in ("report", "symbol"):
        v = re.sub(r"^([a-z]{1,2})/", lambda m: m.group(1).upper() + "/", v)
        v = re.sub(r"^A/res/", "A/RES/", v, flags=re.I)
        v = re.sub(r"\s*&\s*|\s*\+\s*|\s+und\s+", " and ", v)
        v = re.sub(r"\s*,\s*", ", ", v)
        v = _SHORT_FORMS.sub(lambda m: f"{m.group(1).capitalize()}.{m.group(2)}", v)
        v = re.sub(r",?\s+(paras?)\.?\s*(\d)", r", \1. \2", v)
        v = re.sub(r"(?:,|\s+and)\s*$", "", v).strip()
        v = re.sub(r"\b(E?S)-?(\d{1,2})(?=/)", r"\1-\2", v)
    if last == "symbol":
        if re.fullmatch(r"(?:E?S-?\d{1,2}/)?\d{1,4}/\d{1,4}.*", v):
            v = "A/RES/" + v
        v = re.sub(r"^A/RES/(E?S)(\d)", r"A/RES/\1-\2", v)
    if last == "session":
        number = _session_number(v)
        if number:
            return str(number)
        v = re.sub(r"^(E?S)\s*-?\s*(\d{1,2})$", r"\1-\2", v.upper())
    if last == "agenda":
        v = re.sub(r"^(\d+)\s*\(\s*([a-z]+)\s*\)$", r"\1 (\2)", v)
    return v if v != value and re.search(pattern, v) else None


def _session_number(text: str) -> int | None:
    """ "eighty", "Eightieth session", "80th" → 80 (English words), else ``None``."""
    from num2words import num2words

    t = re.sub(r"\s+session$", "", text.strip().casefold())
    for n in range(1, 201):
        if t in (num2words(n), num2words(n, to="ordinal"), num2words(n, to="ordinal_num")):
            return n
    return None


def _did_you_mean(word: str, options: list[str]) -> str:
    import difflib  # only on a bad source

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
    for i, text in enumerate(data.get("corrections") or ()):
        yield ("corrections", i), text
    if "decision" in data:
        yield from _para_texts(("decision",), data["decision"])


def _para_texts(path: tuple, para: Any):
    if isinstance(para, str):
        yield path, para
    elif isinstance(para, dict):
        for key in ("section", "heading"):
            if key in para:
                yield path + (key,), para[key]
        if "text" in para:
            yield path + ("text",), para["text"]
        for i, text in enumerate(para.get("quote") or ()):
            yield path + ("quote", i), text
        for i, item in enumerate(para.get("items") or ()):
            yield from _para_texts(path + ("items", i), item)
        yield from _table_texts(path + ("table",), para.get("table"))
        yield from _adopted_texts(path + ("adopts",), para.get("adopts"))


def _adopted_texts(path: tuple, adopts: Any):
    """An adopted text's title, subtitle and paragraphs."""
    if not isinstance(adopts, dict):
        return
    for key in ("title", "subtitle"):
        if key in adopts:
            yield path + (key,), adopts[key]
    for key in ("chapeau", "paragraphs"):
        for i, para in enumerate(adopts.get(key) or ()):
            yield from _para_texts(path + (key, i), para)


def _table_texts(path: tuple, table: Any):
    """A table's caption, non-empty cells and notes."""
    if not isinstance(table, dict):
        return
    if "caption" in table:
        yield path + ("caption",), table["caption"]
    header = table.get("header") or ()
    cells: list[tuple[tuple[Any, ...], Any]] = [(("header", j), c) for j, c in enumerate(header)]
    cells += [(("rows", i, j), c) for i, row in enumerate(table.get("rows") or ()) for j, c in enumerate(row)]
    for where, cell in cells:
        if isinstance(cell, str) and cell.strip():
            yield path + where, cell
    notes = table.get("notes")
    for i, note in enumerate(notes if isinstance(notes, list) else ()):
        if isinstance(note, str):
            yield path + ("notes", i), note


#: The symbol each kind of document carries (docs/cycle.md), and what the kind requires.
_KIND_SYMBOL = {
    "resolution": (re.compile(SYMBOL), "a resolution symbol such as A/RES/73/8"),
    "draft": (re.compile(r"/L\.\d+$"), "an L document symbol such as A/73/L.3"),
    "revised-draft": (re.compile(r"/L\.\d+/Rev\.\d+$"), "a revision's symbol such as A/73/L.3/Rev.1"),
    "draft-decision": (re.compile(r"/L\.\d+$"), "an L document symbol such as A/C.4/80/L.10"),
    "revised-draft-decision": (re.compile(r"/L\.\d+/Rev\.\d+$"), "a revision's symbol: A/73/L.3/Rev.1"),
    "addendum": (re.compile(r"/L\.\d+(/Rev\.\d+)?/Add\.\d+$"), "an addendum's symbol such as A/73/L.3/Add.1"),
    "corrigendum": (
        re.compile(r"/L\.\d+(/Rev\.\d+)?/Corr\.\d+$"),
        "a corrigendum's symbol such as A/73/L.3/Corr.1",
    ),
    "amendment": (re.compile(r"/L\.\d+$"), "the amendment document's own L symbol such as A/73/L.9"),
}
_KIND_NEEDS = {
    "draft": ("sponsors|submitted_by", "preamble|operative"),
    "revised-draft": ("sponsors|submitted_by", "preamble|operative"),
    "draft-decision": ("sponsors|submitted_by", "decision"),
    "revised-draft-decision": ("sponsors|submitted_by", "decision"),
    "addendum": ("amends", "sponsors"),
    "corrigendum": ("amends", "corrections"),
    "amendment": ("amends", "sponsors", "instructions"),
}
_KIND_ONLY = {
    "instructions": ("amendment",),
    "amends_kind": ("amendment",),
    "corrections": ("corrigendum",),
    "amends": ("amendment", "addendum", "corrigendum"),
    "sponsors": ("draft", "revised-draft", *DECISION_KINDS, "addendum", "amendment"),
    "submitted_by": ("draft", "revised-draft", *DECISION_KINDS),
    "sponsor_note": ("draft", "revised-draft", *DECISION_KINDS, "amendment"),
    "decision": DECISION_KINDS,
    "adopted": ("resolution",),
    "report": ("resolution",),
    "parts": ("resolution",),
    "draft": ("resolution",),
    "oral_revisions": ("resolution",),
    "preamble": ("resolution", "draft", "revised-draft"),
    "operative": ("resolution", "draft", "revised-draft"),
    "annexes": ("resolution", "draft", "revised-draft"),
}


def _kind_rules(col: _Collector, src: Source, kind: str) -> None:
    data = src.data
    pattern, wanted = _KIND_SYMBOL[kind]
    if not pattern.search(data["symbol"]):
        col.error(src.pos(("symbol",)), f"symbol: kind {kind} needs {wanted}, found '{data['symbol']}'")
    for key, kinds in _KIND_ONLY.items():
        if key in data and kind not in kinds:
            only = ", ".join(kinds)
            hint = ""
            if kind in DECISION_KINDS and key in ("preamble", "operative", "annexes"):
                hint = ("; a draft decision is one paragraph, without preambular or operative paragraphs: "
                        "write its words under decision: (unres prints the enacting formula before them)")
            col.error(src.pos((key,)), f"{key}: not part of a document of kind {kind} (only {only}){hint}")
    if kind == "amendment":
        from pipeline.model.instructions import check_instruction, several_problem

        for i, ins in enumerate(data.get("instructions") or ()):
            problem = check_instruction(ins)
            if problem:
                at: tuple[Any, ...] = ("instructions", i)
                if isinstance(ins, dict) and set(ins) == {"delete_paragraphs"}:
                    entry = (several_problem(ins["delete_paragraphs"]) or (None, ""))[0]
                    at += ("delete_paragraphs",) if entry is None else ("delete_paragraphs", entry)
                elif isinstance(ins, dict) and isinstance(ins.get("at"), list) and problem.startswith("at:"):
                    entry = (several_problem(ins["at"], "at", ins) or (None, ""))[0]
                    at += ("at",) if entry is None else ("at", entry)
                col.error(src.pos(at), f"instruction {i + 1}: {problem}")
    if data.get("sponsors") == [] and kind not in _KIND_ONLY["submitted_by"]:
        col.error(src.pos(("sponsors",)), f"sponsors: a document of kind {kind} names at least one sponsor "
                                          "(sponsors: [] is a draft's whose sponsor line names no one)")
    if data.get("sponsors") == [] and "submitted_by" in data:
        col.error(src.pos(("sponsors",)), "sponsors: [] and submitted_by: give one of them (submitted_by: "
                  "'Draft resolution submitted by …'; sponsors: [] 'Draft resolution')")
    for need in _KIND_NEEDS.get(kind, ()):
        if not any(k in data for k in need.split("|")):
            col.error(src.pos(()), f"kind {kind} needs {' or '.join(need.split('|'))}:")


def _semantics(col: _Collector, src: Source) -> None:
    data = src.data
    kind = data.get("kind", "resolution")
    _kind_rules(col, src, kind)
    _device(col, src)
    if kind != "resolution":
        _notes(col, src)
        return
    has_body = "operative" in data or "preamble" in data
    if "parts" in data and has_body:
        col.error(
            src.pos(("parts",)), "use either parts: (lettered A, B ...) or preamble:/operative:, not both"
        )
    elif "parts" not in data:
        if "operative" not in data:
            col.error(src.pos(()), "missing required field 'operative'")
        # adopted: may be left out where the text gives no plenary line (a declaration's text
        # without its resolution's closing): no closing is printed, as for a part without one.
    elif "adopted" in data:
        col.error(src.pos(("adopted",)), "with parts:, each part has its own adopted:")
    if "committee" in data and "report" not in data:
        col.error(src.pos(("committee",)), "committee: needs report: (the symbol of the committee's report)")
    _tables(col, src)
    _adopts(col, src)
    _preamble_headings(col, src)
    _unnumbered(col, src)
    _notes(col, src)


def _device(col: _Collector, src: Source) -> None:
    """``device: 96dpi`` is measured on the modern style's page (A/RES/ES-11/4): the other styles'
    pages are a printer's (2014) or a typescript's (1998)."""
    style = src.data.get("style", "modern")
    if src.data.get("device") == "96dpi" and style != "modern":
        col.error(src.pos(("device",)),
                  f"device: 96dpi is measured for the modern style only, not style {style} "
                  "(leave device: out, or use style: modern)")


def _unnumbered(col: _Collector, src: Source) -> None:
    """``numbered: false`` sets an operative paragraph apart from the numbering; elsewhere it has
    no meaning (preambular paragraphs are never numbered; an annex says ``numbered:`` once)."""
    for path, paras in _bodies(src.data):
        if path[-1] == "operative":
            continue
        for i, para in enumerate(paras):
            if isinstance(para, dict) and "numbered" in para:
                col.error(src.pos(path + (i, "numbered")),
                          "numbered: only an operative paragraph takes it (numbered: false, a section's "
                          "own preambular paragraph)")


def _bodies(data: dict[str, Any]):
    """Every list of paragraphs with its path: preambles, operative parts, annexes' paragraphs,
    and the opening and numbered paragraphs of the texts operative paragraphs adopt."""
    bodies = [((), data)] + [(("parts", i), p) for i, p in enumerate(data.get("parts") or ())]
    for base, body in bodies:
        for key in ("preamble", "operative"):
            if isinstance(body, dict) and isinstance(body.get(key), list):
                yield base + (key,), body[key]
                yield from _adopted_bodies(base + (key,), body[key])
    for i, annex in enumerate(data.get("annexes") or ()):
        if isinstance(annex, dict) and isinstance(annex.get("paragraphs"), list):
            yield ("annexes", i, "paragraphs"), annex["paragraphs"]
            yield from _adopted_bodies(("annexes", i, "paragraphs"), annex["paragraphs"])


def _adopted_bodies(path: tuple, paras: list[Any]):
    for i, para in enumerate(paras):
        adopts = para.get("adopts") if isinstance(para, dict) else None
        for key in ("chapeau", "paragraphs"):
            if isinstance(adopts, dict) and isinstance(adopts.get(key), list):
                yield path + (i, "adopts", key), adopts[key]
                yield from _adopted_bodies(path + (i, "adopts", key), adopts[key])


def _adopts(col: _Collector, src: Source) -> None:
    """Only an operative paragraph adopts a text, and an adopted text adopts none."""
    for path, paras in _bodies(src.data):
        for i, para in enumerate(paras):
            if not (isinstance(para, dict) and "adopts" in para):
                continue
            where = path + (i, "adopts")
            if path[-1] == "operative":
                continue
            if "adopts" in path:
                why = "an adopted text cannot itself adopt one: write its words in this text's paragraphs"
            elif path[-1] == "preamble":
                why = ("a text is adopted by an operative paragraph: move this paragraph under "
                       "operative: ('- text: \"*Adopts* the following Declaration:\"' with adopts: under it)")
            else:
                why = ("an annex's paragraph cannot adopt a text: give adopts: to the operative "
                       "paragraph that adopts it")
            col.error(src.pos(where + ("<key>",)), f"{_name(where)}: {why}")


def _preamble_headings(col: _Collector, src: Source) -> None:
    """Headings and sections stand in the operative part or an annex: a preamble is paragraphs of
    text (the builder has no heading there; it failed on one, after ``unres check`` passed it)."""
    for path, paras in _bodies(src.data):
        if path[-1] != "preamble":
            continue
        for i, para in enumerate(paras):
            key = next((k for k in ("heading", "section") if isinstance(para, dict) and k in para), None)
            if key is None:
                continue
            where = path + (i, key)
            col.error(src.pos(where), f"{_name(where)}: a {key} belongs to the operative part or an annex, "
                      "not the preamble: move it under operative:, or write a line among the preambular "
                      "paragraphs as text")


def _tables(col: _Collector, src: Source) -> None:
    """Tables stand in the operative part or an annex; every row has as many cells as the header."""
    for path, paras in _bodies(src.data):
        for i, para in enumerate(paras):
            table = para.get("table") if isinstance(para, dict) else None
            if not isinstance(table, dict):
                continue
            where = path + (i, "table")
            if path[-1] == "preamble":
                where_name = _name(where)
                col.error(src.pos(where), f"{where_name}: a table belongs to the operative part or an annex, "
                          "not the preamble: move it under operative: or an annex's paragraphs:")
            header = table["header"]
            heads = ", ".join(f"'{h}'" for h in header)
            for r, row in enumerate(table["rows"]):
                if len(row) != len(header):
                    fix = "add the missing cells ('' for an empty one)" if len(row) < len(header) else (
                        "join or drop the extra cells")
                    col.error(src.pos(where + ("rows", r)),
                              f"{_name(where + ('rows', r))}: {len(row)} cell{'s' * (len(row) != 1)}, but "
                              f"the header has {len(header)} ({heads}): {fix}")  # fmt: skip


#: The texts whose lines may break where the source says (a line break in the text: ``title: |-``):
#: titles, set ragged, which issued texts break by sense ("… the expenses / of the United Nations",
#: A/RES/79/249; "… of the / United Nations system", A/RES/80/155). Every other text (paragraphs,
#: headings, cells, notes) is justified to the measure, where a break by hand would leave a
#: stretched short line; no issued paragraph has one.
BREAKABLE = ("title", "subtitle")


def _notes(col: _Collector, src: Source) -> None:
    """Inline markup of every text; footnote calls and definitions agree."""
    data = src.data
    notes: dict[str, Any] = data.get("footnotes") or {}
    called: set[str] = set()
    for path, text in iter_texts(data):
        node = src.pos(path)
        runs, problems = parse_inline(text)
        for p in problems:
            col.at_offset(_locate(src.text, node, text, p.offset), p.message)
        if path[-1] not in BREAKABLE:
            for at in line_breaks(text)[:1]:
                what = "a heading" if path[-1] in ("section", "heading") else "a paragraph"
                col.at_offset(_locate(src.text, node, text, at + 1), f"{_name(path)}: a line break in "
                              f"{what}: only a title's lines break where the source says (title: |-); "
                              "this text is set to the measure: join the lines, or write it folded (>-)")
        if not _has_words(runs) and "\\*" not in text:  # escaped stars: a printed "* * *" line
            what = "title" if path[-1] == "title" else "paragraph"
            col.error(node, f"{_name(path)}: {what} has no text, only markup")
        marks = _cell_marks(data, path)
        for key, _offset in note_calls(text):
            if marks is not None and (key in marks or (TABLE_MARK.fullmatch(key) and key not in notes)):
                where = "caption" if path[-1] == "caption" else "cell"
                _cell_call(col, src, node, text, key, marks, notes, where)
                continue
            called.add(key)
            if key not in notes:
                hint = _did_you_mean(key, list(notes))
                col.at_offset(
                    _find(src.text, node, f"[^{key}]"),
                    f"footnote [^{key}] is called but not defined under footnotes{hint}",
                )
    for key, text in notes.items():
        path = ("footnotes", key)
        node = src.pos(path)
        runs, problems = parse_inline(text)
        for at in line_breaks(text)[:1]:
            col.at_offset(_locate(src.text, node, text, at + 1), f"footnote '{key}': a line break in a "
                          "note: only a title's lines break where the source says; join the lines, or write "
                          "it folded (>-)")
        for p in problems:
            col.at_offset(_locate(src.text, node, text, p.offset), p.message)
        if not _has_words(runs):
            col.error(node, f"footnote '{key}' has no text, only markup")
        for inner, _ in note_calls(text):
            col.at_offset(
                _find(src.text, node, f"[^{inner}]"),
                f"footnote '{key}' calls [^{inner}]: a footnote cannot call another footnote",
            )
        if key not in called and data.get("kind") != "amendment":  # an amendment's notes go with its new text
            col.error(src.pos(path + ("<key>",)), f"footnote '{key}' is defined but never called")
    if isinstance(data.get("sponsor_note"), str):
        _sponsor_note(col, src, data["sponsor_note"])


def _sponsor_note(col: _Collector, src: Source, text: str) -> None:
    """The note the sponsor line's star calls: unres prints its star (a star typed before its words,
    as the issued note shows it, would print twice); its inline markup; no footnote call in it."""
    node = src.pos(("sponsor_note",))
    if re.match(r"\s*\*(?!\*\S)", text):  # "* Any changes …", not "**bold** …"
        col.at_offset(_locate(src.text, node, text, text.index("*")),
                      "sponsor_note: the note's star is printed by unres (after the sponsor line's colon "
                      "and before the note): leave the '*' out and write the note's words only")
        return
    runs, problems = parse_inline(text)
    for p in problems:
        col.at_offset(_locate(src.text, node, text, p.offset), p.message)
    for at in line_breaks(text)[:1]:
        col.at_offset(_locate(src.text, node, text, at + 1), "sponsor_note: a line break in a note: join the "
                      "lines, or write it folded (>-)")
    if not _has_words(runs):
        col.error(node, "sponsor_note: the note has no text, only markup")
    for key, _ in note_calls(text):
        col.at_offset(_find(src.text, node, f"[^{key}]"),
                      f"sponsor_note calls [^{key}]: a note cannot call a footnote")


def _cell_marks(data: dict[str, Any], path: tuple) -> list[str] | None:
    """The markers of the notes of the table whose caption or cell ``path`` is (``None``: neither)."""
    if "table" not in path or not (path[-1] == "caption" or path[-2] == "header"
                                   or (len(path) > 2 and path[-3] == "rows")):
        return None
    table: Any = data
    for step in path[: len(path) - path[::-1].index("table")]:
        table = table[step]
    notes = table.get("notes")
    texts = [n for n in notes if isinstance(n, str)] if isinstance(notes, list) else []
    return [m for m in note_marks(texts) if m]


def _cell_call(col: _Collector, src: Source, node: Pos, text: str, key: str, marks: list[str],
               notes: dict[str, Any], where: str = "cell") -> None:
    """A call ``[^key]`` in a table's cell or caption (``where``) to one of its table's notes: a
    note of the table must have that marker, and no footnote that key (the call would be either's)."""
    at = _find(src.text, node, f"[^{key}]")
    before = text[: text.find(f"[^{key}]")].rstrip() or text.split("[^")[0].strip()
    if key in marks and key in notes:
        col.at_offset(at, f"[^{key}] in a table {where} calls the table's note '{key} …', and a footnote is "
                      f"keyed '{key}' too: give the footnote another key under footnotes (such as "
                      f"'{key}-note') and call it by that")
    elif key not in marks and marks:
        near = min(marks, key=lambda m:  # the same kind, the nearest letter or count
                    (m.isalpha() != key.isalpha(), abs(ord(m[0]) - ord(key[0])), abs(len(m) - len(key))))
        listed = ", ".join(marks)
        col.at_offset(at, f"[^{key}] in a table {where} calls a note the table does not have (its notes are "
                      f"marked {listed}): write {before}[^{near}], or add the note under the table's "
                      f"notes: as '{key} …'")
    elif key not in marks:
        col.at_offset(at, f"[^{key}] in a table {where} calls a note the table does not have (it has no "
                      f"lettered note): add it under the table's notes: as '{key} …' (such as "
                      f"'{key} Includes …'), or define footnote {key} under footnotes")


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_SVG = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]", re.S
)


# In an SVG: a reference to anything but itself (#id) or a data: URI, a script, an import.
_SVG_OUTSIDE = re.compile(
    rb"""(href|src)\s*=\s*["']\s*(?!#|data:)|url\(\s*["']?\s*(?!#|data:)|<script|@import""", re.I
)


def _emblem(col: _Collector, src: Source, path: Path) -> None:
    """A valid emblem's path becomes absolute; a problem is reported at ``emblem:``."""
    value = src.data.get("emblem")
    if not isinstance(value, str):  # absent, false (no emblem), or a type the schema reports
        return
    problem, target = _check_emblem(value, path.resolve().parent)
    if problem:
        col.error(src.pos(("emblem",)), f"emblem: {problem}")
    else:
        src.data["emblem"] = str(target)


def _check_emblem(value: str, base: Path) -> tuple[str | None, Path]:
    """An emblem is a self-contained PNG, JPEG, GIF or SVG file inside the source's folder.

    A source is never a way to read other files (``/etc/passwd``, ``../../secret``) or to
    reach the network: URLs, paths outside the folder, non-images and SVG files that
    refer to other files or run scripts are refused.
    """
    target = (base / value).resolve()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        return "must be the path of an image file next to the source, not a URL", target
    if not target.is_relative_to(base):
        return "must be inside the source's folder", target
    try:
        with open(target, "rb") as fh:
            data = fh.read(EMBLEM_MAX_BYTES + 1)
    except OSError as exc:
        return f"cannot read '{value}': {exc.strerror}", target
    if len(data) > EMBLEM_MAX_BYTES:
        return f"'{value}' is larger than {EMBLEM_MAX_BYTES // 1048576} MB", target
    if data.startswith(_IMAGE_MAGIC):
        return None, target
    if not _SVG.match(data[:1024]):
        return f"'{value}' is not a PNG, JPEG, GIF or SVG image", target
    if _SVG_OUTSIDE.search(data):
        return f"the SVG '{value}' refers to other files or runs scripts; use a self-contained image", target
    return None, target


def _has_words(runs) -> bool:
    return any(getattr(r, "text", "").strip(" *\t") for r in runs)


def _find(text: str, pos: Pos, needle: str) -> int:
    i = text.find(needle, pos.start, max(pos.end, pos.start + len(needle)))
    return i if i >= 0 else pos.start


def _locate(text: str, pos: Pos, value: str, offset: int) -> int:
    """Best source offset for a character offset in a (possibly folded) scalar."""
    snippet = normalise(value)[offset : offset + 12].split("\n")[0]
    if snippet:
        i = text.find(snippet, pos.start, pos.end + 1)
        if i >= 0:
            return i
        first = snippet.split(" ")[0]
        i = text.find(first, pos.start, pos.end + 1) if first else -1
        if i >= 0:
            return i
    return pos.start
