"""``Para.list_value`` is the number the numbering pass counted when it made the label: for every
numbering kind (operative paragraphs, sub-paragraphs four levels deep, annex paragraphs, an
annex that restarts its numbering, an amendment's instructions) in every language, whatever the
label looks like ("1.", "1 -", "(a)", "а)", "(أ)", "(i)", "a."). A redline's merged lists keep
each version's values: a deleted paragraph the number it was issued with.

The paragraph texts are fixtures of structure (as tests/fixtures/structures.yaml), not UN text.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator

import lxml.html
import pytest
import yaml
from conftest import ROOT

from pipeline.model import ChangedBlock, Document, Heading, NumberFormat, Para, Table
from pipeline.source import loader
from pipeline.transforms import resolve
from pipeline.transforms.diff import diff
from pipeline.transforms.words import catalogue, sub_label
from pipeline.writers import html
from pipeline.writers.docx.wordlists import _FORMATS as WORD_FORMATS
from pipeline.writers.docx.wordlists import number_text

LANGUAGES = sorted(p.stem for p in (ROOT / "templates" / "lang").glob("*.yaml"))
TABLE = {"table": {"header": ["Member State", "2045"], "rows": [["Afghanistan", "0.006"], ["Albania", "0.008"]]}}
DEEP = {
    "text": "Decides that the scale shall be reviewed:",
    "items": [
        {"text": "at each session, taking into account:", "items": [
            {"text": "the capacity to pay, measured by:", "items": [
                {"text": "national income, adjusted for:", "items": ["the debt burden;", "low income;"]},
                "the conversion rates;",
            ]},
            "the continuity of the scale;",
        ]},
        "at the request of a Member State;",
        "at any other time;",
    ],
}


def _source(lang: str) -> dict:
    """Sections, a table and a heading among the operative paragraphs (a paragraph's place among
    its blocks is not its number), sub-paragraphs four deep, a numbered annex with a table, and
    an annex whose articles restart their numbering."""
    return {
        "style": "modern", "language": lang, "symbol": "A/RES/99/12", "issued": dt.date(2044, 12, 20),
        "session": 99, "title": "Questions relating to information",
        "preamble": ["Recalling its resolution 98/7,", "Noting the report,"],
        "operative": [
            {"section": "General provisions"}, "Urges all countries to cooperate;", TABLE,
            {"section": "Review"}, DEEP, {"heading": "Other matters"}, "Decides to remain seized of the matter.",
        ],
        "adopted": {"meeting": 61, "date": dt.date(2044, 12, 18)},
        "annexes": [
            {"title": "Guidelines", "numbered": True,
             "paragraphs": [{"section": "One"}, "Information shall be accurate.", TABLE,
                            "Information shall be timely.", "Information shall be free."]},
            {"title": "Articles", "numbered": True, "restart": True,
             "paragraphs": [{"heading": "Article 1"}, "First.", "Second.", {"heading": "Article 2"}, "Alone.",
                            {"heading": "Article 3"}, "Third.", "Fourth."]},
        ],
    }


def _document(data: dict, name: str = "list_values.yaml") -> Document:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return resolve.build(loader.load(name, text))


def _lists(doc: Document) -> Iterator[tuple[str, list[Para]]]:
    """Each list of numbered siblings with the catalogue label key its labels are made from."""
    for part in doc.parts:
        yield from _list("operative", [b for b in part.operative if isinstance(b, Para)])
    for annex in doc.annexes:
        blocks = [b for b in annex.blocks if not isinstance(b, Table)]
        runs: list[list[Para]] = [[]]
        for b in blocks:  # an annex that restarts numbers each article's paragraphs from 1
            if isinstance(b, Heading) and annex.restart:
                runs.append([])
            elif isinstance(b, Para):
                runs[-1].append(b)
        for run in runs:
            yield from _list("annex_paragraph", run)


def _format(doc: Document, key: str, level: int) -> NumberFormat | None:
    numbering = doc.meta.numbering
    if key in ("operative", "annex_paragraph"):
        fmt: NumberFormat | None = getattr(numbering, key)
        return fmt
    return numbering.sub[level - 1]


def _list(key: str, paras: list[Para]) -> Iterator[tuple[str, list[Para]]]:
    yield key, paras
    for p in paras:
        if p.children:
            yield from _list(sub_label(p.children[0].level), list(p.children))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbering_pass_sets_every_list_value(lang):
    doc = _document(_source(lang))
    cat = catalogue(lang)
    seen: set[str] = set()
    formats: set[str] = set()
    for key, paras in _lists(doc):
        labelled = [p for p in paras if p.label is not None]
        assert all(p.list_value is None for p in paras if p.label is None), key
        # the values count 1, 2, 3 ... and the label is the catalogue's label of that number
        assert [p.list_value for p in labelled] == list(range(1, len(labelled) + 1)), (key, lang)
        assert [p.label for p in labelled] == [cat.word(f"labels.{key}", n=p.list_value) for p in labelled]
        # where a list format can say the label (Meta.numbering: Word numbers the list itself), it
        # says it of the value
        fmt = _format(doc, key, labelled[0].level) if labelled else None
        if fmt is not None:
            words = [fmt.before + number_text(p.list_value, WORD_FORMATS[fmt.style]) + fmt.after for p in labelled]
            assert words == [p.label for p in labelled], (key, lang)
            formats.add(key)
        if labelled:
            seen.add(key)
    # every numbering kind was seen labelled
    assert seen == {"operative", "annex_paragraph", "sub", "subsub", "sub3", "sub4"}, seen
    assert formats, "no list format to check against"
    # the restarted annex: "Alone." is an article of one paragraph, unnumbered, no value
    alone = next(b for b in doc.annexes[1].blocks if isinstance(b, Para) and b.runs[0].text == "Alone.")
    assert alone.label is None and alone.list_value is None


@pytest.mark.parametrize("lang", ["ar", "ru", "zh"])
def test_values_are_not_places_where_the_label_has_no_full_stop(lang):
    """Arabic "3 -", and any label: the third paragraph after two section headings and a table
    is 3, not its place (6) among the operative blocks."""
    doc = _document(_source(lang))
    ops = doc.parts[0].operative
    last = ops[-1]
    assert isinstance(last, Para) and ops.index(last) == 6
    assert last.list_value == 3 and last.label == catalogue(lang).word("labels.operative", n=3)
    if lang == "ar":
        assert last.label == "3 -"
    if lang == "ru":
        deep = next(b for b in ops if isinstance(b, Para) and b.children)
        assert [(c.label, c.list_value) for c in deep.children] == [("а)", 1), ("б)", 2), ("в)", 3)]


def test_an_amendments_instructions_have_values():
    doc = resolve.build(loader.load(ROOT / "tests" / "fixtures" / "cycle" / "amendment.yaml"))
    paras = [b for b in doc.parts[0].operative if isinstance(b, Para)]
    assert len(paras) == 4
    assert [(p.label, p.list_value) for p in paras] == [(f"{n}.", n) for n in range(1, 5)]


def _values(doc: Document, blocks) -> list[tuple[str | None, str | None, int | None]]:
    out = []
    for b in blocks:
        change = b.change if isinstance(b, ChangedBlock) else None
        node = b.node if isinstance(b, ChangedBlock) else b
        out.append((change, node.label, node.list_value))
    return out


def test_a_redline_keeps_each_versions_values():
    """Operative 2 and sub-paragraph (b) of paragraph 3 deleted, a paragraph inserted before 4:
    the deleted ones keep the numbers they were issued with, the others have their new ones,
    and the HTML's <li value> says so (the numbers shown are each version's)."""
    old_data = _source("en")
    old_data["operative"] = ["Urges all countries to cooperate;", "Invites all States to act;", DEEP,
                             "Decides to remain seized of the matter."]
    new_data = copy.deepcopy(old_data)
    del new_data["operative"][1]
    del new_data["operative"][1]["items"][1]
    new_data["operative"].insert(2, "Requests a report at its next session;")
    redline = diff(_document(old_data, "old.yaml"), _document(new_data, "new.yaml"))
    ops = redline.parts[0].operative
    assert _values(redline, ops) == [
        (None, "1.", 1), ("del", "2.", 2), (None, "2.", 2), ("ins", "3.", 3), (None, "4.", 4),
    ]
    deep = ops[2].node if isinstance(ops[2], ChangedBlock) else ops[2]
    assert _values(redline, deep.children) == [(None, "(a)", 1), ("del", "(b)", 2), (None, "(b)", 2)]
    page = lxml.html.document_fromstring(html.render(redline))
    operative = page.xpath("//ol[@class='paras']")[0]
    shown = [(li.get("value"), li.get("data-label")) for li in operative.xpath("./li")]
    assert shown == [("1", "1."), ("2", "2."), ("2", "2."), ("3", "3."), ("4", "4.")]
    subs = operative.xpath("./li[3]/ol/li")
    assert [(li.get("value"), li.get("data-label"), "change-del" in li.get("class")) for li in subs] == [
        ("1", "(a)", False), ("2", "(b)", True), ("2", "(b)", False)]
    assert all(re.fullmatch(r"[1-9]\d*", li.get("value")) for li in page.xpath("//li[contains(@class, 'para')]"))
