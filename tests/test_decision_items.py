"""A draft decision with sub-paragraphs: "The General Assembly, taking note of …, decides:" then
(a), (b) (with (i), (ii)) and (c), as issued General Assembly decisions set them. The source says
``decision: {text: "… decides:", items: [...]}``, the items an operative paragraph's; every format
prints the lead-in paragraph, then the lettered items as an operative paragraph's sub-paragraphs
print them.

The input is MADE UP (tests/import/drafts/A_C.4_80_L.99_made_up_decision.txt, its header comment
says so): A/C.4/80/L.10's masthead over an invented decision. Before, `unres import` joined the
items into one text, their labels lost, with a warning, and a source could not say them
(``decision:`` was one text).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import lxml.etree
import lxml.html
import pdfplumber
import pytest
import yaml
from conftest import ROOT

from pipeline.app.build import build_file, load_document
from pipeline.importer.convert import convert, read_input

sys.path.insert(0, str(ROOT / "tools"))
import corpus  # noqa: E402

MADE_UP = ROOT / "tests" / "import" / "drafts" / "A_C.4_80_L.99_made_up_decision.txt"
LEAD_IN = ("taking note of the report of the Committee on its sixty-eighth session, held in Vienna from "
           "25 June to 2 July 2025,[^a-80-20] decides:")
ITEMS = [
    "To invite the Committee to review its working methods at its sixty-ninth session;",
    {"text": "To request the Secretariat:",
     "items": ["To prepare a note on the options for the review;",
               "To make the note available to the members of the Committee;"]},
    'To include in the provisional agenda of its eighty-first session the item entitled "International '
    'cooperation in the peaceful uses of outer space".',
]
LABELS = ["(a)", "(b)", "(i)", "(ii)", "(c)"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body_words() -> list[str]:
    """The made-up paragraph's words (tools/corpus.py), from "The General Assembly" to the rule; the
    labels are compared as labels, not words."""
    lines = [re.sub(r"^\([a-z]+\) ", "", x.strip()) for x in MADE_UP.read_text(encoding="utf-8").split("\n")]
    start = next(i for i, x in enumerate(lines) if x.startswith("The General Assembly"))
    end = next(i for i, x in enumerate(lines) if x.startswith("_____"))
    return corpus.words(" ".join(lines[start:end]))


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    folder = tmp_path_factory.mktemp("decision-items")
    imported = convert(read_input(str(MADE_UP)), str(MADE_UP))
    # the made-up input's header comment is the only line warned about
    assert [w.line for w in imported.warnings] == [1]
    path = folder / "A_C.4_80_L.99.yaml"
    path.write_text(imported.yaml, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def resolution(src, tmp_path_factory):
    """The same sub-paragraphs under a draft resolution's operative paragraph ("1. Decides:"): what
    the decision's items must look like."""
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data["kind"] = "draft"
    decision = data.pop("decision")
    data["preamble"] = ["*Taking note* of the report,[^a-80-20]"]
    data["operative"] = [{"text": "Decides:", "items": decision["items"]}]
    path = tmp_path_factory.mktemp("resolution-items") / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_importer_reads_the_items_as_an_operative_paragraphs(src):
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    assert (data["kind"], data["symbol"], data["sponsors"]) == ("draft-decision", "A/C.4/80/L.99",
                                                                ["Austria", "France", "Spain"])
    assert data["decision"] == {"text": LEAD_IN, "items": ITEMS}
    assert not {"preamble", "operative"} & set(data)


def _labels(pdf) -> list[tuple[str, float]]:
    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words()]
    return [(w["text"], round(w["x0"], 1)) for w in words if w["text"] in LABELS]


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_the_pdf_prints_the_lead_in_then_the_items_as_sub_paragraphs(src, resolution, tmp_path, style):
    pdf, page, docx = build_file(src, tmp_path / "decision", ("pdf", "html", "docx"), style, None)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [_flat(x) for x in text.split("\n")]
    flat = _flat(text)
    assert flat[flat.index("The General Assembly"):].startswith(
        "The General Assembly, taking note of the report of the Committee")
    # the lead-in ends "decides:" before (a); each item's line opens with its label, in order
    assert re.search(r"decides:\s+\(a\) To invite", flat)
    starts = [x.split()[0] for x in lines if x.split() and x.split()[0] in LABELS]
    assert starts == LABELS
    assert not [x for x in lines if re.match(r"^1\.\s", x)]
    # every word in order in the PDF, the HTML and the DOCX
    for seen in (corpus.words(text), corpus._html_words(page), corpus._docx_words(docx)):
        assert corpus.in_order(_body_words(), seen) == 1.0
    # the labels stand where a draft resolution's operative sub-paragraphs' stand
    [ref] = build_file(resolution, tmp_path / "resolution", ("pdf",), style, None)
    assert _labels(pdf) == _labels(ref)


