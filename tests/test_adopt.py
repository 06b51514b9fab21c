"""`unres adopt`: the resolution source from the final draft, with oral revisions recorded."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, build, unres

from pipeline.source import load

FX = ROOT / "tests" / "fixtures" / "cycle"
REV1 = FX / "rev1.yaml"


def _rev(tmp_path, body: str):
    p = tmp_path / "oral.yaml"
    p.write_text(body)
    return p


def _adopt_rev1(tmp_path, out):
    """`unres adopt` of the Rev.1 fixture as A/RES/99/8, with one oral revision ("hundred-and-first")."""
    oral = _rev(
        tmp_path,
        "source: A/99/PV.30\ninstructions:\n  - {at: op1, replace: hundredth, with: hundred-and-first}\n",
    )
    return unres(
        "adopt", REV1, "--symbol", "A/RES/99/8", "--meeting", "30", "--date", "2044-12-01",
        "--report", "A/99/481", "--oral-revisions", oral, "-o", out,
    )  # fmt: skip


def test_adopt_with_oral_revision(tmp_path):
    out = tmp_path / "res.yaml"
    r = _adopt_rev1(tmp_path, out)
    assert r.returncode == 0, r.stderr
    res = load(out).data
    assert "kind" not in res and "sponsors" not in res and res["distribution"] == "general"
    assert res["adopted"] == {"meeting": 30, "date": __import__("datetime").date(2044, 12, 1)}
    assert res["draft"] == "A/C.3/99/L.7/Rev.1" and res["report"] == "A/99/481"
    assert res["operative"][0] == "Requests the Secretary-General to report at its hundred-and-first session;"
    assert res["oral_revisions"]["source"] == "A/99/PV.30"
    # what a reader sees: number and title, the heading, the bracket, the plenary line; no sponsor line
    pdf = build(out, tmp_path / "b", "pdf")
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    for words in (
        "99/8. Cooperation on test matters",
        "Resolution adopted by the General Assembly",
        "[on the report of the Third Committee (A/99/481)]",
        "30th plenary meeting",
        "hundred-and-first session",
    ):
        assert words in text, words
    assert "draft resolution" not in text and "Algeria" not in text and "Limited" not in text


def test_adopt_plenary_draft_cites_the_draft(tmp_path):
    draft = tmp_path / "l3.yaml"
    draft.write_text(
        (FX / "draft.yaml")
        .read_text()
        .replace("symbol: A/C.3/99/L.7", "symbol: A/99/L.3")
        .replace("committee: 3\n", "")
    )
    out = tmp_path / "res.yaml"
    r = unres("adopt", draft, "--symbol", "A/RES/99/8", "--meeting", "30", "--date", "2044-12-01", "-o", out)
    assert r.returncode == 0, r.stderr
    from lxml import html as lhtml

    page = lhtml.fromstring(build(out, tmp_path / "b", "html").read_bytes())
    prov = page.xpath("//p[@class='provenance']")[0]
    assert " ".join(prov.text_content().split()) == "[without reference to a Main Committee (A/99/L.3)]"


@pytest.mark.parametrize(
    "args,oral,expect",
    [
        (
            ["--symbol", "A/RES/99/8", "--meeting", "30", "--date", "2044-12-01"],
            None,
            "{draft}:9:12: a committee's draft is adopted on the committee's report: give its symbol with --report",
        ),
        (
            ["--symbol", "A/99/L.3", "--meeting", "30", "--date", "2044-12-01", "--report", "A/99/481"],
            None,
            "unres: --symbol: expected a resolution symbol such as A/RES/73/8, found 'A/99/L.3'",
        ),
        (
            ["--symbol", "A/RES/99/8", "--meeting", "30", "--date", "2044-12-01", "--report", "A/99/481"],
            "instructions:\n  - {at: op1, delete: nowhere}\n",
            "{oral}:2:5: instruction 1 (In operative paragraph 1, delete “nowhere”.) does not fit {draft}: in operative "
            "paragraph 1, “nowhere” is not in it; the base reads “Requests the Secretary-General to report at its "
            "hundredth session;”",
        ),
        (
            ["--symbol", "A/RES/99/8", "--meeting", "30", "--date", "2044-12-01", "--report", "A/99/481"],
            "instructions:\n  - {at: op1, remove: x}\nvenue: New York\n",
            "{oral}:2:5: instruction 1: unknown instruction with keys at, remove; expected e.g. {at:, replace:, with:}, "
            "{at:, delete:}, {at:, insert:, after:}, {after:, insert_paragraphs:}, {delete_paragraph:}, "
            "{delete_paragraphs: [...]}, {move:, after:}, "
            "{replace_paragraph:, with:}",
        ),
    ],
)
def test_adopt_bad_input(tmp_path, args, oral, expect):
    out = tmp_path / "res.yaml"
    extra = []
    oral_path = None
    if oral is not None:
        oral_path = _rev(tmp_path, oral)
        extra = ["--oral-revisions", oral_path]
    r = unres("adopt", REV1, *args, *extra, "-o", out)
    assert r.returncode == 2
    assert expect.replace("{draft}", str(REV1)).replace("{oral}", str(oral_path)) in r.stderr.splitlines(), (
        r.stderr
    )
    assert "Traceback" not in r.stderr and not out.exists()


def test_adopt_needs_a_draft(tmp_path):
    out = tmp_path / "res.yaml"
    r = unres(
        "adopt",
        ROOT / "source" / "A_RES_73_8.yaml",
        "--symbol",
        "A/RES/73/9",
        "--meeting",
        "1",
        "--date",
        "2018-11-01",
        "-o",
        out,
    )
    assert r.returncode == 2 and not out.exists()
    assert "expected the final draft (kind: draft or revised-draft), found kind resolution" in r.stderr


# -- unres history ------------------------------------------------------------------------------
def test_history_one_column_per_stage(tmp_path):
    from lxml import html as lhtml

    res = tmp_path / "res.yaml"
    assert _adopt_rev1(tmp_path, res).returncode == 0
    out = tmp_path / "history.html"
    r = unres("history", FX / "draft.yaml", REV1, res, "-o", out)
    assert r.returncode == 0, r.stderr
    page = lhtml.fromstring(out.read_bytes())
    stages = page.xpath("//section[@class='stage']")
    assert [s.xpath("h2")[0].text_content() for s in stages] == [
        "A/C.3/99/L.7 (draft resolution, 20 October 2044)",
        "A/C.3/99/L.7/Rev.1 (revised draft resolution, 2 November 2044)",
        "A/RES/99/8 (adopted resolution, 1 December 2044)",
    ]
    items = [[li.text_content() for li in s.xpath(".//li")] for s in stages]
    assert items[1] == [
        "Sponsors added: Argentina",
        "After the first preambular paragraph, insert the following preambular paragraph: “Noting the work done,”",
        "In operative paragraph 2, before “States”, insert “all”.",
    ]
    assert items[2] == [
        "Orally revised (A/99/PV.30)",
        "In operative paragraph 1, replace “hundredth” with “hundred-and-first”.",
    ]


def test_history_bad_input(tmp_path):
    out = tmp_path / "h.html"
    r = unres("history", FX / "draft.yaml", FX / "amendment.yaml", "-o", out)
    assert r.returncode == 2 and not out.exists() and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"{FX / 'amendment.yaml'}:2:7: kind amendment: history compares texts (drafts, revisions, the resolution); "
        "apply an amendment first (unres apply)"
    ]
    r = unres("history", FX / "draft.yaml", tmp_path / "missing.yaml", "-o", out)
    assert r.returncode == 2 and not out.exists() and "Traceback" not in r.stderr
