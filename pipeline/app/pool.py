"""A pool of forked workers, each replaced by a fresh fork after some tasks or past a memory bound.

Workers are forked from this (warm) process, so each starts with the writers imported and
the stylesheets parsed. A long-lived worker grows: WeasyPrint, Pango and fontconfig keep
caches of every document laid out. So a worker retires after ``TASKS_PER_WORKER`` tasks, or
as soon as its resident memory after a task passes ``WORKER_RSS_MB``, and a new fork takes
its place. A fork starts as large as this process: when this process is already near or past
the bound (a long-lived caller, a test runner), a worker's bound is its size at the fork plus
``WORKER_HEADROOM_MB``, so it is not retired after every task for memory it never used.
(``ProcessPoolExecutor(max_tasks_per_child=…)`` refuses the fork start method.)

A worker that dies mid-task (killed, out of memory, a crash in a C library) has its task
given to a fresh worker once; if that one dies too, the task is reported as died. Workers
ignore SIGINT (a terminal's Ctrl-C reaches the whole process group): this process stops
them when it is interrupted, and they exit by themselves if it disappears.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

TASKS_PER_WORKER = int(os.environ.get("UNRES_WORKER_TASKS", "40"))
WORKER_RSS_MB = int(os.environ.get("UNRES_WORKER_RSS_MB", "200"))
WORKER_HEADROOM_MB = 64  # what a worker may grow by, where the bound is below its start
ATTEMPTS = 2  # a task that killed its worker runs once more, on a fresh one
_HELD = {signal.SIGINT, signal.SIGTERM}


@dataclass
class Died:
    """A task whose worker died every time it ran it."""

    why: str  # "killed by SIGKILL", "exited with status 1"


def rss_kb() -> int:
    """This process's resident memory now (kB): ``/proc/self/statm``, else its peak."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _serve(conn: Any, fn: Callable[[Any], Any], inherited: list[Any]) -> None:
    """The worker: run ``fn`` on each item received; answer ``(result, rss kB, rss kB at the
    start)``; stop on None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's "raise KeyboardInterrupt"
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # blocked while forking (see _Worker)
    for other in inherited:  # the other workers' pipes: their ends of file must not wait on us
        other.close()
    born = rss_kb()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if item is None:
            return
        result = fn(item)
        conn.send((result, rss_kb(), born))


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any], others: list[Any]):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, others), daemon=True)
        # A signal whose handler raises during the fork's callbacks would be printed and lost;
        # blocked, it is delivered once the fork is done (the child unblocks after ignoring it).
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            self.proc.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        child.close()
        self.tasks = 0
        self.task: tuple[Any, int] | None = None  # (item, attempt)

    def retire(self) -> None:
        """Ask an idle worker to exit; reaped later (:meth:`reaped`), so nothing waits for it."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.conn.close()

    def reaped(self) -> bool:
        return self.proc.exitcode is not None  # polls waitpid, which reaps it

    def stop(self, timeout: float = 5.0) -> None:
        """Ask to exit (an idle worker), else terminate; always reaped."""
        if self.task is None and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(timeout)
        if self.proc.exitcode is None:
            self.proc.terminate()
            self.proc.join(timeout)
            if self.proc.exitcode is None:
                self.proc.kill()
                self.proc.join()
        self.conn.close()

    def died(self) -> str:
        """Reap a worker that ended mid-task; how it ended."""
        self.task = None
        self.stop()
        code = self.proc.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exited with status {code}"


def imap_unordered(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    workers: int,
    tasks_per_worker: int | None = None,
    rss_limit_mb: int | None = None,
) -> Iterator[tuple[Any, Any]]:
    """``(item, fn(item))`` as each finishes, in ``workers`` recycled forked processes;
    ``(item, Died(why))`` for an item whose worker died on each of its attempts."""
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork")
    tasks_per_worker = tasks_per_worker or TASKS_PER_WORKER
    limit_kb = (rss_limit_mb or WORKER_RSS_MB) * 1024
    todo: deque[tuple[Any, int]] = deque((item, 1) for item in items)
    idle: list[_Worker] = []
    busy: dict[Any, _Worker] = {}
    leaving: list[_Worker] = []  # retired, not yet reaped

    def dispatch() -> None:
        while todo and len(busy) < workers:
            others = [w.conn for w in (*idle, *busy.values())]
            worker = idle.pop() if idle else _Worker(ctx, fn, others)
            worker.task = todo.popleft()
            busy[worker.conn] = worker
            with contextlib.suppress(OSError):  # died while idle: wait() below sees the death
                worker.conn.send(worker.task[0])

    try:
        while todo or busy:
            dispatch()
            done: list[tuple[Any, Any]] = []
            for conn in wait(list(busy)):
                worker = busy.pop(conn)
                assert worker.task is not None
                item, attempt = worker.task
                try:
                    result, rss, born = worker.conn.recv()
                except (EOFError, OSError):
                    why = worker.died()
                    if attempt < ATTEMPTS:
                        todo.appendleft((item, attempt + 1))
                    else:
                        done.append((item, Died(why)))
                    continue
                worker.task = None
                worker.tasks += 1
                if worker.tasks >= tasks_per_worker or rss > max(limit_kb, born + WORKER_HEADROOM_MB * 1024):
                    worker.retire()  # a fresh fork takes its place at the next dispatch
                    leaving.append(worker)
                else:
                    idle.append(worker)
                done.append((item, result))
            dispatch()  # the workers are busy again while the caller handles the results
            leaving[:] = [w for w in leaving if not w.reaped()]
            yield from done
    finally:
        for worker in (*idle, *busy.values(), *leaving):
            worker.stop()
