"""A draft decision (kind draft-decision): the issued A/C.4/80/L.10 ("Austria, …: draft decision",
an unnumbered title, then one paragraph "The General Assembly, taking note of …, decides to
appoint …" with a note) imported and built in both house styles and every format.

Before kind draft-decision, `unres import` refused the issued file at its sponsor line ("a draft
decision, not a draft resolution … unres has no source kind for it"), and no source could say
what it is: kind draft needs preambular or operative paragraphs, which print the formula on a
line of its own and number the paragraph.
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

ISSUED = ROOT / "tests" / "import" / "drafts" / "A_C.4_80_L.10.txt"
SPONSORS = ["Austria", "Côte d’Ivoire", "France", "Gabon", "Germany", "Morocco", "Spain"]
TITLE = "Increase in the membership of the Committee on the Peaceful Uses of Outer Space"
NOTE = "Official Records of the General Assembly, Eightieth Session, Supplement No. 20 (A/80/20)."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _issued_body() -> list[str]:
    """The issued paragraph's words (tools/corpus.py: letters only, case-folded), from "The General
    Assembly" to the notes' rule."""
    lines = [x.strip() for x in ISSUED.read_text(encoding="utf-8").split("\n")]
    start = next(i for i, x in enumerate(lines) if x.startswith("The General Assembly"))
    end = next(i for i, x in enumerate(lines) if x.startswith("_____"))
    return corpus.words(" ".join(lines[start:end]))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(pdf, *args: str) -> str:
    cmd = ["pdftotext", "-raw", "-enc", "UTF-8", *args, str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    folder = tmp_path_factory.mktemp("decision")
    imported = convert(read_input(str(ISSUED)), str(ISSUED))
    assert not imported.warnings
    path = folder / "A_C.4_80_L.10.yaml"
    path.write_text(imported.yaml, encoding="utf-8")
    return path


def test_the_issued_draft_decision_is_imported(src):
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    assert (data["kind"], data["symbol"], data["sponsors"], data["title"]) == (
        "draft-decision", "A/C.4/80/L.10", SPONSORS, TITLE)
    assert (data["committee"], data["agenda"], data["distribution"]) == (4, [48], "limited")
    assert not {"preamble", "operative"} & set(data)
    # one paragraph, the words after the formula (unres prints "The General Assembly, " before them)
    decision = _flat(data["decision"])
    assert decision.startswith("taking note of the application of Côte d’Ivoire for membership")
    assert decision.endswith("decides to appoint Côte d’Ivoire as a member of the Committee on the "
                             "Peaceful Uses of Outer Space.")
    [(key, note)] = data["footnotes"].items()
    assert f"25 June to 2 July 2025,[^{key}] decides" in decision and _flat(note) == NOTE
    # every issued word of the paragraph, in order, in the source (the formula is generated)
    issued = _issued_body()
    assert issued[:3] == ["the", "general", "assembly"]
    assert corpus.in_order(issued[3:], corpus.words(re.sub(r"\[\^[^\]]+\]", " ", decision))) == 1.0


@pytest.mark.parametrize("style", ["modern", "1998"])
def test_it_builds_with_the_formula_inline_in_every_format(src, tmp_path, style):
    pdf, page, docx, akn = build_file(src, tmp_path, ("pdf", "html", "docx", "akn"), style, None)
    text = _pdf_text(pdf)
    flat = _flat(text)
    assert f"{', '.join(SPONSORS[:-1])} and Spain: draft decision" in flat
    assert TITLE in flat
    # the one paragraph opens with the formula inline: no line of its own, no number
    para = flat[flat.index("The General Assembly"):]
    assert para.startswith("The General Assembly, taking note of the application of Côte d’Ivoire")
    lines = [" ".join(x.split()) for x in text.split("\n")]
    assert not [x for x in lines if x.rstrip(",") == "The General Assembly"]
    # the committee heading breaks as issued, before "(Fourth Committee)", where it breaks at all
    heading = "Special Political and Decolonization Committee"
    assert f"{heading} (Fourth Committee)" in lines or lines[lines.index(heading) + 1] == "(Fourth Committee)"
    assert not [x for x in lines if re.match(r"^1\.\s", x)]
    # every word in order in the PDF, the HTML and the DOCX; the note on its call's page
    issued = _issued_body()
    for seen in (corpus.words(text), corpus._html_words(page), corpus._docx_words(docx)):
        assert corpus.in_order(issued, seen) == 1.0
        assert corpus.in_order(corpus.words(NOTE), seen) == 1.0
    placed, total, missing = corpus.notes_placed(pdf, yaml.safe_load(src.read_text(encoding="utf-8")))
    assert placed == total == 1, missing
    # the formula italic, the words after it upright (no opening phrase italicised)
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["fontname"])
    at = next(i for i, w in enumerate(words) if w["text"] == "taking")
    formula = [w for w in words if abs(w["top"] - words[at]["top"]) < 1 and w["x0"] < words[at]["x0"]]
    assert "".join(w["text"] for w in formula) == "TheGeneralAssembly,"
    assert all("Italic" in w["fontname"] for w in formula if w["text"] != ",")
    assert "Italic" not in words[at]["fontname"]
    # HTML: one paragraph, the formula in <i>; DOCX: one paragraph, its first run italic
    tree = lxml.html.fromstring(page.read_bytes())
    assert not tree.xpath("//p[@class='enacting']") and not tree.xpath("//section[@class='part']//ol")
    [p] = tree.xpath("//p[@id='decision']")
    assert p.xpath("i")[0].text == "The General Assembly"
    assert _flat(p.text_content()).startswith("The General Assembly, taking note of the application")
    with zipfile.ZipFile(docx) as z:
        body = lxml.etree.fromstring(z.read("word/document.xml"))
    [par] = [x for x in body.iter(f"{W}p") if "".join(x.itertext()).startswith("The General Assembly")]
    assert "".join(par.itertext()).startswith("The General Assembly, taking note of the application")
    first = par.find(f"{W}r")
    assert first.find(f"{W}rPr/{W}i") is not None and "".join(first.itertext()) == "The General Assembly"
    assert par.find(f"{W}pPr/{W}numPr") is None
    # the committee heading wraps in the agenda's column (279.5 pt), as the PDF's does (LibreOffice's
    # narrower glyphs fit "… Committee (Fourth Committee)" in it, 275.5 pt; Word's 600-dpi ones, as
    # the PDF's letter spacing, do not)
    if style == "modern":
        with zipfile.ZipFile(docx) as z:
            styles = lxml.etree.fromstring(z.read("word/styles.xml"))
        right = {st.get(f"{W}styleId"): ind.get(f"{W}right")
                 for st in styles.iter(f"{W}style") for ind in st.iterfind(f"{W}pPr/{W}ind")}
        assert right["UNCommittee"] == right["UNAgenda"] == "4250"
    # AKN: a decisionDraft whose one paragraph reads back to the source
    root = lxml.etree.fromstring(akn.read_bytes())
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert root.find("a:statement", ns).get("name") == "decisionDraft"
    assert not root.findall(".//a:preamble", ns)
    from pipeline.importer.akn import read
    from pipeline.source import load

    assert read(akn.read_bytes(), "x.akn.xml") == load(src).data


