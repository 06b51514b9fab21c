"""``unres import X.pdf`` of a PDF made otherwise than the issued ones (pipeline/importer/pdfpages.py).

LibreOffice's PDF of the DOCX unres writes stands for a drafter's own PDF: its notes under a drawn
line (no underscores in its text layer), each page's foot (page 1's job number and "Please
recycle", later pages' page and job numbers) after the page's text, no blank lines between
paragraphs. Before, its text read as one run: notes taken for paragraphs or joined to the
plenary date, page 1's job number and "Please recycle" inside the paragraph page 1 ends in, page
2's running head inside its first paragraph (A/RES/73/8: two warnings; the five texts here each
differed from their source; of 111 texts, none imported back). Now each page is read by where its lines stand and put in the
issued order, and the PDF imports back to the source it was built from. The issued PDFs read as
before: their zones' text imports to what the whole page's ``pdftotext -raw`` text does.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, squeezed, unres

from pipeline.importer.convert import convert, read_input
from pipeline.importer.pdfpages import (
    Row,
    Span,
    Word,
    Zones,
    _in_order,
    _tables_joined,
    first_note,
    italicised,
    notes_top,
    starts,
    tables,
)
from pipeline.importer.pdfsource import text_layer
from pipeline.importer.structure import _join

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")

# what each shows: the seed of 73/8 (a two-page resolution, its job number and date on page 1's
# foot, one note on page 2 under the plenary lines); ten notes on page 1 above its foot (80/200);
# a draft with its sponsor line and two notes on page 1 (A/C.3/80/L.31); a draft whose sponsor
# note "*" stands above a numbered note (A/80/L.7); an annex with sections and headings (80/3);
# a sponsor note at the foot of page 1, page 2's running head after it (A/C.5/80/L.10); a note
# broken after a hyphen, "Non-" / "Aligned" (A/C.1/80/L.10, its sponsor note); two agenda items, each title over
# several lines (80/108); a call raised after another, "conflict,10" / ",11" (80/112)
TEXTS = [
    ROOT / "source" / "A_RES_73_8.yaml",
    ROOT / "tests" / "import" / "pymupdf" / "A_RES_80_200.txt",
    ROOT / "tests" / "import" / "drafts" / "A_C.3_80_L.31.txt",
    ROOT / "tests" / "import" / "drafts" / "A_80_L.7.txt",
    ROOT / "tests" / "import" / "pymupdf" / "A_RES_80_3.txt",
    ROOT / "tests" / "import" / "drafts" / "A_C.5_80_L.10.txt",
    ROOT / "tests" / "import" / "drafts" / "A_C.1_80_L.10.txt",
    ROOT / "tests" / "corpus" / "A_RES_80_108.txt",
    ROOT / "tests" / "corpus" / "A_RES_80_112.txt",
    # italics the source marks: a note's title of a publication ("*Official Records of the General
    # Assembly, …*", "See *The Department of Global Communications: A Guide*"), A/RES/74/150
    ROOT / "tests" / "import" / "A_RES_74_150_parts.md",
    # tables read by their places: a table over six pages, its header repeated on each (79/249);
    # captioned staffing tables, a cell over three lines, an empty cell, a note under a table and
    # rows on the next page (80/243)
    ROOT / "tests" / "corpus" / "A_RES_79_249.txt",
    ROOT / "tests" / "corpus" / "A_RES_80_243.txt",
    # a quotation of two paragraphs, its marks at its two ends only ("“Rule 160" / "The Committee on
    # Contributions … Members.”"), as the source's quoted block prints (99/13)
    ROOT / "tests" / "import" / "A_RES_99_13_tables.md",
]


def _squeezed(value: Any) -> Any:
    """The data, spaces aside; the running head (``short_title``: LibreOffice breaks it in its own
    lines, kept as printed) and the default distribution (printed "General") left out; a no-break
    hyphen as the hyphen LibreOffice's text layer gives for it."""
    return squeezed(value, ("distribution", "short_title"), plain_hyphens=True)


