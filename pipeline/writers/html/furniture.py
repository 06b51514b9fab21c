"""The page furniture as ``data:`` URIs for the HTML (and through it the PDF).

The model holds the furniture (:mod:`pipeline.model.furniture`): the barcode's modules, the QR
code's matrix, the emblem's bytes. Here they are drawn as small SVG documents (no clock, no
external DTD), so the HTML stays self-contained and two renders are byte-identical.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from functools import cached_property, lru_cache

from pipeline.model import Document


def data_uri(mime: str, body: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"


def _svg(width: float, height: float, shapes: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" shape-rendering="crispEdges">{shapes}</svg>'
    ).encode("ascii")


@lru_cache(maxsize=64)
def code39(modules: str, height: int = 12) -> str:
    """A Code 39 barcode from its modules ("1" a dark one)."""
    bars, x = [], 0
    for bit, run in _runs(modules):
        if bit == "1":
            bars.append(f'<rect x="{x}" width="{run}" height="{height}"/>')
        x += run
    return data_uri("image/svg+xml", _svg(x, height, "".join(bars)))


def _runs(bits: str) -> Iterator[tuple[str, int]]:
    start = 0
    for i in range(1, len(bits) + 1):
        if i == len(bits) or bits[i] != bits[start]:
            yield bits[start], i - start
            start = i


@lru_cache(maxsize=64)
def qr(matrix: tuple[tuple[int, ...], ...]) -> str:
    """A QR code from its matrix of modules (no quiet zone: the layout gives the margin)."""
    cells = [
        f'<rect x="{x}" y="{y}" width="1" height="1"/>'
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    ]
    size = len(matrix)
    return data_uri("image/svg+xml", _svg(size, size, "".join(cells)))


class Furniture:
    """Every image the templates may show, by name; the barcode and the QR code are drawn
    only when a template shows them (a screen page never does: no QR library is loaded)."""

    def __init__(self, doc: Document):
        self._mh = doc.masthead
        image = doc.masthead.emblem_image
        self.emblem = data_uri(image.mime, image.data) if image else None

    @cached_property
    def barcode(self) -> str | None:
        return code39(self._mh.code39.modules) if self._mh.code39 else None

    @cached_property
    def qr(self) -> str | None:
        return qr(self._mh.qr.matrix) if self._mh.qr else None
