"""`unres amend` and `unres apply`: instructions in UN drafting language that carry out exactly.

The property: for random edits of real sources, apply(old, amend(old, new)) == new.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, unres
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.source import load
from pipeline.transforms.amend import _all_text, amend, apply, instruction_text, new_notes
from pipeline.transforms.words import catalogue

FX = ROOT / "tests" / "fixtures" / "cycle"
REAL = (
    sorted(ROOT.glob("source/*.yaml"))
    + sorted(ROOT.glob("source/cycle/*.yaml"))
    + [ROOT / "tests" / "fixtures" / "structures.yaml"]
)
DATA = {p.name: load(p).data for p in REAL}
WORDS = [
    "the",
    "General",
    "Assembly",
    "requests",
    "invites",
    "urges",
    "notes",
    "also",
    "strongly",
    ",",
    "and",
]
EN = catalogue("en")


def _lists(d: dict) -> list[list]:
    out = [d.get("preamble"), d.get("operative")]
    out += [p.get(k) for p in d.get("parts") or () for k in ("preamble", "operative")]
    out += [a.get("paragraphs") for a in d.get("annexes") or ()]
    return [x for x in out if x]


def _edit_text(draw, text: str) -> str:
    toks = text.split(" ")
    i = draw(st.integers(0, len(toks) - 1))
    op = draw(st.sampled_from("rid"))
    if op == "r":
        toks[i] = draw(st.sampled_from(WORDS))
    elif op == "i":
        toks.insert(i, draw(st.sampled_from(WORDS)))
    elif len(toks) > 1:
        del toks[i]
    return " ".join(toks)


@st.composite
def edited(draw):
    name = draw(st.sampled_from(sorted(DATA)))
    old = DATA[name]
    new = copy.deepcopy(old)
    for _ in range(draw(st.integers(1, 6))):
        lists = _lists(new)
        lst = draw(st.sampled_from(lists))
        i = draw(st.integers(0, len(lst) - 1))
        op = draw(st.sampled_from(["words", "words", "insert", "delete", "move", "sub", "title", "across"]))
        v = lst[i]
        if op == "words":
            if isinstance(v, str):
                lst[i] = _edit_text(draw, v)
            elif "text" in v:
                v["text"] = _edit_text(draw, v["text"])
            else:
                v["section"] = _edit_text(draw, v["section"])
        elif op == "insert":
            lst.insert(
                i,
                "Decides to "
                + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8)))
                + ";",
            )
        elif op == "delete" and len(lst) > 1:
            del lst[i]
        elif op == "move" and len(lst) > 1:
            lst.insert(draw(st.integers(0, len(lst) - 1)), lst.pop(i))
        elif op == "sub" and isinstance(v, dict) and v.get("items"):
            j = draw(st.integers(0, len(v["items"]) - 1))
            if isinstance(v["items"][j], str):
                v["items"][j] = _edit_text(draw, v["items"][j])
        elif op == "across" and len(lst) > 1:
            # to another list: preamble ↔ operative part, or into a paragraph's sub-paragraphs
            others = [x for x in _lists(new) if x is not lst]
            subs = [p["items"] for x in _lists(new) for p in x if isinstance(p, dict) and p.get("items")]
            targets = others + [x for x in subs if x is not lst]
            if targets and (isinstance(v, str) or "section" not in v):
                dest = draw(st.sampled_from(targets))
                moved = lst.pop(i)
                if dest in subs and not isinstance(moved, str):
                    moved = moved["text"]
                if draw(st.booleans()) and isinstance(moved, str):
                    moved = _edit_text(draw, moved)
                dest.insert(draw(st.integers(0, len(dest))), moved)
        elif op == "title":
            new["title"] = _edit_text(draw, new["title"])
    # a note nobody calls any more goes, as the source format requires
    called = set(re.findall(r"\[\^([^\]\s]+)\]", _all_text(new)))
    if "footnotes" in new:
        new["footnotes"] = {k: t for k, t in new["footnotes"].items() if str(k) in called}
        if not new["footnotes"]:
            del new["footnotes"]
    return old, new


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_apply_amend_is_identity(pair):
    old, new = pair
    instructions = amend(old, new)
    assert apply(old, instructions, new_notes(old, new)) == new
    for ins in instructions:  # every instruction can be said in UN drafting language
        said = instruction_text(ins, EN)  # new paragraphs: their words quoted after the colon
        assert said.endswith(".") or ("insert_paragraphs" in ins and ": “" in said and said.endswith("”")), said


def _said(old: dict, new: dict) -> list[str]:
    return [instruction_text(i, EN) for i in amend(old, new)]


def test_wording_smallest_and_designations():
    old = DATA["draft.yaml"] if "draft.yaml" in DATA else load(FX / "draft.yaml").data
    new = copy.deepcopy(old)
    new["operative"][1]["items"][1] = "to report annually."
    new["operative"][0] = new["operative"][0].replace("Requests", "Invites")
    new["preamble"].append("Noting with concern the delays,")
    assert _said(old, new) == [
        "After the first preambular paragraph, insert the following preambular paragraph: “Noting with concern the "
        "delays,”",
        "In operative paragraph 1, replace “Requests” with “Invites”.",
        "In operative paragraph 2 (b), after “report”, insert “annually”.",
    ]


def test_move_is_one_instruction():
    old = load(FX / "draft.yaml").data
    new = copy.deepcopy(old)
    new["operative"].insert(0, new["operative"].pop(2))
    assert _said(old, new) == [
        "Move operative paragraph 3 to precede operative paragraph 1 and renumber the subsequent paragraphs "
        "accordingly."
    ]


def test_move_between_preamble_and_operative_is_one_instruction():
    old = load(FX / "rev1.yaml").data
    new = copy.deepcopy(old)
    new["operative"].insert(0, new["preamble"].pop(1).replace("Noting", "Notes").rstrip(",") + ";")
    assert _said(old, new) == [
        "Move the second preambular paragraph to precede operative paragraph 1 and renumber the subsequent "
        "paragraphs accordingly.",
        "In the second preambular paragraph, replace “Noting” with “Notes”.",
        "In the second preambular paragraph, replace “,” with “;”.",
    ]


def test_delete_paragraph_and_words():
    old = load(FX / "rev1.yaml").data
    new = copy.deepcopy(old)
    del new["operative"][2]
    new["operative"][1]["text"] = "Invites States:"
    assert _said(old, new) == [
        "In operative paragraph 2, delete “all”.",
        "Delete operative paragraph 3.",
    ]


# -- the commands ------------------------------------------------------------------------------
def test_amend_then_apply_commands(tmp_path):
    out = tmp_path / "amend"
    r = unres(
        "amend",
        FX / "draft.yaml",
        FX / "rev1.yaml",
        "-o",
        out,
        "--symbol",
        "A/C.3/99/L.9",
        "--sponsor",
        "Ruritania",
    )
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["A_C.3_99_L.9.docx", "A_C.3_99_L.9.html", "A_C.3_99_L.9.pdf", "A_C.3_99_L.9.yaml"]
    amendment = load(out / "A_C.3_99_L.9.yaml").data
    assert amendment["kind"] == "amendment" and amendment["amends"] == "A/C.3/99/L.7"
    html = (out / "A_C.3_99_L.9.html").read_text()
    assert "Ruritania: amendment to draft resolution A/C.3/99/L.7" in html
    assert "In operative paragraph 2, before “States”, insert “all”." in html
    new = tmp_path / "new.yaml"
    r = unres("apply", FX / "draft.yaml", out / "A_C.3_99_L.9.yaml", "-o", new)
    assert r.returncode == 0, r.stderr
    got, want = load(new).data, load(FX / "rev1.yaml").data
    for key in ("preamble", "operative", "footnotes", "title"):
        assert got[key] == want[key]


def _amendment(tmp_path: Path, instructions: str, amends: str = "A/C.3/99/L.7") -> Path:
    p = tmp_path / "am.yaml"
    p.write_text(
        f"kind: amendment\nsymbol: A/C.3/99/L.9\namends: {amends}\nsponsors: [Ruritania]\n"
        f"issued: 2044-11-05\nsession: 99\ntitle: T\ninstructions:\n{instructions}"
    )
    return p


@pytest.mark.parametrize(
    "instructions,message",
    [
        (
            '  - {at: op2, delete: "everyone"}\n',
            "9:5: instruction 1 (In operative paragraph 2, delete “everyone”.) does not fit {base}: in operative paragraph "
            "2, “everyone” is not in it; the base reads “Invites States:”",
        ),
        (
            "  - {delete_paragraph: op9}\n",
            "9:5: instruction 1 (Delete operative paragraph 9.) does "
            "not fit {base}: the base has no operative paragraph 9",
        ),
        (
            "  - {delete_paragraphs: [op1, op9]}\n",
            "9:5: instruction 1 (Delete operative paragraphs 1 and 9.) does not fit {base}: the base has no "
            "operative paragraph 9",
        ),
        # one edit in several paragraphs (A/C.3/80/L.64): the paragraph it does not fit is named
        (
            '  - {at: [op1, op3], delete: "the Secretary-General to"}\n',
            "9:5: instruction 1 (In operative paragraphs 1 and 3, delete “the Secretary-General to”.) does not fit "
            "{base}: in operative paragraph 3, “the Secretary-General to” is not in it; the base reads “Decides to "
            "continue its consideration of the question.”",
        ),
        (
            '  - {at: [op1, op4], delete: "session"}\n',
            "9:5: instruction 1 (In operative paragraphs 1 and 4, delete “session”.) does not fit {base}: the base "
            "has no operative paragraph 4",
        ),
        (
            '  - {at: op1, delete: "Requests"}\n  - {at: op1, delete: "Requests"}\n',
            "10:5: instruction 2 (In operative paragraph 1, delete “Requests”.) does not fit {base}: in operative "
            "paragraph 1, “Requests” is not in it; the base reads “the Secretary-General to report at its hundredth "
            "session;”",
        ),
    ],
)
def test_apply_misfit_is_placed_and_writes_nothing(tmp_path, instructions, message):
    am = _amendment(tmp_path, instructions)
    out = tmp_path / "new.yaml"
    base = FX / "draft.yaml"
    r = unres("apply", base, am, "-o", out)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"{am}:" + message.format(base=base)]
    assert not out.exists()


def test_apply_wrong_target_and_kind(tmp_path):
    am = _amendment(tmp_path, "  - {delete_paragraph: op1}\n", amends="A/C.3/99/L.8")
    r = unres("apply", FX / "draft.yaml", am, "-o", tmp_path / "x.yaml")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"{am}:3:9: amends: A/C.3/99/L.8, but {FX / 'draft.yaml'} is A/C.3/99/L.7"
    ]
    r = unres("apply", FX / "draft.yaml", FX / "rev1.yaml", "-o", tmp_path / "x.yaml")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"{FX / 'rev1.yaml'}:2:7: expected an amendment document (kind: amendment), found kind revised-draft"
    ]
    assert not (tmp_path / "x.yaml").exists()


def test_amend_bad_input(tmp_path):
    out = tmp_path / "out"
    r = unres("amend", ROOT / "source" / "A_RES_73_8.yaml", FX / "rev1.yaml", "-o", out)
    assert r.returncode == 2 and not out.exists()
    line = r.stderr.splitlines()[0]
    assert re.fullmatch(
        rf"{re.escape(str(ROOT / 'source' / 'A_RES_73_8.yaml'))}:\d+:\d+: symbol: an amendment "
        r"amends a draft \(an L document such as A/73/L.3\); this is A/RES/73/8",
        line,
    ), line
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: draft\nsymbol: A/C.3/99/L.7\n")
    r = unres("amend", FX / "draft.yaml", broken, "-o", out)
    assert r.returncode == 2 and not out.exists() and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{broken}:1:1: ")
    r = unres("amend", FX / "draft.yaml", FX / "rev1.yaml", "-o", out, "--symbol", "A/RES/1/1")
    assert r.returncode == 2 and not out.exists()
    assert "--symbol: expected an L document symbol" in r.stderr


def test_amend_without_changes_writes_nothing(tmp_path):
    out = tmp_path / "out"
    r = unres("amend", FX / "draft.yaml", FX / "draft.yaml", "-o", out)
    assert r.returncode == 0 and "no changes" in r.stdout and not out.exists()


def test_yaml_written_loads(tmp_path):
    """The amendment source is plain YAML a person can edit."""
    out = tmp_path / "a"
    unres("amend", FX / "draft.yaml", FX / "rev1.yaml", "-o", out, "--format", "html")
    text = next(out.glob("*.yaml")).read_text()
    assert yaml.safe_load(text)["instructions"]


def test_ambiguous_words_are_refused():
    from pipeline.transforms.amend import Mismatch, apply_words

    with pytest.raises(Mismatch, match="“the” occurs 2 times in it"):
        apply_words("the report of the Secretary-General", {"at": "op1", "delete": "the"})


def test_apply_deletes_several_paragraphs_in_one_instruction(tmp_path):
    """``{delete_paragraphs: [op2, op4]}`` ("Delete operative paragraphs 2 and 4.", the form of
    A/80/L.35's "Delete operative paragraphs 5, 6, 10 and 13."): both go, by their numbers in the
    draft as tabled, as two single deletions would take them, and the built text numbers what is
    left 1., 2., 3."""
    from pipeline.app.build import build_file

    data = yaml.safe_load((FX / "draft.yaml").read_text(encoding="utf-8"))
    data["operative"] = [f"Decides to do thing {k};" for k in range(1, 6)]
    base, new, singly_new = tmp_path / "base.yaml", tmp_path / "new.yaml", tmp_path / "singly.yaml"
    base.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    one = _amendment(tmp_path, "  - {delete_paragraphs: [op2, op4]}\n")
    r = unres("apply", base, one, "-o", new)
    assert r.returncode == 0, r.stderr
    singly = _amendment(tmp_path, "  - {delete_paragraph: op2}\n  - {delete_paragraph: op4}\n")
    assert unres("apply", base, singly, "-o", singly_new).returncode == 0
    got = load(new).data["operative"]
    assert got == [f"Decides to do thing {k};" for k in (1, 3, 5)] == load(singly_new).data["operative"]
    [html] = build_file(new, tmp_path / "out", ("html",), None, None)
    import lxml.html

    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    said = [" ".join(p.text_content().split()) for p in page.xpath("//*[starts-with(@id, 'op-')]")]
    assert said == ["1. Decides to do thing 1;", "2. Decides to do thing 3;", "3. Decides to do thing 5;"], said


# -- several paragraphs deleted, as issued ------------------------------------------------------
DRAFTS = ROOT / "tests" / "import" / "drafts"
ISSUED = ROOT / "tests" / "import" / "amendments"


def _issued_words(name: str) -> list[str]:
    """An issued amendment's numbered instructions, each as one line of words."""
    words = " ".join((ISSUED / f"{name}.txt").read_text(encoding="utf-8").split())
    body = words[words.index(" 1. ") + 4: words.index(" * Any changes")]
    out, k = [], 2
    while f" {k}. " in body:  # the next number, in order ("13." in "10 and 13." is none)
        at = body.index(f" {k}. ")
        out.append(body[:at])
        body, k = body[at + len(f" {k}. "):], k + 1
    return [*out, body]


def _amended_as_issued(tmp_path: Path, draft: str, name: str, skip: int = 0) -> list[str]:
    """The issued draft and amendment imported, the amendment carried out (its first ``skip``
    instructions left out), and `unres amend` asked for the amendment of the draft into that
    text: the instructions its HTML prints, numbers dropped."""
    base, am, new, out = (tmp_path / f"{draft}.yaml", tmp_path / f"{name}.yaml", tmp_path / "new.yaml",
                          tmp_path / "amend")
    assert unres("import", DRAFTS / f"{draft}.txt", "-o", base).returncode == 1
    assert unres("import", ISSUED / f"{name}.txt", "-o", am).returncode in (0, 1)
    data = yaml.safe_load(am.read_text(encoding="utf-8"))
    data["instructions"] = data["instructions"][skip:]
    am.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert unres("apply", base, am, "-o", new).returncode == 0
    r = unres("amend", base, new, "-o", out, "--symbol", "A/80/L.99", "--sponsor", "Ruritania",
              "--format", "html")
    assert r.returncode == 0, r.stderr
    import lxml.html

    page = lxml.html.fromstring(next(out.glob("*.html")).read_text(encoding="utf-8"))
    items = page.xpath("//section[@id='body']//*[starts-with(@id, 'ins-')]")
    return [re.sub(r"^\d+\. ", "", " ".join(i.text_content().split())) for i in items]


def test_amend_deletes_several_operative_paragraphs_in_one_instruction_as_l35(tmp_path):
    """A/80/L.35 carried out on A/80/L.27 (its first instruction, a change throughout the text,
    left out), and `unres amend` asked for the amendment of L.27 into the result: four
    instructions, its deletions one, "Delete operative paragraphs 5, 6, 10 and 13.", worded as
    L.35's fourth (consecutive 5 and 6, the others not). Before, four "Delete operative paragraph
    5 and renumber …" instructions. Its other instructions are L.35's but the last, which quotes
    the fewest words ("Chornobyl") where L.35 quotes the whole title."""
    issued = _issued_words("A_80_L.35")
    said = _amended_as_issued(tmp_path, "A_80_L.27", "A_80_L.35", skip=1)
    assert said[:3] == issued[1:4], said
    assert said[2] == "Delete operative paragraphs 5, 6, 10 and 13."
    assert said[3] == "In operative paragraph 14, replace “Chornobyl” with “Chernobyl”." and len(said) == 4


def test_amend_deletes_preambular_paragraphs_one_by_one_as_l30(tmp_path):
    """A/80/L.30 deletes the sixteenth, twentieth and twenty-third preambular paragraphs by three
    instructions, and operative paragraph 22 by one: carried out on A/80/L.25 and written again by
    `unres amend`, the same four deletions, worded and placed as L.30's third, fourth, fifth and
    eighth instructions."""
    issued = _issued_words("A_80_L.30")
    said = _amended_as_issued(tmp_path, "A_80_L.25", "A_80_L.30")
    deletions = [s for s in said if s.startswith("Delete ")]
    assert deletions == [issued[k] for k in (2, 3, 4, 7)] == [
        "Delete the sixteenth preambular paragraph.", "Delete the twentieth preambular paragraph.",
        "Delete the twenty-third preambular paragraph.", "Delete operative paragraph 22."]
    assert [said.index(d) for d in deletions] == [2, 3, 4, 7] and len(said) == 11


def test_two_operative_deletions_are_one_instruction_others_are_not():
    """Operative paragraphs deleted: one instruction, in the order of the text, where the first
    stood; a lone one, preambular ones, and sub-paragraphs keep one each."""
    old = load(FX / "rev1.yaml").data
    new = copy.deepcopy(old)
    assert len(new["operative"]) >= 3 and len(new["preamble"]) >= 2
    del new["operative"][2]
    del new["operative"][0]
    assert amend(old, new) == [{"delete_paragraphs": ["op1", "op3"]}]
    new = copy.deepcopy(old)
    del new["operative"][2]
    del new["preamble"][1]
    del new["preamble"][0]
    assert amend(old, new) == [{"delete_paragraph": "pp1"}, {"delete_paragraph": "pp2"},
                               {"delete_paragraph": "op3"}]


def test_a_new_heading_is_called_a_heading(tmp_path):
    """A section heading the new text adds (``{section: …}``, as sources write the operative part's
    headings) is called a heading in the instruction, not a paragraph: "…, insert the following
    heading and operative paragraph:"; printed after the colon, in HTML, without the italics of an
    opening phrase, which the paragraph after it keeps. Before: "insert the following operative
    paragraphs:", the heading's first word italicised. `unres apply` gives the new text back."""
    from pipeline.app.build import build_file

    old = load(FX / "rev1.yaml").data
    new = copy.deepcopy(old)
    n = len(old["operative"])
    new["operative"] += [{"section": "Follow-up"}, "Decides to remain seized of the matter."]
    [ins] = amend(old, new)
    assert ins == {"after": f"op{n}", "insert_paragraphs": [{"section": "Follow-up"},
                                                             "Decides to remain seized of the matter."]}
    assert instruction_text(ins, EN) == (f"After operative paragraph {n}, insert the following heading and operative "
                                         "paragraph: “Follow-up” “Decides to remain seized of the matter.”")
    assert apply(old, [ins]) == new
    only = {"after": f"op{n}", "insert_paragraphs": [{"section": "Follow-up"}]}
    assert instruction_text(only, EN).startswith(f"After operative paragraph {n}, insert the following heading: ")
    src = _amendment(tmp_path, "  - " + yaml.safe_dump(ins, allow_unicode=True, default_flow_style=True,
                                                         width=1000).strip() + "\n")
    [html] = build_file(src, tmp_path / "out", ("html",), None, None)
    import lxml.html

    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    [quote] = page.xpath("//section[@id='body']//blockquote")
    head, para = quote.xpath("./p")
    assert " ".join(head.text_content().split()) == "Follow-up" and not list(head.iter("em", "i"))
    assert [e.text_content() for e in para.iter("em", "i")] == ["Decides"]


# -- one edit in several paragraphs, as issued (A/C.3/80/L.64) -----------------------------------
def test_apply_makes_one_edit_in_each_paragraph_it_names(tmp_path):
    """``{at: [op1, op3], delete: …}`` ("In operative paragraphs 27 and 43, delete “sexual and
    reproductive”.", A/C.3/80/L.64) edits each paragraph as one instruction per paragraph would;
    insert and replace alike."""
    data = yaml.safe_load((FX / "draft.yaml").read_text(encoding="utf-8"))
    data["operative"] = ["Urges States to ensure sexual and reproductive health;", "Notes the report;",
                         "Calls for sexual and reproductive health services."]
    base = tmp_path / "base.yaml"
    base.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for together, apart in [
        ('{at: [op1, op3], delete: "sexual and reproductive"}',
         '{at: op1, delete: "sexual and reproductive"}\n  - {at: op3, delete: "sexual and reproductive"}'),
        ('{at: [op1, op3], insert: "mental", before: "health"}',
         '{at: op1, insert: "mental", before: "health"}\n  - {at: op3, insert: "mental", before: "health"}'),
        ('{at: [op1, op3], replace: "health", with: "care"}',
         '{at: op1, replace: "health", with: "care"}\n  - {at: op3, replace: "health", with: "care"}'),
    ]:
        one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
        assert unres("apply", base, _amendment(tmp_path, f"  - {together}\n"), "-o", one).returncode == 0
        assert unres("apply", base, _amendment(tmp_path, f"  - {apart}\n"), "-o", two).returncode == 0
        got = load(one).data["operative"]
        assert got == load(two).data["operative"] and got != data["operative"] and got[1] == "Notes the report;"


def test_the_same_words_deleted_in_operative_paragraphs_are_one_instruction():
    """What L.64 shows, and no more: the same words deleted from two or more operative paragraphs
    are one instruction ("In operative paragraphs 1 and 3, delete “…”."), in the order of the text,
    where the first stood; the same words deleted from preambular paragraphs, other words, and
    replacements keep one instruction each (no issued amendment at hand groups them)."""
    old = {"title": "T", "preamble": ["Recalling sexual and reproductive health,", "Noting the report,",
                                      "Stressing sexual and reproductive health,"],
           "operative": ["Urges States to ensure sexual and reproductive health;", "Notes the report;",
                         "Calls for sexual and reproductive health services;", "Requests a report."]}
    new = copy.deepcopy(old)
    for k in (0, 2):
        new["operative"][k] = new["operative"][k].replace("sexual and reproductive ", "")
    new["operative"][1] = "Notes the new report;"
    assert amend(old, new) == [{"at": ["op1", "op3"], "delete": "sexual and reproductive"},
                               {"at": "op2", "insert": "new", "before": "report"}]
    assert _said(old, new)[0] == "In operative paragraphs 1 and 3, delete “sexual and reproductive”."
    assert apply(old, amend(old, new)) == new
    new = copy.deepcopy(old)
    for k in (0, 2):
        new["preamble"][k] = new["preamble"][k].replace("sexual and reproductive ", "")
    new["operative"][0] = new["operative"][0].replace("health", "care")
    new["operative"][2] = new["operative"][2].replace("health", "care")
    assert amend(old, new) == [
        {"at": "pp1", "delete": "sexual and reproductive"}, {"at": "pp3", "delete": "sexual and reproductive"},
        {"at": "op1", "replace": "health", "with": "care"}, {"at": "op3", "replace": "health", "with": "care"}]
    assert apply(old, amend(old, new)) == new
