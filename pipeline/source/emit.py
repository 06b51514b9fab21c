"""The one YAML emitter: a source's data → YAML text a person would have written.

Every command that writes a source (``unres import``, ``amend``, ``apply``, ``adopt``) goes
through :func:`dump`; nothing else writes YAML. It is PyYAML's safe emitter with three choices
of its own:

* keys stay in the order the data has them (the importer builds them in ``source/``'s order);
* a scalar is plain unless plain would read back as something else (a number, a date, ``yes``,
  a leading ``*``, ``: `` inside ...), then quoted; text too long for its line is a folded block
  (``>-``), wrapped before the width and never between a day and its month ("12 December");
  text with line breaks is a literal block (``|``); a short list of numbers or symbols is a flow
  list (``agenda: [43]``), every other collection a block;
* a top-level entry that holds a collection is set off by a blank line.

The text is checked to load back to the same data, so a caller can trust that what it wrote
is what it meant.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from yaml.events import CollectionStartEvent, ScalarEvent, StreamEndEvent

from pipeline.source.schema import SCHEMA

WIDTH = 79
_GLUED = re.compile(r"\d{1,2}")  # a day: the word after it (a month) stays on its line
_MONTH = re.compile(r"[A-Z][a-z]+\b")
_BREAKS = re.compile("[\n\x85\u2028\u2029]")


class _Emitter(yaml.emitter.Emitter):
    """PyYAML's emitter, wrapping folded text before the width, with blank lines between sections."""

    def need_more_events(self) -> bool:
        if super().need_more_events():
            return True
        return len(self.events) < 2 and not isinstance(self.events[-1], StreamEndEvent)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - item" under its key, as source/ writes lists

    def expect_block_mapping_key(self, first: bool = False) -> None:
        if self.indent == 0 and not isinstance(self.event, yaml.MappingEndEvent):
            value = self.events[0] if self.events else None
            opens = isinstance(value, CollectionStartEvent) and not value.flow_style
            if not first and (opens or getattr(self, "_after_block", False)):
                if self.column:
                    self.write_line_break()
                self.write_line_break()
            self._after_block = opens
        super().expect_block_mapping_key(first)

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        event = self.event
        assert isinstance(event, ScalarEvent)
        if self.analysis is None:
            self.analysis = self.analyze_scalar(event.value)
        long = self.column + 1 + len(event.value) + (2 if style else 0) > self.best_width
        block_ok = not self.flow_level and not self.simple_key_context and self.analysis.allow_block
        if event.implicit[0] and event.tag == "tag:yaml.org,2002:str" and block_ok:
            if "\n" in event.value:
                return "|"
            if long and " " in event.value:
                return ">"
        return style

    def write_folded(self, text: str) -> None:
        if _BREAKS.search(text) or "  " in text:  # PyYAML's own folding handles breaks, runs of spaces
            super().write_folded(text)
            return
        hints = self.determine_block_hints(text)
        self.write_indicator(">" + hints, True)
        self.write_line_break()
        self.write_indent()
        for i, unit in enumerate(_units(text)):
            if i and self.column + 1 + len(unit) > self.best_width:
                self.write_indent()
            elif i:
                self.stream.write(" ")
                self.column += 1
            self.stream.write(unit)
            self.column += len(unit)
            self.whitespace = self.indention = False
        self.write_line_break()


def _units(text: str) -> list[str]:
    """The words of ``text``, a day and its month ("12 December") as one."""
    units: list[str] = []
    for word in text.split(" "):
        if units and _GLUED.fullmatch(units[-1]) and _MONTH.match(word):
            units[-1] += " " + word
        else:
            units.append(word)
    return units


class _Dumper(_Emitter, yaml.serializer.Serializer, yaml.representer.SafeRepresenter, yaml.resolver.Resolver):
    def __init__(self, stream: Any, **kw: Any) -> None:
        _Emitter.__init__(self, stream, allow_unicode=True, width=WIDTH, indent=2)
        yaml.serializer.Serializer.__init__(self)
        yaml.representer.SafeRepresenter.__init__(self, default_flow_style=False, sort_keys=False)
        yaml.resolver.Resolver.__init__(self)

    def ignore_aliases(self, data: Any) -> bool:  # a date used twice is written twice, not &id001
        return True


def _short(v: Any) -> bool:
    return isinstance(v, (int, dt.date)) or (isinstance(v, str) and len(v) <= 24 and "\n" not in v)


def _list(dumper: _Dumper, value: list[Any] | tuple[Any, ...]) -> yaml.Node:
    flow = bool(value) and all(_short(v) for v in value) and sum(len(str(v)) + 2 for v in value) <= 40
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow or not value)


def _dict(dumper: _Dumper, value: dict[Any, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=not value)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(tuple, _list)
_Dumper.add_representer(dict, _dict)


def _branch(node: dict[str, Any], value: Any) -> dict[str, Any]:
    """The schema of ``value`` at ``node``: ``$ref`` followed, the ``oneOf`` branch it fits."""
    if "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for option in node.get("oneOf", ()):
        props = option.get("properties")
        if isinstance(value, dict) and props is not None and set(value) <= set(props):
            return option
    return node


def ordered(value: Any, node: dict[str, Any] = SCHEMA) -> Any:
    """``value`` with the keys of every mapping in the order the schema lists them (the order
    of ``source/``: masthead, title, preamble, operative, parts, annexes, footnotes, adopted);
    keys the schema does not name keep their place after those it does."""
    node = _branch(node, value)
    if isinstance(value, dict):
        props = node.get("properties", {})
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        extra = node.get("additionalProperties")
        return {k: ordered(value[k], props.get(k, extra if isinstance(extra, dict) else {})) for k in keys}
    if isinstance(value, list):
        return [ordered(v, node.get("items", {})) for v in value]
    return value


def _plain_data(v: Any) -> Any:
    """``v`` as YAML gives it back: tuples are lists."""
    if isinstance(v, dict):
        return {k: _plain_data(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain_data(x) for x in v]
    return v


def dump(data: dict[str, Any], header: str = "") -> str:
    """``data`` as YAML text, ``header`` (if any) as comment lines above it.

    Should the text not read back (PyYAML writes U+0085 and U+2028 raw, and reads them back as
    line breaks), every scalar is written double-quoted with escapes instead: less pleasant to
    read, but the same data.
    """
    body = yaml.dump(data, Dumper=_Dumper)
    if yaml.safe_load(body) != _plain_data(data):  # e.g. U+0085 or U+2028, line breaks to YAML
        body = yaml.safe_dump(data, sort_keys=False, width=WIDTH, default_style='"', allow_unicode=False)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + body
