"""``unres volume``: a session's resolutions as one book, the Official Records' Supplement No. 49.

``unres volume source/ --session 80 -o build/`` collects the sources of that session and
makes ``A_80_49.pdf``, ``.html`` and ``.docx``: the volume's title page, a contents list
(in the PDF with page numbers, CSS ``target-counter``), then each resolution on a new
page with its own masthead, running heads and footnotes (numbered per resolution, as
issued), a subject index, and PDF bookmarks (sections, then resolutions).

Order, as in the Supplement: the resolutions adopted without reference to a Main
Committee first, then those on the reports of the First, Fourth, Second, Third, Fifth and
Sixth Committees; within a section by plenary meeting, then by number.

Here the sources are collected, checked and ordered (:class:`Entry`); each format's volume
writer is found in the writer registry (``Format.volume``, :mod:`pipeline.writers.registry`)
and given a :class:`Volume`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.app.cli import _formats, add_render_options, command, expand_sources
from pipeline.errors import Diagnostic, UnresError
from pipeline.model import Document

#: The Supplement's section order: plenary (no committee) first, then the Main Committees.
COMMITTEE_ORDER = (None, 1, 4, 2, 3, 5, 6)
_FORM_NAMES = {"akn": "Akoma Ntoso"}


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


def _in_child(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` run in a forked process, its (pickled) result returned here: what the
    call kept (WeasyPrint's caches, the documents' models) goes away with that process; what it
    warned of is warned of here."""
    import pickle

    from pipeline.app.batch import _fork_unsignalled
    from pipeline.errors import warn, warnings_kept

    rfd, wfd = os.pipe()
    pid = _fork_unsignalled()
    if pid == 0:  # the child: never returns
        try:
            os.close(rfd)
            with os.fdopen(wfd, "wb") as pipe, warnings_kept() as warned:
                try:
                    pickle.dump(("ok", function(*args), warned), pipe)
                except BaseException as exc:  # noqa: BLE001 - raised again in the parent
                    pickle.dump(("error", exc if _picklable(exc) else RuntimeError(repr(exc)), warned), pipe)
        finally:
            os._exit(0)
    os.close(wfd)
    try:
        with os.fdopen(rfd, "rb") as pipe:
            kind, value, warned = pickle.load(pipe)
    except EOFError:
        raise RuntimeError("the process laying out a part of the volume died") from None
    finally:
        os.waitpid(pid, 0)
    for warning in warned:
        warn(warning)
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


@dataclass
class Volume:
    """What a format's volume writer is given (``write(volume, out, work)``)."""

    entries: list[Entry]
    session: int
    #: every word the volume prints besides its resolutions', in their language (``words()``):
    #: writers lay them out and never look them up
    words: dict[str, str] = field(default_factory=dict)
    #: ``apart(function, *args)``: the call run by a short-lived process, its result returned
    apart: Callable[..., Any] = _in_child


#: the volume's own words in the catalogues (``volume.<key>``), printed as they are
_PLAIN_WORDS = ("records", "contents", "resolution", "title_column", "page", "index")


def words(entries: list[Entry], session: int) -> dict[str, str]:
    """The volume's words in its first resolution's language: its symbol (the Supplement,
    A/<session>/49), the Organization, the session, the Supplement's line, the title and the
    headings of its contents and index."""
    from pipeline.transforms.words import catalogue

    cat = catalogue(entries[0].language)
    return {
        "symbol": f"A/{session}/49",
        "united_nations": cat.word("united_nations"),
        "session": cat.word("session", session=session),
        "supplement": cat.word("volume.supplement", number=49),
        "title": cat.word("volume.title", session=session),
        **{k: cat.word(f"volume.{k}") for k in _PLAIN_WORDS},
    }


def write_volume(entries: list[Entry], session: int, formats: tuple[str, ...], out_dir: Path) -> list[Path]:
    """Each format written to a file as it is made (never the whole volume in memory) by its
    writer's volume function, then all moved into ``out_dir`` together; nothing is left there
    when one fails."""
    from pipeline import writers
    from pipeline.app.build import place_files, staging

    volume = Volume(entries, session, words(entries, session))
    staged: dict[Path, Path] = {}
    with staging(out_dir) as work:
        for fmt in formats:
            tmp = work / writers.filename(f"A_{session}_49", fmt)
            (work / fmt).mkdir()
            writers.write_volume(fmt, volume, tmp, work / fmt)
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
    from pipeline import writers
    from pipeline.app.build import interruptible

    missing = [fmt for fmt in args.format or () if not writers.has_volume(fmt)]
    if missing:
        fmt = missing[0]
        why = (f"a volume has no {_FORM_NAMES.get(fmt, fmt.upper())} form: build the {fmt.upper()} of each "
               f"resolution with unres build --format {fmt}")
        raise UnresError([Diagnostic("--format", 0, 0, why)])
    if args.session < 1:
        raise UnresError([Diagnostic("--session", 0, 0, f"expected a session number, found {args.session}")])
    paths = list(dict.fromkeys(expand_sources(args.sources)))
    with interruptible():
        entries = collect(paths, args.session, args.style, args.paper)
        if not entries:
            where = ", ".join(args.sources)
            why = f"no resolution of session {args.session} among the sources"
            raise UnresError([Diagnostic(where, 0, 0, why)])
        formats = args.format or tuple(fmt for fmt in writers.FORMATS if writers.has_volume(fmt))
        out = write_volume(entries, args.session, formats, Path(args.output))
    for path in out:
        print(f"wrote {path}")
    print(f"{len(entries)} resolutions of session {args.session}", file=sys.stderr)
    return 0


cmd_volume.configure = _configure  # type: ignore[attr-defined]
