"""Every note on its call's page, as Word places them: a WeasyPrint line-layout patch.

Word keeps a footnote on the page of its call: when a line's note does not fit under the
text already on the page, the line itself goes to the next page (with widow and orphan
control deciding how many lines go with it), and the note with it. WeasyPrint 70 does not:

- with the default ``footnote-policy: auto`` it keeps the line and *reports* the note to
  the next page (the note is printed one page after its call: A/RES/80/3, 80/5, 80/6, 80/8,
  80/9, 80/10 in the modern style);
- when a line does not fit and orphans forbid breaking before it, it reports the notes of the
  lines *above* to make room ("report footnotes and see if we don't overflow" in
  ``weasyprint/layout/block.py``) - the notes leave a page their calls stay on, their order is
  reversed (9, 8), and the notes of the line that took their room are never laid out at all:
  the 1998-style A/RES/80/9 lost note 10 this way (its call printed, its text nowhere);
- ``footnote-policy: line`` pushes the line, but only after the report above has run, and
  without giving back the lines it read ahead for widows.

:func:`_linebox_layout` replaces WeasyPrint's function of that name (``weasyprint.layout.
block._linebox_layout``, which ``block_container_layout`` looks up at each call) with the
same line loop and two changes: a note that does not fit moves its line to the next page
(through WeasyPrint's own ``_break_line``, so widows and orphans hold), and no note is ever
reported to make room for a later line. A long note goes with its line too, whole: Word moved
A/RES/80/112's three-line paragraph calling a nine-line note to the next page rather than
continue the note, and no issued text at hand continues one (docs/layout.md, "Notes on their
call's page").

A note is continued on the next page (:func:`_split`) only when moving its line could not help
(:func:`_taller_than_a_page`: it could not stand whole under its call on any page, or its line
was moved on for it once already): when it is the last note called in its line, its first lines
stay under the call (at least two) and the rest goes to the top of the next page's notes (at
least two lines; only when no other note is waiting for that page). A note is reported whole to
the next page only when its line is the first thing on the page and it cannot be split.
WeasyPrint lays a note out whole, so the first part is a copy of the note whose ``max-lines``
stops it after those lines, and the rest a copy reported to the next page whose notes area is
laid out with a skip stack that resumes the note after them
(:func:`_area_layout`, in place of ``block_level_layout`` where ``weasyprint.layout.page`` and
``weasyprint.layout`` lay the notes area out); ``unlayout_footnote`` takes both parts back when
WeasyPrint gives up the calling line. A rest still taller than the next page can give it (a note
of several pages) is continued again there (:func:`_layout_footnote`): it keeps the lines that fit
over the room orphan control keeps for the text (the calling line's height times ``orphans``),
at least two, and the rest goes on at the top of the next page's notes, page after page.
WeasyPrint 70 lays the first reported note out whole whatever its height, so such a rest ran
up over the text and the running head, off the page, and its first lines were lost.

Word draws its *continuation separator* above the notes of a page that begin with a continued
note: a rule across the main text's extents (ECMA-376 17.11.1, ``w:continuationSeparator``: "a
horizontal line which spans the width of the main story's text extents"), margin to margin,
instead of the short separator. A house style that wants it says so on its notes area
(``@footnote { --continuation-rule: margins }``, the modern sheet); there the area that resumes a
continued note has its border box widened to the page area after layout (its notes stay where
they are), so its top border is that long rule (:func:`_continuation_rule`). The 1998 sheet
keeps the short rule (../shared/docs/un-style.md: notes "under a short rule"; typescript, not Word).

The PDF writer installs the patch before each layout (:func:`install`, checked against
WeasyPrint's signature); tests/test_footnotes.py builds a fixture that WeasyPrint's own
function lays out wrongly, so a release that changes the internals fails the suite.
"""

from __future__ import annotations

import inspect
from math import inf

import weasyprint.layout as _wlayout
from weasyprint.formatting_structure import boxes as _wboxes
from weasyprint.formatting_structure.build import create_anonymous_boxes
from weasyprint.layout import block as _wblock
from weasyprint.layout import page as _wpage
from weasyprint.layout.inline import iter_line_boxes

