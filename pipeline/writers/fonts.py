"""The face the printed pages are set in, as fontconfig finds it: shared by the PDF writer's
96-dpi device fonts (:mod:`pipeline.writers.pdf.device`) and the DOCX writer's table column
widths (:mod:`pipeline.writers.docx.columns`). No WeasyPrint here: the DOCX path imports it."""

from __future__ import annotations

import subprocess
from pathlib import Path

#: Metric-compatible with Times New Roman, the issued documents' face.
SOURCE_FAMILY = "Liberation Serif"


def source_font(style: str) -> Path:
    """The Liberation Serif file of a style ("Bold Italic"), as fontconfig finds it."""
    out = subprocess.run(["fc-match", "--format=%{file}", f"{SOURCE_FAMILY}:style={style}"],
                         capture_output=True, text=True, check=True, timeout=30).stdout
    path = Path(out)
    if not path.is_file() or "liberationserif" not in path.name.lower().replace("-", ""):
        raise RuntimeError(f"unres: {SOURCE_FAMILY} {style} is not installed (tools/system-deps.sh)")
    return path
