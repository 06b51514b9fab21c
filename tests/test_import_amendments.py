"""`unres import` of an issued amendment document into a ``kind: amendment`` source: the PDF text
layers of ``tests/import/amendments/`` (A/80/L.30–L.36; tests/import/README.md says where each
comes from and by which rule it was taken), the wording unres writes itself read back, and bad
input.

Before this, ``unres import`` refused an amendment document at its sponsor line ("unres import
does not read an amendment document's numbered instructions").

The instructions expected below were written from reading each document, not from the
importer's output: the paragraph each instruction names ("the sixteenth preambular paragraph"
→ pp16) and what it does; the quoted words are checked against the quotations the document
prints (every “…” of its text, in any order).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, import_refused, unres

from pipeline.app.build import build_file
from pipeline.importer.amendments import address, read, units
from pipeline.importer.convert import convert, read_input
from pipeline.importer.reading import Line
from pipeline.source import load
from pipeline.transforms.amend import instruction_text
from pipeline.transforms.words import catalogue

AMENDMENTS = ROOT / "tests" / "import" / "amendments"
FX = ROOT / "tests" / "fixtures" / "cycle"
CAT = catalogue("en")
ANY_CHANGES = "Any changes to the list of sponsors will be reflected in the official record of the meeting."

#: (the paragraph named, what is done) for each instruction, as the document words it
SAID = {
    "A_80_L.30": [  # eleven numbered instructions
        ("pp4", "delete"), ("pp15", "delete"), ("pp16", "delete_paragraph"), ("pp20", "delete_paragraph"),
        ("pp23", "delete_paragraph"), ("pp41", "delete"), ("op21", "delete"), ("op22", "delete_paragraph"),
        ("op24", "delete"), ("op33", "delete"), ("op39", "delete"),
    ],
    "A_80_L.31": [("op68", "insert after")],  # "In operative paragraph 68, after “…”, insert “…”."
    "A_80_L.32": [("op69", "replace")],
    "A_80_L.33": [("op70", "new paragraph after")],  # "After operative paragraph 70, insert the following …:"
    "A_80_L.35": [
        (None, "kept as text"),  # "Replace “Chornobyl” with “Chernobyl” in the title, the preambular …"
        ("pp2", "delete"), ("op1", "replace"),
        ("op5 op6 op10 op13", "delete_paragraphs"),  # "Delete operative paragraphs 5, 6, 10 and 13.": one
        ("op14", "replace"),
    ],
    "A_80_L.36": [("op89", "new paragraph after")],
}
#: (sponsors, the draft amended, agenda item) as each document's masthead and sponsor line print them
MASTHEAD = {
    "A_80_L.30": (["United States of America"], "A/80/L.25", "72 (a)"),
    "A_80_L.31": (["United States of America"], "A/80/L.25", "72 (a)"),
    "A_80_L.32": (["United States of America"], "A/80/L.25", "72 (a)"),
    "A_80_L.33": (["United States of America"], "A/80/L.25", "72 (a)"),
    "A_80_L.35": (["Belarus"], "A/80/L.27", "72 (d)"),
    "A_80_L.36": (["Russian Federation"], "A/80/L.25", "72 (a)"),
}
#: the one instruction of the six of no shape unres carries out: A/80/L.35's first, a change
#: throughout the text, at its line
WARNINGS = {
    "A_80_L.35": [(35, "instruction 1 not read (a change throughout the text addresses no one paragraph): "
                       "kept as written, {text: …}; write it as an instruction unres carries out "
                       "(docs/cycle.md): “Replace “Chornobyl” with “Chernobyl” in the title, the …”")],
}


def _imported(path: Path):
    return convert(read_input(str(path)), str(path))


def _what(ins: dict) -> tuple[str | None, str]:
    if set(ins) == {"text"}:
        return None, "kept as text"
    if "delete_paragraph" in ins:
        return ins["delete_paragraph"], "delete_paragraph"
    if "delete_paragraphs" in ins:
        return " ".join(ins["delete_paragraphs"]), "delete_paragraphs"
    if "insert_paragraphs" in ins:
        return ins.get("after", ins.get("before")), f"new paragraph {'after' if 'after' in ins else 'before'}"
    if "insert" in ins:
        return ins["at"], f"insert {'after' if 'after' in ins else 'before'}"
    return ins["at"], "replace" if "replace" in ins else "delete"


def _quoted_words(ins: dict) -> list[str]:
    words = [ins[k] for k in ("replace", "with", "delete", "insert") if k in ins]
    words += [ins[k] for k in ("after", "before") if "at" in ins and k in ins]
    return [re.sub(r"\[\^note-\d+\]", "**", w) for w in words]  # the call as the document prints it


@pytest.mark.parametrize("name", sorted(SAID))
def test_each_issued_amendment_is_read_as_it_is_worded(name):
    path = AMENDMENTS / f"{name}.txt"
    imported = _imported(path)
    assert [(d.line, d.message) for d in imported.warnings] == WARNINGS.get(name, [])
    data = imported.source.data
    assert data["kind"] == "amendment" and data["symbol"] == name.replace("_", "/")
    sponsors, amends, agenda = MASTHEAD[name]
    assert (data["sponsors"], data["amends"], data["amends_kind"]) == (sponsors, amends, "draft")
    assert (data["session"], data["agenda"], data["distribution"]) == (80, [agenda], "limited")
    assert str(data["issued"]) == "2025-12-08" and data["sponsor_note"] == ANY_CHANGES
    assert data["title"].startswith("Strengthening of ")
    assert [_what(i) for i in data["instructions"]] == SAID[name]
    # every quotation the document prints is an instruction's words, and no other words are
    printed = re.findall(r"“(.+?)”", " ".join(path.read_text(encoding="utf-8").split()))
    kept = [q for i in data["instructions"] if "text" in i for q in re.findall(r"“(.+?)”", i["text"])]
    read_words = [w for i in data["instructions"] for w in _quoted_words(i)]
    assert sorted(read_words + kept) == sorted(printed)


def test_the_paragraphs_an_amendment_inserts_and_its_note():
    """The paragraph printed after "…, insert the following operative paragraph:" is the one
    inserted (A/80/L.33, L.36); A/80/L.31's note "** Report of …" is a footnote called where the
    stars stood ("Development**")."""
    l33 = _imported(AMENDMENTS / "A_80_L.33.txt").source.data["instructions"][0]["insert_paragraphs"]
    assert len(l33) == 1 and l33[0].startswith("Stresses that there is no international right to an abortion")
    assert l33[0].endswith("psychological support and other essential support services;")
    l36 = _imported(AMENDMENTS / "A_80_L.36.txt").source.data["instructions"][0]["insert_paragraphs"]
    assert len(l36) == 1 and l36[0].startswith("Calls upon Member States to refrain from promulgating")
    assert l36[0].endswith("development assistance on the ground;")
    l31 = _imported(AMENDMENTS / "A_80_L.31.txt").source.data
    [ins] = l31["instructions"]
    assert "Population and Development[^note-1] and its review outcomes" in ins["insert"]
    assert l31["footnotes"] == {
        "note-1": "Report of the International Conference on Population and Development, Cairo, 5– 13 September "
        "1994 (United Nations publication, Sales No. E.95.XIII.18), chap. I, resolution 1, annex."
    }


@pytest.mark.parametrize("name", ["A_80_L.30", "A_80_L.31", "A_80_L.35"])
def test_an_imported_amendment_builds_in_every_format(tmp_path, name):
    src = tmp_path / f"{name}.yaml"
    run = unres("import", AMENDMENTS / f"{name}.txt", "-o", src)
    assert run.returncode == (1 if name in WARNINGS else 0), run.stderr
    data = load(src).data
    pdf, html, docx = build_file(src, tmp_path / "out", ("pdf", "html", "docx"), None, None)
    assert pdf.read_bytes().startswith(b"%PDF") and docx.stat().st_size > 0
    page = html.read_text(encoding="utf-8")
    for ins in data["instructions"]:
        said = instruction_text(ins, CAT)
        assert re.sub(r"\[\^[^\]]+\]", "", said).split("“")[0] in page


# -- the wording unres writes, read back ---------------------------------------------------------
EVERY_SHAPE = [
    {"at": "pp5", "replace": "Recalling", "with": "Recalling also"},
    {"at": "op3.b", "delete": "all"},
    {"at": "op2", "insert": "all", "before": "States"},
    {"at": "title", "insert": "and peace", "after": "security"},
    {"after": "op3", "insert_paragraphs": ["Encourages Member States to share good practices;"]},
    {"before": "pp1", "insert_paragraphs": ["Recalling its resolution 1/1,", "Noting the report,"]},
    {"fill": "preamble", "insert_paragraphs": ["Guided by the Charter,"]},
    # a section heading is called a heading ("… insert the following heading and operative paragraph:")
    {"after": "op3", "insert_paragraphs": [{"section": "Follow-up"}, "Decides to remain seized of the matter."]},
    {"before": "op1", "insert_paragraphs": [{"section": "General provisions"}]},
    {"delete_paragraph": "pp23"},
    {"delete_paragraph": "op13"},
    {"delete_paragraphs": ["op5", "op6", "op10", "op13"]},
    {"delete_paragraphs": ["pp16", "pp20", "pp23"]},
    {"replace_paragraph": "op4", "with": "Requests the Secretary-General to report;"},
    {"move": "pp3", "after": "op2"},
    {"move": "op4", "before": "op1"},
    {"replace_footnote": 2, "with": "A/99/1."},
    {"at": "annex1.p2", "delete": "firmly"},
    # one edit in several paragraphs: "In operative paragraphs 27 and 43, delete “…”." (A/C.3/80/L.64)
    {"at": ["op27", "op43"], "delete": "sexual and reproductive"},
    {"at": ["pp2", "pp5"], "replace": "notes", "with": "welcomes"},
    {"at": ["op2", "op4", "op7"], "insert": "all", "before": "States"},
    {"at": ["op2", "op4"], "insert": "and peace", "after": "security"},
    {"delete_paragraph": "sec2"},
]


@pytest.mark.parametrize("ins", EVERY_SHAPE, ids=lambda i: "-".join(sorted(i)))
def test_every_instruction_unres_writes_reads_back(ins):
    """Each instruction as ``instruction.*`` words it (what `unres amend` prints) is read back."""
    said = instruction_text(ins, CAT)
    got = read([Line(1, "1."), Line(2, said)], {1}, CAT)
    assert (got.instructions, got.warnings, got.cut) == ([ins], [], None), said


@pytest.mark.parametrize(
    "words, expected",
    [
        ("the twenty-third preambular paragraph", "pp23"), ("the first preambular paragraph", "pp1"),
        ("operative paragraph 5 (b)", "op5.b"), ("operative paragraph 5(b)", "op5.b"),
        ("operative paragraph 5 (b) (ii)", "op5.b.ii"), ("the annex, paragraph 2", "annex1.p2"),
        ("the heading of section II", "sec2"), ("the title", "title"), ("paragraph 5", None),
    ],
)
def test_designations_as_printed(words, expected):
    assert address(words, CAT) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        ("In the fifth preambular paragraph, replace “notes” with “welcomes”.",
         {"at": "pp5", "replace": "notes", "with": "welcomes"}),
        ("Delete operative paragraph 22.", {"delete_paragraph": "op22"}),
        # unres' own wording before it printed deletions as issued, read back
        ("Delete operative paragraph 13 and renumber the subsequent paragraphs accordingly.",
         {"delete_paragraph": "op13"}),
        ("After the words “Member States”, insert “and observers”.", None),  # no paragraph named
        ("Insert a new operative paragraph after operative paragraph 3, reading: “Decides to remain seized;”",
         {"after": "op3", "insert_paragraphs": ["Decides to remain seized;"]}),
        ("In operative paragraph 4, before “all”, insert “nearly”.",
         {"at": "op4", "insert": "nearly", "before": "all"}),
        # A/C.3/80/L.64 (docs/cycle.md): one edit in two paragraphs, one instruction
        ("In operative paragraphs 27 and 43, delete “sexual and reproductive”.",
         {"at": ["op27", "op43"], "delete": "sexual and reproductive"}),
        ("In operative paragraphs 4 and 6, before “all”, insert “nearly”.",
         {"at": ["op4", "op6"], "insert": "nearly", "before": "all"}),
        ("In operative paragraphs 4 and 4, delete “all”.", None),  # no such list
    ],
)
def test_issued_ordinal_wordings(words, expected):
    """The wordings of issued documents the brief names, beside the six at hand."""
    got = read([Line(1, "1."), Line(2, words)], {1}, CAT)
    assert got.instructions == [expected or {"text": words}]
    assert len(got.warnings) == (0 if expected else 1)


def test_numbered_lines_and_the_paragraph_after_a_colon_are_split_as_printed():
    lines = [Line(1, "1."), Line(2, "Delete operative"), Line(3, "paragraph 2."),
             Line(4, "2. After operative paragraph 3, insert the following operative paragraph:"),
             Line(6, "Decides to remain"), Line(7, "seized of the matter.")]
    found, notes = units(lines, {1, 6})
    assert [(u.line, u.number, u.words, u.paragraphs) for u in found] == [
        (1, 1, "Delete operative paragraph 2.", []),
        (4, 2, "After operative paragraph 3, insert the following operative paragraph:",
         ["Decides to remain seized of the matter."]),
    ] and notes == []


def _roundtrip(src: Path, tmp_path: Path) -> dict:
    """SRC built to DOCX by unres, the DOCX imported back."""
    [docx] = build_file(src, tmp_path / "built", ("docx",), None, None)
    back = tmp_path / "back.yaml"
    run = unres("import", docx, "-o", back)
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return {"data": load(back).data, "stderr": run.stderr}


def test_an_amendment_built_by_unres_imports_back_to_its_instructions(tmp_path):
    src = FX / "amendment.yaml"
    back = _roundtrip(src, tmp_path)
    want = load(src).data
    assert back["stderr"] == ""
    for key in ("kind", "symbol", "amends", "amends_kind", "sponsors", "session", "committee", "instructions"):
        assert back["data"][key] == want[key], key


def test_every_shape_built_to_docx_imports_back(tmp_path):
    """Every instruction shape in one amendment, built to DOCX, imported back: the same
    instructions; one kept as written is printed as written and kept so again, with its warning."""
    kept = {"text": "Replace “Chornobyl” with “Chernobyl” throughout the text."}
    data = yaml.safe_load((FX / "amendment.yaml").read_text(encoding="utf-8"))
    data["instructions"] = [*EVERY_SHAPE, kept]
    src = tmp_path / "every.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    back = _roundtrip(src, tmp_path)
    assert back["data"]["instructions"] == [*EVERY_SHAPE, kept]
    [warning] = back["stderr"].splitlines()
    last = len(EVERY_SHAPE) + 1
    assert re.search(rf"\.docx:\d+:1: warning: instruction {last} not read \(its wording is none unres reads\)", warning)


# -- bad input ---------------------------------------------------------------------------------
def test_an_instruction_of_unknown_shape_is_kept_as_text_with_a_placed_warning(tmp_path):
    text = (AMENDMENTS / "A_80_L.32.txt").read_text(encoding="utf-8")
    odd = "In operative paragraph 69, rephrase “sexual and reproductive” as “emergency”. "
    text = text.replace("In operative paragraph 69, replace “sexual and reproductive” with “emergency”. ", odd)
    no = text.split("\n").index(odd) + 1
    path = tmp_path / "A_80_L.32.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "x.yaml"
    run = unres("import", path, "-o", out)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{path}:{no}:1: warning: instruction 1 not read (its wording is none unres reads): kept as written, "
        "{text: …}; write it as an instruction unres carries out (docs/cycle.md): “In operative paragraph 69, "
        "rephrase “sexual and reproductive” …”"
    ]
    assert load(out).data["instructions"] == [{"text": odd.strip()}]
    # printed as written; `unres apply` names it and writes nothing
    [html] = build_file(out, tmp_path / "b", ("html",), None, None)
    assert odd.strip() in html.read_text(encoding="utf-8")


def test_apply_refuses_an_instruction_kept_as_text_at_its_line(tmp_path):
    am = tmp_path / "am.yaml"
    am.write_text("kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [Ruritania]\n"
                  "session: 99\ntitle: T\ninstructions:\n  - {delete_paragraph: op1}\n"
                  "  - {text: Replace “a” with “b” throughout.}\n", encoding="utf-8")
    run = unres("apply", FX / "draft.yaml", am, "-o", tmp_path / "new.yaml")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{am}:9:5: instruction 2 (Replace “a” with “b” throughout.) does not fit {FX / 'draft.yaml'}: it is kept "
        "as written (text:), not as an instruction unres can carry out; write it as one (docs/cycle.md)"
    ]
    assert not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize(
    "name, keep, words",
    [
        ("A_80_L.30", lambda t: t[: t.index("those driven by natural climate cycles") + 20],
         ":53:1: instruction 9 opens a quotation (“) that is never closed (”): the document ends short"),
        ("A_80_L.30", lambda t: t[: t.index("1. \nIn the fourth")],
         ":24:1: no instruction after the title: the document ends short"),
        ("A_80_L.33", lambda t: t[: t.index("Stresses that")],
         ":32:1: instruction 1 ends with a colon and no paragraph follows: the document ends short"),
        ("A_80_L.33", lambda t: t[: t.index("Stresses that")] + "71. \n",
         ":32:1: instruction 1 inserts a paragraph whose number or label (“71.”, “(a)”) has no words after it: "
         "the document ends short or is cut there"),
        ("A_80_L.36", lambda t: t[: t.index("Russian Federation")],
         ":1:1: not a resolution"),
    ],
)
def test_a_truncated_amendment_is_refused_at_its_place(tmp_path, name, keep, words):
    path = tmp_path / f"{name}.txt"
    path.write_text(keep((AMENDMENTS / f"{name}.txt").read_text(encoding="utf-8")), encoding="utf-8")
    import_refused(path, tmp_path, f"{path}{words}")


# -- carried out on the draft it amends --------------------------------------------------------
def test_a_l35_applied_to_the_issued_draft_it_amends(tmp_path):
    """A/80/L.35 amends A/80/L.27 (tests/import/drafts/A_80_L.27.txt, the issued draft): both
    imported, `unres apply` refuses the instruction kept as written (its first, a change
    throughout the text) at its line and writes nothing; without it, the other seven carry out
    as the document says: "of Ukraine" out of the second preambular paragraph, "Welcomes" made
    "Takes note of", operative paragraphs 5, 6, 10 and 13 gone (numbers of the draft as tabled),
    the sub-item's title in paragraph 14 with "Chernobyl"."""
    base, am, new = tmp_path / "A_80_L.27.yaml", tmp_path / "A_80_L.35.yaml", tmp_path / "new.yaml"
    assert unres("import", ROOT / "tests" / "import" / "drafts" / "A_80_L.27.txt", "-o", base).returncode == 1
    assert unres("import", AMENDMENTS / "A_80_L.35.txt", "-o", am).returncode == 1
    run = unres("apply", base, am, "-o", new)
    assert run.returncode == 2 and not new.exists() and "Traceback" not in run.stderr
    line = am.read_text(encoding="utf-8").split("\n").index("  - text: >-") + 1
    assert run.stderr.startswith(f"{am}:{line}:5: instruction 1 (Replace “Chornobyl” with “Chernobyl” in the title,")
    assert "it is kept as written (text:), not as an instruction unres can carry out" in run.stderr
    data = yaml.safe_load(am.read_text(encoding="utf-8"))
    data["instructions"] = data["instructions"][1:]
    am.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run = unres("apply", base, am, "-o", new)
    assert run.returncode == 0, run.stderr
    draft, amended = load(base).data, load(new).data
    assert amended["preamble"][1] == draft["preamble"][1].replace(" of Ukraine", "")
    assert "of Ukraine" in draft["preamble"][1] and amended["preamble"][2:] == draft["preamble"][2:]
    kept = [p for k, p in enumerate(draft["operative"], 1) if k not in (5, 6, 10, 13)]
    assert len(amended["operative"]) == 10
    assert amended["operative"][0] == kept[0].replace("Welcomes", "Takes note of", 1)
    assert amended["operative"][1:-1] == kept[1:-1]
    title = "study, mitigate and minimize the consequences of the {} disaster"
    assert amended["operative"][-1] == kept[-1].replace(title.format("Chornobyl"), title.format("Chernobyl"))
    assert title.format("Chornobyl") not in amended["operative"][-1]


