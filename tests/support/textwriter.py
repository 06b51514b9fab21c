"""A toy writer for the registry tests: the resolved document as plain text, a line a block."""

from __future__ import annotations

from pipeline.model import Document, plain_text, walk_paras


def render(doc: Document) -> bytes:
    lines = [doc.masthead.symbol, plain_text(doc.masthead.title)]
    for part in doc.parts:
        lines += [f"{p.label or ''} {plain_text(p.runs)}".strip() for p in walk_paras(part.operative)]
    return ("\n".join(lines) + "\n").encode()
