"""Section headings of annexes and of texts adopted inline (issue 15 item 4).

Issued modern annexes print the Roman numeral with a full stop and the heading on one line, the
numeral hanging: the annex of A/RES/80/3 (2025; wannli/un-docs-downloader data/extracted/
A_RES_80_3.json, PyMuPDF text of the issued PDF) reads "I.<tab>Global context and shared
commitments" (the tab splits it as it splits "1.<tab>We, …") and "II. Implementation of the Awaza
Programme of Action for Landlocked / Developing Countries for the Decade 2024–2034" (wrapped before
"Developing", which would fit the full measure at 10 pt bold). The resolution's own sections keep
"I" on a line of its own over the heading (A/RES/80/243, "I" / "Conditions of service …"), and the
1998 style is unchanged. The DOCX lays its sections out as the PDF does: the resolution's
numeral on a line of its own over its heading, both centred (it printed "I<tab>Final provisions"
on one line, hanging, as an annex's section); an annex's "I.<tab>heading" on one line in the
modern style, on two centred lines in the 1998 style.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from pipeline.app.build import build_file

SOURCE = """\
symbol: A/RES/80/3
session: 80
issued: 2025-10-15
title: Awaza Political Declaration
preamble:
  - Recalling its resolutions 76/217 of 17 December 2021,
operative:
  - Endorses the political declaration contained in the annex to the present resolution;
  - section: Final provisions
  - Expresses its profound gratitude to the Government and the people of Turkmenistan.
adopted: {meeting: 18, date: 2025-10-14}
annexes:
  - title: Awaza Political Declaration
    numbered: true
    paragraphs:
      - We, the Heads of State and Government, met in Awaza.
      - section: Global context and shared commitments
      - We gather at a critical juncture marked by overlapping global challenges.
      - section: Implementation of the Awaza Programme of Action for Landlocked Developing Countries for the Decade 2024–2034
      - We strongly commit ourselves to the full implementation of the Awaza Programme of Action.
"""


def _build(tmp_path, style):
    src = tmp_path / "A_RES_80_3.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    return {p.suffix: p for p in build_file(src, tmp_path / style, ("pdf", "html", "docx"), style, None)}


def _lines(pdf_path):
    """The PDF's words, line by line (page, then top), each line left to right."""
    lines: dict[tuple[int, float], list] = {}
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages):
            for w in page.extract_words(extra_attrs=["fontname"]):
                lines.setdefault((n, round(w["top"])), []).append(w)
    return [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(lines.items())]


def test_modern_annex_sections_print_numeral_and_heading_on_one_line(tmp_path):
    out = _build(tmp_path, "modern")
    lines = _lines(out[".pdf"])
    texts = [" ".join(w["text"] for w in line) for line in lines]
    first = next(line for line in lines if line[0]["text"] == "I." and line[1]["text"] == "Global")
    assert " ".join(w["text"] for w in first) == "I. Global context and shared commitments"
    assert abs(first[0]["x0"] - 123.4) < 0.5 and abs(first[1]["x0"] - 147.1) < 0.5  # hanging numeral
    assert all("Bold" in w["fontname"] for w in first)
    second = texts.index(next(t for t in texts if t.startswith("II. Implementation")))
    assert texts[second].endswith("for Landlocked")  # wrapped as issued, before "Developing"
    assert texts[second + 1].startswith("Developing Countries")
    assert abs(lines[second + 1][0]["x0"] - 147.1) < 0.5  # under the heading's first word
    # the resolution's own section: "I" alone, centred, over its heading
    i = texts.index("I")
    assert texts[i + 1] == "Final provisions"
    html = out[".html"].read_text(encoding="utf-8")
    assert re.search(r'<span class="section-num">I\.</span> <span class="section-title">Global context', html)
    assert re.search(r'<span class="section-num">I</span> <span class="section-title">Final provisions', html)
    numbering = zipfile.ZipFile(out[".docx"]).read("word/numbering.xml").decode()
    assert 'upperRoman"/><w:lvlText w:val="%1."' in numbering  # the annex's sections: "I."
    assert 'upperRoman"/><w:suff w:val="nothing"/><w:lvlText w:val="%1"' in numbering   # the resolution's: "I"


