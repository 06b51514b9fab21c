"""The bad-source corpus (tests/bad/): every case gives its exact error, exit 2, no traceback,
and leaves existing outputs alone; the cases that must work (BOM, CRLF, 10 000 paragraphs) do.

Run ``python tests/test_bad.py --write-readme`` to regenerate tests/bad/README.md from
tests/bad/expected.yaml.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from bad.generate import GENERATORS  # noqa: E402
from conftest import ROOT, unres  # noqa: E402

BAD = Path(__file__).parent / "bad"
CASES: list[dict] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))["cases"]
BROKEN = [c for c in CASES if c["errors"]]
WORKING = [c for c in CASES if not c["errors"]]
# On the command line a folder argument means "the sources in this folder", so the loader's
# "is a folder" error is for the loader test only.
CLI_BROKEN = [c for c in BROKEN if c.get("generate") != "folder"]
MEMORY_CAP = 3 * 1024**3  # address space for a build of every bad case
README_START, README_END = "<!-- table: generated from expected.yaml -->", "<!-- end of table -->"


def case_id(case: dict) -> str:
    return case.get("file", case.get("generate", "?")).removesuffix(".yaml")


def case_path(case: dict, folder: Path) -> Path:
    if "file" in case:
        return BAD / case["file"]
    return GENERATORS[case["generate"]](folder)


def expected(case: dict, path: Path) -> list[str]:
    return [e.replace("{file}", str(path)) for e in case["errors"]]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (hidden ones too) with its bytes and mtime."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_corpus_is_complete():
    committed = {p.name for p in BAD.glob("[0-9][0-9][0-9]-*.yaml")}
    assert committed == {c["file"] for c in CASES if "file" in c}
    assert {c["generate"] for c in CASES if "generate" in c} == set(GENERATORS)
    assert len(BROKEN) >= 40
    for case in BROKEN:  # every message has its place, except for whole-file problems
        for line in case["errors"]:
            assert line.startswith("{file}:")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loader(case, tmp_path):
    """In-process: exactly the expected diagnostics, status 2; working cases transform."""
    from pipeline.errors import SourceError
    from pipeline.source import load
    from pipeline.transforms.resolve import build

    path = case_path(case, tmp_path)
    if not case["errors"]:
        doc = build(load(path))
        assert doc.masthead.symbol == "A/RES/80/1"
        assert doc.masthead.title[0].text == "Test resolution"
        return
    with pytest.raises(SourceError) as info:
        load(path)
    assert [str(d) for d in info.value.diagnostics] == expected(case, path)
    assert info.value.status == 2


@pytest.mark.parametrize("case", CLI_BROKEN, ids=case_id)
def test_check_command(case, tmp_path):
    """`unres check` prints exactly the expected lines, exits 2, never a traceback."""
    path = case_path(case, tmp_path)
    run = unres("check", path)
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines() == expected(case, path)
    assert run.stdout == ""


def test_build_leaves_existing_outputs_untouched(tmp_path):
    """A build of every bad case changes nothing in an output folder that has outputs."""
    out = tmp_path / "out"
    out.mkdir()
    for ext in ("pdf", "html", "docx"):
        (out / f"A_RES_80_1.{ext}").write_bytes(f"previous {ext} output".encode())
    (out / ".manifest.json").write_text("{}")
    before = snapshot(out)
    made = tmp_path / "generated"
    made.mkdir()
    paths = [case_path(c, made) for c in CLI_BROKEN]
    run = subprocess.run(  # capped, so a reader that slurps /dev/zero fails instead of the machine
        [sys.executable, "-m", "pipeline", "build", *map(str, paths), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP)),
    )
    assert run.returncode == 2, run.stderr[-2000:]
    printed = run.stdout + run.stderr
    assert "Traceback" not in printed
    for case, path in zip(CLI_BROKEN, paths, strict=True):
        for line in expected(case, path):
            assert line in printed
    assert snapshot(out) == before


@pytest.mark.parametrize("case", WORKING, ids=case_id)
def test_working_cases_build(case, tmp_path):
    """BOM, CR and CRLF line ends and 10 000 paragraphs load and build (HTML here;
    the 10 000-paragraph PDF and DOCX are timed in benchmarks/bench_large.py)."""
    path = case_path(case, tmp_path)
    run = unres("build", path, "-o", tmp_path / "out", "--format", "html")
    assert run.returncode == 0, run.stderr
    page = lxml.html.fromstring((tmp_path / "out" / "A_RES_80_1.html").read_bytes())
    text = " ".join(page.text_content().split())
    assert "80/1. Test resolution" in text
    assert "\ufeff" not in page.text_content() and "\r" not in page.text_content()
    if case.get("generate") == "paragraphs-10000":
        assert len(page.xpath("//main//li[contains(., 'stands as written')]")) == 10_000
        assert "Decides that paragraph 10000 stands as written." in text


def readme(cases: list[dict]) -> str:
    """The README table: case, what it is, exit status, message(s)."""
    rows = ["| Case | What | Exit | Message (`{file}` is the path given) |", "|---|---|---|---|"]
    for case in cases:
        name = case.get("file") or f"*generated:* {case['generate']}"
        msgs = "<br>".join(f"`{m}`" for m in case["errors"]) or "loads and builds"
        status = "2" if case["errors"] else "0"
        rows.append(f"| {name} | {case['what']} | {status} | {msgs.replace('|', '&#124;')} |")
    return "\n".join(rows)


def test_readme_table_agrees_with_data():
    text = (BAD / "README.md").read_text(encoding="utf-8")
    table = text.split(README_START, 1)[1].split(README_END, 1)[0].strip()
    assert table == readme(CASES)


def _write_readme() -> None:
    path = BAD / "README.md"
    head, rest = path.read_text(encoding="utf-8").split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    path.write_text(f"{head}{README_START}\n{readme(CASES)}\n{README_END}{tail}", encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write-readme"]:
    _write_readme()
    print(f"wrote {BAD / 'README.md'} ({len(CASES)} cases)", file=sys.stderr)
