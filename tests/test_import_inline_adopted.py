"""An adopted text printed inline (issue 15): A/RES/55/2, the Millennium Declaration, printed
after "The General Assembly / Adopts the following Declaration:" — bold title, its own section
"I. Values and principles" and its own numbered paragraphs with plain openers ("We, heads of
State …"). Input: tests/import/excerpts/A_RES_55_2_inline_declaration.txt (the issued text, beginning to
paragraph 3; see tests/import/README.md).

Every word imports and prints in order, the paragraphs carry 1., 2., 3.; "Adopts the following
Declaration:" is the (only) operative paragraph and the Declaration its ``adopts:`` (title, section,
paragraphs), printed with the title in bold; no preamble, so no comma after "The General
Assembly"; the old job number "00 55951" is not read as the agenda item's title.
"""

from __future__ import annotations

import pdfplumber
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

SOURCE = ROOT / "tests" / "import" / "excerpts" / "A_RES_55_2_inline_declaration.txt"


def _built(tmp_path):
    imported = convert(read_input(str(SOURCE)), str(SOURCE))
    src = tmp_path / "A_RES_55_2.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    pdf = build_file(src, tmp_path, ("pdf",), "modern", None)[0]
    with pdfplumber.open(pdf) as doc:
        return imported, [w for p in doc.pages for w in p.extract_words(extra_attrs=["fontname"])]


def _strip(words: list[str]) -> list[str]:
    return [t for t in (w.strip(".,;:") for w in words) if t]


def test_every_word_in_order_and_the_paragraphs_numbered_as_issued(tmp_path):
    _, words = _built(tmp_path)
    text = [w["text"] for w in words]
    body = read_input(str(SOURCE)).split("55/2. ", 1)[1].split()
    got = iter(_strip(text))
    assert all(any(g == w for g in got) for w in _strip(body))
    starts = [text[i + 1] for i, t in enumerate(text[:-1]) if t in ("1.", "2.", "3.")]
    assert starts == ["We,", "We", "We"]


def test_the_adopted_texts_title_is_bold_and_adopts_is_operative(tmp_path):
    imported, words = _built(tmp_path)
    data = imported.source.data
    assert data["operative"][0]["text"] == "Adopts the following Declaration:" and "preamble" not in data
    adopts = data["operative"][0]["adopts"]
    assert adopts["title"] == "United Nations Millennium Declaration"
    assert adopts["paragraphs"][0] == {"section": "Values and principles"} and len(adopts["paragraphs"]) == 4
    assert [w["text"] for w in words[:60]].count("Assembly,") == 0  # "The General Assembly" alone
    title = [w for w in words if w["text"] == "Millennium"][1]  # the resolution's title, then the declaration's
    assert "Bold" in title["fontname"]
    assert "agenda_title" not in data
