"""The DOCX writer: python-docx for the body, styles and furniture; :mod:`.ooxml` for the
hand-made OOXML (footnotes, fields, tracked changes); :mod:`.wordlists` for list numbering."""

from pipeline.writers.docx.writer import render

__all__ = ["render"]
