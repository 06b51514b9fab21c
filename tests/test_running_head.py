"""A running head taller than the top margin pushes the text of pages 2 on down and stays on the
page (pipeline/writers/pdf/runninghead.py); more than four lines (the most an issued head takes:
A/RES/77/1, 80/116) are a warning at ``short_title:`` or ``title:``.

A/RES/73/8 with a title of 488 characters and no ``short_title:``: its running head takes 8 lines
at 258 pt (250 before it was measured). Before, the head rose out of its margin box, its first line at y −15.0 (off the page),
the text of page 2 where a fitting head leaves it (74.53) and nothing said.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, unres

LONG = ("Strengthening of the coordination of emergency humanitarian assistance of the United Nations, "
        "including special economic assistance to individual countries or regions, the safety and security of "
        "humanitarian personnel and protection of United Nations personnel, and international cooperation on "
        "humanitarian assistance in the field of natural disasters, from relief to development, with particular "
        "attention to the needs of the least developed countries and small island developing States")
# three lines at 258 pt, 8.5 pt bold, as A/RES/79/160's and 80/16's issued heads; four as 77/1's and
# 80/116's; five, more than any issued head, within the top margin all the same
THREE_LINES = ("Strengthening of the coordination of emergency humanitarian assistance of the United Nations, "
               "including special economic assistance to individual countries")
FOUR_LINES = " ".join(LONG.split()[:34])
FIVE_LINES = " ".join(LONG.split()[:36])


def source(tmp_path: Path, short_title: str | None = None) -> tuple[Path, int]:
    """A/RES/73/8 with the long title (and a short title, if given); the line of the value warned at."""
    text = (ROOT / "source" / "A_RES_73_8.yaml").read_text(encoding="utf-8")
    start, end = text.index("title: |-"), text.index("\npreamble:")
    head = f"title: >-\n  {LONG}\n" + (f"short_title: {short_title}\n" if short_title else "")
    text = text[:start] + head + text[end:]
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    key = "short_title: " if short_title else "title: "
    return path, text[:text.index("\n" + key) + 1].count("\n") + 1


def build(tmp_path: Path, style: str, short_title: str | None = None, *options: str):
    src, line = source(tmp_path, short_title)
    out = tmp_path / style
    done = unres("build", src, "-o", out, "--style", style, "--format", "pdf,docx", *(options or ("-j", "1")))
    return done, line, out / "A_RES_73_8.pdf", src


def head_and_body(pdf_path: Path) -> list[tuple[list[dict], float]]:
    """Each page 2 on: the running head's characters (above the rule's foot, 8.5 pt bold in the
    modern style, 12 pt in the 1998 one) and the top of its first body line (10 or 11 pt)."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages[1:]:
            body = [c for c in page.chars if c["size"] > 9.5 and "Bold" not in c["fontname"]
                    and c["top"] < page.height / 2 and not re.fullmatch(r"A/RES/73/8|Page", c["text"])]
            first = min(c["top"] for c in body if c["size"] < 11.5 and c["x0"] < 200)
            head = [c for c in page.chars if c["top"] < first and c["bottom"] < page.height / 2]
            pages.append((head, first))
    return pages


@pytest.mark.parametrize(("style", "text_top"), [("modern", 74.53), ("2014", 81.03)])
def test_a_tall_running_head_stays_on_the_page_above_the_text(tmp_path, style, text_top):
    """Its text top: where a head that fits leaves it (the 2014 page's text starts lower)."""
    done, line, pdf, src = build(tmp_path, style)
    assert done.returncode == 0, done.stderr
    pages = head_and_body(pdf)
    assert pages
    for head, first in pages:
        lines = sorted({round(c["top"], 1) for c in head})
        assert len(lines) >= 6, lines
        assert min(c["top"] for c in head) >= 0, lines  # every character on the page
        assert max(c["bottom"] for c in head) < first, (lines, first)  # and above the text
        assert min(c["top"] for c in head) < 1.5, lines  # from the top: no more room than needed
        assert first == pytest.approx(text_top + 16.15, abs=0.1)  # down by what the head rose above 0


def test_the_1998_running_head_stays_where_it_was(tmp_path):
    """The 1998 head is the symbol and "Page n": two lines at the header distance whatever the title."""
    done, _, pdf, _ = build(tmp_path, "1998")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    for head, first in head_and_body(pdf):
        assert "".join(c["text"] for c in head) .split() == ["A/RES/73/8Page", "2"]
        assert min(c["top"] for c in head) >= 0 and max(c["bottom"] for c in head) < first


