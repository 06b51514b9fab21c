"""``unres import X.docx``: a Word document (a delegation's draft, an editor's file, the DOCX unres
writes) as the text the importer reads.

Word's paragraph numbering, emphasis, footnotes and tables are what pandoc's DOCX reader does
well: ``pandoc -f docx+styles -t markdown`` gives numbered paragraphs as "1.  *Takes note* …",
calls as ``[^1]`` with their notes ``[^1]: …`` after the text, italics as ``*…*``, tables as
pipe tables. templates/pandoc/docx-import.lua, run by pandoc, unwraps the paragraph styles (a
quotation's style becomes a block quote), keeps a note's own mark raised (a draft's "*") and
takes links back to their words. What pandoc leaves out, the first page's header and footer,
holds a UN document's masthead and job number: their lines are read with python-docx and put
first, one block. Here the rest is brought to the importer's text: list labels ("a." under "1."
is Word's "(a)"), the sponsor note under a rule, the notes numbered from 1 without it, a note
called again by cross-reference (``[^1^](#RefNote1)``) a call, a captioned table as aligned
columns (the importer reads a caption there), and pandoc's escapes undone. Warnings carry the
line numbers of that text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from pipeline.errors import Diagnostic, SourceError
from pipeline.paths import TEMPLATES

MAX_BYTES = 200 * 1024 * 1024

_NOTE_AGAIN = re.compile(r"\[\^([^\]\s^]+)\^\]\(#[^)\s]*\)")  # a note called again, by cross-reference
# Markdown with Unicode quotes kept (not -smart's ASCII) and every table a pipe table, which the
# importer reads (a cell's lines joined)
_MARKDOWN = "markdown-smart-simple_tables-multiline_tables-grid_tables+pipe_tables"
_RAW = re.compile(r"^```\{=\w+\}\n.*?\n```\n", re.MULTILINE | re.DOTALL)  # <!-- --> between two lists
# a list item's label, which pandoc pads to four columns ("1.  Takes note", "12. Decides"): one space;
# a sub-item's letter or Roman numeral, which Word's "(%2)" label gives as "a." / "i.", in brackets
# (pandoc indents a list four columns a level: (a) at 0 or 4, (i) at 4 or 8; a. and i. below them stay)
_LABEL = re.compile(r"^( *)(\d{1,3}\.|[IVXLC]{1,6}\.|\([a-z]{1,4}\)|([a-z]{1,4})\.) +", re.MULTILINE)
# a note with its own mark (a draft's sponsor note, "*"): pandoc prints the mark raised after the
# call and at the head of the note ("Turkmenistan:[^1]^\*^ draft resolution", "[^1]: ^\*^ Any …")
_MARKED_CALL = r"\[\^{key}\]\^(?P<mark>[^\^\s]+)\^"
_MARKED_NOTE = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]: \^(?P<mark>[^\^\s]+)\^ *(?P<text>.*)\n?", re.MULTILINE)
_RAISED = re.compile(r"(?<![\[\\])\^([^\^\s\[\]]+)\^")  # other raised text: "1^st^", a note's own number
# a table with its caption, a short line that no punctuation ends, right above it ("A. Pension
# Administration"): a pipe table has no caption; the importer reads one above aligned columns
_CAPTION = re.compile(r"^([^\n|]{1,100}[^\n.;:,])\n\n((?:\|.*\|\n)+)", re.MULTILINE)


def captioned(text: str) -> str:
    """``text`` with each pipe table that a caption stands above (a short line that no punctuation
    ends, then a blank line) printed as aligned columns under its caption, which the importer reads
    (a pipe table has no caption): a Word document's tables, a PDF's read by their places."""
    return _CAPTION.sub(_aligned, text)


def _aligned(m: re.Match[str]) -> str:
    """A captioned pipe table as issued text prints it: the caption, then a line a row, its
    cells two spaces apart (an empty cell left out, as a "Total new posts  3" row prints)."""
    from pipeline.importer.structure import RULE_ROW, cells

    rows = [cells(line) for line in m[2].splitlines() if not RULE_ROW.match(line.replace(" ", ""))]
    return "\n".join([m[1], *("  ".join(c for c in row if c) for row in rows)]) + "\n"


_ESCAPE = re.compile(r"\\([\[\](){}<>#|~$@'\"`.!+^-])")


def is_docx(path: str, head: bytes) -> bool:
    """A Word document by its name, or a ZIP package that holds ``word/document.xml``."""
    if path.lower().endswith(".docx"):
        return True
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _error(path: str, message: str) -> SourceError:
    return SourceError([Diagnostic(path, 0, 0, message)])


def _document(path: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(path)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise _error(path, "not a Word document (or a damaged one): expected a .docx file") from None


def _lines(part: Any) -> list[str]:
    """Every paragraph of a header or footer in the order it stands, in tables and text boxes too
    (a UN template sets its masthead in either; a text box's VML copy, ``mc:Fallback``, left
    out), line by line."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    texts = [Paragraph(p, part).text for p in part._element.iter(qn("w:p"))
             if not any(a.tag == fallback for a in p.iterancestors())]
    return [line.strip() for text in texts for line in text.split("\n") if line.strip()]


