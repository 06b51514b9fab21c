"""Akoma Ntoso → source: read the AKN that ``unres build --format akn`` writes back into the
source's data (the structure :func:`pipeline.source.load` produces), for the importer's YAML
emitter.

What the AKN states is read from its AKN markup: the kind (``statement/@name``), the
language (``FRBRlanguage``), the symbol, date of issue, session (``session/@value``), agenda
items (``TLCReference name="agendaItem"``), committee (``TLCOrganization``), report, sponsors,
distribution, job number, titles, every paragraph, sub-paragraph, heading, section, part,
annex, note (``authorialNote``) and plenary line. Inline markup comes back from ``i``/``b``
(an ``i class="opening"`` is the catalogue's italic opening, not typed markup); links
(``ref``) were generated and are dropped. What AKN has no place for — the house style, the
emblem, links on or off, the draft cycle's instructions … — is read from unres' proprietary
metadata (``unres:source``), with the order of the source's keys.

Bad input — not XML, not well formed, not AKN, not valid against the AKN 3.0 schema, valid
AKN that unres did not write — is a :class:`~pipeline.errors.SourceError` placed
``file:line:column``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from lxml import etree

from pipeline.errors import Diagnostic, SourceError
from pipeline.model import DECISION_KINDS, DECISION_PARA, SPONSOR_NOTE
from pipeline.writers.akn.names import AKN, COMMITTEE_NUMBERS, KINDS, LANG2, UNRES
from pipeline.writers.akn.schema import errors as schema_errors
from pipeline.writers.akn.writer import IN_AKN

#: the keys holding text, read from the AKN body whether or not the key list names them
TEXT_KEYS = ("title", "agenda_title", "preamble", "operative", "corrections", "decision", "parts", "annexes",
             "footnotes", "adopted", "sponsor_note")
A = f"{{{AKN}}}"
U = f"{{{UNRES}}}"
NS = {"a": AKN, "u": UNRES}
#: how many schema complaints are listed (the first ones; later ones often follow from them)
MAX_REPORTED = 10


def parse(raw: bytes, name: str) -> etree._Element:
    """Well-formed AKN 3.0, valid against the official schema, or a SourceError saying where not."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        message = f"not well-formed XML: {exc.msg}"
        raise SourceError([Diagnostic(name, line or 1, col or 1, message)]) from None
    if root.tag != f"{A}akomaNtoso":
        found = root.tag.replace("{", "").replace("}", " ") if isinstance(root.tag, str) else str(root.tag)
        raise SourceError([Diagnostic(name, root.sourceline or 1, 1,
                                      f"expected an Akoma Ntoso document: <akomaNtoso> in the namespace "
                                      f"{AKN}, found <{found.strip()}>")])
    problems = schema_errors(root)
    if problems:
        raise SourceError([
            Diagnostic(name, e.line or 1, (e.column or 0) + 1,
                       f"not valid Akoma Ntoso 3.0 (akomantoso30.xsd): {_short(e.message)}")
            for e in problems[:MAX_REPORTED]
        ])
    return root


def _short(message: str) -> str:
    return message.replace(f"{{{AKN}}}", "")


def read(raw: bytes, name: str) -> dict[str, Any]:
    """The source data of an AKN file unres wrote."""
    root = parse(raw, name)
    st = root.find("a:statement", NS)
    src = st.find("a:meta/a:proprietary/u:source", NS) if st is not None else None
    if st is None or src is None or st.get("name") not in KINDS:
        where = st if st is not None else root[0]
        raise SourceError([Diagnostic(name, where.sourceline or 1, 1,
                                      "valid Akoma Ntoso, but not a General Assembly document as unres "
                                      "writes it: expected <statement name=\"resolution\"> (or a draft "
                                      "stage) with unres' metadata <proprietary><unres:source>")])
    try:
        return _Reader(st, src, name).data()
    except _Missing as exc:
        raise SourceError([Diagnostic(name, exc.line, 1, exc.message)]) from None
    except (ValueError, LookupError) as exc:  # a value unres does not write (a hand edit)
        detail = f"{type(exc).__name__}: {exc}" if isinstance(exc, LookupError) else str(exc)
        message = f"not as unres writes it: {detail}"
        raise SourceError([Diagnostic(name, st.sourceline or 1, 1, message)]) from None