def test_a_redline_of_two_versions_of_a_decision(src, tmp_path):
    from pipeline.transforms.diff import diff
    from pipeline.writers import docx, html, pdf

    text = src.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("decides to appoint", "decides to appoint without delay")
                   .replace("  - Austria\n", "  - Argentina\n"), encoding="utf-8")
    red = diff(load_document(src), load_document(new))
    assert [e.text for e in red.redline.summary.entries] == ["Sponsor line changed", "The text of the decision changed"]
    tree = lxml.html.fromstring(html.render(red))
    [p] = tree.xpath("//p[@id='decision']")
    assert [x.text_content().strip() for x in p.xpath(".//ins")] == ["without delay"]
    assert _flat(p.text_content()).startswith("The General Assembly, taking note")
    assert pdf.render(red)[:5] == b"%PDF-" and docx.render(red)[:2] == b"PK"


@pytest.mark.parametrize(
    "lang, line",
    [
        ("fr", "Austria, Côte d’Ivoire, France, Gabon, Germany, Morocco et Spain : projet de décision"),
        ("es", "Austria, Côte d’Ivoire, France, Gabon, Germany, Morocco y Spain: proyecto de decisión"),
        ("ru", "Austria, Côte d’Ivoire, France, Gabon, Germany, Morocco и Spain: проект решения"),
        ("zh", "Austria、Côte d’Ivoire、France、Gabon、Germany、Morocco和Spain：决定草案"),
        ("ar", "Austria، Côte d’Ivoire، France، Gabon، Germany، Morocco و Spain: مشروع مقرر"),
    ],
)
def test_the_sponsor_line_and_the_formula_in_each_language(src, tmp_path, lang, line):
    """The kind's words and the formula before the paragraph are each catalogue's (HTML: Arabic's
    and Chinese PDFs' text order is pdftotext's, not the reader's)."""
    path = tmp_path / f"{lang}.yaml"
    text = re.sub(r"^language: en$", f"language: {lang}", src.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text.replace("original: true\n", ""), encoding="utf-8")  # (es, ru, zh: no modern form)
    [page] = build_file(path, tmp_path, ("html",), "modern", None)
    tree = lxml.html.fromstring(page.read_bytes())
    assert _flat(tree.xpath("//p[@class='sponsors']")[0].text_content()) == line
    opening = {"fr": "L’Assemblée générale, taking", "es": "La Asamblea General, taking",
               "ru": "Генеральная Ассамблея, taking", "zh": "大会，taking", "ar": "إن الجمعية العامة، taking"}[lang]
    assert _flat(tree.xpath("//p[@id='decision']")[0].text_content()).startswith(opening)


