"""The end rule kept clear of the notes of its page.

The modern style's end rule (72 pt, centred) is drawn 29 pt under the document's last lines and
takes no room in the flow (templates/css/print-modern.css ``.end-rule``; docs/layout.md, "The end
rule"), so that a last page holds its plenary lines where Word's does. On a full last page the
rule falls in the bottom margin, but where that page has notes it fell among them: an amendment
document whose last instruction ends about 30 pt above its sponsor note (A/80/L.30, imported) had
the rule through the note's words ("reflected in the official"). Here, after the layout, a rule
whose line would stand lower than the top of its page's notes area (its separator's room) is set
halfway between the last lines and that top: the document is laid out again with that offset,
which moves nothing else (the rule takes no room).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes

from pipeline.writers.pdf.runninghead import PT, box_classes

OFFSET = 29.0  # pt: the rule under the last lines (print-modern.css)


def clearance(document: Any) -> float | None:
    """The rule's offset in pt that keeps it above its page's notes, or None when it is clear
    (no rule, no notes on its page, or room enough)."""
    for page in document.pages:
        page_box = page._page_box
        rule = next((b for b in page_box.descendants() if "end-rule" in box_classes(b)), None)
        if rule is None:
            continue
        area = next((b for b in page_box.children if isinstance(b, boxes.FootnoteAreaBox)), None)
        if area is None or not area.children:
            return None
        notes_top = area.position_y  # its margin's top: the separator's room above the rule
        line = rule.border_box_y()
        if line < notes_top:
            return None
        static = line - OFFSET / PT  # where the rule's box stands in the flow: under the last lines
        return max(0.0, (notes_top - static) / 2) * PT
    return None


def laid_out(render: Callable[[str], Any]) -> Any:
    """``render("")``, laid out again with the rule moved up (``render(css)``) when it would fall
    among its page's notes."""
    document = render("")
    offset = clearance(document)
    if offset is None:
        return document
    return render(f".end-rule {{ top: {offset:.2f}pt; }}")
