"""Batch builds: many sources, several processes, and an up-to-date check per output.

An output is rebuilt when, and only when, its *key* changed. The key is the sha256 of
the source bytes, the options (format, style, paper), every file under ``templates/``
and ``pipeline/`` (templates, stylesheets, word catalogues, house styles, code), the
unres version and the versions of the rendering libraries. Keys live in a manifest,
``<output folder>/.manifest.json``; an output is up to date when the manifest holds its
key and the file on disk is still the one written (same size and modification time).
Files a document names (its emblem image) are recorded in the manifest too.

Checking renders nothing and parses no YAML, so a no-op rebuild of a folder is a few
file reads and hashes. Stale sources are rendered in-process (``-j 1``) or by a pool of
forked worker processes (:mod:`pipeline.app.pool`), each keeping its writers (WeasyPrint,
fonts, stylesheets) warm across documents until it is replaced by a fresh fork (after some
documents, or past a memory bound); a worker sends its outputs back and the main process
writes them, so a worker that dies leaves no file behind. A single source renders its PDF
and its other formats in two processes. Only the main process writes the manifest, merged
under a lock so concurrent ``unres build`` runs (``make -j``) do not lose entries.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.errors import Diagnostic
from pipeline.paths import PACKAGE, TEMPLATES

if TYPE_CHECKING:
    from pipeline.model import Document

MANIFEST = ".manifest.json"
KEY_SCHEME = 1  # bump when the meaning of a key changes
# Libraries whose version changes the bytes of an output.
LIBRARIES = ("weasyprint", "pydyf", "python-docx", "jinja2", "lxml")


@dataclass(frozen=True)
class Options:
    """What to build for each source."""

    out_dir: Path
    formats: tuple[str, ...]
    style: str | None = None
    paper: str | None = None
    pdf_variant: str | None = None  # None: the default (tagged PDF/UA-1); "pdf/a-3b": archival


@dataclass
class Job:
    """One source to build: its bytes (the key was computed from these) and stale formats."""

    source: str
    raw: bytes
    formats: tuple[str, ...]
    keys: dict[str, str]


@dataclass
class Result:
    """What a worker did with one job; small, so it crosses process boundaries cheaply."""

    source: str
    status: int = 0
    diagnostics: list[str] = field(default_factory=list)
    entries: dict[str, dict] = field(default_factory=dict)  # output name → manifest entry
    warnings: list[str] = field(default_factory=list)  # "file:line:column: warning: …" (built all the same)


@dataclass
class Summary:
    built: int = 0
    up_to_date: int = 0
    failed: int = 0
    status: int = 0


# ---------------------------------------------------------------------------
# Keys


def _tree_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith((".pyc", ".pyo", "~")) and not name.startswith("."):
                yield Path(dirpath) / name


def dependency_files() -> list[Path]:
    """Every file besides the source that an output depends on (the Makefile lists the same)."""
    return [*_tree_files(TEMPLATES), *_tree_files(PACKAGE)]


def _library_versions() -> list[str]:
    """``name=version`` of each rendering library, from the ``.dist-info`` folder names.

    (Reading folder names costs a few directory listings; importlib.metadata costs 25 ms.)
    """
    wanted = {re.sub(r"[-_.]+", "_", n).lower(): n for n in LIBRARIES}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            m = re.fullmatch(r"(.+?)-([^-]+)\.dist-info", entry)
            if m and (lib := wanted.get(re.sub(r"[-_.]+", "_", m[1]).lower())) and lib not in found:
                found[lib] = m[2]
    return [f"{n}={found.get(n, '-')}" for n in LIBRARIES]


@lru_cache(maxsize=1)
def dependency_digest() -> str:
    """The sha256 of every dependency file (path and bytes), the version and the libraries."""
    h = hashlib.sha256(f"unres {__version__} scheme {KEY_SCHEME}\n".encode())
    h.update(" ".join(_library_versions()).encode())
    for root in (TEMPLATES, PACKAGE):
        for path in _tree_files(root):
            data = path.read_bytes()
            h.update(f"\n{root.name}/{path.relative_to(root).as_posix()} {len(data)}\n".encode())
            h.update(data)
    return h.hexdigest()


def output_key(raw: bytes, fmt: str, style: str | None, paper: str | None, variant: str | None = None) -> str:
    """The key of one output: source bytes + options + format + dependencies."""
    options: list[str | None] = [dependency_digest(), fmt, style, paper]
    if fmt == "pdf" and variant is not None:  # the default PDF keeps the key it always had
        options.append(variant)
    head = json.dumps(options).encode()
    return hashlib.sha256(head + b"\0" + hashlib.sha256(raw).digest()).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------------------
# The manifest


class Manifest:
    """``{"outputs": {name: {"key", "source", "size", "mtime_ns", "inputs"}}}`` in the output folder."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.outputs: dict[str, dict] = self._read()
        self.by_key = {e.get("key"): name for name, e in self.outputs.items()}

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {n: e for n, e in data["outputs"].items() if isinstance(e, dict)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # missing or damaged: everything is stale

    def current(self, key: str) -> str | None:
        """The output name built with ``key`` if that file is still the one written."""
        name = self.by_key.get(key)
        if name is None:
            return None
        entry = self.outputs[name]
        try:
            st = (self.path.parent / name).stat()
        except OSError:
            return None
        if st.st_size != entry.get("size") or st.st_mtime_ns != entry.get("mtime_ns"):
            return None
        inputs = entry.get("inputs") or {}
        if any(_file_sha(Path(p)) != sha for p, sha in inputs.items()):
            return None
        return name

    def merge(self, entries: dict[str, dict]) -> None:
        """Add ``entries`` to the manifest on disk (read again under a lock) and drop dead ones."""
        if not entries:
            return
        from pipeline.app.build import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path.parent):
            outputs = self._read()
            outputs.update(entries)
            outputs = {n: e for n, e in sorted(outputs.items()) if (self.path.parent / n).exists()}
            text = json.dumps({"scheme": KEY_SCHEME, "outputs": outputs}, indent=1, sort_keys=True)
            write_atomic(self.path, text.encode() + b"\n")
        self.outputs = outputs
        self.by_key = {e.get("key"): name for name, e in outputs.items()}


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` itself (no lock file is left behind)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# ---------------------------------------------------------------------------
# Work: runs in the worker (or in-process for -j 1)


def _emblem_inputs(source: str, emblem: str | None) -> dict[str, str | None]:
    """The emblem image a document names, where it may be found, with its hash."""
    if not emblem:
        return {}
    candidates = {Path(emblem), Path(source).parent / emblem}
    return {str(p.resolve()): _file_sha(p) for p in sorted(candidates)}


@dataclass
class Rendered:
    """One job's outputs in memory, not yet written: what a pool worker sends back."""

    stem: str
    outputs: dict[str, bytes]  # format → bytes
    emblem: str | None = None  # the image the document names, recorded in the manifest
    warnings: list[str] = field(default_factory=list)  # what the stages warned of (pipeline.errors.warn)


def build_job(job: Job, opts: Options, split: bool = False) -> Result:
    """Load, transform, render every stale format in memory, then write atomically.

    With ``split``, a format with a first stage (the PDF) and the other formats are made by
    two processes at once (see :func:`load_and_render_split`).
    """
    return write_job(job, opts, render_job(job, opts, split))


def render_job(job: Job, opts: Options, split: bool = False) -> Rendered | Result:
    """Every stale format of a job rendered in memory, or the failed :class:`Result`."""
    from pipeline.app.build import output_stem, render_all
    from pipeline.errors import warnings_kept
    from pipeline.writers import can_prepare

    try:
        staged = next((f for f in job.formats if can_prepare(f)), None) if split else None
        with warnings_kept() as warned:  # the PDF's, laid out in this process either way
            if staged and len(job.formats) > 1:
                doc, rendered = load_and_render_split(job, opts, staged)
            else:
                doc = load_job(job, opts)
                rendered = render_all(doc, job.formats, pdf=job_pdf_options(job, opts, doc))
        return Rendered(output_stem(doc), rendered, doc.masthead.emblem, [d.line_shown() for d in warned])
    except Exception as exc:
        return _failure(job, exc)


def write_job(job: Job, opts: Options, done: Rendered | Result) -> Result:
    """Write a rendered job's outputs atomically (all or none); their manifest entries."""
    from pipeline.app.build import write_outputs
    from pipeline.writers import filename

    if isinstance(done, Result):
        return done
    res = Result(job.source, warnings=done.warnings)
    try:
        paths = {fmt: opts.out_dir / filename(done.stem, fmt) for fmt in job.formats}
        write_outputs({paths[fmt]: done.outputs[fmt] for fmt in job.formats})
        inputs = _emblem_inputs(job.source, done.emblem)
        for fmt, path in paths.items():
            st = path.stat()
            res.entries[path.name] = {
                "key": job.keys[fmt],
                "source": job.source,
                "size": st.st_size,
                "mtime_ns": st.st_mtime_ns,
                "inputs": inputs,
            }
    except Exception as exc:
        return _failure(job, exc)
    return res


def _failure(job: Job, exc: Exception) -> Result:
    """The result of a job that raised: its diagnostics, named after the source."""
    from pipeline.errors import UnresError

    if isinstance(exc, UnresError):  # a writer's error has no place: name the source
        diags = [str(replace(d, file=job.source) if d.file == "unres" else d) for d in exc.diagnostics]
        return Result(job.source, exc.status, diags)
    # a bug in a writer must not stop the other sources
    why = f"internal error: {type(exc).__name__}: {exc}"
    return Result(job.source, 1, [str(Diagnostic(job.source, 0, 0, why))])


def job_pdf_options(job: Job, opts: Options, doc: Document) -> dict[str, Any]:
    """The PDF writer's options for a job: a PDF/A-3 embeds the very bytes the keys came from."""
    from pipeline.app.build import pdf_options

    return pdf_options(opts.pdf_variant, doc, {Path(job.source).name: job.raw})


def load_job(job: Job, opts: Options) -> Document:
    """The resolved document of a job, from the very bytes its keys were computed from."""
    from pipeline.source import loader
    from pipeline.transforms import resolve as transform

    text = loader.decode(job.source, job.raw)
    return transform.build(loader.load(job.source, text), style=opts.style, paper=opts.paper)


def load_and_render_split(job: Job, opts: Options, staged: str = "pdf") -> tuple[Document, dict[str, bytes]]:
    """One document on two cores: a forked child loads it, sends it over, renders the rest.

    Meanwhile this process imports the ``staged`` format's writer (WeasyPrint); then it
    finishes the first stage the child sent with the document (the PDF's print HTML). So
    loading, templating, HTML and DOCX all happen while WeasyPrint loads, and a cold build
    costs little more than WeasyPrint alone. Only where no other thread runs.
    """
    from pipeline.app.build import render_all

    rest = tuple(f for f in job.formats if f != staged)
    with _collector_paused():  # in the child too, which ends with os._exit
        rfd, wfd = os.pipe()
        pid = _fork_unsignalled()
        if pid == 0:  # the child: never returns
            try:
                os.close(rfd)
                _load_and_render_rest(job, opts, staged, rest, wfd)
            finally:
                os._exit(0)  # interrupted: the message is missing, the parent says so
        os.close(wfd)
        pipe = os.fdopen(rfd, "rb")
        try:
            _preload((staged,))
            doc, first = _receive(pipe, rest)
            pdf = job_pdf_options(job, opts, doc)
            rendered = render_all(doc, (staged,), prepared={staged: first}, pdf=pdf)
            rendered.update(_receive(pipe, rest)[0])
        finally:
            pipe.close()  # first, so a child still writing gets EPIPE and exits
            os.waitpid(pid, 0)
    return doc, rendered


def _fork_unsignalled() -> int:
    """``os.fork()`` with SIGINT/SIGTERM blocked around it, delivered after it (in the parent).

    A signal whose handler raises while CPython runs its at-fork callbacks (logging's lock
    release) is printed as "Exception ignored … Traceback" and lost; blocked, it waits and is
    raised once the fork is done. The child starts with none pending (POSIX).
    """
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        return os.fork()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _load_and_render_rest(job: Job, opts: Options, staged: str, rest: tuple[str, ...], wfd: int) -> None:
    """In the child: send the document and the staged format's first stage, then the other formats,
    each message with what was warned of since the one before."""
    import pickle

    from pipeline import writers
    from pipeline.app.build import render_all
    from pipeline.errors import UnresError, warnings_kept

    with os.fdopen(wfd, "wb") as out:
        try:
            with warnings_kept() as warned:
                doc = load_job(job, opts)
                try:
                    first = writers.prepare(staged, doc)
                except Exception:  # the writer meets the error itself and reports it
                    first = None
            pickle.dump(("ok", warned, doc, first), out)
            out.flush()
            with warnings_kept() as warned:
                rendered = render_all(doc, rest)
            pickle.dump(("ok", warned, rendered), out)
        except UnresError as exc:
            pickle.dump(("error", exc.diagnostics, exc.status), out)


def _receive(pipe: Any, rest: tuple[str, ...]) -> list[Any]:
    """The next message of the child; its error raised here, its warnings warned of here."""
    import pickle

    from pipeline.errors import UnresError, warn

    try:
        kind, *data = pickle.load(pipe)
    except EOFError:
        why = f"the process loading the source and rendering {', '.join(rest)} died"
        raise UnresError([Diagnostic("unres", 0, 0, why)], 1) from None
    if kind == "error":
        raise UnresError(*data)
    warned, *data = data
    for warning in warned:
        warn(warning)
    return data


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block; then every object counts as old.

    One document makes little cyclic garbage, and collecting meanwhile costs a tenth of
    WeasyPrint's import and layout time. Afterwards every object joins the oldest
    generation (freeze, unfreeze), so turning the collector on again does not sweep what
    the block allocated all at once (30 ms); a later full collection frees its garbage.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_on:
            gc.enable()


def _preload(formats: Iterable[str]) -> None:
    """Import the writers once before forking, so workers start with them loaded.

    A writer that cannot be imported is left alone here: each job reports the error.
    """
    from pipeline.writers.registry import writer

    for fmt in sorted(set(formats)):
        with contextlib.suppress(Exception):
            writer(fmt)


# ---------------------------------------------------------------------------
# Planning and running


def plan(
    sources: list[Path], opts: Options, manifest: Manifest, force: bool
) -> tuple[list[Job], list[Path], list[Result]]:
    """Split sources into jobs to run, outputs up to date, and sources that cannot be read."""
    from pipeline.errors import UnresError
    from pipeline.source import read_bytes  # bounded: /dev/zero or a huge file is refused

    jobs: list[Job] = []
    fresh: list[Path] = []
    unreadable: list[Result] = []
    for src in sources:
        name = str(src)
        try:
            raw = read_bytes(src)
        except UnresError as exc:
            unreadable.append(Result(name, exc.status, [str(d) for d in exc.diagnostics]))
            continue
        keys = {fmt: output_key(raw, fmt, opts.style, opts.paper, opts.pdf_variant) for fmt in opts.formats}
        current = {fmt: None if force else manifest.current(k) for fmt, k in keys.items()}
        stale = tuple(fmt for fmt in opts.formats if current[fmt] is None)
        fresh.extend(opts.out_dir / n for n in current.values() if n is not None)
        if stale:
            jobs.append(Job(name, raw, stale, keys))
    return jobs, fresh, unreadable


def execute(jobs: list[Job], opts: Options, workers: int | None) -> Iterator[Result]:
    """Run jobs in-process (one worker or one job) or in a pool of forked processes.

    ``workers`` ``None`` means one per core, and a single document renders its PDF and
    its other formats in two processes at once.
    """
    cores = os.cpu_count() or 1
    if workers is None:
        workers = cores
        split = len(jobs) == 1 and cores > 1 and threading.active_count() == 1
    else:
        split = False
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield from delivered(job, opts, render_job(job, opts, split))
        return
    from functools import partial

    from . import pool

    _preload(fmt for job in jobs for fmt in job.formats)
    render = partial(render_job, opts=opts)
    for job, done in pool.imap_unordered(render, jobs, min(workers, len(jobs))):
        if isinstance(done, pool.Died):  # twice: its first worker and a fresh one
            why = f"internal error: the worker process building it died twice ({done.why})"
            done = Result(job.source, 1, [str(Diagnostic(job.source, 0, 0, why))])
        yield from delivered(job, opts, done)


def delivered(job: Job, opts: Options, done: Rendered | Result) -> Iterator[Result]:
    """Write a rendered job and yield its result with Ctrl-C (SIGINT, SIGTERM) deferred until
    the consumer asks for the next one, so that every output on disk when a build is stopped is
    one the consumer (:func:`run`) has recorded for the manifest.

    Without it, a signal that lands between the write and the consumer's bookkeeping leaves a
    file on disk that the manifest does not know (seen in CI: 2 of 4 outputs unrecorded).
    """
    from pipeline.app.build import signals_held

    with signals_held():
        yield write_job(job, opts, done)


def run(
    sources: list[Path],
    opts: Options,
    workers: int | None = 1,
    force: bool = False,
    out: Callable[[str], None] = print,
    err: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
    progress: bool | None = None,
    cluster: str | None = None,
) -> Summary:
    """Build ``sources``; print one line per output; return what happened.

    ``cluster``: a Dask scheduler's address, or ``local`` (see :mod:`pipeline.app.cluster`).
    """
    manifest = Manifest(opts.out_dir)
    jobs, fresh, unreadable = plan(sources, opts, manifest, force)
    summary = Summary()
    for path in fresh:
        out(f"up to date {path}")
    summary.up_to_date = len(sources) - len(jobs) - len(unreadable)
    for res in unreadable:
        _failed(summary, res, err)
    entries: dict[str, dict] = {}
    owners: dict[str, str] = {}
    if progress is None:
        progress = sys.stdout.isatty() and len(jobs) > 1
    bar = _Bar(len(jobs)) if progress else None
    if cluster is not None:
        from .cluster import execute as on_cluster

        results = on_cluster(jobs, opts, cluster, workers)
    else:
        results = execute(jobs, opts, workers)
    try:
        for res in results:
            clash = [n for n in res.entries if owners.get(n, res.source) != res.source]
            if clash:
                res.status = 1
                res.diagnostics.append(
                    str(Diagnostic(res.source, 0, 0, f"{clash[0]} is also built from {owners[clash[0]]}"))
                )
            if res.status:
                _failed(summary, res, err)
            else:
                summary.built += 1
                for line in res.warnings:
                    err(line)
            for name in res.entries:
                owners[name] = res.source
                out(f"wrote {opts.out_dir / name}")
            entries.update(res.entries)
            if bar:
                bar.advance(res.source)
    finally:
        if bar:
            bar.close()
        manifest.merge(entries)
        _close(results)
    return summary


def _close(results: Iterator[Result]) -> None:
    """A consumer stopped by an error leaves the results' generator suspended inside
    signals_held (:func:`delivered`), Ctrl-C caught and kept for as long as something (a
    traceback) keeps the generator alive: closing it gives the handlers back and delivers a
    signal it held."""
    close = getattr(results, "close", None)
    if close is not None:
        close()


def _failed(summary: Summary, res: Result, err: Callable[[str], None]) -> None:
    summary.failed += 1
    summary.status = max(summary.status, res.status or 1)
    for line in res.diagnostics:
        err(line)


class _Bar:
    """A rich progress bar on the terminal; lines printed meanwhile scroll above it."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            transient=True,
        )
        self.task = self.progress.add_task("", total=total)
        self.progress.start()

    def advance(self, description: str) -> None:
        self.progress.update(self.task, advance=1, description=description)

    def close(self) -> None:
        self.progress.stop()
