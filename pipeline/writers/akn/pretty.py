"""Line breaks and indentation between structural elements only.

lxml's ``pretty_print`` (and ``etree.indent``) would also indent inside a ``<p>`` whose
content starts with an element, adding spaces to the text. Here whitespace goes only into
elements whose content model is elements (AKN's containers), never into running text.
"""

from __future__ import annotations

from lxml import etree

from pipeline.writers.akn.names import AKN, UNRES

#: AKN elements whose content is elements only (no running text)
STRUCTURAL = frozenset(
    f"{{{AKN}}}{t}"
    for t in (
        "akomaNtoso", "statement", "doc", "meta", "identification", "FRBRWork", "FRBRExpression",
        "FRBRManifestation", "references", "proprietary", "coverPage", "preface", "preamble",
        "formula", "container", "blockList", "item", "mainBody", "section", "hcontainer",
        "paragraph", "list", "intro", "point", "content", "conclusions", "attachments",
        "attachment", "components", "component",
    )
) | {f"{{{UNRES}}}source"}


def indent(el: etree._Element, level: int = 0) -> None:
    if el.tag not in STRUCTURAL or not len(el) or (el.text and el.text.strip()):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        indent(child, level + 1)
        if not (child.tail and child.tail.strip()):
            child.tail = pad
    el[-1].tail = "\n" + "  " * level
