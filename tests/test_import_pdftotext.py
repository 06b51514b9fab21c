"""Issued PDFs as a user turns them into text with poppler's ``pdftotext``: the default reading
order, ``-raw`` (the content stream's order, no blank lines) and ``-layout`` (columns set side by
side with spaces). Each gives the masthead, page heads and notes in its own order:

* the notes area with every raised number apart from the texts ("1", "2", then the two texts:
  A/RES/68/262; the texts of notes 1 and 2, "3" and its text, then "1", "2": A/RES/ES-11/1);
* "United Nations A/RES/68/262", "General Assembly Distr.: General", "*1345517* Please recycle"
  on one line (``-raw``; ``-layout`` with runs of spaces between them);
* the page head inside a paragraph that runs over the page break (``-raw``: "57/11 of 12
  November" / "A/RES/73/8" / "Necessity of ending …" / "18-18418" / "2/2" / "2002, 58/7 …"), or
  with the symbol and the running title on one line;
* calls after a year ("Geneva Conventions of 1949 2 and", "of 31 May 1997 2" at a line's end);
* a symbol spaced after its slash ("A/RES/ES-11/ 4") and words glued ("GeneralAssembly").

Every one of the four issued PDFs of tests/reference/ in the three modes imports with no
warning, and the three sources say the same (pdftotext's words split by a space or glued aside),
which is what the text a user copies by hand gives (tests/reference/*.txt, tests/layout/).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml
from conftest import REFERENCE, ROOT, import_refused, unres

from pipeline.importer.convert import convert, read_input

PDFS = sorted(REFERENCE.glob("*.pdf"))
MODES = ("", "-raw", "-layout")
# the same resolution as a clean text, imported by the tests that measure layout and words
CLEAN = {
    "A_RES_73_8": REFERENCE / "A_RES_73_8.txt",
    "A_RES_ES-11_1": REFERENCE / "A_RES_ES-11_1.txt",
}
SOURCES = {"A_RES_ES-11_4": ROOT / "tests" / "layout" / "A_RES_ES-11_4.yaml"}
HEADS = {
    "A_RES_73_8": "Necessity of ending the economic, commercial and financial embargo\n"
                  "imposed by the United States of America against Cuba",
    "A_RES_ES-11_4": "Territorial integrity of Ukraine: defending the principles of the\nCharter of the United Nations",
}
NOTES = {"A_RES_68_262": 2, "A_RES_73_8": 1, "A_RES_ES-11_1": 3, "A_RES_ES-11_4": 0}
# read from page 1's foot, which a hand copy leaves out
FOOT = ("job_number", "job_date")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def _text(pdf, mode: str, tmp_path) -> str:
    out = tmp_path / f"{pdf.stem}{mode}.txt"
    subprocess.run(["pdftotext", *([mode] if mode else []), "-enc", "UTF-8", str(pdf), str(out)], check=True)
    return str(out)


def _imported(path: str) -> tuple[list[str], dict[str, Any]]:
    imported = convert(read_input(path), path)
    return [f"{d.line}: {d.message}" for d in imported.warnings], yaml.safe_load(imported.yaml)


def _imported_clean(tmp_path, text: str) -> dict[str, Any]:
    """``text`` imported from a file, with no warning."""
    path = tmp_path / "input.txt"
    path.write_text(text, encoding="utf-8")
    warnings, data = _imported(str(path))
    assert warnings == []
    return data


def _squeezed(value: Any) -> Any:
    """``value`` with every space taken out of its strings: pdftotext sets some words apart
    ("humani tarian", "acquisiti o n") and glues others, as the PDF places their glyphs."""
    if isinstance(value, dict):
        return {k: _squeezed(v) for k, v in value.items() if k not in FOOT}
    if isinstance(value, list):
        return [_squeezed(v) for v in value]
    return re.sub(r"\s+", "", value) if isinstance(value, str) else value


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdftotext_in_every_mode_imports_without_warnings_to_the_same_source(pdf, tmp_path):
    sources, heads = {}, {}
    for mode in MODES:
        warnings, data = _imported(_text(pdf, mode, tmp_path))
        assert warnings == [], mode or "default"
        sources[mode] = _squeezed(data)
        heads[mode] = data.get("short_title")
    # the running head of pages 2 on, in the lines the issued pages print it (a clean copy has none)
    assert heads[""] == heads["-raw"] == heads["-layout"] == HEADS.get(pdf.stem)
    assert sources["-raw"] == sources[""]
    assert sources["-layout"] == sources[""]
    data = dict(sources[""])
    assert len(data.get("footnotes", {})) == NOTES[pdf.stem]
    data.pop("short_title", None)
    clean = CLEAN.get(pdf.stem)
    if clean:
        assert _squeezed(_imported(str(clean))[1]) == data
    if pdf.stem in SOURCES:
        expected = yaml.safe_load(SOURCES[pdf.stem].read_text(encoding="utf-8"))
        expected.pop("device")  # a layout setting added to the imported source (docs/layout.md)
        assert _squeezed(expected) == data


def test_a_notes_area_with_the_numbers_apart_from_the_texts_pairs_them_in_order(tmp_path):
    # A/RES/ES-11/1 p. 3 as pdftotext reads it: two texts, "3", its text, then "1" and "2"
    text = (
        "United Nations\n\nA/RES/ES-11/1\n\nGeneral Assembly\n\nDistr.: General\n18 March 2022\n\n"
        "Eleventh emergency special session\nAgenda item 5\n\n"
        "Resolution adopted by the General Assembly on 2 March 2022\n\n"
        "[without reference to a Main Committee (A/ES-11/L.1)]\n\n"
        "ES-11/1. Aggression against Ukraine\nThe General Assembly,\n"
        "Recalling also its resolution 2625 (XXV) of 24 October 1970,\n"
        "1. Calls upon the Russian Federation to abide by the Declaration on Friendly Relations; 1\n"
        "2. Calls upon all parties to respect the Geneva Conventions of\n"
        "1949 2 and Additional Protocol I thereto of 1977, 3 as applicable;\n"
        "\n1st plenary meeting\n2 March 2022\n"
        "\n__________________\n\n"
        "Resolution 2625 (XXV), annex.\nUnited Nations, Treaty Series, vol. 75, Nos. 970–973.\n3\n"
        "Ibid., vol. 1125, No. 17512.\n1\n2\n\n22-04067\n\n3/4\n"
    )
    data = _imported_clean(tmp_path, text)
    assert list(data["footnotes"].values()) == [
        "Resolution 2625 (XXV), annex.", "United Nations, Treaty Series, vol. 75, Nos. 970–973.",
        "Ibid., vol. 1125, No. 17512.",
    ]
    keys = list(data["footnotes"])
    assert data["operative"][0].endswith(f"Relations;[^{keys[0]}]")
    assert f"1949[^{keys[1]}] and" in data["operative"][1]
    assert f"1977,[^{keys[2]}] as applicable" in data["operative"][1]


def test_a_note_over_two_lines_with_its_number_apart_is_not_paired_blindly(tmp_path):
    # more text lines than numbers: which line opens which note is not known; nothing is paired
    # by count, and the old reading (a number, then its lines) stands
    text = (
        "United Nations\n\nA/RES/73/8\n\nGeneral Assembly\n\nDistr.: General\n5 November 2018\n\n"
        "Seventy-third session\nAgenda item 43\n\n"
        "Resolution adopted by the General Assembly on 1 November 2018\n\n"
        "[without reference to a Main Committee (A/73/L.3)]\n\n"
        "73/8. Necessity of ending the embargo\nThe General Assembly,\n"
        "1. Takes note of the report of the Secretary-General; 1\n"
        "2. Decides to include the item in the provisional agenda of its next session.2\n"
        "\n30th plenary meeting\n1 November 2018\n"
        "\n__________________\n\n1\nA/73/85, a report over\ntwo lines.\n2\nA/73/86.\n"
    )
    data = _imported_clean(tmp_path, text)
    assert list(data["footnotes"].values()) == ["A/73/85, a report over two lines.", "A/73/86."]


# -- `unres import ISSUED.pdf`: the text layer, read by pdftotext --------------------------------
def test_import_of_an_issued_pdf_reads_its_text_layer(tmp_path):
    out = tmp_path / "A_RES_ES-11_1.yaml"
    run = unres("import", REFERENCE / "A_RES_ES-11_1.pdf", "-o", out)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["symbol"] == "A/RES/ES-11/1" and data["session"] == "ES-11" and len(data["operative"]) == 16
    clean = _imported(str(REFERENCE / "A_RES_ES-11_1.txt"))[1]
    assert "short_title" not in data  # its running head is its title, on one line
    # the PDF's italics are kept where the source marks them (note 2, "United Nations, *Treaty
    # Series*, …"), which the plain copy does not show; the words are the same
    assert data["footnotes"]["note-2"].startswith("United Nations, *Treaty Series*,")
    data["footnotes"]["note-2"] = data["footnotes"]["note-2"].replace("*", "")
    assert _squeezed(data) == _squeezed(clean)
    # every word whole, as the clean copy has it ("humanitarian", not "humani tarian")
    words = re.compile(r"\S+")
    assert words.findall(yaml.safe_dump(data["operative"])) == words.findall(yaml.safe_dump(clean["operative"]))
    built = unres("build", out, "-o", tmp_path / "b", "--format", "pdf")
    assert built.returncode == 0, built.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "b" / "A_RES_ES-11_1.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Ibid., vol. 1125, No. 17512." in text and "16. Decides to adjourn" in " ".join(text.split())


def test_an_issued_pdf_without_a_text_layer_isimport_refused(tmp_path):
    import pikepdf

    scan = tmp_path / "scan.pdf"
    with pikepdf.new() as pdf:  # a page with nothing to read: what a scan without OCR gives
        pdf.add_blank_page(page_size=(612, 792))
        pdf.docinfo["/Producer"] = "Scanner"
        pdf.save(scan)
    import_refused(scan, tmp_path, "no text layer", "OCR")


def test_an_issued_pdf_without_pdftotext_says_what_to_install(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    import_refused(REFERENCE / "A_RES_73_8.pdf", tmp_path, "pdftotext", "poppler-utils", env_path=str(bare))


def test_a_pdf_that_is_not_a_resolution_is_refused_as_a_text_is(tmp_path):
    import pikepdf

    # another office's PDF with a text layer: its text is read, and it is not a resolution
    letter = tmp_path / "invoice.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(612, 792))
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (Invoice No. 42: printing of 300 copies) Tj ET")
        pdf.docinfo["/Producer"] = "Writer"
        pdf.save(letter)
    assert "Invoice No. 42" in subprocess.run(["pdftotext", str(letter), "-"], capture_output=True,
                                              text=True, check=True).stdout
    import_refused(letter, tmp_path, "not")
