"""Cited documents linked, as issued: symbols in the text, the notes and the committee line
link to undocs.org in the language of the document (pipeline/transforms/links.py); the writers
render the model's links as PDF link annotations, HTML <a href> and DOCX w:hyperlink."""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pytest
from conftest import MODERN, REFERENCE, unres
from lxml import etree
from lxml import html as lhtml

from pipeline.app.build import load_document
from pipeline.model import Text
from pipeline.transforms.links import link_runs
from pipeline.writers import pdf
from pipeline.writers.docx import render as docx_render
from pipeline.writers.html import render_html

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def pdf_links(data) -> list[str]:
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    return [h["uri"] for p in pdfplumber.open(src).pages for h in p.hyperlinks]


def without_language(url: str) -> str:
    """Issued in 2018, A/RES/73/8 wrote no language in its links (https://undocs.org/A/73/L.3);
    we always write it (https://undocs.org/en/A/73/L.3), as 2022 resolutions do."""
    return re.sub(r"^https://undocs\.org/(?:[a-z]{2}/)?", "https://undocs.org/", url)


def linked(text: str) -> list[tuple[str, str]]:
    return [(r.text, r.link) for r in link_runs((Text(text),), "en") if isinstance(r, Text) and r.link]


@pytest.fixture(scope="module")
def doc():
    return load_document(MODERN)


def test_a_res_73_8_links_what_the_issued_pdf_links(doc):
    issued = pdf_links(REFERENCE / "A_RES_73_8.pdf")
    ours = pdf_links(pdf.render(doc))
    assert len(issued) == 55
    assert sorted(map(without_language, ours)) == sorted(issued)  # the same 55 links, 28 documents
    assert all(u.startswith("https://undocs.org/en/") for u in ours)


