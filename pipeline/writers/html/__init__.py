"""The HTML writer: the resolved model → semantic, accessible HTML (Jinja templates)."""

from pipeline.writers.html.writer import environment, page_word, read_css, render, render_html

__all__ = ["environment", "page_word", "read_css", "render", "render_html"]
