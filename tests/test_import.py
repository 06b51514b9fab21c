"""`unres import`: issued text → YAML → PDF gives back the issued words, numbers and footnotes.

The references (tests are read against the official texts, not against the importer):
``A_RES_52_102.txt`` and ``A_RES_73_8.txt``; the variants under ``tests/import/`` are the
same resolutions typed differently (1990s typescript with ``1/`` calls, Markdown with
``[^1]`` notes, plain text with ``^1``), plus one with parts, sections, sub-paragraphs
and an annex, one with mistakes and one that is no resolution at all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import MODERN, MODERN_TXT, ROOT, SEED, SEED_TXT, unres
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.app.build import build_file
from pipeline.errors import SourceError
from pipeline.importer import runs
from pipeline.importer.convert import convert, read_input
from pipeline.model import Document, NoteRef, Para, Runs, Table, Text, block_runs, walk_paras
from pipeline.model.inline import parse_inline
from pipeline.source import loader as source
from pipeline.transforms import resolve as transform
from pipeline.transforms.words import catalogue

INPUTS = ROOT / "tests" / "import"
CONTINUED = catalogue("en").word("continued")


# -- the reader's view of a reference text ----------------------------------------
def reference(text: str) -> tuple[list[str], dict[int, list[str]]]:
    """Body tokens from the number-and-title line on (a call is "^n"), and note words by number."""
    notes: dict[int, list[str]] = {}
    body: list[str] = []
    for line in text.split("\n"):
        m = re.match(r"<sup>(\d+)</sup>\s+(.*)", line.strip())
        if m:
            notes[int(m.group(1))] = _words(m.group(2))
        elif line.strip() != "---" and not line.startswith("# source:"):
            body += _words(re.sub(r"<sup>(\d+)</sup>", r" ^\1 ", line))
    start = next(i for i, t in enumerate(body) if re.fullmatch(r"\d+/\d+\.", t))
    return body[start:], notes


def _words(text: str) -> list[str]:
    return re.sub(r"[*\\]", "", re.sub(r"^#+\s", "", text.strip())).split()


# -- the reader's view of a built document (model) and of its PDF -------------------
def _runs(runs_: Runs) -> list[str]:
    return "".join(f" ^{r.number} " if isinstance(r, NoteRef) else r.text if isinstance(r, Text) else " "
                   for r in runs_).split()


def _block(b) -> list[str]:
    label = [b.label] if b.label else []
    if isinstance(b, Para):
        quoted = lambda p: [t for q in (p.quote.paras if p.quote else ()) for t in _runs(q)]  # noqa: E731
        return [t for p in walk_paras((b,)) for t in ([p.label] if p.label else []) + _runs(p.runs) + quoted(p)]
    if isinstance(b, Table):
        return [t for runs in block_runs(b) for t in _runs(runs)]
    return label + _runs(b.runs)


def model(doc: Document) -> tuple[list[str], dict[int, list[str]]]:
    out = [f"{doc.masthead.number}.", *_runs(doc.masthead.title)]
    for part in doc.parts:
        out += ([part.letter] if part.letter else []) + _runs(part.title) + f"{part.enacting},".split()
        for b in part.preamble + part.operative:
            out += _block(b)
        if part.closing:
            out += part.closing.meeting.split() + part.closing.date.split()
    for annex in doc.annexes:
        out += annex.label.split() + _runs(annex.title)
        for b in annex.blocks:
            out += _block(b)
    return out, {n.number: _runs(n.runs) for n in doc.notes}


def pdf(path: Path, number: str) -> tuple[list[str], dict[int, list[str]]]:
    """Body tokens (from "number." on, without page headers/footers) and footnotes of a PDF.

    Sizes relative to the body text (the commonest size) tell the parts: footnote text is
    a little smaller, calls and note numbers smaller still; a note number is followed on
    its line by footnote text.
    """
    body: list[str] = []
    notes: dict[int, list[str]] = {}
    current: list[str] = []
    with pdfplumber.open(path) as doc:
        pages = [
            _reading_order(
                w
                for w in page.extract_words(extra_attrs=["size"], x_tolerance=0.5)
                if 60 <= w["top"] <= page.height - 45 and w["text"] != CONTINUED
            )
            for page in doc.pages
        ]  # without the running header, the page number and the "/..." at a page's foot
        sizes = Counter(round(w["size"], 1) for words in pages for w in words)
        normal = sizes.most_common(1)[0][0]
        for words in pages:
            for w, nxt in zip(words, words[1:] + [None]):
                kind = _kind(w["size"], normal)
                if kind == "body":
                    body.append(w["text"])
                elif kind == "note":
                    current.append(w["text"])
                elif nxt and _kind(nxt["size"], normal) == "note" and abs(nxt["top"] - w["top"]) < 3:
                    notes[int(w["text"])] = current = []
                else:
                    body.append(f"^{w['text']}")
    start = body.index(f"{number}.")
    return _unbreak(body[start:]), {n: _unbreak(t) for n, t in notes.items()}


def _reading_order(words) -> list[dict]:
    """Lines top to bottom (a raised call stays on its line), each left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if lines and w["top"] - lines[-1][0]["top"] < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w["x0"])]


