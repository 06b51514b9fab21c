"""The session volume's PDF, laid out a part at a time and joined with pikepdf.

One WeasyPrint layout of a whole session (≈ 300 resolutions) holds every page's boxes at
once, so its memory grows with the volume. Here each part (the front matter, each
resolution, the index) is laid out alone and written to a file (the app lays them out in
short-lived processes: WeasyPrint keeps some of every layout until its process ends);
:func:`join` then writes the volume's PDF object by object, one part open at a time (a
pikepdf merge keeps every part open until it saves: about 0.7 MB a part), with the volume's
bookmarks, named destinations and page labels. What it keeps until the end is the
objects' offsets, the pages' numbers and the destinations: bytes per page.

The contents and the subject index grow with the session too: each is laid out in slices
(:func:`_flow`), each slice by a short-lived process, and cut where a page starts with a row
(or an index term or reference) of its own, so that the next slice, starting with that row
at the top of a page, lays out that page and the following ones as one piece would.

A part after the first must start on the volume's page ``first_page``, on the right side
(odd: a right-hand page) and with that page number in its running foot. WeasyPrint
starts every document on a right-hand ``:first`` page, so a part is laid out after one or
two lead pages (``.vol-lead`` then ``break-before: right|left``) that are dropped, with
the page counter set so its first kept page has the number ``first_page``. Links to
another part (contents and index → resolutions) are named destinations: the part holds
empty anchors for them on a last page that is dropped, and the joined PDF names them.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

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
    #: a slice of the contents or the index (:func:`_flow`): the row or term at the top of the
    #: page after its kept ones, the first of the next slice (None: the last slice)
    next: int | None = None


def _sheets(style: str, paper: str, extra: str) -> list[CSS]:
    volume_css = CSS(filename=str(TEMPLATES / "css" / "volume-print.css"), url_fetcher=pdf.fetcher(),
                     font_config=pdf.fonts())
    sheets = [*pdf.stylesheets(style, paper), volume_css]
    if extra:
        sheets.append(CSS(string=extra, font_config=pdf.fonts()))
    return sheets


#: A slice that continues the contents or the index starts on a page of its own after a forced
#: break; in the whole layout that page began at an unforced break, where margins are truncated.
_MORE_CSS = ".vol-more, .vol-more * { margin-break: discard }"


def lay_out(text: str, style: str, paper: str, out: Path, first_page: int = 1,
            main: str | None = None, dropped: tuple[str, ...] = (), ends: bool | None = None) -> Part:
    """Lay out one part's print HTML into ``out``.

    ``main``: the id of the part's first element after its lead pages (none: the part is the
    volume's beginning, page 1). ``dropped``: the ids on the part's last page, which is not kept.
    ``ends``: the part is a slice of a flow (the contents' rows, the index's terms), its last
    (True) or not (False): then its last page that starts with a row is not kept, and
    ``Part.next`` is that row (:func:`_cut`).
    """
    extra = ""
    lead = 0
    if main is not None:
        lead = 2 if first_page % 2 else 1
        side = "right" if first_page % 2 else "left"
        extra = (f"@page :first {{ counter-reset: page {first_page - lead} }}\n"
                 f".vol-section, .vol-index, .vol-more {{ break-before: {side} }}\n{_MORE_CSS}")
    html = HTML(string=pdf.pdf_text(text), base_url=str(TEMPLATES) + "/", url_fetcher=pdf.fetcher())
    pdf.notes_on_their_calls_page()
    document = html.render(stylesheets=_sheets(style, paper, extra), font_config=pdf.fonts())
    where: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:  # an element that runs over pages is listed on each
            where.setdefault(name, i)
    if main is not None and where.get(main) != lead:
        raise RuntimeError(f"part {main!r} starts on page {where.get(main)}, not after {lead} lead pages")
    end = min((where[a] for a in dropped if a in where), default=len(document.pages))
    following = None
    if ends is False:
        end, following = _cut(document.pages, lead, end)
    document.write_pdf(out, pdf_identifier=False)
    anchors = {name: i - lead for name, i in where.items() if lead <= i < end and not name.startswith(MORE)}
    del document
    return Part(out, lead, end - lead, anchors, following)


#: the id of a part that continues the contents or the index (never a destination of the volume)
MORE = "vol-more"


def _cut(pages: list, lead: int, end: int) -> tuple[int, int]:
    """Where a slice of a flow that does not end it is cut: the kept pages end before the last
    page that starts with a row of its own (no box of that row on the page before) and is not
    the slice's last (where the rows stop early, which may change how the page before it
    ends: widows), and that row begins the next slice. Such a page is laid out as in the
    whole flow: the next slice starts with that row at the top of a page (margins truncated,
    the page counter set; a line of index references broken where the whole one is, lines
    being filled one by one)."""
    held = [_rows_on(page) for page in pages[lead:end]]
    start = min(set().union(*held), default=0)
    last = max(i for i, rows in enumerate(held) if rows)  # may end early: the slice's rows stop
    for i in range(last - 1, 0, -1):
        if held[i] and min(held[i]) > start and min(held[i]) not in held[i - 1]:
            return lead + i, min(held[i])
    raise _TooShort


class _TooShort(Exception):
    """A slice that starts no page after its first: laid out again with more rows."""


def _rows_on(page: Any) -> set[int]:
    """The flow's rows (``data-k``) with text on ``page`` (a WeasyPrint page). A row pushed to
    the next page can leave an empty box on the page before."""
    found: set[int] = set()
    stack: list[tuple[Any, str | None]] = [(page._page_box, None)]
    while stack:
        box, k = stack.pop()
        element = getattr(box, "element", None)
        k = (element.get("data-k") if element is not None else None) or k
        if k is not None and getattr(box, "text", "").strip():
            found.add(int(k))
        stack.extend((child, k) for child in getattr(box, "children", ()))
    return found


@dataclass
class Bookmark:
    title: str
    anchor: str
    children: list[Bookmark] = field(default_factory=list)


#: Parts laid out by one short-lived process: WeasyPrint keeps about 1 MB of each layout
#: (caches) until its process ends, so this bounds the volume's memory whatever its length.
PARTS_PER_PROCESS = 12


#: Rows of the contents, and terms and references of the index, laid out by one short-lived
#: process: the contents and the index grow with the session and are laid out in slices of
#: about this many (:func:`_flow`, three or four pages), so no process holds more than a few of
#: their pages.
ROWS_PER_SLICE = 80
REFS_PER_SLICE = 800


def write(volume: Any, out: Path, work: Path) -> None:
    """The volume's PDF: the parts laid out one by one in ``work`` by short-lived processes
    (``volume.apart``), then joined into ``out`` a part at a time."""
    from pipeline.writers.html import environment
    from pipeline.writers.html.volume import context, index_size, index_slice, toc_groups, toc_rows

    entries, apart = volume.entries, volume.apart
    template = environment().get_template("volume.html.j2")
    ctx = context(volume, "print")
    style, paper = ctx["style"], ctx["paper"]
    pdf.stylesheets(style, paper)  # parsed once here, shared by every process laying out a part
    targets = tuple(dict.fromkeys([s["id"] for s in ctx["sections"]] + [e.anchor for e in entries]))
    rows, terms, resolutions = toc_rows(ctx["sections"]), ctx["index"], tuple(e.anchor for e in entries)

    def front(start: int, stop: int, more: str, page: int) -> Part:
        text = template.render(**{**ctx, "part": "front", "anchors": targets, "more": more,
                                  "toc": toc_groups(rows[start:stop])})
        return lay_out(text, style, paper, work / f"front-{start}.pdf", page, main=more or None,
                       dropped=targets, ends=stop == len(rows))

    def index(start: int, stop: int, more: str, page: int) -> Part:
        text = template.render(**{**ctx, "part": "index", "anchors": resolutions, "more": more,
                                  "index": index_slice(terms, start, stop)})
        return lay_out(text, style, paper, work / f"index-{start}.pdf", page, main=more or "index",
                       dropped=resolutions, ends=stop == index_size(terms))

    for e in entries:
        e.page = 9999  # the widest number, to count the contents' pages before they are known
    laid_out = _flow(apart, front, len(rows), 1, ROWS_PER_SLICE)
    for _attempt in range(3):
        parts = _item_parts(ctx, template, work, 1 + _pages(laid_out), apart)
        last = _flow(apart, index, index_size(terms), _pages(laid_out) + _pages(parts) + 1, REFS_PER_SLICE)
        again = _flow(apart, front, len(rows), 1, ROWS_PER_SLICE)
        if _pages(again) == _pages(laid_out):
            break
        laid_out = again
    join([*again, *parts, *last], out, _bookmarks(ctx))


def _pages(parts: list[Part]) -> int:
    return sum(p.pages for p in parts)


def _flow(apart: Callable[..., Any], lay: Callable[[int, int, str, int], Part], rows: int,
          first_page: int, size: int) -> list[Part]:
    """A flow of ``rows`` rows (the contents, the index) laid out in slices, each by a
    short-lived process, each slice starting on the page after the one before: ``lay(start,
    stop, more, page)`` lays out rows ``start`` to ``stop``, ``more`` the id of a slice that
    continues the flow (empty for the first)."""
    parts: list[Part] = []
    start: int | None = 0
    page = first_page
    while start is not None:
        part = apart(_slice, lay, start, rows, f"{MORE}-{len(parts)}" if parts else "", page, size)
        parts.append(part)
        page += part.pages
        start = part.next
    return parts


def _slice(lay: Callable[[int, int, str, int], Part], start: int, rows: int, more: str, page: int,
           size: int) -> Part:
    """Rows from ``start``: ``size`` of them, more if too few pages start with a row of their own."""
    while True:
        try:
            return lay(start, min(rows, start + size), more, page)
        except _TooShort:
            size *= 2


def _item_parts(ctx: dict, template: Any, work: Path, first_page: int, apart: Callable[..., Any]) -> list:
    """Each resolution laid out alone, on the page after the one before; ``entry.page`` set.
    ``PARTS_PER_PROCESS`` resolutions at a time are laid out by one process."""
    jobs = [(number, i, section, item) for number, section in enumerate(ctx["sections"])
            for i, item in enumerate(section["items"])]
    parts: list = []
    page = first_page
    for start in range(0, len(jobs), PARTS_PER_PROCESS):
        batch = jobs[start : start + PARTS_PER_PROCESS]
        done = apart(_lay_out_items, batch, ctx, template, work, page)
        for (_number, _i, _section, item), part in zip(batch, done):
            item.entry.page = page
            page += part.pages
        parts.extend(done)
    return parts


def _lay_out_items(jobs: list, ctx: dict, template: Any, work: Path, page: int) -> list:
    parts = []
    for number, i, section, item in jobs:
        one = {**section, "items": [item], "opens": i == 0}
        text = template.render(**{**ctx, "part": "item", "sections": [one]})
        item.entry.page = page
        parts.append(lay_out(text, ctx["style"], ctx["paper"], work / f"{number}-{i}.pdf", page,
                             main=item.entry.anchor))
        page += parts[-1].pages
    return parts


def _bookmarks(ctx: dict) -> list:
    marks = [Bookmark(ctx["words"]["contents"], "contents")]
    for s in ctx["sections"]:
        marks.append(Bookmark(f"{s['roman']}. {s['head']}", s["id"],
                              [Bookmark(f"{it.number}. {it.title}", it.entry.anchor) for it in s["items"]]))
    marks.append(Bookmark(ctx["words"]["index"], "index"))
    return marks


def join(parts: list[Part], out: Path, bookmarks: list[Bookmark]) -> None:
    """The parts' kept pages as one PDF at ``out``: named destinations for every id the
    parts hold, ``bookmarks`` pointing at their anchors, page labels 1, 2, 3…

    Written as it goes (:class:`_Writer`): one part is open at a time, its kept pages and
    the objects they use are copied and the part closed, so what stays in memory until the
    end is the objects' offsets, the pages' object numbers and the destinations."""
    import pikepdf

    with open(out, "wb") as fh:
        with pikepdf.open(parts[0].path) as front:
            w = _Writer(fh, str(front.pdf_version))
            pages_root, catalog, info = w.reserve(), w.reserve(), w.reserve()
            copier = _Copier(w)
            head = copier.direct([(k, v) for k, v in front.Root.items() if k not in _REBUILT])
            w.write_object(info, copier.direct(front.trailer.get("/Info", pikepdf.Dictionary()).items()))
        page_numbers: list[int] = []
        dests: dict[str, bytes] = {}
        for part in parts:
            with pikepdf.open(part.path) as src:
                kept = list(src.pages)[part.lead : part.lead + part.pages]
                numbers = w.copy_pages([p.obj for p in kept], pages_root)
                _part_destinations(src, part, numbers, dests)
            page_numbers.extend(numbers)
        kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
        w.write_object(pages_root, b"<</Type /Pages /Count %d /Kids [%s]>>" % (len(page_numbers), kids))
        ours = {"/Pages": b"%d 0 R" % pages_root, "/Names": _name_tree(w, dests),
                "/Outlines": _outline(w, bookmarks, dests), "/PageLabels": b"<</Nums [0 <</S /D>>]>>"}
        catalog_body = head[:-2] + b"".join(b" %s %s" % (k.encode(), v) for k, v in ours.items()) + b">>"
        w.finish(catalog, info, catalog_body)


#: The catalogue entries made for the volume; the rest (``/Lang``…) are the front part's.
_REBUILT = frozenset({"/Pages", "/Names", "/Outlines", "/PageLabels", "/Dests", "/StructTreeRoot"})


def _part_destinations(src: Any, part: Part, numbers: list[int], dests: dict[str, bytes]) -> None:
    """Every id the part keeps → ``[page /XYZ x y 0]`` in the volume (the first part that holds it)."""
    import pikepdf

    if "/Names" not in src.Root or "/Dests" not in src.Root.Names:
        return
    for name, dest in pikepdf.NameTree(src.Root.Names.Dests).items():
        if name in part.anchors and name not in dests:
            rest = b" ".join(_unparse(v, _no_refs) for v in list(dest)[1:])
            dests[name] = b"[%d 0 R %s]" % (numbers[part.anchors[name]], rest)


def _name_tree(w: _Writer, dests: dict[str, bytes]) -> bytes:
    """``/Names`` of the catalogue: the destinations as one leaf, sorted by name."""
    import pikepdf

    pairs = b" ".join(pikepdf.String(name).unparse() + b" " + dests[name] for name in sorted(dests))
    tree = w.reserve()
    w.write_object(tree, b"<</Names [%s]>>" % pairs)
    return b"<</Dests %d 0 R>>" % tree


def _outline(w: _Writer, bookmarks: list[Bookmark], dests: dict[str, bytes]) -> bytes:
    """The outline (open, as pikepdf writes it: ``/Count`` the items shown under each)."""
    root = w.reserve()
    first, last, count = _outline_items(w, bookmarks, root, dests)
    w.write_object(root, b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>" % (first, last, count))
    return b"%d 0 R" % root


def _outline_items(w: _Writer, marks: list[Bookmark], parent: int,
                   dests: dict[str, bytes]) -> tuple[int, int, int]:
    import pikepdf

    numbers = [w.reserve() for _ in marks]
    shown = len(marks)
    for i, (mark, num) in enumerate(zip(marks, numbers)):
        body = b"/Title %s /Parent %d 0 R /Dest %s" % (pikepdf.String(mark.title).unparse(), parent,
                                                       dests[mark.anchor])
        if i:
            body += b" /Prev %d 0 R" % numbers[i - 1]
        if i + 1 < len(numbers):
            body += b" /Next %d 0 R" % numbers[i + 1]
        count = 0
        if mark.children:
            first, last, count = _outline_items(w, mark.children, num, dests)
            body += b" /First %d 0 R /Last %d 0 R" % (first, last)
            shown += count
        w.write_object(num, b"<<%s /Count %d>>" % (body, count))
    return numbers[0], numbers[-1], shown


def _no_refs(obj: Any) -> bytes:
    raise ValueError(f"unexpected indirect object {obj.objgen} in a destination")


def _unparse(value: Any, ref: Callable[[Any], bytes]) -> bytes:
    """A direct PDF object's syntax; indirect objects inside it as ``ref(obj)``."""
    import pikepdf

    if isinstance(value, bytes):  # written already
        return value
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return ref(value)
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, Decimal):
        return format(value, "f").encode()
    if value is None:
        return b"null"
    if isinstance(value, pikepdf.Array):
        return b"[" + b" ".join(_unparse(v, ref) for v in value) + b"]"
    if isinstance(value, pikepdf.Dictionary):
        return _dictionary(value.items(), ref)
    data: bytes = value.unparse()
    return data


