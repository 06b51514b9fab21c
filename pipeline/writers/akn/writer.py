"""The resolved model → Akoma Ntoso 3.0 XML following the AKN4UN guidelines.

``<akomaNtoso><statement name="resolution">``: ``meta`` (FRBR identification with AKN4UN
URIs, TLC references for the General Assembly, the committee, the sponsors, the agenda items
and the plenary meetings, and unres' own settings as ``proprietary`` metadata), ``coverPage``
(the masthead), ``preface`` (heading, committee line, number and title), ``preamble``
(enacting formula, preambular paragraphs), ``mainBody`` (numbered paragraphs, sections,
sub-paragraphs), ``conclusions`` (the plenary line), ``attachments`` (annexes) and, for lettered
resolutions (52/38 A, B …), ``components`` holding one statement per resolution. Notes are
``authorialNote``s at their call. README ("Akoma Ntoso") lists what of AKN4UN is followed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from lxml import etree

from pipeline.model import Annex, Closing, Document, Part, Record, Runs, Text, plain_text
from pipeline.writers.akn import body
from pipeline.writers.akn.body import Context, add_text, runs, sub
from pipeline.writers.akn.names import (
    AKN,
    COMMITTEES,
    LANG3,
    NAMES,
    ONTOLOGY,
    UNRES,
    agenda_id,
    slug,
    sponsor_id,
    work_uri,
)
from pipeline.writers.akn.pretty import indent

#: Source keys the AKN body states itself (read back from there); the others are kept in
#: unres' proprietary metadata.
IN_AKN = frozenset(("language", "kind", "symbol", "issued", "session", "agenda", "committee", "report",
                    "sponsors", "job_number", "distribution", "short_title"))
NBSP = "\u00a0"
#: FRBRdate of a source that gives no date at all (a declaration's text imported without its
#: masthead and closing): AKN requires one; named "unknown".
UNKNOWN_DATE = dt.date(1, 1, 1)


def render(doc: Document) -> bytes:
    """The document as AKN 3.0 XML (UTF-8), valid against the OASIS schema."""
    if doc.redline is not None:
        raise ValueError("a redline has no Akoma Ntoso form: write the AKN of each version")
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN, "unres": UNRES})
    w = _Writer(doc)
    w.statement(root)
    indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class _Writer:
    def __init__(self, doc: Document):
        self.doc = doc
        self.rec = doc.record or Record()
        self.ctx = Context(doc)
        self.kind = str(self.rec.get("kind", "resolution"))
        self.lang3 = LANG3.get(doc.meta.language, doc.meta.language)
        self.number = doc.masthead.number or doc.masthead.symbol
        self.work_date = doc.meta.adopted or doc.meta.issued or UNKNOWN_DATE
        self.issued = doc.meta.issued or UNKNOWN_DATE
        self.work = work_uri(self.work_date, self.number)

    # -- the document ---------------------------------------------------------------------
    def statement(self, root: etree._Element) -> None:
        st = sub(root, "statement", name=NAMES.get(self.kind, self.kind), contains="originalVersion")
        self.meta(st, "main")
        self.cover(sub(st, "coverPage"))
        self.preface(sub(st, "preface"))
        parts = self.doc.parts
        lettered = any(p.letter for p in parts)
        if lettered:
            main = sub(st, "mainBody")
            for p in parts:
                sub(main, "componentRef", src=f"#{p.id}", showAs=p.letter or "")
        else:
            self.part_body(st, parts[0])
        if self.doc.annexes:
            att = sub(st, "attachments")
            for i, a in enumerate(self.doc.annexes):
                self.annex(att, a, i + 1)
        if lettered:
            comps = sub(st, "components", eId="components")
            for p in parts:
                self.component(comps, p)

    def part_body(self, st: etree._Element, part: Part) -> None:
        """preamble, mainBody and conclusions of a resolution (or of one lettered resolution)."""
        if part.enacting or part.preamble:
            pre = sub(st, "preamble")
            if part.enacting:
                p = sub(sub(pre, "formula", name="enactingFormula"), "p")
                sub(p, "i", part.enacting)
                add_text(p, part.enacting_after)
            for para in part.preamble:
                body.preambular(pre, para, self.ctx)
        body.blocks(sub(st, "mainBody"), part.operative, self.ctx)
        if part.closing:
            self.closing(sub(st, "conclusions"), part.closing)

    def component(self, comps: etree._Element, part: Part) -> None:
        st = sub(sub(comps, "component", eId=part.id), "statement", name="resolution")
        self.meta(st, part.id)
        head = sub(sub(st, "preface"), "p", **{"class": "partTitle"})
        sub(head, "docNumber", part.letter)
        if part.title:
            add_text(head, " ")
            runs(sub(head, "docTitle"), part.title, self.ctx)
        self.part_body(st, part)

    def annex(self, att: etree._Element, a: Annex, n: int) -> None:
        el = sub(att, "attachment", eId=a.id)
        body.flag(el, "numbered", a.numbered)
        body.flag(el, "restart", a.restart)
        doc = sub(el, "doc", name="annex")
        self.meta(doc, f"annex_{n}")
        pre = sub(doc, "preface")
        sub(sub(pre, "p", **{"class": "annexLabel"}), "docNumber", a.label)
        if a.title:
            runs(sub(sub(pre, "p", **{"class": "annexTitle"}), "docTitle"), a.title, self.ctx)
        body.blocks(sub(doc, "mainBody"), a.blocks, self.ctx)

    def closing(self, el: etree._Element, c: Closing) -> None:
        """The plenary line: ``event`` (the meeting) and ``docDate`` (the adoption)."""
        p = sub(el, "p", **{"class": "closing"})
        for i, what in enumerate(self.doc.meta.closing_order):
            if i:
                sub(p, "eol")
            if what == "meeting":
                event = sub(p, "event", c.meeting, refersTo=f"#plenaryMeeting-{c.number}")
                if c.resumed:  # the words say so in the language; the importer reads this flag
                    event.set(f"{{{UNRES}}}resumed", "true")
            else:
                sub(p, "docDate", c.date, date=_iso(c.on), refersTo="#adoptionDate")

    # -- metadata ---------------------------------------------------------------------------
    def meta(self, st: etree._Element, component: str) -> None:
        meta = sub(st, "meta")
        ident = sub(meta, "identification", source="#unres")
        self.frbr_work(sub(ident, "FRBRWork"), component)
        expr = f"{self.work}/{self.lang3}@"
        e = sub(ident, "FRBRExpression")
        sub(e, "FRBRthis", value=f"{expr}/!{component}")
        sub(e, "FRBRuri", value=expr)
        published = "publication" if self.doc.meta.issued else "unknown"
        sub(e, "FRBRdate", date=self.issued.isoformat(), name=published)
        sub(e, "FRBRauthor", href="#generalAssembly")
        sub(e, "FRBRlanguage", language=self.lang3)
        m = sub(ident, "FRBRManifestation")
        sub(m, "FRBRthis", value=f"{expr}/!{component}.xml")
        sub(m, "FRBRuri", value=f"{expr}.xml")
        sub(m, "FRBRdate", date=self.issued.isoformat(), name="generation")
        sub(m, "FRBRauthor", href="#unres")
        sub(m, "FRBRformat", value="application/akn+xml")
        if component == "main":
            self.references(sub(meta, "references", source="#unres"))
            self.proprietary(sub(meta, "proprietary", source="#unres"))

    def frbr_work(self, w: etree._Element, component: str) -> None:
        sub(w, "FRBRthis", value=f"{self.work}/!{component}")
        sub(w, "FRBRuri", value=self.work)
        sub(w, "FRBRalias", value=self.doc.masthead.symbol, name="symbol")
        sub(w, "FRBRdate", date=self.work_date.isoformat(),
            name="adoption" if self.doc.meta.adopted else "issue" if self.doc.meta.issued else "unknown")
        sub(w, "FRBRauthor", href="#generalAssembly", **{"as": "#author"})
        sub(w, "FRBRcountry", value="un")
        sub(w, "FRBRsubtype", value="deliberation")
        sub(w, "FRBRnumber", value=self.work.rsplit("/", 1)[1], showAs=self.number)
        sub(w, "FRBRname", value=NAMES.get(self.kind, self.kind))

    def references(self, refs: etree._Element) -> None:
        """TLC references: the organs, the sponsors, the agenda items, the plenary meetings."""
        mh, org = self.doc.masthead, f"{ONTOLOGY}/organization"
        _tlc(refs, "TLCOrganization", "un", f"{org}/un", mh.united_nations)
        _tlc(refs, "TLCOrganization", "generalAssembly", f"{org}/un/generalAssembly", mh.organ)
        if "committee" in self.rec:
            eid, name = COMMITTEES[int(str(self.rec.get("committee")))]
            _tlc(refs, "TLCOrganization", eid, f"{org}/un/generalAssembly.{eid}", name)
        for i, state in enumerate(_strings(self.rec.get("sponsors"))):
            _tlc(refs, "TLCOrganization", sponsor_id(i), f"{org}/state/{slug(state)}", state)
        _tlc(refs, "TLCObject", "unres", f"{ONTOLOGY}/object/software/unres", "unres")
        session = slug(str(self.rec.get("session")))
        for item, typed in dict.fromkeys(_agenda(self.rec)):  # an item listed twice: one reference
            eid = agenda_id(item)
            el = _tlc(refs, "TLCReference", eid, f"{ONTOLOGY}/agendaItem/{session}/{eid}", item,
                      name="agendaItem")
            el.set(f"{{{UNRES}}}type", typed)
        meetings = {p.closing.number: p.closing.meeting for p in self.doc.parts if p.closing}
        for number, words in meetings.items():
            _tlc(refs, "TLCEvent", f"plenaryMeeting-{number}",
                 f"{ONTOLOGY}/event/generalAssembly/plenaryMeeting/{number}", words)
        concepts = [("issueDate", "issue")]
        if self.doc.meta.adopted:
            concepts.append(("adoptionDate", "adoption"))
        if "distribution" in self.rec:
            dist = str(self.rec.get("distribution"))
            concepts.append((f"distribution-{dist}", dist))
        if "job_number" in self.rec:
            concepts.append(("publicationJobNumber", "job number"))
        for eid, show in concepts:
            _tlc(refs, "TLCConcept", eid, f"{ONTOLOGY}/concept/{eid.replace('-', '/')}", show)

    def proprietary(self, el: etree._Element) -> None:
        """unres' source values that AKN has no place for (house style, links, emblem …), and
        the order of the source's keys, as JSON (dates as ``{"date": "YYYY-MM-DD"}``)."""
        src = etree.SubElement(el, f"{{{UNRES}}}source")
        keys = etree.SubElement(src, f"{{{UNRES}}}keys")
        keys.text = " ".join(self.rec.keys or (k for k, _ in self.rec.values))
        for key, value in self.rec.values:
            if key in IN_AKN:
                continue
            v = etree.SubElement(src, f"{{{UNRES}}}value", key=key)
            v.text = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=False)

    # -- masthead ---------------------------------------------------------------------------
    def cover(self, cp: etree._Element) -> None:
        mh, rec = self.doc.masthead, self.rec
        sub(_p(cp, "unitedNations"), "organization", mh.united_nations, refersTo="#un")
        sub(_p(cp, "organ"), "docAuthority", mh.organ, refersTo="#generalAssembly")
        sub(_p(cp, "symbol"), "docNumber", mh.symbol)
        dist = sub(_p(cp, "distribution"), "inline", name="distribution",
                   refersTo=f"#distribution-{rec.get('distribution')}" if "distribution" in rec else None)
        for i, line in enumerate(mh.distribution):
            if i:
                sub(dist, "eol")
            add_text(dist, line)
        if mh.issued.text:
            sub(_p(cp, "date"), "docDate", mh.issued.text, date=_iso(rec.get("issued")),
                refersTo="#issueDate")
        if mh.language_line:  # the language of the expression, before "Original:" (AKN4UN's order)
            sub(_p(cp, "language"), "inline", mh.language_line, name="language")
        if mh.original:
            sub(_p(cp, "original"), "inline", mh.original, name="originalLanguage")
        # the value carries the session as the source gives it: 52, "S-27", "ES-11"
        sub(_p(cp, "session"), "session", mh.session.text, value=str(rec.get("session")))
        if mh.agenda.text:
            refs = " ".join(f"#{agenda_id(item)}" for item, _ in _agenda(rec))
            ag = sub(_p(cp, "agenda"), "inline", mh.agenda.text, name="agenda", refersTo=refs or None)
            body.flag(ag, "list", isinstance(rec.get("agenda"), list))
        if mh.agenda_title:
            runs(sub(_p(cp, "agendaTitle"), "inline", name="agendaTitle"), mh.agenda_title, self.ctx)
        if mh.job_number:
            sub(_p(cp, "jobNumber"), "docketNumber", mh.job_number, refersTo="#publicationJobNumber")

    def preface(self, pf: etree._Element) -> None:
        mh = self.doc.masthead
        if mh.heading.text:
            sub(_p(pf, "heading"), "docType", mh.heading.text)
        if mh.committee:
            eid = COMMITTEES[int(str(self.rec.get("committee")))][0]
            sub(_p(pf, "committee"), "docCommittee", mh.committee, refersTo=f"#{eid}")
        if mh.provenance:
            self.provenance(_p(pf, "provenance"))
        if mh.sponsor_line:
            refs = " ".join(f"#{sponsor_id(i)}" for i, _ in enumerate(_strings(self.rec.get("sponsors"))))
            runs(sub(_p(pf, "sponsors"), "docProponent", refersTo=refs or None), mh.sponsor_line, self.ctx)
        title = _p(pf, "title")
        if mh.number:
            sub(title, "docNumber", mh.number)
            add_text(title, ". ")
        runs(sub(title, "docTitle"), _typed_title(mh.title), self.ctx)
        if mh.doc_heading:
            sub(_p(pf, "docHeading"), "docStage", mh.doc_heading)
        if "short_title" in self.rec:
            sub(_p(pf, "shortTitle"), "shortTitle", str(self.rec.get("short_title")))

    def provenance(self, p: etree._Element) -> None:
        """"[on the report of the Third Committee (A/52/639)]": the committee as the document's
        proponent, the report's symbol(s) an ``inline name="report"`` (its cited symbols linked)."""
        mh = self.doc.masthead
        rs: Runs = mh.provenance_runs or (Text(mh.provenance.text if mh.provenance else ""),)
        add_text(p, "[")
        inner = p
        if "committee" in self.rec:
            eid = COMMITTEES[int(str(self.rec.get("committee")))][0]
            inner = sub(p, "docProponent", refersTo=f"#{eid}")
        report = str(self.rec.get("report", ""))
        text = plain_text(rs)
        at = text.rfind(report) if report else -1
        if at < 0:
            runs(inner, rs, self.ctx)
        else:
            before, middle, after = _split(rs, at, at + len(report))
            runs(inner, before, self.ctx)
            runs(sub(inner, "inline", name="report"), middle, self.ctx)
            runs(inner, after, self.ctx)
        add_text(p, "]")