# -- carried out on A/80/L.25, the draft the other five amend ----------------------------------------
def _l25(tmp_path: Path) -> tuple[Path, dict]:
    """A/80/L.25 (tests/import/drafts/A_80_L.25.txt) imported: 47 preambular and 95 operative
    paragraphs, as the issued draft prints them (its one warning: the last sponsors' 'and')."""
    base = tmp_path / "A_80_L.25.yaml"
    run = unres("import", ROOT / "tests" / "import" / "drafts" / "A_80_L.25.txt", "-o", base)
    assert run.returncode == 1 and run.stderr.count("warning:") == 1, run.stderr
    data = load(base).data
    assert (len(data["preamble"]), len(data["operative"])) == (47, 95)
    return base, data


def _applied(tmp_path: Path, base: Path, name: str) -> dict:
    am, new = tmp_path / f"{name}.yaml", tmp_path / f"{name}-applied.yaml"
    assert unres("import", AMENDMENTS / f"{name}.txt", "-o", am).returncode == 0
    run = unres("apply", base, am, "-o", new)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return load(new).data


def test_a_l30_applied_to_a_l25_deletes_what_it_says(tmp_path):
    """A/80/L.30's eleven instructions on A/80/L.25. Its sixth quotes “(COVID-19)” with a plain
    hyphen where the draft prints a no-break one (U+2011): before, `unres apply` refused it as
    “not in it”."""
    base, draft = _l25(tmp_path)
    new = _applied(tmp_path, base, "A_80_L.30")
    pp, op = new["preamble"], new["operative"]
    assert (len(pp), len(op)) == (44, 94)
    assert "response capacities, the ongoing consequences of the financial and economic crisis" in pp[3]
    assert "caused by natural or man-made hazards, reaffirming the need for the implementation" in pp[14]
    gone = [draft["preamble"][k - 1] for k in (16, 20, 23)]
    assert gone[0].startswith("Welcoming the Paris Agreement") and not set(gone) & set(pp)
    assert gone[1].startswith("Recognizing also that developing countries")
    assert gone[2].startswith("Recognizing also that enhanced access to international climate finance")
    assert pp[37].startswith("Noting with grave concern that children and youth")  # the draft's 41st
    assert pp[37].endswith("access to quality education for children and youth in humanitarian emergencies,")
    assert "underlying disaster risk drivers, and of integrating a disaster risk reduction" in op[20]
    assert draft["operative"][21] not in op and op[21] == draft["operative"][22]
    assert "including weather-related hazards, including through complementary humanitarian" in op[22]
    assert "protection, livelihoods, health, water, sanitation" in " ".join(op[31].split())
    assert "caused by natural or human-made hazards, which in certain instances may contribute" in op[37]
    assert all(p == q for p, q in zip(draft["preamble"][41:], pp[38:], strict=True))


