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
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
    """One resolution of the volume."""

    path: Path
    doc: Document
    committee: int | None
    meeting: int
    number: int
    anchor: str
    section_head: str = ""
    toc_title: str = ""

    @property
    def key(self) -> tuple[int, int, int]:
        return (COMMITTEE_ORDER.index(self.committee), self.meeting, self.number)


def collect(paths: list[Path], session: int, style: str | None, paper: str | None) -> list[Entry]:
    """The session's resolutions among ``paths``, loaded and in the Supplement's order."""
    from pipeline.source import loader
    from pipeline.transforms import resolve as transform

    entries: list[Entry] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            src = loader.load(path)
        except UnresError as exc:
            errors.extend(exc.diagnostics)
            continue
        d = src.data
        if d.get("session") != session or not str(d.get("symbol", "")).startswith("A/RES/"):
            continue
        m = re.fullmatch(r"A/RES/\d+/(\d+)(?: ?[A-Z])?", d["symbol"])
        if not m:
            continue
        adopted: dict = d.get("adopted") or next(
            (p.get("adopted") for p in d.get("parts") or () if p.get("adopted")), {}
        )
        committee = d.get("committee")
        if committee not in COMMITTEE_ORDER:
            committee = None
        try:
            doc = transform.build(src, style=style or "modern", paper=paper)
        except UnresError as exc:
            errors.extend(exc.diagnostics)
            continue
        entries.append(Entry(path, doc, committee, int(adopted.get("meeting") or 0), int(m[1]),
                             f"res-{d['symbol'].removeprefix('A/RES/').replace('/', '-').replace(' ', '')}"))
    if errors:
        raise UnresError(errors)
    entries.sort(key=lambda e: e.key)
    if entries:
        from pipeline.transforms.words import catalogue

        cat = catalogue(entries[0].doc.meta.language)
        for e in entries:
            e.section_head = cat.word("volume.plenary") if e.committee is None else cat.word(
                "volume.committee", committee=cat.word(f"committees.{e.committee}"))
            e.toc_title = e.doc.meta.title.removeprefix(f"{e.doc.masthead.number}. ")
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
        for word in re.findall(r"[^\W\d_][\w’'-]*", e.doc.meta.title):
            word = re.sub(r"[’']s$", "", word)
            low = word.lower()
            if low in STOPWORDS or len(low) < 4:
                continue
            key = low[:-1] if low.endswith("s") and not low.endswith("ss") and low[:-1] in terms else low
            terms.setdefault(key, {})[e.anchor] = e
            if key not in shown or word[:1].islower():
                shown[key] = word if word.isupper() or key != low else word[:1].upper() + word[1:]
    return [(shown[k], sorted(v.values(), key=lambda e: e.key)) for k, v in sorted(terms.items())]


def render_html(entries: list[Entry], session: int, mode: Literal["screen", "print"]) -> str:
    """The volume as one HTML page (``screen``) or WeasyPrint's input (``print``)."""
    from pipeline.transforms.words import catalogue
    from pipeline.writers.html import environment, read_css
    from pipeline.writers.html import render_html as resolution_html
    from pipeline.writers.html.writer import SCREEN_CSS

    cat = catalogue(entries[0].doc.meta.language)
    sections: list[dict] = []
    for e in entries:
        if not sections or sections[-1]["committee"] != e.committee:
            sections.append({"committee": e.committee, "head": e.section_head,
                             "id": f"section-{len(sections) + 1}",
                             "roman": _roman(len(sections) + 1), "items": []})
        closing = e.doc.parts[-1].closing
        sections[-1]["items"].append({
            "entry": e,
            "number": e.doc.masthead.number,
            "title": e.toc_title,
            "adopted": f"{closing.meeting}, {closing.date}" if closing else "",
            "body": _fragment(resolution_html(e.doc, mode), e.anchor),
        })
    style = entries[0].doc.style.name
    words = {k: cat.word(f"volume.{k}") for k in ("contents", "resolution", "title_column", "page", "index")}
    template = environment().get_template("volume.html.j2")
    return template.render(
        mode=mode,
        lang=entries[0].doc.meta.language,
        style=style,
        paper=entries[0].doc.paper,
        css=read_css((*SCREEN_CSS, "css/volume-screen.css")) if mode == "screen" else None,
        records=cat.word("volume.records"),
        session_line=cat.word("session", session=session),
        supplement=cat.word("volume.supplement", number=49),
        volume_symbol=f"A/{session}/49",
        title=cat.word("volume.title", session=session),
        united_nations=cat.word("united_nations"),
        words=words,
        sections=sections,
        index=subject_index(entries),
    )


def _roman(n: int) -> str:
    from pipeline.transforms.words import roman

    return roman(n)


def render_pdf(entries: list[Entry], session: int) -> bytes:
    from weasyprint import CSS, HTML

    from pipeline.paths import TEMPLATES
    from pipeline.writers.pdf import writer as pdf

    doc = entries[0].doc
    text = render_html(entries, session, "print")
    sheets = [*pdf.stylesheets(doc.style.name, doc.paper),
              CSS(filename=str(TEMPLATES / "css" / "volume-print.css"), url_fetcher=pdf.fetcher(),
                  font_config=pdf.fonts())]
    html = HTML(string=text, base_url=str(TEMPLATES) + "/", url_fetcher=pdf.fetcher())
    return html.render(stylesheets=sheets, font_config=pdf.fonts()).write_pdf(pdf_identifier=False)


def render_docx(entries: list[Entry], session: int) -> bytes:
    from pipeline.transforms.words import catalogue
    from pipeline.writers.docx.volume import render

    cat = catalogue(entries[0].doc.meta.language)
    words = {
        "symbol": f"A/{session}/49",
        "united_nations": cat.word("united_nations"),
        "records": cat.word("volume.records"),
        "session": cat.word("session", session=session),
        "supplement": cat.word("volume.supplement", number=49),
        "title": cat.word("volume.title", session=session),
        "contents": cat.word("volume.contents"),
    }
    return render(entries, session, words)


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="YAML sources or folders")
    p.add_argument("--session", type=int, required=True, metavar="N", help="the session's number (80)")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--format", type=_formats, default=None, metavar="LIST",
                   help="comma-separated: pdf,html,docx")
    add_render_options(p)


@command("volume", "a session's resolutions as one volume (Supplement No. 49)")
def cmd_volume(args: argparse.Namespace) -> int:
    from pipeline.app.build import interruptible, write_outputs
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
        formats = args.format or FORMATS
        render = {"pdf": render_pdf, "html": lambda e, s: render_html(e, s, "screen").encode(),
                  "docx": render_docx}
        out = {Path(args.output) / f"A_{args.session}_49.{fmt}": render[fmt](entries, args.session)
               for fmt in formats}
        write_outputs(out)
    for path in out:
        print(f"wrote {path}")
    print(f"{len(entries)} resolutions of session {args.session}", file=sys.stderr)
    return 0


cmd_volume.configure = _configure  # type: ignore[attr-defined]
