"""Issued resolutions end to end, as a new user meets them: ``unres import`` → source that loads →
``unres build`` in both house styles and all three formats, every word of the issued text in
order (PDF via pdftotext, HTML, DOCX) and every note on its call's page in the PDF.

A sample runs here (one test per file, split over the workers); ``make corpus`` runs every
file of tests/corpus/ and ../shared/corpus/ and prints the table (tools/corpus.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

# Structures the sample covers: a declaration in an annex of articles whose masthead lacks
# its symbol, session and date (61/295); an emergency special session with a committee
# line of two documents (ES-11/1); a First Committee line with "para." and an agenda
# sub-item, sub-paragraphs across a page break (80/45); a modern masthead with the agenda
# item's title and notes called twice (72/150); of tests/corpus/: a Fourth Committee line over
# two lines (80/100), and no preamble, (i)-(v) nested under (b) across a page break and a
# resumed plenary meeting (80/245); a Second Committee line, a heading and a "* * *" line among
# the preambular paragraphs, each kept with a warning (80/131). The rest of tests/corpus/ (Second
# Committee lines, 80/130 and 80/155; plain openers after "Resolves that:", 80/246) runs in
# `make corpus`.
SAMPLE = ("A_RES_61_295.txt", "A_RES_ES-11_1.txt", "A_RES_80_45.txt", "A_RES_72_150.txt",
          "A_RES_80_100.txt", "A_RES_80_245.txt", "A_RES_80_131.txt")


def _sample() -> list[Path]:
    files = {p.name: p for p in corpus.corpus_files()}
    return [files[n] for n in SAMPLE if n in files]


CASES = _sample()


@pytest.mark.skipif(not CASES, reason="no corpus beside this clone (../shared/corpus) nor in tests/corpus")
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_issued_resolution_end_to_end(path: Path, tmp_path: Path) -> None:
    result = corpus.check(path, tmp_path)
    assert result.order, result.problems  # it built
    assert not result.problems, "\n".join(result.problems)
    assert result.worst_order == 1.0
    assert result.notes[0] == result.notes[1]


def test_words_in_order_measure_catches_a_dropped_and_a_moved_word() -> None:
    issued = corpus.words("The General Assembly, Recalling its resolution 52/102, Decides to remain seized")
    dropped = [w for w in issued if w != "recalling"]
    moved = issued[1:] + issued[:1]
    assert corpus.in_order(issued, issued) == 1.0
    assert corpus.in_order(issued, dropped) < 1.0
    assert corpus.in_order(issued, moved) < 1.0
    assert corpus.words("capacity-\nbuilding") == corpus.words("capacity-building")


def test_a_word_hyphenated_across_a_page_end_is_in_order() -> None:
    """pdftotext -raw puts the page's notes, the next running head and page number between
    "Non-Self-" at a page foot and "Governing" at the next page's top (A/RES/80/105, modern)."""
    issued = corpus.words("missions to the Non-Self-Governing Territories in accordance")
    pdf = corpus.words("missions to the Non-Self-\n5\nA/56/61, annex.\n"
                       "Implementation of the Declaration\nA/RES/80/105\n2/5\n"
                       "Governing Territories in accordance")
    assert corpus.in_order(issued, pdf) == 1.0
    assert corpus.in_order(issued, corpus.words("missions to the Non-Self Territories")) < 1.0
    assert corpus.note_tokens("Non-Self-Governing") == corpus.note_tokens("Non-Self-") + ["governing"]


