"""Build one source into its outputs: load → transform → writers → atomic files.

Every output is rendered in memory first; files are written only when every requested
format rendered, each through a temporary file in the same folder renamed into place,
so a failed or interrupted build never leaves a truncated or half-updated output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import source, transform, writers
from .errors import Diagnostic, OutputError
from .model import Document


def output_stem(doc: Document) -> str:
    """Outputs are named after the symbol: A/RES/52/102 → A_RES_52_102."""
    return doc.masthead.symbol.replace("/", "_").replace(" ", "_")


def load_document(path: str | Path, style: str | None = None, paper: str | None = None) -> Document:
    return transform.build(source.load(path), style=style, paper=paper)


def render_all(doc: Document, formats: tuple[str, ...]) -> dict[str, bytes]:
    return {fmt: writers.render(fmt, doc) for fmt in formats}


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_outputs(outputs: dict[Path, bytes]) -> None:
    try:
        for path, data in outputs.items():
            write_atomic(path, data)
    except OSError as exc:
        where = exc.filename or next(iter(outputs), "")
        raise OutputError([Diagnostic(str(where), 0, 0, f"cannot write output: {exc.strerror}")]) from None


def build_file(
    path: str | Path,
    out_dir: str | Path = "build",
    formats: tuple[str, ...] = writers.FORMATS,
    style: str | None = None,
    paper: str | None = None,
) -> list[Path]:
    doc = load_document(path, style, paper)
    rendered = render_all(doc, formats)
    stem = output_stem(doc)
    outputs = {Path(out_dir) / f"{stem}.{fmt}": data for fmt, data in rendered.items()}
    write_outputs(outputs)
    return list(outputs)
