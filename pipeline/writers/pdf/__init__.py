"""The PDF writer (:mod:`.writer`): the print HTML → WeasyPrint, reading only ``data:`` URIs
and files under ``templates/`` (:mod:`.fetcher`)."""

from pipeline.writers.pdf.writer import DEFAULT_VARIANT, PAPER, fonts, render, stylesheets

__all__ = ["DEFAULT_VARIANT", "PAPER", "fonts", "render", "stylesheets"]
