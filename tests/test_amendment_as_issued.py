"""An amendment document printed as issued (docs/cycle.md, "Importing an amendment document"): the
six issued documents of tests/import/amendments/ (A/80/L.30–L.36) imported and built.

* A document of one instruction prints it unnumbered (A/80/L.31, L.32, L.33 and L.36 print
  "In operative paragraph 68, …" / "After operative paragraph 70, …" with no "1."); a document of
  several numbers them (L.30: 1.–11.; L.35: 1.–5.). Before, unres printed "1." on every one.
* A note of the document is marked with stars after the sponsors' note's: A/80/L.31's call
  "Development**" and its note "** Report of the International Conference …" under "* Any changes
  to the list of sponsors …". Before, unres numbered it ("Development1", "1 Report of …").
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import lxml.etree
import lxml.html
import pdfplumber
import pytest
from conftest import ROOT

from pipeline.app.build import build_file
from pipeline.importer.convert import convert, read_input

AMENDMENTS = ROOT / "tests" / "import" / "amendments"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: each document's first instruction as it opens, and how many unres prints
FIRST = {
    "A_80_L.30": ("In the fourth preambular paragraph", 11),
    "A_80_L.31": ("In operative paragraph 68", 1),
    "A_80_L.32": ("In operative paragraph 69", 1),
    "A_80_L.33": ("After operative paragraph 70", 1),
    # five as issued: "Delete operative paragraphs 5, 6, 10 and 13." is one (before: four)
    "A_80_L.35": ("Replace “Chornobyl” with “Chernobyl”", 5),
    "A_80_L.36": ("After operative paragraph 89", 1),
}
REPORT = "Report of the International Conference on Population and Development"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, Path, Path]]:
    folder = tmp_path_factory.mktemp("amendments")
    out = {}
    for name in FIRST:
        path = AMENDMENTS / f"{name}.txt"
        src = folder / f"{name}.yaml"
        src.write_text(convert(read_input(str(path)), str(path)).yaml, encoding="utf-8")
        out[name] = tuple(build_file(src, folder / "out", ("pdf", "html", "docx"), "modern", None))
    return out


def _pdf_lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [" ".join(ln["text"].split()) for page in doc.pages for ln in page.extract_text_lines()]


def _numbered(docx_path: Path, opening: str) -> bool:
    """Whether the DOCX paragraph of the instruction that opens with ``opening`` is numbered: a list
    number from its own properties or its style's (or a style it is based on), or a typed label
    before a tab."""
    doc = docx.Document(str(docx_path))
    [par] = [p for p in doc.paragraphs if re.sub(r"^\d+\.\t", "", " ".join(p.text.split(" "))).replace(
        "\u00a0", " ").startswith(opening)][:1]
    listed = par._p.pPr is not None and par._p.pPr.numPr is not None
    style = par.style
    while style is not None and not listed:
        listed = style.element.pPr is not None and style.element.pPr.numPr is not None
        style = style.base_style
    return listed or bool(re.match(r"\d+\.\t", par.text))


@pytest.mark.parametrize("fmt", ["pdf", "html", "docx"])
@pytest.mark.parametrize("name", sorted(FIRST))
def test_one_instruction_is_printed_unnumbered_several_are_numbered(built, name, fmt):
    pdf, html, docx_path = built[name]
    opening, count = FIRST[name]
    one = " ".join(opening.split())
    if fmt == "pdf":
        lines = _pdf_lines(pdf)
        [at] = [k for k, ln in enumerate(lines) if one in ln]
        if count == 1:
            assert lines[at].startswith(one) and not re.match(r"\d+\.", lines[at - 1]), lines[at - 1: at + 1]
        else:
            assert lines[at].startswith(f"1. {one}") or (lines[at - 1] == "1." and lines[at].startswith(one))
            assert all(any(ln.startswith(f"{k}. ") or ln == f"{k}." for ln in lines) for k in range(2, count + 1))
    elif fmt == "html":
        page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
        ins = page.xpath("//section[@id='body']//*[starts-with(@id, 'ins-')]")
        assert len(ins) == count
        first = " ".join(ins[0].text_content().split())
        if count == 1:
            assert first.startswith(one) and ins[0].tag == "p", lxml.html.tostring(ins[0])[:200]
        else:
            assert ins[0].tag == "li" and ins[0].getparent().tag == "ol"
    else:
        assert _numbered(docx_path, opening) == (count > 1)


def test_a_note_called_by_stars_keeps_its_stars(built):
    """A/80/L.31: the call "**" after "Development" and the note marked "**" after the sponsors'
    note "*" — in the PDF, the HTML and the DOCX; no note numbered 1."""
    pdf, html, docx_path = built["A_80_L.31"]
    lines = _pdf_lines(pdf)
    assert any("Population and Development** and its review" in ln for ln in lines)
    notes = [ln for ln in lines if ln.startswith("*") or ln.startswith("1 ")]
    assert [ln[:2] for ln in notes] == ["* ", "**"] and REPORT in notes[1]
    assert not any(ln.startswith(f"1 {REPORT}") or ln.startswith(f"1{REPORT}") for ln in lines)
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    [call] = page.xpath("//section[@id='body']//a[contains(@class, 'fn-call')]")
    assert call.text_content() == "**" and call.get("href") == page.xpath(
        f"//*[contains(., '{REPORT}')][@id][contains(@class, 'note')]/@id")[0].join(["#", ""])
    marks = [m.text_content() for m in page.xpath("//*[contains(@class, 'note-mark')]")]
    assert marks == ["*", "**"]
    with zipfile.ZipFile(docx_path) as z:
        body = lxml.etree.fromstring(z.read("word/document.xml"))
        notes_xml = lxml.etree.fromstring(z.read("word/footnotes.xml"))
    texts = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in body.iter(f"{W}r")]
    at = next(k for k, t in enumerate(texts) if t.endswith("Development"))
    assert [t for t in texts[at + 1:] if t][0] == "**"
    marked = ["".join(t.text or "" for t in n.iter(f"{W}t")).strip() for n in notes_xml.iter(f"{W}footnote")
              if n.get(f"{W}id") not in ("-1", "0")]
    assert len(marked) == 2 and marked[0].startswith("*") and not marked[0].startswith("**")
    assert marked[1].startswith("**") and REPORT in marked[1]


def test_words_inserted_into_a_paragraph_are_worded_as_issued(built):
    """A/80/L.31: "In operative paragraph 68, after “including sexual and reproductive health”,
    insert “…”." (the place first). Before, unres printed "insert “…” after “…”"."""
    issued = " ".join((AMENDMENTS / "A_80_L.31.txt").read_text(encoding="utf-8").split())
    start = issued.index("In operative paragraph 68")
    sentence = issued[start: issued.index("Assembly,”.", start) + len("Assembly,”.")].replace("** ", " ")
    pdf, html, _docx = built["A_80_L.31"]
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    [ins] = page.xpath("//section[@id='body']//*[starts-with(@id, 'ins-')]")
    printed = " ".join(ins.text_content().replace("**", " ").split())
    assert printed == " ".join(sentence.split())
    assert any(ln.startswith("In operative paragraph 68, after “including sexual and reproductive health”,")
               for ln in _pdf_lines(pdf))