def test_the_l25_amendments_that_insert_or_replace_words_or_paragraphs(tmp_path):
    """A/80/L.31, L.32, L.33 and L.36 each on A/80/L.25. L.31 inserts “… as adopted by the
    General Assembly,” after “including sexual and reproductive health”, which the draft follows
    with “, education”: the comma is printed once (before: “Assembly,, education”), and its note
    (“**”) is the new text's footnote."""
    base, draft = _l25(tmp_path)
    l31 = _applied(tmp_path, base, "A_80_L.31")
    [key] = re.findall(r"Development\[\^([^\]]+)\] and its review", l31["operative"][67])
    assert ("shelter, health, including sexual and reproductive health in accordance with the Programme of "
            f"Action of the International Conference on Population and Development[^{key}] and its review "
            "outcomes as adopted by the General Assembly, education and protection, energy") in l31["operative"][67]
    assert l31["footnotes"][key].startswith("Report of the International Conference on Population and Development")
    assert l31["operative"][:67] + l31["operative"][68:] == draft["operative"][:67] + draft["operative"][68:]
    l32 = _applied(tmp_path, base, "A_80_L.32")
    assert l32["operative"][68] == draft["operative"][68].replace("sexual and reproductive", "emergency")
    assert "reliable and safe access to emergency healthcare services" in l32["operative"][68]
    for name, after, opening in (("A_80_L.33", 70, "Stresses that there is no international right"),
                                 ("A_80_L.36", 89, "Calls upon Member States to refrain from promulgating")):
        new = _applied(tmp_path, base, name)["operative"]
        assert len(new) == 96 and new[after].startswith(opening), name
        assert new[:after] + new[after + 1:] == draft["operative"], name


