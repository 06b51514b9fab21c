"""`unres import` of an issued draft resolution (an L document): the PDF's text layer of the drafts
in ``tests/import/drafts/`` (README there: where each comes from and why it was chosen).

Before this, the importer knew only adopted resolutions: on A/80/L.7 it found no symbol (the
source did not load: "missing required field 'symbol'"), read "Australia:* draft resolution" and
the title into the agenda item's title and took the symbol as the title, made the sponsors' note
"* Any changes to the list of sponsors …" an operative paragraph, poured page 2's first lines
into note 1, and warned that no plenary line was found (a draft has none).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, unres

from pipeline.app.build import build_file
from pipeline.errors import SourceError
from pipeline.importer.convert import convert, read_input

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

DRAFTS = ROOT / "tests" / "import" / "drafts"
L7 = DRAFTS / "A_80_L.7.txt"
ANY_CHANGES = "Any changes to the list of sponsors will be reflected in the official record of the meeting."
G77 = (
    "On behalf of the States that are members of the Group of 77 and China, taking into account also the "
    "provisions of General Assembly resolution ES-10/23 of 10 May 2024."
)
#: each draft's sponsors' note (sponsor_note:), as its text layer prints it after the star
NOTES = {
    "A_80_L.7": ANY_CHANGES,
    "A_80_L.10": ANY_CHANGES,
    "A_C.1_80_L.10": "On behalf of the States Members of the United Nations that are members of the Movement of "
    "Non-Aligned Countries.",
    "A_C.2_80_L.10": G77,
    "A_C.3_80_L.10": None,
    "A_C.4_80_L.10": None,
    "A_C.5_80_L.10": G77,
    "A_C.6_80_L.10": None,
    "A_C.1_80_L.30": None,
    "A_C.2_80_L.30": None,
    "A_C.3_80_L.31": None,
    "A_C.3_80_L.51": None,
    "A_C.6_80_L.15": None,
}
#: every draft's warnings, exactly: (line, message)
WARNINGS = {
    "A_80_L.7": [
        # paragraph 2 runs over the page break after "… of the Statute”;": its next words open with
        # a capital ("GC(69)/DEC/11, …"), so they are joined to it with a warning
        (
            77,
            "unnumbered text after paragraph; joined to the paragraph before: "
            "'GC(69)/DEC/11, entitled “Promotion of efficiency and effecti…'",
        ),
    ],
    "A_80_L.10": [],
    "A_C.1_80_L.10": [],
    "A_C.2_80_L.10": [],
    "A_C.3_80_L.10": [],
    "A_C.4_80_L.10": [],
    "A_C.5_80_L.10": [],
    "A_C.6_80_L.10": [
        (
            24,
            "sponsor line: the last sponsors 'United Kingdom of Great Britain and Northern Ireland and Zambia' "
            "may be split at any 'and': split at the last one (the line prints the same); check sponsors:",
        ),
    ],
    "A_C.1_80_L.30": [],
    "A_C.2_80_L.30": [],
    "A_C.3_80_L.31": [],
    "A_C.3_80_L.51": [],
    "A_C.6_80_L.15": [],
}
#: what each draft's masthead is read as
READ = {
    "A_80_L.7": ("A/80/L.7", None, [89], ["Australia"], "Report of the International Atomic Energy Agency"),
    "A_80_L.10": (
        "A/80/L.10",
        None,
        [11],
        ["Italy", "Turkmenistan"],
        "Building a peaceful and better world through sport and the Olympic ideal",
    ),
    "A_C.1_80_L.10": (
        "A/C.1/80/L.10",
        1,
        [91],
        ["Indonesia"],
        "Implementation of the Declaration of the Indian Ocean as a Zone of Peace",
    ),
    "A_C.2_80_L.10": (
        "A/C.2/80/L.10",
        2,
        ["16 (a)"],
        ["Iraq"],
        "Unilateral economic measures as a means of political and economic coercion against "
        "developing countries",
    ),
    "A_C.3_80_L.10": (
        "A/C.3/80/L.10",
        3,
        ["25 (b)"],
        ["Peru"],
        "Promoting social integration through social inclusion",
    ),
    "A_C.4_80_L.10": (
        "A/C.4/80/L.10",
        4,
        [48],
        ["Austria", "Côte d’Ivoire", "France", "Gabon", "Germany", "Morocco", "Spain"],
        "Increase in the membership of the Committee on the Peaceful Uses of Outer Space",
    ),
    "A_C.5_80_L.10": (
        "A/C.5/80/L.10",
        5,
        [136],
        ["Iraq"],
        "Proposed programme budget for 2026: section 26, Palestine refugees",
    ),
    "A_C.6_80_L.10": (
        "A/C.6/80/L.10",
        6,
        [78],
        None,
        "Report of the United Nations Commission on International Trade Law on the work of its "
        "fifty-eighth session",
    ),
    "A_C.1_80_L.30": (
        "A/C.1/80/L.30",
        1,
        ["99 (n)"],
        ["Cambodia", "Japan", "Zambia"],
        "Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production and "
        "Transfer of Anti-Personnel Mines and on Their Destruction",
    ),
    "A_C.2_80_L.30": (
        "A/C.2/80/L.30",
        2,
        [22],
        ["Chile", "Colombia", "El Salvador", "Lebanon", "Mexico", "Spain", "Uruguay"],
        "Contribution of the care economy to sustainable development",
    ),
    "A_C.3_80_L.31": (
        "A/C.3/80/L.31",
        3,
        ["71 (c)"],
        ["Qatar", "United States of America"],
        "Situation of human rights in the Syrian Arab Republic",
    ),
    "A_C.3_80_L.51": (
        "A/C.3/80/L.51",
        3,
        ["71 (b)"],
        ["Qatar"],
        "United Nations Human Rights Training and Documentation Centre for South-West Asia and the Arab Region",
    ),
    # "Draft resolution" alone: the sponsor line names no one (sponsors: [])
    "A_C.6_80_L.15": (
        "A/C.6/80/L.15",
        6,
        [79],
        [],
        "United Nations Programme of Assistance in the Teaching, Study, Dissemination and Wider "
        "Appreciation of International Law",
    ),
}


def _imported(path=L7):
    return convert(read_input(str(path)), str(path))


# -- the issued text, read line by line (not by the importer) ------------------------------------
_L = re.compile(r"^A/(?:C\.\d/)?\d+/L\.\d+(?:/Rev\.\d+)?$")
_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}(?: \(\w\))?(?:\s+\d{6})?|\d+/\d+|\*\d{7}\*)$")


def _issued(text: str) -> tuple[list[str], list[str], list[list[str]], str]:
    """Page 1's masthead lines (up to the title), the body's words (page heads, job numbers,
    page numbers and barcode out; generated labels (a), I out), each numbered note's words, and
    the sponsors' note."""
    lines = [x.strip() for x in text.split("\n")]
    symbol = next(x for x in lines if _L.match(x))
    start = next(i for i, x in enumerate(lines) if re.match(r"The General Assembly\b", x))
    masthead = [x for x in lines[:start] if x and not _FURNITURE.match(x)]
    body, notes, star, where = [], [], [], "body"
    for t in lines[start:]:
        if t.startswith("_____"):
            where = "notes"
        elif t == symbol:
            where = "body"
        elif not t or _FURNITURE.match(t):
            where = "notes" if where == "star" else where  # the sponsors' note ends with its block
        elif re.match(r"^\*+\s", t):
            star.append(t.lstrip("* "))
            where = "star"
        elif where == "star":
            star.append(t)
        elif where == "notes" and re.match(r"^\d{1,3}\s", t):
            notes.append(t.split(" ", 1)[1])
        elif where == "notes" and notes:
            notes[-1] += " " + t
        elif not re.fullmatch(r"[IVXL]+", t):
            body.append(re.sub(r"^\([a-z]{1,4}\)(?:\s|$)", "", t))
    return masthead, corpus.words("\n".join(body)), [corpus.words(n) for n in notes], " ".join(star)