def _kind(size: float, normal: float) -> str:
    return "body" if size >= 0.95 * normal else "note" if size >= 0.75 * normal else "small"


def _unbreak(tokens: list[str]) -> list[str]:
    """Join a word broken after its hyphen at a line end ("fifty-" "third")."""
    out: list[str] = []
    for t in tokens:
        if out and out[-1].endswith("-") and len(out[-1]) > 1:
            out[-1] += t
        else:
            out.append(t)
    return out


def load_doc(yaml_text: str, tmp: Path) -> Document:
    path = tmp / "imported.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return transform.build(source.load(path))


# -- the two official references: import, build the PDF, read it back ------------------
@pytest.fixture(scope="module", params=[SEED_TXT, MODERN_TXT], ids=["52-102", "73-8"])
def built(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import")
    target = tmp / "imported.yaml"
    run = unres("import", request.param, "-o", target)
    [pdf_path] = build_file(target, tmp, ("pdf",))
    return request.param, run, target, pdf_path


def test_reference_imports_cleanly(built):
    ref, run, target, _ = built
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    source.load(target)  # the YAML builds without edits
    if ref == SEED_TXT:
        assert (run.returncode, run.stderr) == (0, "")
    else:  # only the reference file's own "# source: ..." line is not part of the resolution
        assert run.returncode == 1
        assert [line.split(":")[1] for line in run.stderr.splitlines()] == ["1"]


def test_pdf_words_and_notes_equal_the_reference(built):
    ref, _, _, pdf_path = built
    want_body, want_notes = reference(ref.read_text(encoding="utf-8"))
    got_body, got_notes = pdf(pdf_path, want_body[0].rstrip("."))
    assert got_body == want_body  # every word, paragraph number and call ("^n") in place
    assert got_notes == want_notes
    if ref == SEED_TXT:
        assert len(got_notes) == 5 and want_body.count("^1") == want_body.count("^2") == 2


@pytest.mark.parametrize("ref, hand", [(SEED_TXT, SEED), (MODERN_TXT, MODERN)], ids=["52-102", "73-8"])
def test_import_is_the_hand_written_source(ref, hand):
    """Apart from footnote keys and what the text does not show (short title, job number, where the
    title's lines break: the reference text joins them), what a person wrote: same masthead data,
    paragraphs, italics left to the catalogue, calls."""
    got = yaml.safe_load(convert(ref.read_text(encoding="utf-8"), str(ref)).yaml)
    want = yaml.safe_load(hand.read_text(encoding="utf-8"))
    for key in ("footnotes", "short_title", "job_number", "job_date"):
        got.pop(key, None), want.pop(key, None)
    assert "\n" not in got["title"]
    want["title"] = want["title"].replace("\n", " ")
    flat = lambda d: re.sub(r"\[\^[^\]]+\]", "[^]", json.dumps(d, default=str))
    assert flat(got) == flat(want)


# -- the same resolutions, typed differently -------------------------------------
@pytest.mark.parametrize(
    "name, ref",
    [
        ("A_RES_52_102_typescript.txt", SEED_TXT),  # 1990s: Distr./GENERAL, 1/ calls, notes at the end, \f
        ("A_RES_52_102_markdown.md", SEED_TXT),  # [^1] calls, [^1]: notes, # headings
        ("A_RES_73_8_plain.txt", MODERN_TXT),  # no markup, ^1 calls, bare "1 A/73/85." at the end
        ("A_RES_73_8_pdf_copy.txt", MODERN_TXT),  # pdftotext of the official PDF, as a user copies it
    ],
)
def test_variant_gives_the_reference_words(name, ref, tmp_path):
    imported = convert(read_input(str(INPUTS / name)), name)
    assert imported.warnings == []
    doc = load_doc(imported.yaml, tmp_path)
    want_body, want_notes = reference(ref.read_text(encoding="utf-8"))
    got_body, got_notes = model(doc)
    if name.endswith("pdf_copy.txt"):  # pdftotext splits one word of the official PDF
        got_body = " ".join(got_body).replace("Amer ica", "America").split()
        assert (doc.masthead.job_number, doc.masthead.job_date) == ("18-18418 (E)", "071118")
    assert got_body == want_body
    assert got_notes == want_notes


# -- parts, sections, sub-paragraphs, an annex, all three formats -------------------------
@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("parts")
    name = INPUTS / "A_RES_74_150_parts.md"
    imported = convert(read_input(str(name)), str(name))
    target = tmp / "parts.yaml"
    target.write_text(imported.yaml, encoding="utf-8")
    outputs = {p.suffix: p for p in build_file(target, tmp, ("pdf", "html", "docx"))}
    return name, imported, transform.build(source.load(target)), outputs


def test_parts_structure(parts):
    _, imported, doc, _ = parts
    assert imported.warnings == []
    data = yaml.safe_load(imported.yaml)
    assert data["agenda"] == ["20 (b)", 68] and data["committee"] == 4 and data["session"] == 74
    a, b = doc.parts
    assert (a.letter, b.letter) == ("A", "B")
    assert (a.closing.meeting, b.closing.date) == ("50th plenary meeting", "18 December 2019")
    labels = [p.label for p in walk_paras(a.operative)]
    assert labels == ["1.", "(a)", "(i)", "(ii)", "(b)", "2."]
    assert [h.label for h in b.operative if not isinstance(h, Para)] == ["I", "II"]
    assert [p.label for p in b.operative if isinstance(p, Para)] == ["1.", "2.", "3.", "4."]
    [annex] = doc.annexes
    assert annex.label == "Annex" and [p.label for p in annex.blocks] == ["1.", "2."]
    # the catalogue's openings are left implicit ("Noting with grave concern" is one since the
    # catalogue has it); one the catalogue would not italicise stays marked
    assert data["parts"][0]["preamble"][1].startswith("Noting with grave concern the")
    assert not data["parts"][0]["preamble"][0].startswith("*")
    marked = parse_inline("*Zealously noting* the disparity,")[0]
    assert runs.opening(marked, catalogue("en").preambular, True) == (marked, None)
    # the same note printed twice (74th session: a new number each time) is one note, called twice
    assert list(data["footnotes"].values()).count("See A/74/100.") == 1
    assert [n.number for n in doc.notes] == [1, 2, 3, 4]
    assert doc.notes[1].runs == doc.notes[2].runs


def test_parts_pdf_has_every_word(parts):
    name, _, _, outputs = parts
    want_body, want_notes = reference(name.read_text(encoding="utf-8"))
    got_body, got_notes = pdf(outputs[".pdf"], "74/150")
    assert got_body == want_body
    assert got_notes == want_notes


def test_parts_html_and_docx_have_the_text(parts):
    from docx import Document as Docx
    from lxml import html

    _, _, _, outputs = parts
    page = " ".join(html.fromstring(outputs[".html"].read_bytes()).text_content().split())
    docx = " ".join(" ".join(p.text for p in Docx(str(outputs[".docx"])).paragraphs).split())
    for text in ("Increasing assistance for the development", "Principles of public information",
                 "General activities of the Department of Global Communications"):  # fmt: skip
        assert text in page and text in docx


# -- mistakes and non-resolutions -----------------------------------------------------
def test_stray_line_and_number_out_of_sequence():
    path = INPUTS / "A_RES_73_8_warnings.txt"
    run = unres("import", path)
    assert run.returncode == 1
    lines = {int(w.split(":")[1]): w for w in run.stderr.splitlines()}
    text = path.read_text(encoding="utf-8").split("\n")
    assert set(lines) == {4, 41, 48}
    assert text[3] == "For participants only" and "left out" in lines[4]
    assert text[40].startswith("5. Requests") and "expected 4." in lines[41]
    assert "press" in text[47] and "left out" in lines[48]
    data = yaml.safe_load(run.stdout)  # the best YAML it could write, and it loads
    source.load("w.yaml", run.stdout)
    assert len(data["operative"]) == 5 and data["operative"][3].startswith("Requests")


def test_footnote_never_called_and_call_without_note(tmp_path):
    text = (INPUTS / "A_RES_73_8_plain.txt").read_text(encoding="utf-8")
    text = text.replace("72/4;^1", "72/4;^2").replace("1 A/73/85.", "^1 A/73/85.")
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    imported = convert(text, str(path))
    messages = [d.message for d in imported.warnings]
    assert any("footnote 2 is called but its text was not found" in m for m in messages)
    assert any("footnote 1 is never called" in m for m in messages)
    assert all(d.severity == "warning" and d.line > 0 for d in imported.warnings)
    source.load("notes.yaml", imported.yaml)


@pytest.mark.parametrize("content", [(INPUTS / "not_a_resolution.txt").read_bytes(), b"\x00\x01binary", b""])
def test_not_a_resolution_exits_2(content, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    target = tmp_path / "out.yaml"
    run = unres("import", path, "-o", target)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.startswith(str(path))
    assert not target.exists() and run.stdout == ""


# -- the inline markup (the YAML text itself: tests/test_emit.py) ------------------
TRICKY = [
    'He said: "no" # not a comment',
    "*leading star and [^not a call] and back\\slash",
    "key: value, - dash, ? question, & and % and @ and `tick`",
    "snake_case and _under_ and 50% and 'single' quotes",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips(text):
    runs_ = (Text(text),)
    assert parse_inline(runs.write(runs_))[0] == runs_


def test_emphasis_round_trips():
    runs_ = (Text("Noting with grave concern", italic=True), Text(" the "), Text("Treaty Series", italic=True),
             Text(", vol. 5 and "), Text("bold", bold=True), Text("."))  # fmt: skip
    assert parse_inline(runs.write(runs_))[0] == runs_


def test_typescript_masthead():
    path = INPUTS / "A_RES_52_102_typescript.txt"
    data = yaml.safe_load(convert(read_input(str(path)), str(path)).yaml)
    assert {k: data[k] for k in ("style", "distribution", "original", "session", "committee", "report")} == {
        "style": "1998",
        "distribution": "general",
        "original": "en",  # "ORIGINAL: ENGLISH": the original's language (True before: the document's own)
        "session": 52,
        "committee": 3,
        "report": "A/52/639",
    }
    assert str(data["issued"]) == "1998-02-09" and data["adopted"] == {
        "meeting": 70,
        "date": data["adopted"]["date"],
    }


def test_unitalicised_catalogue_opening_is_kept_roman(tmp_path):
    """In a text that marks italics, an opening the catalogue would italicise but the text does not."""
    text = SEED_TXT.read_text(encoding="utf-8").replace(
        "*Recognizing* the acuteness", "Recognizing the acuteness"
    )
    imported = convert(text, "x.md")
    data = yaml.safe_load(imported.yaml)
    assert data["preamble"][2] == {"text": data["preamble"][2]["text"], "opening": False}
    doc = load_doc(imported.yaml, tmp_path)
    assert not any(r.italic for r in doc.parts[0].preamble[2].runs)
    assert doc.parts[0].preamble[3].runs[0] == Text("Noting with satisfaction", italic=True)


def test_standard_input_and_stdout():
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "import", "-"],
        input=(INPUTS / "A_RES_73_8_plain.txt").read_text(encoding="utf-8"),
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert (run.returncode, run.stderr) == (0, "")
    assert yaml.safe_load(run.stdout)["symbol"] == "A/RES/73/8"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(SEED_TXT.read_text(encoding="utf-8").split("\n")), max_size=40),
    st.text(max_size=80),
)
def test_any_text_imports_or_is_refused(lines, noise):
    """Shuffled, cut and noisy resolutions never crash: a YAML (maybe with warnings) or exit 2."""
    try:
        imported = convert("\n".join(lines) + noise, "fuzz.txt")
    except SourceError as exc:
        assert exc.status == 2
    else:
        yaml.safe_load(imported.yaml)


