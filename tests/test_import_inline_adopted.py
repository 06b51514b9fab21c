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
import pytest
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input
from pipeline.importer.words import Words
from pipeline.transforms.words import catalogue

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


MULTILINGUAL = ROOT.parent / "shared" / "corpus" / "multilingual"

# The adopting sentence, the adopted text's title and its first paragraph as A/RES/55/2 prints them
# in each language (the sources are in each catalogue's comment on `adopting:`), put in place of
# the operative paragraph of 2758 (XXVI) in that language (../shared/corpus/multilingual/).
ADOPTING = {
    "fr": ("Décide ", "Adopte la Déclaration suivante :", "Déclaration du Millénaire",
           "1. Nous, chefs d’État et de gouvernement, nous sommes rassemblés au Siège de l’Organisation "
           "des Nations Unies à New York, du 6 au 8 septembre 2000."),
    "es": ("Decide ", "Aprueba la siguiente Declaración:", "Declaración del Milenio",
           "1. Nosotros, Jefes de Estado y de Gobierno, nos hemos reunido en la Sede de las Naciones "
           "Unidas en Nueva York del 6 al 8 de septiembre de 2000."),
    "zh": ("決定:", "通過以下宣言:", "聯合國千年宣言",
           "1. 我們各國元首和政府首腦,在新的千年開始之際,于2000年9月6日至8日聚集于聯合國紐約總部。"),
}


@pytest.mark.parametrize("lang", sorted(ADOPTING))
def test_the_adopting_sentence_is_read_in_every_language_it_was_seen_in(tmp_path, lang):
    """"Adopte la Déclaration suivante :", "Aprueba la siguiente Declaración:", "通過以下宣言:" (the
    catalogues' ``adopting:`` forms): the paragraph adopts the text after it, its title the line
    after the sentence (only the English form was read before)."""
    opens, sentence, title, paragraph = ADOPTING[lang]
    source = MULTILINGUAL / f"A_RES_XXVI_2758.{lang}.txt"
    if not source.exists():
        pytest.skip(f"{source.name}: no ../shared/corpus/multilingual beside this clone")
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(opens))
    lines[at:at + 1] = [sentence, "", title, "", paragraph]
    path = tmp_path / f"A_RES_XXVI_2758.{lang}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    data = imported.source.data
    adopting = data["operative"][-1]
    assert isinstance(adopting, dict) and adopting["text"] == sentence, adopting
    assert adopting["adopts"]["title"] == title
    assert len(adopting["adopts"]["paragraphs"]) == 1 and paragraph[3:] in str(adopting["adopts"]["paragraphs"][0])
    assert data["adopted"]["meeting"] == 1976  # the plenary line still closes the resolution


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_no_adopting_sentence_is_guessed_where_none_was_seen(lang):
    """Russian and Arabic: no issued adopting sentence was found, so none is read (no guessed form)."""
    words = Words(catalogue(lang))
    assert words.adopting_rx is None and not words.adopts("Adopts the following Declaration:")


@pytest.mark.parametrize(("line", "subtitle"), [
    ("“Global Crisis – Global Action”", "“Global Crisis – Global Action”"),
    ("*Global Crisis – Global Action*", "Global Crisis – Global Action"),
    ("**Global Crisis – Global Action**", "Global Crisis – Global Action"),
    ("Preamble", None),
])
def test_an_adopted_texts_subtitle_is_read(tmp_path, line, subtitle):
    """The line right after the adopted text's title, wholly in quotation marks (as A/RES/S-26/2
    prints "Declaration of Commitment on HIV/AIDS" / "“Global Crisis – Global Action”", seen in the
    issued text's studylib.net copy) or wholly emphasised (Markdown input), is its ``subtitle``,
    printed under the title; a plain short line there ("Preamble", A/RES/70/1) stays a heading.
    Input: the 55/2 excerpt with that line put under the Declaration's title."""
    text = SOURCE.read_text(encoding="utf-8").replace(
        "United Nations Millennium Declaration\n\nI. Values",
        f"United Nations Millennium Declaration\n\n{line}\n\nI. Values")
    path = tmp_path / "A_RES_55_2.txt"
    path.write_text(text, encoding="utf-8")
    imported = convert(read_input(str(path)), str(path))
    adopts = imported.source.data["operative"][0]["adopts"]
    assert adopts.get("subtitle") == subtitle
    if subtitle is None:
        assert adopts["paragraphs"][0] == {"heading": "Preamble"}
        return
    assert adopts["title"] == "United Nations Millennium Declaration"
    assert adopts["paragraphs"][0] == {"section": "Values and principles"}
    src = tmp_path / "A_RES_55_2.yaml"
    src.write_text(imported.yaml, encoding="utf-8")
    out = {p.suffix: p for p in build_file(src, tmp_path / "out", ("pdf", "html"), "modern", None)}
    assert f'<p class="adopted-subtitle">{subtitle}</p>' in out[".html"].read_text(encoding="utf-8")
    with pdfplumber.open(out[".pdf"]) as doc:
        words = [w for p in doc.pages for w in p.extract_words(extra_attrs=["fontname"])]
    crisis = [w for w in words if w["text"].strip("“") == "Global"][0]
    assert "Bold" in crisis["fontname"]
    title = [w for w in words if w["text"] == "Millennium"][1]
    assert title["top"] < crisis["top"]  # under the title
