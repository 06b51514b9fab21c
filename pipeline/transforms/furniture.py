"""The page furniture of a resolved document: the barcode and QR code values and the emblem's
image, read and checked here, once, so a bad emblem is an error of every format alike and no
writer reads a file of the source's."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from pipeline.errors import Diagnostic, SourceError
from pipeline.model import Barcode, Image, QRCode

IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
_PNG = b"\x89PNG\r\n\x1a\n"


def barcode(payload: str | None) -> Barcode | None:
    return Barcode(payload) if payload else None


def qr(url: str | None) -> QRCode | None:
    return QRCode(url) if url else None


def emblem(source: str, name: str | None) -> Image | None:
    """The emblem image (``name`` relative to the source file), with the PNG beside an SVG."""
    if not name:
        return None
    path = Path(source).parent / name
    mime = mimetypes.guess_type(path.name)[0]
    if mime not in IMAGE_TYPES:
        raise SourceError([Diagnostic(source, 0, 0, f"emblem {name!r}: not a PNG, JPEG, GIF or SVG image")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError([Diagnostic(source, 0, 0, f"emblem {name!r}: {exc.strerror}")]) from None
    return Image(name, mime, data, _bitmap_beside(path) if mime == "image/svg+xml" else None)


def _bitmap_beside(svg: Path) -> bytes | None:
    """For Word, which places bitmaps only: the PNG of the same name beside an SVG, if any."""
    try:
        data = svg.with_suffix(".png").read_bytes()
    except OSError:
        return None
    return data if data.startswith(_PNG) else None
