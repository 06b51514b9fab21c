"""Writers: a resolved :class:`~pipeline.model.Document` → the bytes of one output format.

Each writer module exposes ``render(doc: Document) -> bytes`` and is imported only when
its format is asked for (an HTML-only build never imports WeasyPrint).
"""

from __future__ import annotations

import importlib

from ..model import Document

FORMATS = ("pdf", "html", "docx")
_MODULES = {"pdf": "pipeline.writers.pdf", "html": "pipeline.writers.html", "docx": "pipeline.writers.docx"}


def available() -> tuple[str, ...]:
    """The formats whose writer exists in this version."""
    out = []
    for fmt in FORMATS:
        try:
            importlib.util.find_spec(_MODULES[fmt])  # type: ignore[attr-defined]
        except ModuleNotFoundError:
            continue
        if importlib.util.find_spec(_MODULES[fmt]) is not None:  # type: ignore[attr-defined]
            out.append(fmt)
    return tuple(out)


def render(fmt: str, doc: Document) -> bytes:
    return importlib.import_module(_MODULES[fmt]).render(doc)
