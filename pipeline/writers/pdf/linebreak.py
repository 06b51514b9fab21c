"""A line that Pango fits is not given up for the letter spacing after its last glyph.

WeasyPrint 70 breaks a text box's first line in ``split_first_line``: Pango wraps the text at
the available width, then WeasyPrint measures that first line with ``line_size``, which adds
one ``letter-spacing`` (the spacing after the last glyph, which Pango leaves out). A line Pango
filled to within that spacing of the width is then "too long"; WeasyPrint takes it for a word
that cannot be split and keeps only the first word: a line of one word in the middle of a
justified paragraph, the rest of the paragraph broken a word later. The modern style's letter
spacing (0.32 pt, Word's wider 600-dpi glyphs) did this to A/RES/80/1's second preambular
paragraph ("… ahead of the / eightieth / session of the General Assembly …": issued "… ahead
of the / eightieth session … participating in / the meetings …"), found by
tools/issued_match.py.

Here the first line is split at the available width plus that spacing, and Pango is given the
available width itself, so the two measures agree: a line Pango fits is kept as Pango broke it
(its box is at most the one letter spacing wider than the line, which justification absorbs).
A first line that ends the text box (the text goes on on the next line) is reported as wide as
the width it was given when only that spacing makes it wider: the line that follows an inline box
(an italic opener) is then kept whole too, not broken inside the box.
Text without letter spacing (the 1998 style, the 96-dpi device) is laid out as before.
"""

from __future__ import annotations

import inspect

import weasyprint.layout.inline as _winline
import weasyprint.text.line_break as _wlb

_create_layout = _wlb.create_layout
_split_first_line = _wlb.split_first_line
_SIGNATURE = ("text", "style", "context", "max_width", "justification_spacing", "is_line_start", "minimum")
_spacing = [0.0]  # the letter spacing to take off Pango's width while a first line is split


def _letter_spacing(style) -> float:
    spacing = style["letter_spacing"]
    return 0.0 if spacing == "normal" else float(spacing)


def create_layout(text, style, context, max_width, justification_spacing):
    if max_width is not None and _spacing[0]:
        max_width -= _spacing[0]
    return _create_layout(text, style, context, max_width, justification_spacing)


def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                     minimum=False):
    spacing = _letter_spacing(style)
    if max_width is None or not spacing:
        return _split_first_line(text, style, context, max_width, justification_spacing, is_line_start,
                                 minimum)
    _spacing[0] = spacing
    try:
        layout, length, resume_index, width, height, baseline = _split_first_line(
            text, style, context, max_width + spacing, justification_spacing, is_line_start, minimum)
    finally:
        _spacing[0] = 0.0
    if resume_index is not None and max_width < width <= max_width + spacing:
        # The line ends here (the text goes on on the next line), so the spacing after its last
        # glyph is at the line's end, where nothing follows it: the line is as wide as Pango
        # fitted it. Counted, it made a line whose text starts after an inline box (an italic
        # opener: A/RES/80/116's "Recalling further its decision …") overflow by less than the
        # spacing, and WeasyPrint broke the line inside the box instead ("Recalling" / "further
        # its decision …").
        width = max_width
    return layout, length, resume_index, width, height, baseline


def install() -> bool:
    """Put the two functions in WeasyPrint's place for its line layout; False (and nothing
    changed) when WeasyPrint's functions are not the ones this was written against."""
    if _winline.split_first_line is split_first_line:
        return True
    if (tuple(inspect.signature(_split_first_line).parameters) != _SIGNATURE
            or _winline.split_first_line is not _split_first_line
            or "line_size" not in _split_first_line.__code__.co_names):
        return False
    _wlb.create_layout = create_layout
    _winline.split_first_line = split_first_line
    return True