def warned(src: Path, line: int) -> str:
    return (f"{src}:{line}:8: warning: the running head of pages 2 on takes 8 lines, more than 4, so their "
            "text starts 16.2 pt lower; give a shorter running head as short_title:")


def test_a_running_head_of_more_than_four_lines_is_a_warning_at_the_title(tmp_path):
    """Built as one document is by default: the PDF here, the HTML and DOCX in a second process."""
    done, line, _, src = build(tmp_path, "modern", None, "--format", "pdf,html,docx")
    assert done.returncode == 0  # built all the same
    assert done.stderr == warned(src, line) + "\n", done.stderr
    assert done.stdout.splitlines()[0] == f"wrote {tmp_path / 'modern' / 'A_RES_73_8.pdf'}"


def test_the_warning_comes_back_from_a_worker_process(tmp_path):
    src, line = source(tmp_path)
    done = unres("build", src, ROOT / "source" / "A_RES_52_102.yaml", "-o", tmp_path / "out", "--format", "pdf",
                 "-j", "2")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [warned(src, line), "2 built, 0 up to date, 0 failed"], done.stderr


def test_the_warning_comes_back_from_a_cluster_worker(tmp_path):
    """A cluster's task (run here, as on a worker) returns its warnings with the outputs."""
    from pipeline.app import cluster
    from pipeline.app.batch import Job

    src, line = source(tmp_path)
    digest, bundle = cluster.templates_bundle()
    job = Job(str(src), src.read_bytes(), ("pdf",), {})
    stem, out, diags, status = cluster.remote_render(job, "modern", None, cluster.code_digest(), digest, bundle)
    assert (stem, status, diags) == ("A_RES_73_8", 0, [warned(src, line)])


@pytest.mark.parametrize(("short_title", "lines"), [(THREE_LINES, 3), (FOUR_LINES, 4)])
def test_a_short_title_of_as_many_lines_as_issued_heads_is_not_warned_at(tmp_path, short_title, lines):
    """Issued heads of three and four lines (A/RES/79/160, 80/16; 77/1, 80/116) leave the text where a
    two-line head does, and an imported issued document keeps its head: no warning (before: warned
    at three lines and more)."""
    done, line, pdf, src = build(tmp_path, "modern", short_title)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    [(head, first)] = head_and_body(pdf)
    assert len({round(c["top"], 1) for c in head}) == lines
    assert first == pytest.approx(74.53, abs=0.05)  # where a fitting head's text is


def test_a_five_line_short_title_is_warned_at_and_leaves_the_text_where_it_was(tmp_path):
    """More lines than any issued head: a warning, the text where a fitting head leaves it."""
    done, line, pdf, src = build(tmp_path, "modern", FIVE_LINES)
    assert done.stderr == (
        f"{src}:{line}:14: warning: the running head of pages 2 on takes 5 lines, more than 4; "
        "shorten short_title:\n"), done.stderr
    [(head, first)] = head_and_body(pdf)
    assert len({round(c["top"], 1) for c in head}) == 5
    assert min(c["top"] for c in head) >= 0
    assert first == pytest.approx(74.53, abs=0.05)


def test_a_two_line_short_title_changes_nothing(tmp_path):
    """The issued A/RES/73/8's own short title (two lines): no warning, the text at 74.53."""
    done = unres("build", ROOT / "source" / "A_RES_73_8.yaml", "-o", tmp_path, "--format", "pdf", "-j", "1")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    for head, first in head_and_body(tmp_path / "A_RES_73_8.pdf"):
        assert len({round(c["top"], 1) for c in head}) == 2
        assert first == pytest.approx(74.53, abs=0.05)


def test_libreoffice_keeps_the_docx_head_on_the_page_above_the_text(tmp_path, office):
    """The DOCX was right already (unchanged): Word's header, LibreOffice's, grows down from the
    header distance (40 pt) and pushes the text: 6 lines at its 342 pt, from 39.4 to 97.4, the
    text at 102.3."""
    done, _, pdf, _ = build(tmp_path, "modern")
    assert done.returncode == 0, done.stderr
    [lo] = office.convert_all([pdf.with_suffix(".docx")], "pdf", tmp_path / "lo")
    for head, first in head_and_body(lo):
        assert len({round(c["top"], 1) for c in head}) == 6
        assert min(c["top"] for c in head) >= 39 and max(c["bottom"] for c in head) < first


