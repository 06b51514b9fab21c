"""unres import X.xml: Akoma Ntoso back into the source. source → AKN → source is identical for
every source and fixture (the loaded data, and the YAML the importer writes loads to it); bad
input is placed file:line:column, exit status 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.importer.akn import read
from pipeline.source.loader import load
from pipeline.transforms.resolve import build
from pipeline.writers.akn import render
from tests.conftest import ROOT, SEED, unres
from tests.test_akn import ALL, NS

STRUCTURES = ROOT / "tests" / "fixtures" / "structures.yaml"


def akn_bytes(path: Path) -> bytes:
    return render(build(load(path)))


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT)))
def test_source_to_akn_to_source_is_identical(path):
    src = load(path)
    assert read(render(build(src)), "x.akn.xml") == src.data


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_imported_yaml_loads_to_the_same_data(path, tmp_path):
    xml = tmp_path / f"{path.stem}.akn.xml"
    xml.write_bytes(akn_bytes(path))
    out = tmp_path / "back.yaml"
    r = unres("import", xml, "-o", out)
    assert r.returncode == 0, r.stderr
    assert load(out).data == load(path).data


def test_the_text_is_read_from_the_akn_body_not_kept_aside():
    """Editing the AKN's paragraph text, note text and plenary line changes the source read back."""
    root = etree.fromstring(akn_bytes(SEED))
    opening = root.find(".//a:mainBody/a:paragraph[17]/a:content/a:p/a:i", NS)
    opening.tail = opening.tail.replace("continue examination", "conclude examination")
    note = root.find(".//a:authorialNote[@eId='fn-3']/a:p", NS)
    note.clear()
    note.text = "A/51/341, annex."
    root.find(".//a:conclusions//a:event", NS).set("refersTo", "#plenaryMeeting-71")
    for tlc in root.iter(f"{{{NS['a']}}}TLCEvent"):
        tlc.set("eId", "plenaryMeeting-71")
    data = read(etree.tostring(root), "edited.xml")
    assert data["operative"][16].startswith("Decides to conclude examination")
    assert data["footnotes"]["programme"] == "A/51/341, annex."
    assert data["adopted"]["meeting"] == 71


def test_markup_comes_back_italic_bold_and_opening():
    data = read(akn_bytes(STRUCTURES), "s.xml")
    assert data["title"] == "Questions relating to *information*"
    assert data["footnotes"]["report"].startswith("*Official Records of the General Assembly")
    assert data["parts"][0]["preamble"][0] == "Recalling its resolution 98/7 of 10 December 2043,[^prev]"


# -- bad input -------------------------------------------------------------------------------


def _run_bad(tmp_path: Path, name: str, body: bytes):
    bad = tmp_path / name
    bad.write_bytes(body)
    out = tmp_path / "out.yaml"
    r = unres("import", bad, "-o", out)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    assert not out.exists()
    return r.stderr.strip(), str(bad)


def test_not_well_formed_xml(tmp_path):
    body = akn_bytes(SEED).replace(b"</preamble>", b"", 1)
    line = body[: body.index(b"<mainBody>")].count(b"\n") + 1
    err, name = _run_bad(tmp_path, "broken.xml", body)
    assert err.startswith(f"{name}:"), err
    assert "not well-formed XML" in err and "mismatch" in err.lower()
    assert int(err.split(":")[1]) >= line - 1


def test_binary_named_xml(tmp_path):
    err, name = _run_bad(tmp_path, "x.xml", b"\x00\x01PK\x03\x04")
    assert err.startswith(f"{name}:1:") and "not well-formed XML" in err


def test_xml_that_is_not_akoma_ntoso(tmp_path):
    err, name = _run_bad(tmp_path, "page.xml", b'<?xml version="1.0"?>\n<html><body/></html>\n')
    assert err == (f"{name}:2:1: expected an Akoma Ntoso document: <akomaNtoso> in the namespace "
                   "http://docs.oasis-open.org/legaldocml/ns/akn/3.0, found <html>")


