"""Shared test helpers. Tests build into their own temporary folders (pytest -n 2 safe)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source"
SEED = SOURCES / "A_RES_52_102.yaml"
MODERN = SOURCES / "A_RES_73_8.yaml"
# The reference texts (copies of ../shared/reference/, so the suite runs from any clone).
REFERENCE = ROOT / "tests" / "reference"
SEED_TXT = REFERENCE / "A_RES_52_102.txt"
MODERN_TXT = REFERENCE / "A_RES_73_8.txt"


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


@pytest.fixture(scope="session")
def outdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("out")


def build(src: Path, out: Path, fmt: str, style: str | None = None, paper: str | None = None) -> Path:
    """Build one format of one source into ``out`` (cached per session by path)."""
    from pipeline.app.build import build_file

    paths = build_file(src, out, (fmt,), style, paper)
    return paths[0]
