"""Writers: a resolved :class:`~pipeline.model.Document` → the bytes of one output format.

The formats are registered in one place, :mod:`pipeline.writers.registry`; each writer is
imported only when its format is asked for (an HTML-only build never imports WeasyPrint).
"""

from __future__ import annotations

from pipeline.writers.registry import (
    Format,
    can_prepare,
    defaults,
    filename,
    has_volume,
    known,
    prepare,
    register,
    render,
    write_volume,
)

#: The formats a build makes by default (``--format`` may name any of :func:`known`).
FORMATS = defaults()

__all__ = [
    "FORMATS", "Format", "can_prepare", "defaults", "filename", "has_volume", "known", "prepare", "register",
    "render", "write_volume",
]
