"""The HTML writer, checked on the parsed page: structure, footnote links, self-containment,
change marks; and the WeasyPrint URL fetcher that keeps the PDF build inside templates/."""

from __future__ import annotations

import base64
import dataclasses
import subprocess
import sys
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import MODERN, ROOT, SEED
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from pipeline.app.build import build_file, load_document
from pipeline.model import Changed, ChangedBlock, Field, Para, Redline, Text
from pipeline.paths import TEMPLATES
from pipeline.transforms.diff import diff
from pipeline.writers import html
from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher

STRUCTURES = ROOT / "tests" / "fixtures" / "structures.yaml"


def parse(data: bytes):
    return lxml.html.document_fromstring(data.decode("utf-8"))


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[Path, object]:
    path = build_file(SEED, tmp_path_factory.mktemp("html"), ("html",))[0]
    return path, parse(path.read_bytes())


@pytest.fixture(scope="module")
def structures():
    return parse(html.render(load_document(STRUCTURES)))


def test_document_head(seed):
    _, page = seed
    root = page.getroottree().getroot()
    assert root.get("lang") == "en" and root.get("dir") == "ltr"
    assert page.findtext(".//title").startswith("52/102. Follow-up to the Regional Conference")
    assert page.find(".//meta[@name='dcterms.created']").get("content") == "1998-02-09"


def test_masthead_title_and_closing(seed):
    _, page = seed
    header = page.find(".//body//header")
    text = " ".join(header.text_content().split())
    for words in ("General Assembly", "Distr. GENERAL", "A/RES/52/102", "9 February 1998",
                  "Fifty-second session", "Agenda item 107", "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY",
                  "[on the report of the Third Committee (A/52/639)]"):
        assert words in text
    h1 = page.find(".//h1")
    assert " ".join(h1.text_content().split()).startswith("52/102. Follow-up")
    closing = page.find_class("closing")[0]
    assert [s.text_content() for s in closing.findall("span")] == ["70th plenary meeting", "12 December 1997"]
    assert page.find_class("enacting")[0].text_content() == "The General Assembly,"


def test_preamble_paragraphs_and_italic_openings(seed):
    _, page = seed
    pre = page.find_class("preamble")
    assert len(pre) == 9 and all(p.tag == "p" for p in pre)
    assert [p.find("i").text for p in pre[:2]] == ["Recalling", "Having considered"]


def test_operative_paragraphs_are_a_numbered_list(seed):
    _, page = seed
    items = page.xpath("//ol[@class='paras']/li")
    assert [int(li.get("value")) for li in items] == list(range(1, 18))
    assert [li.get("data-label") for li in items][:3] == ["1.", "2.", "3."]
    assert items[0].find_class("num")[0].text_content().strip() == "1."
    assert items[16].text_content().strip().startswith("17. Decides")


def test_footnote_links_both_ways(seed):
    _, page = seed
    ids = Counter(page.xpath("//@id"))
    assert max(ids.values()) == 1  # ids are unique
    calls = page.xpath("//a[@role='doc-noteref']")
    assert len(calls) == 7  # 5 notes; notes 1 and 2 are called twice
    notes = page.xpath("//section[@role='doc-endnotes']//li")
    assert [n.get("id") for n in notes] == [f"fn-{i}" for i in range(1, 6)]
    for call in calls:
        target = call.get("href")[1:]
        assert target in ids
        note = page.get_element_by_id(target)
        backs = [a.get("href")[1:] for a in note.xpath(".//a[@role='doc-backlink']")]
        assert call.get("id") in backs
    # every back-link points at a call, and repeated calls point at the same note
    for note in notes:
        for back in note.xpath(".//a[@role='doc-backlink']"):
            assert page.get_element_by_id(back.get("href")[1:]).get("href") == "#" + note.get("id")
    to_one = [c.get("id") for c in calls if c.get("href") == "#fn-1"]
    assert to_one == ["fnref-1-1", "fnref-1-2"]
    assert page.get_element_by_id("fn-1").text_content().startswith("A/52/274 and Corr.1.")


