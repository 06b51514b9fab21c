"""Benchmark: the ``-j 2`` pool's workers over a long run, recycled against long-lived.

Builds ``--docs`` generated documents (default 300; benchmarks/corpus.py) × 3 formats twice
in this one process, two workers each time, on the same jobs:

- **long-lived**: the pool as it was, ``ProcessPoolExecutor`` on fork, its two workers
  kept for the whole run (each worker writes its outputs);
- **recycled**: ``pipeline/app/pool.py`` as ``unres build -j 2`` runs it: a worker retires
  after ``TASKS_PER_WORKER`` documents or past ``WORKER_RSS_MB`` resident, a fresh fork
  of this process replaces it (this process writes the outputs).

After each document a worker appends its pid, its peak (``ru_maxrss``) and its resident
memory now (``/proc/self/statm``) to a log. Printed per pool: each worker's documents and
peak, the resident memory of a long-lived worker along the run, the largest peak against
issue 17's 250 MB, documents per second (wall) and CPU seconds (this process and its
reaped workers: every worker is reaped before the figure is read), and the load. On a
shared machine compare the CPU times; the wall times measure the other work too.

    .venv/bin/python benchmarks/bench_pool.py [--docs 300] [--tasks N] [--rss-mb MB]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import generate  # noqa: E402

from pipeline.app import batch, pool  # noqa: E402
from pipeline.app.batch import Manifest, Options  # noqa: E402

FORMATS = ("pdf", "html", "docx")
TARGET_MB = 250
LOG = Path(tempfile.gettempdir()) / f"unres-bench-pool-{os.getpid()}.log"


def note() -> None:
    """In a worker, after a document: ``pid peak-kB now-kB``."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(LOG, "a") as fh:
        fh.write(f"{os.getpid()} {peak} {pool.rss_kb()}\n")


def old_task(job: batch.Job, opts: Options) -> batch.Result:
    res = batch.build_job(job, opts)
    note()
    return res


def long_lived(jobs: list[batch.Job], opts: Options) -> int:
    """The pool as it was before pipeline/app/pool.py (fork, workers kept to the end)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    batch._preload(FORMATS)
    failed = 0
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as ex:
        for fut in as_completed([ex.submit(old_task, job, opts) for job in jobs]):
            failed += bool(fut.result().status)
    return failed


def recycled(jobs: list[batch.Job], opts: Options) -> int:
    """``unres build -j 2``'s pool (the worker's render is wrapped to log its memory)."""
    render = batch.render_job

    def logged(job: batch.Job, opts: Options, split: bool = False):
        done = render(job, opts, split)
        note()
        return done

    batch.render_job = logged  # type: ignore[assignment]
    try:
        return sum(bool(r.status) for r in batch.execute(jobs, opts, 2))
    finally:
        batch.render_job = render  # type: ignore[assignment]


def usage() -> float:
    both = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in both)


def measure(label: str, run: Callable[[list[batch.Job], Options], int], folder: Path, out: Path) -> dict:
    sources = sorted(folder.glob("*.yaml"))
    opts = Options(out, FORMATS)
    jobs, _, _ = batch.plan(sources, opts, Manifest(out), force=True)
    LOG.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    cpu, start = usage(), time.perf_counter()
    failed = run(jobs, opts)
    took, cpu = time.perf_counter() - start, usage() - cpu
    rows = [tuple(map(int, line.split())) for line in LOG.read_text().splitlines()]
    LOG.unlink()
    workers: dict[int, list[tuple[int, int]]] = {}
    for pid, peak, now in rows:
        workers.setdefault(pid, []).append((peak, now))
    top = max(peak for pid, peak, _ in rows) / 1024
    print(f"\n{label}: {len(jobs)} documents, {failed} failed, {len(workers)} worker processes "
          f"(load {load:.1f} -> {os.getloadavg()[0]:.1f})")
    print(f"  {took:7.1f} s wall, {len(jobs) / took:5.2f} docs/s; CPU {cpu:7.1f} s = {cpu / len(jobs):.3f} s/doc")
    for pid, seen in workers.items():
        curve = " ".join(f"{seen[i][1] // 1024}" for i in range(0, len(seen), max(1, len(seen) // 8)))
        print(f"  worker {pid}: {len(seen):4d} documents, peak {seen[-1][0] / 1024:5.0f} MB; "
              f"resident along its run (MB): {curve} .. {seen[-1][1] // 1024}")
    print(f"  largest worker peak: {top:.0f} MB (target < {TARGET_MB}: {'ok' if top < TARGET_MB else 'MISSED'})")
    return {"wall": took, "cpu": cpu, "docs": len(jobs), "peak": top}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--tasks", type=int, help="the recycled pool's TASKS_PER_WORKER")
    ap.add_argument("--rss-mb", type=int, help="the recycled pool's WORKER_RSS_MB")
    ap.add_argument("--only", default="long-lived,recycled")
    args = ap.parse_args()
    if args.tasks:
        pool.TASKS_PER_WORKER = args.tasks
    if args.rss_mb:
        pool.WORKER_RSS_MB = args.rss_mb
    print(f"parent resident before forking: {pool.rss_kb() // 1024} MB; recycled pool: "
          f"{pool.TASKS_PER_WORKER} documents or {pool.WORKER_RSS_MB} MB resident per worker")
    with tempfile.TemporaryDirectory(prefix="unres-bench-pool-") as name:
        tmp = Path(name)
        generate(tmp / "src", args.docs)
        figures = {}
        for label in args.only.split(","):
            run = long_lived if label == "long-lived" else recycled
            figures[label] = measure(label, run, tmp / "src", tmp / label)
    if len(figures) == 2:
        old, new = figures["long-lived"], figures["recycled"]
        print(f"\nrecycled / long-lived: CPU {new['cpu'] / old['cpu']:.3f}, wall {new['wall'] / old['wall']:.3f}, "
              f"largest peak {new['peak']:.0f} / {old['peak']:.0f} MB")
    return 0 if all(f["peak"] < TARGET_MB for label, f in figures.items() if label == "recycled") else 1


if __name__ == "__main__":
    raise SystemExit(main())