def test_an_amendments_note_keyed_as_a_base_note_keeps_both(tmp_path):
    """A/80/L.31's note is keyed ``note-1`` (its first); on a draft whose own first note is keyed
    ``note-1`` (a note of no symbol), the base's note keeps its text and the amendment's is the
    inserted words' note under a key of its own. Before, the amendment's text replaced the
    base's note, so the draft's call printed the wrong note."""
    base, draft = _l25(tmp_path)
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    first = next(iter(data["footnotes"]))  # A/80/75-E/2025/55, called in the second preambular paragraph
    data["footnotes"] = {("note-1" if k == first else k): v for k, v in data["footnotes"].items()}
    data["preamble"][1] = data["preamble"][1].replace(f"[^{first}]", "[^note-1]")
    base.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    new = _applied(tmp_path, base, "A_80_L.31")
    assert "[^note-1]" in new["preamble"][1] and new["footnotes"]["note-1"] == draft["footnotes"][first]
    [key] = re.findall(r"Development\[\^([^\]]+)\] and its review", new["operative"][67])
    assert key != "note-1" and new["footnotes"][key].startswith("Report of the International Conference")


# -- several new paragraphs in one instruction, and their sub-paragraphs ----------------------------
L33_PARA = ("Stresses that there is no international right to an abortion and that humanitarian response efforts "
            "of the United Nations system for maternal health and family planning should include every attempt to "
            "eliminate the need for abortion and should provide women with the best possible family planning, "
            "maternal healthcare, psychological support and other essential support services;")
