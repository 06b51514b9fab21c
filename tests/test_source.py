"""The loader: valid sources load; errors carry file:line:column and exit status 2."""

from __future__ import annotations

import json

import pytest
from conftest import MODERN, SEED, unres

from pipeline.errors import SourceError
from pipeline.source import load
from pipeline.transforms.resolve import build


def test_seed_loads_and_counts():
    doc = build(load(SEED))
    part = doc.parts[0]
    assert len(part.preamble) == 9
    assert len(part.operative) == 17
    assert [n.number for n in doc.notes] == [1, 2, 3, 4, 5]
    assert doc.masthead.session.text == "Fifty-second session"
    assert part.closing and part.closing.meeting == "70th plenary meeting"
    assert part.closing.date == "12 December 1997"


def test_modern_source_words():
    doc = build(load(MODERN))
    m = doc.masthead
    assert m.heading.text == "Resolution adopted by the General Assembly on 1 November 2018"
    assert m.provenance and m.provenance.text == "without reference to a Main Committee (A/73/L.3)"
    assert m.barcode == "*1818418*"


def test_repeated_note_reuses_number_then_new_from_74th(tmp_path):
    doc = build(load(SEED))
    calls = [r for p in doc.parts[0].operative for r in p.runs if hasattr(r, "key")]
    assert [(c.number, c.first) for c in calls[:2]] == [(1, False), (2, False)]
    text = SEED.read_text().replace("session: 52", "session: 74")
    f = tmp_path / "s74.yaml"
    f.write_text(text)
    doc = build(load(f))
    assert len(doc.notes) == 7  # two repeated calls became new notes with the same text
    assert doc.notes[5].runs == doc.notes[0].runs


def _errors(tmp_path, text: str) -> list[str]:
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(SourceError) as info:
        load(f)
    return [str(d) for d in info.value.diagnostics]


def test_unknown_key_with_did_you_mean(tmp_path):
    errs = _errors(tmp_path, SEED.read_text().replace("short_title:", "shrot_title:"))
    assert len(errs) == 1
    assert errs[0].endswith("unknown key 'shrot_title'; did you mean 'short_title'?")
    assert ":18:1:" in errs[0]


def test_undefined_and_unused_footnotes_are_placed(tmp_path):
    text = SEED.read_text().replace("[^programme]", "[^programm]")
    errs = _errors(tmp_path, text)
    assert any("footnote [^programm] is called but not defined" in e and "did you mean 'programme'" in e for e in errs)
    assert any("footnote 'programme' is defined but never called" in e for e in errs)
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "[^programm]" in ln)) + 1
    assert any(e.startswith(f"{tmp_path / 'bad.yaml'}:{line}:") for e in errs)


def test_impossible_date(tmp_path):
    errs = _errors(tmp_path, SEED.read_text().replace("1998-02-09", "1997-02-30"))
    assert "impossible date '1997-02-30'" in errs[0]


def test_check_command_exit_status(tmp_path):
    ok = unres("check", SEED)
    assert ok.returncode == 0, ok.stderr
    f = tmp_path / "bad.yaml"
    f.write_text("symbol: A/RES/1\n")
    bad = unres("check", f)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert f"{f}:1:9: symbol: malformed value" in bad.stderr


def test_schema_is_json_and_names_fields():
    out = unres("schema")
    schema = json.loads(out.stdout)
    assert {"symbol", "session", "preamble", "operative", "footnotes", "adopted"} <= set(schema["properties"])


def test_a_folder_without_sources_is_an_error(tmp_path):
    out = unres("check", tmp_path)
    assert out.returncode == 2
    assert f"{tmp_path}: folder holds no *.yaml sources" in out.stderr
    assert "Traceback" not in out.stderr
