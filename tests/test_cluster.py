"""Builds on a Dask cluster: same bytes as a local build, a killed worker's task retried,
templates that travel with the task, the up-to-date check, and a cluster that is not there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, SEED, unres
from support.batch import folder, quiet_run

from pipeline.app.batch import Options

distributed = pytest.importorskip("distributed")  # the test extra installs it


@pytest.fixture(autouse=True, scope="module")
def no_thread_outlives_the_module():
    """What this module starts, it stops: no thread of its own is left for the tests after it.

    Its clients and clusters are closed where they are made; but a client's first large message
    (the templates bundle it scatters) is (de)serialised on Dask's offload pool, a thread Dask
    starts on first use and keeps for the rest of the process (``distributed.utils``). Left
    alive, it made ``batch.execute`` refuse to fork (it splits a document over two processes
    only where no other thread runs), and test_batch's
    test_one_document_renders_pdf_and_the_rest_at_once failed when run after this module in one
    process. The pool is shut down (its thread joined) and a new one, which starts no thread
    until it is used, put in its place for any later Dask user."""
    before = set(threading.enumerate())
    yield
    from distributed import utils

    pool = utils._offload_executor
    if pool._threads:
        pool.shutdown(wait=True)
        utils._offload_executor = type(pool)(max_workers=1, thread_name_prefix="Dask-Offload")
    left = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not left, f"threads left running by tests/test_cluster.py: {left}"


def test_killed_worker_task_is_retried_and_every_output_matches_local(tmp_path):
    import logging

    from distributed import Client, LocalCluster

    src = folder(tmp_path, 6)
    formats = ("pdf", "html", "docx")
    local, _ = quiet_run(src.glob("*.yaml"), Options(tmp_path / "local", formats), workers=1)
    assert local.built == 6

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    watcher = Client(cluster)
    killed: list[int] = []
    try:
        pids = watcher.run(os.getpid)  # worker address → pid
        assert len(pids) == 2

        def kill_one_mid_task() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                busy = [w for w, tasks in watcher.processing().items() if tasks and w in pids]
                if busy:
                    time.sleep(0.3)  # inside the task, not before it
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_one_mid_task)
        killer.start()
        opts = Options(tmp_path / "cluster", formats)
        summary, lines = quiet_run(src.glob("*.yaml"), opts, cluster=cluster.scheduler_address)
        killer.join()
    finally:
        watcher.close()
        cluster.close()
    assert killed, "no worker was killed mid-task"
    assert (summary.built, summary.failed, summary.status) == (6, 0, 0), lines
    local_files = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert sorted(p.name for p in (tmp_path / "cluster").iterdir()) == local_files
    assert len(local_files) == 6 * 3 + 1  # and the manifest
    for name in local_files:
        if name != ".manifest.json":
            assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert not list((tmp_path / "cluster").glob(".*.tmp"))

    # The up-to-date check works the same: nothing is sent again.
    again, lines = quiet_run(src.glob("*.yaml"), opts, cluster="tcp://127.0.0.1:9")  # never contacted
    assert (again.built, again.up_to_date, again.failed) == (0, 6, 0), lines


def test_templates_travel_with_the_task(tmp_path):
    """A worker without the templates folder renders from the bundle the client sent."""
    script = f"""
import sys
from pathlib import Path
import pipeline.paths as paths
paths.TEMPLATES = Path({str(tmp_path / "nowhere")!r})   # this worker has no templates
from pipeline.app import cluster
from pipeline.app.batch import Job
bundle_digest, bundle = cluster.templates_bundle(Path({str(ROOT / "templates")!r}))
raw = Path({str(SEED)!r}).read_bytes()
job = Job("seed.yaml", raw, ("html", "docx"), {{}})
stem, out, diags, status = cluster.remote_render(job, None, None, cluster.code_digest(), bundle_digest, bundle)
assert status == 0, diags
assert str(paths.TEMPLATES) != {str(tmp_path / "nowhere")!r}
sys.stdout.buffer.write(out["html"])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    r = unres("build", SEED, "-o", tmp_path / "local", "--format", "html")
    assert r.returncode == 0, r.stderr
    assert done.stdout == (tmp_path / "local" / "A_RES_52_102.html").read_bytes()


def test_a_worker_with_other_code_refuses(tmp_path):
    from pipeline.app import cluster
    from pipeline.app.batch import Job

    digest, bundle = cluster.templates_bundle()
    job = Job("seed.yaml", SEED.read_bytes(), ("html",), {})
    stem, out, diags, status = cluster.remote_render(job, None, None, "0" * 64, digest, bundle)
    assert status == 1 and out is None
    assert "another version of unres" in diags[0] and diags[0].startswith("seed.yaml: ")


def test_unreachable_cluster_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("UNRES_CLUSTER_TIMEOUT", "2s")
    r = unres("build", SEED, "-o", tmp_path / "out", "--cluster", "tcp://127.0.0.1:9")
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("--cluster: cannot reach the cluster at tcp://127.0.0.1:9"), r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    bad = unres("build", SEED, "-o", tmp_path / "out", "--cluster", "nonsense://x")
    assert bad.returncode == 2 and bad.stderr.startswith("--cluster: cannot reach the cluster"), bad.stderr


def test_a_local_cluster_runs_no_profiler(tmp_path):
    """``--cluster local`` turns off what only a dashboard would read: the workers' statistical
    profiler (a stack sample every 10 ms on the worker's event loop) and the 20 ms loop tick."""
    from pipeline.app import cluster

    client, local = cluster.connect("local", 1)
    try:
        callbacks = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
        [names] = callbacks.values()
        assert "profile" not in names and "profile-cycle" not in names, names
        ticks = client.run(lambda dask_worker: dask_worker._tick_interval)
        assert list(ticks.values()) == [1.0]
    finally:
        client.close()
        local.close()
