"""Structures of issued resolutions added to tests/corpus/ that unres did not handle (issue 15).

Each test reads a real issued text of tests/corpus/ (its INDEX.md gives the source) or a source
written after it, and checks what a reader of the output finds.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.errors import SourceError
from pipeline.importer.convert import convert, read_input
from pipeline.importer.words import Meeting, Words
from pipeline.source import loader as source
from pipeline.source.emit import dump, ordered
from pipeline.transforms import resolve as transform
from pipeline.transforms.words import catalogue

CORPUS = ROOT / "tests" / "corpus"


def test_a_resumed_plenary_meeting_is_read_as_the_closing():
    """A/RES/80/245 closes with "69th (resumed) plenary meeting": read as the plenary line
    (it was joined to paragraph 3 before), the plain form as before."""
    words = Words(catalogue("en"))
    assert words.plenary("69th (resumed) plenary meeting") == Meeting(69, None, True)
    assert words.plenary("69th (resumed) plenary meeting, 30 December 2025") == Meeting(
        69, dt.date(2025, 12, 30), True)
    assert words.plenary("70th plenary meeting") == Meeting(70, None, False)
    assert words.plenary("69th (resumed) meeting") is None
    path = CORPUS / "A_RES_80_245.txt"
    imported = convert(read_input(str(path)), str(path))
    data = imported.source.data
    assert data["adopted"] == {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": True}
    assert data["operative"][-1].endswith("to consider the matter.")
    assert not [d for d in imported.warnings if "plenary" in d.message]


def _source(tmp_path: Path, language: str, adopted: dict) -> Path:
    path = tmp_path / f"resumed-{language}.yaml"
    data = {"language": language, "symbol": "A/RES/80/245", "session": 80, "title": "Title",
            "operative": ["Decides x;", "Decides y."], "adopted": adopted}
    path.write_text(dump(ordered(data)), encoding="utf-8")
    return path


def test_a_resumed_meeting_prints_resumed_in_every_format(tmp_path):
    path = _source(tmp_path, "en", {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": True})
    doc = transform.build(source.load(path))
    assert doc.parts[0].closing.meeting == "69th (resumed) plenary meeting"
    out = {p.suffix: p for p in build_file(path, tmp_path / "out", ("pdf", "html", "docx"))}
    pdf = subprocess.run(["pdftotext", "-layout", str(out[".pdf"]), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "69th (resumed) plenary meeting" in [line.strip() for line in pdf.splitlines()]
    assert "69th (resumed) plenary meeting" in out[".html"].read_text(encoding="utf-8")
    with zipfile.ZipFile(out[".docx"]) as z:
        assert "69th (resumed) plenary meeting" in z.read("word/document.xml").decode()


def test_a_resumed_meeting_in_a_language_without_its_words_is_a_placed_error(tmp_path):
    """French issued texts' form is not in the catalogue: an error at ``resumed:``, never the
    plain "69e séance plénière" (which would drop "(resumed)")."""
    fr = catalogue("fr")
    if "plenary_resumed" in fr.words:
        pytest.skip("the French catalogue has the form")
    path = _source(tmp_path, "fr", {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": True})
    with pytest.raises(SourceError) as err:
        transform.build(source.load(path))
    line = path.read_text(encoding="utf-8").split("\n").index("  resumed: true") + 1
    assert f"{path}:{line}:" in str(err.value)
    assert "resumed plenary meeting" in str(err.value)


def test_resumed_must_be_a_boolean(tmp_path):
    path = _source(tmp_path, "en", {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": "yes please"})
    with pytest.raises(SourceError) as err:
        source.load(path)
    assert "resumed" in str(err.value)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["adopted"]["resumed"] == "yes please"


def test_fifth_committee_openers_are_italic(tmp_path):
    """Openers the Fifth Committee's texts print in italics (A/RES/80/245 "Resolves", A/RES/79/249
    "Also reaffirms", "Further reaffirms", "Also takes note", A/RES/80/155 "Calls on"): the
    catalogue has them, so they are italicised as issued."""
    path = _source(tmp_path, "en", {"meeting": 69, "date": dt.date(2025, 12, 30)})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["operative"] = ["Resolves that the Secretary-General shall report;", "Also reaffirms the principle;",
                         "Further reaffirms the obligation;", "Also takes note of the report;",
                         "Calls on all entities to cooperate."]
    path.write_text(dump(ordered(data)), encoding="utf-8")
    html = build_file(path, tmp_path / "out", ("html",))[0].read_text(encoding="utf-8")
    for opener in ("Resolves", "Also reaffirms", "Further reaffirms", "Also takes note", "Calls on"):
        assert f"<i>{opener}</i>" in html or f'<i class="opening">{opener}</i>' in html, opener


def test_a_resumed_meeting_survives_akoma_ntoso(tmp_path):
    """The AKN export marks the meeting ``unres:resumed``; its import gives ``resumed: true`` back."""
    from pipeline.importer.akn import read

    path = _source(tmp_path, "en", {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": True})
    [xml] = build_file(path, tmp_path / "out", ("akn",))
    assert "69th (resumed) plenary meeting" in xml.read_text(encoding="utf-8")
    assert read(xml.read_bytes(), str(xml))["adopted"] == {"meeting": 69, "date": dt.date(2025, 12, 30),
                                                          "resumed": True}


def test_an_operative_lead_in_is_kept_with_a_placed_warning():
    """A/RES/80/246: "The General Assembly" / "Resolves that:" / "1. The Working Capital Fund
    shall …". The lead-in has no place of its own in the source format: it is kept (as a
    preambular paragraph) and the warning says so at its line; a preamble ending in a quoted
    block or in sub-paragraphs is not a lead-in."""
    path = CORPUS / "A_RES_80_246.txt"
    imported = convert(read_input(str(path)), str(path))
    line = path.read_text(encoding="utf-8").split("\n").index("Resolves that:") + 1
    [warning] = [d for d in imported.warnings if "leads into" in d.message]
    assert warning.line == line and "Resolves that:" in warning.message
    assert imported.source.data["preamble"] == ["Resolves that:"]
    assert imported.source.data["operative"][0].startswith("The Working Capital Fund shall")
    for other in ("A_RES_80_245.txt", "A_RES_79_249.txt", "A_RES_80_130.txt"):
        text = CORPUS / other
        assert not [d for d in convert(read_input(str(text)), str(text)).warnings if "leads into" in d.message]
