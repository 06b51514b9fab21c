"""The session volume's PDF, laid out a part at a time and joined with pikepdf.

One WeasyPrint layout of a whole session (≈ 300 resolutions) holds every page's boxes at
once, so its memory grows with the volume. Here each part (the front matter, each
resolution, the index) is laid out alone, written to a file and let go; :func:`join`
then copies the parts' pages into one PDF (pikepdf reads the parts' streams from their
files as it writes), with the volume's bookmarks, named destinations and page labels.

A part after the first must start on the volume's page ``first_page``, on the right side
(odd: a right-hand page) and with that page number in its running foot. WeasyPrint
starts every document on a right-hand ``:first`` page, so a part is laid out after one or
two lead pages (``.vol-lead`` then ``break-before: right|left``) that are dropped, with
the page counter set so its first kept page has the number ``first_page``. Links to
another part (contents and index → resolutions) are named destinations: the part holds
empty anchors for them on a last page that is dropped, and the joined PDF names them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML

from pipeline.paths import TEMPLATES
from pipeline.writers.pdf import writer as pdf


@dataclass
class Part:
    """One part's PDF on disk: ``lead`` pages to drop, then ``pages`` kept pages."""

    path: Path
    lead: int
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)  # id → kept page index


def _sheets(style: str, paper: str, extra: str) -> list[CSS]:
    volume_css = CSS(filename=str(TEMPLATES / "css" / "volume-print.css"), url_fetcher=pdf.fetcher(),
                     font_config=pdf.fonts())
    sheets = [*pdf.stylesheets(style, paper), volume_css]
    if extra:
        sheets.append(CSS(string=extra, font_config=pdf.fonts()))
    return sheets


def lay_out(text: str, style: str, paper: str, out: Path, first_page: int = 1,
            main: str | None = None, dropped: tuple[str, ...] = ()) -> Part:
    """Lay out one part's print HTML into ``out``.

    ``main``: the id of the part's first element after its lead pages (none: the part is the
    volume's beginning, page 1). ``dropped``: the ids on the part's last page, which is not kept.
    """
    extra = ""
    lead = 0
    if main is not None:
        lead = 2 if first_page % 2 else 1
        side = "right" if first_page % 2 else "left"
        extra = (f"@page :first {{ counter-reset: page {first_page - lead} }}\n"
                 f".vol-section, .vol-index {{ break-before: {side} }}")
    html = HTML(string=text, base_url=str(TEMPLATES) + "/", url_fetcher=pdf.fetcher())
    pdf.notes_on_their_calls_page()
    document = html.render(stylesheets=_sheets(style, paper, extra), font_config=pdf.fonts())
    where: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:  # an element that runs over pages is listed on each
            where.setdefault(name, i)
    if main is not None and where.get(main) != lead:
        raise RuntimeError(f"part {main!r} starts on page {where.get(main)}, not after {lead} lead pages")
    end = min((where[a] for a in dropped if a in where), default=len(document.pages))
    document.write_pdf(out, pdf_identifier=False)
    anchors = {name: i - lead for name, i in where.items() if lead <= i < end}
    del document
    return Part(out, lead, end - lead, anchors)


@dataclass
class Bookmark:
    title: str
    anchor: str
    children: list[Bookmark] = field(default_factory=list)


def join(parts: list[Part], out: Path, bookmarks: list[Bookmark]) -> None:
    """The parts' kept pages as one PDF at ``out``: named destinations for every id the
    parts hold, ``bookmarks`` pointing at their anchors, page labels 1, 2, 3…"""
    import pikepdf

    opened = [pikepdf.open(part.path) for part in parts]
    try:
        merged = opened[0]
        first = parts[0]
        for page in list(merged.pages)[first.lead + first.pages:][::-1]:
            merged.pages.remove(page)
        for _ in range(first.lead):
            merged.pages.remove(merged.pages[0])
        starts = [0]
        for part, src in zip(parts[1:], opened[1:]):
            starts.append(len(merged.pages))
            with warnings.catch_warnings():  # the named destinations are made below (_names)
                warnings.simplefilter("ignore")
                merged.pages.extend(list(src.pages)[part.lead : part.lead + part.pages])
        dests = _destinations(merged, parts, opened, starts)
        _names(merged, dests)
        _outline(merged, bookmarks, dests)
        decimal = pikepdf.Dictionary(S=pikepdf.Name.D)  # labels 1, 2, 3…: the printed numbers
        merged.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, decimal]))
        merged.save(out, deterministic_id=True)
    finally:
        for src in opened:
            src.close()


def _destinations(merged: Any, parts: list[Part], opened: list, starts: list[int]) -> dict[str, Any]:
    """Every kept id → its ``[page /XYZ x y 0]`` in the joined PDF (the first part that holds it)."""
    import pikepdf

    dests: dict[str, Any] = {}
    for part, src, start in zip(parts, opened, starts):
        if "/Names" not in src.Root or "/Dests" not in src.Root.Names:
            continue
        for name, dest in pikepdf.NameTree(src.Root.Names.Dests).items():
            if name not in part.anchors or name in dests:
                continue
            page = merged.pages[start + part.anchors[name]].obj
            dests[name] = pikepdf.Array([page, *list(dest)[1:]])
    return dests


def _names(merged: Any, dests: dict[str, Any]) -> None:
    import pikepdf

    if "/Names" in merged.Root:
        del merged.Root.Names
    tree = pikepdf.NameTree.new(merged)
    for name in sorted(dests):
        tree[name] = dests[name]
    merged.Root.Names = pikepdf.Dictionary(Dests=tree.obj)


def _outline(merged: Any, bookmarks: list[Bookmark], dests: dict[str, Any]) -> None:
    import pikepdf

    if "/Outlines" in merged.Root:
        del merged.Root.Outlines

    def item(mark: Bookmark):
        node = pikepdf.OutlineItem(mark.title, dests[mark.anchor])
        node.children.extend(item(child) for child in mark.children)
        return node

    with merged.open_outline() as outline:
        outline.root.extend(item(mark) for mark in bookmarks)