L36_LINES = (AMENDMENTS / "A_80_L.36.txt").read_text(encoding="utf-8").split("\n")[35:41]  # "Calls upon …ground; "


def test_several_new_paragraphs_set_without_blank_lines_are_read_apart(tmp_path):
    """A/80/L.33 made to insert two paragraphs, its own and A/80/L.36's, the second's lines right
    after the first's (no blank line, as a text layer without blocks sets them): two paragraphs,
    told apart by the second's opening phrase ("Calls upon") after the first's ";". Before, they
    were read as one. Carried out on A/80/L.25, both are operative paragraphs 71 and 72."""
    assert L36_LINES[0].startswith("Calls upon Member States") and L36_LINES[-1].startswith("ground;")
    text = (AMENDMENTS / "A_80_L.33.txt").read_text(encoding="utf-8")
    text = text.replace("insert the following operative paragraph: ", "insert the following operative paragraphs: ")
    text = text.replace("other essential support services; \n", "other essential support services; \n"
                        + "\n".join(L36_LINES) + "\n")
    path, am = tmp_path / "A_80_L.33.txt", tmp_path / "A_80_L.33.yaml"
    path.write_text(text, encoding="utf-8")
    run = unres("import", path, "-o", am)
    assert run.returncode == 0, run.stderr
    [ins] = load(am).data["instructions"]
    l36 = " ".join(" ".join(L36_LINES).split())
    assert ins == {"after": "op70", "insert_paragraphs": [L33_PARA, l36]}
    base, draft = _l25(tmp_path)
    new = tmp_path / "new.yaml"
    assert unres("apply", base, am, "-o", new).returncode == 0
    op = load(new).data["operative"]
    assert op[70:72] == [L33_PARA, l36] and op[72:] == draft["operative"][70:]


