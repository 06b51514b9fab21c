"""Writers: a resolved :class:`~pipeline.model.Document` → the bytes of one output format.

Each writer module exposes ``render(doc: Document) -> bytes`` and is imported only when
its format is asked for (an HTML-only build never imports WeasyPrint).
"""

from __future__ import annotations

import importlib

from pipeline.model import Document

FORMATS = ("pdf", "html", "docx")
_MODULES = {"pdf": "pipeline.writers.pdf", "html": "pipeline.writers.html", "docx": "pipeline.writers.docx"}


def render(fmt: str, doc: Document, print_html: str | None = None) -> bytes:
    """``print_html``: the PDF's input already rendered (by another process); PDF only."""
    module = importlib.import_module(_MODULES[fmt])
    return module.render(doc, print_html) if print_html is not None else module.render(doc)
