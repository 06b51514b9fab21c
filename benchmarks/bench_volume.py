"""Benchmark: the volume of a whole session, time and peak memory for growing sessions.

Generates resolutions of the 80th session from the real ones in ``tests/volume/80`` (each
with its own number, words varied, paragraphs repeated: benchmarks/corpus.py ``variant``),
spread over the plenary and the six Main Committees, then runs ``unres volume`` on the
first 30, 100 and 300 of them, in a fresh process per format, and prints for each its wall
and CPU time, the pages of the PDF and the peak resident memory: ``os.wait4``'s
``ru_maxrss``, the largest of that process's own peak and the peaks of the children it
reaped (the PDF's parts are laid out by short-lived children), so no process of the run was
larger. The volume is made a resolution at a time, so the peak should stay flat as the
session grows: the last lines give the ratio peak(300) / peak(30) per format (the
whole-volume layout and the join that kept every part open grew linearly).

Then the longest document of the corpus (the real source with the most text,
benchmarks/corpus.py ``real_sources``) is built alone by one worker (``unres build -j 1``),
each format in a process of its own, and its peak is printed against issue 17's 250 MB.

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

from corpus import SESSION_80, real_sources, variant  # noqa: E402

COMMITTEES = (None, 1, 2, 3, 4, 5, 6)
TARGET_MB = 250  # issue 17: a worker building the longest document of the corpus


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
    return run([sys.executable, "-m", "pipeline", "volume", str(src), "--session", "80", "-o", str(out),
                "--format", fmt])


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with the reaped children's) and the peak RSS in kB of the
    largest process of the run (``os.wait4``: the process's own or a reaped child's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd[2:4])} failed: {err.decode()[-2000:]}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def longest(out: Path) -> None:
    """The longest real source built alone, one format per ``unres build -j 1`` process."""
    source = max(real_sources(), key=lambda p: len(p.read_bytes()))
    print(f"  the longest document of the corpus built alone by one worker: {source.name} "
          f"({len(source.read_bytes()) // 1024} KB of YAML)")
    for fmt in ("pdf", "html", "docx"):
        took, cpu, peak = run([sys.executable, "-m", "pipeline", "build", str(source), "-j", "1", "--force",
                               "-o", str(out), "--format", fmt])
        verdict = "under" if peak / 1024 < TARGET_MB else "OVER"
        print(f"  {fmt:<6} {took:8.1f} s {cpu:8.1f} s CPU {peak / 1024:7.0f} MB peak RSS "
              f"({verdict} the {TARGET_MB} MB target)", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--counts", default="30,100,300")
    ap.add_argument("--format", default="pdf,html,docx")
    ap.add_argument("--no-longest", action="store_true", help="skip the longest document's build")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep each volume there (DIR/<count>/A_80_49.*)")
    args = ap.parse_args()
    print(f"bench_volume: load average at the start {os.getloadavg()[0]:.1f} (a shared machine: "
          "wall times drift with it, the peaks do not)")
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
                if args.keep:
                    (args.keep / str(count)).mkdir(parents=True, exist_ok=True)
                    os.replace(path, args.keep / str(count) / path.name)
        if not args.no_longest:
            longest(tmp / "longest")
    for fmt, values in peaks.items():
        print(f"  {fmt}: peak at {counts[-1]} / peak at {counts[0]} resolutions = {values[-1] / values[0]:.2f} "
              f"(flat: about 1; the resolutions grew {counts[-1] / counts[0]:.0f} ×)")
    print(f"bench_volume: load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
