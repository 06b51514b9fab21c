"""Transforms: numbering, notes, italics and generated words on the resolved model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import SEED, SOURCES

from pipeline.model import (
    Changed,
    ChangedBlock,
    Closing,
    Document,
    Field,
    Heading,
    Note,
    NoteRef,
    Para,
    Redline,
    Table,
    Text,
    plain_text,
)
from pipeline.model.inline import italicise_opening, parse_inline
from pipeline.source import load
from pipeline.transforms.diff import diff
from pipeline.transforms.resolve import build
from pipeline.transforms.words import catalogue

FIXTURES = Path(__file__).parent / "fixtures"


def _opening(text: str, kind: str = "preambular") -> str:
    cat = catalogue("en")
    runs, _ = parse_inline(text)
    runs = italicise_opening(runs, getattr(cat, kind))
    return "".join(r.text for r in runs if isinstance(r, Text) and r.italic)


def test_longest_catalogue_phrase_is_italicised():
    assert _opening("Recalling also the measures") == "Recalling also"
    assert _opening("Recalling its resolutions") == "Recalling"
    assert _opening("Noting with satisfaction the efforts") == "Noting with satisfaction"
    assert _opening("Reaffirming, among other principles") == "Reaffirming"
    assert _opening("Takes note of the report", "operative") == "Takes note"
    assert _opening("Reiterates its call upon all States", "operative") == "Reiterates its call upon"


def test_phrase_needs_a_word_boundary_and_markup_overrides():
    assert _opening("Notesworthy things", "operative") == ""
    assert _opening("*Strongly urges* all States", "operative") == "Strongly urges"
    assert _opening("Zealously notes", "operative") == ""


def test_seed_italics_match_the_reference():
    """Every italic opening phrase in the seed text is the one the pipeline generates."""
    doc = build(load(SEED))
    part = doc.parts[0]
    got = [
        "".join(r.text for r in p.runs if isinstance(r, Text) and r.italic)
        for p in (*part.preamble, *part.operative)
    ]
    import re

    from conftest import SEED_TXT

    expected = []
    for line in SEED_TXT.read_text().splitlines():
        m = re.match(r"^(?:\d+\. )?\*([^*]+)\* ", line)
        if m and not line.startswith("*The General"):
            expected.append(m.group(1))
    assert got == expected


def test_structures_number_sections_parts_subparagraphs_and_annexes():
    doc = build(load(FIXTURES / "structures.yaml"))
    a, b = doc.parts
    assert (a.letter, b.letter) == ("A", "B")
    heads = [blk.label for blk in a.operative if isinstance(blk, Heading)]
    assert heads == ["I", "II"]
    paras = [blk for blk in a.operative if isinstance(blk, Para)]
    assert [p.label for p in paras] == ["1.", "2.", "3."]
    assert [c.label for c in paras[1].children] == ["(a)", "(b)"]
    assert [c.label for c in paras[1].children[1].children] == ["(i)", "(ii)"]
    # a single operative paragraph is not numbered
    assert [blk.label for blk in b.operative] == [None]
    assert b.closing and b.closing.meeting == "61st plenary meeting"
    assert [blk.label for blk in doc.annexes[0].blocks] == ["1.", "2."]
    # session 99 > 73: repeated calls become new notes with the same text, numbering runs on
    assert [n.key for n in doc.notes] == ["prev", "report", "report", "guidelines", "prev"]
    assert doc.masthead.agenda.text == "Agenda items 15 and 20 (b)"
    assert doc.masthead.provenance is not None
    # the parenthesis kept on one line, as issued ("… Committee" / "(Fourth Committee) (A/80/537, para. 15)]")
    assert "Special Political and Decolonization Committee (Fourth\u00a0Committee) (A/99/400)" in doc.masthead.provenance.text
    # the title's last two words are joined by a no-break space (never one word on its last line)
    assert plain_text(doc.masthead.title) == "Questions relating to\u00a0information"


def test_a_new_language_is_a_new_catalogue_file(tmp_path):
    """French words come from templates/lang/fr.yaml alone: no code knows French."""
    text = SEED.read_text().replace("language: en", "language: fr")
    f = tmp_path / "fr.yaml"
    f.write_text(text)
    doc = build(load(f))
    m = doc.masthead
    assert m.session.text == "Cinquante-deuxième session"
    assert m.agenda.text == "Point 107 de l'ordre du jour"  # the seed's 1998 style: the typewriter ' (52/162)
    assert m.provenance and m.provenance.text == "sur le rapport de la Troisième Commission (A/52/639)"
    closing = doc.parts[0].closing
    assert closing and (closing.meeting, closing.date) == ("70e séance plénière", "12 décembre 1997")
    assert doc.meta.language == "fr"


# -- the diff's marks are a layer of their own ----------------------------------------------------
DIFF_FIELDS = {"change", "old_label", "move_id", "old_meeting", "old_date", "old_number", "old",
               "is_diff", "revision_author", "revision_date", "diff_summary"}


def _nodes(value):
    """Every dataclass node reachable from ``value`` (tuples and dataclass fields followed)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            yield from _nodes(getattr(value, f.name))
    elif isinstance(value, tuple):
        for v in value:
            yield from _nodes(v)


def test_plain_nodes_carry_no_diff_field():
    plain = (Text, NoteRef, Para, Heading, Table, Closing, Note, Field, Document)
    for node in plain:
        assert not DIFF_FIELDS & {f.name for f in dataclasses.fields(node)}, node.__name__


def test_an_ordinary_document_holds_no_diff_wrapper_and_a_redline_does():
    sources = [*sorted(SOURCES.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))]
    assert len(sources) >= 5
    for path in sources:
        doc = build(load(path))
        assert doc.redline is None, path
        assert not [n for n in _nodes(doc) if isinstance(n, Changed | ChangedBlock | Redline)], path
    text = SEED.read_text(encoding="utf-8")
    old = build(load("old.yaml", text))
    new = build(load("new.yaml", text.replace("Calls upon", "Urges", 1)))
    red = diff(old, new)
    assert red.redline is not None
    kinds = {type(n) for n in _nodes(red)}
    assert Changed in kinds and Redline in kinds