@pytest.mark.parametrize("numbered", [False, True])
def test_new_paragraphs_numbered_as_issued_and_their_sub_paragraphs(numbered):
    """Paragraphs an instruction inserts, set as issued drafts set operative paragraphs: the number
    and the text on one line ("71. Stresses …", A/C.3/80/L.31's "10. Encourages"; the number is not
    kept: the amended text numbers it), sub-paragraphs on lines opening "(a)", "(b)" (A/C.6/80/L.10),
    no blank line anywhere. In a numbered document the next instruction's number still starts it."""
    head = [Line(1, "1."), Line(2, "After operative paragraph 70, insert the following operative paragraphs:")]
    if not numbered:
        head = head[1:]
    lines = [*head,
             Line(3, "71. Stresses that there is no international right to an abortion and that humanitarian"),
             Line(4, "response efforts should include every attempt to eliminate the need for abortion;"),
             Line(5, "72. Calls upon Member States:"),
             Line(6, "(a) To refrain from promulgating and applying any unilateral coercive measures, as they"),
             Line(7, "affect social and humanitarian conditions;"),
             Line(8, "(b)"),
             Line(9, "To ensure the delivery of humanitarian and development assistance on the ground;")]
    if numbered:
        lines += [Line(10, "2."), Line(11, "Delete operative paragraph 22.")]
    got = read(lines, {lines[0].no}, CAT)
    assert got.warnings == [] and got.cut is None
    assert got.instructions[0] == {"after": "op70", "insert_paragraphs": [
        "Stresses that there is no international right to an abortion and that humanitarian response efforts "
        "should include every attempt to eliminate the need for abortion;",
        {"text": "Calls upon Member States:", "items": [
            "To refrain from promulgating and applying any unilateral coercive measures, as they affect social and "
            "humanitarian conditions;",
            "To ensure the delivery of humanitarian and development assistance on the ground;"]}]}
    assert got.instructions[1:] == ([{"delete_paragraph": "op22"}] if numbered else [])