def _pdf_text(pdf, *pages: str) -> str:
    args = ["pdftotext", "-raw", "-enc", "UTF-8", *pages, str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


# -- one capability each (every one fails on the importer before drafts) -------------------------
def test_the_masthead_of_a_draft_is_read():
    imported = _imported()
    data = imported.source.data
    assert not [d for d in imported.warnings if "needs an edit" in d.message]  # the source loads
    assert (data["kind"], data["symbol"], data["sponsors"]) == ("draft", "A/80/L.7", ["Australia"])
    assert (data["distribution"], data["original"], str(data["issued"])) == ("limited", "en", "2025-10-22")
    assert (data["job_number"], str(data["job_date"]), data["session"]) == ("25-17051", "2025-10-28", 80)
    assert data["agenda"] == [89] and "committee" not in data
    assert data["agenda_title"] == data["title"] == "Report of the International Atomic Energy Agency"


def test_the_sponsors_note_is_neither_a_paragraph_nor_a_note():
    """It is the source's sponsor_note: (its star is the sponsor line's, printed by unres), not a
    paragraph, not note 1, no longer a warning and a line of the YAML's header comment."""
    imported = _imported()
    data = imported.source.data
    texts = [t for p in data["preamble"] + data["operative"] for t in corpus._para(p)]
    assert not any("list of sponsors" in t for t in texts + list(data["footnotes"].values()))
    assert len(data["operative"]) == 5
    assert data["sponsor_note"] == ANY_CHANGES
    assert "list of sponsors" not in imported.yaml.split("\nstyle:")[0]
    assert not [d for d in imported.warnings if "sponsor" in d.message]


def test_page_2s_first_lines_are_not_poured_into_page_1s_note():
    data = _imported().source.data
    assert list(data["footnotes"].values())[0] == "See A/80/348."
    second = list(corpus._para(data["operative"][1]))[0]
    assert "entitled “Amendment to Article XIV.A of the Statute”; GC(69)/DEC/11, entitled" in " ".join(
        second.split()
    )


def test_a_draft_is_not_warned_for_its_missing_plenary_line():
    assert not [d for d in _imported().warnings if "plenary" in d.message]


def test_a_committee_heading_over_two_lines_is_read():
    """A/C.4/80/L.10 prints "Special Political and Decolonization Committee" / "(Fourth Committee)"
    (a draft decision: its masthead read alone here; the whole of it in test_draft_decision.py)."""
    from pipeline.importer.reading import read
    from pipeline.importer.structure import Reader
    from pipeline.importer.words import Words
    from pipeline.transforms.words import catalogue

    words = Words(catalogue("en"))
    reader = Reader(words)
    reader.masthead(
        read((DRAFTS / "A_C.4_80_L.10.txt").read_text(encoding="utf-8"), lambda line: False).blocks
    )
    assert (reader.data["committee"], reader.data["agenda"]) == (4, [48])
    assert reader.data["agenda_title"] == "International cooperation in the peaceful uses of outer space"
    assert (
        reader.data["title"]
        == "Increase in the membership of the Committee on the Peaceful Uses of Outer Space"
    )


@pytest.mark.parametrize(
    "line, read",
    [
        (
            "Algeria, Brazil and Chile: revised draft resolution",
            ("revised-draft", ["Algeria", "Brazil", "Chile"], False),
        ),
        ("Australia:* draft resolution", ("draft", ["Australia"], True)),
        (
            "Trinidad and Tobago, Zambia and Bosnia and Herzegovina: draft resolution",
            ("draft", ["Trinidad and Tobago", "Zambia and Bosnia", "Herzegovina"], False),
        ),  # warned: see below
        (
            "Pakistan, on behalf of the States Members of the United Nations that are members of the Group of 77 "
            "and China: draft resolution",
            (
                "draft",
                [
                    "Pakistan, on behalf of the States Members of the United Nations that are members of the Group "
                    "of 77 and China"
                ],
                False,
            ),
        ),
        ("Draft resolution submitted by the Chair", ("draft", [], False)),
        ("State of Palestine*: draft resolution", ("draft", ["State of Palestine*"], False)),
        ("Draft resolution", ("draft", [], False)),  # no one named (A/C.6/80/L.15)
        ("Draft decision", ("draft-decision", [], False)),
    ],
)
def test_sponsor_line_forms(line, read):
    """The forms of docs/cycle.md; each list prints again as the catalogue joins it ("A, B and C")."""
    from pipeline.importer.drafts import sponsor_line
    from pipeline.transforms.words import catalogue

    cat = catalogue("en")
    found = sponsor_line(line, cat)
    assert (found.kind, found.sponsors, found.star) == read
    if found.sponsors:
        joined = cat.word(
            "list_and.one" if len(found.sponsors) == 1 else "list_and.many", items=found.sponsors
        )
        assert f"{joined}: {found.what}" == line.replace(":*", ":")
        assert bool(found.problems) == line.startswith("Trinidad")
    elif found.alone:
        assert (found.submitted_by, found.what) == (None, line)
    else:
        assert found.submitted_by == "the Chair"


def test_a_malformed_sponsor_line_is_a_warning_at_its_line(tmp_path):
    """A draft-like text whose sponsor line has no colon: a warning at its line, the source still
    written (sponsors to fill in), no traceback."""
    lines = L7.read_text(encoding="utf-8").split("\n")
    no = lines.index("Australia:* draft resolution ")
    lines[no] = "Australia draft resolution"
    src = tmp_path / "malformed.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    run = unres("import", src, "-o", tmp_path / "malformed.yaml")
    assert "Traceback" not in run.stderr
    assert (
        f"{src}:{no + 1}:1: warning: sponsor line not read: 'Australia draft resolution'; expected "
        "'<sponsor>, … and <sponsor>: draft resolution' (sponsors: left to fill in)"
    ) in run.stderr
    data = yaml.safe_load((tmp_path / "malformed.yaml").read_text(encoding="utf-8"))
    assert (
        data["sponsors"] == ["[sponsor]"]
        and data["title"] == "Report of the International Atomic Energy Agency"
    )


def test_a_draft_of_a_kind_the_catalogue_has_no_words_for_is_refused_at_its_sponsor_line(tmp_path):
    """A/C.4/80/L.10 with its sponsor line naming a kind unres has no source for: refused there (a
    draft decision is read: tests/test_draft_decision.py)."""
    text = (DRAFTS / "A_C.4_80_L.10.txt").read_text(encoding="utf-8").replace("draft decision", "draft report")
    path = tmp_path / "A_C.4_80_L.10.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        _imported(path)
    [d] = err.value.diagnostics
    assert (d.line, d.column) == (24, 1)
    assert d.message == (
        "a draft report, not a draft resolution or decision: the sponsor line names no 'draft resolution' or "
        "'revised draft resolution' or 'draft decision' or 'revised draft decision', and unres has no source "
        "kind for it"
    )


@pytest.mark.parametrize(
    "kind, amends",
    [("draft resolution", "A/80/L.5"), ("revised draft resolution", "A/C.3/80/L.20/Rev.1")],
)
def test_a_drafts_text_under_an_amendments_sponsor_line_is_refused_there(tmp_path, kind, amends):
    """An amendment document is read (tests/test_import_amendments.py); a draft's text under an
    amendment's sponsor line ("The General Assembly," and paragraphs, no numbered instructions)
    is refused at the sponsor line, naming its enacting line (before amendment documents were
    read: "unres import does not read an amendment document's numbered instructions"). Here
    A/80/L.7 with its sponsor line made an amendment's."""
    lines = L7.read_text(encoding="utf-8").split("\n")
    no = lines.index("Australia:* draft resolution ")
    lines[no] = f"Australia:* amendment to {kind} {amends} "
    formula = lines.index("The General Assembly, ") + 1
    path = tmp_path / "A_80_L.7.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    run = unres("import", path, "-o", tmp_path / "x.yaml")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{path}:{no + 1}:1: an amendment to {kind} {amends}, but a draft's text follows (its 'The General "
        f"Assembly,' line at line {formula}): an amendment document prints numbered instructions after its title"
    ]
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(
    "line, read",
    [
        (
            "Burundi: amendment to revised draft resolution A/C.3/80/L.20/Rev.1",
            (["Burundi"], "A/C.3/80/L.20/Rev.1"),
        ),  # A/C.3/80/L.64 (docs/cycle.md)
        (
            "United States of America:* amendment to draft resolution A/80/L.25",
            (["United States of America"], "A/80/L.25"),
        ),  # A/80/L.30
        ("Chile: amendment to draft resolution", None),  # no symbol: not an amendment's line
    ],
)
def test_an_amendment_sponsor_line(line, read):
    from pipeline.importer.drafts import sponsor_line
    from pipeline.transforms.words import catalogue

    found = sponsor_line(line, catalogue("en"))
    got = (found.sponsors, found.amends, found.kind) if found and found.amends else None
    assert got == (read and (*read, "amendment"))


