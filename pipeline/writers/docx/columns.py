"""Column widths of a DOCX table, as the PDF's table gets them.

WeasyPrint lays out a ``table.data`` (width 100 %, no column widths given) with CSS's automatic
table layout (weasyprint/layout/table.py ``auto_table_layout``): each column has a min-content
width (its longest word) and a max-content width (its longest cell on one line), cell padding
included. When the max-content widths fit, every column gets its max-content width and the rest
of the line is shared in proportion to them; when they do not, each column gets its min-content
width and the rest is shared in proportion to (max − min). Word's own AutoFit differs from it
and LibreOffice keeps the grid it is given, so the DOCX writes fixed widths computed here the
same way, from the advances of the face the PDF prints (Liberation Serif, metric-compatible with
Times New Roman) at the table's type size, with the house style's letter and word spacing.
Measured on tests/fixtures/tables_quotes.yaml (modern): the PDF's columns 126.4, 79.5, 79.5,
79.5 pt (its rules' segments); these widths 126.39, 79.54, 79.54, 79.54 pt. A character the face
lacks (Chinese, Arabic: the PDF prints them in other faces) counts as an em or an average width.
"""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pipeline.writers.fonts import source_font

AVERAGE = 0.45  # em per character when the face is not installed (Times New Roman's lower case)


@lru_cache(maxsize=4)
def _face(style: str) -> tuple[dict[int, str], Any, int] | None:
    """cmap, hmtx and units per em of the face of ``style`` ("Regular", "Italic"), or None."""
    try:
        path = source_font(style)
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return None
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def _missing(char: str) -> float:
    """The advance, in em, of a character the face lacks (Chinese: a full em; else the average)."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else AVERAGE


def text_width(text: str, size: float, italic: bool = False, letter: float = 0.0, word: float = 0.0) -> float:
    """``text`` on one line at ``size`` pt: the face's advances, plus ``letter`` pt after each
    character and ``word`` pt on each space (CSS letter-spacing and word-spacing)."""
    face = _face("Italic" if italic else "Regular")
    if face is None:
        width = AVERAGE * size * len(text)
    else:
        cmap, hmtx, upm = face
        width = sum(hmtx[cmap[ord(c)]][0] if ord(c) in cmap else _missing(c) * upm for c in text) * size / upm
    return width + letter * len(text) + word * text.count(" ")


def auto_widths(cells: Sequence[Sequence[tuple[str, bool]]], available: float, size: float,
                padding: float, letter: float = 0.0, word: float = 0.0) -> list[float]:
    """Column widths summing to ``available``: ``cells`` is the table's rows, each cell its text
    and whether it is italic (the head row); ``padding`` is a cell's left plus right padding."""
    cols = max(len(row) for row in cells)
    lo, hi = [padding] * cols, [padding] * cols
    for row in cells:
        for j, (text, italic) in enumerate(row):
            words = text.split() or [""]
            lo[j] = max(lo[j], padding + max(text_width(w, size, italic, letter) for w in words))
            hi[j] = max(hi[j], padding + text_width(" ".join(words), size, italic, letter, word))
    if sum(hi) <= available:
        return [h + (available - sum(hi)) * h / sum(hi) for h in hi]
    if sum(lo) >= available or sum(hi) == sum(lo):
        return [w * available / sum(lo) for w in lo]  # as narrow as the words allow, scaled to fit
    ratio = (available - sum(lo)) / (sum(hi) - sum(lo))
    return [a + (b - a) * ratio for a, b in zip(lo, hi)]
