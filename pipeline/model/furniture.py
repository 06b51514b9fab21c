"""Page furniture as values of the model: the job-number barcode, the QR code, the emblem.

The barcode and the QR code are format-free geometry (a Code 39 module pattern, a QR
matrix), worked out once, on first use: a screen page never shows them, so an HTML-only
build never loads a barcode or QR library. Each writer encodes the same geometry in its own
image format (SVG in the HTML and PDF, PNG in Word); none of them encodes a barcode itself.
The emblem is the image file's bytes, read (and checked) when the document is resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Barcode:
    """A Code 39 barcode of ``payload`` ("*1818418*": the stars are the start/stop codes)."""

    payload: str

    @cached_property
    def modules(self) -> str:
        """The bars as modules, one character each: ``"1"`` dark, ``"0"`` light."""
        from barcode.codex import Code39

        return str(Code39(self.payload.strip("*"), add_checksum=False).build()[0])


@dataclass(frozen=True)
class QRCode:
    """A QR code of ``url`` (error correction M, no micro QR; no quiet zone: layouts give it)."""

    url: str

    @cached_property
    def matrix(self) -> tuple[tuple[int, ...], ...]:
        """Rows of modules, top to bottom: 1 (or any true value) dark, 0 light."""
        import segno

        return tuple(tuple(row) for row in segno.make(self.url, error="m", micro=False).matrix)


@dataclass(frozen=True)
class Image:
    """An image file the document shows: its name as the source gives it, type and bytes.

    ``bitmap``: for Word, which places bitmaps only, the PNG beside an SVG image (same
    name), if there is one.
    """

    name: str
    mime: str
    data: bytes
    bitmap: bytes | None = None
