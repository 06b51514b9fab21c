"""Property-based: any source the schema accepts renders in all three formats, losing no word.

Hypothesis writes random but valid sources (parts or not, preamble, sections, nested
sub-paragraphs, annexes, footnotes called once or several times, both house styles,
hostile punctuation between the words) as YAML text. For each: the loader accepts it;
PDF, DOCX and HTML render without an exception; the PDF text and the DOCX text hold
every word of the source in reading order (footnote words in their own order); the
number of footnotes agrees between the model, the HTML, the DOCX and the PDF; and the
HTML parses with no error in a strict HTML5 parser.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import html5lib
import lxml.etree as etree
import lxml.html
import pdfplumber
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçñøßÅŒ"
NOISE = ["&", "<b>", "</p>", "{{", "}}", '"', "'", "—", "(", ")", ";", ",", "<", ">", "%", "#", "\\\\"]
KEYS = ["alpha", "b2", "c.3", "d-4"]
MARK = "Fnmark"  # opens every footnote, so notes can be counted in any format

word = st.text(alphabet=LETTERS, min_size=1, max_size=9)


@st.composite
def text(draw, notes: list[str] | None = None) -> str:
    """Words with noise between them, maybe an emphasised span, maybe footnote calls."""
    words = draw(st.lists(word, min_size=1, max_size=12))
    tokens: list[str] = []
    for w in words:
        tokens.append(w)
        if draw(st.integers(0, 4)) == 0:
            tokens.append(draw(st.sampled_from(NOISE)))
    if len(words) > 1 and draw(st.booleans()):
        stars = draw(st.sampled_from(["*", "**"]))
        tokens[0] = f"{stars}{tokens[0]}"
        last = max(i for i, t in enumerate(tokens) if t in words)
        tokens[last] = f"{tokens[last]}{stars}"
    if notes is not None and draw(st.integers(0, 2)) == 0:
        key = draw(st.sampled_from(KEYS))
        notes.append(key)
        tokens[-1] += f"[^{key}]"
    return " ".join(tokens)


@st.composite
def paragraph(draw, notes: list[str], depth: int = 0):
    body = draw(text(notes))
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        items = draw(st.lists(paragraph(notes, depth + 1), min_size=1, max_size=3))
        return {"text": body, "items": items}
    return body


@st.composite
def body(draw, notes: list[str]) -> dict:
    out: dict = {}
    preamble = draw(st.lists(paragraph(notes), max_size=3))
    if preamble:
        out["preamble"] = preamble
    operative = draw(st.lists(paragraph(notes), min_size=1, max_size=4))
    if draw(st.booleans()):
        operative.insert(draw(st.integers(0, len(operative))), {"section": draw(text())})
    out["operative"] = operative
    out["adopted"] = {
        "meeting": draw(st.integers(1, 120)),
        "date": draw(st.dates(dt.date(1946, 1, 1), dt.date(2100, 12, 31))),
    }
    return out


@st.composite
def sources(draw) -> str:
    notes: list[str] = []
    data: dict = {
        "style": draw(st.sampled_from(["1998", "modern"])),
        "symbol": f"A/RES/{draw(st.integers(1, 999))}/{draw(st.integers(1, 9999))}",
        "issued": draw(st.dates(dt.date(1946, 1, 1), dt.date(2100, 12, 31))),
        "session": draw(st.integers(1, 999)),
        "title": draw(text()),
    }
    if draw(st.booleans()):
        data["agenda"] = draw(st.lists(st.integers(1, 200), min_size=1, max_size=3))
    if draw(st.booleans()):
        data["committee"], data["report"] = (
            draw(st.integers(1, 6)),
            f"A/{data['session']}/{draw(st.integers(1, 999))}",
        )
    if draw(st.integers(0, 3)) == 0:
        data["parts"] = [{"title": draw(text()), **draw(body(notes))} for _ in range(draw(st.integers(2, 3)))]
    else:
        data.update(draw(body(notes)))
    if draw(st.integers(0, 2)) == 0:
        paras = draw(st.lists(paragraph(notes), min_size=1, max_size=3))
        data["annexes"] = [{"title": draw(text()), "numbered": draw(st.booleans()), "paragraphs": paras}]
    if notes:
        data["footnotes"] = {k: f"{MARK} {draw(text())}" for k in dict.fromkeys(notes)}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=60)


# -- reading the outputs ---------------------------------------------------------------


def words(s: str) -> list[str]:
    """The words a reader reads: letters only, case-folded (a style may print a title in capitals).

    Source words have no digits, so digits are dropped: a footnote call prints as a number
    glued to its word ("word1"), and in the source its key is no word at all.
    """
    s = re.sub(r"\[\^[^\]\s]+\]", " ", s)
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", s).casefold())


def in_order(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def source_texts(data: dict) -> list[str]:
    """Every body text of the source in reading order (footnotes apart)."""
    from pipeline.source import iter_texts

    return [t for _path, t in iter_texts(data)]


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in the order it was drawn, its word spaces being the space characters the
    PDF holds (pdfplumber, text flow). Not ``pdftotext -raw``: it finds word breaks by the gap
    between glyphs alone, and a kerned space narrows to 0.14 em between a bold "L" and "A" (the
    font's "L space" and "space A" pairs, which Word kerns too): -raw then reads "LA", where
    pdftotext's reading order and layout modes, and pdfplumber, read "L A"."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text(use_text_flow=True) for page in doc.pages)


def docx_parts(docx: bytes) -> tuple[str, list[str]]:
    """The body text of a DOCX and the text of each of its footnotes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = (
            etree.fromstring(z.read("word/footnotes.xml")) if "word/footnotes.xml" in z.namelist() else None
        )
    text = " ".join("".join(p.itertext()) for p in body.iter(f"{W}t"))
    footnotes = []
    if notes is not None:
        for fn in notes.iter(f"{W}footnote"):
            if fn.get(f"{W}type") in (None, "normal"):
                footnotes.append(" ".join(t.text or "" for t in fn.iter(f"{W}t")))
    return text, footnotes


# Rendering costs about a second an example: a modest number, and no shrinking (it would
# take minutes); a failure prints the whole generated source instead.
@settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sources())
def test_any_valid_source_renders_faithfully(text_of_source: str):
    from pipeline import writers
    from pipeline.source import load
    from pipeline.transforms.resolve import build

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(text_of_source, encoding="utf-8")
        src = load(path)
    doc = build(src)
    out = {fmt: writers.render(fmt, doc) for fmt in ("pdf", "docx", "html")}

    body_words = [w for t in source_texts(src.data) for w in words(t) if not w.startswith(MARK.casefold())]
    note_texts = [words(t) for t in (src.data.get("footnotes") or {}).values()]

    pdf = words(pdf_text(out["pdf"]))
    assert in_order(body_words, pdf)
    for note in note_texts:
        assert in_order(note, pdf)

    docx_body, docx_notes = docx_parts(out["docx"])
    assert in_order(body_words, words(docx_body))
    for note in note_texts:
        assert any(in_order(note, words(n)) for n in docx_notes)

    html5lib.HTMLParser(strict=True).parse(out["html"])  # raises on any parse error
    page = lxml.html.fromstring(out["html"])
    assert in_order(body_words, words(page.text_content()))

    n = len(doc.notes)
    assert len(docx_notes) == n
    assert len(page.xpath("//li[contains(concat(' ', @class, ' '), ' note ')]")) == n
    assert pdf.count(MARK.casefold()) == n
