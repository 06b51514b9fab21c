"""Images of the first-page furniture as ``data:`` URIs: Code 39 barcode, QR code, emblem.

Everything is drawn in memory as small SVG documents (no clock, no external DTD), so the
HTML stays self-contained and two renders are byte-identical.
"""

from __future__ import annotations

import base64
import mimetypes
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline.errors import Diagnostic, SourceError
from pipeline.model import Document


def data_uri(mime: str, body: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"


def _svg(width: float, height: float, shapes: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" shape-rendering="crispEdges">{shapes}</svg>'
    ).encode("ascii")


@lru_cache(maxsize=64)
def code39(payload: str, height: int = 12) -> str:
    """A Code 39 barcode of ``payload`` ("*1818418*": the stars are the start/stop codes)."""
    from barcode.codex import Code39

    modules = Code39(payload.strip("*"), add_checksum=False).build()[0]
    bars, x = [], 0
    for bit, run in _runs(modules):
        if bit == "1":
            bars.append(f'<rect x="{x}" width="{run}" height="{height}"/>')
        x += run
    return data_uri("image/svg+xml", _svg(x, height, "".join(bars)))


def _runs(bits: str):
    start = 0
    for i in range(1, len(bits) + 1):
        if i == len(bits) or bits[i] != bits[start]:
            yield bits[start], i - start
            start = i


@lru_cache(maxsize=64)
def qr(url: str) -> str:
    """A QR code of ``url`` (error correction M, no quiet zone: the layout gives the margin)."""
    import segno

    code = segno.make(url, error="m", micro=False)
    cells = [
        f'<rect x="{x}" y="{y}" width="1" height="1"/>'
        for y, row in enumerate(code.matrix)
        for x, dark in enumerate(row)
        if dark
    ]
    size = len(code.matrix)
    return data_uri("image/svg+xml", _svg(size, size, "".join(cells)))


def emblem(doc: Document) -> str | None:
    """The user-supplied emblem image (path relative to the source file), embedded."""
    name = doc.masthead.emblem
    if not name:
        return None
    path = Path(doc.meta.source).parent / name
    mime = mimetypes.guess_type(path.name)[0]
    if mime not in ("image/png", "image/jpeg", "image/svg+xml", "image/gif"):
        raise SourceError(
            [Diagnostic(doc.meta.source, 0, 0, f"emblem {name!r}: not a PNG, JPEG, GIF or SVG image")])
    try:
        return data_uri(mime, path.read_bytes())
    except OSError as exc:
        raise SourceError([Diagnostic(doc.meta.source, 0, 0, f"emblem {name!r}: {exc.strerror}")]) from None


def emblem_bitmap(doc: Document) -> bytes | None:
    """For Word, which places bitmaps only: the PNG beside an SVG emblem (same name), if any."""
    name = doc.masthead.emblem
    if not name or not name.lower().endswith(".svg"):
        return None
    png = (Path(doc.meta.source).parent / name).with_suffix(".png")
    try:
        data = png.read_bytes()
    except OSError:
        return None
    return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None


class Furniture:
    """Every image the templates may show, by name; the barcode and the QR code are drawn
    only when a template shows them (a screen page never does: no QR library is loaded)."""

    def __init__(self, doc: Document):
        self._mh = doc.masthead
        self.emblem = emblem(doc)  # checked now: a bad emblem is an error in every format

    @cached_property
    def barcode(self) -> str | None:
        return code39(self._mh.barcode) if self._mh.barcode else None

    @cached_property
    def qr(self) -> str | None:
        return qr(self._mh.url) if self._mh.url else None


def furniture(doc: Document) -> Furniture:
    return Furniture(doc)
