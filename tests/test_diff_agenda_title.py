"""A redline of two versions whose agenda item's title differs (tests/diff/agenda_title.yaml):
the changed words show deleted and inserted under the agenda line in the HTML, the DOCX (tracked,
bold as the title is printed) and the PDF, and the summary counts one changed heading line. Before
the fix the title came from the new version unmarked."""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from conftest import unres
from lxml import etree
from lxml import html as lhtml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture(scope="module")
def redline(tmp_path_factory):
    from support.redlines import texts

    folder = tmp_path_factory.mktemp("agenda_title")
    for name, text in zip(("old", "new"), texts("agenda_title"), strict=True):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    proc = unres("diff", folder / "old.yaml", folder / "new.yaml", "-o", folder / "out")
    assert proc.returncode == 0, proc.stderr
    return {f.suffix: f.read_bytes() for f in (folder / "out").iterdir()}


def test_html_marks_the_changed_words_of_the_agenda_title(redline):
    page = lhtml.fromstring(redline[".html"])
    title = page.xpath('//p[@class="agenda-title"]')[0]
    assert [t.strip() for t in title.xpath(".//del//text()")] == ["embargo"]
    assert [t.strip() for t in title.xpath(".//ins//text()")] == ["blockade"]
    assert "Cuba" in title.text_content()


def test_docx_tracks_the_changed_words_bold_under_the_agenda_line(redline):
    with zipfile.ZipFile(io.BytesIO(redline[".docx"])) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    par = next(p for p in body.iter(f"{{{W}}}p")
               if p.find(f"{{{W}}}pPr/{{{W}}}pStyle[@{{{W}}}val='UNAgenda']") is not None)
    assert "".join(par.xpath(".//w:del//w:delText/text()", namespaces=NS)).strip() == "embargo"
    assert "".join(par.xpath(".//w:ins//w:t/text()", namespaces=NS)).strip() == "blockade"
    runs = [r for r in par.iter(f"{{{W}}}r") if r.xpath("w:t|w:delText", namespaces=NS)]
    title_runs = [r for r in runs if "Agenda item" not in "".join(r.xpath(".//text()"))]
    assert title_runs and all(r.find(f"{{{W}}}rPr/{{{W}}}b") is not None for r in title_runs)


def test_pdf_prints_both_words_and_the_summary_counts_the_line(redline):
    text = " ".join(pdfplumber.open(io.BytesIO(redline[".pdf"])).pages[0].extract_text().split())
    block = text[text.index("Agenda item 43"):text.index("Resolution adopted")]
    assert "embargo" in block and "blockade" in block and block.index("embargo") < block.index("blockade")
    page = lhtml.fromstring(redline[".html"])
    summary = " ".join(page.xpath('string(//*[contains(@class, "diff-summary")])').split())
    assert "agenda line changed" in summary.lower()