def _relabelled(data: dict) -> Any:
    """Notes labelled by their order (a source's own labels, "sg-report", against the ones an
    import makes of a note's words)."""
    labels = {key: f"n{i}" for i, key in enumerate(data.get("footnotes") or {}, 1)}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {labels.get(k, k) if value is data.get("footnotes") else k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str):
            for key, label in labels.items():
                value = value.replace(f"[^{key}]", f"[^{label}]")
        return value

    return walk(data)


def _source(path: Path, tmp_path: Path) -> Path:
    if path.suffix == ".yaml":
        return path
    src = tmp_path / f"{path.stem}.yaml"
    src.write_text(convert(read_input(str(path)), str(path)).yaml, encoding="utf-8")
    return src


def _assert_imports_back(pdf: Path, src: Path, tmp_path: Path) -> None:
    """``unres import PDF`` succeeds silently and gives ``src`` back (style, spaces and labels aside)."""
    out = tmp_path / "back.yaml"
    run = unres("import", pdf, "-o", out)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    got = yaml.safe_load(out.read_text(encoding="utf-8"))
    expected = yaml.safe_load(src.read_text(encoding="utf-8"))
    got.pop("style", None)
    expected.pop("style", None)
    assert _squeezed(_relabelled(got)) == _squeezed(_relabelled(expected))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_libreoffices_pdf_of_the_docx_imports_back_to_its_source(path, tmp_path, office):
    src = _source(path, tmp_path)
    run = unres("build", src, "-o", tmp_path / "b", "--format", "docx", "-j", "1")
    assert run.returncode == 0, run.stderr
    [docx] = (tmp_path / "b").glob("*.docx")
    pdf = office.convert(docx, "pdf", tmp_path / "lo")
    _assert_imports_back(pdf, src, tmp_path)


@pytest.mark.parametrize("pdf", sorted((ROOT / "tests" / "reference").glob("*.pdf")), ids=lambda p: p.stem)
def test_an_issued_pdf_reads_by_its_zones_as_by_its_whole_pages(pdf):
    """The issued PDFs (Word, the UN's template: a typed rule, the foot first) give the same source
    read by zones as read whole, with no warning either way."""
    whole = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                           check=True).stdout.decode("utf-8")
    by_zones = text_layer(str(pdf))
    assert by_zones != whole  # read otherwise: paragraphs set apart by blank lines, the heads by their place
    a, b = convert(whole, str(pdf)), convert(by_zones, str(pdf))
    assert not a.warnings and not b.warnings
    assert _unstarred(yaml.safe_load(a.yaml)) == _unstarred(yaml.safe_load(b.yaml))
    # the zones keep the italics the source marks (ES-11/1's note 2: "United Nations, *Treaty
    # Series*, …"); the whole page's text has none, and the italics generated (the openers, the
    # plenary lines) are left implicit in both
    if pdf.stem == "A_RES_ES-11_1":
        assert "*Treaty Series*" in b.yaml and "*Treaty Series*" not in a.yaml
    else:
        assert a.yaml == b.yaml