_original = _wblock._linebox_layout
_block_level_layout = _wblock.block_level_layout
_unlayout = _wlayout.LayoutContext.unlayout_footnote
_layout = _wlayout.LayoutContext.layout_footnote
#: Lines of a note Word keeps on each side of a page break (widow and orphan control).
_NOTE_LINES = 2
_SIGNATURE = (
    "context", "box", "index", "child", "new_children", "page_is_empty", "absolute_boxes",
    "fixed_boxes", "adjoining_margins", "bottom_space", "position_y", "skip_stack",
    "first_letter_style", "first_line_style", "draw_bottom_decoration", "max_lines",
)


def _read_ahead(context, box, lines, absolute_boxes, fixed_boxes) -> int:
    """Lines the next page still needs for ``widows`` after reading ahead in ``lines``."""
    needed = box.style["widows"] - 1
    while needed > 0:
        following = next(lines, None)
        if following is None:
            break
        _wblock.remove_placeholders(context, following[0].children, absolute_boxes, fixed_boxes)
        needed -= 1
    return needed


def _place_notes(context, line, state) -> bool:
    """Lay out the notes called in ``line``; False when the line must go to the next page."""
    calls = [d.footnote for d in line.descendants() if d.footnote in context.footnotes]
    for note in calls:
        overflow = context.layout_footnote(note)
        state.new_footnotes.append(note)
        if not (overflow or context.reported_footnotes or state.overflows(line)):
            continue
        if state.new_children or not state.page_is_empty:
            if note is calls[-1] and _taller_than_a_page(context, note, line, state) \
                    and _split(context, note, line, state):
                continue  # its first lines here, the rest at the top of the next page's notes
            if getattr(note, "unres_moved_from", None) is None:
                note.unres_moved_from = context.current_page
            return False  # the line (and, by _break_line, what widows need) moves on, note whole
        if note is calls[-1] and _split(context, note, line, state):
            continue  # first on its page and still too tall: continued
        context.report_footnote(note)  # first on its page: the note cannot fit anywhere
    return True


def _taller_than_a_page(context, note, line, state) -> bool:
    """Whether ``note`` cannot stand whole under its call on any page, so that moving the call's
    line on gains nothing: the note alone in a notes area, under as many lines of the call line's
    height as orphan control keeps at the top of a page (``orphans``: the call line and the line
    before it, or the one after it), is taller than the page's text area; or the line was moved
    on for this note once already (a later page where it still does not fit: the lines kept
    with it were more). Otherwise Word moves the line and keeps the note whole."""
    moved = getattr(note, "unres_moved_from", None)
    if moved is not None and context.current_page is not None and moved < context.current_page:
        return True
    area = _alone_area(context, note)
    lines = max(1, state.box.style["orphans"])
    return area.margin_height() + line.height * lines > context.current_footnote_area.page.height


def _alone_area(context, note):
    """A copy of the page's notes area holding ``note`` alone, laid out whole."""
    area = context.current_footnote_area
    kept, area.children = area.children, [note]
    try:
        copy = create_anonymous_boxes(area.deepcopy())
    finally:
        area.children = kept
    return _area_layout(context, copy, -inf, None, area.page, True, [], [])[0]


def _alone(context, note):
    """``note`` laid out whole by itself in a copy of the page's notes area: its line boxes."""
    return _alone_area(context, note).children[0].children


def _split(context, note, line, state) -> bool:
    """Word's continued note: the first lines of ``note`` under its call, the rest reported to
    the top of the next page's notes. A note is split only when nothing else is reported (so its
    rest is the next page's first note) and at least two of its lines stand on each page. The
    first part leaves room for the lines orphan control keeps with the calling line: the most
    lines that fit under the call line alone would push the paragraph's next line, and with it
    (orphans) the call, to the next page, and the note whole with it."""
    if context.reported_footnotes:
        return False
    context.unlayout_footnote(note)
    state.new_footnotes.remove(note)
    lines = _alone(context, note)
    for keep in range(len(lines) - _NOTE_LINES, _NOTE_LINES - 1, -1):
        first = note.copy()
        first.style = note.style.copy()
        first.style["max_lines"] = keep
        first.unres_whole = note
        context.footnotes.append(first)
        if not (context.layout_footnote(first) or state.overflows(line, state.orphan_lines(line))):
            rest = note.copy()
            rest.unres_whole = note
            # the notes area's skip stack: its first child (this note), its line box, after line `keep`
            rest.unres_resume = {0: {0: lines[keep - 1].resume_at}}
            # what a page that goes on with it keeps for the text: the lines orphan control keeps
            rest.unres_room = line.height * max(1, state.box.style["orphans"])
            context.footnotes.remove(note)
            context.reported_footnotes.append(rest)
            state.new_footnotes.append(first)
            return True
        context.current_page_footnotes.remove(first)
        context._update_footnote_area()
    context.layout_footnote(note)  # as it was: the caller moves the line
    state.new_footnotes.append(note)
    return False