def test_html_and_docx_lists(src, resolution, tmp_path):
    page, docx = build_file(src, tmp_path / "decision", ("html", "docx"), "modern", None)
    tree = lxml.html.fromstring(page.read_bytes())
    [p] = tree.xpath("//p[@id='decision']")
    assert _flat(p.text_content()).startswith("The General Assembly, taking note")
    assert _flat(p.text_content()).endswith("decides:")
    [ol] = p.xpath("following-sibling::ol[1][@class='sub level-1']")
    assert [li.get("data-label") for li in ol.xpath("li")] == ["(a)", "(b)", "(c)"]
    [inner] = ol.xpath("li[2]/ol[@class='sub level-2']")
    assert [li.get("data-label") for li in inner.xpath("li")] == ["(i)", "(ii)"]
    assert _flat(ol.xpath("li[2]/p")[0].text_content()) == "(b) To request the Secretariat:"

    def styles(path):
        with zipfile.ZipFile(path) as z:
            body = lxml.etree.fromstring(z.read("word/document.xml"))
        out = []
        for par in body.iter(f"{W}p"):
            text = "".join(par.itertext())
            style = par.find(f"{W}pPr/{W}pStyle")
            if text.startswith("To "):
                out.append((style.get(f"{W}val"), text[:20], par.find(f"{W}pPr/{W}numPr") is not None))
        return out

    [ref] = build_file(resolution, tmp_path / "resolution", ("docx",), "modern", None)
    seen = styles(docx)
    assert seen == styles(ref) and [s for s, _, _ in seen] == [
        "UNSubparagraph1", "UNSubparagraph1", "UNSubparagraph2", "UNSubparagraph2", "UNSubparagraph1"]


def test_akn_reads_back_the_items(src, tmp_path):
    from pipeline.importer.akn import read
    from pipeline.source import load

    [akn] = build_file(src, tmp_path, ("akn",), "modern", None)
    root = lxml.etree.fromstring(akn.read_bytes())
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    [para] = root.findall(".//a:mainBody/a:paragraph[@eId='decision']", ns)
    assert [x.text for x in para.findall("a:list/a:point/a:num", ns)] == ["(a)", "(b)", "(c)"]
    data = read(akn.read_bytes(), "x.akn.xml")
    assert data["decision"] == {"text": LEAD_IN, "items": ITEMS} and data == load(src).data


def test_a_redline_and_history_of_a_changed_item(src, tmp_path):
    from conftest import unres

    from pipeline.transforms.diff import diff
    from pipeline.writers import docx, html, pdf

    new = tmp_path / "new.yaml"
    new.write_text(src.read_text(encoding="utf-8").replace("To prepare a note", "To prepare a short note"),
                   encoding="utf-8")
    red = diff(load_document(src), load_document(new))
    tree = lxml.html.fromstring(html.render(red))
    [li] = tree.xpath("//li[@id='decision-b-i']")
    assert [x.text_content().strip() for x in li.xpath(".//ins")] == ["short"]
    assert not tree.xpath("//p[@id='decision']//ins | //p[@id='decision']//del")
    assert red.redline.summary.entries
    assert pdf.render(red)[:5] == b"%PDF-" and docx.render(red)[:2] == b"PK"
    run = unres("history", src, new, "-o", tmp_path / "history.html")
    assert run.returncode == 0, run.stderr
    stages = lxml.html.fromstring((tmp_path / "history.html").read_bytes()).xpath("//section[@class='stage']")
    assert [[li.text_content() for li in s.xpath(".//li")] for s in stages] == [
        ["As tabled"], ["The text of the decision changed"]]