class _Reader:
    def __init__(self, st: etree._Element, src: etree._Element, name: str):
        self.st, self.src, self.name = st, src, name

    def fail(self, el: etree._Element, message: str) -> SourceError:
        return SourceError([Diagnostic(self.name, el.sourceline or 1, 1, message)])

    def data(self) -> dict[str, Any]:
        keys = (self.src.findtext("u:keys", "", NS) or "").split()
        given = {**self.from_akn(), **self.proprietary()}
        given.update(self.text(given.get("kind", "resolution") if "kind" in keys else "resolution"))
        missing = [k for k in keys if k not in given]
        if missing:
            raise self.fail(self.src, f"the source's key(s) {', '.join(missing)} are listed but their "
                                      "values are missing")
        text_keys = [k for k in TEXT_KEYS if k in given and k not in keys]  # unlisted: in source order
        return {k: given[k] for k in [*keys, *text_keys]}

    # -- values -----------------------------------------------------------------------------
    def proprietary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for v in self.src.findall("u:value", NS):
            try:
                out[v.get("key", "")] = _dates(json.loads(v.text or ""))
            except json.JSONDecodeError as exc:
                raise self.fail(v, f"unres:value {v.get('key')!r}: expected JSON, {exc.msg}") from None
        return out

    def from_akn(self) -> dict[str, Any]:
        st = self.st
        one = _first
        refs = st.findall("a:meta/a:references/*", NS)
        out: dict[str, Any] = {
            "kind": KINDS[st.get("name", "")],
            "language": LANG2.get(one(st, ".//a:FRBRExpression/a:FRBRlanguage").get("language", ""), ""),
            "symbol": _text(one(st, "a:coverPage/a:p[@class='symbol']/a:docNumber")),
        }
        issued = st.find("a:coverPage//a:docDate", NS)
        if issued is not None:
            out["issued"] = dt.date.fromisoformat(issued.get("date", ""))
        value = one(st, "a:coverPage//a:session").get("value", "")
        out["session"] = int(value) if value.isdigit() else value
        items = {r.get("eId"): (r.get("showAs", ""), r.get(f"{U}type")) for r in refs
                 if r.get("name") == "agendaItem"}
        ag = st.find("a:coverPage//a:inline[@name='agenda']", NS)
        listed = [items[i.lstrip("#")] for i in (ag.get("refersTo", "") if ag is not None else "").split()]
        agenda = [int(v) if t == "int" else v for v, t in listed]
        out["agenda"] = agenda if ag is None or ag.get(f"{U}list") == "true" else agenda[0]
        committees = [COMMITTEE_NUMBERS[r.get("eId", "")] for r in refs if r.get("eId") in COMMITTEE_NUMBERS]
        if committees:
            out["committee"] = committees[0]
        report = st.find("a:preface/a:p[@class='provenance']//a:inline[@name='report']", NS)
        if report is not None:
            out["report"] = _text(report)
        out["sponsors"] = [r.get("showAs") for r in refs if (r.get("eId") or "").startswith("sponsor-")]
        dist = st.find("a:coverPage//a:inline[@name='distribution']", NS)
        if dist is not None and dist.get("refersTo"):
            out["distribution"] = dist.get("refersTo", "").removeprefix("#distribution-")
        job = st.find("a:coverPage//a:docketNumber", NS)
        if job is not None:
            out["job_number"] = _text(job).split(" ")[0]
        short = st.find("a:preface//a:shortTitle", NS)
        if short is not None:
            out["short_title"] = _text(short)
        return {k: v for k, v in out.items() if k in IN_AKN}

    # -- text -------------------------------------------------------------------------------
    def text(self, kind: str) -> dict[str, Any]:
        st = self.st
        out: dict[str, Any] = {"title": markup(_first(st, "a:preface/a:p[@class='title']/a:docTitle"))}
        at = st.find("a:coverPage//a:inline[@name='agendaTitle']", NS)
        if at is not None:
            out["agenda_title"] = markup(at)
        if kind == "corrigendum":
            paras = st.findall("a:mainBody/a:paragraph", NS)
            out["corrections"] = [markup(_first(p, ".//a:p")) for p in paras]
        elif kind in DECISION_KINDS:
            out["decision"] = self.decision(_first(st, f"a:mainBody/a:paragraph[@eId='{DECISION_PARA}']"))
        elif kind not in ("amendment", "addendum"):
            comps = st.findall("a:components/a:component/a:statement", NS)
            if comps:
                out["parts"] = [self.part(c, lettered=True) for c in comps]
            else:
                out.update(self.part(st, lettered=False))
        annexes = [self.annex(a) for a in st.findall("a:attachments/a:attachment", NS)]
        if annexes:
            out["annexes"] = annexes
        star = st.find(f".//a:docProponent/a:authorialNote[@u:key='{SPONSOR_NOTE}']", NS)
        if star is not None:  # the note the sponsor line's star calls
            out["sponsor_note"] = markup(_first(star, "a:p"))
        notes = footnotes(st)
        if notes:
            out["footnotes"] = notes
        return out

    def decision(self, el: etree._Element) -> str | dict[str, Any]:
        """A draft decision's words: its paragraph without the enacting formula unres prints
        before them (the catalogue's ``enacting`` and what :func:`decision_joint` puts after it;
        italic where the language sets italics); with its sub-paragraphs (the paragraph's
        ``list`` of ``point``s), ``{text, items}`` as an operative paragraph's."""
        from pipeline.transforms.resolve import decision_joint
        from pipeline.transforms.words import catalogue

        lang = LANG2.get(_first(self.st, ".//a:FRBRExpression/a:FRBRlanguage").get("language", ""), "en")
        cat = catalogue(lang)
        formula, after = str(cat.word("enacting")), str(cat.word("decision_after"))
        read = para(el)
        text = read if isinstance(read, str) else read["text"]
        for opening in (f"*{formula}*", formula):
            words = text[len(opening) :]
            joint = decision_joint(cat, words.lstrip(",，، "))
            if text.startswith(opening) and words.startswith(joint):
                items = read.get("items") if isinstance(read, dict) else None
                words = words[len(joint) :]
                return {"text": words, "items": items} if items else words
        raise self.fail(el, f"a draft decision's paragraph opens with '{formula}{after}', as unres writes it")

    def part(self, st: etree._Element, lettered: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if lettered:
            out["title"] = markup(_first(st, "a:preface/a:p/a:docTitle"))
        pre = [para(c) for c in st.findall("a:preamble/a:container", NS)]
        if pre:
            out["preamble"] = pre
        out["operative"] = blocks(_first(st, "a:mainBody"))
        closing = st.find("a:conclusions/a:p", NS)
        if closing is not None:
            event = _first(closing, "a:event")
            meeting = event.get("refersTo", "")
            number = meeting.rsplit("-", 1)[-1]
            if not number.isdigit():
                raise self.fail(closing, f"expected refersTo=\"#plenaryMeeting-N\", found {meeting!r}")
            day = dt.date.fromisoformat(_first(closing, "a:docDate").get("date", ""))
            resumed = {"resumed": True} if event.get(f"{U}resumed") == "true" else {}
            out["adopted"] = {"meeting": int(number), "date": day, **resumed}
        return out

    def annex(self, att: etree._Element) -> dict[str, Any]:
        doc = _first(att, "a:doc")
        out: dict[str, Any] = {}
        title = doc.find("a:preface/a:p/a:docTitle", NS)
        if title is not None:
            out["title"] = markup(title)
        for key in ("numbered", "restart"):
            if att.get(f"{U}{key}") is not None:
                out[key] = att.get(f"{U}{key}") == "true"
        out["paragraphs"] = blocks(_first(doc, "a:mainBody"))
        return out


def blocks(parent: etree._Element, chapeau: list[Any] | None = None) -> list[Any]:
    """mainBody (or a section) → the source's paragraph list, sections and headings in place;
    the blocks flagged ``unres:chapeau`` (an adopted text's opening) go to ``chapeau``."""
    out: list[Any] = []
    for el in parent:
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname
        into = chapeau if chapeau is not None and el.get(f"{U}chapeau") == "true" else out
        if tag == "section":
            into.append({"section": markup(_first(el, "a:heading"))})
            out += blocks(el, chapeau)
        elif tag == "hcontainer" and el.get("name") == "heading":
            into.append({"heading": markup(_first(el, "a:heading"))})
        elif tag == "hcontainer" and el.get("name") == "table":
            into.append({"table": table(_first(el, "a:content/a:table"))})
            notes = [markup(p) for p in el.findall("a:content/a:p[@class='tableNote']", NS)]
            if notes:
                into[-1]["table"]["notes"] = notes
        elif tag == "paragraph":
            into.append(para(el))
    return out


def adopted(el: etree._Element) -> dict[str, Any]:
    """An ``embeddedStructure`` (the text a paragraph adopts) → the source's ``adopts:``."""
    out: dict[str, Any] = {"title": markup(_first(el, "a:heading"))}
    subtitle = el.find("a:subheading", NS)
    if subtitle is not None:
        out["subtitle"] = markup(subtitle)
    chapeau: list[Any] = []
    paragraphs = blocks(el, chapeau)
    if chapeau:
        out["chapeau"] = chapeau
    for key in ("numbered", "restart"):
        if el.get(f"{U}{key}") is not None:
            out[key] = el.get(f"{U}{key}") == "true"
    out["paragraphs"] = paragraphs
    return out


def para(el: etree._Element) -> Any:
    """A paragraph, point, preambular container or blockList item → text or {text, items, opening}."""
    tag = etree.QName(el).localname
    if tag in ("container", "item"):
        text, kids = _first(el, "a:p"), _kids(el.find("a:blockList", NS))
    elif el.find("a:list", NS) is not None:
        text, kids = _first(el, "a:list/a:intro/a:p"), el.findall("a:list/a:point", NS)
    else:
        text, kids = _first(el, "a:content/a:p"), []
    opening = el.get(f"{U}opening")
    quoted = [markup(p) for p in text.getparent().findall("a:blockContainer[@class='quote']/a:p", NS)]
    adopts = text.find("a:embeddedStructure", NS)
    unnumbered = el.get(f"{U}numbered") == "false"
    if not kids and opening is None and not quoted and adopts is None and not unnumbered:
        return markup(text)
    out: dict[str, Any] = {"text": markup(text)} | ({"numbered": False} if unnumbered else {})
    if opening is not None:
        out["opening"] = opening == "true"
    if quoted:
        out["quote"] = quoted
    if kids:
        out["items"] = [para(k) for k in kids]
    if adopts is not None:
        out["adopts"] = adopted(adopts)
    return out


def table(el: etree._Element) -> dict[str, Any]:
    """An AKN table → the source's ``{caption, header, rows}``: the first row the header."""
    out: dict[str, Any] = {}
    caption = el.find("a:caption", NS)
    if caption is not None:
        out["caption"] = markup(caption)
    rows = [[markup(_first(cell, "a:p")) for cell in tr if isinstance(cell.tag, str)]
            for tr in el.findall("a:tr", NS)]
    if not rows:
        raise _Missing(el, "a:tr")
    out["header"], out["rows"] = rows[0], rows[1:]
    return out


def _kids(block_list: etree._Element | None) -> list[etree._Element]:
    return block_list.findall("a:item", NS) if block_list is not None else []


def footnotes(st: etree._Element) -> dict[str, str]:
    """Every note's text by its key, in the order of first call."""
    out: dict[str, str] = {}
    for note in st.iter(f"{A}authorialNote"):
        key = note.get(f"{U}key") or f"note-{note.get('marker')}"
        if key != SPONSOR_NOTE:  # the sponsor line's (sponsor_note:)
            out.setdefault(key, markup(_first(note, "a:p")))
    return out


# -- inline markup ------------------------------------------------------------------------------

def markup(el: etree._Element) -> str:
    """Inline content → the source's inline markup (``*italic*``, ``**bold**``, ``[^key]``)."""
    runs: list[tuple[str, bool, bool, bool, bool]] = []
    _collect(el, runs, False, False, False)
    merged: list[tuple[str, bool, bool, bool, bool]] = []
    for r in runs:
        if merged and not r[4] and not merged[-1][4] and merged[-1][1:4] == r[1:4]:
            merged[-1] = (merged[-1][0] + r[0], *r[1:])
        elif r[0]:
            merged.append(r)
    out = []
    for text, italic, bold, opening, note in merged:
        if note:
            out.append(text)
            continue
        t = _escape(text)
        if italic and not opening:
            t = f"*{t}*"
        if bold:
            t = f"**{t}**"
        out.append(t)
    return "".join(out)


def _collect(el: etree._Element, runs: list, italic: bool, bold: bool, opening: bool) -> None:
    if el.text:
        runs.append((el.text, italic, bold, opening, False))
    for child in el:
        if not isinstance(child.tag, str) or child.tag == f"{A}embeddedStructure":  # adopted(): its own
            pass
        elif child.tag in (f"{A}authorialNote", f"{A}noteRef"):
            key = child.get(f"{U}key") or f"note-{child.get('marker')}"
            runs.append((f"[^{key}]", False, False, False, True))
        elif child.tag == f"{A}eol":  # a title's line break (title: |-)
            runs.append(("\n", False, False, False, True))
        elif child.tag == f"{A}i":
            _collect(child, runs, True, bold, child.get("class") == "opening")
        elif child.tag == f"{A}b":
            _collect(child, runs, italic, True, opening)
        else:  # ref (a generated link), docNumber … : their text
            _collect(child, runs, italic, bold, opening)
        if child.tail:
            runs.append((child.tail, italic, bold, opening, False))


_SPECIAL = re.compile(r"\*|\\(?=[!-/:-@\[-`{-~]|$)|\[(?=\^)")


def _escape(text: str) -> str:
    """Literal stars, "[^" and backslashes before punctuation or at the end (what follows may
    be markup) escaped, as the inline reader needs them."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


class _Missing(Exception):
    """An element unres writes is not there (placed by the reader's caller)."""

    def __init__(self, el: etree._Element, path: str):
        self.line = el.sourceline or 1
        self.message = (f"expected <{path.replace('a:', '').lstrip('./')}> inside "
                        f"<{etree.QName(el).localname}>, as unres writes it")


def _first(el: etree._Element, path: str) -> etree._Element:
    found = el.find(path, NS)
    if found is None:
        raise _Missing(el, path)
    return found


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _dates(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"date"}:
        return dt.date.fromisoformat(value["date"])
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    return value
