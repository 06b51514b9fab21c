"""The numbers Word shows on list paragraphs, computed from a DOCX's own parts (not from the writer).

A paragraph's list is its ``w:numPr`` or its style's (``w:basedOn`` followed); ``w:numId`` 0 is no
list. Each list instance counts its levels from ``w:start`` (or its ``w:startOverride``); instances
of one abstract list without overrides share their counters, as in Word. A level starts again after
any paragraph of a higher level. The level text's ``%n`` takes level n's number in its format.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from pipeline.model import Document, Para
from pipeline.transforms.words import roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(W + "val")


def _number(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    elif fmt in ("lowerRoman", "upperRoman"):
        text = roman(n).lower()
    else:
        raise AssertionError(f"number format {fmt} not expected")
    return text.upper() if fmt.startswith("upper") else text


class WordLists:
    """Numbering and styles of one DOCX; :meth:`labels` numbers a sequence of its paragraphs."""

    def __init__(self, numbering: etree._Element, styles: etree._Element):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in numbering.iter(W + "abstractNum"):
            self.abstract[a.get(W + "abstractNumId")] = {
                int(lvl.get(W + "ilvl")): (_val(lvl.find(W + "numFmt"), "decimal"), _val(lvl.find(W + "lvlText"), ""),
                                           int(_val(lvl.find(W + "start"), "1")))
                for lvl in a.iter(W + "lvl")}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        for n in numbering.iter(W + "num"):
            overrides = {int(o.get(W + "ilvl")): int(_val(o.find(W + "startOverride")))
                         for o in n.iter(W + "lvlOverride") if o.find(W + "startOverride") is not None}
            self.nums[n.get(W + "numId")] = (_val(n.find(W + "abstractNumId")), overrides)
        self.styles = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}

    @classmethod
    def of(cls, docx: bytes) -> WordLists:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            return cls(etree.fromstring(z.read("word/numbering.xml")), etree.fromstring(z.read("word/styles.xml")))

    def _num_pr(self, p: etree._Element) -> tuple[str | None, int]:
        num_id = _val(p.find(f"{W}pPr/{W}numPr/{W}numId"))
        ilvl = _val(p.find(f"{W}pPr/{W}numPr/{W}ilvl"))
        style = self.styles.get(_val(p.find(f"{W}pPr/{W}pStyle"), "Normal"))
        while style is not None and (num_id is None or ilvl is None):
            num_id = num_id or _val(style.find(f"{W}pPr/{W}numPr/{W}numId"))
            ilvl = ilvl or _val(style.find(f"{W}pPr/{W}numPr/{W}ilvl"))
            style = self.styles.get(_val(style.find(W + "basedOn")))
        return num_id, int(ilvl or 0)

    def labels(self, paragraphs) -> list[str | None]:
        """The number Word prints on each paragraph (``None``: not a list paragraph)."""
        counters: dict[str, dict[int, int]] = {}
        out: list[str | None] = []
        for p in paragraphs:
            num_id, ilvl = self._num_pr(p)
            if num_id in (None, "0"):
                out.append(None)
                continue
            abstract, overrides = self.nums[num_id]
            levels = self.abstract[abstract]
            start = {k: overrides.get(k, lvl[2]) for k, lvl in levels.items()}
            count = counters.setdefault(num_id if overrides else f"abstract {abstract}", {})
            count[ilvl] = count.get(ilvl, start[ilvl] - 1) + 1
            for deeper in [k for k in count if k > ilvl]:
                del count[deeper]
            numbers = {k: _number(count.get(k, start[k]), lvl[0]) for k, lvl in levels.items()}
            out.append(re.sub(r"%(\d)", lambda m: numbers[int(m[1]) - 1], levels[ilvl][1]))  # noqa: B023
        return out


def model_labels(doc: Document) -> list[str]:
    """Every label of paragraphs and section headings in reading order (the title's excepted)."""
    out: list[str] = []

    def blocks(bs) -> None:
        for b in bs:
            if b.label:
                out.append(b.label)
            if isinstance(b, Para):
                blocks(b.children)

    for part in doc.parts:
        blocks((*part.preamble, *part.operative))
    for annex in doc.annexes:
        blocks(annex.blocks)
    return out