def test_sub_paragraphs_sections_parts_annex(structures):
    page = structures
    op2 = page.get_element_by_id("a-op-2")
    subs = op2.xpath("./ol/li")
    assert [li.get("data-label") for li in subs] == ["(a)", "(b)"]
    assert [li.get("value") for li in subs] == ["1", "2"]
    assert [li.get("data-label") for li in subs[1].xpath("./ol/li")] == ["(i)", "(ii)"]
    # the numbering runs on across the section heading
    assert page.get_element_by_id("a-op-3").get("value") == "3"
    assert [h.text_content() for h in page.xpath("//h3[@class='section']")] == [
        "I General provisions", "II Final provisions"]
    assert [h.text_content() for h in page.xpath("//h2[@class='part-head']/span[@class='part-letter']")] == ["A", "B"]
    assert len(page.find_class("closing")) == 2
    annex = page.get_element_by_id("annex-1")
    assert annex.find_class("annex-label")[0].text == "Annex"


def test_self_contained_and_deterministic(seed):
    path, page = seed
    assert page.xpath("//link") == [] and page.xpath("//script") == []
    assert all(src.startswith("data:") for src in page.xpath("//@src"))
    css = page.findtext(".//style")
    assert "font-family" in css and "Liberation Serif" in css
    assert html.render(load_document(SEED)) == path.read_bytes()


def test_first_page_images_are_data_uris():
    page = parse(html.render(load_document(MODERN)))
    # the screen page shows no barcode or QR code; its only image is the emblem in the masthead
    imgs = page.xpath("//img")
    assert len(imgs) == 1 and imgs[0].getparent().get("class") == "emblem"
    assert imgs[0].get("src").startswith("data:image/svg+xml;base64,")
    printed = lxml.html.document_fromstring(html.render_html(load_document(MODERN), "print"))
    barcode = printed.find_class("barcode")[0]
    assert barcode.get("alt") == "*1818418*"
    svg = base64.b64decode(barcode.get("src").split(",", 1)[1])
    assert svg.startswith(b"<svg") and svg.count(b"<rect") > 20


def test_text_is_never_markup(tmp_path):
    hostile = 'file:///etc/passwd <img src="http://example.com/x.png"> <a href="https://evil">'
    src = tmp_path / "hostile.yaml"
    text = MODERN.read_text(encoding="utf-8").replace(
        "enshrined in the Charter of the United Nations,", f"enshrined in the Charter {hostile},", 1)
    assert hostile in text
    src.write_text(text, encoding="utf-8")
    page = parse(html.render(load_document(src)))
    assert hostile in page.text_content()
    not_emblem = "//img[not(parent::*[@class='emblem'])]"  # the emblem is the page's own image
    assert page.xpath(not_emblem) == [] and page.xpath("//a[@href='https://evil']") == []


def test_change_marks():
    doc = load_document(SEED)
    part = doc.parts[0]
    ops = list(part.operative)
    ops[0] = ChangedBlock(ops[0], "del")
    ops[1] = ChangedBlock(ops[1], "ins", old_label="3.")
    ops[2] = dataclasses.replace(ops[2], runs=(Changed(Text("new words"), "ins"), Changed(Text("old words"), "del")))
    ops[3] = ChangedBlock(ops[3], "move-from", move_id="m1")
    ops[4] = ChangedBlock(ops[4], "move-to", move_id="m1")
    mh = dataclasses.replace(doc.masthead, issued=Field("1 March 1998"))
    red = Redline("unres", "1998-03-01T00:00:00Z", diff(doc, doc).redline.summary,
                  fields=(("issued", "9 February 1998"),))
    marked = dataclasses.replace(doc, redline=red, masthead=mh,
                                 parts=(dataclasses.replace(part, operative=tuple(ops)),))
    page = parse(html.render(marked))
    assert "change-del" in page.get_element_by_id("op-1-old").get("class")
    li2 = page.get_element_by_id("op-2")
    assert "change-ins" in li2.get("class") and li2.find_class("num")[0].get("title") == "3."
    op3 = page.get_element_by_id("op-3")
    assert op3.findtext(".//ins") == "new words" and op3.findtext(".//del") == "old words"
    frm, to = page.get_element_by_id("move-m1-from"), page.get_element_by_id("move-m1-to")
    assert frm.get("href") == "#move-m1-to" and to.get("href") == "#move-m1-from"
    issued = page.find_class("issued")[0]
    assert issued.findtext("del") == "9 February 1998" and issued.findtext("ins") == "1 March 1998"
    assert max(Counter(page.xpath("//@id")).values()) == 1


