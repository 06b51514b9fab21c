"""Cited documents linked, as issued: every document symbol the text cites becomes a link to
its page on undocs.org, in the language of the document.

Issued resolutions link what they cite (A/RES/73/8: 55 links, ``https://undocs.org/A/RES/47/19``
for "47/19" after "its resolutions", ``https://undocs.org/A/73/85`` for a note "A/73/85.";
A/RES/ES-11/1: ``https://undocs.org/en/S/RES/2623(2022)`` for "resolution 2623 (2022)",
``https://undocs.org/en/A/RES/377(V)`` for "377 A (V)"). Recognised here:

- full symbols: ``A/73/L.3``, ``A/ES-11/L.1/Add.1``, ``S/2014/136``, ``A/RES/S-27/2``, ``S/Agenda/8979``,
  ``S/RES/2623 (2022)`` (a trailing full stop is the sentence's, not the symbol's);
- resolution numbers cited as resolutions (the nearest "resolution(s)" before them, with no
  semicolon between): ``48/16`` → A/RES/48/16, ``ES-11/1`` → A/RES/ES-11/1, ``2625 (XXV)`` and
  ``377 A (V)`` → A/RES/2625(XXV), A/RES/377(V) (General Assembly, Roman session),
  ``2623 (2022)`` → S/RES/2623(2022) (Security Council, year).

Web addresses (``https://…``, ``http://…``) are linked to themselves, as Word links an address
typed in a document (its AutoFormat as you type): A/RES/80/12's notes cite
"https://milex-reporting.unoda.org/en/states."; a trailing full stop, comma, semicolon, colon or
closing quotation mark is the sentence's, and a closing parenthesis too unless the address opened one.

Links are inline runs of the model (``Text.link``); the writers only render them. A match never
spans two runs (an italic boundary ends it).
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.model import Block, ChangedBlock, Document, Inline, Para, Runs, SubPara, Table, Text
from pipeline.model.visitor import UnknownNode

BASE = "https://undocs.org"

_SEG = r"(?:[A-Z][A-Za-z]*\.\d+|[A-Z]+-\d+|[A-Z][a-z]+|[A-Z0-9]+(?:\.\d+)?)"
FULL = re.compile(
    rf"(?<![\w/])(?:A|S|E|ST|TD|DP|UNEP|HRC)(?:/{_SEG})+(?: \(\d{{4}}\))?(?![\w/])"
)
RESOLUTION = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<ga>(?:ES-|S-)?\d{1,2}/\d{1,3})(?: [A-Z](?![\w/]))?"
    r"|(?P<old>\d{1,4})(?: [A-Z])? \((?P<roman>[IVXL]+)\)"
    r"|(?P<sc>\d{1,4}) \((?P<year>(?:19|20)\d\d)\)"
    r")(?![\w/])"
)
CITES = re.compile(r"\bresolutions?\b", re.I)
# not in what reads as markup typed as text (href="https://…": an attribute's quote or "=" before it)
WEB = re.compile(r"(?<![\w/=\"'])https?://[^\s<>\"“”‘’]+")
_TRAILING = ".,;:!?'"


def _web(text: str) -> list[tuple[int, int, str]]:
    """(start, end, address) of every web address in ``text``, without the sentence's punctuation."""
    found = []
    for m in WEB.finditer(text):
        address = m.group(0)
        while address and (address[-1] in _TRAILING
                           or address[-1] == ")" and address.count(")") > address.count("(")):
            address = address[:-1]
        if "://" in address and not address.endswith("://"):
            found.append((m.start(), m.start() + len(address), address))
    return found


def _targets(text: str, context: str) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of every cited symbol in ``text``; ``context`` is the paragraph's
    text before it (for "resolution(s)")."""
    web = _web(text)
    found: list[tuple[int, int, str]] = []
    for m in FULL.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in web):
            found.append((m.start(), m.end(), m.group(0).replace(" ", "")))
    taken = [(s, e) for s, e, _ in found + web]
    for m in RESOLUTION.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        before = context + text[: m.start()]
        cites = list(CITES.finditer(before))
        if not cites or ";" in before[cites[-1].end():]:
            continue
        if m.group("ga"):
            symbol = f"A/RES/{m.group('ga')}"
        elif m.group("old"):
            symbol = f"A/RES/{m.group('old')}({m.group('roman')})"
        else:
            symbol = f"S/RES/{m.group('sc')}({m.group('year')})"
        found.append((m.start(), m.end(), symbol))
    return sorted(found + web)


def link_runs(runs: Runs, lang: str, context: str = "") -> Runs:
    out: list[Inline] = []
    seen = context
    for r in runs:
        if not isinstance(r, Text) or r.link:
            out.append(r)
            continue
        pos = 0
        for start, end, symbol in _targets(r.text, seen):
            if start > pos:
                out.append(dataclasses.replace(r, text=r.text[pos:start]))
            href = symbol if "://" in symbol else url(symbol, lang)
            out.append(dataclasses.replace(r, text=r.text[start:end], link=href))
            pos = end
        if pos == 0:
            out.append(r)
        elif pos < len(r.text):
            out.append(dataclasses.replace(r, text=r.text[pos:]))
        seen += r.text
    return tuple(out)


def url(symbol: str, lang: str) -> str:
    return f"{BASE}/{lang}/{symbol}"


def _para(p: SubPara, lang: str) -> Para:
    if isinstance(p, ChangedBlock):  # links are made when a document is resolved, before any diff
        raise UnknownNode(p, "the links transform")
    children = tuple(_para(c, lang) for c in p.children)
    quote = p.quote and dataclasses.replace(p.quote, paras=tuple(link_runs(q, lang) for q in p.quote.paras))
    adopts = p.adopts and dataclasses.replace(
        p.adopts, title=link_runs(p.adopts.title, lang), subtitle=link_runs(p.adopts.subtitle, lang),
        blocks=tuple(_block(x, lang) for x in p.adopts.blocks))
    return dataclasses.replace(p, runs=link_runs(p.runs, lang), children=children, quote=quote or None,
                               adopts=adopts or None)


def _block(b: Block, lang: str) -> Block:
    if isinstance(b, Table):
        rows = tuple(tuple(link_runs(c, lang) for c in row) for row in b.rows)
        notes = tuple(link_runs(n, lang) for n in b.notes)
        return dataclasses.replace(b, rows=rows, caption=link_runs(b.caption, lang), notes=notes)
    return _para(b, lang) if isinstance(b, Para | ChangedBlock) else b


def link_documents(doc: Document) -> Document:
    """The document with every cited symbol linked (paragraphs, sub-paragraphs, notes, the
    agenda item's title and the committee line)."""
    lang = doc.meta.language
    parts = tuple(
        dataclasses.replace(
            p,
            preamble=tuple(_para(x, lang) for x in p.preamble),
            operative=tuple(_block(x, lang) for x in p.operative),
        )
        for p in doc.parts
    )
    annexes = tuple(
        dataclasses.replace(a, blocks=tuple(_block(x, lang) for x in a.blocks)) for a in doc.annexes
    )
    notes = tuple(dataclasses.replace(n, runs=link_runs(n.runs, lang)) for n in doc.notes)
    masthead = doc.masthead
    if masthead.agenda_title:
        masthead = dataclasses.replace(masthead, agenda_title=link_runs(masthead.agenda_title, lang))
    if masthead.provenance:
        runs = link_runs((Text(masthead.provenance.text),), lang)
        masthead = dataclasses.replace(masthead, provenance_runs=runs)
    return dataclasses.replace(doc, masthead=masthead, parts=parts, annexes=annexes, notes=notes)
