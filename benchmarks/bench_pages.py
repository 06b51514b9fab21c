"""Benchmark: what each format costs per page, and the memory of the longest document.

The real resolutions (benchmarks/corpus.py ``real_sources``) and longer variants of the
longest one are rendered in one warm process, each format alone; printed per document:
pages (of the PDF) and milliseconds per format; per format a least-squares line
``time = fixed + per_page × pages``. The plot is written to ``build/bench/cost-per-page.png``
(matplotlib, a bench-only dependency). Then the longest document is built cold by
``unres build`` in a fresh process per format, and its peak resident memory printed
(target < 250 MB).

    .venv/bin/python benchmarks/bench_pages.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpus import real_sources  # noqa: E402
from plots import fit, plot  # noqa: E402

FORMATS = ("pdf", "html", "docx")


def longer(base: dict, times: int) -> dict:
    doc = dict(base)
    doc["symbol"] = f"A/RES/{base['session']}/{9000 + times}"
    doc["operative"] = list(base["operative"]) * times
    return doc


def samples(tmp: Path) -> list[Path]:
    paths = real_sources()
    longest = max(paths, key=lambda p: len(yaml.safe_load(p.read_text(encoding="utf-8")).get("operative") or ()))
    base = yaml.safe_load(longest.read_text(encoding="utf-8"))
    for times in (2, 4, 8):
        path = tmp / f"long{times}.yaml"
        path.write_text(yaml.safe_dump(longer(base, times), allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def pdf_pages(data: bytes) -> int:
    import pikepdf

    return len(pikepdf.open(io.BytesIO(data)).pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = ap.parse_args()
    from pipeline import writers
    from pipeline.app.build import load_document

    with tempfile.TemporaryDirectory(prefix="unres-pages-") as name:
        tmp = Path(name)
        paths = samples(tmp)
        for fmt in FORMATS:  # warm: imports, fonts, stylesheets, templates
            writers.render(fmt, load_document(paths[0]))
        rows = []
        print(f"  {'document':<22} {'pages':>5} " + " ".join(f"{f + ' ms':>9}" for f in FORMATS), flush=True)
        for path in paths:
            doc = load_document(path)
            ms = {}
            for fmt in FORMATS:
                start = time.perf_counter()
                data = writers.render(fmt, doc)
                ms[fmt] = (time.perf_counter() - start) * 1000
                if fmt == "pdf":
                    pages = pdf_pages(data)
            rows.append((doc.masthead.symbol, pages, ms))
            print(f"  {doc.masthead.symbol:<22} {pages:>5} " + " ".join(f"{ms[f]:>9.0f}" for f in FORMATS), flush=True)
        print()
        xs = [r[1] for r in rows]
        for fmt in FORMATS:
            fixed, per_page = fit(xs, [r[2][fmt] for r in rows])
            print(f"  {fmt:<5} cost per page {per_page:7.1f} ms, fixed cost per document {fixed:7.1f} ms")
        plot(rows, args.out / "cost-per-page.png")

        longest = max(rows, key=lambda r: r[1])
        src = next(p for p in paths if load_document(p).masthead.symbol == longest[0])
        print(f"\n  peak memory building the longest document ({longest[0]}, {longest[1]} pages), cold:")
        worst = 0
        for fmt in FORMATS:
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            subprocess.run([sys.executable, "-m", "pipeline", "build", str(src), "-o", str(tmp / "out"),
                            "--format", fmt, "--force", "-j", "1"], check=True, capture_output=True)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            # ru_maxrss of children is the largest child so far: only a new maximum is exact.
            shown = f"{peak / 1024:.0f} MB" if peak > before else f"<= {before / 1024:.0f} MB"
            worst = max(worst, peak)
            print(f"    {fmt:<5} {shown}")
        ok = worst / 1024 < 250
        print(f"  worst {worst / 1024:.0f} MB, target < 250 MB: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
