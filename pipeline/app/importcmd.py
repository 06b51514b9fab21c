"""``unres import``: the text or light Markdown of an issued resolution → a YAML source.

::

    unres import A_RES_52_102.txt -o source/A_RES_52_102.yaml
    unres import extracted.txt          # YAML on stdout, warnings on stderr
    unres import A_RES_73_8.pdf -o A_RES_73_8.yaml   # the source a PDF/A-3 built by unres carries
    unres import issued.pdf -o X.yaml      # any other PDF: its text layer, read as a text
    unres import draft.docx -o X.yaml      # a Word document: its header and body, through pandoc

A PDF (by its name or its first bytes) that carries the YAML source ``unres build --pdf-variant
pdf/a-3b`` embeds gives it back byte for byte; any other PDF (an issued resolution) is read by
its text layer, as ``pdftotext -raw X.pdf -`` gives it, page zone by page zone: warnings carry that
text's line numbers and the PDF's page
(:mod:`pipeline.importer.pdfsource`).

:mod:`.reading` finds blocks, page breaks, footnote calls and texts; :mod:`.structure`
the masthead and the paragraphs, with :mod:`.words` reading back the catalogue's words;
:mod:`.notes` keys the notes; :mod:`.runs` writes the inline markup; :mod:`pipeline.source.emit` the YAML;
:mod:`.convert` runs them in turn. Warnings carry the input's line numbers; the exit status
is 0 when clean, 1 with warnings, 2 when the input is not a resolution. This module only registers
the command (imported by every ``unres`` run, so it imports nothing heavy).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.app.cli import command


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "input", metavar="TEXT",
        help="text or Markdown of an issued resolution, Akoma Ntoso XML that unres wrote "
        "(X.akn.xml, X.xml), a PDF/A-3 built by unres (its source), or an issued PDF (its text layer, "
        "as `pdftotext -raw X.pdf -` gives it, page zone by page zone: warnings give that text's lines and "
        "the PDF's page), or a Word document (.docx: "
        "its text as pandoc reads it) ('-': standard input)",
    )
    p.add_argument("--attachment", metavar="NAME",
                   help="a PDF carrying several sources (a redline): the embedded file to import")
    p.add_argument("-o", "--output", metavar="YAML", help="write the source here (default: standard output)")
    p.add_argument("--language", metavar="LANG", choices=_languages(),
                   help="language of the text (default: found from its words, each language catalogue's)")


def _languages() -> list[str]:
    from pipeline.paths import TEMPLATES

    return sorted(p.stem for p in (Path(TEMPLATES) / "lang").glob("*.yaml"))


@command("import", "turn the text or Markdown of an issued resolution, its issued PDF, a Word document "
         "or AKN XML into a YAML source; give back the source a PDF/A-3 built by unres carries")
def cmd_import(args: argparse.Namespace) -> int:
    from pipeline.app.build import write_outputs
    from pipeline.importer.convert import convert, read_input

    text, heads, pages = None, None, False  # pages: the text is a PDF's, its pages apart by form feeds
    if _is_pdf(args.input):
        from pipeline.importer.pdfsource import carries_source, read_source, text_layer

        if args.attachment is None and not carries_source(args.input):
            text, pages = text_layer(args.input), True  # an issued PDF: its text, read as any other
        else:
            _name, raw = read_source(args.input, args.attachment)
            if args.output:
                write_outputs({Path(args.output): raw})
            else:
                sys.stdout.buffer.write(raw)
            return 0
    elif _is_docx(args.input):
        from pipeline.importer.docxsource import read_docx

        text, heads = read_docx(args.input)
    elif _is_xml(args.input):
        return _import_akn(args)
    imported = convert(read_input(args.input) if text is None else text, args.input, args.language, heads)
    for d in imported.warnings:
        where = f" (page {_page(text, d.line)} of the PDF)" if pages and text is not None else ""
        print(f"{d.file}:{d.line}:{d.column}: warning: {d.message}{where}", file=sys.stderr)
    if args.output:
        write_outputs({Path(args.output): imported.yaml.encode("utf-8")})
    else:
        sys.stdout.write(imported.yaml)
    return 1 if imported.warnings else 0


def _page(text: str, line: int) -> int:
    """The page of the PDF that line ``line`` of its text (pages apart by form feeds) is on."""
    start = sum(len(x) + 1 for x in text.split("\n")[: max(0, line - 1)])
    return text.count("\f", 0, start + 1) + 1  # a line opening with the form feed is on the next page


def _head(path: str, suffix: str, size: int) -> bytes | None:
    """The first ``size`` bytes of the file at ``path``; for an unreadable file, a name ending in
    ``suffix`` stands for them (its reader says what is wrong); None for standard input."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return suffix.encode() if path.lower().endswith(suffix) and Path(path).is_file() else None


def _is_pdf(path: str) -> bool:
    from pipeline.importer.pdfsource import is_pdf

    head = _head(path, ".pdf", 1024)
    return head is not None and (head == b".pdf" or is_pdf(path, head))


def _is_docx(path: str) -> bool:
    from pipeline.importer.docxsource import is_docx

    head = _head(path, ".docx", 8)
    return head is not None and (head == b".docx" or is_docx(path, head))


cmd_import.configure = _configure  # type: ignore[attr-defined]


def _is_xml(path: str) -> bool:
    """An ``.xml`` file, or a file whose first character is "<" (text of a resolution never is)."""
    if path.lower().endswith(".xml"):
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return False  # "-" (standard input) and unreadable files: the text importer says why
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _import_akn(args: argparse.Namespace) -> int:
    """Akoma Ntoso → the source's data (:mod:`pipeline.importer.akn`) → YAML (the one emitter).

    Bad input (not XML, not well formed, not AKN, not valid AKN 3.0, not written by unres)
    raises before anything is written."""
    from pipeline.app.build import write_outputs
    from pipeline.importer.akn import read
    from pipeline.source import read_bytes

    data = read(read_bytes(args.input), args.input)
    from pipeline.errors import Diagnostic, SourceError
    from pipeline.source import load
    from pipeline.source.emit import dump

    text = dump(data, f"Imported by unres import from {Path(args.input).name} (Akoma Ntoso).")
    try:  # hand-edited AKN can be valid AKN and still not make a valid source
        load(args.output or f"{Path(args.input).stem}.yaml", text)
    except SourceError as exc:
        raise SourceError([Diagnostic(args.input, 1, 1, f"reads as a source that is not valid: {d.message}")
                           for d in exc.diagnostics]) from None
    if args.output:
        write_outputs({Path(args.output): text.encode("utf-8")})
    else:
        sys.stdout.write(text)
    return 0
