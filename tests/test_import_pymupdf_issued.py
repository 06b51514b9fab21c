"""Issued resolutions as a user copies them out of the official PDF: tests/import/pymupdf/, the
PyMuPDF text layers stored by wannli/un-docs-downloader (tests/import/README.md gives each file's
commit and path), saved as stored. Each imports with no warnings and its PDF prints every issued
word in order, each note on its call's page, the operative paragraphs as numbered, and its HTML no
word the issue does not have (the words and notes read from the text layer by tools/corpus.py,
not by the importer; `make corpus` builds them in both house styles and all three formats). Then the shapes they showed that the importer
did not read, each cut to its lines.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys

import pdfplumber
import pytest
import yaml
from conftest import ROOT, unres

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

TEXTS = sorted((ROOT / "tests" / "import" / "pymupdf").glob("*.txt"))


def _numbered(data: dict) -> int:
    return sum(1 for p in data.get("operative") or () if isinstance(p, str) or (
        "text" in p and p.get("numbered") is not False))


# Words the HTML prints that the issued body, masthead and notes do not have: the symbol ("A/RES/…"
# in the head), the notes' heading, and the sub-paragraphs' letters, which tools/corpus.py takes out
# of the issued text.
GENERATED = re.compile(r"a|res|notes|[a-z]|[ivxl]+")


def _beyond_the_issue(seen: list[str], issued: corpus.Issued) -> list[str]:
    """Runs of printed words that the issued text does not have where they stand."""
    expected = corpus.words(issued.masthead) + corpus.words(issued.body)
    expected += [w for note in issued.notes.values() for w in corpus.words(note)]
    matcher = difflib.SequenceMatcher(None, seen, expected, autojunk=False)
    runs = [seen[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete")]
    return [" ".join(run) for run in runs if not all(GENERATED.fullmatch(w) for w in run)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_an_issued_text_layer_imports_without_warnings_and_prints_every_word(path, tmp_path):
    imported = convert(read_input(str(path)), str(path))
    assert [f"{d.line}: {d.message}" for d in imported.warnings] == []
    src = tmp_path / f"{path.stem}.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    built = {out.suffix: out for out in build_file(src, tmp_path, ("pdf", "html"), "modern", None)}
    pdf, page = built[".pdf"], built[".html"]
    issued = corpus.read_issued(path)
    assert corpus.is_text_layer(path.read_text(encoding="utf-8"))
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    seen = corpus.words(raw)
    assert corpus.in_order(corpus.words(issued.body), seen) == 1.0
    assert [n for n, note in issued.notes.items() if corpus.in_order(corpus.words(note), seen) < 1] == []
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    placed, total, missing = corpus.notes_placed(pdf, data)
    assert (placed, total) == (len(issued.notes), len(issued.notes)), missing
    assert _beyond_the_issue(corpus._html_words(page), issued) == []  # nothing printed twice or added
    printed = [int(m.group(1)) for m in re.finditer(r"^(\d{1,3})(?:\.(?=\s|$)|$)", issued.body, re.M)]
    operative = _numbered(data)
    expected = list(range(1, operative + 1)) if operative > 1 else []  # a lone paragraph: no number
    for annex in data.get("annexes") or ():  # each numbered annex numbers its paragraphs from 1
        if annex.get("numbered"):
            expected += range(1, _numbered({"operative": annex.get("paragraphs")}) + 1)
    assert printed == expected


def test_a_dated_heading_broken_before_its_date_is_the_heading():
    """A/RES/78/200's masthead (lines as stored): the heading breaks after "on", its date alone on
    the next line. "Resolution adopted by the General Assembly on" was read as the agenda item's
    title running on (its last words), and "19 December 2023" was left out with a warning."""
    text = ("United Nations \nA/RES/78/200\n \n \nGeneral Assembly \nDistr.: General \n22 December 2023 \n \n"
            "23-26036 (E)    090124 \n*2326036* \n \n \nSeventy-eighth session \nAgenda item 71 (b) \n"
            "Promotion and protection of human rights: human rights \nquestions, including alternative "
            "approaches for improving \nthe effective enjoyment of human rights and \nfundamental freedoms \n"
            " \n \n \n \n Resolution adopted by the General Assembly on \n19 December 2023 \n \n \n \n \n"
            "[on the report of the Third Committee (A/78/481/Add.2, para. 139)] \n \n \n"
            " 78/200. Promotion of equitable geographical distribution in the \n"
            "membership of the human rights treaty bodies \n \n \n \nThe General Assembly,  \n \n"
            "Recalling its previous resolutions on this question,  \n \n1. \nDecides to continue its "
            "consideration of the question at its eightieth session. \n \n50th plenary meeting \n"
            "19 December 2023 \n \n")
    imported = convert(text, "A_RES_78_200.txt")
    assert [d.message for d in imported.warnings] == []
    data = imported.source.data
    assert data["agenda_title"] == ("Promotion and protection of human rights: human rights\nquestions, including "
                                    "alternative approaches for improving\nthe effective enjoyment of human rights "
                                    "and\nfundamental freedoms")  # its lines as issued
    assert str(data["adopted"]["date"]) == "2023-12-19"


_HEAD = ("United Nations \nA/RES/79/160\n \n \nGeneral Assembly \nDistr.: General \n19 December 2024 \n \n"
         "24-24153 (E) \n*2424153* \n \n \nSeventy-ninth session \nAgenda item 69 (a) \n \n"
         " Resolution adopted by the General Assembly \non 17 December 2024 \n \n"
         "[on the report of the Third Committee (A/79/456, para. 31)] \n \n"
         " 79/160. Combating glorification of Nazism \n \n \nThe General Assembly, \n \n"
         "Guided by the Charter of the United Nations, \n \n")
_END = " \n53rd plenary meeting \n17 December 2024 \n \n"
_CUT = "paragraph 25. out of sequence: expected 1. (numbers are generated)"


def test_a_paragraph_number_printed_without_its_full_stop_is_the_paragraph_due():
    """A/RES/79/160 prints paragraphs 26 and 27 as "26" and "27" with no full stop (lines as stored,
    paragraphs 25-28 shortened). They were joined to the paragraph before, each with a warning, and
    paragraph 28 was reported out of sequence: 73 operative paragraphs of the issued 75."""
    text = _HEAD + ("25. Recalls the recommendation of the Special Rapporteur; \n \n26 \nCondemns without "
                    "reservation any denial of or attempt to deny the \nHolocaust; \n \n27 \nAffirms its deep "
                    "commitment to the duty of remembrance; \n \n28. Recalls the conclusions of the Special "
                    "Rapporteur. \n") + _END
    imported = convert(text, "A_RES_79_160.txt")
    assert [d.message for d in imported.warnings] == [_CUT]  # this excerpt's, not the issued text's
    operative = imported.source.data["operative"]
    assert [p.split()[0] for p in operative] == ["Recalls", "Condemns", "Affirms", "Recalls"]


def test_a_day_and_month_opening_a_line_is_not_a_paragraph_number():
    """The same shape with a date: "26 November 2024" opening a line after a paragraph that ended
    is no paragraph number (it is text, kept with a warning as before)."""
    text = _HEAD + ("25. Recalls the recommendation of the Special Rapporteur; \n \n26 November 2024 was "
                    "the day of the meeting. \n") + _END
    imported = convert(text, "A_RES_79_160.txt")
    assert len(imported.source.data["operative"]) == 1
    assert [d.message[:38] for d in imported.warnings] == [_CUT[:38], "unnumbered text after paragraph; joine"]


def test_a_running_title_that_is_the_whole_short_title_is_left_out():
    """A/RES/80/24 ("Nuclear disarmament", lines as stored, cut): the running title of two words
    was read as text: on page 2 it was joined to the paragraph the page break cuts ("… on the
    prohibition of the Nuclear disarmament") and the rest of that paragraph made a preambular
    paragraph of its own; on page 3 it was kept as a preambular heading with a warning."""
    text = ("United Nations \nA/RES/80/24\n \nGeneral Assembly \nDistr.: General \n3 December 2025 \n"
            "25-19815 (E) \n*2519815* \n \n \nEightieth session \nAgenda item 99 (b) \n"
            "General and complete disarmament: nuclear disarmament \n \n \n \n \n"
            " Resolution adopted by the General Assembly \non 1 December 2025 \n \n \n"
            "[on the report of the First Committee (A/80/534, para. 7)] \n \n \n \n80/24. Nuclear disarmament \n"
            " \n \n \nThe General Assembly, \n \nBearing in mind that the Convention has already established "
            "legal regimes, and determined to \nachieve a comprehensive nuclear weapons convention on the "
            "prohibition of the \n\nA/RES/80/24 \nNuclear disarmament\n \n25-19815\n2/7 \n \n"
            "development, testing, production, stockpiling, loan, transfer, use and threat of use of \n"
            "nuclear weapons and on their destruction, \n\nNuclear disarmament \nA/RES/80/24\n \n3/7\n"
            "25-19815 \n \n \nReiterating the highest priority accorded to nuclear disarmament, \n \n"
            "1. \nUrges all nuclear-weapon States to take effective disarmament measures. \n \n"
            "52nd plenary meeting \n1 December 2025 \n \n")
    imported = convert(text, "A_RES_80_24.txt")
    assert [d.message for d in imported.warnings] == []
    preamble = [" ".join(p.split()) for p in imported.source.data["preamble"]]
    assert len(preamble) == 2 and "Nuclear disarmament" not in " ".join(preamble)
    assert "on the prohibition of the development, testing," in preamble[0]
def test_the_agenda_items_title_keeps_its_issued_lines(tmp_path):
    """A/RES/80/19's masthead breaks its agenda sub-item's title after the item's title, by hand
    ("Prevention of an arms race in outer space:" / "prevention of an arms race in outer space":
    "prevention" would fit the column). The importer keeps the lines a text layer shows, as it keeps
    the title's (``agenda_title: |-``), and our masthead prints them so; before, it joined them and
    ours broke "… outer space: prevention of an" / "arms race in outer space"."""
    path = ROOT / "tests" / "import" / "pymupdf" / "A_RES_80_19.txt"
    imported = convert(read_input(str(path)), str(path))
    lines = ["Prevention of an arms race in outer space:", "prevention of an arms race in outer space"]
    assert imported.source.data["agenda_title"] == "\n".join(lines)
    src = tmp_path / "A_RES_80_19.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    (pdf,) = build_file(src, tmp_path, ("pdf",), "modern", None)
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    printed = [ln.strip() for ln in text.splitlines()]
    at = printed.index("Agenda item 97 (a)")
    assert printed[at + 1:at + 3] == lines



def test_an_agenda_title_running_on_to_the_organs_name_keeps_it():
    """A/RES/75/150's masthead (lines as stored): the agenda item's title breaks before its last
    words, "General Assembly", the organ's name the masthead printed above. The line was read as the
    organ's again and left out: ``agenda_title`` ended "… Alliance in the" (tools/corpus.py: masthead
    words 97.6 %)."""
    path = ROOT / "tests" / "import" / "pymupdf" / "A_RES_75_150.txt"
    imported = convert(read_input(str(path)), str(path))
    assert [d.message for d in imported.warnings] == []
    assert imported.source.data["agenda_title"] == (
        "Observer status for the Global Dryland Alliance in the\nGeneral Assembly")

@pytest.mark.parametrize(("name", "glued"), [
    ("A_RES_72_50", ["Weapons1", "Treaty5"]),  # glued to a word, on later pages than the notes
    ("A_RES_73_90", ["Development;1"]),  # before its note, on its page, after the first call
    ("A_RES_73_230", ["Declaration1", "2015–2030;2"]),  # glued to a word and after a year
])
def test_a_note_called_again_under_its_number_is_called_there(name, glued):
    """To the 73rd session a note called again keeps its number. The text layers print the later
    calls glued ("… Nuclear Weapons1 in order", "Development;1"); each stayed in the text as a word
    with a figure ("Weapons1") where it was not after a word's punctuation on a later page than the
    note (A/RES/72/150's "session;2", read before)."""
    path = ROOT / "tests" / "import" / "pymupdf" / f"{name}.txt"
    imported = convert(read_input(str(path)), str(path))
    assert [d.message for d in imported.warnings] == []
    text = yaml.safe_dump(imported.source.data, allow_unicode=True, width=10**6)
    for word in glued:
        assert word not in text, word
        assert re.sub(r"\d+$", "[^", word) in text, word


def test_a_note_called_again_after_the_same_words_is_called_first_where_it_is_first_printed():
    """A/RES/74/90 calls note 3 after "… of 12 August 1949," twice on page 2: set apart in the
    preamble ("1949, 3 to the occupied"), glued in operative paragraph 3 ("1949,3 and"). The nearest
    call to the note was taken for its first, and the preamble printed "1949, 3 to" as text. Both
    calls read, the source keeps the issued number for the second (``repeated_notes: reuse``)."""
    path = ROOT / "tests" / "import" / "pymupdf" / "A_RES_74_90.txt"
    imported = convert(read_input(str(path)), str(path))
    assert [d.message for d in imported.warnings] == []
    data = imported.source.data
    preamble = " ".join(" ".join(p.split()) for p in data["preamble"])
    assert "of 12 August 1949,[^note-3] to the occupied Syrian Golan" in preamble
    assert "1949, 3" not in preamble
    assert "1949,[^note-3] and have no legal effect" in " ".join(" ".join(p.split()) for p in data["operative"])
    # the 74th session, where unres numbers a note called again anew: printed under 3 twice, as issued
    assert data["repeated_notes"] == "reuse"


_SCALE_HEAD = ("United Nations \nA/RES/79/249\n \n \nGeneral Assembly \nDistr.: General \n31 December 2024 \n \n"
               "24-24688 (E) \n*2424688* \n \n \nSeventy-ninth session \nAgenda item 143 \n"
               "Scale of assessments for the apportionment of the expenses \nof the United Nations \n \n \n \n \n"
               " Resolution adopted by the General Assembly \non 24 December 2024 \n \n \n \n \n"
               "[on the report of the Fifth Committee (A/79/390/Add.1, para. 13)] \n \n \n"
               " 79/249. Scale of assessments for the apportionment of the expenses \nof the United Nations \n"
               " \n \n \nThe General Assembly, \n \nRecalling paragraphs 5 and 6 of its resolution 58/1 B,  \n \n"
               "1. \nResolves that the scale of assessments for the contributions of Member States \n"
               "to the regular budget of the United Nations for 2025, 2026 and 2027 shall be as follows: \n \n")
_SCALE_END = (" \n \n \n2. Reaffirms paragraph 1 of its resolution 57/4 B;  \n \n"
              "55th (resumed) plenary meeting \n24 December 2024 \n \n")


def test_a_table_printed_one_cell_a_line_is_a_table_and_its_repeated_header_is_left_out():
    """A/RES/79/249's scale (lines as stored, rows cut): the text layer prints the table one cell a
    line, its header "Member State" / "Percentage" again at each page's top. The rows were read as
    text: the first page's as a heading ("Member State Percentage Afghanistan 0.005 …"), the rest as
    one unnumbered paragraph with a warning, the repeated headers among its words."""
    text = _SCALE_HEAD + (
        "Member State \nPercentage \nAfghanistan \n0.005 \nAlbania \n0.010 \n\n"
        "Scale of assessments for the apportionment of the expenses of the \nUnited Nations \nA/RES/79/249\n"
        " \n3/8\n24-24688 \n \nMember State \nPercentage \nAngola \n0.010 \n"
        "Bolivia (Plurinational State of) \n0.018 \nC\u00f4te d\u2019Ivoire \n0.024 \n\n"
        "A/RES/79/249 \nScale of assessments for the apportionment of the expenses of the \nUnited Nations\n"
        " \n24-24688\n4/8 \n \nMember State \nPercentage \nUnited States of America \n22.000 \n"
        "Zimbabwe \n0.007 \n") + _SCALE_END
    imported = convert(text, "A_RES_79_249.txt")
    assert [d.message for d in imported.warnings] == []
    operative = imported.source.data["operative"]
    assert [p.split()[0] if isinstance(p, str) else list(p) for p in operative] == [
        "Resolves", ["table"], "Reaffirms"]
    assert operative[1]["table"] == {
        "header": ["Member State", "Percentage"],
        "rows": [["Afghanistan", "0.005"], ["Albania", "0.010"], ["Angola", "0.010"],
                 ["Bolivia (Plurinational State of)", "0.018"], ["C\u00f4te d\u2019Ivoire", "0.024"],
                 ["United States of America", "22.000"], ["Zimbabwe", "0.007"]]}


def test_lines_of_one_cell_each_that_make_no_rows_are_kept_as_text_with_a_warning():
    """The same shape with a row's figure missing ("Albania" has none): no header and rows can be
    read for sure, so the lines are kept as text, every word, with a warning at the block's line."""
    block = "Member State \nPercentage \nAfghanistan \n0.005 \nAlbania \nAlgeria \n0.087 \nAndorra \n0.004 \n"
    text = _SCALE_HEAD + block + _SCALE_END
    imported = convert(text, "A_RES_79_249.txt")
    line = text.split("\n").index("Member State ") + 1
    assert [(d.line, d.message) for d in imported.warnings] == [
        (line, "lines of one cell each (a table?) that do not read as a header and rows; kept as text")]
    data = imported.source.data
    assert not [p for p in data["operative"] if isinstance(p, dict) and "table" in p]
    kept = corpus.words(imported.yaml)
    assert corpus.in_order(corpus.words(block), kept) == 1.0


def test_the_checker_leaves_out_a_tables_header_repeated_at_a_page_top():
    """tools/corpus.py reads a text layer's issued words itself: a table's header printed again
    at a page's top, one cell a line, is page furniture (the source prints a long table's header
    at each page's top itself); the header's first printing and the rows are words."""
    text = _SCALE_HEAD + (
        "Member State \nPercentage \nAfghanistan \n0.005 \n\n"
        "Scale of assessments for the apportionment of the expenses of the \nUnited Nations \nA/RES/79/249\n"
        " \n3/8\n24-24688 \n \nMember State \nPercentage \nAngola \n0.010 \n") + _SCALE_END
    body = corpus.words(corpus.read_text_layer(text).body)
    assert body.count("member") == 2  # "contributions of Member States" and the header once
    assert "angola" in body and "afghanistan" in body


def test_a_call_after_a_sentences_full_stop_is_the_notes_call():
    """A/RES/80/9's declaration (lines as stored, cut) calls two notes after a sentence's full stop,
    before the next sentence: "the Paris Principles. 13 We will" (set apart) and "Business and Human
    Rights.15 We stress" (glued). Neither call was found: each note was called at the end of the
    paragraph before it, with a warning. A number after an abbreviation ("para. 13") stays a
    number."""
    text = ("United Nations \nA/RES/80/9 \n \nGeneral Assembly \nDistr.: General \n25 November 2025 \n"
            "25-19346 (E) \n*2519346* \n \n \nEightieth session \nAgenda item 107 \n"
            "Crime prevention and criminal justice \n \n \n \n \n Resolution adopted by the General Assembly \n"
            "on 24 November 2025 \n \n \n[without reference to a Main Committee (A/80/L.8)] \n \n \n \n"
            "80/9. 2025 Political Declaration on the Implementation of the \nUnited Nations Global Plan of "
            "Action to Combat Trafficking \nin Persons \n \n \n \nThe General Assembly, \n \n"
            "Recalling paragraph 13 of its resolution 79/1, and para. 13 We of the report, \n \n"
            "1. \nReiterates the importance of national human rights \ninstitutions where they exist, in "
            "compliance with the Paris Principles. 1 We will \npromote multi-stakeholder partnerships;  \n"
            "2. \nRecalls the United \nNations Guiding Principles on Business and Human Rights.2 We stress "
            "the need to \nestablish firewalls between immigration checks and labour inspections. \n \n"
            "48th plenary meeting \n24 November 2025 \n \n_______________ \n \n1 Resolution 48/134, annex.  \n"
            " \n2 Guiding Principles on Business and Human Rights (A/HRC/17/31, annex). \n")
    imported = convert(text, "A_RES_80_9.txt")
    assert [d.message for d in imported.warnings] == []
    preamble, operative = imported.source.data["preamble"], imported.source.data["operative"]
    assert "para. 13 We" in " ".join(preamble[0].split())
    assert "the Paris Principles.[^" in operative[0] and "] We will" in operative[0]
    assert "Human Rights.[^" in operative[1] and "] We stress" in operative[1]


def _staffing() -> tuple[str, str]:
    """A/RES/80/243's staffing tables (section XII, paragraph 17; lines as stored in
    wannli/un-docs-downloader@3be1f80 data/extracted/A_RES_80_243.json, rows cut) in a whole
    resolution's text layer: the masthead and the block, then the plenary lines."""
    head = ("United Nations \nA/RES/80/243\n \n \nGeneral Assembly \nDistr.: General \n31 December 2025 \n \n"
            "25-21248 (E) \n*2521248* \n \n \nEightieth session \nAgenda item 138 \n"
            "Proposed programme budget for 2026 \n \n \n \n \n Resolution adopted by the General Assembly \n"
            "on 30 December 2025 \n \n \n[on the report of the Fifth Committee (A/80/600, para. 10)] \n \n \n"
            "80/243. Special subjects relating to the proposed programme budget for 2026 \n \n \n"
            "The General Assembly, \n \nRecalling its resolution 79/258 A, \n \n")
    block = ("1. Approves the changes to the staffing table as set out in the table below: \n \n \n \nA. \n"
             "Pension Administration \n \n \nAction \nTitle of post \nCategory/level \nNumber \nEstablishment \n"
             "Legal Officer \nP-4 \n1 \nEstablishment \nSenior Benefits Assistant  \nGS (PL) \n1 \n"
             "Total new posts \n \n \n3 \nReclassification \nPublic Information Officer \nP-4 \n1 \n \n \n \n \nB. \n"
             "Office of Investment Management \n \n \nAction \nTitle of post \nCategory/level \nNumber \n"
             "Establishment \nRisk Officer \nP-3 \n1 \nRedeployment from Strategic Management \n"
             "Office (programme of work) to Business \nSupport Section (programme support)  \n"
             "Administrative Officer \nP-4 \n1 \n \nAbbreviations: GS (OL), General Service (Other level); "
             "GS (PL), General Service (Principal level). \n \n \n \n"
             "2. Also approves the estimates of 168,460,000 dollars for the administration \n"
             "of the Fund for 2026;  \n \n")
    return head, block


def _staffing_import(block: str):
    head, _ = _staffing()
    text = head + block + "88th plenary meeting \n30 December 2025 \n \n"
    return convert(text, "A_RES_80_243.txt"), text.split("\n")


STAFFING_HEADER = ["Action", "Title of post", "Category/level", "Number"]
REDEPLOYMENT = ("Redeployment from Strategic Management Office (programme of work) to Business Support "
                "Section (programme support)")


def test_a_staffing_table_printed_one_cell_a_line_is_a_table():
    """A/RES/80/243's staffing tables as the text layer prints them (tests/import/README.md): one
    cell a line, a caption over two lines ("A." / "Pension Administration"), text in three of four
    columns ("P-4", "GS (PL)"), empty cells printed as blank lines (which cut the table into
    blocks: "Total new posts" / blank / blank / "3") and an action wrapped over three lines. Each
    is a table: caption, header, rows, the empty cells empty, the action's lines joined, the line
    under it the table's note; no warning, every word in order. On 3fceb60 they were kept as text
    with five warnings."""
    _, block = _staffing()
    imported, _ = _staffing_import(block)
    assert [f"{d.line}: {d.message}" for d in imported.warnings] == []
    operative = imported.source.data["operative"]
    tables = [p["table"] for p in operative if isinstance(p, dict) and "table" in p]
    assert [t["caption"] for t in tables] == ["A. Pension Administration", "B. Office of Investment Management"]
    assert [t["header"] for t in tables] == [STAFFING_HEADER, STAFFING_HEADER]
    assert tables[0]["rows"] == [["Establishment", "Legal Officer", "P-4", "1"],
                                 ["Establishment", "Senior Benefits Assistant", "GS (PL)", "1"],
                                 ["Total new posts", "", "", "3"],
                                 ["Reclassification", "Public Information Officer", "P-4", "1"]]
    assert tables[1]["rows"] == [["Establishment", "Risk Officer", "P-3", "1"],
                                 [REDEPLOYMENT, "Administrative Officer", "P-4", "1"]]
    assert tables[1]["notes"] == ["Abbreviations: GS (OL), General Service (Other level); GS (PL), General "
                                  "Service (Principal level)."]
    assert operative[0].startswith("Approves the changes") and operative[-1].startswith("Also approves")
    assert corpus.in_order(corpus.words(block), corpus.words(imported.yaml)) == 1.0


def test_a_column_head_over_two_lines_is_one_cell():
    """The same tables with "Category/level" printed over two lines ("Category/" / "level", as a
    narrower column prints it): one header cell, the rows as before."""
    _, block = _staffing()
    imported, _ = _staffing_import(block.replace("Category/level \n", "Category/ \nlevel \n", 1))
    assert imported.warnings == []
    tables = [p["table"] for p in imported.source.data["operative"] if isinstance(p, dict) and "table" in p]
    assert [t["header"] for t in tables] == [STAFFING_HEADER, STAFFING_HEADER]
    assert tables[0]["rows"][2] == ["Total new posts", "", "", "3"]


@pytest.mark.parametrize("edit", [
    ("Legal Officer \nP-4 \n1 \n", "Legal Officer \nP-4 \n"),  # a row without its figure
    ("Senior Benefits Assistant  \n", "Senior Benefits \nAssistant  \n"),  # a title of post over two lines
], ids=["row-without-figure", "title-over-two-lines"])
def test_a_staffing_table_that_does_not_read_as_rows_is_kept_as_text_with_a_warning(edit):
    """Where the cells cannot be told for sure (a row without its figure; a cell other than the
    first over two lines, which one cell a line cannot tell from two cells) the table is not
    read: its words are kept as text, in order, the block of one-cell lines reported at its line;
    the next table (B.) is still read."""
    _, block = _staffing()
    block = block.replace(*edit)
    imported, lines = _staffing_import(block)
    assert (lines.index("3 ") + 1, "lines of one cell each (a table?) that do not read as a header and "
            "rows; kept as text") in [(d.line, d.message) for d in imported.warnings]
    assert lines.index("Action ") + 1 in [d.line for d in imported.warnings]
    tables = [p["table"] for p in imported.source.data["operative"] if isinstance(p, dict) and "table" in p]
    assert [t["caption"] for t in tables] == ["B. Office of Investment Management"]
    assert corpus.in_order(corpus.words(block), corpus.words(imported.yaml)) == 1.0


# page 16's head as the text layer prints it (A/RES/80/243), between two pages of a table
PAGE_TURN = ("\nA/RES/80/243 \nSpecial subjects relating to the \nproposed programme budget for 2026\n \n25-21248\n"
             "16/22 \n \n")


@pytest.mark.parametrize("repeated", [True, False], ids=["header-repeated", "no-header"])
def test_a_staffing_table_goes_on_over_a_page_break(repeated):
    """A/RES/80/243's table A cut by a page break before its "Total new posts" row (constructed:
    the issued table fits on its page), the next page's head between, its header repeated at the
    page's top or not: one table, its rows in order, the empty cells of the row that opens the
    page empty, no warning, no word of the page head in the table."""
    _, block = _staffing()
    cut = "Total new posts \n"
    block = block.replace(cut, PAGE_TURN + ("Action \nTitle of post \nCategory/level \nNumber \n" if repeated
                                             else "") + cut, 1)
    imported, _ = _staffing_import(block)
    assert [f"{d.line}: {d.message}" for d in imported.warnings] == []
    tables = [p["table"] for p in imported.source.data["operative"] if isinstance(p, dict) and "table" in p]
    assert [t["caption"] for t in tables] == ["A. Pension Administration", "B. Office of Investment Management"]
    assert tables[0]["header"] == STAFFING_HEADER
    assert tables[0]["rows"] == [["Establishment", "Legal Officer", "P-4", "1"],
                                 ["Establishment", "Senior Benefits Assistant", "GS (PL)", "1"],
                                 ["Total new posts", "", "", "3"],
                                 ["Reclassification", "Public Information Officer", "P-4", "1"]]


def test_a_call_glued_to_a_resolution_number_is_the_notes_call():
    """A/RES/78/220 (lines as stored, cut, its notes 4-6 numbered 1-3) calls a note glued to a
    resolution's number: "pursuant to resolution 77/2285 and", the issue's "77/228" and raised 5.
    The call was not found: the note was called at the end of the line "2." before it, paragraph 2
    was joined to paragraph 1 and the notes after it were reported out of order (seven warnings).
    A resolution's number that no call follows ("resolution 77/228 of") is left as it is."""
    text = ("United Nations \nA/RES/78/220\n \n \nGeneral Assembly \nDistr.: General \n22 December 2023 \n \n"
            "23-25993 (E)    100124     \n*2325993* \n \n \nSeventy-eighth session \nAgenda item 71 (c) \n"
            "Promotion and protection of human rights: human \nrights situations and reports of special "
            "rapporteurs \nand representatives \n \n \n \n \n Resolution adopted by the General Assembly \n"
            "on 19 December 2023 \n \n \n \n \n[on the report of the Third Committee (A/78/481/Add.3, para. 33)] "
            "\n \n \n 78/220. Situation of human rights in the Islamic Republic of Iran \n \n \n \n"
            "The General Assembly, \n \nRecalling its previous resolutions on the situation of human rights in "
            "the Islamic \nRepublic of Iran, the most recent of which is resolution 77/228 of 15 December 2022, \n"
            " \nWelcoming Human Rights Council resolution 52/27 \nof 4 April 2023, in which the Council renewed "
            "the mandate of the Special Rapporteur \non the situation of human rights in the Islamic Republic "
            "of Iran, 1  \n \n1. \nTakes note of the report of the Secretary-General submitted pursuant to \n"
            "resolution 77/2282 and the report of the Special Rapporteur of the Human Rights \nCouncil on the "
            "situation of human rights in the Islamic Republic of Iran, 3 submitted \npursuant to Council "
            "resolution 52/27;  \n \n2. \nWelcomes the continuing efforts of the Islamic Republic of Iran to "
            "host one \nof the largest refugee populations in the world; \n \n50th plenary meeting \n"
            "19 December 2023 \n \n__________________ \n \n1 Ibid., chap. V., sect. A. \n \n2 A/78/511. \n \n"
            "3 A/78/326. \n")
    imported = convert(text, "A_RES_78_220.txt")
    assert [d.message for d in imported.warnings] == []
    preamble, operative = imported.source.data["preamble"], imported.source.data["operative"]
    assert "resolution 77/228 of 15 December 2022" in " ".join(preamble[0].split())
    assert len(operative) == 2
    assert re.search(r"resolution 77/228\[\^[^\]]+\] and the report", " ".join(operative[0].split()))


# A/RES/80/120 (lines as stored, cut: the paragraphs with calls left out, each page's end cut): the title
# breaks "… of political and" / "economic coercion …", the running title of pages 2 on, as issued,
# "… of political" / "and economic coercion …".
RUNNING_HEAD = ("United Nations \nA/RES/80/120 \n \nGeneral Assembly \nDistr.: General \n18 December 2025 \n"
                "25-20732 (E) \n*2520732* \n \n \nEightieth session \nAgenda item 16 (a) \n"
                "Macroeconomic policy questions: international trade \nand development \n \n \n \n \n"
                " Resolution adopted by the General Assembly \non 15 December 2025 \n \n \n"
                "[on the report of the Second Committee (A/80/555, para. 7)] \n \n \n"
                " 80/120. Unilateral economic measures as a means of political and \n"
                "economic coercion against developing countries \n \n \n \nThe General Assembly, \n \n"
                "Recalling the relevant principles set forth in the Charter of the United Nations, \n \n"
                "Bearing in mind the general principles governing the international trading \n"
                "system and trade policies for development contained in relevant resolutions, rules and \n"
                "provisions of the United Nations and the World Trade Organization, \n"
                "\nA/RES/80/120 \nUnilateral economic measures as a means of political \n"
                "and economic coercion against developing countries\n \n25-20732\n2/3 \n \n"
                "Noting the adoption on 16 June 2025 of its resolution 79/293, in which the \n"
                "General Assembly proclaimed 4 December as the International Day against Unilateral \n"
                "Coercive Measures, to be observed annually, beginning in 2025,  \n \n"
                "1. \nRecognizes that unilateral coercive economic measures that are \n"
                "inconsistent with the principles of international law and the Charter of the United \n"
                "\nUnilateral economic measures as a means of political \n"
                "and economic coercion against developing countries \nA/RES/80/120\n \n3/3\n25-20732 \n \n"
                "Nations, constitute a significant obstacle to the achievement of the Sustainable \n"
                "Development Goals in developing countries targeted by these measures;  \n \n"
                "64th plenary meeting \n15 December 2025 \n \n")


def test_the_running_head_keeps_its_issued_lines():
    """The issued running head is broken by hand, not where its column is full: A/RES/80/120's after
    "political" though "and" fits, 80/9's "… of the United Nations" line wider than our 250 pt
    column. Ours broke it by width ("… of political and economic" / "coercion …"): the importer now
    keeps the issued lines as `short_title:` (its words are the title's), on even pages (symbol,
    running title) and odd ones (running title, symbol), and drops them from the text as before."""
    imported = convert(RUNNING_HEAD, "A_RES_80_120.txt")
    assert [d.message for d in imported.warnings] == []
    data = imported.source.data
    assert data["short_title"] == ("Unilateral economic measures as a means of political\n"
                                   "and economic coercion against developing countries")
    assert data["title"] == ("Unilateral economic measures as a means of political and\n"
                             "economic coercion against developing countries")
    assert "coercion against developing" not in " ".join([*data["preamble"], *data["operative"]])


def test_a_running_head_of_one_line_that_is_the_title_is_not_a_short_title():
    """A/RES/80/90's running head is its title on one line: nothing to keep (the title is the
    running head by default)."""
    text = (ROOT / "tests" / "import" / "pymupdf" / "A_RES_80_90.txt").read_text(encoding="utf-8")
    assert "\nA/RES/80/90 \nQuestion of American Samoa\n" in text
    assert "short_title" not in convert(text, "A_RES_80_90.txt").source.data


@pytest.mark.parametrize("name", ["A_RES_80_90", "A_RES_79_100"])
def test_the_fourth_committees_report_line_breaks_before_its_parenthesis_as_issued(name, tmp_path):
    """Issued: "[on the report of the Special Political and Decolonization Committee" /
    "(Fourth Committee) (A/80/537, para. 15)]"; ours took "(Fourth" on the first line, which has
    room for it (its name's parenthesis now kept whole)."""
    text = (ROOT / "tests" / "import" / "pymupdf" / f"{name}.txt").read_text(encoding="utf-8")
    issued = next(line.strip() for line in text.splitlines() if line.startswith("(Fourth Committee)"))
    src = tmp_path / f"{name}.yaml"
    assert unres("import", ROOT / "tests" / "import" / "pymupdf" / f"{name}.txt", "-o", src).returncode == 0
    assert unres("build", src, "-o", tmp_path, "--format", "pdf", "-j", "1").returncode == 0
    with pdfplumber.open(tmp_path / f"{name}.pdf") as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert "[on the report of the Special Political and Decolonization Committee" in lines
    assert issued in lines


def test_a_long_heading_between_operative_paragraphs_is_a_heading():
    """A/RES/79/300 (lines as stored, paragraphs shortened): the peacekeeping budget's headings
    between operative paragraphs run to 16 words ("Financing of the budget estimates for the period
    from 1 July 2025 to 30 June 2026"); one of more than 14 was joined to paragraph 5 with a
    warning, the shorter ones read as headings."""
    head = _HEAD.replace("79/160", "79/300").replace("Combating glorification of Nazism", "Financing")
    text = head + ("1. \nNotes with appreciation the facilities provided; \n \n \n \nBudget estimates for "
                   "the period from 1 July 2025 to 30 June 2026 \n \n \n2. \nApproves the cost estimates; "
                   "\n \n \n \nFinancing of the budget estimates for the period from 1 July 2025 to 30 June "
                   "2026 \n \n \n3. \nDecides that the requirements shall be financed as follows. \n") + _END
    imported = convert(text, "A_RES_79_300.txt")
    assert [d.message for d in imported.warnings] == []
    assert [p.get("heading") if isinstance(p, dict) else p.split()[0]
            for p in imported.source.data["operative"]] == [
        "Notes", "Budget estimates for the period from 1 July 2025 to 30 June 2026", "Approves",
        "Financing of the budget estimates for the period from 1 July 2025 to 30 June 2026", "Decides"]


def test_a_call_glued_to_a_names_figure_is_the_notes_call():
    """A/RES/79/211 (lines as stored, cut) calls note 6 glued to the figure of a name: "Rio
    Declaration on Environment and Development5 and Agenda 216 and the principles", the issue's
    "Agenda 21" and raised 6. The call was not found: note 6 was called at the end of the text
    before the notes and the notes after it were reported out of order (five warnings). A figure
    of a name that no call follows ("Goal 7 action") is left as it is."""
    text = ("United Nations \nA/RES/79/211\n \n \nGeneral Assembly \nDistr.: General \n23 December 2024 \n \n"
            "24-24347 (E)     \n*2424347* \n \n \nSeventy-ninth session \nAgenda item 18 (i) \n"
            "Sustainable development: ensuring access to affordable, \nreliable, sustainable and modern energy "
            "for all \n \n \n \n \n Resolution adopted by the General Assembly \non 19 December 2024 \n \n \n \n \n"
            "[on the report of the Second Committee (A/79/437/Add.9, para. 6)] \n \n \n \n79/211. Ensuring "
            "access to affordable, reliable, sustainable and modern \nenergy for all \n \n \n \n"
            "The General Assembly, \n \nRecalling the ministerial declaration of the high-level political "
            "forum on \nsustainable development held in 2022, which took note of the proposed global road map "
            "for \naccelerated Sustainable Development Goal 7 action, \n \n"
            "Reaffirming the United Nations Millennium Declaration,1 the Rio Declaration \non Environment and "
            "Development2 and Agenda 213 and the principles set out therein, \nand recalling the Plan of "
            "Implementation of the World Summit on Sustainable Development (Johannesburg Plan \n"
            "of Implementation)4 and the outcome documents, \n \n1. \nTakes note of the report of the "
            "Secretary-General;5 \n \n54th plenary meeting \n19 December 2024 \n \n__________________ \n \n"
            "1 Resolution 55/2. \n \n2 Report of the United Nations Conference on Environment and "
            "Development, annex I. \n \n3 Ibid., annex II. \n \n4 Report of the World Summit, annex. \n \n"
            "5 A/79/501. \n")
    imported = convert(text, "A_RES_79_211.txt")
    assert [d.message for d in imported.warnings] == []
    preamble = " ".join(" ".join(imported.source.data["preamble"]).split())
    assert "Sustainable Development Goal 7 action" in preamble
    assert re.search(r"Development\[\^[^\]]+\] and Agenda 21\[\^[^\]]+\] and the principles", preamble)
    assert re.search(r"Implementation\)\[\^[^\]]+\] and the outcome", preamble)
