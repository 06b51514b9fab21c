"""YAML text → plain data with the place of every value, safely.

Only PyYAML's *safe* constructors run, and only for the plain tags a source needs
(text, numbers, true/false, dates, lists, mappings); ``!!python/...``, ``!!binary``,
``!!set`` and custom tags are refused. Nesting depth, the number of values once
aliases are expanded and the amount of text they expand to are capped, so a hostile
file ("billion laughs", ``[[[[...]]]]``) stops with an error instead of exhausting
memory or the stack. Every problem is a :class:`~pipeline.errors.Diagnostic` with the
line and column where it is; syntax errors are reworded for people who do not know
YAML's grammar.
"""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.errors import Diagnostic, SourceError
from pipeline.model.source import Pos

MAX_DEPTH = 24  # lists and mappings inside each other; a source needs about 12
MAX_NODES = 500_000  # values after alias expansion
MAX_CHARS = 20_000_000  # characters of text after alias expansion

_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


def node_pos(node: yaml.Node) -> Pos:
    m, e = node.start_mark, node.end_mark
    return Pos(m.line + 1, m.column + 1, m.index, e.index)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing to compose deeper than :data:`MAX_DEPTH`."""

    depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# PyYAML's words for common mistakes → what to do about them.
_REWORD = (
    ("found character '\\t'", "tab character: indent with spaces"),
    ("mapping values are not allowed here", "a ': ' inside a value: put the whole value in quotes"),
    ("expected <block end>", "indentation does not line up with the lines above"),
    ("could not find expected ':'", "expected 'key: value' (a ':' is missing, or a quote is not closed)"),
    ("found undefined alias", None),
    ("while scanning an alias", "a value that starts with '*' reads as an alias (*name): put the whole value "
     "in quotes (a sponsors' note: leave its star out, unres prints it)"),
    ("expected a single document", "more than one document ('---'): a source is one document"),
)


def _syntax(name: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    problem: str = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    msg: str | None
    if "end of stream" in problem and exc.context and "quoted scalar" in exc.context and exc.context_mark:
        mark, msg = exc.context_mark, "unclosed quote: the quoted text that starts here never ends"
    else:
        msg = next((new for old, new in _REWORD if old in str(exc) and new), None)
        if msg is None:
            msg = f"{problem} ({exc.context})" if exc.context and exc.context != problem else problem
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(name, line, column, f"YAML syntax: {msg}")


def _at(name: str, text: str, offset: int, message: str) -> Diagnostic:
    line = text.count("\n", 0, offset) + 1
    return Diagnostic(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1, message)


def _fast_compose(text: str) -> tuple[bool, yaml.Node | None]:
    """Compose with libyaml when PyYAML has it: (done, root).

    Not done (``False``) when libyaml is missing, the text has any YAML error, or it nests
    close to :data:`MAX_DEPTH`: then the pure-Python loader composes it, so every message
    and position is PyYAML's own, whichever loader ran. libyaml's parser keeps its own
    stack, so scanning the nesting first is safe however deep the text goes.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return False, None
    try:
        depth = deepest = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if deepest >= MAX_DEPTH:
                    return False, None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return True, yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False, None


def parse(name: str, text: str) -> tuple[Any, dict[tuple, Pos], Pos | None]:
    """YAML text → (data, positions by path, position of the root); raises SourceError.

    ``data`` is ``None`` for a file with no document (empty, or only comments).
    """
    done, root = _fast_compose(text)
    loader = None
    try:
        if not done:
            loader = _Loader(text)
            root = loader.get_single_node()
    except _TooDeep as exc:
        diag = Diagnostic(
            name, exc.mark.line + 1, exc.mark.column + 1, f"nested more than {MAX_DEPTH} levels deep"
        )
        raise SourceError([diag]) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceError([_syntax(name, exc)]) from None
    except yaml.reader.ReaderError as exc:
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        diag = _at(name, text, exc.position, f"control character {char} is not allowed in a source")
        raise SourceError([diag]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises the two above
        raise SourceError([Diagnostic(name, 1, 1, f"YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return None, {}, None
    conv = _Converter(name)
    data = conv.convert(root, ())
    if conv.diags:
        raise SourceError(sorted(conv.diags, key=lambda d: (d.line, d.column)))
    return data, conv.positions, node_pos(root)


def tag_name(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


class _Converter:
    """YAML nodes → Python values, recording positions, refusing duplicates, tags and bombs."""

    def __init__(self, name: str):
        self.name = name
        self.diags: list[Diagnostic] = []
        self.positions: dict[tuple, Pos] = {}
        self.nodes = self.chars = 0
        self.cons = yaml.SafeLoader("")

    def error(self, node: yaml.Node, message: str) -> None:
        p = node_pos(node)
        self.diags.append(Diagnostic(self.name, p.line, p.column, message))

    def _count(self, node: yaml.Node) -> None:
        self.nodes += 1
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
        if self.nodes > MAX_NODES or self.chars > MAX_CHARS:
            self.error(node, "document too large once aliases (*name) are expanded")
            raise SourceError(self.diags)

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        self._count(node)
        self.positions[path] = node_pos(node)
        if node.tag not in ALLOWED_TAGS:
            self.error(node, f"YAML tag '{tag_name(node.tag)}' is not allowed in a source")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(v, path + (i,)) for i, v in enumerate(node.value)]
        try:
            return self.cons.construct_object(node, deep=True)
        except ValueError as exc:
            if node.tag == _STD + "timestamp":
                self.error(node, f"impossible date '{node.value}' ({exc})")
            else:
                self.error(node, f"invalid value '{node.value}': {exc}")
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.error(node, f"invalid value '{node.value}': {problem}")
        return None

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for knode, vnode in node.value:
            self._count(knode)
            if knode.tag == _STD + "merge":
                self.error(knode, "merge keys (<<) are not supported")
                continue
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in ALLOWED_TAGS:
                kind = "a list" if isinstance(knode, yaml.SequenceNode) else "a mapping"
                if isinstance(knode, yaml.ScalarNode):
                    kind = f"tagged '{tag_name(knode.tag)}'"
                self.error(knode, f"a key must be plain text, found {kind}")
                continue
            key = knode.value  # as written: `1:` is "1", `no:` is "no"
            if key in first:
                self.error(
                    knode, f"duplicate key '{key}' (first given on line {first[key].start_mark.line + 1})"
                )
                continue
            first[key] = knode
            out[key] = self.convert(vnode, path + (key,))
            self.positions[path + (key, "<key>")] = node_pos(knode)
        return out
