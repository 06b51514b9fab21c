"""tests/layout/issued/ measured from the issued PDFs' text layers (tools/issued_match.py).

The texts added on 7 December 2026 by a rule fixed before any result was seen (/work/raw's
RULE.md, tests/layout/issued/README.md) are not corpus texts: their input is the issued PDF's text
layer as PyMuPDF gives it, saved as stored in tests/import/pymupdf/, which ``unres import`` reads as
a user's copy of the PDF. tools/issued_match.py takes the input its issued file's ``# input:``
line names (or else tests/corpus, ../shared/corpus, tests/import/pymupdf in that order), and a text
that fails to import or build stays in the table with its lines and page ends unmatched.
tools/issued_lines.py drafts an issued file from a text layer; the files here are its drafts, read
by hand against the text layers.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import issued_lines  # noqa: E402
import issued_match  # noqa: E402

LAYERS = sorted(p.stem for p in issued_match.ISSUED.glob("*.txt")
                if issued_match.header_input(p.stem) is not None
                and issued_match.header_input(p.stem).parent == issued_match.TEXT_LAYERS)


def test_a_text_layer_is_the_input_its_issued_file_names():
    assert len(LAYERS) >= 12
    for name in LAYERS:
        assert issued_match.input_text(name) == issued_match.TEXT_LAYERS / f"{name}.txt", name
        assert issued_match.kind(name) == "text layers"
    # the corpus texts are found where they were
    assert issued_match.input_text("A_RES_80_100") == ROOT / "tests" / "corpus" / "A_RES_80_100.txt"
    assert issued_match.kind("A_RES_80_100") == "corpus texts"


def test_a_text_layer_is_imported_built_and_measured(tmp_path):
    """A/RES/80/16 (2 pages, no notes) from its text layer: pages and the page end as issued."""
    m = issued_match.measure("A_RES_80_16", tmp_path)
    assert (m.pages_issued, m.pages_ours) == (2, 2)
    assert (m.page_ends, m.page_ends_total) == (1, 1), m.missed_pages
    assert m.lines_total == 44 and m.lines >= 40, m.missed_lines


def test_a_text_that_does_not_build_stays_in_the_table(tmp_path, monkeypatch, capsys):
    issued = tmp_path / "issued"
    issued.mkdir()
    (issued / "A_RES_99_1.txt").write_text(
        "# input: tests/import/pymupdf/A_RES_99_1.txt\n=== page 1\nEightieth session\n"
        "The General Assembly,\n=== page 2\n1. Decides to remain seized of the matter.\n",
        encoding="utf-8")
    monkeypatch.setattr(issued_match, "ISSUED", issued)
    assert issued_match.main(["A_RES_99_1"]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(x for x in out if x.startswith("A_RES_99_1"))
    assert "FAILED: no input: tests/import/pymupdf/A_RES_99_1.txt" in row
    assert out[-1].split()[:3] == ["total", "0/3", "0.0%"] and "0/1" in out[-1]


@pytest.mark.parametrize("name", LAYERS)
def test_each_issued_file_is_the_draft_of_its_text_layer(name):
    """The issued words are the text layer's, never edited: each file is tools/issued_lines.py's
    draft of tests/import/pymupdf/<NAME>.txt (read by hand against it; none needed a correction)."""
    text = (issued_match.TEXT_LAYERS / f"{name}.txt").read_text(encoding="utf-8")
    issued = (issued_match.ISSUED / f"{name}.txt").read_text(encoding="utf-8")
    source = next(x for x in issued.splitlines() if x.startswith("# source: "))
    source = source.removeprefix("# source: ").split(" (")[0]
    assert issued_lines.draft(text, name, source, []) == issued


def test_the_draft_takes_out_calls_labels_and_furniture():
    issued = issued_match.read_issued(issued_match.ISSUED / "A_RES_79_160.txt")
    words = [w.text for w in issued.words]
    assert issued.pages == 11
    assert "20117" not in words and "2011" in words  # "29 September 2011⁷" as the text layer glues it
    text = (issued_match.ISSUED / "A_RES_79_160.txt").read_text(encoding="utf-8")
    assert "\n26 Condemns without reservation" in text  # "26" alone on its line, no full stop
    body = text.split("=== page 1", 1)[1]
    assert "24-24153" not in body and "A/RES/79/160" not in body  # job number, running head
    assert body.count("Combating glorification") == 1  # the title; ten running titles left out


def test_a_justified_line_given_one_word_a_line_is_one_line():
    """A/RES/76/305 p.4: the text layer gives two of Word's widely spaced lines one word a line."""
    lines = ["14. Recognizes the important role of international and regional financial", "institutions",
             "in", "peacebuilding", "and", "sustaining", "peace,", "", "1.", "Notes"]
    assert issued_lines.rejoined(lines) == [lines[0], "institutions in peacebuilding and sustaining peace,",
                                            "", "1.", "Notes"]


def test_the_first_number_of_a_range_is_not_a_call():
    """A/RES/79/320 p.1: note 1 is called after 'Countries 1 and', below 'paragraphs 1 to 10'."""
    report: list[str] = []
    body = ["in particular paragraphs 1 to 10 of the annex thereto,", "Transit Developing Countries 1 and the"]
    assert issued_lines.take_calls(body, [("1", ["Report."])], 1, report) == [
        body[0], "Transit Developing Countries and the"]


def test_a_number_after_an_article_is_not_a_call():
    """A/RES/79/201 p.5: note 10 is called after 'Framework,10', below 'the 10 principles'."""
    report: list[str] = []
    body = ["responsibility, as reflected in the 10 principles of the United Nations Global Compact",
            "United Nations \u201cProtect, Respect and Remedy\u201d Framework,10 environmental, social"]
    assert issued_lines.take_calls(body, [("10", ["A/HRC/17/31, annex."])], 5, report) == [
        body[0], "United Nations \u201cProtect, Respect and Remedy\u201d Framework, environmental, social"]


def test_a_call_glued_to_a_names_figure_is_taken_out():
    """A/RES/79/211 p.2: note 6 is called glued to 'Agenda 21' ('Agenda 216'), found by no other form."""
    report: list[str] = []
    body = ["on Environment and Development and Agenda 216 and the principles set out therein,"]
    assert issued_lines.take_calls(body, [("6", ["Ibid., annex II."])], 2, report) == [
        "on Environment and Development and Agenda 21 and the principles set out therein,"]


def test_a_justified_line_opening_with_its_number_is_one_line():
    """A/RES/79/211 p.8: the widely spaced first line of paragraph 19, its number and first word
    on one line of the text layer and each word after them on a line of its own."""
    lines = ["19. Encourages", "Governments,", "relevant", "international", "and", "regional",
             "organizations and other relevant stakeholders to promote investments in developing"]
    assert issued_lines.rejoined(lines) == ["19. Encourages Governments, relevant international and regional",
                                            lines[-1]]


def test_a_number_after_a_noun_that_numbers_is_not_a_call():
    """A/RES/79/248 p.1: note 1 is called after 'for 2024 1 and', below 'Article 1 of the Charter'."""
    report: list[str] = []
    body = ["as set out in Article 1 of the Charter of the United Nations,",
            "Having considered the report of the Committee on Conferences for 2024 1 and"]
    assert issued_lines.take_calls(body, [("1", ["Official Records."])], 1, report) == [
        body[0], "Having considered the report of the Committee on Conferences for 2024 and"]