def test_akn_that_does_not_validate(tmp_path):
    body = akn_bytes(SEED).replace(b"<mainBody>", b"<mainBody>\n      <bogus/>", 1)
    line = body[: body.index(b"<bogus/>")].count(b"\n") + 1
    err, name = _run_bad(tmp_path, "invalid.akn.xml", body)
    first = err.splitlines()[0]
    assert first.startswith(f"{name}:{line}:"), (first, line)
    assert "not valid Akoma Ntoso 3.0 (akomantoso30.xsd)" in first and "bogus" in first
    assert "Expected is one of" in first


def test_a_duplicate_eid_does_not_validate(tmp_path):
    body = akn_bytes(SEED).replace(b'eId="op-2"', b'eId="op-1"', 1)
    err, _ = _run_bad(tmp_path, "dup.xml", body)
    assert "not valid Akoma Ntoso 3.0" in err and "op-1" in err


def test_valid_akn_not_written_by_unres(tmp_path):
    act = (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n'
           b'<act name="act"><meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/za/act/2009/1/!main"/>'
           b'<FRBRuri value="/akn/za/act/2009/1"/><FRBRdate date="2009-01-01" name="x"/>'
           b'<FRBRauthor href="#x"/><FRBRcountry value="za"/></FRBRWork><FRBRExpression>'
           b'<FRBRthis value="/akn/za/act/2009/1/eng@/!main"/><FRBRuri value="/akn/za/act/2009/1/eng@"/>'
           b'<FRBRdate date="2009-01-01" name="x"/><FRBRauthor href="#x"/><FRBRlanguage language="eng"/>'
           b'</FRBRExpression><FRBRManifestation><FRBRthis value="/akn/za/act/2009/1/eng@/!main"/>'
           b'<FRBRuri value="/akn/za/act/2009/1/eng@"/><FRBRdate date="2009-01-01" name="x"/>'
           b'<FRBRauthor href="#x"/></FRBRManifestation></identification></meta>'
           b'<body><section eId="sec_1"><content><p>Text.</p></content></section></body></act>\n'
           b'</akomaNtoso>\n')
    err, name = _run_bad(tmp_path, "act.xml", act)
    assert err.startswith(f"{name}:2:1: valid Akoma Ntoso, but not a General Assembly document as unres writes it")


def test_an_existing_output_is_not_clobbered(tmp_path):
    out = tmp_path / "keep.yaml"
    out.write_text("kept\n")
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<akomaNtoso")
    r = unres("import", bad, "-o", out)
    assert r.returncode == 2 and out.read_text() == "kept\n"


# -- other languages, every switch, random sources ------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "zh", "ar"])
def test_other_languages_validate_and_come_back(lang, tmp_path):
    from lxml import etree as et

    from tests.test_languages import source as language_source

    path = language_source(tmp_path, lang, "1998" if lang == "fr" else "modern")
    src = load(path)
    xml = render(build(src))
    root = et.fromstring(xml)
    from pipeline.writers.akn.schema import errors

    assert not errors(root)
    three = {"fr": "fra", "es": "spa", "ru": "rus", "zh": "zho", "ar": "ara"}[lang]
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == three
    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value").endswith(f"/{three}@")
    assert read(xml, "x.xml") == src.data


SWITCHES = """\
style: "1998"
language: en
symbol: A/RES/S-27/2
distribution: general
issued: 2002-05-10
original: true
session: S-27
agenda: 8
agenda_title: "Adoption of the *final* document"
report: A/S-27/L.1
draft: A/56/L.6
title: A world fit for children
short_title: World fit for children
job_number: 02-38541
job_date: 2002-05-10
links: false
emblem: false
repeated_notes: new
oral_revisions:
  draft: A/56/L.6
  source: A/S-27/PV.6
  instructions:
    - {at: op1, insert: fully, after: Adopts}
preamble:
  - text: Recalling its resolution 51/186,
    opening: false
operative:
  - "**Adopts** the annexed document.[^doc][^doc]"
annexes:
  - title: Declaration
    restart: true
    numbered: true
    paragraphs:
      - heading: Article 1
      - We reaffirm our obligation.[^doc]
      - heading: Article 2
      - The first point.
      - text: "We will:"
        items:
          - act;
          - report.
  - paragraphs:
      - section: Plan of action
      - An unnumbered paragraph with a literal \\* star.
footnotes:
  doc: See A/S-27/19/Rev.1.
adopted:
  meeting: 6
  date: 2002-05-10
"""