# -- every draft of tests/import/drafts/ ---------------------------------------------------------
@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_each_issued_draft_imports_and_builds_with_every_word(tmp_path, name):
    path = DRAFTS / f"{name}.txt"
    imported = _imported(path)
    assert [(d.line, d.column, d.message) for d in imported.warnings] == [
        (n, 1, m) for n, m in WARNINGS[name]
    ]
    data = imported.source.data
    symbol, committee, agenda, sponsors, title = READ[name]
    assert (data["symbol"], data.get("committee"), data["agenda"], data["title"]) == (
        symbol,
        committee,
        agenda,
        title,
    )
    assert sponsors is None or data["sponsors"] == sponsors
    src = tmp_path / f"{name}.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    pdf, page_html, docx = build_file(src, tmp_path / "modern", ("pdf", "html", "docx"), "modern", None)
    masthead, body, notes, star = _issued(path.read_text(encoding="utf-8"))
    assert len(notes) == len(data.get("footnotes") or {})
    for seen in (corpus.words(_pdf_text(pdf)), corpus._html_words(page_html), corpus._docx_words(docx)):
        assert corpus.in_order(body, seen) == 1.0
        assert all(corpus.in_order(n, seen) == 1.0 for n in notes)
    placed, total, missing = corpus.notes_placed(pdf, yaml.safe_load(src.read_text(encoding="utf-8")))
    assert placed == total, missing
    # page 1 carries what the issued page 1 carries: every masthead word, the sponsor line's star
    # after its colon and the sponsors' note's words, the symbol, job number and its date
    page_1 = _pdf_text(pdf, "-f", "1", "-l", "1")
    assert corpus.present(corpus.words("\n".join(masthead)), corpus.words(page_1)) == 1.0
    job = re.search(r"^(\d{2}-\d{5}) \(E\)\s+(\d{6})", path.read_text(encoding="utf-8"), re.M)
    assert symbol in page_1 and f"{job[1]} (E) {job[2]}" in page_1
    assert (star or None) == NOTES[name] == data.get("sponsor_note")
    if star:
        assert re.search(r":\* ?\n?draft resolution", page_1)  # (pdftotext -raw: a line after the raised star)
        assert f"* {star}" in " ".join(page_1.split())
        assert star not in " ".join(_pdf_text(pdf, "-f", "2").split())
    else:
        assert "*" not in page_1.replace(f"*{job[1].replace('-', '')}*", "")
