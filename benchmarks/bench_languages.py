"""Benchmark: building the Chinese and the Arabic version of a resolution against the English
version of the same resolution, in one run (target: ≤ 1.5 ×).

The same resolution in several languages: the Universal Declaration of Human Rights (217 A
(III), all six languages, ../shared/corpus/multilingual/) and 2758 (XXVI) (English and Chinese;
no Arabic text was found). Each text is imported with ``unres import`` (not timed); then each
source is loaded and rendered to PDF, HTML and DOCX, the languages alternating, ``--repeat``
times; printed: the median seconds per format and for all three, and the ratio to English.

    .venv/bin/python benchmarks/bench_languages.py [--repeat 5]

Not run by the tests (timing is never asserted); ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import writers  # noqa: E402
from pipeline.app.build import load_document  # noqa: E402
from pipeline.importer.convert import convert, read_input  # noqa: E402

MULTI = ROOT.parent / "shared" / "corpus" / "multilingual"
CASES = {"217 A (III)": ("A_RES_III_217A", ("en", "zh", "ar", "fr", "es", "ru")),
         "2758 (XXVI)": ("A_RES_XXVI_2758", ("en", "zh"))}
FORMATS = ("pdf", "html", "docx")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not MULTI.is_dir():
        print(f"no {MULTI}: the multilingual texts are needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name, (stem, langs) in CASES.items():
            sources = {}
            for lang in langs:
                text = MULTI / f"{stem}.{lang}.txt"
                target = Path(tmp) / f"{stem}.{lang}.yaml"
                target.write_text(convert(read_input(str(text)), str(text)).yaml, encoding="utf-8")
                sources[lang] = target
            times: dict[str, dict[str, list[float]]] = {lang: {f: [] for f in FORMATS} for lang in langs}
            for lang in langs:  # warm fonts and stylesheets for every script alike
                writers.render("pdf", load_document(sources[lang]))
            for _ in range(args.repeat):
                for lang in langs:
                    for fmt in FORMATS:
                        start = time.perf_counter()
                        writers.render(fmt, load_document(sources[lang]))
                        times[lang][fmt].append(time.perf_counter() - start)
            med = {lang: {f: statistics.median(t) for f, t in times[lang].items()} for lang in langs}
            print(f"\n{name}: median of {args.repeat}, seconds (ratio to English)")
            print(f"{'lang':5}" + "".join(f"{f:>16}" for f in (*FORMATS, "all three")))
            for lang in langs:
                row = [med[lang][f] for f in FORMATS]
                base = [med["en"][f] for f in FORMATS]
                cells = [f"{v:7.3f} ({v / b:4.2f}×)" for v, b in zip(row, base, strict=True)]
                cells.append(f"{sum(row):7.3f} ({sum(row) / sum(base):4.2f}×)")
                print(f"{lang:5}" + "".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
