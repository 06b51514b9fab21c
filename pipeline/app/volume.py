"""``unres volume``: a session's resolutions as one book, the Official Records' Supplement No. 49.

``unres volume source/ --session 80 -o build/`` collects the sources of that session and
makes ``A_80_49.pdf``, ``.html`` and ``.docx``: the volume's title page, a contents list
(in the PDF with page numbers, CSS ``target-counter``), then each resolution on a new
page with its own masthead, running heads and footnotes (numbered per resolution, as
issued), a subject index, and PDF bookmarks (sections, then resolutions).

Order, as in the Supplement: the resolutions adopted without reference to a Main
Committee first, then those on the reports of the First, Fourth, Second, Third, Fifth and
Sixth Committees; within a section by plenary meeting, then by number.

Each resolution is rendered by the same template as alone; its element ids are prefixed
with its number so links stay inside it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from pipeline.app.cli import _formats, add_render_options, command, expand_sources
from pipeline.errors import Diagnostic, UnresError
from pipeline.model import Document

#: The Supplement's section order: plenary (no committee) first, then the Main Committees.
COMMITTEE_ORDER = (None, 1, 4, 2, 3, 5, 6)
STOPWORDS = frozenset({
    "a", "an", "and", "the", "of", "on", "in", "for", "to", "with", "by", "at", "from", "its", "their",
    "his", "her", "as", "or", "into", "upon", "between", "against", "towards", "toward", "within",
    "without", "among", "under", "over", "all", "other", "others", "such", "this", "that", "these",
    "those", "be", "is", "are", "was", "were", "new", "also", "including", "year", "years", "day",
    "international", "united", "nations", "general", "assembly", "resolution", "resolutions"
})
_ID = re.compile(r'\b(id|for|aria-labelledby)="([^"#]+)"')
_HREF = re.compile(r'\bhref="#([^"]+)"')


@dataclass
class Entry:
    """One resolution of the volume: what the contents, index and order need. The document
    itself is built again when its turn comes (:meth:`document`), so the volume never holds
    more than one resolution's model, layout or DOCX at a time."""

    path: Path
    committee: int | None
    meeting: int
    number: int
    anchor: str
    title: str  # the resolution's title as printed ("80/1. Participation …")
    number_label: str  # "80/1"
    adopted: str  # "3rd plenary meeting, 19 September 2025"
    style: str
    paper: str
    language: str
    section_head: str = ""
    toc_title: str = ""
    page: int = 0  # the volume page it starts on (PDF)

    @property
    def key(self) -> tuple[int, int, int]:
        return (COMMITTEE_ORDER.index(self.committee), self.meeting, self.number)

    def document(self) -> Document:
        from pipeline.source import loader
        from pipeline.transforms import resolve as transform

        return transform.build(loader.load(self.path), style=self.style, paper=self.paper)


def _entry(path: Path, src: Any, session: int, style: str | None, paper: str | None) -> Entry | None:
    from pipeline.transforms import resolve as transform

    d = src.data
    if d.get("session") != session or not str(d.get("symbol", "")).startswith("A/RES/"):
        return None
    m = re.fullmatch(r"A/RES/\d+/(\d+)(?: ?[A-Z])?", d["symbol"])
    if not m:
        return None
    adopted: dict = d.get("adopted") or next(
        (p.get("adopted") for p in d.get("parts") or () if p.get("adopted")), {}
    )
    committee = d.get("committee")
    if committee not in COMMITTEE_ORDER:
        committee = None
    doc = transform.build(src, style=style or "modern", paper=paper)
    closing = doc.parts[-1].closing
    anchor = f"res-{d['symbol'].removeprefix('A/RES/').replace('/', '-').replace(' ', '')}"
    return Entry(path, committee, int(adopted.get("meeting") or 0), int(m[1]), anchor,
                 doc.meta.title, doc.masthead.number,
                 f"{closing.meeting}, {closing.date}" if closing else "", doc.style.name, doc.paper,
                 doc.meta.language, toc_title=doc.meta.title.removeprefix(f"{doc.masthead.number}. "))