def _layout_footnote(context, footnote):
    """WeasyPrint's ``layout_footnote``, which continues a continued note again when its rest,
    first in a page's notes, is still taller than the page can give it (a note of several
    pages): the lines that fit stay, the rest goes on at the top of the next page's notes."""
    overflow = _layout(context, footnote)
    room = getattr(footnote, "unres_room", None)
    if room is None or context.current_page_footnotes != [footnote]:
        return overflow
    area = context.current_footnote_area
    if area.margin_height() <= area.page.height - room:
        return overflow
    return _continue(context, footnote, area.page.height - room)


def _continue(context, rest, limit: float) -> bool:
    """Keep of ``rest`` (a continued note alone in the page's notes) the most lines, at least
    two, whose notes area is no taller than ``limit``; report the others (at least two) to the
    next page. False when it was split, else WeasyPrint's overflow for the note whole."""
    lines = _alone(context, rest)
    context.current_page_footnotes.remove(rest)
    context._update_footnote_area()
    for keep in range(len(lines) - _NOTE_LINES, _NOTE_LINES - 1, -1):
        part = rest.copy()
        part.style = rest.style.copy()
        part.style["max_lines"] = keep
        context.footnotes.append(part)
        _layout(context, part)
        if context.current_footnote_area.margin_height() <= limit:
            more = rest.copy()
            more.unres_resume = {0: {0: lines[keep - 1].resume_at}}
            context.reported_footnotes.insert(0, more)
            return False
        context.current_page_footnotes.remove(part)
        context._update_footnote_area()
    context.footnotes.append(rest)
    return _layout(context, rest)  # as it was: too few lines to split


def _unlayout_footnote(context, footnote):
    """WeasyPrint's ``unlayout_footnote``, which also takes back both parts of a split note:
    the whole note waits for its call again."""
    whole = getattr(footnote, "unres_whole", footnote)
    parts = [f for f in (*context.current_page_footnotes, *context.reported_footnotes)
             if getattr(f, "unres_whole", None) is whole]
    if not parts:
        return _unlayout(context, footnote)
    for part in parts:
        on_page = part in context.current_page_footnotes
        (context.current_page_footnotes if on_page else context.reported_footnotes).remove(part)
    if whole not in context.footnotes:
        context.footnotes.append(whole)
    context._update_footnote_area()
    return None


def _area_layout(context, box, *args, **kwargs):
    """``block_level_layout`` for the page's notes area resumes a continued note (the area's
    first child) where its first part ended, under the continuation rule where the style has one."""
    resume = None
    if isinstance(box, _wboxes.FootnoteAreaBox) and box.children:
        resume = getattr(box.children[0], "unres_resume", None)
        if resume is not None:
            if len(args) > 1 and args[1] is None:
                args = (args[0], resume, *args[2:])
            elif kwargs.get("skip_stack", "") is None:
                kwargs["skip_stack"] = resume
    result = _block_level_layout(context, box, *args, **kwargs)
    if resume is not None and result[0] is not None:
        _continuation_rule(result[0])
    return result


def _continuation_rule(area) -> None:
    """Word's continuation separator: the laid-out notes area of a page that begins with a
    continued note spans the page area (margin to margin), so its top border is the long rule,
    when its style asks for it (``--continuation-rule: margins``). The notes keep their place:
    the area's margins become padding."""
    wanted = area.style["__continuation_rule"]
    if not wanted or [getattr(t, "value", None) for t in wanted] != ["margins"]:
        return
    page = area.page
    left, right = page.content_box_x(), page.content_box_x() + page.width
    grow = area.border_box_x() - left
    area.margin_left -= grow
    area.padding_left += grow
    area.padding_right += right - (area.border_box_x() + area.border_width())
    area.margin_right = 0


