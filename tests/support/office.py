"""One LibreOffice for the whole test run, shared by the pytest-xdist workers.

The first test that asks for the ``office`` fixture (tests/conftest.py) starts one
``unoserver`` (PyPI) under a file lock in the run's shared folder (the session's basetemp, or
its parent under pytest-xdist): one ``soffice --headless --accept=...`` process with one
private profile, and an XML-RPC front through which every worker converts. The folder's
``office.json`` tells the other worker where it listens. The server runs under the Python that
has LibreOffice's ``uno`` module (Debian ``python3-uno``, in tools/system-deps.sh); the test
process only speaks XML-RPC (``unoserver.client``). The run's controller stops it at the end
(``stop``, called from conftest's ``pytest_sessionfinish``); a watchdog in the server also stops
it when the controller is gone (a run killed hard leaves no LibreOffice behind).

A conversion is what ``soffice --headless --convert-to FMT`` makes (the export filter chosen by
the extension, indexes not updated), from the same LibreOffice.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager, suppress
from pathlib import Path

STATE = "office.json"
UNO_PYTHONS = ("/usr/bin/python3", "/usr/bin/python3.11", "/usr/lib/libreoffice/program/python")
WATCHDOG = Path(__file__).with_name("office_server.py")
_STARTED: dict[int, subprocess.Popen] = {}  # the servers this process started


class Office:
    """A client of the run's LibreOffice."""

    def __init__(self, port: int) -> None:
        from unoserver.client import UnoClient

        self.port = port
        self._client = UnoClient(server="127.0.0.1", port=str(port))

    def convert(self, src: Path, fmt: str, outdir: Path, options: tuple[str, ...] = ()) -> Path:
        """``src`` converted to ``outdir/<stem>.<fmt>`` (as ``soffice --convert-to fmt``);
        ``options``: the export filter's, ``"Name=value"`` (``"UseTaggedPDF=true"``)."""
        outdir.mkdir(parents=True, exist_ok=True)
        out = outdir / f"{Path(src).stem}.{fmt}"
        self._client.convert(inpath=str(src), outpath=str(out), convert_to=fmt, update_index=False,
                             filter_options=list(options))
        if not out.exists():
            raise RuntimeError(f"LibreOffice did not convert {src} to {fmt}")
        return out

    def convert_all(self, sources, fmt: str, outdir: Path) -> list[Path]:
        return [self.convert(Path(s), fmt, outdir) for s in sources]


@contextmanager
def _locked(root: Path):
    with open(root / "office.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _uno_python() -> str:
    for exe in UNO_PYTHONS:
        if Path(exe).exists() and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    raise RuntimeError("no Python with LibreOffice's uno module (apt-get install python3-uno)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(root: Path, controller: int) -> dict:
    import unoserver

    port, uno_port = _free_port(), _free_port()
    while uno_port == port:
        uno_port = _free_port()
    profile = root / "office-profile"
    # unoserver is pure Python: the uno Python imports it from this environment's site-packages.
    env = dict(os.environ, PYTHONPATH=str(Path(unoserver.__file__).parent.parent), HOME=str(root))
    log = open(root / "office.log", "ab")  # noqa: SIM115 - the server's, for as long as it runs
    proc = subprocess.Popen(
        [_uno_python(), str(WATCHDOG), str(controller), "--port", str(port), "--uno-port", str(uno_port),
         "--user-installation", str(profile), "--conversion-timeout", "240", "--quiet"],
        stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while not _listening(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_pid(proc.pid)
            raise RuntimeError(f"LibreOffice (unoserver) did not start: see {root / 'office.log'}")
        time.sleep(0.3)
    _STARTED[proc.pid] = proc
    return {"pid": proc.pid, "port": port}


def connect(root: Path, controller: int) -> Office:
    """The run's LibreOffice, started here if no one has started it yet."""
    with _locked(root):
        state_file = root / STATE
        state = json.loads(state_file.read_text()) if state_file.exists() else None
        if state is None or not _alive(state["pid"]) or not _listening(state["port"]):
            state = _start(root, controller)
            state_file.write_text(json.dumps(state))
    return Office(state["port"])


def alive(key: str, value: int) -> list[int]:
    """The processes still running (zombies do not count) whose process group (``key="pgid"``)
    or session (``key="sid"``) is ``value``."""
    index = {"pgid": 2, "sid": 3}[key]  # the fields of /proc/PID/stat after the command's ")"
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[index]) == value and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _group_alive(pgid: int) -> bool:
    """Whether a process of the group still runs (zombies do not count)."""
    return bool(alive("pgid", pgid))


def stop_pid(pid: int) -> None:
    """End the server's process group (unoserver, oosplash, soffice.bin): SIGTERM to unoserver,
    which passes it on to LibreOffice; what still runs after 10 s is killed."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    started = _STARTED.pop(pid, None)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if started is not None:
            started.poll()  # reap our own child, so it does not linger as a zombie
        if not _group_alive(pid):
            return
        time.sleep(0.2)
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def stop(root: Path) -> None:
    """Stop the run's LibreOffice if one was started (the run's controller calls this once)."""
    state_file = root / STATE
    if not state_file.exists():
        return
    with _locked(root):
        state = json.loads(state_file.read_text())
        stop_pid(state["pid"])
        state_file.unlink()
