"""A vector mark in the DOCX: the SVG itself, with a PNG of it for clients that read no SVG.

Word 2016 and later (and Microsoft 365) show an SVG picture from an ``asvg:svgBlip`` extension of
the picture's ``a:blip``, whose own ``r:embed`` names a PNG for every other reader (Word 2013 and
earlier, LibreOffice, pandoc): the way Word itself writes an inserted SVG. The "Please recycle"
mark is one path (``templates/assets/recycle.svg``, the one the PDF and HTML show); its PNG is
drawn from that same path at build time with Pillow (absolute ``M``, ``L``, ``A`` with equal
radii and no rotation, ``Z``: what the file uses), so the two can never drift apart. The bytes
are the same on every run (no clock, Pillow's PNG writer stores none).
"""

from __future__ import annotations

import io
import math
import re
from functools import lru_cache
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Pt
from lxml import etree

SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TOKEN = re.compile(r"[MLAZ]|-?\d*\.?\d+")
_STEPS = 48  # segments per arc in the PNG


def _arc(
    x0: float, y0: float, r: float, large: bool, sweep: bool, x1: float, y1: float
) -> list[tuple[float, float]]:
    """Points along a circular SVG arc (SVG 1.1 F.6.5, rx = ry, no rotation), end included."""
    dx, dy = (x0 - x1) / 2, (y0 - y1) / 2
    r = max(r, math.hypot(dx, dy))
    root = math.sqrt(max(0.0, (r * r - dx * dx - dy * dy) / (dx * dx + dy * dy)))
    if large == sweep:
        root = -root
    cx, cy = root * dy + (x0 + x1) / 2, -root * dx + (y0 + y1) / 2
    a0, a1 = math.atan2(y0 - cy, x0 - cx), math.atan2(y1 - cy, x1 - cx)
    delta = a1 - a0
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    return [(cx + r * math.cos(a0 + delta * k / _STEPS), cy + r * math.sin(a0 + delta * k / _STEPS))
            for k in range(1, _STEPS + 1)]  # fmt: skip


def polygons(path: str) -> list[list[tuple[float, float]]]:
    """The closed shapes of an SVG path made of absolute M, L, A and Z."""
    tokens = _TOKEN.findall(path)
    shapes: list[list[tuple[float, float]]] = []
    i = 0
    while i < len(tokens):
        cmd = tokens[i]
        if cmd == "M":
            shapes.append([(float(tokens[i + 1]), float(tokens[i + 2]))])
            i += 3
        elif cmd == "L":
            shapes[-1].append((float(tokens[i + 1]), float(tokens[i + 2])))
            i += 3
        elif cmd == "A":
            r, large, sweep = float(tokens[i + 1]), tokens[i + 4] == "1", tokens[i + 5] == "1"
            x0, y0 = shapes[-1][-1]
            shapes[-1] += _arc(x0, y0, r, large, sweep, float(tokens[i + 6]), float(tokens[i + 7]))
            i += 8
        elif cmd == "Z":
            i += 1
        else:
            raise ValueError(f"path command {cmd!r} is not drawn here")
    return shapes


@lru_cache(maxsize=4)
def png_of(svg_path: Path, size_px: int = 96) -> bytes:
    """The mark as a ``size_px`` square PNG, black on transparent (drawn 4x, then reduced)."""
    from PIL import Image, ImageDraw

    root = etree.fromstring(svg_path.read_bytes())
    _, _, width, _height = (float(v) for v in root.get("viewBox").split())
    big = size_px * 4
    image = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(image)
    scale = big / width
    for el in root.iter("{http://www.w3.org/2000/svg}path"):
        for shape in polygons(el.get("d")):
            draw.polygon([(x * scale, y * scale) for x, y in shape], fill=255)
    alpha = image.resize((size_px, size_px), Image.Resampling.LANCZOS)
    out = Image.new("LA", (size_px, size_px), 0)
    out.putalpha(alpha)
    buffer = io.BytesIO()
    out.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def add_svg_picture(run, svg_path: Path, height_pt: float) -> None:
    """``run`` gets the mark: its PNG as the picture, the SVG in Word's ``svgBlip`` extension."""
    run.add_picture(io.BytesIO(png_of(svg_path)), height=Pt(height_pt))
    part = run.part
    svg = Part(PackURI(part.package.next_partname("/word/media/image%d.svg")), "image/svg+xml",
               svg_path.read_bytes(), part.package)  # fmt: skip
    rid = part.relate_to(svg, RT.IMAGE)
    blip = run._r.xpath(".//a:blip")[-1]
    ext_list = etree.SubElement(blip, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{A}}}ext", uri=SVG_EXT)
    etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG}).set(f"{{{R}}}embed", rid)
