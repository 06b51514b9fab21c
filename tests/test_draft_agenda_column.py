"""An L document's agenda title in its issued lines (print-modern.css ``.masthead.l-document``).

The issued drafts and amendments set the agenda item's title in a column wider than a
resolution's 279.5 pt: their lines reach 296.5 pt at the bold face's advances (A/C.6/80/L.15's
"… Assistance in the Teaching, Study,"). Imported, each keeps its issued lines (``agenda_title:
|-``); in the resolution's column the widest broke again and left a word alone on a line
("coordination", "Study,"). Now each issued line is one line of the PDF.
"""

from __future__ import annotations

import pdfplumber
import pytest
import yaml
from conftest import ROOT, unres

# the widest issued agenda-title lines of tests/import/drafts and tests/import/amendments (296.5,
# 291.5, 284.3 pt), and a one-line title within a resolution's column (A/C.4/80/L.10, 276.2)
FILES = [
    ROOT / "tests" / "import" / "drafts" / "A_C.6_80_L.15.txt",
    ROOT / "tests" / "import" / "drafts" / "A_80_L.27.txt",
    ROOT / "tests" / "import" / "amendments" / "A_80_L.31.txt",
    ROOT / "tests" / "import" / "drafts" / "A_C.4_80_L.10.txt",
]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_issued_agenda_title_line_is_one_line(path, tmp_path):
    src = tmp_path / "x.yaml"
    assert unres("import", path, "-o", src).returncode in (0, 1)  # 1: a warning (A/80/L.27's sponsors' "and")
    given = yaml.safe_load(src.read_text(encoding="utf-8"))["agenda_title"].split("\n")
    run = unres("build", src, "-o", tmp_path, "--format", "pdf", "-j", "1")
    assert run.returncode == 0, run.stderr
    [pdf] = tmp_path.glob("*.pdf")
    with pdfplumber.open(pdf) as doc:
        lines = [" ".join(line.split()) for line in (doc.pages[0].extract_text() or "").splitlines()]
    for line in given:
        assert " ".join(line.split()) in lines, (line, lines[:14])
