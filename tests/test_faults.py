"""Interrupted and failing builds: previous outputs stay intact, no temporary file is left,
and the user reads one clear line (no traceback).

A build renders everything in memory, writes temporary files, then renames them all; SIGINT
and SIGTERM are held back during the renames. These tests kill real builds at several
moments, make a writer fail, fill the disk and take away write permission.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED

NEW_WORD = "Reconsidering"  # version B of the seed differs from version A in one word
FORMATS = ("pdf", "html", "docx")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".tmp")]


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> tuple[Path, Path]:
    """Version A (the seed) and version B (one word changed), same symbol."""
    folder = tmp_path_factory.mktemp("src")
    a = folder / "a.yaml"
    shutil.copy(SEED, a)
    b = folder / "b.yaml"
    b.write_text(
        SEED.read_text(encoding="utf-8").replace("Recognizing the acuteness", f"{NEW_WORD} the acuteness")
    )
    return a, b


@pytest.fixture(scope="module")
def previous(tmp_path_factory, sources) -> Path:
    """Outputs of version A, built once."""
    from pipeline.app.build import build_file

    out = tmp_path_factory.mktemp("previous")
    build_file(sources[0], out, FORMATS)
    return out


@pytest.fixture
def out(tmp_path, previous) -> Path:
    """An output folder holding version A's outputs (and nothing else)."""
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in FORMATS:
        shutil.copy2(previous / f"A_RES_52_102.{fmt}", folder)
    return folder


def is_version_b(path: Path) -> bool:
    """Whether ``path`` is a complete output of version B (not A, not truncated)."""
    data = path.read_bytes()
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>") and NEW_WORD.encode() in data
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        return data.rstrip().endswith(b"%%EOF") and NEW_WORD in text
    with zipfile.ZipFile(path) as z:
        return z.testzip() is None and NEW_WORD in z.read("word/document.xml").decode()


# -- killed builds ---------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.4, 1.0, 2.0])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_killed_build_leaves_old_or_new_outputs_whole(sig, delay, sources, out, previous):
    before = snapshot(out)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", str(sources[1]), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        # SIGINT at its default, as from a terminal, though this test may run under a shell that
        # started it in the background (its jobs ignore SIGINT, and an ignored signal is inherited)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(delay)
    proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stderr
    # SIGTERM before the handler is installed (while Python starts) ends the process: -15
    assert proc.returncode in ((0, 130) if sig == signal.SIGINT else (0, 130, -signal.SIGTERM)), stderr
    if proc.returncode == 130:
        assert "interrupted" in stderr
    assert leftovers(out) == []
    outputs = [out / f"A_RES_52_102.{fmt}" for fmt in FORMATS]
    unchanged = [snapshot(out)[p.name] == before[p.name] for p in outputs]
    # all or nothing: either every output is still version A, or every one is a whole version B
    assert all(unchanged) or all(is_version_b(p) for p in outputs)
    if proc.returncode == 0:
        assert all(is_version_b(p) for p in outputs)


def test_signal_while_writing_is_held_until_every_file_is_in_place(monkeypatch, sources, out):
    """A signal arriving between two renames waits; then the build stops as interrupted."""
    import pipeline.app.build as build

    real_replace = os.replace
    calls = []

    def replace_then_signal(src, dst):
        real_replace(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGTERM)

    monkeypatch.setattr(build.os, "replace", replace_then_signal)
    with pytest.raises(KeyboardInterrupt):
        build.build_file(sources[1], out, FORMATS)
    assert len(calls) == 3
    assert all(is_version_b(out / f"A_RES_52_102.{fmt}") for fmt in FORMATS)
    assert leftovers(out) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers restored


# -- failing writers ---------------------------------------------------------------------------


@pytest.fixture
def broken_docx(monkeypatch):
    import pipeline.writers.docx as docx

    def render(doc):
        raise RuntimeError("boom in the middle of a table")

    monkeypatch.setattr(docx, "render", render)


def test_failing_writer_writes_nothing(broken_docx, sources, out):
    from pipeline.app.build import build_file
    from pipeline.errors import WriterError

    before = snapshot(out)
    with pytest.raises(WriterError) as info:
        build_file(sources[1], out, FORMATS)
    assert (
        str(info.value)
        == "unres: internal error in the docx writer: RuntimeError: boom in the middle of a table"
    )
    assert info.value.status == 1
    assert snapshot(out) == before  # PDF and HTML rendered fine, but are not written alone


def test_failing_writer_on_the_command_line(broken_docx, sources, out, capsys):
    from pipeline.app.cli import main

    before = snapshot(out)
    status = main(["build", str(sources[1]), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.splitlines()[0] in (
        f"{where}: internal error in the docx writer: RuntimeError: boom in the middle of a table"
        for where in ("unres", sources[1])
    )
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert leftovers(out) == []


# -- folders that cannot be written ------------------------------------------------------------


def test_disk_full_while_writing(monkeypatch, sources, out):
    """ENOSPC on the second file: nothing renamed, both temporary files removed."""
    import pipeline.app.build as build
    from pipeline.errors import OutputError

    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(build.os, "fsync", fsync)
    before = snapshot(out)
    with pytest.raises(OutputError) as info:
        build.build_file(sources[1], out, FORMATS)
    assert (
        str(info.value)
        == f"{out / 'A_RES_52_102.html'}: cannot write output: No space left on device (the disk is full)"
    )
    assert info.value.status == 1
    assert snapshot(out) == before
    assert leftovers(out) == []


def _mount_tiny_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )


def test_really_full_folder(tmp_path, sources, previous):
    """A real 16 KB file system holding small old outputs: a clear error, old files intact."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not _mount_tiny_tmpfs(folder, "16k"):
        pytest.skip("cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        for fmt in FORMATS:
            (folder / f"A_RES_52_102.{fmt}").write_bytes(b"old")
        before = snapshot(folder)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        run = subprocess.run(
            [sys.executable, "-m", "pipeline", "build", str(sources[1]), "-o", str(folder)],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
        )  # fmt: skip
        assert run.returncode == 1
        assert "No space left on device (the disk is full)" in run.stderr
        assert "Traceback" not in run.stderr
        assert snapshot(folder) == before
        assert leftovers(folder) == []
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_read_only_folder(tmp_path, sources, previous):
    """A folder that cannot be written: a clear error naming the file, old outputs intact.

    As root, permissions do not stop writes, so the folder is a tmpfs remounted read-only;
    otherwise it is a folder without write permission.
    """
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = _mount_tiny_tmpfs(folder, "1m")
    if os.geteuid() == 0 and not mounted:
        pytest.skip("as root, a read-only folder needs a read-only mount, and mount is not permitted")
    try:
        for fmt in FORMATS:
            shutil.copy2(previous / f"A_RES_52_102.{fmt}", folder)
        before = snapshot(folder)
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            folder.chmod(0o555)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        run = subprocess.run(
            [sys.executable, "-m", "pipeline", "build", str(sources[1]), "-o", str(folder)],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
        )  # fmt: skip
        assert run.returncode == 1, run.stderr
        hint = (
            "Read-only file system (the output folder is on a read-only file system)"
            if mounted
            else ("Permission denied (the output folder is not writable)")
        )
        assert run.stderr.splitlines()[0] == f"{folder / 'A_RES_52_102.pdf'}: cannot write output: {hint}"
        assert "Traceback" not in run.stderr
        assert snapshot(folder) == before
        assert leftovers(folder) == []
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o755)
