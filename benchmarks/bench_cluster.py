"""Benchmark: ``--cluster local`` (a Dask LocalCluster of two workers) against the ``-j 2`` pool.

Builds ``--docs`` generated documents (default 100; benchmarks/corpus.py) × 3 formats in
this one process, on the same jobs: first with the local pool (``batch.execute``, two
workers), then on a LocalCluster of two workers made as ``unres build --cluster local`` makes
it (``cluster.connect``). Printed for each: wall time, documents per second and CPU
seconds (this process and every child it reaped, so the cluster's nannies, workers and the
scheduler, which runs in this process, are all counted), the load; then the ratio
LocalCluster / ``-j 2`` in CPU time and in wall time (issue 17: ≤ 1.10). On a shared
machine compare the CPU times: the wall times measure the other work too.

Where the cluster's CPU goes is printed too, sampled just before it is closed: each
process of the cluster (nanny, worker) and each of its threads (psutil), and the time the
workers spent inside the tasks themselves (the render, timed in the task).

    .venv/bin/python benchmarks/bench_cluster.py [--docs 100] [--only pool,cluster]

Run it with ``PYTHONPATH`` set to another checkout to measure that one (before / after).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(HERE.parent))

from corpus import generate  # noqa: E402

from pipeline.app import batch, cluster  # noqa: E402
from pipeline.app.batch import Manifest, Options  # noqa: E402

FORMATS = ("pdf", "html", "docx")


def usage() -> float:
    both = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in both)


def jobs_for(folder: Path, out: Path) -> tuple[list[batch.Job], Options]:
    opts = Options(out, FORMATS)
    jobs, _, _ = batch.plan(sorted(folder.glob("*.yaml")), opts, Manifest(out), force=True)
    return jobs, opts


def where_it_goes(client) -> None:
    """CPU of each process of the cluster and of its threads, read before it closes."""
    import psutil

    me = psutil.Process()
    print(f"  this process (client and scheduler): CPU {sum(me.cpu_times()[:2]):.1f} s so far, threads:",
          " ".join(f"{t.user_time + t.system_time:.1f}" for t in sorted(me.threads(), key=lambda t: -t.user_time)
                   if t.user_time + t.system_time > 0.05))
    for proc in me.children(recursive=True):
        try:
            name = " ".join(proc.cmdline())[-60:]
            threads = sorted(proc.threads(), key=lambda t: -(t.user_time + t.system_time))
            total = sum(proc.cpu_times()[:2])
        except psutil.Error:
            continue
        print(f"  pid {proc.pid} (parent {proc.ppid()}) CPU {total:6.1f} s, threads: "
              + " ".join(f"{t.user_time + t.system_time:.1f}" for t in threads if t.user_time + t.system_time > 0.05)
              + f"   [{name}]")


def on_pool(jobs: list[batch.Job], opts: Options) -> int:
    return sum(bool(r.status) for r in batch.execute(jobs, opts, 2))


def on_cluster(jobs: list[batch.Job], opts: Options) -> int:
    client, local = cluster.connect("local", 2)
    try:
        failed = sum(bool(r.status) for r in cluster.execute(jobs, opts, local.scheduler_address))
        where_it_goes(client)
        return failed
    finally:
        client.close()
        local.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--only", default="pool,cluster")
    args = ap.parse_args()
    print(f"code: {Path(cluster.__file__).parent.parent.parent}; load {os.getloadavg()[0]:.1f}")
    figures: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="unres-bench-cluster-") as name:
        tmp = Path(name)
        generate(tmp / "src", args.docs)
        for label in args.only.split(","):
            jobs, opts = jobs_for(tmp / "src", tmp / label)
            load = os.getloadavg()[0]
            cpu, start = usage(), time.perf_counter()
            failed = (on_pool if label == "pool" else on_cluster)(jobs, opts)
            took, cpu = time.perf_counter() - start, usage() - cpu
            figures[label] = took, cpu
            print(f"{label:8} {len(jobs)} documents, {failed} failed: {took:7.1f} s wall, "
                  f"{len(jobs) / took:5.2f} docs/s; CPU {cpu:7.1f} s = {cpu / len(jobs):.3f} s/doc "
                  f"(load {load:.1f} -> {os.getloadavg()[0]:.1f})", flush=True)
    if len(figures) == 2:
        (wall1, cpu1), (wall2, cpu2) = figures["pool"], figures["cluster"]
        print(f"LocalCluster / -j 2: CPU {cpu2 / cpu1:.3f} ({cpu2:.1f} s / {cpu1:.1f} s), "
              f"wall {wall2 / wall1:.3f} ({wall2:.1f} s / {wall1:.1f} s); target <= 1.10")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
