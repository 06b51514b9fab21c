"""Reproducible bytes: the same inputs give the same PDF, DOCX and HTML, whatever the run.

Each source is built three times by the command line, from one snapshot of the project:
twice from the project folder (different hash seeds), once from another folder with
absolute paths, another time zone, another locale, no ``SOURCE_DATE_EPOCH``, and two
worker processes. Every output must have the same sha256, and no output may carry
today's date (a clock in the metadata).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MODERN, ROOT, SEED
from test_batch import copy_project

from pipeline.writers import filename, known

FORMATS = known()  # every format, the AKN too

SOURCES = {"A_RES_52_102": SEED, "A_RES_73_8": MODERN}
RUNS = {
    "a": {"PYTHONHASHSEED": "1"},
    "b": {"PYTHONHASHSEED": "2"},
    "c": {"PYTHONHASHSEED": "3", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """Output folder of each run."""
    base = tmp_path_factory.mktemp("repro")
    project = copy_project(base / "project")  # one snapshot of the code for all runs
    elsewhere = base / "cwd"
    elsewhere.mkdir()
    out: dict[str, Path] = {}
    for name, extra in RUNS.items():
        env = dict(os.environ, PYTHONPATH=str(project), **extra)
        rel = [p.relative_to(ROOT) for p in SOURCES.values()]
        if name == "c":
            env.pop("SOURCE_DATE_EPOCH", None)
            sources, cwd, jobs = [str(project / p) for p in rel], elsewhere, "2"
        else:
            sources, cwd, jobs = [str(p) for p in rel], project, "1"
        out[name] = base / name
        cmd = [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            *sources,
            "-o",
            str(out[name]),
            "-j",
            jobs,
            "--format",
            ",".join(FORMATS),
        ]
        res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr
    return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("stem", SOURCES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_in_every_run(runs, fmt, stem):
    digests = {name: sha(folder / filename(stem, fmt)) for name, folder in runs.items()}
    assert len(set(digests.values())) == 1, digests


def _texts(path: Path) -> list[bytes]:
    """What a clock could hide in: the file, or each part of a zip (DOCX) uncompressed."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [data]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [z.read(info) for info in z.infolist()]


@pytest.mark.parametrize("stem", SOURCES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_clock_in_outputs(runs, fmt, stem):
    path = runs["a"] / filename(stem, fmt)
    days = {dt.date.today(), dt.datetime.now(dt.UTC).date()}
    stamps = {s.encode() for d in days for s in (d.isoformat(), d.strftime("%Y%m%d"))}
    for part in _texts(path):
        assert not [s for s in stamps if s in part], f"today's date in {path.name}"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            times = {info.date_time for info in z.infolist()}
        assert len(times) == 1 and dt.date(*list(times)[0][:3]) not in days, times
