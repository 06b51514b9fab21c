"""Benchmark: the cost of tagging (PDF/UA-1) against the untagged PDF, in one run.

For the seed (1998 style), A/RES/73/8 (modern) and a generated source with N operative
paragraphs, the PDF writer renders the same document untagged (the baseline) and tagged
(the default), alternating, ``--repeat`` times each; printed: median wall time of the whole
PDF render (layout + write), bytes, and the ratios tagged/untagged.

    .venv/bin/python benchmarks/bench_tagged.py [--repeat 5] [--paragraphs 300]

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
sys.path.insert(0, str(ROOT / "tests"))

from bad.generate import paragraphs  # noqa: E402

from pipeline.app.build import load_document  # noqa: E402
from pipeline.writers import pdf  # noqa: E402


def measure(doc, repeat):
    """Median seconds and bytes, untagged then tagged, the two runs alternating."""
    times: dict = {None: [], pdf.DEFAULT_VARIANT: []}
    sizes = {}
    for _ in range(repeat):
        for variant in times:
            start = time.perf_counter()
            data = pdf.render(doc, variant=variant)
            times[variant].append(time.perf_counter() - start)
            sizes[variant] = len(data)
    return [(statistics.median(times[v]), sizes[v]) for v in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--paragraphs", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "large.yaml"
        big.write_text(paragraphs(args.paragraphs), encoding="utf-8")
        cases = [
            ("A/RES/52/102 (1998)", load_document(ROOT / "source" / "A_RES_52_102.yaml", style="1998")),
            ("A/RES/73/8 (modern)", load_document(ROOT / "source" / "A_RES_73_8.yaml", style="modern")),
            (f"{args.paragraphs} paragraphs (1998)", load_document(big, style="1998")),
        ]
        for _name, doc in cases:  # warm caches (fonts, stylesheets, images) for both alike
            pdf.render(doc, variant=None)
        print(f"{'document':28} {'untagged s':>10} {'tagged s':>9} {'time ×':>7} {'untagged B':>11} {'tagged B':>9} {'size ×':>7}")
        for name, doc in cases:
            (base_t, base_b), (tag_t, tag_b) = measure(doc, args.repeat)
            print(f"{name:28} {base_t:10.3f} {tag_t:9.3f} {tag_t / base_t:7.3f} {base_b:11d} {tag_b:9d} {tag_b / base_b:7.3f}")


if __name__ == "__main__":
    main()