def test_every_switch_comes_back(tmp_path):
    path = tmp_path / "switches.yaml"
    path.write_text(SWITCHES, encoding="utf-8")
    src = load(path)
    xml = render(build(src))
    from pipeline.writers.akn.schema import errors

    assert not errors(etree.fromstring(xml))
    assert read(xml, "x.xml") == src.data
    root = etree.fromstring(xml)
    assert root.find(".//a:coverPage//a:session", NS).get("value") == "S-27"
    assert root.find(".//a:mainBody/a:paragraph", NS).find("a:num", NS) is None  # one paragraph: no number
    notes = root.findall("a:statement/a:mainBody//a:authorialNote", NS)  # "new": the repeated call is a new note
    assert [n.get("marker") for n in notes] == ["1", "2"] and not root.findall(".//a:noteRef", NS)


def test_random_sources_validate_and_come_back():
    """Hypothesis sources (parts, sections, nested sub-paragraphs, annexes, notes, hostile
    punctuation): the AKN validates; the source read back writes the same AKN again (a fixed
    point); and the data is identical unless the text spells a character with an escape."""
    import tempfile

    import yaml
    from hypothesis import HealthCheck, Phase, given, settings

    from pipeline.writers.akn.schema import errors
    from tests.test_properties import sources

    def loaded(text: str):
        with tempfile.TemporaryDirectory() as folder:
            p = Path(folder) / "s.yaml"
            p.write_text(text, encoding="utf-8")
            return load(p)

    @settings(max_examples=30, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(sources())
    def check(text_of_source: str):
        src = loaded(text_of_source)
        xml = render(build(src))
        assert not errors(etree.fromstring(xml))
        data = read(xml, "x.xml")
        back = loaded(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        assert render(build(back)) == xml
        if "\\" not in text_of_source:
            assert data == src.data

    check()


def test_valid_akn_whose_source_is_not_valid(tmp_path):
    body = akn_bytes(SEED).replace(b'<session value="52">', b'<session value="0">', 1)
    err, name = _run_bad(tmp_path, "zero.akn.xml", body)
    assert err.startswith(f"{name}:1:1: reads as a source that is not valid:") and "session" in err


def test_a_hand_edit_unres_does_not_write(tmp_path):
    body = akn_bytes(SEED).replace(b'refersTo="#plenaryMeeting-70"', b'refersTo="#meeting"', 1)
    err, name = _run_bad(tmp_path, "edit.akn.xml", body)
    assert err.startswith(f"{name}:") and 'plenaryMeeting-N' in err


def test_a_volume_or_a_redline_has_no_akn(tmp_path):
    r = unres("volume", ROOT / "source", "--session", "52", "-o", tmp_path / "v", "--format", "akn")
    assert r.returncode == 2 and "a volume has no Akoma Ntoso form" in r.stderr
    assert not (tmp_path / "v").exists()


def test_an_agenda_item_listed_twice(tmp_path):
    """Found by hypothesis: one TLCReference per item (eIds are unique), the agenda line's
    refersTo keeps the list as written."""
    path = tmp_path / "twice.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").replace("agenda: [107]", 'agenda: [107, "20 (b)", 107]'),
                    encoding="utf-8")
    src = load(path)
    xml = render(build(src))
    from pipeline.writers.akn.schema import errors

    assert not errors(etree.fromstring(xml))
    assert read(xml, "x.xml")["agenda"] == [107, "20 (b)", 107] == src.data["agenda"]
