"""The importer's language detection (pipeline/importer/detect.py): each language the project
ships is found from its own catalogue's words, and a text where no language wins is imported
with a placed warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import unres

from pipeline.importer import detect as detection
from pipeline.importer.detect import detect, vocabulary
from pipeline.source.schema import LANGUAGES
from pipeline.transforms.words import catalogue

ROOT = Path(__file__).resolve().parent.parent
MULTI = ROOT.parent / "shared" / "corpus" / "multilingual"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_language_is_found_from_its_generated_words(lang):
    """A page of the masthead's words only, as the catalogue generates them (no opening phrase at
    a line's start, no month): found, and won."""
    cat = catalogue(lang)
    lines = [cat.word("united_nations"), cat.word("organ"), cat.word("heading.plain"), cat.word("enacting")]
    found = detect("\n".join(lines), LANGUAGES)
    assert (found.lang, found.won) == (lang, True), found.scores


def test_the_vocabulary_is_the_catalogues_words():
    """Generated words with their templates taken out, opening phrases, adverbs and month names."""
    fr = vocabulary("fr")
    assert {"séance", "plénière", "ordre", "jour", "rappelant", "janvier"} <= fr  # plenary, agenda, opener, month
    assert not any("{" in w or "}" in w for w in fr)
    zh = vocabulary("zh")
    assert "大会" in zh  # Chinese: pairs of characters


@pytest.mark.skipif(not MULTI.is_dir(), reason="no ../shared/corpus/multilingual beside this clone")
def test_a_text_with_its_script_hidden_is_still_found():
    """Russian and Arabic are found by their words, not by their script: the same texts with every
    letter of the other script left alone still win (no script rule decides)."""
    for name in ("A_RES_XXVI_2758.ru.txt", "A_RES_III_217A.ar.txt", "A_RES_XXVI_2758.zh.txt"):
        text = (MULTI / name).read_text(encoding="utf-8").split("\n", 1)[1]
        padded = text + "\n" + "Lorem ipsum dolor sit amet consectetur adipiscing elit " * 400
        found = detect(padded, LANGUAGES)
        assert (found.lang, found.won) == (name.split(".")[-2], True), (name, found.scores)


def test_no_catalogue_word_is_no_winner():
    found = detect("Die Generalversammlung beschließt etwas.", LANGUAGES)
    assert (found.lang, found.won) == ("en", False)


def test_two_languages_alike_is_no_winner():
    found = detect("La Asamblea General,\nL’Assemblée générale,", LANGUAGES)
    assert not found.won and {found.scores[0][0], found.scores[1][0]} == {"es", "fr"}
    assert found.why == "es 1, fr 1: too close to tell"


@pytest.mark.skipif(not MULTI.is_dir(), reason="no ../shared/corpus/multilingual beside this clone")
def test_a_line_in_another_language_does_not_outweigh_the_text():
    """The copy of 2758 (XXVI) in Chinese opens with a long English "# source:" note: it is one
    line for English against the Chinese text's lines (counted by words, English had more)."""
    found = detect((MULTI / "A_RES_XXVI_2758.zh.txt").read_text(encoding="utf-8"), LANGUAGES)
    assert (found.lang, found.won) == ("zh", True), found.scores


GERMAN = """Vereinte Nationen
Generalversammlung

Die Generalversammlung,

in Bekräftigung ihrer früheren Resolutionen,

1. beschließt, sich weiter mit der Frage zu befassen.
"""


def test_an_unknown_language_is_a_placed_warning(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("\n" + GERMAN, encoding="utf-8")
    r = unres("import", path, "-o", tmp_path / "de.yaml")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert f"{path}:2:1: language not found from the text's words (only 1 word of the en catalogue's: " \
           "in); en assumed: give --language LANG if it is another" in r.stderr, r.stderr


def test_a_text_found_gives_no_language_warning(tmp_path):
    text = (ROOT / "tests" / "corpus" / "A_RES_80_155.txt").read_text(encoding="utf-8")
    path = tmp_path / "A_RES_80_155.txt"
    path.write_text(text, encoding="utf-8")
    r = unres("import", path, "-o", tmp_path / "x.yaml")
    assert "language not found" not in r.stderr


def test_a_new_catalogue_is_found_without_code(monkeypatch):
    """A catalogue's words are all it takes: a made-up language is found by its own words."""
    made = {"language": "xx", "locale": "en", "words": {"enacting": "Ka Hui Nui", "organ": "Hui Nui"},
            "preambular_phrases": ["Hoomanao ana"], "operative_phrases": ["Hooholo"]}

    class Cat:
        data = made
        locale = "en"

    real = detection.catalogue
    monkeypatch.setattr(detection, "catalogue", lambda lang: Cat() if lang == "xx" else real(lang))
    detection.vocabulary.cache_clear()
    try:
        found = detect("Ka Hui Nui,\nHoomanao ana i kona mau olelo hooholo,\n1. Hooholo", [*LANGUAGES, "xx"])
    finally:
        detection.vocabulary.cache_clear()
    assert (found.lang, found.won) == ("xx", True), found.scores