def _dictionary(items: Any, ref: Callable[[Any], bytes]) -> bytes:
    import pikepdf

    return b"<<" + b" ".join(pikepdf.Name(k).unparse() + b" " + _unparse(v, ref) for k, v in items) + b">>"


class _Writer:
    """A PDF written object by object (classic cross-reference table, file identifier the MD5 of
    the bytes before the trailer). Only the objects' offsets are kept."""

    def __init__(self, fh: IO[bytes], version: str) -> None:
        self.fh, self.position, self.offsets = fh, 0, [0]
        self.digest = hashlib.md5(usedforsecurity=False)
        self._write(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode())

    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self.digest.update(data)
        self.position += len(data)

    def reserve(self) -> int:
        """A number for an object written later."""
        self.offsets.append(0)
        return len(self.offsets) - 1

    def write_object(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.position
        tail = b"" if stream is None else b"\nstream\n" + stream + b"\nendstream"
        self._write(b"%d 0 obj\n%s%s\nendobj\n" % (number, body, tail))

    def copy_pages(self, pages: list[Any], parent: int) -> list[int]:
        """Copy ``pages`` (one part's kept pages, their ``/Parent`` now ``parent``) and the
        objects they use; their new numbers. Other pages of the part are never copied."""
        numbers = [self.reserve() for _ in pages]
        copier = _Copier(self, frozenset(p.objgen for p in pages), parent)
        for number, page in zip(numbers, pages):
            copier.assign(number, page)
        copier.drain()
        return numbers

    def finish(self, catalog: int, info: int, body: bytes) -> None:
        """The catalogue (``body``), the cross-reference table and the trailer."""
        self.write_object(catalog, body)
        start = self.position
        rows = b"".join(b"%010d 00000 n \n" % offset for offset in self.offsets[1:])
        self._write(b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(self.offsets), rows))
        ident = self.digest.hexdigest().encode()
        trailer = b"<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>" % (
            len(self.offsets), catalog, info, ident, ident)
        self.fh.write(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, start))


