"""Shared test helpers. Tests build into their own temporary folders (pytest -n 2 safe)."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source"
SEED = SOURCES / "A_RES_52_102.yaml"
MODERN = SOURCES / "A_RES_73_8.yaml"
# The reference texts (copies of ../shared/reference/, so the suite runs from any clone).
REFERENCE = ROOT / "tests" / "reference"
SEED_TXT = REFERENCE / "A_RES_52_102.txt"
MODERN_TXT = REFERENCE / "A_RES_73_8.txt"


@pytest.fixture(autouse=True)
def _signal_handlers(request):
    """Each test starts with Python's own SIGINT/SIGTERM handlers and gives them back: a test that
    leaves one changed (CI on a fresh clone at fbe933c: SIGINT ignored in an xdist worker, so the
    Ctrl-C tests of tests/test_batch.py that ran after it in that worker saw no KeyboardInterrupt)
    is named in a warning, and the next tests are not affected."""
    wanted = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
    for s, h in wanted.items():
        signal.signal(s, h)
    yield
    for s, h in wanted.items():
        if signal.getsignal(s) is not h:
            left = f"{request.node.nodeid} left {signal.Signals(s).name} handled by {signal.getsignal(s)!r}"
            warnings.warn(left, stacklevel=2)
            signal.signal(s, h)


def unres(*args: str, cwd: Path | None = None, input: bytes | None = None, timeout: int = 300):
    """Run the command line as a user would; returns the CompletedProcess (text mode)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def run_root(tmp_path_factory) -> Path:
    """The folder the whole test run shares: basetemp, or its parent under pytest-xdist
    (each worker's basetemp is a folder of the controller's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder of the run that ``make`` fills once per test run, shared by the pytest-xdist
    workers (a file lock in the run's folder, as the pytest-xdist docs show)."""
    root = run_root(tmp_path_factory)
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".done").touch()
    return folder


def _make_seed_pdf(folder: Path) -> None:
    from pipeline.app.build import load_document
    from pipeline.writers import pdf

    (folder / f"{SEED.stem}.pdf").write_bytes(pdf.render(load_document(SEED)))


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory) -> bytes:
    """The seed (source/A_RES_52_102.yaml, its own house style) as PDF: rendered once per test run."""
    return (once(tmp_path_factory, "seed-pdf", _make_seed_pdf) / f"{SEED.stem}.pdf").read_bytes()


def _controller_pid() -> int:
    return os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """The run's one LibreOffice (tests/support/office.py): ``office.convert(path, "pdf", outdir)``."""
    from support import office as lo

    return lo.connect(run_root(tmp_path_factory), _controller_pid())


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the test session, with a fresh profile (tests/support/browser.py);
    each pytest-xdist worker has its own."""
    from support import browser as chromium

    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


def pytest_sessionfinish(session) -> None:
    """The controller (or a run without xdist) stops the LibreOffice the run started, if any."""
    if hasattr(session.config, "workerinput"):
        return
    from support import office as lo

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None and factory._basetemp is not None:
        lo.stop(factory.getbasetemp())


@pytest.fixture(scope="session")
def outdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("out")


def build(src: Path, out: Path, fmt: str, style: str | None = None, paper: str | None = None) -> Path:
    """Build one format of one source into ``out`` (cached per session by path)."""
    from pipeline.app.build import build_file

    paths = build_file(src, out, (fmt,), style, paper)
    return paths[0]


def squeezed(value: Any, leave_out: tuple[str, ...] = ("distribution",), plain_hyphens: bool = False) -> Any:
    """A source's loaded data compared spaces aside: the keys ``leave_out`` left out (by default
    the distribution, which a DOCX or PDF prints "General" where the source left it to its
    default); with ``plain_hyphens``, a no-break hyphen as the hyphen a PDF's text layer gives."""
    if isinstance(value, dict):
        return {k: squeezed(v, leave_out, plain_hyphens) for k, v in value.items() if k not in leave_out}
    if isinstance(value, list):
        return [squeezed(v, leave_out, plain_hyphens) for v in value]
    if isinstance(value, str):
        return " ".join((value.replace("\u2011", "-") if plain_hyphens else value).split())
    return value


def import_refused(path: Path, tmp_path: Path, *words: str, env_path: str | None = None) -> None:
    """``unres import PATH -o OUT`` refuses its input as bad input must be refused: exit 2, the
    message at the file with ``words`` in it, no traceback, OUT (there before) not clobbered.
    ``env_path``: the PATH it runs with (an empty folder: no pdftotext, no pandoc)."""
    out = tmp_path / "out.yaml"
    out.write_bytes(b"kept\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **({"PATH": env_path} if env_path is not None else {}))
    run = subprocess.run([sys.executable, "-m", "pipeline", "import", str(path), "-o", str(out)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert run.stderr.startswith(f"{path}:") and "Traceback" not in run.stderr, run.stderr
    for w in words:
        assert w in run.stderr, run.stderr
    assert out.read_bytes() == b"kept\n"  # not clobbered
