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
_EPSILON = 0.01  # px: Pango asked again with the excess and this much less width, then twice that ...
_MOST_LESS = 3.0  # ... while under 3 px (narrower than any word and its space: one word less at most)


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
    if max_width is not None and text.endswith(" ") and style["white_space"] in ("normal", "pre-line"):
        whole = _fits_but_for_its_trailing_spaces(text, style, context, max_width + spacing,
                                                  justification_spacing)
        if whole is not None:
            return whole
    if max_width is None or not spacing:
        return _split_first_line(text, style, context, max_width, justification_spacing, is_line_start,
                                 minimum)
    layout, length, resume_index, width, height, baseline = _split(
        text, style, context, max_width, spacing, justification_spacing, is_line_start, minimum)
    over = width - (max_width + spacing)
    if resume_index is not None and over > 0:
        # Pango broke the line at its own measure, which the line it shapes can exceed by a
        # fraction of a point: A/RES/80/19's "Taking note of … to establish for its" came out
        # 0.2 px over the width Pango was given. WeasyPrint takes a line that does not fit for
        # one that cannot be broken earlier, and broke the line inside the italic opener
        # before it ("Taking" / "note of …"). Pango is asked again with less width, so the line
        # breaks before the word that overflowed (Word: "… for" / "its"; 7 of the 11 such lines
        # of tests/layout/issued break there, docs/layout.md "Lines Pango overfills").
        less = over + _EPSILON
        while less < _MOST_LESS:
            retry = _split(text, style, context, max_width - less, spacing, justification_spacing,
                           is_line_start, minimum)
            if retry[2] is not None and 0 < retry[1] < length:
                layout, length, resume_index, width, height, baseline = retry
                break
            less *= 2
    if resume_index is not None and max_width < width <= max_width + spacing:
        # The line ends here (the text goes on on the next line), so the spacing after its last
        # glyph is at the line's end, where nothing follows it: the line is as wide as Pango
        # fitted it. Counted, it made a line whose text starts after an inline box (an italic
        # opener: A/RES/80/116's "Recalling further its decision …") overflow by less than the
        # spacing, and WeasyPrint broke the line inside the box instead ("Recalling" / "further
        # its decision …").
        width = max_width
    return layout, length, resume_index, width, height, baseline


def _fits_but_for_its_trailing_spaces(text, style, context, max_width, justification_spacing):
    """The whole ``text`` as one line when Pango fits it and only its trailing spaces overflow.

    A text box that ends with a space before the next inline box (A/RES/80/112 p.7: "meeting on
    improving … of its resolution " before the link "78/290") is measured by WeasyPrint with that
    space, which Pango leaves out when it wraps: the line "does not fit", WeasyPrint takes it for
    an unbreakable one, and keeps the first word alone on its line ("meeting" / "on improving
    …"). Given the whole text, WeasyPrint's inline layout leaves the space at the line's end
    (as CSS says) and breaks before the next box if that does not fit.
    """
    _spacing[0] = _letter_spacing(style)
    try:
        layout = create_layout(text, style, context, max_width, justification_spacing)
    finally:
        _spacing[0] = 0.0
    first_line, resume_index = layout.get_first_line()
    if resume_index is not None:
        return None
    bare = create_layout(text.rstrip(" "), style, context, None, justification_spacing)
    bare_line, _ = bare.get_first_line()
    if _wlb.line_size(bare_line, style)[0] > max_width:
        return None
    return _wlb.first_line_metrics(first_line, text, layout, None, True, style)


def _split(text, style, context, max_width, spacing, justification_spacing, is_line_start, minimum):
    """WeasyPrint's split at ``max_width`` plus the spacing, Pango given ``max_width`` itself."""
    _spacing[0] = spacing
    try:
        return _split_first_line(text, style, context, max_width + spacing, justification_spacing,
                                 is_line_start, minimum)
    finally:
        _spacing[0] = 0.0


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