class _Copier:
    """One source file's objects copied into a :class:`_Writer`, each used one once, numbered anew.
    A page of ``pages`` gets ``/Parent parent``; any other page or page-tree node is left out
    (``null``): the lead and dropped pages, and the part's own page tree."""

    def __init__(self, writer: _Writer, pages: frozenset = frozenset(), parent: int = 0) -> None:
        self.writer, self.pages, self.parent = writer, pages, parent
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[tuple[int, Any]] = deque()

    def assign(self, number: int, obj: Any) -> None:
        self.numbers[obj.objgen] = number
        self.queue.append((number, obj))

    def ref(self, obj: Any) -> bytes:
        import pikepdf

        if obj.objgen not in self.numbers:
            tree = (pikepdf.Name.Page, pikepdf.Name.Pages)
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") in tree:
                return b"null"
            self.assign(self.writer.reserve(), obj)
        return b"%d 0 R" % self.numbers[obj.objgen]

    def direct(self, items: Any) -> bytes:
        """A dictionary's ``items`` written in place (the objects they use copied)."""
        data = _dictionary(items, self.ref)
        self.drain()
        return data

    def drain(self) -> None:
        import pikepdf

        while self.queue:
            number, obj = self.queue.popleft()
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                items = [(k, v) for k, v in obj.stream_dict.items() if k != "/Length"]
                self.writer.write_object(number, _dictionary([*items, ("/Length", len(raw))], self.ref), raw)
            elif obj.objgen in self.pages:
                items = [(k, v) for k, v in obj.items() if k not in ("/Parent", "/StructParents")]
                self.writer.write_object(number, _dictionary([*items, ("/Parent", b"%d 0 R" % self.parent)],
                                                             self.ref))
            elif isinstance(obj, pikepdf.Dictionary):
                self.writer.write_object(number, _dictionary(obj.items(), self.ref))
            elif isinstance(obj, pikepdf.Array):
                self.writer.write_object(number, b"[" + b" ".join(_unparse(v, self.ref) for v in obj) + b"]")
            else:
                self.writer.write_object(number, obj.unparse(resolved=True))