def test_stray_star_and_bracket_stay_literal(tmp_path):
    """A lone '*' is escaped (the paired ones still italicise); "[^x]" in text is no call."""
    text = MODERN_TXT.read_text(encoding="utf-8")
    text = text.replace("*Determined* to", "*Determined* *a [^x]: b to", 1)
    imported = convert(text, "x.txt")
    assert [d.message for d in imported.warnings if d.line > 1] == [
        "an unbalanced '*' is kept as a literal star"
    ]
    doc = load_doc(imported.yaml, tmp_path)
    runs_ = doc.parts[0].preamble[0].runs
    assert runs_[0] == Text("Determined", italic=True)
    assert "".join(r.text for r in runs_[1:]).startswith(" *a [^x]: b to encourage")


def test_quotes_tables_and_four_levels_are_imported(tmp_path):
    """Markdown quote lines become the paragraph's quote:, a pipe table a table: entry (numbers as
    text, the rule row dropped), "a." and "i." under an (i) the third and fourth levels."""
    path = INPUTS / "A_RES_99_13_tables.md"
    imported = convert(read_input(str(path)), str(path))
    assert not imported.warnings
    data = imported.source.data
    first = data["operative"][0]
    assert first["quote"][0] == "“Rule 160" and first["quote"][1].endswith("among Members.”")
    levels, item = [], data["operative"][1]
    while isinstance(item, dict) and item.get("items"):
        item = item["items"][0]
        levels.append(item if isinstance(item, str) else item["text"])
    assert levels == ["at each regular session, taking into account:",
                      "the capacity to pay of Member States, measured by:",
                      "gross national income, adjusted for:", "the debt burden;"]
    assert data["operative"][1]["items"][0]["items"][0]["items"][1] == "the conversion rates;"
    paragraphs = data["annexes"][0]["paragraphs"]
    assert paragraphs[1] == {"table": {"header": ["Member State", "2045", "2046"],
                                       "rows": [["Afghanistan", "0.006", "0.006"], ["Albania", "0.008", "0.008"]]}}
    source_file = tmp_path / "tables.yaml"
    source_file.write_text(imported.yaml, encoding="utf-8")
    for style in ("modern", "1998"):
        doc = transform.build(source.load(source_file), style=style)
        words = " ".join(model(doc)[0])
        assert "(a) at each regular session" in words and "a. gross national income" in words
        assert "i. the debt burden;" in words


