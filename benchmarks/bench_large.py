"""Benchmark: a 10 000-paragraph source against the seed, time and peak memory, in one run.

Each format is built cold by ``unres build`` in a fresh process, for the seed (the
baseline) and for a valid source with N operative paragraphs (the same generator as the
bad-source corpus, ``tests/bad/generate.py``). Printed per format: wall time and peak
resident memory of the build process, and their ratios to the seed's:

    .venv/bin/python benchmarks/bench_large.py [--paragraphs N] [--format pdf,html,docx]

Not run by the tests (timing is never asserted); ``make bench`` runs it after ``run.py``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bad.generate import paragraphs  # noqa: E402

SEED = ROOT / "source" / "A_RES_52_102.yaml"


def measure(source: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one cold ``unres build`` process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "pipeline", "build", str(source), "-o", str(out), "--format", fmt, "--force"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"build failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=10_000)
    ap.add_argument("--format", default="html,docx,pdf")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large.yaml"
        large.write_text(paragraphs(args.paragraphs), encoding="utf-8")
        size = large.stat().st_size / 1024
        print(f"bench_large: {args.paragraphs} operative paragraphs ({size:.0f} KB) vs the seed")
        head = ("format", "seed s", "large s", "ratio", "ms/para", "seed MB", "large MB", "ratio")
        print("  " + " ".join(f"{h:>9}" for h in head))
        for fmt in args.format.split(","):
            seed_t, seed_m = measure(SEED, fmt, Path(tmp) / "seed")
            big_t, big_m = measure(large, fmt, Path(tmp) / "large")
            row = (
                seed_t,
                big_t,
                big_t / seed_t,
                1000 * big_t / args.paragraphs,
                seed_m,
                big_m,
                big_m / seed_m,
            )
            print(f"  {fmt:>9} " + " ".join(f"{v:9.2f}" for v in row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
