"""A draft whose sponsor line names no one: the kind's words alone, "Draft resolution"
(A/C.6/80/L.15, tests/import/drafts/; the Sixth Committee's drafts of the Bureau print it so).
The source says ``sponsors: []``; unres prints the catalogue's ``no_sponsors`` ("Draft
resolution") where the sponsor line stands, in every format. Before, the import warned "sponsor
line not read: 'Draft resolution'" and wrote ``sponsors: ["[sponsor]"]``, which printed
"[sponsor]: draft resolution"; a source with ``sponsors: []`` did not load ("needs at least 1
entry")."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, unres
from docx import Document as Docx
from lxml import html as lhtml

from pipeline.app.build import build_file

DRAFT = ROOT / "tests" / "fixtures" / "cycle" / "draft.yaml"
SPONSORS = "sponsors: [Algeria, Angola, Brazil, State of Palestine*]\n"


def _source(tmp_path, sponsors: str = "sponsors: []\n", head: str = ""):
    text = DRAFT.read_text(encoding="utf-8")
    assert SPONSORS in text
    src = tmp_path / "no_sponsors.yaml"
    src.write_text(head + text.replace(SPONSORS, sponsors), encoding="utf-8")
    return src


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_line_prints_the_kind_alone_in_every_format(tmp_path, style):
    pdf, page, docx = build_file(_source(tmp_path), tmp_path / style, ("pdf", "html", "docx"), style, None)
    lines = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    lines = [" ".join(x.split()) for x in lines if x.strip()]
    assert "Draft resolution" in lines and not any("sponsor" in x or ": draft" in x for x in lines)
    assert lines.index("Draft resolution") < lines.index("Cooperation on test matters")
    tree = lhtml.fromstring(page.read_bytes())
    assert [" ".join(x.text_content().split()) for x in tree.xpath("//*[contains(@class, 'sponsors')]")] == [
        "Draft resolution"
    ]
    assert "Draft resolution" in [p.text for p in Docx(str(docx)).paragraphs]


def test_a_french_draft_prints_its_catalogue_words(tmp_path):
    pdf = build_file(_source(tmp_path, head="language: fr\n"), tmp_path / "fr", ("pdf",), "modern", None)[0]
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Projet de résolution" in text.splitlines()


def test_sponsors_empty_with_submitted_by_is_refused_at_its_line(tmp_path):
    src = _source(tmp_path, "sponsors: []\nsubmitted_by: the Chair\n")
    run = unres("build", src, "-o", tmp_path / "out")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    line = src.read_text(encoding="utf-8").splitlines().index("sponsors: []") + 1
    assert (
        f"{src}:{line}:11: sponsors: [] and submitted_by: give one of them (submitted_by: 'Draft resolution "
        "submitted by …'; sponsors: [] 'Draft resolution')"
    ) in run.stderr.splitlines(), run.stderr


def test_an_amendment_names_its_sponsors(tmp_path):
    text = (ROOT / "tests" / "fixtures" / "cycle" / "amendment.yaml").read_text(encoding="utf-8")
    src = tmp_path / "amendment.yaml"
    src.write_text(text.replace("sponsors: [Ruritania]", "sponsors: []"), encoding="utf-8")
    run = unres("build", src, "-o", tmp_path / "out")
    line = src.read_text(encoding="utf-8").splitlines().index("sponsors: []") + 1
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert (
        f"{src}:{line}:11: sponsors: a document of kind amendment names at least one sponsor "
        "(sponsors: [] is a draft's whose sponsor line names no one)"
    ) in run.stderr.splitlines(), run.stderr
