"""Benchmark: ``unres diff`` against a single build of the same document, in one run.

The redline of 52/102 against an edited copy (two words changed, one paragraph inserted,
one moved, a note edited) is timed next to a plain build of 52/102, both in memory and in
the same process, so the printed ratios compare like with like on any machine:

    .venv/bin/python benchmarks/bench_diff.py [--repeat N] [--format pdf,html,docx]

Not run by the tests (timing is never asserted).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import writers
from pipeline.source import loader as source
from pipeline.transforms import resolve as transform
from pipeline.transforms.diff import diff

SEED = ROOT / "source" / "A_RES_52_102.yaml"


def edited(text: str) -> str:
    """The seed with a drafter's edits."""
    data = yaml.safe_load(text)
    new = copy.deepcopy(data)
    ops = new["operative"]
    ops[7] = ops[7].replace("intensify bilateral", "strengthen regional")
    ops.insert(
        3, "Encourages States to share information on good practices in the reception of displaced persons;"
    )
    ops.insert(1, ops.pop(13))
    new["footnotes"]["programme"] += " See also A/52/309."
    return yaml.safe_dump(new, allow_unicode=True, sort_keys=False)


def best(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times) if repeat < 3 else statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--format", default=",".join(writers.FORMATS))
    args = ap.parse_args()
    formats = tuple(f for f in args.format.split(",") if f)
    old_text = SEED.read_text(encoding="utf-8")
    new_text = edited(old_text)

    def build_one() -> None:
        doc = transform.build(source.load(SEED, old_text))
        for fmt in formats:
            writers.render(fmt, doc)

    def diff_model() -> object:
        old = transform.build(source.load("old.yaml", old_text))
        new = transform.build(source.load("new.yaml", new_text))
        return diff(old, new)

    def diff_all() -> None:
        red = diff_model()
        for fmt in formats:
            writers.render(fmt, red)  # type: ignore[arg-type]

    build_one(), diff_all()  # warm up: imports, fonts, templates
    base = best(build_one, args.repeat)
    model = best(diff_model, args.repeat)
    full = best(diff_all, args.repeat)
    print(f"formats: {', '.join(formats)}; {args.repeat} runs each")
    print(f"build of 52/102            {base * 1000:8.1f} ms   1.00x")
    print(f"diff, model only (2 loads) {model * 1000:8.1f} ms   {model / base:.2f}x")
    print(f"diff, rendered             {full * 1000:8.1f} ms   {full / base:.2f}x")


if __name__ == "__main__":
    main()
