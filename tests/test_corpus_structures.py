"""Structures of issued resolutions added to tests/corpus/ that unres did not handle (issue 15).

Each test reads a real issued text of tests/corpus/ (its INDEX.md gives the source) or a source
written after it, and checks what a reader of the output finds.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
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


def _imported(tmp_path: Path, path: Path) -> tuple[Any, Path]:
    imported = convert(read_input(str(path)), str(path))
    out = tmp_path / f"{path.stem}.yaml"
    out.write_text(dump(ordered(dict(imported.source.data))), encoding="utf-8")
    return imported, out


def test_an_operative_lead_in_is_imported_unnumbered_and_printed_as_issued(tmp_path):
    """A/RES/80/246: "The General Assembly" (no comma) / "Resolves that:" / "1. The Working Capital
    Fund shall …". The lead-in was kept as a preambular paragraph with a warning, so it printed
    upright and the enacting formula took a comma. Now it is imported as the first operative
    paragraph, unnumbered (``numbered: false``), without a warning, and printed as issued: the
    formula without its comma, *Resolves* italic (the catalogue's opener), paragraphs 1 to 6."""
    path = CORPUS / "A_RES_80_246.txt"
    imported, yml = _imported(tmp_path, path)
    data = imported.source.data
    assert not [d for d in imported.warnings if "leads into" in d.message]
    assert "preamble" not in data or not data["preamble"]
    assert data["operative"][0] == {"text": "Resolves that:", "numbered": False}
    assert data["operative"][1].startswith("The Working Capital Fund shall")
    for other in ("A_RES_80_245.txt", "A_RES_79_249.txt", "A_RES_80_130.txt"):
        text = CORPUS / other
        other_data = convert(read_input(str(text)), str(text)).source.data
        assert not [p for p in other_data["operative"] if isinstance(p, dict) and p.get("numbered") is False]
    for style in ("modern", "1998"):
        out = {p.suffix: p for p in build_file(yml, tmp_path / style, ("pdf", "html", "docx"), style=style)}
        html = out[".html"].read_text(encoding="utf-8")
        assert re.search(r'class="enacting">(<i>)?The General Assembly(</i>)?</p>', html), style
        assert '"para preamble"><i>Resolves</i> that:</p>' in html
        assert [int(v) for v in re.findall(r'<li id="op-\d+" value="(\d+)"', html)] == [1, 2, 3, 4, 5, 6]
        with pdfplumber.open(out[".pdf"]) as pdf:
            words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
        i = next(i for i, w in enumerate(words) if w["text"] == "Resolves")
        assert "Italic" in words[i]["fontname"] and "Italic" not in words[i + 1]["fontname"]
        assert [w["text"] for w in words[i - 3:i + 3]] == ["The", "General", "Assembly", "Resolves", "that:", "1."]
        xml = zipfile.ZipFile(out[".docx"]).read("word/document.xml").decode()
        assert re.search(r"<w:i/></w:rPr><w:t[^>]*>Resolves</w:t>", xml)
        assert re.search(r"<w:t[^>]*>The General Assembly</w:t></w:r></w:p>", xml)


LEAD_INS = """United Nations
General Assembly
A/RES/80/999
Distr.: General
31 December 2025
Eightieth session
Agenda item 136
Resolution adopted by the General Assembly on 30 December 2025
[on the report of the Fifth Committee (A/80/568, para. 19)]
80/999. A title

{enacting}

{preamble}{lead}

1. The amount shall be established;

2. The amount shall be paid.

69th plenary meeting
30 December 2025
"""


@pytest.mark.parametrize(("lead", "preamble"), [
    ("Decides that:", ""),
    ("Decides as follows:", ""),
    ("Resolves as follows:", ""),
    ("Resolves that for the year 2026:", ""),
    ("Resolves that for the biennium 2016–2017:", "Recalling its resolution 70/1,\n\n"),
])
def test_every_lead_in_form_is_imported_unnumbered(tmp_path, lead, preamble):
    """The forms of the same kind ("Decides as follows:", the Fifth Committee's budget "Resolves that
    for the year …:") are read the same way, after a preamble too; a paragraph ending in a colon
    that opens with no operative phrase stays preambular, with the warning."""
    path = tmp_path / "lead.txt"
    enacting = "The General Assembly," if preamble else "The General Assembly"
    path.write_text(LEAD_INS.format(enacting=enacting, preamble=preamble, lead=lead), encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    assert not [d for d in imported.warnings if "leads into" in d.message]
    assert imported.source.data["operative"][0] == {"text": lead, "numbered": False}
    assert imported.source.data.get("preamble", []) == (["Recalling its resolution 70/1,"] if preamble else [])
    path.write_text(LEAD_INS.format(enacting="The General Assembly,", preamble="",
                                    lead="Bearing in mind the following:"), encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    [warning] = [d for d in imported.warnings if "leads into" in d.message]
    line = path.read_text(encoding="utf-8").split("\n").index("Bearing in mind the following:") + 1
    assert warning.line == line and "no operative phrase" in warning.message
    assert imported.source.data["preamble"] == ["Bearing in mind the following:"]


def test_an_operative_lead_in_survives_akoma_ntoso_and_diffs(tmp_path):
    """AKN: the lead-in is an unnumbered paragraph (``unres:numbered``) and comes back as written;
    a redline shows it changed (short: the old paragraph deleted, the new one inserted)."""
    from pipeline.importer.akn import read

    _, yml = _imported(tmp_path, CORPUS / "A_RES_80_246.txt")
    [xml] = build_file(yml, tmp_path / "akn", ("akn",))
    back = read(xml.read_bytes(), str(xml))
    assert back["operative"] == yaml.safe_load(yml.read_text(encoding="utf-8"))["operative"]
    new = tmp_path / "new.yaml"
    new.write_text(yml.read_text(encoding="utf-8").replace("'Resolves that:'", "'Resolves as follows:'"),
                   encoding="utf-8")
    assert new.read_text(encoding="utf-8") != yml.read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(yml), str(new), "-o",
                          str(tmp_path / "diff"), "--format", "html"], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    [html] = (tmp_path / "diff").glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert re.search(r'class="para preamble change change-del"><del><i>Resolves</i></del><del> that:</del>', text)
    assert re.search(r'class="para preamble change change-ins"><ins><i>Resolves</i></ins><ins> as follows:</ins>',
                     text)
    assert len(re.findall(r'class="[^"]*\bchange\b', text)) == 2  # the numbered paragraphs are unchanged


SECTIONS = ROOT / "tests" / "import" / "excerpts" / "A_RES_80_243_sections.txt"


def test_a_sections_own_preamble_is_kept_and_its_numbering_restarts(tmp_path):
    """A/RES/80/243 (Fifth Committee "special subjects"): each Roman-numeral section has its own
    preambular paragraphs ("Recalling …", "Having considered …") and numbers its paragraphs from 1.
    They were left out ("text that fits no part") and the numbering warned "expected 4"; now they
    are unnumbered paragraphs (``numbered: false``), printed as preambular ones, and ``restart:``
    numbers each section from 1 in the PDF, the HTML and the DOCX."""
    imported = convert(read_input(str(SECTIONS)), str(SECTIONS))
    data = dict(imported.source.data)
    kinds = "".join("S" if isinstance(p, dict) and "section" in p
                    else "P" if isinstance(p, dict) and p.get("numbered") is False else "N"
                    for p in data["operative"])
    assert kinds == "SPPPNNNSPPNNNSPPNN"
    assert data["restart"] is True
    assert data["operative"][1]["text"].startswith("Recalling its resolutions 37/240")
    assert not [d for d in imported.warnings if "left out" in d.message and "source:" not in d.message]
    assert not [d for d in imported.warnings if "out of sequence" in d.message]
    data["adopted"] = {"meeting": 69, "date": dt.date(2025, 12, 30), "resumed": True}  # cut before it
    path = tmp_path / "A_RES_80_243.yaml"
    path.write_text(dump(ordered(data)), encoding="utf-8")
    out = {p.suffix: p for p in build_file(path, tmp_path / "out", ("pdf", "html", "docx"))}
    html = out[".html"].read_text(encoding="utf-8")
    assert [int(v) for v in re.findall(r'<li id="[^"]*op-[^"]*" value="(\d+)"', html)] == [1, 2, 3, 1, 2, 3, 1, 2]
    assert len(set(re.findall(r'<li id="([^"]*op-[^"]*)"', html))) == 8  # ids stay unique
    assert html.count('<p id="') >= 7 and '"para preamble"><i>Recalling also</i> Article 32' in html
    pdf = subprocess.run(["pdftotext", "-layout", str(out[".pdf"]), "-"], capture_output=True, text=True,
                         check=True).stdout
    labels = [m for line in pdf.splitlines() if (m := re.match(r"\s*(\d)\.\s", line))]
    assert [m[1] for m in labels] == ["1", "2", "3", "1", "2", "3", "1", "2"]
    xml = zipfile.ZipFile(out[".docx"]).read("word/document.xml").decode()
    docx = "".join(re.findall(r"<w:t[^>]*>([^<]*)", xml))
    # "Article 32" with the no-break space print keeps it with (pipeline/transforms/finish.py)
    assert "Recalling also Article\u00a032" in docx and "Having considered the report of the Secretary-General," in docx


def test_numbered_is_for_operative_paragraphs_only(tmp_path):
    path = _source(tmp_path, "en", {"meeting": 69, "date": dt.date(2025, 12, 30)})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["preamble"] = [{"text": "Recalling x,", "numbered": False}]
    path.write_text(dump(ordered(data)), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        source.load(path)
    line = path.read_text(encoding="utf-8").split("\n").index("    numbered: false") + 1
    assert f"{path}:{line}:" in str(err.value) and "only an operative paragraph" in str(err.value)


def test_sections_with_their_own_preamble_survive_akoma_ntoso(tmp_path):
    from pipeline.importer.akn import read

    data = dict(convert(read_input(str(SECTIONS)), str(SECTIONS)).source.data)
    data["adopted"] = {"meeting": 69, "date": dt.date(2025, 12, 30)}
    path = tmp_path / "A_RES_80_243.yaml"
    path.write_text(dump(ordered(data)), encoding="utf-8")
    [xml] = build_file(path, tmp_path / "out", ("akn",))
    back = read(xml.read_bytes(), str(xml))
    assert back["operative"] == yaml.safe_load(path.read_text(encoding="utf-8"))["operative"]
    assert back["restart"] is True