def test_second_level_sub_paragraphs_of_a_new_paragraph(tmp_path):
    """No issued amendment at hand inserts a paragraph with "(i)" under "(a)"; this one is made from
    the issued conventions: A/80/L.33's instruction, the paragraph's sub-paragraphs "(a)", "(b)" on
    lines of their own as drafts set them, and "(i)", "(ii)" under "(a)" (a second level, as
    A/RES texts nest them). Read as {text, items} with (a) holding (i) and (ii); "(i)" after "(h)"
    stays a letter. Built, the document prints each on its line under its label; imported back from
    the DOCX, the same instruction. Before, "(i)" and "(ii)" were read as sub-paragraphs (c) and (d)."""
    head = [Line(1, "After operative paragraph 70, insert the following operative paragraph:")]
    body = ["Calls upon Member States:", "(a) To refrain from unilateral coercive measures, in particular:",
            "(i) Measures affecting", "food and health items;", "(ii) Measures hindering humanitarian assistance;",
            "(b) To ensure the delivery of assistance on the ground;"]
    got = read([*head, *(Line(k, t) for k, t in enumerate(body, 3))], {1, 3}, CAT)
    want = {"after": "op70", "insert_paragraphs": [{"text": "Calls upon Member States:", "items": [
        {"text": "To refrain from unilateral coercive measures, in particular:", "items": [
            "Measures affecting food and health items;", "Measures hindering humanitarian assistance;"]},
        "To ensure the delivery of assistance on the ground;"]}]}
    assert (got.instructions, got.warnings, got.cut) == ([want], [], None)
    letters_ = [Line(3, "Calls upon Member States:"), *(Line(k, f"({c}) To do {c};") for k, c in enumerate("abcdefghi", 4))]
    eight = read([*head, *letters_], {1, 3}, CAT).instructions[0]["insert_paragraphs"][0]["items"]
    assert eight == [f"To do {c};" for c in "abcdefghi"]
    data = yaml.safe_load((FX / "amendment.yaml").read_text(encoding="utf-8"))
    data["instructions"] = [want]
    src = tmp_path / "nested.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [docx] = build_file(src, tmp_path / "b", ("docx",), None, None)
    import docx as python_docx

    texts = [" ".join(p.text.replace("\u00a0", " ").split()) for p in python_docx.Document(str(docx)).paragraphs]
    k = texts.index("After operative paragraph 70, insert the following operative paragraph:")
    assert texts[k + 1: k + 6] == ["Calls upon Member States:", f"{body[1]}", "(i) Measures affecting food and health items;",
                                   body[4], body[5]]
    back = _roundtrip(src, tmp_path)
    assert back["data"]["instructions"] == [want] and back["stderr"] == ""


# -- sub-paragraph labels as each language prints them (../shared/docs/languages.md) ----------------
FR = catalogue("fr")
FR_NEW = {"after": "op2", "insert_paragraphs": [{"text": "Demande aux États Membres :", "items": [
    {"text": "De s’abstenir de toute mesure, en particulier :", "items": [
        "Les mesures touchant les vivres;", "Les mesures entravant l’aide;"]},
    "De faciliter l’aide humanitaire;"]}]}


def test_a_french_amendment_built_by_unres_imports_back_with_its_labels(tmp_path):
    """French sub-paragraph labels are "a)", "b)" (languages.md: A/RES/52/162), and so unres prints
    them in a French amendment: "le paragraphe 3 du dispositif, alinéa b)" and, under a new
    paragraph, "a) De s’abstenir …", "i) Les mesures …" on lines of their own. Built to DOCX and
    imported back: the same instructions. Before, the designation printed "alinéa (b)", which the
    import did not read (kept as text, with a warning), and the "a)" lines were read as
    paragraphs of their own."""
    data = yaml.safe_load((FX / "amendment.yaml").read_text(encoding="utf-8"))
    data.update(language="fr", title="Coopération en matière d’essais", instructions=[
        {"at": "op3.b", "delete": "tous"}, FR_NEW, {"at": "op1.b.ii", "replace": "note", "with": "acte"},
        {"delete_paragraph": "op4"}])
    src = tmp_path / "fr.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [docx] = build_file(src, tmp_path / "b", ("docx",), None, None)
    import docx as python_docx

    texts = [" ".join(p.text.replace("\u00a0", " ").split()) for p in python_docx.Document(str(docx)).paragraphs]
    assert "Dans le paragraphe 3 du dispositif, alinéa b), supprimer « tous »." in texts
    k = texts.index("Après le paragraphe 2 du dispositif, insérer le paragraphe suivant :")
    assert texts[k + 1: k + 6] == ["Demande aux États Membres :", "a) De s’abstenir de toute mesure, en particulier :",
                                   "i) Les mesures touchant les vivres;", "ii) Les mesures entravant l’aide;",
                                   "b) De faciliter l’aide humanitaire;"]
    assert "Supprimer le paragraphe 4 du dispositif." in texts
    back = _roundtrip(src, tmp_path)
    assert back["data"]["instructions"] == data["instructions"] and back["stderr"] == ""