class _State:
    """What the line loop shares with its helpers."""

    def __init__(self, box, new_children, page_is_empty, bottom_space, draw_bottom_decoration):
        self.box = box
        self.new_children = new_children
        self.page_is_empty = page_is_empty
        self.bottom_space = bottom_space
        self.draw_bottom_decoration = draw_bottom_decoration
        self.new_footnotes: list = []
        self.context = None

    def offset(self) -> float:
        box = self.box
        return box.border_bottom_width + box.padding_bottom if self.draw_bottom_decoration else 0

    def overflows(self, line, following: int = 0) -> bool:
        """Whether ``line`` (and ``following`` more lines of its height) overflows the page."""
        bottom = line.position_y + line.height * (1 + following) + self.offset()
        return self.context.overflows_page(self.bottom_space, bottom)

    def orphan_lines(self, line) -> int:
        """Lines of the paragraph that must stand on this page after ``line`` when it is the last
        one called here: orphan control keeps ``orphans`` lines at a page's foot."""
        if line.resume_at is None:
            return 0
        return max(0, self.box.style["orphans"] - len(self.new_children) - 1)


def _linebox_layout(context, box, index, child, new_children, page_is_empty,
                    absolute_boxes, fixed_boxes, adjoining_margins,
                    bottom_space, position_y, skip_stack, first_letter_style,
                    first_line_style, draw_bottom_decoration, max_lines):
    """WeasyPrint's line loop (``weasyprint.layout.block._linebox_layout``, 70.0), notes as Word."""
    abort = stop = False
    resume_at = None
    state = _State(box, new_children, page_is_empty, bottom_space, draw_bottom_decoration)
    state.context = context
    if adjoining_margins:
        position_y += _wblock.collapse_margin(adjoining_margins)
    lines = iter_line_boxes(
        context, child, position_y, bottom_space, skip_stack, box,
        absolute_boxes, fixed_boxes, first_letter_style, first_line_style)
    for line, resume_at in lines:
        if max_lines is not None:
            if max_lines == 0:
                new_children[-1].block_ellipsis = box.style["block_ellipsis"]
                break
            max_lines -= 1
        line.resume_at = resume_at
        state.draw_bottom_decoration |= resume_at is None
        if (new_children or not page_is_empty) and state.overflows(line):
            needed = _read_ahead(context, box, lines, absolute_boxes, fixed_boxes)
            abort, stop, resume_at = _wblock._break_line(
                context, box, line, new_children, max(0, needed), page_is_empty, index,
                skip_stack, resume_at, absolute_boxes, fixed_boxes)
            break
        if page_is_empty and context.overflows_page(bottom_space, line.position_y + line.height):
            # Too high for an empty page: drop the top margin (as WeasyPrint does).
            line.translate(0, -box.margin_top)
            box.margin_top = 0
        if context.footnotes and not _place_notes(context, line, state):
            needed = _read_ahead(context, box, lines, absolute_boxes, fixed_boxes)
            abort, stop, resume_at = _wblock._break_line(
                context, box, line, new_children, needed, page_is_empty, index,
                skip_stack, resume_at, absolute_boxes, fixed_boxes)
            break
        new_children.append(line)
        position_y = line.position_y + line.height
        skip_stack = resume_at
    if new_children:
        resume_at = {index: new_children[-1].resume_at}
    return abort, stop, resume_at, position_y, state.new_footnotes, max_lines


def install() -> bool:
    """Put :func:`_linebox_layout` in WeasyPrint's place; False (and nothing changed) when
    WeasyPrint's function is not the one this was written against."""
    if _wblock._linebox_layout is _linebox_layout:
        return True
    if tuple(inspect.signature(_original).parameters) != _SIGNATURE or not hasattr(_wblock, "_break_line"):
        return False
    if {_wpage.block_level_layout, _wlayout.block_level_layout} - {_block_level_layout, _area_layout}:
        return False
    _wblock._linebox_layout = _linebox_layout
    _wpage.block_level_layout = _wlayout.block_level_layout = _area_layout
    _wlayout.LayoutContext.unlayout_footnote = _unlayout_footnote
    _wlayout.LayoutContext.layout_footnote = _layout_footnote
    return True