def test_a_ragged_table_row_is_kept_with_a_warning():
    text = (INPUTS / "A_RES_99_13_tables.md").read_text(encoding="utf-8").replace(
        "| Albania | 0.008 | 0.008 |", "| Albania | 0.008 |")
    imported = convert(text, "ragged.md")
    assert any("table row 2 has 2 cells, the header 3" in d.message for d in imported.warnings)
    rows = imported.source.data["annexes"][0]["paragraphs"][1]["table"]["rows"]
    assert rows[1] == ["Albania", "0.008", ""]


def test_the_importer_reads_into_the_source_itself():
    """What the importer reads is the typed source (the loader's ``Source``, the source's own
    shape), every node placed at its line of the input; the written YAML is that source with its
    texts made final. An annex without paragraphs is left out with a warning at its line."""
    path = INPUTS / "A_RES_99_13_tables.md"
    text = read_input(str(path))
    lines = text.split("\n")
    empty = text.replace("Annex\n", "Annex\n\nAnnex\n", 1)  # an "Annex" line with nothing under it
    imported = convert(text, str(path))
    read = imported.read
    assert isinstance(read, source.Source) and read.text == text
    annex = ("annexes", 0, "paragraphs")
    assert lines[read.line(annex + (0,)) - 1].startswith("1. The rates of assessment")
    assert lines[read.line(annex + (1, "table", "rows", 1)) - 1] == "| Member State | 2045 | 2046 |"
    quote = ("parts", 0, "operative", 0, "quote", 1)
    assert lines[read.line(quote) - 1].startswith("> The Committee on Contributions")
    sub = ("parts", 0, "operative", 1, "items", 0, "items", 0, "items", 0, "items", 1)
    assert read.data["parts"][0]["operative"][1]["items"][0]["items"][0]["items"][0]["items"][1] == {
        "text": "low per capita income;"}
    assert lines[read.line(sub) - 1] == "ii. low per capita income;"
    assert read.line(("parts", 0, "adopted")) == lines.index("70th plenary meeting") + 1
    assert imported.source.data["operative"][1]["items"][0]["items"][0]["items"][0]["items"][1] == (
        "low per capita income;")
    warned = convert(empty, "empty.md").warnings
    at = empty.split("\n").index("Annex") + 1
    assert [(d.line, d.message) for d in warned] == [(at, "annex without paragraphs; left out")]
