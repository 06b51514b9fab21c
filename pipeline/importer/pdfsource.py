"""``unres import X.pdf``: the YAML source a PDF/A-3 built by unres carries, byte for byte; the
text layer of any other PDF (an issued resolution, one unres built without its source), for the
text importer.

``unres build --pdf-variant pdf/a-3b`` embeds the source as an associated file
(``/AFRelationship /Source``, ``/Desc`` "unres source (…)"). Here the PDF is opened with
pikepdf, its embedded files are listed, the candidates (ours by their description, or any
``.yaml``) are checked (MD5 checksum, then loaded as a source), and the one asked for is
returned unchanged. Anything else is a :class:`SourceError` naming what was expected.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.writers.attachments import SOURCE_DESCRIPTION

MAX_BYTES = 200 * 1024 * 1024
EXPECTED = "a PDF/A-3 built by `unres build --pdf-variant pdf/a-3b`, which carries its YAML source"


def is_pdf(path: str, head: bytes) -> bool:
    """A PDF by its name or by its first bytes (a PDF may have junk before ``%PDF-``)."""
    return path.lower().endswith(".pdf") or b"%PDF-" in head[:1024]


def _error(path: str, message: str) -> SourceError:
    return SourceError([Diagnostic(path, 0, 0, message)])


def _open(path: str):
    import pikepdf

    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise _error(path, f"file is larger than {MAX_BYTES // 1048576} MB")
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise _error(path, f"encrypted PDF; expected {EXPECTED}") from None
    except pikepdf.PdfError:
        raise _error(path, f"not a PDF (or a damaged one); expected {EXPECTED}") from None
    except OSError as exc:
        raise _error(path, f"cannot read: {exc.strerror}") from None


def embedded_files(path: str) -> dict[str, tuple[str, bytes]]:
    """Every embedded file of the PDF: name → (description, bytes); a checksum that does not
    match its bytes is an error."""
    with _open(path) as pdf:
        return _embedded(pdf, path)


def _embedded(pdf: Any, path: str) -> dict[str, tuple[str, bytes]]:
    """:func:`embedded_files` of the PDF open as ``pdf``."""
    import pikepdf

    out: dict[str, tuple[str, bytes]] = {}
    try:
        for name, spec in pdf.attachments.items():
            stream = spec.obj.EF.F
            data = stream.read_bytes()
            checksum = stream.get("/Params", {}).get("/CheckSum")
            md5 = hashlib.md5(data, usedforsecurity=False).digest()
            if checksum is not None and bytes(checksum) != md5:
                raise _error(path, f"the embedded file {name} is damaged (its checksum does not match)")
            out[name] = (str(spec.description or ""), data)
    except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError):
        raise _error(path, f"damaged embedded files; expected {EXPECTED}") from None
    return out


def _ours(name: str, description: str) -> bool:
    return description.startswith(SOURCE_DESCRIPTION) or name.lower().endswith((".yaml", ".yml"))


def _valid(path: str, name: str, data: bytes) -> bytes:
    """``data`` if it is an unres source; its diagnostics, placed in the PDF, if not."""
    from pipeline.source import loader

    where = f"{path}#{name}"
    try:  # an emblem image a source names is looked for beside the PDF
        loader.load(Path(path).parent / name, loader.decode(where, data))
    except SourceError as exc:
        diags = [replace(d, file=where) for d in exc.diagnostics]
        first = diags[0]
        why = f"the embedded file {name} is not an unres source: {first.message}"
        raise SourceError([replace(first, message=why), *diags[1:]]) from None
    return data


def carries_source(path: str) -> bool:
    """Whether :func:`read_source` is the reader of this PDF: it embeds a file that would be an
    unres source (by its description or its ``.yaml`` name), sound or not. Any other PDF, an
    issued document or one unres built without ``--pdf-variant pdf/a-3b``, is read by its text
    layer (:func:`text_layer`)."""
    with _open(path) as pdf:
        return any(_ours(name, desc) for name, (desc, _data) in _embedded(pdf, path).items())


def made_by_unres(path: str) -> bool:
    """Whether the PDF was made by WeasyPrint, as unres makes its PDFs (its page zones stand where
    unres sets them: :mod:`.pdfpages`)."""
    with _open(path) as pdf:
        return str(pdf.docinfo.get("/Producer", "")).startswith("WeasyPrint")


def text_layer(path: str) -> str:
    """The text of a PDF that carries no unres source (an issued resolution from undocs.org), as
    poppler's ``pdftotext -raw`` reads it (the content stream's order, form feeds between pages):
    of its three modes the one that keeps every word whole (the default and ``-layout`` set some
    apart, "humani tarian", where Word spaces glyphs by position) and each note's number before
    its text, however many lines the note takes. Each page's zones (running head, body, notes,
    foot) are then put in the order an issued PDF gives them (:mod:`.pdfpages`), so that a PDF
    made by LibreOffice or by Word without the UN's template reads as an issued one does. What the
    text importer then reads is told apart from pdftotext's page furniture and order in
    :mod:`.reading`; all three modes import to the same source (tests/test_import_pdftotext.py)."""
    import shutil

    from .pdfpages import run, zoned_text

    tool = shutil.which("pdftotext")
    if tool is None:
        raise _error(path, "reading an issued PDF's text needs pdftotext (Debian: apt-get install "
                           f"poppler-utils; `make` installs it); or {EXPECTED}")
    text = run(tool, ["-raw", "-enc", "UTF-8"], path).decode("utf-8", "replace")
    if not text.replace("\f", "").strip():
        raise _error(path, "the PDF has no text layer (a scanned page?) and carries no unres source: "
                           "copy its text by hand, or run OCR first")
    # each page's head, body, notes and foot in the issued order
    return zoned_text(tool, path, made_by_unres(path)) or text


def read_source(path: str, attachment: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of the unres source embedded in the PDF at ``path``."""
    files = embedded_files(path)
    if not files:
        raise _error(path, f"the PDF carries no embedded file; expected {EXPECTED} (an issued PDF is read "
                           "by its text layer)")
    if attachment is not None:
        if attachment not in files:
            raise _error(path, f"no embedded file {attachment!r}; it carries: {', '.join(files)}")
        return attachment, _valid(path, attachment, files[attachment][1])
    candidates = {n: data for n, (desc, data) in files.items() if _ours(n, desc)}
    if not candidates:
        names = ", ".join(files)
        raise _error(path, f"its embedded file(s) {names} are not an unres source; expected {EXPECTED}")
    if len(candidates) > 1:
        raise _error(path, f"it carries several sources ({', '.join(candidates)}; a redline carries both "
                           "versions): choose one with --attachment NAME")
    (name, data), = candidates.items()
    return name, _valid(path, name, data)
