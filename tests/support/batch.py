"""Folders of sources for the batch and cluster tests, and a batch run that keeps its lines."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MODERN, SEED

from pipeline.app.batch import run


def folder(tmp_path: Path, n: int = 4) -> Path:
    """``n`` sources with distinct symbols, from the seed and the modern source."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(n):
        base = (SEED if i % 2 else MODERN).read_text()
        text = re.sub(r"^symbol: A/RES/(\d+)/\d+", rf"symbol: A/RES/\1/{100 + i}", base, flags=re.M)
        (src / f"doc{i}.yaml").write_text(text)
    return src


def quiet_run(sources, opts, **kw):
    lines: list[str] = []
    summary = run(sorted(sources), opts, out=lines.append, err=lines.append, progress=False, **kw)
    return summary, lines
