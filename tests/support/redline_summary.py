"""A redline DOCX's summary page (test_redline_summary.py): the paragraphs in the ``UN Summary``
styles after the resolution. The tests that resolve a redline's tracked changes to each version
take it off first: it is neither version's text, and no tracked change either."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = ("UNSummaryHeading", "UNSummary", "UNSummaryEntry", "UNSummaryLegend")


def split_body(document_xml: bytes) -> tuple[bytes, list[str]]:
    """word/document.xml without the summary's paragraphs, and their texts."""
    root = etree.fromstring(document_xml)
    lines = []
    for p in list(root.iter(f"{W}p")):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in STYLES:
            lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
            p.getparent().remove(p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), lines


def split(docx: bytes) -> tuple[bytes, list[str]]:
    """The DOCX without its summary's paragraphs, and their texts."""
    src, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        lines: list[str] = []
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data, lines = split_body(data)
            dst.writestr(info, data)
    return out.getvalue(), lines
