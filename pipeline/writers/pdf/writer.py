"""PDF writer: the HTML template in print mode + the house style's print CSS → WeasyPrint.

Footnotes float to the foot of the page of their first call (CSS GCPM ``float: footnote``);
page furniture comes from running elements. WeasyPrint is imported here only, and may
read nothing but ``data:`` URIs and files under ``templates/`` (:mod:`pipeline.writers.pdf.fetcher`).
Parsed stylesheets and the font configuration are cached per process.
"""

from __future__ import annotations

from functools import lru_cache

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from pipeline.model import Document
from pipeline.paths import TEMPLATES
from pipeline.writers.attachments import ARCHIVAL, Attachment
from pipeline.writers.html import render_html
from pipeline.writers.pdf import endrule, footnotes, linebreak, runninghead, titlelines
from pipeline.writers.pdf.device import cache_dir, font_faces
from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher
from pipeline.writers.pdf.hyphens import no_break_hyphens
from pipeline.writers.pdf.tagging import tagging
from pipeline.writers.pdf.wordbreaks import word_breaks

PAPER = {"letter": "letter", "a4": "A4"}
# Tagged PDF/UA-1 by default: a structure tree a screen reader follows (:mod:`.tagging`).
# ``None``: the untagged PDF (the baseline of benchmarks/bench_tagged.py).
DEFAULT_VARIANT = "pdf/ua-1"


@lru_cache(maxsize=1)
def fonts() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=1)
def fetcher() -> TemplatesOnlyFetcher:
    return TemplatesOnlyFetcher(TEMPLATES)


@lru_cache(maxsize=8)
def stylesheets(style: str, paper: str, device: str = "600dpi",
                word_spacing: float | None = None, dated: str | None = None) -> tuple[CSS, ...]:
    """The shared print sheet, the house style's sheet and the paper size, parsed once; the
    body's word spacing and the sheet of Word's page of the document's date when the style dates
    them (``Style.word_spacing``, ``Style.dated_sheet``); for a 96-dpi device (:mod:`.device`),
    the style's 96-dpi sheet and the derived fonts' faces."""
    if paper not in PAPER:
        raise ValueError(f"unknown paper {paper!r}")

    def sheet(name: str) -> CSS:
        return CSS(filename=str(TEMPLATES / "css" / name), url_fetcher=fetcher(), font_config=fonts())

    sheets = [sheet("base.css"), sheet("print.css"), sheet(f"print-{style}.css")]
    if dated is not None:
        sheets.append(sheet(dated))  # Word's page of the document's date (``Style.dated_sheet``)
    if word_spacing is not None:
        sheets.append(CSS(string=f"body {{ word-spacing: {word_spacing:g}pt; }}", font_config=fonts()))
    if device == "96dpi":
        sheets.append(sheet(f"print-{style}-96dpi.css"))
    if device == "96dpi":
        rules = font_faces()  # writes the derived fonts first, if missing
        faces = TemplatesOnlyFetcher(cache_dir())  # the derived fonts' folder, nothing else
        sheets.append(CSS(string=rules, url_fetcher=faces, font_config=fonts()))
    sheets.append(CSS(string=f"@page {{ size: {PAPER[paper]} }}", font_config=fonts()))
    return tuple(sheets)


def notes_on_their_calls_page() -> None:
    """Install the line layout that keeps every note on its call's page (:mod:`.footnotes`)
    before a layout, and the first-line split that keeps a line Pango fits (:mod:`.linebreak`);
    every WeasyPrint render of ours calls this first."""
    if not footnotes.install():
        raise RuntimeError(
            "unres: this WeasyPrint's line layout is not the one pipeline/writers/pdf/footnotes.py patches"
        )
    if not linebreak.install():
        raise RuntimeError(
            "unres: this WeasyPrint's line breaking is not the one pipeline/writers/pdf/linebreak.py patches"
        )


def pdf_text(html: str) -> str:
    """The print HTML as WeasyPrint gets it: U+2011 the body font's hyphen (:mod:`.hyphens`) and
    no line break where Word would not break (:mod:`.wordbreaks`)."""
    return word_breaks(no_break_hyphens(html))


def _layout(doc: Document, continued: bool, text: str | None = None):
    if text is None:
        text = render_html(doc, "print", continued)
    st = doc.style
    sheets = stylesheets(st.name, doc.paper, st.device, st.word_spacing, st.dated_sheet)

    def laid_out(print_text: str, extra: str = ""):
        html = HTML(string=pdf_text(print_text), base_url=str(TEMPLATES) + "/", url_fetcher=fetcher())
        notes_on_their_calls_page()

        def render(rule: str):
            more = [CSS(string=css, font_config=fonts()) for css in (extra, rule) if css]
            return html.render(stylesheets=[*sheets, *more], font_config=fonts())

        return endrule.laid_out(render)  # the end rule clear of its page's notes

    def with_room_for_its_head(print_text: str):  # a tall running head pushes pages 2 on down
        return runninghead.laid_out(doc, print_text, laid_out)

    return titlelines.laid_out(text, with_room_for_its_head)  # the title's given lines one line each


def render(doc: Document, print_html: str | None = None, variant: str | None = DEFAULT_VARIANT,
           attachments: tuple[Attachment, ...] = ()) -> bytes:
    """The PDF; ``print_html`` is ``render_html(doc, "print")`` when a caller has it already.

    An archival ``variant`` (PDF/A-3, :mod:`.archive`) embeds ``attachments`` as associated
    files and stays tagged; the others embed nothing.
    """
    laid_out = _layout(doc, True, print_html)
    if len(laid_out.pages) == 1 and doc.style.footer_first == "job_continued":
        laid_out = _layout(doc, continued=False)  # nothing follows page 1: no "/..." at its foot
    if variant is None:
        return laid_out.write_pdf(pdf_identifier=False, uncompressed_pdf=False)
    if variant not in ARCHIVAL:
        with tagging():
            return laid_out.write_pdf(pdf_identifier=False, uncompressed_pdf=False, pdf_variant=variant)
    from pipeline.writers.pdf import archive

    with tagging():  # PDF/A requires the file identifier: the hash of the file's own bytes
        return laid_out.write_pdf(
            pdf_identifier=True, uncompressed_pdf=False, pdf_variant=variant, pdf_tags=True,
            attachments=archive.weasy_attachments(attachments), finisher=archive.finisher(attachments))
