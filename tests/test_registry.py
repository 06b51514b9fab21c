"""The output formats are registered in one place (pipeline/writers/registry.py): a format
registered there is built by the batch, the single build and the diff like the others."""

from __future__ import annotations

import pytest
from conftest import SEED
from support.batch import folder, quiet_run

from pipeline import writers
from pipeline.app.batch import Options
from pipeline.app.build import load_document, render_all
from pipeline.transforms.diff import diff
from pipeline.writers import registry


@pytest.fixture
def txt(monkeypatch):
    """A toy format, registered for one test (the registry is restored afterwards)."""
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))
    registry.register(registry.Format("txt", "support.textwriter", default=False))
    return "txt"


def test_the_built_in_formats_are_registered():
    assert writers.known()[:3] == ("pdf", "html", "docx")
    assert writers.FORMATS == ("pdf", "html", "docx")
    assert [f for f in writers.known() if writers.can_prepare(f)] == ["pdf"]


def test_a_registered_format_renders_through_the_registry(txt):
    doc = load_document(SEED)
    text = writers.render(txt, doc).decode()
    assert text.startswith("A/RES/52/102\n") and "\n1. " in text
    assert render_all(doc, (txt,))[txt] == writers.render(txt, doc)
    assert txt in writers.known() and txt not in writers.defaults()


def test_a_registered_format_is_built_by_the_batch(txt, tmp_path):
    summary, lines = quiet_run(folder(tmp_path, 2).glob("*.yaml"), Options(tmp_path / "out", (txt,)))
    assert (summary.built, summary.failed) == (2, 0), lines
    outs = sorted(p.name for p in (tmp_path / "out").glob("*.txt"))
    assert len(outs) == 2
    for name in outs:  # A_RES_52_101.txt begins with its symbol, A/RES/52/101
        assert (tmp_path / "out" / name).read_text().startswith(name.removesuffix(".txt").replace("_", "/") + "\n")


def test_a_registered_format_renders_a_redline(txt):
    doc = load_document(SEED)
    assert writers.render(txt, diff(doc, doc)).startswith(b"A/RES/52/102\n")


def test_unknown_and_doubly_registered_formats_are_errors(txt):
    with pytest.raises(ValueError, match="unknown format 'rtf'"):
        writers.render("rtf", load_document(SEED))
    with pytest.raises(ValueError, match="registered already"):
        registry.register(registry.Format("txt", "elsewhere"))
    registry.register(registry.Format("txt", "support.textwriter", default=False))  # the same again: fine