def _unstarred(value: Any) -> Any:
    """The data with its emphasis marks left out."""
    if isinstance(value, dict):
        return {k: _unstarred(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unstarred(v) for v in value]
    return value.replace("*", "") if isinstance(value, str) else value


def test_italics_are_read_from_the_fonts_between_stars():
    """A zone's raw text and the spans in one font that poppler's pdftohtml gives for the same lines:
    the italic words are put between stars, as the importer reads emphasis. A run goes on over a
    line's end ("*Taking" / "note*", a title's words over two lines), not over a paragraph's end,
    nor past a line it fills from the start (the plenary line, then its date); an italic comma
    alone stays plain; a raised mark glued to its word in the raw text ("Refugees,2") matches."""
    def span(top: float, text: str, italic: bool = False) -> Span:
        return Span(text, top, top + 12, italic)

    text = ("Taking\nnote of the report,2 see Official Records of the\nGeneral Assembly, Supplement No. 1\n\n"
            "Recalling its resolution\n70th plenary meeting\n12 December 1997")
    styled = [span(100, "Taking", True), span(112, "note", True), span(112, " of the report,"), span(110, "2"),
              span(112, " see "), span(112, "Official Records of the", True),
              span(124, "General Assembly, Supplement No. 1", True), span(148, "Recalling", True), span(148, ","),
              span(148, " its resolution"), span(160, "70th plenary meeting", True), span(172, "12 December 1997", True)]
    assert italicised(text, styled, 90, 200) == (
        "*Taking\nnote* of the report,2 see *Official Records of the\nGeneral Assembly, Supplement No. 1*\n\n"
        "*Recalling* its resolution\n*70th plenary meeting*\n*12 December 1997*")
    assert italicised(text, styled, 140, 200).startswith("Taking\nnote")  # the spans outside the zone left out
    assert italicised("a , b", [span(0, "a "), span(0, ",", True), span(0, " b")], 0, 20) == "a , b"


@pytest.mark.parametrize(("a", "b", "joined"), [
    ("capacity-", "building", "capacity-building"),
    ("such as 30-", "minute daily", "such as 30-minute daily"),  # LibreOffice breaks after the hyphen
    ("Reduction 2015\u2013", "2030, the", "Reduction 2015\u20132030, the"),  # a range broken at its dash
    ("the Council \u2013", "in particular", "the Council \u2013 in particular"),  # a dash set apart stays one
    ("armed conflict,[^#10]", ",[^#11]", "armed conflict,[^#10],[^#11]"),  # a call raised after a call
])
def test_a_line_broken_after_a_hyphen_or_a_ranges_dash_joins_without_a_space(a, b, joined):
    assert _join(a, b) == joined


def test_a_notes_end_carried_to_the_next_page_goes_back_to_its_note():
    """LibreOffice sets a long note's last lines at the foot of the next page, above that page's
    own notes and without a number (A/RES/80/45: "… NPT/CONF.1995/32 (Part" / "I)/Corr.2), annex."):
    they are notes, and go back to the note on the page before."""
    body, number, note = 13.0, 6.4, 11.1

    def row(top: float, size: float, *words: str) -> Row:
        return Row(top, top + size, tuple(Word(w, 100.0 + 10 * k, top, top + size) for k, w in enumerate(words)))

    rows = [row(600, body, "weapons", "systems;"), row(665.9, note, "I)/Corr.2),", "annex."),
            row(678.0, number, "3"), row(677.9, note, "2000", "Review", "Conference")]
    first = first_note(rows, 792.0, body)
    assert notes_top(rows, 792.0, body, first, size=note) == 665.9 and first == 677.9
    table = [row(600, body, "as", "follows:"), row(645.0, 11.7, "Member", "State"), *rows[2:]]
    assert notes_top(table, 792.0, body, first_note(table, 792.0, body), size=note) == 677.9  # a table set small is no note's end
    before = Zones(1, body="a", notes=["2\nSee … (Part"])
    after = Zones(2, body="b", carried="I)/Corr.2), annex.", notes=["3\nIbid."])
    _in_order([before, after])
    assert before.notes == ["2\nSee … (Part\nI)/Corr.2), annex."] and after.notes == ["3\nIbid."]


def test_a_warning_on_a_pdf_names_the_page_it_stands_on(tmp_path, office):
    """A PDF's warnings carry the line of the text read from it and the PDF's page: the line alone
    points into a text the user does not see (the zones' text). The 1998 masthead as LibreOffice
    prints it (its stacked "UNITED" / "NATIONS" lines) is warned of, on page 1."""
    run = unres("build", ROOT / "source" / "A_RES_52_102.yaml", "-o", tmp_path / "b", "--format", "docx",
                "--style", "1998", "-j", "1")
    assert run.returncode == 0, run.stderr
    pdf = office.convert(tmp_path / "b" / "A_RES_52_102.docx", "pdf", tmp_path / "lo")
    run = unres("import", pdf, "-o", tmp_path / "back.yaml")
    warnings = run.stderr.splitlines()
    assert run.returncode == 1 and warnings, run.stderr
    assert all(w.startswith(f"{pdf}:") and w.endswith(" (page 1 of the PDF)") for w in warnings), warnings


@pytest.mark.parametrize(("line", "page"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_a_lines_page_is_counted_by_the_form_feeds_before_it(line, page):
    from pipeline.app.importcmd import _page

    assert _page("one\ntwo\n\fthree\nfour\n\ffive\n\f", line) == page


def test_a_note_called_again_on_a_later_page_is_called_there():
    """To the 73rd session a note called again keeps its number; LibreOffice's PDF prints the
    later call raised, glued to the punctuation before it, on a later page than the note
    (A/RES/72/150: note 2 on page 1 under its first call, "… sixty-eighth session;2" on page 2).
    Before, the second call stayed in the text as "session;2"."""
    text = (
        "United Nations A/RES/72/150\n\nGeneral Assembly Distr.: General\n1 February 2018\n\n"
        "Seventy-second session\nAgenda item 62\n\nResolution adopted by the General Assembly\n"
        "on 19 December 2017\n\n72/150. Office of the United Nations High Commissioner for Refugees\n\n"
        "The General Assembly,\n\nHaving considered the report of the Executive Committee on the work\n"
        "of its sixty-eighth session 1 and the decisions contained therein,\n"
        "_______________\n1\nIbid., Supplement No. 12A (A/72/12/Add.1).\n"
        "\f2/2\n\n1. Endorses the report of the Executive Committee on the work of its\n"
        "sixty-eighth session;1\n\n2. Decides to remain seized of the matter.\n\n74th plenary meeting\n"
        "19 December 2017\n\f"
    )
    imported = convert(text, "A_RES_72_150.pdf")
    data = yaml.safe_load(imported.yaml)
    assert not imported.warnings, imported.warnings
    assert data["operative"][0].endswith("sixty-eighth session;[^a-72-12-add-1]")
    assert "[^a-72-12-add-1]" in data["preamble"][0]


def test_a_note_called_twice_before_it_on_its_page_is_called_at_both():
    """A source that calls a note twice before the note's page ends (A/RES/61/295's note 2: the two
    International Covenants) prints both calls under its number; LibreOffice's text layer glues the
    first to its word and the second to a comma ("… Cultural Rights2" / "… Political Rights,2").
    Before, the nearer call was read and the first stayed in the text as "Rights2"."""
    text = (
        "United Nations A/RES/61/295\n\nGeneral Assembly Distr.: General\n2 October 2007\n\n"
        "Sixty-first session\nAgenda item 68\n\nResolution adopted by the General Assembly\n"
        "on 13 September 2007\n\n61/295. United Nations Declaration on the Rights of Indigenous Peoples\n\n"
        "The General Assembly,\n\nTaking note of the recommendation of the Human Rights Council,1\n\n"
        "Acknowledging that the Charter of the United Nations, the International\n"
        "Covenant on Economic, Social and Cultural Rights2\nand the International Covenant on\n"
        "Civil and Political Rights,2\nas well as the Vienna Declaration, affirm the right,\n\n"
        "1. Adopts the Declaration.\n\n107th plenary meeting\n13 September 2007\n"
        "_______________\n1\nA/HRC/1/L.10.\n\n2\nSee resolution 2200 A (XXI), annex.\n\f"
    )
    imported = convert(text, "A_RES_61_295.pdf")
    data = yaml.safe_load(imported.yaml)
    assert not imported.warnings, imported.warnings
    assert "Cultural Rights[^note-2] and the International Covenant on Civil and Political Rights,[^note-2] " \
        in " ".join(data["preamble"][1].split())
    assert list(data["footnotes"]) == ["a-hrc-1-l-10", "note-2"]


def test_a_quotation_of_paragraphs_marked_at_its_ends_only_is_one_quoted_block():
    """A quotation of several paragraphs whose marks stand at its two ends only (a source's quoted
    block, as a PDF's text gives it: no "> " left) is the paragraph's quoted block, each paragraph
    an item (A/RES/99/13: "“Rule 160" / "The Committee … Members.”"). Before, the second paragraph
    was joined to the paragraph before the quotation, with a warning. A quotation mark left open
    with no close in the paragraphs after it quotes nothing more."""
    head = (
        "United Nations A/RES/99/13\n\nGeneral Assembly Distr.: General\n2 October 2099\n\n"
        "Ninety-ninth session\nAgenda item 1\n\nResolution adopted by the General Assembly\n"
        "on 1 October 2099\n\n99/13. Scale of assessments\n\nThe General Assembly,\n\n"
        "Recalling its rules of procedure,\n\n"
        "1. Decides to amend rule 160 of its rules of procedure to read as follows:\n\n"
    )
    tail = "2. Decides also to remain seized of the matter.\n\n1st plenary meeting\n1 October 2099\n"
    quoted = convert(head + "“Rule 160\n\nThe Committee on Contributions shall advise the\n"
                     "General Assembly.”\n\n" + tail, "A_RES_99_13.pdf")
    data = yaml.safe_load(quoted.yaml)
    assert not quoted.warnings, quoted.warnings
    assert data["operative"][0]["quote"] == ["“Rule 160", "The Committee on Contributions shall advise the "
                                             "General Assembly.”"]
    assert data["operative"][1] == "Decides also to remain seized of the matter."
    left_open = convert(head + "“Rule 160\n\nThe Committee on Contributions shall advise the\n"
                        "General Assembly.\n\n" + tail, "A_RES_99_13.pdf")
    data = yaml.safe_load(left_open.yaml)
    assert data["operative"][0]["quote"] == ["“Rule 160"]
    assert data["operative"][1] == "Decides also to remain seized of the matter."


@pytest.mark.parametrize("hyphen", ["\u2011", "-"])
def test_a_joint_symbols_key_is_the_same_whatever_its_hyphen(hyphen):
    """A note citing a joint symbol is keyed by it whole, its hyphen a no-break one (the issued
    text of A/RES/79/141, note 7: "A/51/889‑S/1997/357") or a plain one (LibreOffice's text layer
    gives the no-break hyphen as "-"). Before, the no-break hyphen cut the key: a-51-889."""
    from pipeline.importer.notes import _slug
    from pipeline.importer.reading import Note

    assert _slug(Note("7", 1, f"A/51/889{hyphen}S/1997/357, annex.")) == "a-51-889-s-1997-357"


def test_paragraphs_part_where_one_line_paragraphs_are_as_many_as_wrapped_lines():
    """A short text (A/RES/475 (V)) steps 18 pt from paragraph to paragraph as often as 12 pt
    from line to line: the pitch is the 12, and each 18 opens a paragraph (before, the 18 was taken
    for the pitch and the quotation after "as follows:" ran into its paragraph)."""
    def row(top: float, *words: str) -> Row:
        return Row(top, top + 13.0, tuple(Word(w, 100.0 + 10 * k, top, top + 13.0) for k, w in enumerate(words)))

    rows = [row(375.5, "paragraph", "7"), row(393.5, "1.", "Resolves", "to"), row(411.5, "\"New", "rule", "84"),
            row(429.5, "\"Decisions", "of", "the"), row(441.5, "important"), row(453.5, "shall", "be"),
            row(471.5, "2.", "Resolves", "that"), row(483.5, "adoption", "of")]
    assert starts(rows, 13.0) == [("1.", "Resolves", "to"), ("\"New", "rule", "84"), ("\"Decisions", "of", "the"),
                                  ("2.", "Resolves", "that")]


def test_a_table_is_read_by_where_its_cells_stand():
    """LibreOffice's PDF of a table (A/RES/80/243's staffing table): each cell's lines apart, set
    smaller than the body; a cell over lines set closer (11 pt) than the rows (14.6 pt); an empty
    cell; the note under the table, one line over its columns, ends it. Before, the rows ran
    together as one paragraph ("Action Title of post Category/level Number Establishment …")."""
    def cell(top: float, left: float, *words: str) -> Row:
        out, x = [], left
        for w in words:
            out.append(Word(w, x, top, top + 11.7, x + 4 * len(w)))
            x += 4 * len(w) + 3
        return Row(top, top + 11.7, tuple(out))

    rows = [cell(40, 60, "A/RES/80/243"), cell(40, 300, "Special", "subjects"),  # a running head
            cell(75, 126, "Action"), cell(75, 200, "Title", "of", "post"), cell(75, 456, "Number"),
            cell(89, 126, "Establishment"), cell(89, 200, "Legal", "Officer"), cell(89, 476, "1"),
            cell(103.6, 126, "Total", "new", "posts"), cell(103.6, 476, "3"),
            cell(118.2, 126, "Redeployment", "from"), cell(129.2, 126, "Strategic", "Office"),
            cell(129.2, 200, "Administrative"), cell(140.2, 200, "Officer"), cell(140.2, 476, "1"),
            cell(156.5, 123, "Abbreviations:", "GS", "(OL),", "General", "Service", "(Other", "level)."),
            Row(175, 188, (Word("18.", 147, 175, 188, 160), Word("Also", 170, 175, 188, 190)))]
    [table] = tables(rows, 13.0)
    assert (table.top, table.end) == (74.5, 156.0)
    assert table.header == ["Action", "Title of post", "Number"]
    assert table.rows == [["Establishment", "Legal Officer", "1"], ["Total new posts", "", "3"],
                          ["Redeployment from Strategic Office", "Administrative Officer", "1"]]


def test_a_tables_rows_on_the_next_page_join_it():
    """A table's header repeated at the next page's top: its rows there go on the table before; a
    caption above a table prints it as aligned columns, which the importer reads with its caption."""
    head, rule = "| Member State | Percentage |", "| --- | --- |"
    pages = [Zones(1, body=f"12. Decides that the scale shall be as follows:\n\n{head}\n{rule}\n| Afghanistan | 0.005 |"),
             Zones(2, body=f"{head}\n{rule}\n| Albania | 0.010 |"),
             Zones(3, body=f"{head}\n{rule}\n| Algeria | 0.087 |\n\n13. Takes note"),
             Zones(4, body=f"A. Posts\n\n{head}\n{rule}\n| Andorra | 0.004 |")]
    _tables_joined(pages)
    assert pages[0].body.endswith(f"{head}\n{rule}\n| Afghanistan | 0.005 |\n| Albania | 0.010 |\n| Algeria | 0.087 |")
    assert (pages[1].body, pages[2].body) == ("", "13. Takes note")
    assert pages[3].body == "A. Posts\nMember State  Percentage\nAndorra  0.004"


@pytest.mark.parametrize("path", [ROOT / "tests" / "import" / "A_RES_52_102_markdown.md",
                                  ROOT / "tests" / "corpus" / "A_RES_80_108.txt"], ids=lambda p: p.stem)
def test_unres_own_pdf_without_its_source_imports_back_to_it(path, tmp_path):
    """unres's own modern PDF (WeasyPrint, PDF/UA: no source embedded) is read by its lines' word
    boxes: page 1's masthead, which WeasyPrint draws after the text, first; a raised call glued to
    its word; a running head over four lines with the symbol beside its last (52/102), a note
    called again. Before, such a PDF was refused."""
    src = _source(path, tmp_path)
    run = unres("build", src, "-o", tmp_path / "b", "--format", "pdf", "--style", "modern", "-j", "1")
    assert run.returncode == 0, run.stderr
    [pdf] = (tmp_path / "b").glob("*.pdf")
    _assert_imports_back(pdf, src, tmp_path)