def _docx_texts(docx_path: Path) -> list[str]:
    """The DOCX's paragraphs as Word shows them: a list number from the numbering part is not in
    the text, a typed label is (dropped here)."""
    return [re.sub(r"^\d+\.\t", "", p.text).replace("\u00a0", " ") for p in docx.Document(str(docx_path)).paragraphs]


def test_several_paragraphs_deleted_by_one_instruction_as_issued(built):
    """A/80/L.35's fourth instruction, "Delete operative paragraphs 5, 6, 10 and 13.", imported and
    built: one numbered instruction "4." in its issued words (list conjunction "and" from the
    catalogue), in the PDF, the HTML and the DOCX, and the fifth numbered 5. Before, unres printed
    four ("4. Delete operative paragraph 5 and renumber …" … "7.")."""
    issued = " ".join((AMENDMENTS / "A_80_L.35.txt").read_text(encoding="utf-8").split())
    sentence = "Delete operative paragraphs 5, 6, 10 and 13."
    assert f"4. {sentence} 5. In operative paragraph 14" in issued
    pdf, html, docx_path = built["A_80_L.35"]
    lines = _pdf_lines(pdf)
    assert f"4. {sentence}" in lines, lines
    assert not any("Delete operative paragraph " in ln for ln in lines)
    assert any(ln.startswith("5. In operative paragraph 14") for ln in lines)
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    ins = page.xpath("//section[@id='body']//li[starts-with(@id, 'ins-')]")
    said = [" ".join(i.text_content().split()) for i in ins]
    assert len(said) == 5 and said[3] == f"4. {sentence}" and said[4].startswith("5. In operative paragraph 14")
    texts = _docx_texts(docx_path)
    assert texts.count(sentence) == 1 and _numbered(docx_path, sentence)
    after = next(k for k, t in enumerate(texts) if t.startswith("In operative paragraph 14"))
    assert texts.index(sentence) + 1 == after


