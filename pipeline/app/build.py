"""Build one source into its outputs: load → transform → writers → atomic files.

Every output is rendered in memory first; files are written only when every requested
format rendered. Writing is all or nothing: each file goes to a temporary file in its
own folder, and only when all of them are on disk are they renamed into place. SIGINT
and SIGTERM are held back while that happens, so an interrupted, failing or killed
build leaves the previous outputs intact and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline import writers
from pipeline.errors import Diagnostic, OutputError, UnresError, WriterError
from pipeline.model import Document
from pipeline.source import loader as source
from pipeline.transforms import resolve as transform
from pipeline.writers import attachments

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_HINTS = {
    errno.EACCES: "the output folder is not writable",
    errno.EPERM: "the output folder is not writable",
    errno.EROFS: "the output folder is on a read-only file system",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
}


def output_stem(doc: Document) -> str:
    """Outputs are named after the symbol: A/RES/52/102 → A_RES_52_102. A version in another
    language than English adds its code, as the UN's own files do (A_RES_48_4-FR, -ZH), so the
    six versions of one resolution can be built into one folder."""
    stem = doc.masthead.symbol.replace("/", "_").replace(" ", "_")
    return stem if doc.meta.language == "en" else f"{stem}-{doc.meta.language.upper()}"


def load_document(path: str | Path, style: str | None = None, paper: str | None = None) -> Document:
    return transform.build(source.load(path), style=style, paper=paper)


def render_all(doc: Document, formats: tuple[str, ...], prepared: dict[str, Any] | None = None,
               pdf: dict[str, Any] | None = None) -> dict[str, bytes]:
    """Every format's bytes; a writer's unexpected exception becomes a :class:`WriterError`.

    ``prepared``: a format's first stage, when another process made it already
    (:func:`pipeline.writers.prepare`); ``pdf``: the PDF writer's options (:func:`pdf_options`).
    """
    out: dict[str, bytes] = {}
    for fmt in formats:
        first = (prepared or {}).get(fmt)
        try:
            options = (pdf or {}) if fmt == "pdf" else {}
            out[fmt] = writers.render(fmt, doc, first, **options)
        except UnresError:
            raise
        except Exception as exc:
            raise WriterError(fmt, exc) from exc
    return out


def pdf_options(variant: str | None, doc: Document, sources: dict[str, bytes]) -> dict[str, Any]:
    """The PDF writer's options: the variant and, for PDF/A-3, the files it carries.

    ``sources``: file name → the exact bytes of each source the document was built from
    (one; a redline's two), embedded as ``/AFRelationship /Source`` so that ``unres import``
    gives them back byte for byte; and the document's Akoma Ntoso XML (``/Alternative``).
    """
    if variant is None or variant == attachments.UA:
        return {}
    if variant not in attachments.ARCHIVAL:
        raise ValueError(f"unknown PDF variant {variant!r}")
    # dated by the date of issue; a source without any date (a declaration's text imported without
    # masthead nor closing) by the epoch, never the clock
    when = doc.meta.issued or dt.date(1970, 1, 1)
    files = [
        attachments.Attachment(name, data, attachments.SOURCE_MIME, "Source",
                               f"{attachments.SOURCE_DESCRIPTION} ({doc.masthead.symbol})", when)
        for name, data in sources.items()]
    if doc.redline is None:  # the same text as Akoma Ntoso (a redline has no AKN form)
        files.append(attachments.Attachment(
            writers.filename(output_stem(doc), "akn"), writers.render("akn", doc), attachments.AKN_MIME,
            "Alternative", f"{attachments.AKN_DESCRIPTION} ({doc.masthead.symbol})", when))
    return {"variant": variant, "attachments": tuple(files)}


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def interruptible() -> Iterator[None]:
    """While building, SIGTERM raises :class:`KeyboardInterrupt` like SIGINT does.

    So ``finally`` blocks run and the command line reports "interrupted" instead of the
    process vanishing. Signal handlers can only be set in the main thread; elsewhere
    this does nothing.
    """
    if not _in_main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back until the block ends, then deliver the first one.

    The handlers are swapped rather than the signals blocked: a blocked signal may be taken by
    another thread (a Dask client's) whose handler then runs in the main thread anyway.
    Blocks nest: an inner block's held signal is delivered to the outer block's handler."""
    if not _in_main_thread():
        yield
        return
    caught: list[int] = []
    old = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])


def _output_error(path: Path, exc: OSError) -> OutputError:
    hint = _HINTS.get(exc.errno or 0)
    reason = exc.strerror or str(exc)
    return OutputError(
        [Diagnostic(str(path), 0, 0, f"cannot write output: {reason}" + (f" ({hint})" if hint else ""))]
    )


def write_outputs(outputs: dict[Path, bytes]) -> None:
    """Write all outputs or none: temporary files first, then renames; never a leftover."""
    temps: list[str] = []
    current = next(iter(outputs), Path("."))
    with signals_held():
        try:
            staged: list[tuple[str, Path]] = []
            for current, data in outputs.items():
                current.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=current.parent, prefix=f".{current.name}.", suffix=".tmp")
                temps.append(tmp)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o644)
                staged.append((tmp, current))
            for tmp, current in staged:
                os.replace(tmp, current)
                temps.remove(tmp)
        except OSError as exc:
            raise _output_error(current, exc) from None
        finally:
            for tmp in temps:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def place_files(staged: dict[Path, Path]) -> None:
    """Move finished files (each in a temporary folder on its target's file system) into
    place: flushed to disk first, then renamed, with the signals held between the renames."""
    current = next(iter(staged.values()), Path("."))
    with signals_held():
        try:
            for tmp, target in staged.items():
                current = target
                os.chmod(tmp, 0o644)
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
            for tmp, current in staged.items():
                os.replace(tmp, current)
        except OSError as exc:
            raise _output_error(current, exc) from None


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A temporary folder inside ``out_dir`` (created if needed), removed afterwards."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".unres-", dir=out_dir))
    except OSError as exc:
        raise _output_error(out_dir, exc) from None
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file via a temporary file renamed into place."""
    write_outputs({path: data})


def build_file(
    path: str | Path,
    out_dir: str | Path = "build",
    formats: tuple[str, ...] = writers.FORMATS,
    style: str | None = None,
    paper: str | None = None,
    pdf_variant: str | None = None,
) -> list[Path]:
    with interruptible():
        doc = load_document(path, style, paper)
        sources = {Path(path).name: Path(path).read_bytes()} if pdf_variant else {}
        rendered = render_all(doc, formats, pdf=pdf_options(pdf_variant, doc, sources))
        stem = output_stem(doc)
        outputs = {Path(out_dir) / writers.filename(stem, fmt): data for fmt, data in rendered.items()}
        write_outputs(outputs)
    return list(outputs)
