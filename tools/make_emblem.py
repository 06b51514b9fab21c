#!/usr/bin/env python3
"""Draw the United Nations emblem as a small SVG from public-domain map data.

    tools/make_emblem.py [SHAPEFILE] [-o templates/assets/un-emblem.svg]

writes the SVG and, next to it, a 357 x 300 px greyscale PNG rendering for the DOCX. Run it with
a Python that has pyshp and the project's WeasyPrint, e.g.
`PYTHONPATH=/tmp/ne .venv/bin/python tools/make_emblem.py /tmp/ne/.../naturalearth_lowres.shp`.

The emblem (resolution 92 (I) of 7 December 1946): a map of the world in an azimuthal
equidistant projection centred on the North Pole, inscribed in a wreath of crossed olive
branches; the map shows the land down to 60 degrees south, with concentric circles (the
parallels) and eight meridians. Only the Organization may use it, on its official documents.

Map data: Natural Earth 1:110m countries (public domain, https://www.naturalearthdata.com/about/
terms-of-use/) as shipped in the `naturalearth_lowres` data set of geopandas <= 0.14 (BSD-3;
`pip install --no-deps geopandas==0.14.4 pyshp`). The shapefile is read with pyshp (MIT). The
coastlines are projected, simplified (Douglas-Peucker, 0.6 units of a 200-unit drawing), merged
into one path, and coordinates rounded to 0.1, so the SVG stays a few tens of kilobytes.
Run it again only to change the drawing; the SVG is committed.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "assets" / "un-emblem.svg"

# Drawing units: 238 x 200, the proportions of the emblem on the issued A/RES/73/8 (56.1 x 47 pt);
# the map disc is centred at (119, 96), the wreath wider than high around it.
WIDTH, HEIGHT = 238.0, 200.0
CX, CY = 119.0, 96.0
R_MAP = 72.0  # radius of the disc at 60 degrees south
LAT_MIN = -60.0
TOLERANCE = 0.6
MIN_AREA = 1.5  # drop islands smaller than this (square units)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Azimuthal equidistant, North Pole at the centre, Greenwich meridian pointing down."""
    r = (90.0 - max(lat, LAT_MIN)) / (90.0 - LAT_MIN) * R_MAP
    a = math.radians(lon)
    return CX + r * math.sin(a), CY + r * math.cos(a)


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = pts[i], pts[j]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-9
        best, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm > 1e-9 else math.hypot(x - x1, y - y1)
            if d > best:
                best, at = d, k
        if at > 0 and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep) if k]


def area(pts: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2


def fmt(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def land_path(shapefile: Path) -> str:
    import shapefile as pyshp  # pyshp

    d: list[str] = []
    with pyshp.Reader(str(shapefile)) as rd:
        for shape in rd.shapes():
            parts = list(shape.parts) + [len(shape.points)]
            for a, b in zip(parts, parts[1:]):
                ring = shape.points[a:b]
                if all(lat < LAT_MIN for _, lat in ring):  # Antarctica
                    continue
                pts = simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
                if len(pts) < 4 or area(pts) < MIN_AREA:
                    continue
                d.append("M" + " ".join(f"{fmt(x)} {fmt(y)}" for x, y in pts[:-1]) + "Z")
    return "".join(d)


def wreath() -> str:
    """Two olive branches: a stem on each side rising from below the disc, crossed at the
    foot, with pairs of leaves along it, smaller towards the tip."""
    out: list[str] = []
    rx, ry = R_MAP + 30, R_MAP + 10
    for side in (-1, 1):
        def at(theta: float, side: int = side) -> tuple[float, float]:  # degrees from the bottom, up
            t = math.radians(theta)
            return CX + side * rx * math.sin(t), CY + ry * math.cos(t)

        stem = [at(th) for th in range(-14, 152, 4)]
        out.append(
            '<path d="M' + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in stem)
            + '" fill="none" stroke="#000" stroke-width="1.5"/>'
        )
        leaves: list[str] = []
        for th in range(6, 150, 11):
            x, y = at(th)
            t = math.radians(th)
            tang = math.degrees(math.atan2(-ry * math.sin(t), side * rx * math.cos(t)))
            size = 9.0 - 3.5 * th / 150
            for lean in (-40, 40):
                rot = tang + lean
                lx = x + math.cos(math.radians(rot)) * size * 0.5
                ly = y + math.sin(math.radians(rot)) * size * 0.5
                leaves.append(
                    f'<ellipse cx="{fmt(lx)}" cy="{fmt(ly)}" rx="{fmt(size / 2)}" ry="{fmt(size / 4.2)}" '
                    f'transform="rotate({fmt(rot)} {fmt(lx)} {fmt(ly)})"/>'
                )
        out.append("<g>" + "".join(leaves) + "</g>")
    return "".join(out)


def grid() -> str:
    rings = "".join(
        f'<circle cx="{fmt(CX)}" cy="{fmt(CY)}" r="{fmt(R_MAP * k / 5)}"/>' for k in range(1, 6)
    )
    meridians = []
    for k in range(8):
        a = math.radians(k * 45)
        x, y = CX + R_MAP * math.sin(a), CY + R_MAP * math.cos(a)
        meridians.append(f"M{fmt(CX)} {fmt(CY)}L{fmt(x)} {fmt(y)}")
    return (
        f'<g fill="none" stroke="#000" stroke-width="0.7">{rings}'
        f'<path d="{"".join(meridians)}"/></g>'
    )


def svg(shapefile: Path) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(WIDTH)} {fmt(HEIGHT)}" '
        f'width="{fmt(WIDTH)}" height="{fmt(HEIGHT)}" role="img" aria-label="United Nations emblem">'
        "<title>United Nations emblem</title>"
        "<!-- Drawn by tools/make_emblem.py from Natural Earth 1:110m (public domain). Use reserved "
        "to the official documents of the United Nations (General Assembly resolution 92 (I)). -->"
        f"{grid()}"
        f'<path d="{land_path(shapefile)}" fill="#000" stroke="none"/>'
        f"{wreath()}"
        "</svg>\n"
    )


def default_shapefile() -> Path | None:
    with contextlib.suppress(Exception):
        import geopandas  # noqa: F401  (only to find its data folder)
    for p in sys.path:
        f = Path(p) / "geopandas" / "datasets" / "naturalearth_lowres" / "naturalearth_lowres.shp"
        if f.exists():
            return f
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shapefile", nargs="?", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    shp = args.shapefile or default_shapefile()
    if shp is None or not shp.exists():
        hint = "pip install --no-deps geopandas==0.14.4 pyshp"
        print(f"make_emblem: no Natural Earth shapefile ({hint})", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg(shp), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")
    png = args.output.with_suffix(".png")
    write_png(args.output, png)
    print(f"wrote {png} ({png.stat().st_size} bytes)")
    return 0


def write_png(svg_path: Path, png: Path) -> None:
    """The PNG rendering Word needs (python-docx places bitmaps only): WeasyPrint draws the
    SVG on a page of its own size, pdftoppm rasterises it (run with the project's venv)."""
    import subprocess
    import tempfile

    from weasyprint import HTML

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "e.pdf"
        HTML(string=(
            "<style>@page{size:2.38in 2in;margin:0}body{margin:0}"
            "img{width:2.38in;height:2in;display:block}</style>"
            f'<img src="{svg_path.resolve().as_uri()}">'
        )).write_pdf(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-singlefile", "-r", "150", "-gray", str(pdf), str(Path(tmp) / "e")],
            check=True,
        )
        png.write_bytes((Path(tmp) / "e.png").read_bytes())


if __name__ == "__main__":
    sys.exit(main())