def test_issued_text_is_split_as_the_corpus_conventions_say(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text(
        "# source: test\n\nUnited Nations\nA/RES/80/1\n80/1. Title\n\nThe General Assembly,\n\n"
        "(a) Item<sup>1</sup> text;\n\n---\n\n<sup>1</sup> Resolution 70/1.\n",
        encoding="utf-8",
    )
    issued = corpus.read_issued(text)
    assert corpus.words(issued.masthead) == ["united", "nations", "a", "res"]
    assert corpus.words(issued.body) == ["title", "the", "general", "assembly", "item", "text"]
    assert issued.notes == {"1": "Resolution 70/1."}


def test_a_pdf_text_layer_is_split_into_masthead_body_and_notes(tmp_path: Path) -> None:
    """A text layer as PyMuPDF gives it (tests/import/pymupdf/): job number and barcode out, the
    page head (after the empty line that opens page 2, to its job number and page number) out,
    the notes under the rule, a note's line that opens with a day ("7 February 1984.",
    A/RES/80/18's note 2) kept in its note, a label alone on its line out."""
    text = tmp_path / "x.txt"
    text.write_text(
        "United Nations \nA/RES/80/18\n \nGeneral Assembly \n25-19809 (E) \n*2519809* \n \n"
        "80/18. Title \n \nThe General Assembly, \n \nRecalling the report,1 \n"
        "_______________ \n \n1 The Committee was redesignated as from \n7 February 1984. \n\n"
        "A/RES/80/18 \nTitle\n \n25-19809\n2/3 \n \n(a) \nItem text; \n",
        encoding="utf-8",
    )
    assert corpus.is_text_layer(text.read_text(encoding="utf-8"))
    issued = corpus.read_issued(text)
    assert corpus.words(issued.masthead) == ["united", "nations", "a", "res", "general", "assembly"]
    assert corpus.words(issued.body) == ["title", "the", "general", "assembly", "recalling", "the", "report",
                                         "item", "text"]
    assert issued.notes == {"1": "The Committee was redesignated as from 7 February 1984."}


def test_a_note_is_found_whole_between_its_marker_and_the_next() -> None:
    """A short note that begins another ("A/80/239." and "A/80/239 and A/80/270.") and a note
    that begins with a number glued to its marker are told apart by the markers."""
    stream = ["#11", "a", "80", "239", "and", "a", "80", "270", "#12", "2000", "review"]
    assert corpus._has_note(stream, 11, corpus.note_tokens("A/80/239 and A/80/270."))
    assert not corpus._has_note(stream, 11, corpus.note_tokens("A/80/239."))
    assert corpus._has_note(stream, 12, corpus.note_tokens("2000 Review"))
    assert not corpus._has_note(stream, 13, corpus.note_tokens("2000 Review"))


def test_html_table_cells_are_words_apart(tmp_path: Path) -> None:
    """A header row printed <th>Member State</th><th>Percentage</th> (A/RES/79/249) reads as
    three words, not "statepercentage"."""
    page = tmp_path / "t.html"
    page.write_text("<html><body><table><tr><th>Member State</th><th>Percentage</th></tr>"
                    "<tr><th>Afghanistan</th><td>0.005</td></tr></table></body></html>", encoding="utf-8")
    assert corpus._html_words(page) == ["member", "state", "percentage", "afghanistan"]


def test_html_line_break_ends_a_word(tmp_path: Path) -> None:
    """A title kept in its issued lines ("… in the use of" / "information and …", A/RES/80/16)
    is printed with <br>: a browser shows two words, not "ofinformation"."""
    page = tmp_path / "t.html"
    page.write_text("<html><body><h1>security of and in the use of<br>information and communications</h1>"
                    "</body></html>", encoding="utf-8")
    assert corpus._html_words(page)[6:8] == ["of", "information"]


def test_a_note_called_again_is_counted_as_unres_numbers_it() -> None:
    """A/RES/80/15 prints the same note text under 1 and 9 (from the 74th session a note called
    again gets a new number); unres numbers the second call 9 too, so the check looks for note 9
    on that call's page, and note 10 under 10 (it looked for note 10's words under 9)."""
    data = {"session": 80, "preamble": ["Treaty (Treaty of Tlatelolco)[^note-1] was opened"],
            "operative": ["the Treaty of Tlatelolco[^note-1] to review", "Nuclear Weapons,[^note-10] reaffirming"],
            "footnotes": {"note-1": "United Nations, Treaty Series, vol. 634, No. 9068.", "note-10": "See 2010"}}
    assert [key for key, _ in corpus.first_calls(data)] == ["note-1", "note-1", "note-10"]
    data["session"] = 72  # to the 73rd session a note called again keeps its number
    assert [key for key, _ in corpus.first_calls(data)] == ["note-1", "note-10"]


def test_a_continued_note_is_found_after_the_next_pages_calls() -> None:
    """The small print of a page holds its body's calls (raised, small) before its notes: a note
    continued from the page before opens the notes, after the calls (A/RES/80/112 p.2)."""
    pages = [([], ["#1", "these", "include"]),
             ([], ["#2", "#3", "conventions", "of", "1977", "#2", "treaty", "#3", "ibid"])]
    assert corpus._continued(pages, 0, 1, ["these", "include", "conventions", "of", "1977"])
    assert not corpus._continued(pages, 0, 1, ["these", "include", "conventions", "of", "1978"])


def test_the_1998_headings_missing_date_is_not_counted_as_a_masthead_word_lost(tmp_path: Path) -> None:
    """The 1998 style's heading ("RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY") has no "on <date>":
    its date is printed in the plenary lines, its "on" nowhere. A/RES/75/150's masthead and body have
    no other "on", and the checker reported masthead words 97.6 % in 1998 (the modern style 100 %)."""
    data = {"language": "en", "adopted": {"meeting": 45, "date": __import__("datetime").date(2020, 12, 15)}}
    assert corpus._heading_not_printed(data, "1998") == ["on", "december"]  # words: letters only
    assert corpus._heading_not_printed(data, "modern") == []
    path = Path(corpus.ROOT) / "tests" / "import" / "pymupdf" / "A_RES_75_150.txt"
    assert corpus.check(path, tmp_path, styles=("1998",)).problems == []


def test_a_letter_and_its_combining_mark_are_the_letter_they_compose() -> None:
    """A/RES/73/230's text layer has "El Nin\u0303o" (n, combining tilde) three times; the PDF
    unres makes of it prints "Niño" (one glyph, pdftotext reads U+00F1): the same word."""
    assert corpus.words("El Nin\u0303o and La Nin\u0303a") == corpus.words("El Niño and La Niña")
    assert corpus.words("El Nin\u0303o") == ["el", "niño"]