def test_a_language_without_a_sponsor_lines_words_is_an_error_at_language(src, monkeypatch):
    """A catalogue without the draft cycle's words (a new language, before any of its drafts was
    seen) stops the build with a placed error, not an internal one (before: KeyError 'list_and')."""
    from pipeline.errors import SourceError
    from pipeline.source import load
    from pipeline.transforms import resolve
    from pipeline.transforms.words import Catalogue, catalogue

    full = catalogue("en")
    data = {**full.data, "words": {k: v for k, v in full.words.items() if k != "list_and"}}
    monkeypatch.setattr(resolve, "catalogue", lambda lang, style="": Catalogue(data, style))
    with pytest.raises(SourceError) as err:
        resolve.build(load(src))
    [d] = err.value.diagnostics
    line = src.read_text(encoding="utf-8").split("\n").index("language: en") + 1
    assert (d.line, d.column) == (line, 11)
    assert d.message.startswith("kind draft-decision: the en catalogue has no words for a draft's sponsor "
                                "line (list_and)")


def test_amend_and_apply_refuse_a_draft_decision_at_its_kind(src, tmp_path):
    """Amendment instructions address numbered paragraphs; a decision has one, under decision:.
    Before, `unres amend` of two versions of a decision said "no changes, no amendment" (exit 0)."""
    from conftest import unres

    new = tmp_path / "new.yaml"
    new.write_text(src.read_text(encoding="utf-8").replace("decides to appoint", "decides to appoint without "
                                                            "delay"), encoding="utf-8")
    line = src.read_text(encoding="utf-8").split("\n").index("kind: draft-decision") + 1
    run = unres("amend", src, new, "-o", tmp_path / "out")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{src}:{line}:7: kind draft-decision: amendments to a draft decision are not supported yet"]
    assert not (tmp_path / "out").exists()
    amendment = tmp_path / "amendment.yaml"
    amendment.write_text(
        "kind: amendment\nsymbol: A/C.4/80/L.20\namends: A/C.4/80/L.10\nissued: 2025-10-30\nsession: 80\n"
        "sponsors: [Austria]\ntitle: Increase in the membership\n"
        "instructions:\n  - {at: op1, insert: fully, after: decides}\n", encoding="utf-8")
    run = unres("apply", src, amendment, "-o", tmp_path / "applied.yaml")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{src}:{line}:7: kind draft-decision: amendments to a draft decision are not supported yet"]
    assert not (tmp_path / "applied.yaml").exists()


def test_adopt_refuses_a_draft_decision_at_its_kind_and_says_why(src, tmp_path):
    """`unres adopt` makes a resolution (A/RES/…, its preamble and operative paragraphs); an adopted
    decision is numbered as 80/501 and printed with its title, paragraph and plenary line, which
    no source kind says yet. Before, the refusal read "expected the final draft (kind: draft or
    revised-draft), found kind draft-decision", as for any other kind, without saying why."""
    from conftest import unres

    line = src.read_text(encoding="utf-8").split("\n").index("kind: draft-decision") + 1
    out = tmp_path / "adopted.yaml"
    run = unres("adopt", src, "--symbol", "A/RES/80/501", "--meeting", "45", "--date", "2025-12-05",
                "--report", "A/80/530", "-o", out)
    assert run.returncode == 2 and "Traceback" not in run.stderr and not out.exists()
    assert run.stderr.splitlines() == [
        f"{src}:{line}:7: kind draft-decision: adopting a draft decision is not supported yet (an adopted "
        "decision is numbered as 80/501 and printed with its title, its paragraph and the plenary line, "
        "which unres has no source kind for); unres adopt makes a resolution from a final draft resolution "
        "(kind: draft or revised-draft)"]


