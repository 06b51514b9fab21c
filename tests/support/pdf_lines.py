"""A PDF page's words grouped into its printed lines (pdfplumber)."""

from __future__ import annotations

from typing import Any


def word_lines(page: Any, **extract: Any) -> list[list[dict]]:
    """``page``'s words (``page.extract_words(**extract)``), grouped into lines top to bottom: a
    word within 1 pt of a line's first word's top is on that line. Each line's words left to
    right: a raised marker's top rounds apart from its line's (0.4 pt lower than the line's when
    the modern style's table rows are 14.69 pt apart), so sorting by rounded top alone put
    "a" after "Includes"."""
    lines: list[list[dict]] = []
    for w in sorted(page.extract_words(**extract), key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 1:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]
