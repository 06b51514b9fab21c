"""A running head taller than the top margin pushes the text of pages 2 on down, as Word's header
does, instead of running off the page.

Pages 2 on carry the running head (the symbol and the title, or the source's ``short_title:``;
1998: the symbol and "Page n") in the page's top margin, at the foot of its margin box
(``vertical-align: bottom``), so that one or two lines end at the rule where the issued ones do;
the lines above them rise towards the page's edge. The margin cannot grow: a head taller than it
(seven lines or more at 250 pt, 8.5 pt bold: a title of about 340 characters) rose out of its box
and off the top of the page.

Word's header grows until it meets the text, then moves the text down. So here: after the layout,
a head that stands above its margin box's content (the page's edge: the boxes have no padding
above) has the top margin of pages 2 on grown by what it stands above it, and the document is laid
out again; the head then starts at the top of the page, its rule and the text below it as far down
as it is taller. Page 1 (``@page :first``) keeps its margin; a head that fits changes nothing (the
PDF is laid out once, as before). The issued pages say where Word's own header starts: at most
about 23 pt from the top, since their four-line heads (A/RES/77/1, 80/116) and three-line ones
(79/160 …) leave the text where a two-line head does (tools/issued_match.py: with the heads of
three lines or more starting at 40 pt, the DOCX's header distance, and the text pushed down, 7 of
the 139 page ends it counts were lost). Any room kept above the head would be a guess.

A head of more lines than issued heads take (four: A/RES/77/1's and 80/116's; three in 79/60, 79/160,
80/16, 80/18 and 80/200) is also a warning at the source's ``short_title:`` (or ``title:``): an
imported issued document keeps its head without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes

from pipeline.errors import Diagnostic, warn
from pipeline.model import Document

SLACK = 0.01  # px: a head this far above its room fits (rounding)
MOST_LINES = 4  # the issued running heads' most lines (A/RES/77/1, 80/116)
PT = 0.75  # pt per CSS px


@dataclass(frozen=True)
class Head:
    """The running head of pages 2 on, as laid out."""

    lines: int  # the most lines of any of its parts (the title's)
    rise: float  # px its top stands above its room's top (0 when it fits)
    margin_top: float  # px: the page's top margin


def box_classes(box: Any) -> list[str]:
    """The classes of the element a laid-out box stands for (none for an anonymous box)."""
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None:
        return []
    return (element.get("class") or "").split()


def _lines(head: Any) -> int:
    return max((sum(isinstance(child, boxes.LineBox) for child in box.children)
                for box in head.descendants() if isinstance(box, boxes.ParentBox)), default=0)


def measure(document: Any) -> Head | None:
    """The tallest running head of pages 2 on (None: a single page, or no running head)."""
    rises: list[float] = []
    lines: list[int] = []
    margin_top = 0.0
    for page in document.pages[1:]:
        for margin in page._page_box.children:
            head = next((b for b in margin.descendants() if "run-head" in box_classes(b)), None)
            if isinstance(margin, boxes.MarginBox) and head is not None:
                rises.append(max(0.0, margin.content_box_y() - head.position_y))
                lines.append(_lines(head))
                margin_top = page._page_box.margin_top
    return Head(max(lines), max(rises), margin_top) if lines else None


def room(head: Head) -> str:
    """The style sheet that grows the top margin of pages 2 on by what the head rises above its room
    (``:left`` and ``:right`` weigh less than the first page's ``:first``)."""
    top = head.margin_top + head.rise
    return f"@page :left {{ margin-top: {top:.4f}px; }} @page :right {{ margin-top: {top:.4f}px; }}"


def warning(doc: Document, head: Head) -> Diagnostic:
    """At the source's ``short_title:`` (or ``title:``, when it gives none)."""
    key, line, column = doc.masthead.short_title_at
    lower = f", so their text starts {head.rise * PT:.1f} pt lower" if head.rise > SLACK else ""
    advice = "shorten short_title:" if key == "short_title" else "give a shorter running head as short_title:"
    return Diagnostic(doc.meta.source, line, column,
                      f"the running head of pages 2 on takes {head.lines} lines, more than {MOST_LINES}"
                      f"{lower}; {advice}", "warning")


def laid_out(doc: Document, html: str, render: Callable[..., Any]) -> Any:
    """``render(html)``, laid out again with ``render(html, room)`` when its running head stands
    above its room; a head of more lines than issued heads take is warned of."""
    document = render(html)
    head = measure(document)
    if head is None:
        return document
    if head.lines > MOST_LINES:
        warn(warning(doc, head))
    if head.rise <= SLACK:
        return document
    return render(html, room(head))
