"""Benchmark: the volume of a whole session, time and peak memory.

Generates ``--count`` resolutions of the 80th session from the real ones in
``tests/volume/80`` (each with its own number, words varied, paragraphs repeated:
benchmarks/corpus.py ``variant``), spread over the plenary and the six Main Committees,
then runs ``unres volume`` on them in a fresh process per format and prints its time,
the pages of the PDF and the peak resident memory of the process.

    .venv/bin/python benchmarks/bench_volume.py [--count 300] [--format pdf,html,docx]
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
sys.path.insert(0, str(HERE))

from corpus import SESSION_80, variant  # noqa: E402

COMMITTEES = (None, 1, 2, 3, 4, 5, 6)


def generate(folder: Path, count: int) -> None:
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(SESSION_80.glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        doc = variant(bases[i % len(bases)], i)
        doc["symbol"] = f"A/RES/80/{i + 1}"
        committee = COMMITTEES[i % len(COMMITTEES)]
        doc.pop("committee", None)
        if committee:
            doc["committee"] = committee
            doc["report"] = f"A/80/{400 + committee}"
        doc.setdefault("report", "A/80/L.1")
        (folder / f"res{i + 1:03d}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--format", default="pdf,html,docx")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unres-volume-") as name:
        tmp = Path(name)
        generate(tmp / "src", args.count)
        print(f"  volume of {args.count} resolutions:")
        for fmt in args.format.split(","):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pipeline", "volume", str(tmp / "src"), "--session", "80",
                            "-o", str(tmp / "out"), "--format", fmt], check=True, capture_output=True)
            took = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            size = (tmp / "out" / f"A_80_49.{fmt}").stat().st_size
            extra = ""
            if fmt == "pdf":
                import pikepdf

                extra = f", {len(pikepdf.open(io.BytesIO((tmp / 'out' / 'A_80_49.pdf').read_bytes())).pages)} pages"
            mem = f"{peak / 1024:.0f} MB" if peak > before else f"<= {before / 1024:.0f} MB"
            print(f"    {fmt:<5} {took:7.1f} s, {size / 1e6:.1f} MB{extra}, peak memory {mem}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