# -- the URL fetcher --------------------------------------------------------------------
@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/a.css", "https://example.com/",
                                 "ftp://example.com/x", f"file://{TEMPLATES}/../pyproject.toml",
                                 "file://remotehost/etc/passwd"])
def test_fetcher_refuses(url):
    with pytest.raises(FatalURLFetchingError):
        TemplatesOnlyFetcher().fetch(url)


def test_fetcher_serves_data_and_templates():
    fetcher = TemplatesOnlyFetcher()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    css = fetcher.fetch((TEMPLATES / "css" / "base.css").as_uri())
    assert b"font-family" in css.read()


def test_weasyprint_build_fails_loudly_on_outside_urls():
    for markup in ('<link rel="stylesheet" href="file:///etc/passwd"><p>x</p>',
                   '<img src="http://example.com/x.png">'):
        with pytest.raises(FatalURLFetchingError):
            HTML(string=markup, base_url=str(TEMPLATES) + "/", url_fetcher=TemplatesOnlyFetcher()).write_pdf()


def test_html_only_build_does_not_import_weasyprint(tmp_path):
    script = (f"import sys; from pipeline.app.build import build_file; build_file({str(SEED)!r}, {str(tmp_path)!r}, "
              "('html',)); print('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
    assert (tmp_path / "A_RES_52_102.html").exists()


# -- the writer lays out the model's values: list item numbers and print texts are the model's -----
def test_list_item_values_and_print_texts_are_the_models():
    doc = load_document(SEED)
    part = doc.parts[0]
    ops = list(part.operative)
    first = ops[0]
    assert first.label == "1." and first.list_value == 1
    children = first.children or (dataclasses.replace(ops[1], kind="sub", level=1, label="(a)"),)
    assert all(c.list_value is not None for c in first.children)
    dated = Text("Recalling 20 December 1993", print_text="PRINTED-TEXT")
    ops[0] = dataclasses.replace(first, list_value=41, runs=(dated,),
                                 children=tuple(dataclasses.replace(c, list_value=7) for c in children))
    doc = dataclasses.replace(doc, parts=(dataclasses.replace(part, operative=tuple(ops)),))
    screen = parse(html.render(doc))
    li = screen.get_element_by_id(first.id)
    assert li.get("value") == "41" and li.get("data-label") == "1."
    assert {c.get("value") for c in li.xpath("./ol/li")} == {"7"}
    assert "Recalling 20 December 1993" in li.text_content() and "PRINTED-TEXT" not in li.text_content()
    printed = lxml.html.document_fromstring(html.render_html(doc, "print"))
    assert "PRINTED-TEXT" in printed.get_element_by_id(first.id).text_content()


def test_resolve_sets_list_values_and_print_texts():
    doc = load_document(SEED)
    paras = [p for b in doc.parts[0].operative for p in (b, *b.children)]
    assert [(p.label, p.list_value) for p in paras][:2] == [("1.", 1), ("2.", 2)]
    structures = load_document(ROOT / "tests" / "fixtures" / "structures.yaml")
    lists = [b.children for part in structures.parts for b in part.operative if isinstance(b, Para) and b.children]
    assert lists
    for children in lists:  # "(a)", "(b)" ...: their place among their siblings
        assert [c.list_value for c in children] == list(range(1, len(children) + 1)), [c.label for c in children]
    texts = [r for n in doc.notes for r in n.runs if isinstance(r, Text)]
    texts += [r for p in paras for r in p.runs if isinstance(r, Text)]
    texts += [r for p in doc.parts[0].preamble for r in p.runs if isinstance(r, Text)]
    dated = [r for r in texts if r.print_text is not None]
    assert dated and all(r.print_text != r.text and "\u00a0" in r.print_text for r in dated)
    assert all(r.print_text.replace("\u00a0", " ") == r.text for r in dated)
