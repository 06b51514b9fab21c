"""Two PDFs the same to a reader? Pages (count, size, rendering), text, links, named
destinations, outline (bookmarks), page labels, and ``qpdf --check`` of each.

    .venv/bin/python tools/compare_pdf.py BEFORE.pdf AFTER.pdf [--dpi 40]

Made to check that a change to how the session volume is laid out or joined
(pipeline/writers/pdf/volume.py) leaves what a reader sees as it was: the bytes may differ
(font subsets, object numbers), so the pages are compared as pdftoppm renders them (every
pixel), as ``pdftotext -layout`` reads them, and by their links' rectangles and targets.
Exit 1 and the first differences when they differ.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tempfile
from pathlib import Path

import pikepdf


def _dest(pdf: pikepdf.Pdf, pages: dict, dest: object) -> tuple:
    if isinstance(dest, (pikepdf.String, str)):
        dest = pikepdf.NameTree(pdf.Root.Names.Dests)[str(dest)]
    if isinstance(dest, pikepdf.Dictionary):
        dest = dest.D
    items = list(dest)  # type: ignore[call-overload]
    return (pages[items[0].objgen], *(str(v) for v in items[1:]))


def facts(path: Path) -> dict[str, object]:
    """What a reader meets in the PDF at ``path``, apart from the rendered pages."""
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        names = {}
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            names = {k: _dest(pdf, pages, v) for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        outline = []
        with pdf.open_outline() as tree:
            stack = [(0, item) for item in reversed(tree.root)]
            while stack:
                level, item = stack.pop()
                outline.append((level, item.title, _dest(pdf, pages, item.destination), item.is_closed))
                stack.extend((level + 1, c) for c in reversed(item.children))
        links = []
        for i, page in enumerate(pdf.pages):
            for annot in page.get("/Annots", []):
                action = annot.get("/A") or {}
                target = annot.get("/Dest") or action.get("/URI") or action.get("/D")
                links.append((i, [round(float(v), 2) for v in annot.Rect], str(target)))
        return {
            "pages": [tuple(round(float(v), 2) for v in p.mediabox) for p in pdf.pages],
            "labels": repr(pdf.Root.get("/PageLabels")),
            "lang": str(pdf.Root.get("/Lang")),
            "info": {k: str(v) for k, v in pdf.trailer.get("/Info", {}).items()
                     if k not in ("/CreationDate", "/ModDate")},
            "destinations": names,
            "outline": outline,
            "links": links,
        }


def texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True)
    return out.stdout.split("\f")


def renders(path: Path, dpi: int, tmp: Path) -> list[str]:
    """Each page rendered in grey (pdftoppm), as a hash of its pixels."""
    prefix = tmp / path.stem
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(path), str(prefix)], check=True)
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(tmp.glob(f"{path.stem}-*.pgm"))]


def qpdf_check(path: Path) -> str:
    r = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    clean = r.returncode == 0 and "No syntax or stream encoding errors" in r.stdout
    return "" if clean else r.stdout + r.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--dpi", type=int, default=40)
    args = ap.parse_args()
    problems: list[str] = []
    for path in (args.before, args.after):
        if fault := qpdf_check(path):
            problems.append(f"qpdf --check {path}: {fault[:500]}")
    a, b = facts(args.before), facts(args.after)
    for key in a:
        if a[key] != b[key]:
            if isinstance(a[key], dict):
                ka, kb = a[key], b[key]  # type: ignore[assignment]
                diff = sorted(k for k in set(ka) | set(kb) if ka.get(k) != kb.get(k))
                some = [(k, ka.get(k), kb.get(k)) for k in diff[:3]]
                problems.append(f"{key}: {len(diff)} differ, e.g. {some}")
            else:
                la, lb = list(a[key]), list(b[key])  # type: ignore[call-overload]
                first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
                problems.append(f"{key}: {len(la)} / {len(lb)}, first difference at {first}: "
                                f"{la[first:first + 1]} / {lb[first:first + 1]}")
    ta, tb = texts(args.before), texts(args.after)
    if ta != tb:
        diff = [i for i in range(max(len(ta), len(tb))) if ta[i:i + 1] != tb[i:i + 1]]
        problems.append(f"pdftotext -layout: pages {diff[:10]} differ")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "a").mkdir(), (tmp / "b").mkdir()
        ra, rb = renders(args.before, args.dpi, tmp / "a"), renders(args.after, args.dpi, tmp / "b")
    if ra != rb:
        diff = [i + 1 for i in range(max(len(ra), len(rb))) if ra[i:i + 1] != rb[i:i + 1]]
        problems.append(f"rendered at {args.dpi} dpi: pages {diff[:10]} differ ({len(diff)} in all)")
    for p in problems:
        print(p)
    counts = ", ".join(f"{len(a[k])} {k}" for k in ("pages", "destinations", "outline", "links"))  # type: ignore[arg-type]
    print(f"{args.before} / {args.after}: {counts}: " + ("DIFFERENT" if problems else "the same"))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
