"""Batch builds on a Dask distributed cluster: the same build function, as tasks elsewhere.

``unres build DIR --cluster tcp://HOST:8786`` sends each stale source to a cluster's
workers; ``--cluster local`` starts a :class:`distributed.LocalCluster` on this machine.
Nothing is shared but the network: each task carries the source's bytes, the templates
go once to every worker as a bundle (a tar archive, unpacked on the worker into a folder
named after its digest), and the rendered outputs come back as bytes, which this process
writes atomically and records in the manifest exactly as a local build does. The keys,
and so the up-to-date check, are computed here, before anything is sent.

A worker must run the same unres code and rendering libraries (the keys hash them): it
checks its own digest against the client's and refuses a task otherwise. A worker that
dies mid-task (killed, out of memory, its machine gone) has its task rescheduled by the
scheduler on another worker; a task that kills several workers in a row
(``distributed.scheduler.allowed-failures``) is reported as failed, and the others go on.

A source naming an emblem image (a file beside it, which the workers do not have) is
rendered here, in this process.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from pipeline.app.batch import (
    Job,
    Options,
    Rendered,
    Result,
    _library_versions,
    _tree_files,
    delivered,
    render_job,
)
from pipeline.errors import Diagnostic, UnresError
from pipeline.paths import PACKAGE, TEMPLATES

CONNECT_TIMEOUT = os.environ.get("UNRES_CLUSTER_TIMEOUT", "10s")  # connecting to a scheduler
# A LocalCluster has no dashboard, so nothing reads what a worker's statistical profiler
# gathers: it samples the running task's stack every 10 ms, on the worker's event loop, which
# the task thread then waits for (the GIL). The event loop's health check (every 20 ms) and
# the memory and system monitors poll less often too.
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


# ---------------------------------------------------------------------------
# What travels: the templates bundle and the code digest


def templates_bundle(root: Path = TEMPLATES) -> tuple[str, bytes]:
    """A reproducible tar archive of the templates folder and its sha256."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in _tree_files(root):
            data = path.read_bytes()
            info = tarfile.TarInfo(path.relative_to(root).as_posix())
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    return hashlib.sha256(raw).hexdigest(), raw


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The sha256 of the unres code and the rendering libraries' versions (what a key hashes
    besides the templates): a worker whose digest differs would make other bytes."""
    from pipeline import __version__

    h = hashlib.sha256(f"unres {__version__}\n{' '.join(_library_versions())}\n".encode())
    for path in _tree_files(PACKAGE):
        data = path.read_bytes()
        h.update(f"{path.relative_to(PACKAGE).as_posix()} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


_installed: dict[str, Path] = {}


def _use_templates(digest: str, bundle: bytes) -> None:
    """On a worker: make the bundle's templates the ones the writers read.

    When the worker's own templates folder is the same (a shared or identical checkout),
    nothing changes; otherwise the bundle is unpacked once per digest into the temporary
    folder and every loaded unres module is pointed at it (their caches cleared).
    """
    from pipeline import paths

    if digest not in _installed:
        try:
            local = templates_bundle(Path(paths.TEMPLATES))[0] if Path(paths.TEMPLATES).is_dir() else None
        except OSError:
            local = None
        if local == digest:
            _installed[digest] = Path(paths.TEMPLATES)
        else:
            target = Path(tempfile.gettempdir()) / f"unres-templates-{digest[:32]}"
            if not target.is_dir():
                staging = Path(tempfile.mkdtemp(prefix=".unres-templates-", dir=target.parent))
                with tarfile.open(fileobj=io.BytesIO(bundle)) as tar:
                    tar.extractall(staging, filter="data")
                try:
                    os.replace(staging, target)
                except OSError:  # another worker on this machine unpacked it first
                    import shutil

                    shutil.rmtree(staging, ignore_errors=True)
            _installed[digest] = target
    folder = _installed[digest]
    if Path(paths.TEMPLATES) != folder:
        paths.TEMPLATES = folder
        for name, module in list(sys.modules.items()):
            if name.startswith("pipeline.") and hasattr(module, "TEMPLATES"):
                setattr(module, "TEMPLATES", folder)  # noqa: B010  (a module, not a typed object)
                for value in vars(module).values():
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
        schema = sys.modules.get("pipeline.source.schema")
        if schema is not None:  # the languages offered are the catalogues' (in place: SCHEMA holds it)
            schema.LANGUAGES[:] = sorted(p.stem for p in (folder / "lang").glob("*.yaml"))


def remote_render(job: Job, style: str | None, paper: str | None, code: str, digest: str, bundle: bytes,
                  pdf_variant: str | None = None) -> tuple[str, dict[str, bytes] | None, list[str], int]:
    """The task a worker runs: ``(stem, {format: bytes}, diagnostics, status)``; rendered, the
    diagnostics are its warnings.

    The same load → transform → render as a local build, from the bytes the keys were
    computed from; nothing is written on the worker.
    """
    if code != code_digest():
        why = ("the cluster's worker runs another version of unres or its libraries; "
               "install the same on every worker")
        return "", None, [str(Diagnostic(job.source, 0, 0, why))], 1
    _use_templates(digest, bundle)
    from pipeline.app.batch import job_pdf_options, load_job  # after: what these modules read at
    from pipeline.app.build import output_stem, render_all  # import comes from the bundle
    from pipeline.errors import warnings_kept

    opts = Options(Path("."), job.formats, style, paper, pdf_variant)
    try:
        with warnings_kept() as warned:
            doc = load_job(job, opts)
            rendered = render_all(doc, job.formats, pdf=job_pdf_options(job, opts, doc))
        return output_stem(doc), rendered, [d.line_shown() for d in warned], 0
    except UnresError as exc:
        from dataclasses import replace

        diags = [str(replace(d, file=job.source) if d.file == "unres" else d) for d in exc.diagnostics]
        return "", None, diags, exc.status
    except Exception as exc:  # a bug in a writer must not stop the other sources
        why = f"internal error: {type(exc).__name__}: {exc}"
        return "", None, [str(Diagnostic(job.source, 0, 0, why))], 1


# ---------------------------------------------------------------------------
# The client


def _needs_local_files(job: Job) -> bool:
    """A source that names an emblem image (a file the workers cannot read)."""
    return b"emblem" in job.raw


def connect(address: str, workers: int | None = None):
    """A :class:`distributed.Client` for ``address`` or a new LocalCluster (``local``)."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        why = "needs Dask distributed: pip install 'unres[cluster]' (dask[distributed])"
        raise UnresError([Diagnostic("--cluster", 0, 0, why)], 2) from None
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if address == "local":
        import dask.config

        with dask.config.set(LOCAL_CONFIG):  # the nannies pass it on to the workers they start
            cluster = LocalCluster(n_workers=workers or (os.cpu_count() or 1), threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    if "://" not in address:
        address = f"tcp://{address}"
    try:
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as exc:
        why = " ".join(str(exc).split()) or type(exc).__name__
        raise UnresError([Diagnostic("--cluster", 0, 0, f"cannot reach the cluster at {address}: {why}")],
                         2) from None


def execute(jobs: list[Job], opts: Options, address: str, workers: int | None = None) -> Iterator[Result]:
    """Run ``jobs`` on the cluster; yield each source's :class:`Result` as it is written here."""
    if not jobs:
        return
    from distributed import as_completed

    client, cluster = connect(address, workers)
    try:
        local = [job for job in jobs if _needs_local_files(job)]
        remote = [job for job in jobs if not _needs_local_files(job)]
        digest, bundle = templates_bundle()
        futures = {}
        if remote:
            [bundle_f] = client.scatter([bundle], broadcast=True, hash=False)
            code = code_digest()
            for job in remote:
                fut = client.submit(remote_render, job, opts.style, opts.paper, code, digest, bundle_f,
                                    opts.pdf_variant, pure=False, retries=1)
                futures[fut] = job
        for job in local:
            yield from delivered(job, opts, render_job(job, opts))
        for fut in as_completed(list(futures)):
            job = futures[fut]
            try:
                stem, rendered, diags, status = fut.result()
            except Exception as exc:  # KilledWorker: it killed every worker it ran on
                why = f"failed on the cluster: {type(exc).__name__}: {' '.join(str(exc).split())}"
                yield Result(job.source, 1, [str(Diagnostic(job.source, 0, 0, why))])
                continue
            finally:
                fut.release()
            if status or rendered is None:
                yield Result(job.source, status or 1, list(diags))
            else:  # no emblem: those are built here
                yield from delivered(job, opts, Rendered(stem, rendered, warnings=list(diags)))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