def _running_heads(section: Any) -> list[tuple[str, ...]]:
    """The running heads of pages 2 on (the odd and even pages' headers), each its running title's
    lines, the symbol left out: what ``short_title:`` is read from (pipeline.importer.convert)."""
    from pipeline.importer.reading import SYMBOL

    heads = []
    for part in (section.header, section.even_page_header):
        lines = tuple(line for line in _lines(part) if not SYMBOL.match(line))
        if lines and not part.is_linked_to_previous:
            heads.append(lines)
    return heads


def _masthead_lines(section: Any) -> list[str]:
    """The first page's header (the masthead) and footer (its job number), line by line; the one
    header of a document whose first page has none of its own."""
    first = section.different_first_page_header_footer
    parts = (section.first_page_header, section.first_page_footer) if first else (section.header,)
    return [line for part in parts for line in _lines(part)]


def _markdown(path: str) -> str:
    import shutil
    import subprocess

    tool = shutil.which("pandoc")
    if tool is None:
        raise _error(path, "reading a Word document needs pandoc (Debian: apt-get install pandoc; `make` "
                           "installs it); or save it as text and import that")
    try:
        run = subprocess.run([tool, "-f", "docx+styles", "-t", _MARKDOWN, "--wrap=none", "--lua-filter",
                              str(Path(TEMPLATES) / "pandoc" / "docx-import.lua"), path],
                             capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise _error(path, "pandoc did not finish reading the Word document in 120 s") from None
    if run.returncode != 0:
        why = run.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {run.returncode}"]
        raise _error(path, f"pandoc cannot read the Word document ({why[-1]})")
    return run.stdout.decode("utf-8", "replace")


def _plain(markdown: str) -> str:
    """pandoc's Markdown (through templates/pandoc/docx-import.lua) with what the importer does
    not read taken back to text."""
    text = _RAW.sub("", markdown)
    text = _LABEL.sub(lambda m: f"{m[1]}({m[3]}) " if m[3] and len(m[1]) < 12 else f"{m[1]}{m[2]} ", text)
    marked = []
    for m in list(_MARKED_NOTE.finditer(text)):
        mark = m["mark"].replace("\\", "")
        text = re.sub(_MARKED_CALL.format(key=re.escape(m["key"])), mark, text)  # no backslash left in it
        text = text.replace(m[0], "", 1)
        marked.append(f"{mark} {m['text']}")
    if marked:  # under a rule, as the page prints them
        text = text.rstrip("\n") + "\n\n__________________\n\n" + "\n\n".join(marked) + "\n"
    # the notes numbered from 1 again, in their order, once a marked note is out of the count
    order = {key: str(n) for n, key in enumerate(re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE), 1)}
    text = re.sub(r"\[\^(\d+)\]", lambda m: f"[^{order.get(m[1], m[1])}]", text)
    text = _NOTE_AGAIN.sub(r"[^\1]", text)  # by its printed number, the order's
    text = re.sub(r"^(\[\^[^\]\s]+\]:) +", r"\1 ", text, flags=re.MULTILINE)
    text = _RAISED.sub(r"\1", text)
    text = captioned(text)
    return _ESCAPE.sub(r"\1", text)


def read_docx(path: str) -> tuple[str, list[tuple[str, ...]]]:
    """The text of the Word document at ``path`` (its first page's masthead lines, then its body)
    and its running heads (for :func:`pipeline.importer.convert.convert`'s ``heads``)."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise _error(path, f"file is larger than {MAX_BYTES // 1048576} MB")
    except OSError as exc:
        raise _error(path, f"cannot read: {exc.strerror}") from None
    section = _document(path).sections[0]
    head = _masthead_lines(section)
    body = _plain(_markdown(path))
    if not body.strip():
        raise _error(path, "the Word document has no text")
    return ("\n".join(head) + "\n\n" if head else "") + body, _running_heads(section)
