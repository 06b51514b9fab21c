"""The text of the resolution as Akoma Ntoso: inline runs, paragraphs, sections, notes.

One :func:`functools.singledispatch` visitor per level (blocks, inline runs); a node type
it does not know is an error, never silently dropped. Element ids (``eId``) are the model's
ids, the same the HTML writer gives its anchors (``op-2``, ``op-2-a``, ``a-pre-1``,
``annex-1-p-3``, ``fn-4``), so ``X.html#op-2`` and the AKN ``paragraph[@eId='op-2']`` name the
same paragraph.
"""

from __future__ import annotations

from functools import singledispatch

from lxml import etree

from pipeline.model import (
    Block,
    Document,
    Heading,
    Inline,
    LineBreak,
    NoteRef,
    Para,
    Runs,
    SubPara,
    Table,
    TableNoteRef,
    Text,
)
from pipeline.model.visitor import UnknownNode
from pipeline.writers.akn.names import AKN, UNRES


def q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    el = etree.SubElement(parent, q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def add_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of ``parent``'s content (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def flag(el: etree._Element, name: str, value: bool | None) -> None:
    """A source switch as written (``unres:opening="false"``); nothing when not given."""
    if value is not None:
        el.set(f"{{{UNRES}}}{name}", "true" if value else "false")


class Context:
    """What the visitors need from the document: its notes, and the table being written (whose
    notes its cells call)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.table: Table | None = None


def table_note_id(table: Table, i: int) -> str:
    """The ``eId`` of a table's note ``i`` (0-based), the ``p`` its cells' calls point to."""
    return f"{table.id}-note-{i + 1}"


# -- inline ------------------------------------------------------------------------------


@singledispatch
def inline(run: object, parent: etree._Element, ctx: Context) -> None:
    raise UnknownNode(run, "the AKN writer")


@inline.register
def _text(run: Text, parent: etree._Element, ctx: Context) -> None:
    if not (run.link or run.italic or run.bold):
        add_text(parent, run.text)
        return
    el = parent
    if run.link:
        el = sub(el, "ref", href=run.link)
    if run.bold:
        el = sub(el, "b")
    if run.italic:
        el = sub(el, "i", **({"class": "opening"} if run.opening else {}))
    el.text = run.text


@inline.register
def _noteref(run: NoteRef, parent: etree._Element, ctx: Context) -> None:
    """A note at its first call (AKN4UN: every UN footnote is authorial); a repeated call of
    the same number is a ``noteRef`` to it."""
    if not run.first:
        ref = sub(parent, "noteRef", href=f"#fn-{run.anchor}", marker=run.label)
        ref.set(f"{{{UNRES}}}key", run.key)
        return
    note = ctx.doc.note(run.number)
    el = sub(parent, "authorialNote", marker=run.label, placement="bottom", eId=f"fn-{run.anchor}")
    el.set(f"{{{UNRES}}}key", run.key)  # the source's name of the note ([^key])
    runs(sub(el, "p"), note.runs, ctx)


@inline.register
def _eol(run: LineBreak, parent: etree._Element, ctx: Context) -> None:
    """A line the source breaks (a title's): AKN's end-of-line marker."""
    sub(parent, "eol")


@inline.register
def _table_noteref(run: TableNoteRef, parent: etree._Element, ctx: Context) -> None:
    """A cell's call of its table's note: a ``noteRef`` to the note's ``p`` (``tableNote``) by its
    marker; ``unres:key`` is the source's call (``[^a]``), as for a footnote's repeated call."""
    if ctx.table is None:
        raise UnknownNode(run, "the AKN writer outside a table")
    href = f"#{table_note_id(ctx.table, ctx.table.note_of(run.mark))}"
    ref = sub(parent, "noteRef", href=href, marker=run.mark, **{"class": "tableNoteRef"})
    ref.set(f"{{{UNRES}}}key", run.mark)


def runs(parent: etree._Element, rs: Runs | tuple[Inline, ...], ctx: Context) -> etree._Element:
    for r in rs:
        inline(r, parent, ctx)
    return parent


# -- blocks ------------------------------------------------------------------------------


@singledispatch
def block(node: object, parent: etree._Element, ctx: Context) -> None:
    raise UnknownNode(node, "the AKN writer")


@block.register
def _para(node: Para, parent: etree._Element, ctx: Context) -> None:
    """An operative or annex paragraph: ``paragraph`` (num, content), its sub-paragraphs a
    ``list`` of ``point``s with the paragraph's text as the list's ``intro`` (AKN4UN)."""
    el = sub(parent, "paragraph" if node.level == 0 else "point", eId=node.id)
    flag(el, "opening", node.opening)
    flag(el, "numbered", False if node.kind == "preamble" else None)  # a section's own preamble
    if node.label:
        sub(el, "num", node.label)
    if not node.children:
        content = sub(el, "content")
        adopted(runs(sub(content, "p"), node.runs, ctx), node, ctx)
        quote(content, node, ctx)
        return
    lst = sub(el, "list", eId=f"{node.id}-list")
    intro = sub(lst, "intro")
    adopted(runs(sub(intro, "p"), node.runs, ctx), node, ctx)
    quote(intro, node, ctx)
    for child in node.children:
        block(child, lst, ctx)


def adopted(p: etree._Element, node: Para, ctx: Context) -> None:
    """The text a paragraph adopts, printed inline after its words: an ``embeddedStructure`` at
    the end of the paragraph's ``p`` (AKN: "a full structure used as an extract from another
    document or position" inside the text; a ``quotedStructure`` is an amendment's proposed
    insertion, an ``attachment`` stands after the body as an annex does). Its title is the
    structure's ``heading``, its subtitle the ``subheading``, then its blocks; the blocks of its
    ``chapeau:`` carry ``unres:chapeau="true"``."""
    a = node.adopts
    if a is None:
        return
    el = sub(p, "embeddedStructure", eId=a.id, **{"class": "adopted"})
    flag(el, "numbered", a.numbered)
    flag(el, "restart", a.restart)
    runs(sub(el, "heading", eId=f"{a.id}-title"), a.title, ctx)
    if a.subtitle:
        runs(sub(el, "subheading", eId=f"{a.id}-subtitle"), a.subtitle, ctx)
    blocks(el, a.blocks, ctx, a.chapeau)


def quote(parent: etree._Element, node: Para, ctx: Context) -> None:
    """A paragraph's quoted block: a ``blockContainer`` of class ``quote`` after its text, one
    ``p`` per quoted paragraph."""
    if node.quote is None:
        return
    box = sub(parent, "blockContainer", eId=node.quote.id, **{"class": "quote"})
    for quoted in node.quote.paras:
        runs(sub(box, "p"), quoted, ctx)


@block.register
def _table(node: Table, parent: etree._Element, ctx: Context) -> None:
    """A table: an ``hcontainer`` named ``table`` holding an AKN ``table`` (caption, a row of
    ``th`` column heads, then rows whose first cell is a ``th`` row head), then the notes printed
    under it, each a ``p`` of class ``tableNote`` (with an ``eId`` when it has a marker: the cells'
    ``noteRef`` point to it)."""
    ctx.table = node
    content = sub(sub(parent, "hcontainer", eId=node.id, name="table"), "content")
    table = sub(content, "table", eId=f"{node.id}-grid")
    if node.caption:
        runs(sub(table, "caption"), node.caption, ctx)
    for i, row in enumerate((node.header, *node.rows)):
        tr = sub(table, "tr")
        for j, cell in enumerate(row):
            runs(sub(sub(tr, "th" if i == 0 or j == 0 else "td"), "p"), cell, ctx)
    for i, note in enumerate(node.notes):
        mark = node.note_mark(i)
        p = sub(content, "p", **{"class": "tableNote"}, eId=table_note_id(node, i) if mark else None)
        if mark:
            sup = sub(p, "sup")
            sup.text, sup.tail = mark, " "
        runs(p, note, ctx)
    ctx.table = None


@block.register
def _heading(node: Heading, parent: etree._Element, ctx: Context) -> None:
    """An unnumbered heading ("Article 1"); numbered sections are made by :func:`blocks`."""
    el = sub(parent, "hcontainer", eId=node.id, name="heading")
    runs(sub(el, "heading"), node.runs, ctx)


def blocks(parent: etree._Element, items: tuple[Block, ...], ctx: Context, chapeau: int = 0) -> None:
    """Operative or annex blocks; a numbered section (I, II …) holds what follows it up to
    the next section, as AKN4UN nests paragraphs in sections (numbering runs on across them).
    The first ``chapeau`` blocks are flagged ``unres:chapeau`` (an adopted text's opening)."""
    target = parent
    for i, b in enumerate(items):
        if isinstance(b, Heading) and b.label:
            target = sub(parent, "section", eId=b.id)
            sub(target, "num", b.label)
            runs(sub(target, "heading"), b.runs, ctx)
            flag(target, "chapeau", True if i < chapeau else None)
            continue
        block(b, target, ctx)
        if i < chapeau:
            flag(target[-1], "chapeau", True)


def preambular(parent: etree._Element, node: SubPara, ctx: Context) -> None:
    """A preambular paragraph: a ``container`` (AKN4UN); its sub-paragraphs a ``blockList``."""
    if not isinstance(node, Para):
        raise UnknownNode(node, "the AKN writer's preamble")
    el = sub(parent, "container", eId=node.id, name="preambularParagraph")
    flag(el, "opening", node.opening)
    runs(sub(el, "p"), node.runs, ctx)
    quote(el, node, ctx)
    if node.children:
        _block_list(el, node, ctx)


def _block_list(parent: etree._Element, node: Para, ctx: Context) -> None:
    lst = sub(parent, "blockList", eId=f"{node.id}-list")
    for child in node.children:
        if not isinstance(child, Para):  # a redline has no AKN form (a ChangedBlock)
            raise UnknownNode(child, "the AKN writer's preamble")
        item = sub(lst, "item", eId=child.id)
        if child.label:
            sub(item, "num", child.label)
        runs(sub(item, "p"), child.runs, ctx)
        quote(item, child, ctx)
        if child.children:
            _block_list(item, child, ctx)
