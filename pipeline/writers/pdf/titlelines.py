"""A title's given lines print one line each (``title: |-``, docs/layout.md "Title lines").

The source says where a title line breaks, and the model's rule is one printed line per line
(:class:`~pipeline.model.LineBreak`). WeasyPrint broke a given line again where it was wider than
the measure at the style's title spacing: A/RES/80/23's issued line "command, control and
communications systems of nuclear weapons" ends 2.9 pt past the text block in the modern style
(12 pt bold, 0.36 pt letter spacing) and printed as two lines, the title three lines where Word's
is two, and the resolution three pages where the issued one has two; A/RES/79/125's "Report of the
Special Committee on the Charter of the United Nations" ends 16.6 pt past it. Word printed each
as one line: tighter than 0.36 pt (at most 0.31 and 0.11 pt of uniform spacing, where 80/1's line,
to x 481 against our 482.6, gives about 0.34 and 73/8's 0.36), as an editor condenses a line.

So the PDF writer sets each given line in a ``white-space: nowrap`` span (``.title-line`` in
``print.css``); after the layout, a line that runs past its title's right edge has its letter
spacing reduced by the overrun over its characters (so it ends at the edge), and the document is
laid out again. A line that would need a negative spacing (wider than the measure at the font's
own advances) is left to break as before. Only the PDF: the HTML and the DOCX keep their titles'
breaks as ``<br>`` and a line break, laid out by the reader's browser or by Word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes

TITLE = re.compile(r'(<span class="title-text">)(.*?)(</span></h1>)', re.DOTALL)
BREAK = "<br>"
SLACK = 0.01  # px under the edge, so the fitted line is not refused for rounding


def given_lines(html: str) -> str:
    """``html`` with each given line of the title (split at its ``<br>``) in a span of its own."""
    match = TITLE.search(html)
    if match is None or BREAK not in match.group(2):
        return html
    lines = match.group(2).split(BREAK)
    spans = BREAK.join(
        f'<span class="title-line" data-line="{i}">{line}</span>' for i, line in enumerate(lines))
    return html[:match.start(2)] + spans + html[match.end(2):]


def _text(box: Any) -> str:
    return "".join(getattr(b, "text", "") for b in box.descendants())


def overruns(document: Any) -> dict[int, tuple[float, int, float]]:
    """Each given title line that runs past its title's right edge: line number -> (overrun px,
    characters, letter spacing px)."""
    out: dict[int, tuple[float, int, float]] = {}
    for page in document.pages[:1]:
        title = None
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) is None:
                continue
            classes = (element.get("class") or "").split()
            if isinstance(box, boxes.BlockBox) and "title" in classes:
                title = box
            if "title-line" in classes and title is not None and isinstance(box, boxes.InlineBox):
                edge = title.content_box_x() + title.width
                right = box.position_x + box.margin_width()
                spacing = box.style["letter_spacing"]
                spacing = 0.0 if spacing == "normal" else float(spacing)
                text = _text(box)
                if right - edge > 0 and text:
                    line = int(element.get("data-line"))
                    previous = out.get(line, (0.0, 0, spacing))
                    out[line] = (max(previous[0], right - edge), len(text), spacing)
    return out


def fitted(html: str, document: Any) -> str | None:
    """``html`` with the overrunning given lines set tighter (or, too wide for it, let break),
    or None when every given line fits."""
    over = overruns(document)
    if not over:
        return None

    def tighten(match: re.Match[str]) -> str:
        line = int(match.group(1))
        if line not in over:
            return match.group(0)
        overrun, chars, spacing = over[line]
        tighter = spacing - (overrun + SLACK) / chars
        if tighter < 0:
            return f'<span class="title-line wraps" data-line="{line}">'
        return f'<span class="title-line" data-line="{line}" style="letter-spacing: {tighter:.4f}px">'

    return re.sub(r'<span class="title-line" data-line="(\d+)">', tighten, html)


def laid_out(html: str, render: Callable[[str], Any]) -> Any:
    """``render(html)`` with the title's given lines one line each."""
    html = given_lines(html)
    document = render(html)
    again = fitted(html, document)
    return document if again is None else render(again)