def collect(paths: list[Path], session: int, style: str | None, paper: str | None) -> list[Entry]:
    """The session's resolutions among ``paths``, checked and in the Supplement's order."""
    from pipeline.source import loader

    entries: list[Entry] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            entry = _entry(path, loader.load(path), session, style, paper)
        except UnresError as exc:
            errors.extend(exc.diagnostics)
            continue
        if entry is not None:
            entries.append(entry)
    if errors:
        raise UnresError(errors)
    entries.sort(key=lambda e: e.key)
    if entries:
        from pipeline.transforms.words import catalogue

        cat = catalogue(entries[0].language)
        for e in entries:
            e.section_head = cat.word("volume.plenary") if e.committee is None else cat.word(
                "volume.committee", committee=cat.word(f"committees.{e.committee}"))
    return entries


def _fragment(html: str, prefix: str) -> str:
    """The inside of ``<body>``, every id and in-page link prefixed so it stays unique."""
    start = html.index(">", html.index("<body")) + 1
    body = html[start : html.rindex("</body>")]
    body = _ID.sub(lambda m: f'{m[1]}="{prefix}-{m[2]}"', body)
    return _HREF.sub(lambda m: f'href="#{prefix}-{m[1]}"', body)


def subject_index(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Subjects (the significant words of the titles, singular where plural) → resolutions."""
    terms: dict[str, dict[str, Entry]] = {}
    shown: dict[str, str] = {}
    for e in entries:
        for word in re.findall(r"[^\W\d_][\w’'-]*", e.title):
            word = re.sub(r"[’']s$", "", word)
            low = word.lower()
            if low in STOPWORDS or len(low) < 4:
                continue
            key = low[:-1] if low.endswith("s") and not low.endswith("ss") and low[:-1] in terms else low
            terms.setdefault(key, {})[e.anchor] = e
            if key not in shown or word[:1].islower():
                shown[key] = word if word.isupper() or key != low else word[:1].upper() + word[1:]
    return [(shown[k], sorted(v.values(), key=lambda e: e.key)) for k, v in sorted(terms.items())]


class Item:
    """A resolution in the template: its body is rendered when the template reaches it."""

    def __init__(self, entry: Entry, mode: Literal["screen", "print"]) -> None:
        self.entry, self.mode = entry, mode
        self.number, self.title, self.adopted = entry.number_label, entry.toc_title, entry.adopted

    @property
    def body(self) -> str:
        from pipeline.writers.html import render_html as resolution_html

        return _fragment(resolution_html(self.entry.document(), self.mode), self.entry.anchor)


def sections(entries: list[Entry], mode: Literal["screen", "print"]) -> list[dict]:
    """The volume's sections (plenary, then each Main Committee), each with its items."""
    out: list[dict] = []
    for e in entries:
        if not out or out[-1]["committee"] != e.committee:
            out.append({"committee": e.committee, "head": e.section_head, "id": f"section-{len(out) + 1}",
                        "roman": _roman(len(out) + 1), "items": [], "opens": True})
        out[-1]["items"].append(Item(e, mode))
    return out


def _context(entries: list[Entry], session: int, mode: Literal["screen", "print"]) -> dict:
    from pipeline.transforms.words import catalogue
    from pipeline.writers.html import read_css
    from pipeline.writers.html.writer import SCREEN_CSS

    first = entries[0].document()
    cat = catalogue(first.meta.language)
    return dict(
        mode=mode, part="all", anchors=(),
        lang=first.meta.language, style=first.style.name, paper=first.paper,
        page_header=first.style.page_header,
        css=read_css((*SCREEN_CSS, "css/volume-screen.css")) if mode == "screen" else None,
        records=cat.word("volume.records"),
        session_line=cat.word("session", session=session),
        supplement=cat.word("volume.supplement", number=49),
        volume_symbol=f"A/{session}/49",
        title=cat.word("volume.title", session=session),
        united_nations=cat.word("united_nations"),
        words={k: cat.word(f"volume.{k}") for k in ("contents", "resolution", "title_column", "page",
                                                      "index")},
        sections=sections(entries, mode),
        index=subject_index(entries),
    )


def write_html(entries: list[Entry], session: int, out: IO[str]) -> None:
    """The volume as one HTML page, written as it is generated (one resolution at a time)."""
    from pipeline.writers.html import environment

    template = environment().get_template("volume.html.j2")
    for chunk in template.generate(**_context(entries, session, "screen")):
        out.write(chunk)


def _roman(n: int) -> str:
    from pipeline.transforms.words import roman

    return roman(n)


#: Parts laid out by one short-lived process: WeasyPrint keeps about 1 MB of each layout
#: (caches) until its process ends, so this bounds the volume's memory whatever its length.
PARTS_PER_PROCESS = 12


def write_pdf(entries: list[Entry], session: int, out: Path, work: Path) -> None:
    """The volume's PDF: the parts laid out one by one in ``work`` by short-lived processes
    (:func:`_in_child`), then joined into ``out`` a part at a time."""
    from pipeline.writers.html import environment
    from pipeline.writers.pdf import volume as pdfvolume
    from pipeline.writers.pdf import writer as pdf

    template = environment().get_template("volume.html.j2")
    ctx = _context(entries, session, "print")
    style, paper = ctx["style"], ctx["paper"]
    pdf.stylesheets(style, paper)  # parsed once here, shared by every process laying out a part
    targets = tuple(dict.fromkeys([s["id"] for s in ctx["sections"]] + [e.anchor for e in entries]))

    def front() -> Any:
        text = template.render(**{**ctx, "part": "front", "anchors": targets})
        return pdfvolume.lay_out(text, style, paper, work / "front.pdf", dropped=targets)

    def index(first_page: int) -> Any:
        text = template.render(**{**ctx, "part": "index", "anchors": tuple(e.anchor for e in entries)})
        return pdfvolume.lay_out(text, style, paper, work / "index.pdf", first_page, main="index",
                                 dropped=tuple(e.anchor for e in entries))

    for e in entries:
        e.page = 9999  # the widest number, to count the contents' pages before they are known
    laid_out = _in_child(front)
    for _attempt in range(3):
        parts = _item_parts(ctx, template, work, 1 + laid_out.pages)
        last = _in_child(index, laid_out.pages + sum(p.pages for p in parts) + 1)
        again = _in_child(front)
        if again.pages == laid_out.pages:
            break
        laid_out = again
    pdfvolume.join([again, *parts, last], out, _bookmarks(ctx))


def _in_child(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` run in a forked process, its (pickled) result returned here: what the
    call kept (WeasyPrint's caches, the documents' models) goes away with that process."""
    import pickle

    from pipeline.app.batch import _fork_unsignalled

    rfd, wfd = os.pipe()
    pid = _fork_unsignalled()
    if pid == 0:  # the child: never returns
        try:
            os.close(rfd)
            with os.fdopen(wfd, "wb") as pipe:
                try:
                    pickle.dump(("ok", function(*args)), pipe)
                except BaseException as exc:  # noqa: BLE001 - raised again in the parent
                    pickle.dump(("error", exc if _picklable(exc) else RuntimeError(repr(exc))), pipe)
        finally:
            os._exit(0)
    os.close(wfd)
    try:
        with os.fdopen(rfd, "rb") as pipe:
            kind, value = pickle.load(pipe)
    except EOFError:
        raise RuntimeError("the process laying out a part of the volume died") from None
    finally:
        os.waitpid(pid, 0)
    if kind == "error":
        raise value
    return value


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001
        return False
    return True


def _item_parts(ctx: dict, template: Any, work: Path, first_page: int) -> list:
    """Each resolution laid out alone, on the page after the one before; ``entry.page`` set.
    ``PARTS_PER_PROCESS`` resolutions at a time are laid out by one process."""
    jobs = [(number, i, section, item) for number, section in enumerate(ctx["sections"])
            for i, item in enumerate(section["items"])]
    parts: list = []
    page = first_page
    for start in range(0, len(jobs), PARTS_PER_PROCESS):
        batch = jobs[start : start + PARTS_PER_PROCESS]
        done = _in_child(_lay_out_items, batch, ctx, template, work, page)
        for (_number, _i, _section, item), part in zip(batch, done):
            item.entry.page = page
            page += part.pages
        parts.extend(done)
    return parts


def _lay_out_items(jobs: list, ctx: dict, template: Any, work: Path, page: int) -> list:
    from pipeline.writers.pdf import volume as pdfvolume

    parts = []
    for number, i, section, item in jobs:
        one = {**section, "items": [item], "opens": i == 0}
        text = template.render(**{**ctx, "part": "item", "sections": [one]})
        item.entry.page = page
        parts.append(pdfvolume.lay_out(text, ctx["style"], ctx["paper"], work / f"{number}-{i}.pdf",
                                       page, main=item.entry.anchor))
        page += parts[-1].pages
    return parts


def _bookmarks(ctx: dict) -> list:
    from pipeline.writers.pdf.volume import Bookmark

    marks = [Bookmark(ctx["words"]["contents"], "contents")]
    for s in ctx["sections"]:
        marks.append(Bookmark(f"{s['roman']}. {s['head']}", s["id"],
                              [Bookmark(f"{it.number}. {it.title}", it.entry.anchor) for it in s["items"]]))
    marks.append(Bookmark(ctx["words"]["index"], "index"))
    return marks


def write_docx(entries: list[Entry], session: int, out: Path, work: Path) -> None:
    from pipeline.transforms.words import catalogue
    from pipeline.writers.docx import volume as docxvolume
    from pipeline.writers.docx.writer import render as render_one

    cat = catalogue(entries[0].language)
    words = {
        "symbol": f"A/{session}/49",
        "united_nations": cat.word("united_nations"),
        "records": cat.word("volume.records"),
        "session": cat.word("session", session=session),
        "supplement": cat.word("volume.supplement", number=49),
        "title": cat.word("volume.title", session=session),
        "contents": cat.word("volume.contents"),
    }
    docxvolume.write(entries, render_one, words, out, work)


def write_volume(entries: list[Entry], session: int, formats: tuple[str, ...], out_dir: Path) -> list[Path]:
    """Each format written to a file as it is made (never the whole volume in memory), then
    all moved into ``out_dir`` together; nothing is left there when one fails."""
    from pipeline.app.build import place_files, staging

    staged: dict[Path, Path] = {}
    with staging(out_dir) as work:
        for fmt in formats:
            tmp = work / f"A_{session}_49.{fmt}"
            if fmt == "html":
                with open(tmp, "w", encoding="utf-8") as fh:
                    write_html(entries, session, fh)
            elif fmt == "pdf":
                (work / "parts").mkdir()
                write_pdf(entries, session, tmp, work / "parts")
            else:
                (work / "docx").mkdir()
                write_docx(entries, session, tmp, work / "docx")
            staged[tmp] = out_dir / tmp.name
        place_files(staged)
    return list(staged.values())


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="YAML sources or folders")
    p.add_argument("--session", type=int, required=True, metavar="N", help="the session's number (80)")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--format", type=_formats, default=None, metavar="LIST",
                   help="comma-separated: pdf,html,docx")
    add_render_options(p)


@command("volume", "a session's resolutions as one volume (Supplement No. 49)")
def cmd_volume(args: argparse.Namespace) -> int:
    from pipeline.app.build import interruptible
    from pipeline.writers import FORMATS

    if args.format and "akn" in args.format:
        raise UnresError([Diagnostic("--format", 0, 0, "a volume has no Akoma Ntoso form: "
                                     "build the AKN of each resolution with unres build --format akn")])
    if args.session < 1:
        raise UnresError([Diagnostic("--session", 0, 0, f"expected a session number, found {args.session}")])
    paths = list(dict.fromkeys(expand_sources(args.sources)))
    with interruptible():
        entries = collect(paths, args.session, args.style, args.paper)
        if not entries:
            where = ", ".join(args.sources)
            why = f"no resolution of session {args.session} among the sources"
            raise UnresError([Diagnostic(where, 0, 0, why)])
        out = write_volume(entries, args.session, args.format or FORMATS, Path(args.output))
    for path in out:
        print(f"wrote {path}")
    print(f"{len(entries)} resolutions of session {args.session}", file=sys.stderr)
    return 0


cmd_volume.configure = _configure  # type: ignore[attr-defined]
