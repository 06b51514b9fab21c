"""The text layer of an issued PDF as PyMuPDF gives it (what a user gets copying from the PDF):
page heads, page numbers and job numbers between the paragraphs with no form feed, each page's
notes under its rule printed "1 United Nations, …" (number and text on one line), and the calls
glued to their words ("peace,1", "Bangkok4 and", "of 25 November 20242 and", "2025–20288") or set
apart by a space ("by a number of States 4 that", "in 2014, 3").

Input: ``tests/import/A_RES_80_21_pymupdf.txt``, the "text" field of
wannli/un-docs-downloader@3be1f80 data/extracted/A_RES_80_21.json (A/RES/80/21, First Committee,
1 December 2025, 3 pages), saved as stored. Before this, the importer kept the notes as
paragraphs, read the running titles as preambular headings and joined them to paragraphs, and
cut the sub-paragraphs (a), (b) of paragraph 3 from it at the page break.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

TEXT = ROOT / "tests" / "import" / "A_RES_80_21_pymupdf.txt"
RUNNING = ("Further practical measures for the", "prevention of an arms race in\u202fouter space")
# the word each note's call follows in the issued text, and the note's first words
CALLS = {
    "Bodies,": "United Nations, Treaty Series, vol. 610",
    "2008,": "See CD/1839.",
    "2014,": "See CD/1985.",
    "States": "Argentina, Armenia, Belarus",
    "Secretary-General,": "A/77/80.",
    "report": "A/79/364.",
    "agenda": "A/AC.297/2025/3.",
    "2025–2028": "A/AC.297/2025/CRP.2/Rev.5.",
}


def _imported():
    return convert(read_input(str(TEXT)), str(TEXT))


def _issued_words() -> tuple[list[str], list[list[str]]]:
    """The words of the issued body and of each note, read from the text with its page heads, job
    number, page numbers and barcode taken out line by line (not by the importer)."""
    text = TEXT.read_text(encoding="utf-8")
    body, notes, under_rule = [], [], False
    for line in text.split("\n"):
        t = line.strip()
        if t.startswith("_____"):
            under_rule = True
            continue
        if t in ("A/RES/80/21", "25-19813", "25-19813 (E)", "*2519813*") or re.fullmatch(r"\d/3", t) or t in RUNNING:
            under_rule = False if t == "A/RES/80/21" else under_rule
            continue
        if under_rule and re.match(r"\d+ ", t):
            notes.append(t.split(" ", 1)[1])
        elif under_rule and t and notes:
            notes[-1] += " " + t
        else:  # a sub-paragraph's letter is generated (the DOCX leaves it to Word's numbering)
            body.append(re.sub(r"^\([a-z]{1,4}\)(?:\s|$)", "", t))
    start = next(i for i, t in enumerate(body) if t.startswith("80/21."))
    return corpus.words("\n".join(body[start:])), [corpus.words(n) for n in notes]


def test_page_furniture_notes_and_calls_are_read():
    imported = _imported()
    assert [d.message for d in imported.warnings] == []
    data = imported.source.data
    notes = data["footnotes"]
    assert len(notes) == 8
    texts = [t for p in data["preamble"] + data["operative"] for t in corpus._para(p)]
    flat = " ".join(" ".join(t.split()) for t in texts)
    for word, note in CALLS.items():
        call = re.search(re.escape(word) + r"\[\^([^\]]+)\]", flat)
        assert call, word
        assert notes[call.group(1)].startswith(note), word
    assert not any("\u202f" in t or t.startswith(RUNNING[0]) for t in texts)  # the running titles
    assert len(data["preamble"]) == 13 and len(data["operative"]) == 11
    assert [len(p["items"]) if isinstance(p, dict) else 0 for p in data["operative"]][2] == 2


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_every_issued_word_is_printed_in_order(tmp_path, style):
    src = tmp_path / "A_RES_80_21.yaml"
    src.write_text(_imported().yaml, encoding="utf-8")
    pdf, page_html, docx = build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)
    body, notes = _issued_words()
    assert len(notes) == 8
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    for seen in (corpus.words(raw), corpus._html_words(page_html), corpus._docx_words(docx)):
        assert corpus.in_order(body, seen) == 1.0
        assert all(corpus.in_order(n, seen) == 1.0 for n in notes)
    data = __import__("yaml").safe_load(src.read_text(encoding="utf-8"))
    placed, total, missing = corpus.notes_placed(pdf, data)
    assert (placed, total) == (8, 8), missing


# Lines of issued texts (wannli/un-docs-downloader@3be1f80 data/extracted/, the PyMuPDF text of each
# PDF) with the note they call, and where the call stands once read.
CALL_LINES = [
    ("A_RES_80_11", "and sustaining peace,1 ", "1 Including General Assembly resolution 60/180", "peace,[^#1]"),
    ("A_RES_80_11", "sustaining peace of 25 November 20242 and the inputs", "2 A/79/552-S/2024/767.",
     "November 2024[^#2] and"),
    ("A_RES_80_15", "Reiterating the important contribution of the treaties of Tlatelolco, Rarotonga, 3 ",
     "3 The United Nations Disarmament Yearbook", "Rarotonga,[^#3]"),
    ("A_RES_80_15", "Bangkok4 and Pelindaba", "4 United Nations, Treaty Series, vol. 1981", "Bangkok[^#4] and"),
    ("A_RES_80_21", "made by a number of States 4 ", "4 Argentina, Armenia", "States[^#4]"),
    ("A_RES_80_21", "indicative timetable for 2025\u201320288 and the beginning", "8 A/AC.297/2025/CRP.2/Rev.5.",
     "2025\u20132028[^#8] and"),
    ("A_RES_80_26", "resolutions CM/Res.1153 (XLVIII) of 19881 and", "1 See A/43/398, annex I.", "of 1988[^#1] and"),
    ("A_RES_80_46", "endorsed by the relevant States Parties, 8and welcomes the adoption by the",
     "8 Albania, Andorra, Argentina", "Parties,[^#8] and welcomes"),
    ("A_RES_80_51", "Proliferation of Nuclear Weapons 6and the advisory opinion",
     "6 United Nations, Treaty Series, vol. 729, No. 10485.", "Weapons[^#6] and"),
    ("A_RES_80_81", "Arrangements of 13 September 1993\n13  and the subsequent implementation",
     "13 A/48/486-S/26560, annex.", "September 1993[^#13]"),
    ("A_RES_80_91", "14. Takes into account the 2030 Agenda for Sustainable Development, \n8including the Sustainable "
     "Development Goals, stresses", "8 Resolution 70/1.", "Sustainable Development,[^#8]"),
    ("A_RES_80_81", "law, including those codified in Additional Protocol I 6  to the four Geneva ",
     "6 Ibid., vol. 1125, No. 17512.", "Protocol I[^#6]  to"),
    ("A_RES_79_160", "16 April 2004 4  and 2005/5 of 14 April 2005 5  and relevant Human Rights Council ",
     "4 See Official Records of the Economic and Social Council, 2004, Supplement No. 3 (E/2004/23),",
     "16 April 2004[^#4]  and 2005/5"),
    ("A_RES_79_160", "of 14 April 2005 5  and relevant Human Rights Council ",
     "5 Ibid., 2005, Supplement No. 3 and corrigenda (E/2005/23, E/2005/23/Corr.1 and", "April 2005[^#5]  and"),
]


@pytest.mark.parametrize("source, line, note, expected", CALL_LINES)
def test_a_call_as_the_text_layer_gives_it_is_read(source, line, note, expected):
    from pipeline.importer.reading import read

    reading = read(f"{line}\n_______________ \n \n{note} \n", lambda text: False)
    assert [n.text for n in reading.notes] == [note.split(" ", 1)[1]], source
    assert expected in reading.blocks[0].lines[0].text, source


def test_a_note_whose_call_is_not_found_is_kept_called_before_it_with_a_warning():
    """The foot of page 3 of A/RES/80/46 from its last line of text: note 8's call ("States
    Parties, 8and") is higher on the page, outside this excerpt. The note is kept, called at the
    end of the text before it, with a warning at its line; it was left out ("never called")."""
    from pipeline.importer.notes import Keys
    from pipeline.importer.reading import read

    text = ("order to achieve its universalization; \n_______________ \n \n"
            "8 Albania, Andorra, Argentina, Australia, Austria, Bahamas (The), Barbados, Belgium, Belize, \n"
            "Benin, Bosnia and Herzegovina, Brazil, Bulgaria, Cameroon, Canada, Central African Republic, \n")
    reading = read(text, lambda line: False)
    body = reading.blocks[0].lines[-1].text
    assert body == "order to achieve its universalization;[^#8]"
    keys = Keys(reading.notes, [(1, body)])
    assert list(keys.texts.values()) == ["Albania, Andorra, Argentina, Australia, Austria, Bahamas (The), Barbados, "
                                         "Belgium, Belize, Benin, Bosnia and Herzegovina, Brazil, Bulgaria, Cameroon, "
                                         "Canada, Central African Republic,"]
    guessed = [(line, m) for line, m in keys.warnings if "its call was not found" in m]
    assert [line for line, _ in guessed] == [4] and guessed[0][1].startswith("footnote 8:")


def test_a_call_not_found_is_not_set_on_the_plenary_lines():
    """The end of A/RES/80/91 without the line that calls note 8 ("Development, / 8including"): the
    note is called after the last paragraph's full stop, not after the plenary line's date (which
    was then no longer read as the date: "plenary line without a date")."""
    from pipeline.importer.reading import read

    text = ("Anguilla and to report thereon to the General Assembly at its eighty-first session and \n"
            "on the implementation of the present resolution. \n \n55th plenary meeting \n5 December 2025 \n \n"
            "_______________ \n \n8 Resolution 70/1. \n")
    reading = read(text, lambda line: False)
    lines = [line.text for block in reading.blocks for line in block.lines]
    assert lines[1] == "on the implementation of the present resolution.[^#8]"
    assert lines[2:] == ["55th plenary meeting", "5 December 2025"]
    assert reading.notes[0].guessed


def test_a_weak_call_is_looked_for_before_the_next_notes_strong_call():
    """Page 1 of A/RES/78/250 (wannli/un-docs-downloader@c854d88 data/extracted/A_RES_78_250.json,
    lines as stored, the operative paragraph cut): note 1 is called set apart ("Mali 1 and the"),
    note 2 glued after a comma ("Questions,2"), and a heading under paragraph 1 reads "for the
    period from 1 July 2023". Note 1's call was taken as the nearest bare "1" before the notes, the
    heading's, so note 2's call, before it, was no longer looked for: note 2 was called after the
    paragraph number "2." with a warning, and the heading printed a call."""
    from pipeline.importer.reading import read

    text = ("Having considered the report of the Secretary-General on the financing of the \n"
            "United Nations Multidimensional Integrated Stabilization Mission in Mali 1 and the \n"
            "related report of the Advisory Committee on Administrative and Budgetary Questions,2  \n \n"
            "1. \nEndorses the conclusions and recommendations contained in the report of \n"
            "the Advisory Committee on Administrative and Budgetary Questions, and requests \n"
            "the Secretary-General to ensure their full implementation; \n \n \n \n"
            "Revised budget estimates for the period from 1 July 2023 to 30 June 2024 \n \n \n"
            "2. \nDecides to appropriate to the special account for the United Nations \n"
            "__________________ \n \n1  A/78/516. \n \n2  A/78/608. \n")
    reading = read(text, lambda line: False)
    lines = [line.text for block in reading.blocks for line in block.lines]
    assert "Mali[^#1] and the" in lines[1]
    assert lines[2].endswith("Questions,[^#2]")
    assert not any("[^#" in line for line in lines[3:])
    assert [(n.label, n.guessed) for n in reading.notes] == [("1", False), ("2", False)]