def test_links_in_html_and_docx(doc):
    page = lhtml.fromstring(render_html(doc))
    hrefs = page.xpath('//a[@class="cite"]/@href')
    assert len(hrefs) == 55 and "https://undocs.org/en/A/73/L.3" in hrefs
    assert page.xpath('//*[@class="provenance"]//a[@href="https://undocs.org/en/A/73/L.3"]/text()') == ["A/73/L.3"]
    data = docx_render(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        rels = {
            name: dict(re.findall(r'Id="(rId\d+)"[^>]*Target="(https://undocs[^"]+)"', z.read(name).decode()))
            for name in ("word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels")
        }
    links = [rels["word/_rels/document.xml.rels"][h.get(f"{{{R}}}id")] for h in body.iter(f"{{{W}}}hyperlink")]
    links += [rels["word/_rels/footnotes.xml.rels"][h.get(f"{{{R}}}id")] for h in notes.iter(f"{{{W}}}hyperlink")]
    assert sorted(map(without_language, links)) == sorted(pdf_links(REFERENCE / "A_RES_73_8.pdf"))


def test_links_false_turns_them_off(tmp_path):
    src = tmp_path / "x.yaml"
    src.write_text(MODERN.read_text(encoding="utf-8") + "links: false\n", encoding="utf-8")
    doc = load_document(src)
    assert pdf_links(pdf.render(doc)) == []
    assert not lhtml.fromstring(render_html(doc)).xpath("//a[@class='cite']")
    with zipfile.ZipFile(io.BytesIO(docx_render(doc))) as z:
        assert b"hyperlink" not in z.read("word/_rels/document.xml.rels")


def test_links_must_be_true_or_false(tmp_path):
    src = tmp_path / "x.yaml"
    src.write_text(MODERN.read_text(encoding="utf-8") + "links: maybe\n", encoding="utf-8")
    r = unres("check", src)
    assert r.returncode == 2 and "Traceback" not in r.stderr and re.search(r"x\.yaml:\d+:\d+: links", r.stderr)


def test_every_symbol_form():
    assert linked("Security Council resolution 2623 (2022) of 27 February 2022") == [
        ("2623 (2022)", "https://undocs.org/en/S/RES/2623(2022)")
    ]
    assert linked("its resolutions 377 A (V) of 3 November 1950 and 2625 (XXV)") == [
        ("377 A (V)", "https://undocs.org/en/A/RES/377(V)"),
        ("2625 (XXV)", "https://undocs.org/en/A/RES/2625(XXV)"),
    ]
    assert linked("(A/ES-11/L.1 and A/ES-11/L.1/Add.1)") == [
        ("A/ES-11/L.1", "https://undocs.org/en/A/ES-11/L.1"),
        ("A/ES-11/L.1/Add.1", "https://undocs.org/en/A/ES-11/L.1/Add.1"),
    ]
    assert linked("A/73/85.") == [("A/73/85", "https://undocs.org/en/A/73/85")]
    assert linked("its resolutions ES-11/1 and S-27/2 and 52/38 A") == [
        ("ES-11/1", "https://undocs.org/en/A/RES/ES-11/1"),
        ("S-27/2", "https://undocs.org/en/A/RES/S-27/2"),
        ("52/38 A", "https://undocs.org/en/A/RES/52/38"),
    ]
    assert linked("A/RES/S-27/2 and S/RES/2623 (2022)")[1] == ("S/RES/2623 (2022)", "https://undocs.org/en/S/RES/2623(2022)")


def test_numbers_not_cited_as_resolutions_stay_plain():
    assert linked("one half (1/2) of the 24 members") == []
    assert linked("Recalls resolution 72/4; notes that 3/4 of States") == [
        ("72/4", "https://undocs.org/en/A/RES/72/4")
    ]
    assert linked("Article 2 (4) of the Charter, signed in 1945 (1945)") == []


def test_a_res_es_11_1_links_what_the_issued_pdf_links():
    """The issued ES-11/1 text through the recogniser from its agenda item on (its own symbol
    left out): every link of the issued PDF, nothing else."""
    text = (REFERENCE / "A_RES_ES-11_1.txt").read_text(encoding="utf-8")
    body = text[text.index("Agenda item"):]
    got = {u for para in body.split("\n") for _, u in linked(re.sub(r"<sup>\d+</sup>", "", para))}
    issued = set(pdf_links(REFERENCE / "A_RES_ES-11_1.pdf"))
    assert got == issued and len(issued) == 8


# -- a redline: a changed committee line keeps its marks and its links (issue 15 × the diff) ----
@pytest.fixture(scope="module")
def report_redline(tmp_path_factory):
    """``unres diff`` of the seed and the seed with another report symbol, links on and off."""
    from support.redlines import texts

    tmp = tmp_path_factory.mktemp("report")
    old, new = texts("committee_report")
    out = {}
    for links in (True, False):
        folder = tmp / ("on" if links else "off")
        folder.mkdir()
        for name, text in (("old", old), ("new", new)):
            (folder / f"{name}.yaml").write_text(text if links else f"links: false\n{text}", encoding="utf-8")
        proc = unres("diff", folder / "old.yaml", folder / "new.yaml", "-o", folder / "out")
        assert proc.returncode == 0, proc.stderr
        out[links] = {f.suffix: f.read_bytes() for f in (folder / "out").iterdir()}
    return out


OLD_LINE = "on the report of the Third Committee (A/52/639)"
NEW_LINE = "on the report of the Third Committee (A/52/640)"


@pytest.mark.parametrize("links", [True, False], ids=["links", "no-links"])
def test_a_changed_committee_line_shows_old_deleted_and_new_inserted(report_redline, links):
    files = report_redline[links]
    # HTML: the old line in <del>, the new in <ins>; with links, the new symbol's link inside <ins>
    prov = lhtml.fromstring(files[".html"]).xpath('//p[@class="provenance"]')[0]
    assert "".join(prov.xpath(".//del//text()")) == OLD_LINE
    assert "".join(prov.xpath(".//ins//text()")) == NEW_LINE
    inserted_links = prov.xpath(".//ins//a/@href")
    assert inserted_links == (["https://undocs.org/en/A/52/640"] if links else [])
    # DOCX: w:del holds the old line, w:ins the new, the new symbol a w:hyperlink to its page
    with zipfile.ZipFile(io.BytesIO(files[".docx"])) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    par = next(p for p in body.iter(f"{{{W}}}p") if p.find(f"{{{W}}}pPr/{{{W}}}pStyle[@{{{W}}}val='UNProvenance']")
               is not None)
    assert "".join(par.xpath(".//w:del//w:delText/text()", namespaces={"w": W})) == OLD_LINE
    assert "".join(par.xpath(".//w:ins//w:t/text()", namespaces={"w": W})) == NEW_LINE
    targets = {r.get("Id"): r.get("Target") for r in rels}
    linked_ins = [targets[h.get(f"{{{R}}}id")] for h in par.iter(f"{{{W}}}hyperlink")
                  if h.find(f".//{{{W}}}ins") is not None]
    assert linked_ins == (["https://undocs.org/en/A/52/640"] if links else [])
    # PDF: both lines are printed, the old one before the new
    text = " ".join(pdfplumber.open(io.BytesIO(files[".pdf"])).pages[0].extract_text().split())
    assert OLD_LINE in text and NEW_LINE in text and text.index(OLD_LINE) < text.index(NEW_LINE)
    if links:
        assert "https://undocs.org/en/A/52/640" in pdf_links(files[".pdf"])


def test_web_addresses_link_to_themselves():
    """As Word links an address typed in a document; the sentence's punctuation stays outside."""
    assert linked("See https://milex-reporting.unoda.org/en/states.") == [
        ("https://milex-reporting.unoda.org/en/states", "https://milex-reporting.unoda.org/en/states")
    ]
    assert linked("(see https://www.un.org/en/ga/, accessed 1 May 2025; A/73/85)") == [
        ("https://www.un.org/en/ga/", "https://www.un.org/en/ga/"),
        ("A/73/85", "https://undocs.org/en/A/73/85"),
    ]
    # a symbol inside an address is the address's, not a document to link again
    assert linked("at https://undocs.org/A/RES/80/1 and “http://x.org/a_(b)”.") == [
        ("https://undocs.org/A/RES/80/1", "https://undocs.org/A/RES/80/1"),
        ("http://x.org/a_(b)", "http://x.org/a_(b)"),
    ]
    assert linked("the prefix http:// alone, and www.un.org without one") == []


def test_web_addresses_linked_in_pdf_html_and_docx(tmp_path):
    address = "https://milex-reporting.unoda.org/en/states"
    src = tmp_path / "web.yaml"
    src.write_text("symbol: A/RES/80/997\nsession: 80\nissued: 2025-12-01\ntitle: Transparency\n"
                   "preamble:\n  - Recalling its resolution 79/1,[^1]\n"
                   f"operative:\n  - Invites States to report at {address}, as in 2024;\n"
                   f"footnotes:\n  1: See {address}.\nadopted: {{meeting: 3, date: 2025-12-01}}\n",
                   encoding="utf-8")
    doc = load_document(src)
    assert pdf_links(pdf.render(doc)).count(address) == 2
    page = lhtml.fromstring(render_html(doc))
    assert page.xpath(f'//a[@href="{address}"]/text()') == [address, address]
    with zipfile.ZipFile(io.BytesIO(docx_render(doc))) as z:
        rels = z.read("word/_rels/document.xml.rels").decode() + z.read("word/_rels/footnotes.xml.rels").decode()
        body = z.read("word/document.xml").decode() + z.read("word/footnotes.xml").decode()
    assert rels.count(f'Target="{address}"') == 2 and body.count("<w:hyperlink") == 3  # and 79/1


def test_an_address_inside_typed_markup_is_not_linked():
    """Markup typed as text stays text (tests/test_html.py::test_text_is_never_markup): the address
    of href="https://evil" is an attribute's, not a web address in the prose."""
    assert linked('<a href="https://evil"> and src=\'http://x.org/y.png\'') == []
    assert linked("at https://evil.example, see") == [("https://evil.example", "https://evil.example")]