@pytest.mark.parametrize(
    "words, expected",
    [
        ("le paragraphe 5 du dispositif, alinéa b)", "op5.b"),
        ("le paragraphe 5 du dispositif, alinéa b), alinéa ii)", "op5.b.ii"),
        ("le paragraphe 12 du dispositif, alinéa aa)", "op12.aa"),
        ("l’annexe, paragraphe 2, alinéa c)", "annex1.p2.c"),
        ("le paragraphe 5 du dispositif, alinéa (b)", "op5.b"),  # unres' French before
        ("le paragraphe 5 du dispositif, alinéa ii)", None),  # a numeral where a letter is due
        ("le troisième alinéa du préambule, alinéa b)", None),  # a preambular paragraph has none
    ],
)
def test_french_designations_as_printed(words, expected):
    assert address(words, FR) == expected


def test_french_wordings_read_back():
    """unres' French wording of every shape with a sub-paragraph, and its deletion before it was
    printed as issued ("… et renuméroter les paragraphes suivants en conséquence.")."""
    for ins in ({"at": "op3.b", "delete": "tous"}, {"fill": "op4", "insert_paragraphs": ["De coopérer;"]},
                FR_NEW, {"delete_paragraph": "op5.c"}, {"replace_paragraph": "op2.a.i", "with": "De faire;"}):
        said = instruction_text(ins, FR)
        got = read([Line(1, "1."), Line(2, said)], {1}, FR)
        assert (got.instructions, got.warnings) == ([ins], []), said
    old = "Supprimer le paragraphe 13 du dispositif et renuméroter les paragraphes suivants en conséquence."
    assert read([Line(1, old)], {1}, FR).instructions == [{"delete_paragraph": "op13"}]


@pytest.mark.parametrize(
    "lang, lines",
    [
        ("fr", ["a) De s’abstenir de toute mesure :", "i) Les mesures touchant", "les vivres;", "b)",
                "De faciliter l’aide;"]),
        ("es", ["a) Que se abstengan de toda medida:", "i) Las medidas que afectan", "los alimentos;", "b)",
                "Que faciliten la ayuda;"]),
        ("ru", ["а) воздерживаться от любых мер:", "i) мер, затрагивающих", "продовольствие;", "б)",
                "содействовать помощи;"]),
        ("ar", ["(أ) الامتناع عن أي تدابير:", "(i) التدابير التي تمس", "الأغذية؛", "(ب)", "تيسير المساعدة؛"]),
        ("en", ["(a) To refrain from any measure:", "(i) Measures affecting", "food;", "(b)", "To ease aid;"]),
    ],
)
def test_sub_paragraph_labels_of_each_language_under_a_new_paragraph(lang, lines):
    """Under a paragraph an instruction inserts, a line opening with a sub-paragraph label as the
    language prints it is a sub-paragraph: French and Spanish "a)", "b)" (languages.md: A/RES/52/162;
    A/53/100, A/57/551), Russian Cyrillic "а)", "б)" (the un.org/ru agreement), Arabic "(أ)", "(ب)",
    and "(a)" in any language; "i)" / "(i)" under one is its own. Spanish, Russian and Arabic have
    no instruction wording in their catalogues, so the instruction is kept as written: its
    sub-paragraphs under the language's labels, as printed. Before, "a)", "а)" and "(أ)" lines were
    read as paragraphs of their own (French, Spanish) or run into the paragraph before."""
    cat = catalogue(lang)
    head = [Line(1, "After operative paragraph 2, insert the following operative paragraph:"), Line(3, "Lead-in:")]
    found, _ = units([*head, *(Line(k, t) for k, t in enumerate(lines, 4))], {1, 3}, cat)
    [unit] = found
    first, second = lines[0].split(" ", 1)[1], lines[4]
    inner = " ".join([lines[1].split(" ", 1)[1], lines[2]])
    assert unit.values() == [{"text": "Lead-in:", "items": [{"text": first, "items": [inner]}, second]}]
    got = read([*head, *(Line(k, t) for k, t in enumerate(lines, 4))], {1, 3}, cat)
    if lang not in ("fr", "en"):
        [kept] = got.instructions
        label_a, label_b = (str(cat.word("labels.sub", n=n)) for n in (1, 2))
        assert f"Lead-in: {label_a} {first} {cat.word('labels.subsub', n=1)} {inner} {label_b} {second}" in kept["text"]


def test_l64s_instructions_are_read_as_issued():
    """A/C.3/80/L.64's two instructions as the parl-monitor fixture quotes them (docs/cycle.md): the
    second, one deletion in two operative paragraphs, is one instruction (before: kept as text
    with a warning)."""
    lines = [Line(1, "1. In operative paragraph 13, delete “sexual and reproductive health,”."),
             Line(2, "2. In operative paragraphs 27 and 43, delete “sexual and reproductive”.")]
    got = read(lines, {1, 2}, CAT)
    assert (got.instructions, got.warnings) == ([
        {"at": "op13", "delete": "sexual and reproductive health,"},
        {"at": ["op27", "op43"], "delete": "sexual and reproductive"}], [])
    assert instruction_text(got.instructions[1], CAT) == lines[1].text[3:]