def _tlc(refs: etree._Element, tag: str, eid: str, href: str, show: str, **more: str) -> etree._Element:
    return sub(refs, tag, eId=eid, href=href, showAs=show, **more)


def _p(parent: etree._Element, cls: str) -> etree._Element:
    return sub(parent, "p", **{"class": cls})


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _agenda(rec: Record) -> list[tuple[str, str]]:
    """The agenda items as written, each with its YAML type ("int" or "str")."""
    value = rec.get("agenda")
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [(str(v), "int" if isinstance(v, int) else "str") for v in items]


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _typed_title(title: Runs) -> Runs:
    """The title as typed: the no-break space joining its last two words is the writers'
    typography (:func:`pipeline.transforms.resolve.keep_last_words`), not the drafter's."""
    out = list(title)
    for i in range(len(out) - 1, -1, -1):
        r = out[i]
        if isinstance(r, Text) and NBSP in r.text:
            k = r.text.rfind(NBSP)
            out[i] = replace(r, text=r.text[:k] + " " + r.text[k + 1:])
            break
    return tuple(out)


def _split(rs: Runs, start: int, end: int) -> tuple[Runs, Runs, Runs]:
    """Runs cut at two offsets of their plain text (a footnote call counts as no text)."""
    parts: tuple[list, list, list] = ([], [], [])
    pos = 0
    for r in rs:
        if not isinstance(r, Text):
            parts[0 if pos <= start else 1 if pos < end else 2].append(r)
            continue
        t = r.text
        for which, (a, b) in enumerate(((0, start), (start, end), (end, 1 << 62))):
            lo, hi = max(a, pos), min(b, pos + len(t))
            if lo < hi:
                parts[which].append(replace(r, text=t[lo - pos:hi - pos]))
        pos += len(t)
    return tuple(parts[0]), tuple(parts[1]), tuple(parts[2])
