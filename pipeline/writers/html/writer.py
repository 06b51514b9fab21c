"""HTML writer: the resolution as one self-contained, semantic HTML5 page.

The Jinja environment is sandboxed and autoescaped, loads templates from ``templates/``
only, and receives user text only as variables. The PDF writer renders the same template
in ``print`` mode (see :func:`render_html`).

Which macro of ``macros.html.j2`` renders a node is said here, in :data:`MACROS`, and asked
by the templates through the ``macro`` filter (:func:`macro_for`, a ``singledispatch``): a
node type without a macro is :class:`~pipeline.model.visitor.UnknownNode` when the document is
built, never a silent blank. A redline's marked block (``ChangedBlock``) is rendered by its
block's macro, which reads the marks through the ``marks`` filter (:func:`marks_of`: none on an
ordinary block) and the block through ``node``; a marked run (``Changed``) by ``marked``.
"""

from __future__ import annotations

from functools import lru_cache, singledispatch
from typing import Literal, NamedTuple

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from pipeline.model import (
    Change,
    Changed,
    ChangedBlock,
    Document,
    Heading,
    LineBreak,
    NoteRef,
    Para,
    Table,
    TableNoteRef,
    Text,
    unwrap_block,
)
from pipeline.model.visitor import UnknownNode
from pipeline.paths import TEMPLATES, jinja_bytecode_cache
from pipeline.writers.html.furniture import Furniture

Mode = Literal["screen", "print"]
TEMPLATE = "resolution.html.j2"
SCREEN_CSS = ("css/base.css", "css/screen.css")


#: The branch of macros.html.j2 that renders each node type (its macro, or the blocks macro's branch).
MACROS: dict[type, str] = {
    Text: "text", NoteRef: "noteref", LineBreak: "linebreak", TableNoteRef: "tablenoteref",
    Changed: "marked", Para: "para", Heading: "heading", Table: "table",
}


@singledispatch
def macro_for(node: object) -> str:
    """The name of the macro that renders ``node`` (the templates' ``macro`` filter)."""
    raise UnknownNode(node, "the HTML writer")


for _type, _name in MACROS.items():
    macro_for.register(_type, lambda node, name=_name: name)


@macro_for.register
def _changed_block_macro(node: ChangedBlock) -> str:
    return macro_for(node.node)  # the block's own macro, which reads the marks (marks_of)


class Marks(NamedTuple):
    """A block's diff marks as the templates read them (all ``None`` on an ordinary block)."""

    change: Change | None = None
    old_label: str | None = None
    move_id: str | None = None


UNMARKED = Marks()


@singledispatch
def marks_of(node: object) -> Marks:
    """The templates' ``marks`` filter: a block's diff marks."""
    raise UnknownNode(node, "the HTML writer")


@marks_of.register
def _changed_marks(node: ChangedBlock) -> Marks:
    return Marks(node.change, node.old_label, node.move_id)


for _type in (Para, Heading, Table):
    marks_of.register(_type, lambda node: UNMARKED)


def unknown(node: object) -> str:
    """The templates' last branch of a dispatch: a node no branch renders."""
    raise UnknownNode(node, "the HTML templates")


class NoteCalls:
    """Stable ids for footnote calls: ``fnref-<note>-<k>`` for the k-th call of a note (``<note>``:
    its number, or a marked note's key: ``fnref-sponsor-note-1``); and for a
    table's notes and the calls in its cells: ``<table>-note-<n>`` for its n-th note, and
    ``<table>-note-<n>-ref-<k>`` for the k-th call of it (the table macro names the table it
    renders with :meth:`table`; a deleted table of a redline is named ``<table>-old``)."""

    def __init__(self) -> None:
        self._ids: dict[str, list[str]] = {}
        self._table: tuple[str, tuple[str, ...]] = ("", ())
        self._table_ids: dict[str, list[str]] = {}

    def table(self, table_id: str, marks: tuple[str, ...]) -> str:
        """Enter a table: the calls of its cells link to its notes (``marks``: each note's marker)."""
        self._table = (table_id, marks)
        return ""

    def table_note(self, i: int) -> str:
        """The id of note ``i`` (0-based) of the current table."""
        return f"{self._table[0]}-note-{i + 1}"

    def table_call(self, mark: str) -> tuple[str, str]:
        """A new id for a cell's call of the note marked ``mark``, and the id of that note."""
        table_id, marks = self._table
        note = self.table_note(marks.index(mark))
        ids = self._table_ids.setdefault(note, [])
        ids.append(f"{note}-ref-{len(ids) + 1}")
        return ids[-1], note

    def table_calls(self, i: int) -> list[str]:
        """The ids of the calls of note ``i`` (0-based) of the current table."""
        return list(self._table_ids.get(self.table_note(i), ()))

    def call(self, note: str) -> str:
        """A new id for a call of the note named ``note`` (its anchor: "3", "sponsor-note")."""
        ids = self._ids.setdefault(note, [])
        ids.append(f"fnref-{note}-{len(ids) + 1}")
        return ids[-1]

    def ids(self, note: str) -> list[str]:
        return list(self._ids.get(note, ()))


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=jinja_bytecode_cache(),  # compiling ours: a quarter of a cold HTML build
    )
    env.filters["macro"] = macro_for
    env.filters["marks"] = marks_of
    env.filters["node"] = unwrap_block
    env.globals["unknown"] = unknown
    return env


@lru_cache(maxsize=8)
def read_css(names: tuple[str, ...]) -> Markup:
    """Our own stylesheets, concatenated for a ``<style>`` element (trusted, not user text)."""
    text = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in names)
    if "</" in text:
        raise ValueError("a stylesheet must not contain '</'")
    return Markup(text)


def page_word(doc: Document) -> tuple[str, str]:
    """The running head's page word around the number (the number is a CSS counter)."""
    return doc.meta.page_word


def render_html(doc: Document, mode: Mode = "screen", continued: bool = True) -> str:
    """The document as HTML text; ``screen`` inlines the stylesheets, ``print`` leaves them out.

    ``continued`` prints the "/..." mark at the foot of page 1 (print mode, 1998 style).
    """
    template = environment().get_template(TEMPLATE)
    return template.render(
        doc=doc,
        mode=mode,
        css=read_css(SCREEN_CSS) if mode == "screen" else None,
        assets=Furniture(doc),
        refs=NoteCalls(),
        page_word=page_word(doc),
        continued=continued,
    )


def render(doc: Document) -> bytes:
    return render_html(doc, "screen").encode("utf-8")


def print_page(doc: Document) -> str:
    """The PDF writer's input (its first stage, :mod:`pipeline.writers.registry`)."""
    return render_html(doc, "print")
