"""``unres import X.docx``: a Word document read through pandoc (pipeline/importer/docxsource.py).

The DOCX unres writes is a Word document with everything a drafter's file has: the masthead in the
first page's header, paragraphs numbered by Word's numbering (1., (a), (i)), real footnotes, a
note called twice by cross-reference, a draft's sponsor note with its own mark "*", quotations
in a quote style, tables with captions, annexes. Imported back, each gives the source it was
built from (spaces aside). A document typed by hand in Word's Normal style (numbers typed, no
header) reads as its text does. Bad input: exit 2, the reason, nothing written.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

import pytest
import yaml
from conftest import ROOT, import_refused, squeezed, unres

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input
from pipeline.importer.docxsource import read_docx

pytestmark = pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")

SHARED = ROOT.parent / "shared" / "corpus"
# what each shows: a note called twice (61/295, its annex), sub-items (a)-(i) and (i), (ii)
# (80/11), captioned staffing tables with an empty-celled row and a table note (80/243), an
# annex with sections and headings (80/3's text layer), a draft with its sponsor note (A/80/L.7),
# a draft decision (A/C.4/80/L.10), a quoted rule (475 (V))
TEXTS = [
    ROOT / "tests" / "corpus" / "A_RES_80_11.txt",
    ROOT / "tests" / "corpus" / "A_RES_80_243.txt",
    ROOT / "tests" / "import" / "pymupdf" / "A_RES_80_3.txt",
    ROOT / "tests" / "import" / "drafts" / "A_80_L.7.txt",
    ROOT / "tests" / "import" / "drafts" / "A_C.4_80_L.10.txt",
    ROOT / "tests" / "import" / "A_RES_V_475_quote.md",
    ROOT / "tests" / "import" / "A_RES_99_13_tables.md",
]


def _squeezed(value: Any) -> Any:
    return squeezed(value)  # the distribution printed "General"


# the 1998 house style's DOCX too: its masthead stacked in the header's table, the organ's "A"
CASES = [(p, "modern") for p in TEXTS] + [
    (ROOT / "tests" / "reference" / "A_RES_52_102.txt", "1998"), (TEXTS[0], "1998"), (TEXTS[3], "1998"),
]


@pytest.mark.parametrize(("path", "style"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_the_docx_unres_writes_imports_back_to_its_source(path, style, tmp_path):
    imported = convert(read_input(str(path)), str(path))
    src = tmp_path / f"{path.stem}.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    (docx,) = build_file(src, tmp_path / "b", ("docx",), style, None)
    text, heads = read_docx(str(docx))
    back = convert(text, str(docx), heads=heads)
    # no warning the text's import has not (some fewer: a DOCX says what a text layer leaves open)
    assert {w.message for w in back.warnings} <= {w.message for w in imported.warnings}
    got, expected = yaml.safe_load(back.yaml), yaml.safe_load(imported.yaml)
    assert got.pop("style") == style  # told from the masthead's layout
    expected.pop("style")
    assert _squeezed(got) == _squeezed(expected)


def test_the_command_imports_a_docx_with_its_masthead_notes_and_numbers(tmp_path):
    src = ROOT / "source" / "A_RES_73_8.yaml"
    run = unres("build", src, "-o", tmp_path / "b", "--format", "docx")
    assert run.returncode == 0, run.stderr
    out = tmp_path / "back.yaml"
    run = unres("import", tmp_path / "b" / "A_RES_73_8.docx", "-o", out)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["symbol"], str(data["issued"]), data["session"], data["agenda"]) == ("A/RES/73/8", "2018-11-05", 73, [43])
    assert data["title"].startswith("Necessity of ending") and len(data["operative"]) == 5
    assert re.search(r"resolution 72/4;\[\^[^\]]+\]$", data["operative"][0])
    assert list(data["footnotes"].values()) == ["A/73/85."]
    assert data["adopted"]["meeting"] == 30 and str(data["adopted"]["date"]) == "2018-11-01"


def test_a_document_typed_in_word_reads_as_its_text(tmp_path):
    import docx

    # no header, no styles, no numbering: the masthead and the numbers typed, a line break where
    # the text breaks a line
    path = ROOT / "tests" / "import" / "A_RES_73_8_plain.txt"
    text = path.read_text(encoding="utf-8")
    document = docx.Document()
    for block in re.split(r"\n\s*\n", text.strip()):
        paragraph = document.add_paragraph()
        for k, line in enumerate(block.split("\n")):
            if k:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    typed = tmp_path / "typed.docx"
    document.save(typed)
    expected = convert(text, str(path))
    typed_text, heads = read_docx(str(typed))
    got = convert(typed_text, str(typed), heads=heads)
    assert [w.message for w in got.warnings] == [w.message for w in expected.warnings]
    assert _squeezed(yaml.safe_load(got.yaml)) == _squeezed(yaml.safe_load(expected.yaml))


def test_a_paragraph_in_a_quote_style_is_a_quoted_block(tmp_path):
    import docx

    document = docx.Document()
    lines = [
        ("United Nations", None), ("A/RES/99/2", None), ("General Assembly", None),
        ("Distr.: General", None), ("2 December 2044", None), ("Ninety-ninth session", None),
        ("Agenda item 7", None), ("Resolution adopted by the General Assembly on 1 December 2044", None),
        ("[without reference to a Main Committee (A/99/L.2)]", None), ("99/2. Rules of procedure", None),
        ("The General Assembly,", None), ("Recalling its rules of procedure,", None),
        ("1. Decides to amend rule 160 to read as follows:", None),
        ("“The Committee on Contributions shall advise the General Assembly.”", "Quote"),
        ("2. Decides also to keep the rule under review.", None),
        ("9th plenary meeting", None), ("1 December 2044", None),
    ]
    for text, style in lines:
        document.add_paragraph(text, style=style)
    path = tmp_path / "quote.docx"
    document.save(path)
    out = tmp_path / "quote.yaml"
    run = unres("import", path, "-o", out)
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["operative"][0]["quote"] == ["“The Committee on Contributions shall advise the General Assembly.”"]
    assert len(data["operative"]) == 2


# -- bad input -----------------------------------------------------------------------------------
def test_a_damaged_docx_isimport_refused(tmp_path):
    fake = tmp_path / "draft.docx"
    fake.write_bytes(b"PK\x03\x04 this is not a Word document")
    import_refused(fake, tmp_path, "not a Word document")
    text = tmp_path / "notes.docx"
    text.write_text("Some notes, not a Word file.\n", encoding="utf-8")
    import_refused(text, tmp_path, "not a Word document")


def test_a_docx_without_pandoc_says_what_to_install(tmp_path):
    import docx

    path = tmp_path / "draft.docx"
    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    document.save(path)
    bare = tmp_path / "bin"
    bare.mkdir()
    import_refused(path, tmp_path, "pandoc", env_path=str(bare))


def test_a_docx_that_is_not_a_resolution_isimport_refused(tmp_path):
    import docx

    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear colleagues, please find the minutes of the meeting attached.")
    document.save(path)
    import_refused(path, tmp_path, "not a resolution")
    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    import_refused(empty, tmp_path, "no text")