def test_history_says_the_decisions_text_changed(src, tmp_path):
    """`unres history` of two versions of a decision (before: "No change to the text", its words
    never compared); a language without history words is a placed error (before: a traceback,
    KeyError 'history', for any Spanish, Russian, Chinese or Arabic source)."""
    from conftest import unres

    text = src.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("decides to appoint", "decides to appoint without delay"), encoding="utf-8")
    run = unres("history", src, src, new, "-o", tmp_path / "history.html")
    assert run.returncode == 0, run.stderr
    stages = lxml.html.fromstring((tmp_path / "history.html").read_bytes()).xpath("//section[@class='stage']")
    assert [[li.text_content() for li in s.xpath(".//li")] for s in stages] == [
        ["As tabled"], ["No change to the text"], ["The text of the decision changed"]]
    es = tmp_path / "es.yaml"
    es.write_text(text.replace("language: en", "language: es"), encoding="utf-8")
    run = unres("history", src, es, "-o", tmp_path / "es.html")
    line = text.split("\n").index("language: en") + 1
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{es}:{line}:11: language: the es catalogue has no words for unres history (en and fr have them)"]
    assert not (tmp_path / "es.html").exists()


def test_libreoffice_prints_the_docx_paragraph_with_the_formula_inline(src, office, tmp_path):
    """What a Word-compatible client makes of the DOCX: LibreOffice's PDF of it has the sponsor line,
    the title and the one paragraph opening "The General Assembly, taking note", every issued word
    in order, no numbered paragraph."""
    [docx] = build_file(src, tmp_path, ("docx",), "modern", None)
    text = _pdf_text(office.convert(docx, "pdf", tmp_path / "lo"))
    flat = _flat(text)
    assert f"{', '.join(SPONSORS[:-1])} and Spain: draft decision" in flat and TITLE in flat
    assert flat[flat.index("The General Assembly"):].startswith("The General Assembly, taking note of the application")
    assert corpus.in_order(_issued_body(), corpus.words(text)) == 1.0
    assert not [x for x in text.split("\n") if re.match(r"^\s*1\.\s", x)]


# -- the formula and a verb with no clause between them ----------------------------------------
VERB = ROOT / "tests" / "import" / "drafts" / "A_C.4_80_L.98_made_up_decision.txt"  # made up


@pytest.mark.parametrize("lang, text, printed", [
    ("en", "decides to appoint Côte d’Ivoire as a member.", "The General Assembly decides to appoint"),
    ("en", "takes note of the report.", "The General Assembly takes note of the report"),
    ("en", "on the recommendation of the Committee, decides to appoint Côte d’Ivoire.",
     "The General Assembly, on the recommendation of the Committee, decides"),
    ("fr", "décide de nommer la Côte d’Ivoire.", "L’Assemblée générale décide de nommer"),
])
def test_a_verb_right_after_the_formula_takes_no_comma(src, tmp_path, lang, text, printed):
    """"The General Assembly decides to …": a subject and its verb (the catalogue's operative
    phrases, in lower case) take no comma between them; a clause after the formula does ("The
    General Assembly, taking note …, decides …", A/C.4/80/L.10). Before, every decision printed
    "The General Assembly, decides …". The AKN reads back to the source."""
    from pipeline.importer.akn import read
    from pipeline.source import load

    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data.update(language=lang, decision=text)
    data.pop("footnotes", None)
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pdf, akn = build_file(path, tmp_path / "out", ("pdf", "akn"), "modern", None)
    assert printed in _flat(_pdf_text(pdf))
    assert read(akn.read_bytes(), "x.akn.xml") == load(path).data


def test_the_importer_reads_a_verb_right_after_the_formula():
    """A decision whose formula runs straight into its verb ("The General Assembly decides to
    appoint …") imports, the verb its text's first word; before, 'not a resolution: no "The
    General Assembly," line was found'."""
    result = convert(read_input(str(VERB)), str(VERB))
    data = yaml.safe_load(result.yaml)
    assert data["kind"] == "draft-decision"
    assert " ".join(data["decision"].split()) == ("decides to appoint Côte d’Ivoire as a member of the "
                                                  "Committee on the Peaceful Uses of Outer Space.")