@pytest.mark.parametrize("name", ["A_80_L.33", "A_80_L.36"])
def test_a_new_paragraph_is_worded_and_set_as_issued(built, name):
    """A/80/L.33 and L.36: "After operative paragraph 70, insert the following operative paragraph:"
    then the paragraph, unquoted, a block of its own at the text's measure, its opening phrase in
    italics. The PDF's lines are the issued text's lines, word for word. Before, unres printed "After
    operative paragraph 70, insert a new paragraph reading: “Stresses …” and renumber …"."""
    issued = (AMENDMENTS / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    at = next(k for k, ln in enumerate(issued) if ln.startswith("After operative paragraph"))
    lead = issued[at].strip()
    body = [" ".join(ln.split()) for ln in issued[at + 2:] if ln.strip()]
    body = body[: next(k for k, ln in enumerate(body) if ln.endswith(";")) + 1]
    pdf, html, docx_path = built[name]
    lines = _pdf_lines(pdf)
    k = lines.index(lead)
    assert lines[k + 1: k + 1 + len(body)] == body
    assert not any("reading" in ln or "renumber" in ln or "“" in ln for ln in lines[k: k + 1 + len(body)])
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["fontname"])
    opener = body[0].split()[0]
    assert "Italic" in next(w["fontname"] for w in words if w["text"] == opener)
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    [ins] = page.xpath("//section[@id='body']//*[@id='ins-1']")
    assert " ".join(ins.text_content().split()) == lead
    [para] = page.xpath("//section[@id='body']//blockquote[contains(@class, 'as-text')]/p")
    assert " ".join(para.text_content().split()) == " ".join(body)
    [italic] = [e.text_content() for e in para.iter("em", "i")]  # "Stresses", "Calls upon"
    assert body[0].startswith(f"{italic} ") and italic.split()[0] == opener
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(docx_path)).paragraphs]  # no-break spaces
    k = texts.index(lead)
    assert " ".join(texts[k + 1].split()) == " ".join(body)
    assert docx.Document(str(docx_path)).paragraphs[k + 1].style.name == "UN Plain"


def _issued_instructions(name: str) -> str:
    """The issued document's instructions, numbers and all, as one line of words: from the first
    instruction (after the repeated title) to the sponsors' note."""
    lines = [ln.strip() for ln in (AMENDMENTS / f"{name}.txt").read_text(encoding="utf-8").split("\n")]
    end = next(k for k, ln in enumerate(lines) if ln.startswith("* Any changes"))
    first = next(k for k, ln in enumerate(lines) if re.match(r"1\.$|In |After ", ln))
    return " ".join(" ".join(lines[first:end]).split())


@pytest.mark.parametrize("name", sorted(FIRST))
def test_every_instruction_prints_the_issued_words(built, name):
    """Each of the six issued documents imported and built prints its instructions in the issued
    words, numbers and all, in the HTML and the PDF: among them "3. Delete the sixteenth preambular
    paragraph." and "8. Delete operative paragraph 22." (A/80/L.30). Before, unres added "and
    renumber the subsequent paragraphs accordingly" to a deletion, which no issued text prints."""
    issued = _issued_instructions(name)
    pdf, html, _ = built[name]
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    [body] = page.xpath("//section[@id='body']")
    assert issued in " ".join(body.text_content().split())
    assert issued in " ".join(_pdf_lines(pdf))
    assert "renumber" not in " ".join(_pdf_lines(pdf))


def test_one_edit_in_several_paragraphs_prints_as_l64(tmp_path):
    """A/C.3/80/L.64's instructions as the parl-monitor fixture quotes them (docs/cycle.md; the
    document's text layer is not at hand): the second, ``{at: [op27, op43], delete: …}``, prints
    "2. In operative paragraphs 27 and 43, delete “sexual and reproductive”." in the PDF, the HTML
    and the DOCX (the plural designation and list conjunction from the catalogue)."""
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "cycle" / "amendment.yaml").read_text(encoding="utf-8"))
    data["instructions"] = [{"at": "op13", "delete": "sexual and reproductive health,"},
                            {"at": ["op27", "op43"], "delete": "sexual and reproductive"}]
    src = tmp_path / "l64.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pdf, html, docx_path = build_file(src, tmp_path / "out", ("pdf", "html", "docx"), "modern", None)
    first = "In operative paragraph 13, delete “sexual and reproductive health,”."
    second = "In operative paragraphs 27 and 43, delete “sexual and reproductive”."
    printed = " ".join(_pdf_lines(pdf))
    assert f"1. {first} 2. {second}" in printed, printed
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    said = [" ".join(i.text_content().split())
            for i in page.xpath("//section[@id='body']//li[starts-with(@id, 'ins-')]")]
    assert said == [f"1. {first}", f"2. {second}"]
    texts = _docx_texts(docx_path)
    assert texts.count(second) == 1 and _numbered(docx_path, second)