def _issued_head(name: str) -> list[str]:
    """The running title's lines of page 2 of an issued text layer (tests/import/pymupdf): the
    lines after the symbol, up to the blank line before the job number."""
    page2 = (ROOT / "tests" / "import" / "pymupdf" / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[1]
    lines = [line.strip() for line in page2.split("\n")]
    return lines[1:lines.index("")]


@pytest.mark.parametrize(("name", "compared"), [("A_RES_80_9", 2), ("A_RES_79_125", 2), ("A_RES_80_16", 1)])
def test_the_running_title_takes_as_much_a_line_as_words(tmp_path, name, compared):
    """Word's running-title column is at least 257.6 pt (8.5 pt bold, kerned): A/RES/80/9's and
    79/125's first head lines ('… the United Nations', 257.58 and 253.62 pt) are one line each
    (at 250 pt ours broke them before 'Nations'); 80/16's '… and in the use of' does not take
    'information' (258.87). Their titles as the head's words (no short_title:), on 73/8's text."""
    issued = _issued_head(name)
    text = (ROOT / "source" / "A_RES_73_8.yaml").read_text(encoding="utf-8")
    start, end = text.index("title: |-"), text.index("\npreamble:")
    text = text[:start] + "title: >-\n  " + " ".join(issued) + "\n" + text[end:]
    (tmp_path / "head.yaml").write_text(text, encoding="utf-8")
    done = unres("build", tmp_path / "head.yaml", "-o", tmp_path, "--format", "pdf", "-j", "1")
    assert done.returncode == 0, done.stderr
    head, _ = head_and_body(tmp_path / "A_RES_73_8.pdf")[0]  # page 2: the symbol left, the title right
    rows: dict[float, list[dict]] = {}
    for c in head:
        rows.setdefault(round(c["top"], 1), []).append(c)
    title_x = min(c["x0"] for c in head if c["x0"] > 150)
    printed = [" ".join("".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]) if c["x0"] >= title_x - 1)
                        .split()) for _, row in sorted(rows.items())]
    assert printed[:compared] == issued[:compared]


# Running heads as issued, broken by hand (tests/import/pymupdf/A_RES_80_120.txt, A_RES_80_9.txt)
ISSUED_HEADS = [
    ["Unilateral economic measures as a means of political", "and economic coercion against developing countries"],
    ["2025 Political Declaration on the Implementation of the United Nations",
     "Global Plan of Action to Combat Trafficking in Persons"],
]


@pytest.mark.parametrize("lines", ISSUED_HEADS, ids=["80-120", "80-9"])
def test_a_short_title_in_lines_is_the_running_heads_lines(tmp_path, lines):
    """A `short_title:` given in lines (`unres import` keeps an issued running head's so) is set in
    those lines on every page 2 on, in the PDF and the DOCX: not broken again where the column is
    full (ours broke A/RES/80/120's "… of political and economic" / "coercion …"; 80/9's first line,
    257.6 pt, is whole however narrow the column)."""
    text = (ROOT / "source" / "A_RES_73_8.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^short_title: >-\n(  .*\n)+", "short_title: |-\n" + "".join(f"  {x}\n" for x in lines),
                  text, count=1, flags=re.M)
    src = tmp_path / "A_RES_73_8.yaml"
    src.write_text(text, encoding="utf-8")
    done = unres("build", src, "-o", tmp_path, "--style", "modern", "--format", "pdf,docx", "-j", "1")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    with pdfplumber.open(tmp_path / "A_RES_73_8.pdf") as pdf:
        for page in pdf.pages[1:]:
            rows: dict[float, list[str]] = {}
            for w in page.extract_words(extra_attrs=["size"]):
                if w["top"] < 66 and w["size"] < 9 and w["text"] != "A/RES/73/8":
                    rows.setdefault(round(w["top"]), []).append(w["text"])
            assert [" ".join(row) for _, row in sorted(rows.items())] == lines
    from docx import Document as Docx
    header = Docx(str(tmp_path / "A_RES_73_8.docx")).sections[0].header
    cell = [c for c in header.tables[0].rows[0].cells if "A/RES/73/8" not in c.text][0]
    assert cell.text.split("\n") == lines