def test_1998_annex_sections_are_unchanged(tmp_path):
    out = _build(tmp_path, "1998")
    lines = _lines(out[".pdf"])
    texts = [" ".join(w["text"] for w in line) for line in lines]
    i = texts.index("I", texts.index("Global context and shared commitments") - 1)
    assert texts[i + 1] == "Global context and shared commitments"
    assert "I." not in texts


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_sections(docx) -> dict[str, dict]:
    """Each section heading of a DOCX by its text: its style's name, alignment and indents, what
    follows its number (w:suff of its list level; "tab" when absent) and its runs' children."""
    z = zipfile.ZipFile(docx)
    body, styles, numbering = (etree.fromstring(z.read(f"word/{n}.xml")) for n in ("document", "styles", "numbering"))
    style = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    num_abs = {n.get(W + "numId"): n.find(W + "abstractNumId").get(W + "val") for n in numbering.iter(W + "num")}
    abstract = {a.get(W + "abstractNumId"): a for a in numbering.iter(W + "abstractNum")}
    out = {}
    for p in body.iter(W + "p"):
        sid = p.find(f"{W}pPr/{W}pStyle")
        st = style.get(sid.get(W + "val")) if sid is not None else None
        name = st.find(W + "name").get(W + "val") if st is not None else ""
        if "Section Heading" not in name:
            continue
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is None:
            num = st.find(f"{W}pPr/{W}numPr/{W}numId")
        lvl = abstract[num_abs[num.get(W + "val")]].find(W + "lvl")
        suff = lvl.find(W + "suff")
        jc = st.find(f"{W}pPr/{W}jc")
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        out[text] = {
            "style": name, "jc": jc.get(W + "val") if jc is not None else "left",
            "suff": suff.get(W + "val") if suff is not None else "tab",
            "ind": dict(lvl.find(f"{W}pPr/{W}ind").attrib),
            "first_run": [c.tag[len(W):] for c in p.find(W + "r") if c.tag != W + "rPr"],
        }
    return out


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_sections_are_laid_out_as_the_pdf(tmp_path, style):
    out = _build(tmp_path, style)
    sections = _docx_sections(out[".docx"])
    own = sections["Final provisions"]
    assert own["style"] == "UN Section Heading"
    assert own["jc"] == "center" and own["suff"] == "nothing"
    assert own["first_run"] == ["br"]  # "I", then a line break, then the heading
    assert "hanging" not in own["ind"]
    annex = sections["Global context and shared commitments"]
    assert annex["style"] == "UN Annex Section Heading"
    if style == "modern":  # "I.<tab>Global context …", the numeral hanging one indent
        assert annex["jc"] == "left" and annex["suff"] == "tab" and annex["ind"][W + "hanging"] == "474"
        assert annex["first_run"] == ["t"]
    else:  # the 1998 PDF centres every section's numeral on its own line
        assert annex["jc"] == "center" and annex["suff"] == "nothing" and annex["first_run"] == ["br"]


def test_docx_section_as_word_prints_it(tmp_path, office):
    """LibreOffice's PDF of the DOCX: "I" alone on its line, centred on the text block over
    "Final provisions" (the PDF's layout: tests above)."""
    out = _build(tmp_path, "modern")
    pdf = office.convert(out[".docx"], "pdf", tmp_path / "lo")
    lines = _lines(pdf)
    texts = [" ".join(w["text"] for w in line) for line in lines]
    i = texts.index("I")
    assert texts[i + 1] == "Final provisions"
    centre = (123.4 + 488.4) / 2
    for line in lines[i : i + 2]:
        assert abs((line[0]["x0"] + line[-1]["x1"]) / 2 - centre) < 2, [w["text"] for w in line]


STRUCTURES = Path(__file__).parent / "fixtures" / "structures.yaml"
HEADS = ("A", "Information in the service of humanity", "B", "United Nations public information policies",
         "Annex", "Guidelines on public information")


def _heading_paragraphs(docx) -> dict[str, tuple[str, str]]:
    """The part and annex headings of a DOCX by their text: their style's name and its w:jc."""
    z = zipfile.ZipFile(docx)
    body, styles = (etree.fromstring(z.read(f"word/{n}.xml")) for n in ("document", "styles"))
    style = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    out = {}
    for p in body.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        sid = p.find(f"{W}pPr/{W}pStyle")
        if text in HEADS and sid is not None:
            st = style[sid.get(W + "val")]
            own = p.find(f"{W}pPr/{W}jc")
            jc = own if own is not None else st.find(f"{W}pPr/{W}jc")
            out[text] = (st.find(W + "name").get(W + "val"), jc.get(W + "val") if jc is not None else "left")
    return out


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_docx_part_and_annex_headings_are_centred(tmp_path, style):
    """The part's letter and title and the annex's label and title are centred in the DOCX, as the
    PDF centres them (base.css .part-head, .annex-head); the modern style set them left."""
    out = build_file(STRUCTURES, tmp_path / style, ("docx",), style, None)[0]
    assert _heading_paragraphs(out) == {
        "A": ("UN Part", "center"), "Information in the service of humanity": ("UN Part", "center"),
        "B": ("UN Part", "center"), "United Nations public information policies": ("UN Part", "center"),
        "Annex": ("UN Annex", "center"), "Guidelines on public information": ("UN Annex Title", "center"),
    }


def _centres(pdf) -> dict[str, float]:
    """The horizontal centre of each part and annex heading line of a PDF (not the masthead's "A")."""
    found = {}
    for line in _lines(pdf):
        text = " ".join(w["text"] for w in line)
        if text in HEADS and line[0]["x0"] < 400:
            found[text] = (line[0]["x0"] + line[-1]["x1"]) / 2
    return found


def test_docx_part_and_annex_headings_as_word_prints_them(tmp_path, office):
    """LibreOffice's PDF of the modern DOCX centres each part and annex heading on the text block
    (123.4 → 488.4 pt) within 2 pt, where the WeasyPrint PDF centres them (it printed them at the
    block's left edge, x 123.5)."""
    out = {p.suffix: p for p in build_file(STRUCTURES, tmp_path, ("pdf", "docx"), "modern", None)}
    word = _centres(office.convert(out[".docx"], "pdf", tmp_path / "lo"))
    ours = _centres(out[".pdf"])
    centre = (123.4 + 488.4) / 2
    assert set(word) == set(ours) == set(HEADS)
    assert all(abs(c - centre) < 2 for c in (*word.values(), *ours.values())), (word, ours)
