"""The one YAML emitter (pipeline/source/emit.py): what it writes loads back to the same data.

Every source of the repository goes load → emit → load; every imported text's typed source
is what the loader makes of the emitted YAML; arbitrary texts (hypothesis) come back as they
went in, whatever they hold; and the text reads as a person would have written it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.importer.convert import convert, read_input
from pipeline.source import loader
from pipeline.source.emit import WIDTH, dump, ordered

SOURCES = sorted(
    {
        *ROOT.glob("source/**/*.yaml"),
        *ROOT.glob("tests/fixtures/**/*.yaml"),
        *ROOT.glob("tests/volume/**/*.yaml"),
        ROOT / "tests" / "bad" / "000-valid.yaml",
    }
)
TEXTS = sorted(
    [*(ROOT / "tests" / "import").glob("A_RES_*"), *(ROOT / "tests" / "import" / "pymupdf").glob("*.txt"),
     *(ROOT / "tests" / "corpus").glob("*.txt"),
     *(ROOT.parent / "shared" / "corpus").glob("*.txt")]
)  # fmt: skip


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_source_loads_back_the_same(path: Path) -> None:
    first = loader.load(path)
    text = dump(first.data)
    again = loader.load(path, text)
    assert again.data == first.data
    assert list(again.data) == list(first.data)  # key order kept
    # text with a space in it is wrapped; unspaced text (Chinese) has nowhere to break: a folded
    # block would join its lines with a space, so it stays on its line
    value = (re.sub(r"^(?:- |[\w-]+: )", "", line.strip()) for line in text.splitlines())
    assert all(len(line) <= WIDTH for line, v in zip(text.splitlines(), value, strict=True) if " " in v)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_import_hands_on_the_loaders_typed_source(path: Path) -> None:
    imported = convert(read_input(str(path)), str(path))
    src = imported.source
    assert src.text == imported.yaml and src.text.startswith("# Imported by `unres import`")
    assert src.data == loader.load(src.path, src.text).data
    assert src.positions  # places for later messages, as the loader gives them
    assert list(src.data) == list(ordered(src.data))  # in source/'s order


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
_VALUE = st.recursive(
    st.one_of(_TEXT, st.integers(), st.booleans(), st.dates(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text("abcdefghij_", min_size=1), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("abcdefghij_", min_size=1, max_size=8), _VALUE, min_size=1, max_size=6))
def test_any_data_round_trips(data: dict) -> None:
    assert yaml.safe_load(dump(data)) == data


TRICKY = [
    'He said: "no" # not a comment',
    "*leading star and [^not a call] and back\\slash",
    "key: value, - dash, ? question, & and % and @ and `tick`",
    "snake_case and _under_ and 50% and 'single' quotes",
    "x" * 120 + " a very long word that cannot be wrapped",
    "yes",
    "2018-11-05",
    "52",
    "  leading and trailing spaces  ",
    "two\nlines",
    "a line separator\u2028inside",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips(text: str) -> None:
    data = {"title": text, "preamble": [text, {"text": text, "items": [text]}]}
    written = dump(data)
    assert yaml.safe_load(written) == data


def test_quotes_only_where_needed_and_folds_long_text() -> None:
    data = {
        "style": "1998",
        "symbol": "A/RES/52/102",
        "session": 52,
        "issued": dt.date(1998, 2, 9),
        "agenda": [107, "20 (b)"],
        "title": "Follow-up",
        "preamble": [
            ("Recalling its resolution 51/17 of 12 November 1996, " * 4).strip(),
            "Short, but a paragraph,",
        ],
        "adopted": {"meeting": 70, "date": dt.date(1997, 12, 12)},
    }
    text = dump(data, "a header\n\nover lines")
    assert text.startswith("# a header\n#\n# over lines\n")
    lines = text.splitlines()
    assert "style: '1998'" in lines  # a number as plain: quoted
    assert "symbol: A/RES/52/102" in lines and "session: 52" in lines and "issued: 1998-02-09" in lines
    assert "agenda: [107, 20 (b)]" in lines and "title: Follow-up" in lines
    assert "  - >-" in lines  # long text: a folded block under its dash
    assert "  - Short, but a paragraph," in lines
    folded = [line for line in lines if line.startswith("    ")]
    assert len(folded) > 1 and not any(re.search(r" \d{1,2}$", line) for line in folded)  # "12 November"
    assert max(map(len, lines)) <= WIDTH
    assert lines[lines.index("preamble:") - 1] == "" and lines[lines.index("adopted:") - 1] == ""
    assert yaml.safe_load(text) == data


def test_order_follows_the_schema() -> None:
    data = {"adopted": {"date": "x", "meeting": 1}, "footnotes": {"b": "B", "a": "A"}, "title": "T",
            "preamble": [{"items": ["i"], "text": "t"}], "symbol": "A/RES/1/1"}  # fmt: skip
    out = ordered(data)
    assert list(out) == ["symbol", "title", "preamble", "footnotes", "adopted"]
    assert list(out["adopted"]) == ["meeting", "date"] and list(out["preamble"][0]) == ["text", "items"]
    assert list(out["footnotes"]) == ["b", "a"]  # notes stay in the order they were written
