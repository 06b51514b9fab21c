"""Node types are dispatched explicitly: every writer (each registered format) and the diff have
one handler per node type, and a node type without one fails the build loudly (UnknownNode),
never renders as a silent blank.

The new node types here have every attribute a paragraph has (``kind``, ``label``, ``runs``,
``children`` ...), so writers that guessed a node's type from its attributes would render them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from conftest import SEED

from pipeline import writers
from pipeline.app.build import load_document, render_all
from pipeline.errors import WriterError
from pipeline.model import Changed, ChangedBlock, Document, Para, Runs, Text
from pipeline.model.visitor import UnknownNode
from pipeline.transforms.diff import diff


@dataclass(frozen=True)
class Table:
    """A block type no stage knows yet."""

    id: str
    runs: Runs
    kind: str = "operative"
    label: str | None = "9."
    level: int = 0
    children: tuple[Para, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Abbreviation:
    """An inline type no stage knows yet."""

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None


@pytest.fixture(scope="module")
def seed() -> Document:
    return load_document(SEED)


def with_block(doc: Document, block: object) -> Document:
    part = doc.parts[0]
    return replace(doc, parts=(replace(part, operative=(*part.operative, block)), *doc.parts[1:]))


def with_inline(doc: Document, run: object) -> Document:
    part = doc.parts[0]
    first = part.operative[0]
    assert isinstance(first, Para)
    return replace(doc, parts=(replace(part, operative=(replace(first, runs=(*first.runs, run)),
                                                        *part.operative[1:])), *doc.parts[1:]))


def test_every_format_is_checked():
    assert {"pdf", "html", "docx"} <= set(writers.known())


@pytest.mark.parametrize("fmt", writers.known())
def test_a_block_type_without_a_handler_fails_in_every_writer(seed, fmt):
    with pytest.raises(UnknownNode, match="no handler for Table nodes"):
        writers.render(fmt, with_block(seed, Table("t-1", (Text("a cell"),))))


@pytest.mark.parametrize("fmt", writers.known())
def test_an_inline_type_without_a_handler_fails_in_every_writer(seed, fmt):
    with pytest.raises(UnknownNode, match="no handler for Abbreviation nodes"):
        writers.render(fmt, with_inline(seed, Abbreviation("UNHCR")))


def with_preamble(doc: Document, block: object) -> Document:
    part = doc.parts[0]
    return replace(doc, parts=(replace(part, preamble=(block, *part.preamble)), *doc.parts[1:]))


def with_child(doc: Document, block: object) -> Document:
    part = doc.parts[0]
    first = part.operative[0]
    assert isinstance(first, Para)
    first = replace(first, children=(*first.children, block))
    return replace(doc, parts=(replace(part, operative=(first, *part.operative[1:])), *doc.parts[1:]))


@pytest.mark.parametrize("fmt", writers.known())
@pytest.mark.parametrize("where", [with_preamble, with_child])
def test_a_foreign_node_where_only_paragraphs_go_fails_too(seed, fmt, where):
    with pytest.raises(UnknownNode, match="no handler for Table nodes"):
        writers.render(fmt, where(seed, Table("t-1", (Text("a cell"),), kind="preamble", label=None)))


def test_the_build_reports_it_as_an_internal_error(seed):
    with pytest.raises(WriterError) as err:
        render_all(with_block(seed, Table("t-1", (Text("a cell"),))), ("html",))
    assert err.value.status == 1
    assert "no handler for Table nodes" in str(err.value.diagnostics[0])


def test_known_nodes_still_render(seed):
    page = writers.render("html", seed).decode()
    assert "Reaffirming" in page or "Reaffirms" in page


@pytest.mark.parametrize("edit", [
    lambda d: with_block(d, Table("t-1", (Text("a cell"),))),
    lambda d: with_inline(d, Abbreviation("UNHCR")),
])
def test_the_diff_fails_on_a_node_type_without_a_handler(seed, edit):
    with pytest.raises(UnknownNode):
        diff(seed, edit(seed))


# -- the diff's layer: wrappers are dispatched like any node, and a redline's writers see inside them
REDLINE_FORMATS = [f for f in writers.known() if f != "akn"]  # a redline has no AKN form


@pytest.fixture(scope="module")
def redline(seed) -> Document:
    return diff(seed, seed)


@pytest.mark.parametrize("fmt", REDLINE_FORMATS)
def test_an_unknown_block_inside_a_changed_block_fails_in_every_writer(redline, fmt):
    with pytest.raises(UnknownNode, match="no handler for Table nodes"):
        writers.render(fmt, with_block(redline, ChangedBlock(Table("t-1", (Text("a cell"),)), "ins")))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", REDLINE_FORMATS)
def test_an_unknown_inline_inside_a_changed_run_fails_in_every_writer(redline, fmt):
    with pytest.raises(UnknownNode, match="no handler for Abbreviation nodes"):
        writers.render(fmt, with_inline(redline, Changed(Abbreviation("UNHCR"), "ins")))  # type: ignore[arg-type]


def test_the_akn_writer_refuses_a_redline_and_any_wrapper(seed, redline):
    with pytest.raises(ValueError, match="no Akoma Ntoso form"):
        writers.render("akn", redline)
    with pytest.raises(UnknownNode, match="no handler for Changed"):
        writers.render("akn", with_inline(seed, Changed(Text("new"), "ins")))
    with pytest.raises(UnknownNode, match="no handler for ChangedBlock"):
        writers.render("akn", with_block(seed, ChangedBlock(Para("operative", (Text("x"),), "op-x", "9."), "ins")))


def test_the_diff_does_not_diff_a_redline(seed):
    marked = with_inline(seed, Changed(Text("new"), "ins"))
    with pytest.raises(UnknownNode, match="no handler for Changed"):
        diff(seed, marked)
    with pytest.raises(UnknownNode, match="no handler for ChangedBlock"):
        diff(seed, with_block(seed, ChangedBlock(Para("operative", (Text("x"),), "op-x", "9."), "ins")))
