"""Benchmark: the volume of a whole session, time and peak memory for growing sessions.

Generates resolutions of the 80th session from the real ones in ``tests/volume/80`` (each
with its own number, words varied, paragraphs repeated: benchmarks/corpus.py ``variant``),
spread over the plenary and the six Main Committees, then runs ``unres volume`` on the
first 30, 100 and 300 of them, in a fresh process per format, and prints for each its wall
and CPU time, the pages of the PDF and the peak resident memory of that process (its own
``ru_maxrss`` from ``os.wait4``). The volume is made a resolution at a time, so the peak
should stay flat as the session grows: the last line gives the ratio peak(300) / peak(30)
per format (the whole-volume layout it replaced grew linearly).

    .venv/bin/python benchmarks/bench_volume.py [--counts 30,100,300] [--format pdf,html,docx]
"""

from __future__ import annotations

import argparse
import io
import os
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


def volume(src: Path, out: Path, fmt: str) -> tuple[float, float, int]:
    """One ``unres volume`` process: wall seconds, CPU seconds, peak RSS in kB."""
    cmd = [sys.executable, "-m", "pipeline", "volume", str(src), "--session", "80", "-o", str(out),
           "--format", fmt]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"unres volume failed: {err.decode()[-2000:]}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--counts", default="30,100,300")
    ap.add_argument("--format", default="pdf,html,docx")
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    peaks: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="unres-volume-") as name:
        tmp = Path(name)
        generate(tmp / "all", max(counts))
        print(f"  {'format':<6} {'resolutions':>11} {'wall s':>8} {'CPU s':>8} {'MB out':>7} {'pages':>6} "
              f"{'peak RSS':>9}")
        for count in counts:
            src = tmp / f"src{count}"
            src.mkdir()
            for i in range(count):
                os.link(tmp / "all" / f"res{i + 1:03d}.yaml", src / f"res{i + 1:03d}.yaml")
            for fmt in args.format.split(","):
                took, cpu, peak = volume(src, tmp / "out", fmt)
                path = tmp / "out" / f"A_80_49.{fmt}"
                pages = ""
                if fmt == "pdf":
                    import pikepdf

                    pages = str(len(pikepdf.open(io.BytesIO(path.read_bytes())).pages))
                peaks.setdefault(fmt, []).append(peak)
                print(f"  {fmt:<6} {count:>11} {took:8.1f} {cpu:8.1f} {path.stat().st_size / 1e6:7.1f} "
                      f"{pages:>6} {peak / 1024:7.0f} MB", flush=True)
    for fmt, values in peaks.items():
        print(f"  {fmt}: peak at {counts[-1]} / peak at {counts[0]} resolutions = {values[-1] / values[0]:.2f} "
              f"(flat: about 1; the resolutions grew {counts[-1] / counts[0]:.0f} ×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
