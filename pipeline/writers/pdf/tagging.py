"""PDF/UA tagging on top of WeasyPrint's structure tree.

WeasyPrint (``pdf_tags``) maps HTML elements to structure types but leaves three things a
screen reader needs: footnotes are plain spans in the page's footnote area, running page
furniture (margin boxes) is marked content that belongs to no structure element, and
paragraph numbers are ordinary text. While this module's :func:`tagging` context is
active, WeasyPrint's tag builder is wrapped so that

- the footnote call becomes a ``Reference`` and the footnote body a ``Note`` (with an
  ``ID``) moved right after its ``Reference`` in the tree, so the note is read where it is
  called; its printed number is the note's ``Lbl``;
- a long note continued on the next page is one ``Note`` (the rest's content joins it);
- paragraph numbers (``span.num``) become ``Lbl``: a numbered paragraph inside a list item
  reads as ``LI [Lbl, LBody]``, a labelled paragraph elsewhere as ``P [Lbl …]``;
- a heading whose content WeasyPrint splits into blocks (a part's letter or a section's number
  on a line of its own, ``display: block``) is one heading: WeasyPrint tags the anonymous block
  around the rest of its text with the heading's tag again (``H2 [Span, H2 […]]``), a heading
  nested in a heading; that inner element's content goes into the heading itself, so the headings
  of a part or section stand side by side in its ``Sect``;
- a table's header cells (``th scope``) carry their ``/Scope`` (``Column``, ``Row``) in a
  ``/Table`` attribute, so a screen reader reads each cell with its column and row heads;
- text in the page-margin boxes (running header, page number, page-1 footer) is turned
  into ``/Artifact`` marked content (pagination artifacts), while images there with
  alternative text (the barcode and QR code) stay ``Figure`` elements in the tree.

This hooks private functions of WeasyPrint (``weasyprint.pdf.tags._build_box_tree`` and
``weasyprint.pdf.add_tags``); tests/test_pdfua.py reads the resulting tree with pikepdf, so
a WeasyPrint release that changes them fails the suite instead of silently untagging.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pydyf
from weasyprint import pdf as _wpdf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as _wtags

_original_build = _wtags._build_box_tree
_original_add_tags = _wpdf.add_tags
_lock = threading.RLock()
_state = threading.local()


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None:
        return set()
    return set((element.get("class") or "").split())


def _descendants(box):
    for child in getattr(box, "children", ()):
        if isinstance(child, AbsolutePlaceholder):
            child = child._box
        yield child
        yield from _descendants(child)


def _margin_box(box, parent, pdf, page_number, nums, annotations, tags):
    """Furniture: text becomes an artifact, images with alt text stay figures."""
    stream = _state.streams.get(id(tags))
    for child in _descendants(box):
        if isinstance(child, boxes.ReplacedBox) and child.element is not None and child.element.get("alt"):
            yield from _original_build(child, parent, pdf, page_number, nums, annotations, tags)
        elif child in tags:
            kid = tags.pop(child)
            _to_artifact(stream, kid["mcid"])


def _to_artifact(stream, mcid: int) -> None:
    ops = stream.stream
    for i, op in enumerate(ops):
        at_mcid = isinstance(op, pydyf.Dictionary) and op.get("MCID") == mcid
        if at_mcid and i + 1 < len(ops) and ops[i + 1] == b"BDC":
            ops[i - 1] = "/Artifact"
            ops[i] = pydyf.Dictionary({"Type": "/Pagination"})
            return
    raise AssertionError(f"marked content {mcid} not found in its page stream")


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    if isinstance(box, boxes.MarginBox):
        yield from _margin_box(box, parent, pdf, page_number, nums, annotations, tags)
        return
    tag = getattr(box, "element_tag", None)
    passthrough = tag in ("html", "body") or isinstance(box, boxes.PageBox)
    # An anonymous block of a heading has the heading's element: found one level below it.
    inner = tag in _HEADINGS and bool(_state.building) and _state.building[-1] is box.element
    _state.building.append(getattr(box, "element", None))
    try:
        for element in _original_build(box, parent, pdf, page_number, nums, annotations, tags):
            if not passthrough and box.element is not None:
                _retag(box, tag, element)
                if inner:
                    _state.inner_headings.append((parent, element))
            yield element
    finally:
        _state.building.pop()


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _retag(box, tag: str | None, element) -> None:
    classes = _classes(box)
    if (tag or "").endswith("::footnote-call") or "fn-call" in classes:
        element["S"] = "/Reference"
        _state.references.append((box.element.get("data-n") or _text(box), element))
    elif (tag or "").endswith("::footnote-marker"):
        element["S"] = "/Lbl"
    elif tag == "span" and "fn" in classes:
        element["S"] = "/Note"
        number = box.element.get("data-n")
        if any(n == number for n, _ in _state.notes):
            _state.continued.append((number, element))  # a long note's rest, on the next page
            return
        element["ID"] = pydyf.String(f"note-{number}")
        _state.notes.append((number, element))
    elif "num" in classes:
        element["S"] = "/Lbl"
        _state.labels.append(element)
    elif tag == "th" and element.get("S") == "/TH":
        scope = {"col": "/Column", "row": "/Row"}.get(box.element.get("scope") or "", "/Both")
        element["A"] = pydyf.Dictionary({"O": "/Table", "Scope": scope})


def _text(box) -> str:
    return "".join(getattr(b, "text", "") for b in _descendants(box)).strip()


def _add_tags(pdf, document, pdf_version, page_streams):
    _state.streams = {id(stream._tags): stream for stream in page_streams}
    _state.references, _state.notes, _state.labels = [], [], []
    _state.building, _state.inner_headings, _state.continued = [], [], []
    _original_add_tags(pdf, document, pdf_version, page_streams)
    _merge_inner_headings(pdf)
    _merge_continued_notes(pdf)
    _place_notes(pdf)
    _lift_labels(pdf)


def _resolve(pdf, reference):
    """The object behind a pydyf reference (``b"12 0 R"``)."""
    return pdf.objects[int(bytes(reference).split()[0])]


def _merge_inner_headings(pdf) -> None:
    """``H2 [Span, H2 [Span …]]`` → ``H2 [Span, Span …]``: the inner element's kids (structure
    elements: WeasyPrint wraps text in spans) move into the heading, in its place; the inner
    element is left empty and unreferenced."""
    for outer, inner in _state.inner_headings:
        moved = list(inner["K"])
        if any(isinstance(kid, int) for kid in moved):
            raise AssertionError("a heading's anonymous block holds marked content itself")
        at = list(outer["K"]).index(inner.reference)
        outer["K"][at:at + 1] = moved
        for kid in moved:
            _resolve(pdf, kid)["P"] = outer.reference
        inner["K"] = pydyf.Array([])


def _merge_continued_notes(pdf) -> None:
    """A note continued on the next page (:mod:`.footnotes`) is one ``Note``: the kids of its
    rest join its first part, which keeps the ``ID`` and is read after the call."""
    first = {str(number): note for number, note in _state.notes}
    for number, rest in _state.continued:
        note = first[str(number)]
        _resolve(pdf, rest["P"])["K"].remove(rest.reference)
        for kid in list(rest["K"]):
            if isinstance(kid, int):
                raise AssertionError("a continued note holds marked content itself")
            note["K"].append(kid)
            _resolve(pdf, kid)["P"] = note.reference
        rest["K"] = pydyf.Array([])


def _place_notes(pdf) -> None:
    """Each note goes right after the first reference to it, so it is read where it is called."""
    first_ref: dict[str, pydyf.Dictionary] = {}
    for number, ref in _state.references:
        first_ref.setdefault(str(number), ref)
    for number, note in _state.notes:
        ref = first_ref.get(str(number))
        if ref is None:
            continue
        old_parent = _resolve(pdf, note["P"])
        old_parent["K"].remove(note.reference)
        new_parent = _resolve(pdf, ref["P"])
        at = list(new_parent["K"]).index(ref.reference) + 1
        new_parent["K"].insert(at, note.reference)
        note["P"] = new_parent.reference


def _lift_labels(pdf) -> None:
    """``LI [LBody [P [Lbl …]]]`` → ``LI [Lbl, LBody [P […]]]``: the number labels the item."""
    for label in _state.labels:
        p = _resolve(pdf, label["P"])
        if p["S"] != "/P":
            continue
        lbody = _resolve(pdf, p["P"])
        if lbody["S"] != "/LBody":
            continue
        li = _resolve(pdf, lbody["P"])
        p["K"].remove(label.reference)
        li["K"].insert(list(li["K"]).index(lbody.reference), label.reference)
        label["P"] = li.reference


@contextmanager
def tagging():
    """WeasyPrint's tagger with the corrections above, for the duration of a ``write_pdf``."""
    with _lock:
        _wtags._build_box_tree = _build_box_tree
        _wpdf.add_tags = _add_tags
        try:
            yield
        finally:
            _wtags._build_box_tree = _original_build
            _wpdf.add_tags = _original_add_tags
