"""The draft cycle's documents (docs/cycle.md): L-document mastheads, sponsor lines, addenda,
corrigenda and amendment documents, as a reader sees them in HTML, PDF and DOCX, both styles."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build, unres
from docx import Document as Docx
from lxml import html as lhtml

FX = ROOT / "tests" / "fixtures" / "cycle"
L41 = ROOT / "source" / "cycle" / "A_C.3_78_L.41.yaml"


def _html(src: Path, out: Path, style: str | None = None):
    return lhtml.fromstring(build(src, out, "html", style).read_bytes())


def q(node, selector: str) -> list:
    """Elements by "tag.class" or ".class" (descendants of ``node``)."""
    tag, _, cls = selector.partition(".")
    return node.xpath(f".//{tag or '*'}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]")


def text(node) -> str:
    return " ".join(node.text_content().split())


def _pdf_lines(src: Path, out: Path, style: str | None = None) -> list[str]:
    pdf = build(src, out, "pdf", style)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _docx_lines(src: Path, out: Path, style: str | None = None) -> list[str]:
    doc = Docx(str(build(src, out, "docx", style)))
    lines = [p.text for p in doc.paragraphs if p.text.strip()]
    for section in doc.sections:
        for table in section.first_page_header.tables:
            for cell in table._cells:
                lines += [p.text for p in cell.paragraphs if p.text.strip()]
    return [line.replace("\xa0", " ") for line in lines]  # a title's last words are joined by a no-break space


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_draft_masthead_html(tmp_path, style):
    page = _html(FX / "draft.yaml", tmp_path, style)
    mh = q(page, "header.masthead")[0]
    text = " ".join(mh.text_content().split())
    assert "Distr.: Limited" in text or "Distr. LIMITED" in text
    assert ("Original: English" if style == "modern" else "ORIGINAL: ENGLISH") in text
    assert q(page, ".committee")[0].text_content() == "Third Committee"
    assert q(page, ".agenda")[0].text_content() == "Agenda item 70 (b)"
    assert q(page, ".agenda-title")[0].text_content().startswith("Promotion and protection")
    assert " ".join(q(page, ".sponsors")[0].text_content().split()) == (
        "Algeria, Angola, Brazil and State of Palestine*: draft resolution"
    )
    # no resolution heading, provenance, number or plenary line
    assert not q(page, ".heading") and not q(page, ".provenance")
    title = q(page, "h1.title")[0]
    assert not q(title, ".number") and " ".join(title.text_content().split()) == "Cooperation on test matters"
    assert not q(page, ".closing")
    assert q(page, ".enacting")[0].text_content() == "The General Assembly,"


def test_revised_draft_sponsor_line(tmp_path):
    page = _html(FX / "rev1.yaml", tmp_path)
    assert q(page, ".sponsors")[0].text_content().endswith(": revised draft resolution")


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_draft_pdf_reading_order(tmp_path, style):
    lines = _pdf_lines(FX / "draft.yaml", tmp_path, style)
    joined = "\n".join(lines)
    order = [
        "Ninety-ninth session",
        "Third Committee",
        "Agenda item 70 (b)",
        "Promotion and protection",
        "State of Palestine*: draft resolution",
        "Cooperation on test matters",
        "The General Assembly,",
        "Requests the Secretary-General",
    ]
    at = [joined.index(s) for s in order]
    assert at == sorted(at), at
    assert "plenary meeting" not in joined and "Resolution adopted" not in joined.replace("RESOLUTION", "")


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_draft_docx(tmp_path, style):
    lines = _docx_lines(FX / "draft.yaml", tmp_path, style)
    assert "Algeria, Angola, Brazil and State of Palestine*: draft resolution" in lines
    assert "Third Committee" in lines and "Cooperation on test matters" in lines
    assert not any("plenary meeting" in x for x in lines)
    assert not any(x.startswith("RESOLUTION ADOPTED") or x.startswith("Resolution adopted") for x in lines)


def test_amendment_document(tmp_path):
    page = _html(FX / "amendment.yaml", tmp_path)
    assert q(page, ".sponsors")[0].text_content() == (
        "Ruritania: amendment to revised draft resolution A/C.3/99/L.7/Rev.1"
    )
    assert not q(page, ".enacting")
    items = [text(li) for li in q(page, "li.operative")]
    assert items == [
        "1. In the second preambular paragraph, replace “the work done” with “the work done so far”.",
        "2. In operative paragraph 2, delete “all”.",
        # the new paragraph after the colon, a block of its own, unquoted (A/80/L.33)
        "3. After operative paragraph 2, insert the following operative paragraph: Encourages Member States to "
        "share good practices;",
        "4. Delete operative paragraph 3.",  # as A/80/L.30 prints "Delete operative paragraph 22."
    ]
    [new] = page.xpath("//li[contains(@class, 'operative')]/blockquote[contains(@class, 'as-text')]/p")
    assert text(new) == "Encourages Member States to share good practices;"
    assert [e.text_content() for e in new.iter("em", "i")] == ["Encourages"]
    docx = _docx_lines(FX / "amendment.yaml", tmp_path)
    assert "In operative paragraph 2, delete “all”." in docx


@pytest.mark.parametrize(
    "name,heading,body",
    [
        ("addendum.yaml", "Addendum", "Additional sponsors: Chile and Norway"),
        ("corrigendum.yaml", "Corrigendum", "Operative paragraph 1: for hundredth read hundred-and-first"),
    ],
)
def test_addendum_and_corrigendum(tmp_path, name, heading, body):
    page = _html(FX / name, tmp_path)
    assert q(page, ".doc-heading")[0].text_content() == heading
    assert body in " ".join(page.xpath("//main")[0].text_content().split())
    assert not q(page, ".enacting") and not q(page, ".closing")
    lines = _pdf_lines(FX / name, tmp_path)
    assert any(heading == x for x in lines) and any(body in x for x in lines)
    assert heading in _docx_lines(FX / name, tmp_path) and body in _docx_lines(FX / name, tmp_path)


def test_real_draft_l41(tmp_path):
    """The real example: sponsors from the committee report, 35 operative paragraphs, 13 notes."""
    page = _html(L41, tmp_path)
    sponsors = q(page, ".sponsors")[0].text_content()
    assert sponsors.startswith("Albania, Australia, Austria,")
    assert sponsors.endswith(
        "United Kingdom of Great Britain and Northern Ireland and United States of America: draft resolution"
    )
    assert len(q(page, "li.operative")) == 35
    assert len(q(page, "li.note")) == 13


# -- bad input -------------------------------------------------------------------------------
BAD = [
    (
        "kind: draft\nsymbol: A/RES/99/1\n",
        "3:9: symbol: kind draft needs an L document symbol such as A/73/L.3, found 'A/RES/99/1'",
    ),
    (
        "kind: resolution\nsymbol: A/C.3/99/L.7\n",
        "3:9: symbol: kind resolution needs a resolution symbol such as A/RES/73/8, found 'A/C.3/99/L.7'",
    ),
    (
        "kind: draft\nsymbol: A/C.3/99/L.7\nadopted: {meeting: 3, date: 2044-12-01}\n",
        "4:10: adopted: not part of a document of kind draft (only resolution)",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\n"
        "instructions:\n  - {at: op2, replace: a}\n",
        "7:5: instruction 1: unknown instruction with keys at, replace; expected e.g. {at:, replace:, with:}, "
        "{at:, delete:}, {at:, insert:, after:}, {after:, insert_paragraphs:}, {delete_paragraph:}, "
        "{delete_paragraphs: [...]}, {move:, after:}, {replace_paragraph:, with:}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\n"
        "instructions:\n  - {delete_paragraph: paragraph 3}\n",
        "7:5: instruction 1: delete_paragraph: 'paragraph 3' is not a paragraph address (title, pp3, op5, op5.b, "
        "sec2, annex1.p2)",
    ),
    # several paragraphs deleted by one instruction ("Delete operative paragraphs 5, 6, 10 and 13.",
    # A/80/L.35): each wrong form said at its place, with the nearest valid one
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraph: [op5, op6]}\n",
        "7:5: instruction 1: delete_paragraph: a list names several paragraphs; write "
        "{delete_paragraphs: [op5, op6]} (one instruction deleting them all)",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraphs: [op5]}\n",
        "7:25: instruction 1: delete_paragraphs: one paragraph; write {delete_paragraph: op5}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraphs: op5}\n",
        "7:25: instruction 1: delete_paragraphs: expected a list of two or more paragraphs, found one; write "
        "{delete_paragraph: op5}, or delete_paragraphs: [op5, ...]",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - delete_paragraphs:\n      - op5\n      - pp6\n",
        "9:9: instruction 1: delete_paragraphs: pp6 is not of the kind of op5 (one instruction deletes "
        "preambular or operative paragraphs, not both); delete it with an instruction of its own, "
        "{delete_paragraph: pp6}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraphs: [op5, op6.b]}\n",
        "7:31: instruction 1: delete_paragraphs: 'op6.b' is not a preambular or operative paragraph (pp3, op5); "
        "delete it with an instruction of its own, {delete_paragraph: op6.b}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraphs: [op10, op5, op13]}\n",
        "7:25: instruction 1: delete_paragraphs: the paragraphs are not in the order of the text; write "
        "[op5, op10, op13]",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {delete_paragraphs: [op5, op6, op5]}\n",
        "7:36: instruction 1: delete_paragraphs: op5 is named twice",
    ),
    # one edit in several paragraphs ("In operative paragraphs 27 and 43, delete “…”.", A/C.3/80/L.64):
    # each wrong list said at its place, with the nearest valid form
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [op27], delete: x}\n",
        "7:10: instruction 1: at: one paragraph; write at: op27",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [op43, op27], delete: x}\n",
        "7:10: instruction 1: at: the paragraphs are not in the order of the text; write [op27, op43]",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - at: [op27, pp3]\n    delete: x\n",
        "7:16: instruction 1: at: pp3 is not of the kind of op27 (one instruction edits preambular or operative "
        "paragraphs, not both); edit it with an instruction of its own, {at: pp3, delete: …}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [op27, op27.b], replace: x, with: y}\n",
        "7:17: instruction 1: at: 'op27.b' is not a preambular or operative paragraph (pp3, op5); edit it with an "
        "instruction of its own, {at: op27.b, replace: …, with: …}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [op27, title], insert: x, after: y}\n",
        "7:17: instruction 1: at: 'title' is not a preambular or operative paragraph (pp3, op5); edit it with an "
        "instruction of its own, {at: title, insert: …, after: …}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [op5, op6, op5], delete: x}\n",
        "7:21: instruction 1: at: op5 is named twice",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [A.op5, B.op6], delete: x}\n",
        "7:18: instruction 1: at: B.op6 is not of the kind of A.op5 (one instruction edits paragraphs of one "
        "lettered part); edit it with an instruction of its own, {at: B.op6, delete: …}",
    ),
    (
        "kind: amendment\nsymbol: A/C.3/99/L.9\namends: A/C.3/99/L.7\nsponsors: [X]\ninstructions:\n  - {at: [], delete: x}\n",
        "7:10: instruction 1: at: expected a list of paragraphs such as [op27, op43]",
    ),
]


@pytest.mark.parametrize("body,message", BAD)
def test_bad_kind(tmp_path, body, message):
    src = tmp_path / "bad.yaml"
    src.write_text(
        "issued: 2044-10-20\n"
        + body.replace("symbol:", "symbol:", 1)
        + "session: 99\ntitle: T\noperative: [Decides.]\n"
        * ("operative" not in body and "instructions" not in body)
        + ("session: 99\ntitle: T\n" if "instructions" in body else "")
    )
    out = tmp_path / "out"
    r = unres("build", src, "-o", out)
    assert r.returncode == 2, r.stderr
    assert f"{src}:{message}" in r.stderr.splitlines(), r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists() or not any(out.iterdir())


def test_make_builds_the_cycle_folder():
    """`make` discovers source/cycle/*.yaml (a dry run lists its build)."""
    r = subprocess.run(["make", "-n", "-B", "build"], cwd=ROOT, capture_output=True, text=True)
    assert "unres build source/cycle/A_C.3_78_L.41.yaml -o build" in r.stdout


# -- the redline across stages -------------------------------------------------------------------
def _redline_stat(tmp_path, old_text: str, new_text: str) -> str:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(old_text)
    new.write_text(new_text)
    r = unres("diff", old, new, "--stat")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_redline_move_from_preamble_to_operative(tmp_path):
    rev1 = (FX / "rev1.yaml").read_text()
    moved = rev1.replace("  - Noting the work done,\n", "").replace(
        "operative:\n", "operative:\n  - Noting the work done,\n"
    )
    out = _redline_stat(tmp_path, rev1, moved)
    assert "> Paragraph 1 moved (formerly preambular paragraph 2)" in out
    assert "deleted" not in out and "inserted" not in out


def test_redline_move_into_sub_paragraphs(tmp_path):
    """Operative paragraph 34 of the real L.41 becomes sub-paragraph (h) of paragraph 30."""
    import yaml

    data = yaml.safe_load(L41.read_text())
    old_text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    data["operative"][29]["items"].append(data["operative"].pop(33))
    out = _redline_stat(tmp_path, old_text, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert "> Paragraph 30 (h) moved (formerly paragraph 34)" in out, out
    assert "deleted" not in out and "inserted" not in out


def test_redline_across_kinds_and_section_heading(tmp_path):
    out = _redline_stat(tmp_path, (FX / "draft.yaml").read_text(), (FX / "rev1.yaml").read_text())
    assert "Preambular paragraph 2 inserted" in out
    s = (ROOT / "tests" / "fixtures" / "structures.yaml").read_text()
    out = _redline_stat(tmp_path, s, s.replace("section: Final provisions", "section: Closing provisions"))
    assert "Section II of part A changed" in out


def test_the_schema_names_every_instruction_shape():
    """`unres schema` gives editors each instruction's shape, delete_paragraphs among them (a list
    of two or more preambular or operative paragraphs)."""
    import json

    schema = json.loads(unres("schema").stdout)
    shapes = schema["properties"]["instructions"]["items"]["anyOf"]
    assert {"delete_paragraph"} in [set(s["required"]) for s in shapes]
    [several] = [s for s in shapes if s["required"] == ["delete_paragraphs"]]
    entry = several["properties"]["delete_paragraphs"]
    assert entry["type"] == "array" and entry["minItems"] == 2 and several["additionalProperties"] is False
    assert re.fullmatch(entry["items"]["pattern"], "op13") and not re.fullmatch(entry["items"]["pattern"], "op5.b")
