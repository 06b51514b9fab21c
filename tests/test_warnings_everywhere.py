"""Every command that loads or renders a source says the stages' warnings (pipeline.errors.warn) as
``unres build`` does: ``file:line:column: warning: …`` on standard error, once each, the exit status
unchanged (pipeline.app.cli.warnings_said, Warned).

Before, only ``unres build`` said them: ``unres watch``, ``diff`` and ``amend`` laid out a running head
of 8 lines without a word, and a warning given by a forked process (the child of a split build, a
volume's part) was lost.

The running head of more than four lines (pipeline/writers/pdf/runninghead.py) is the only warning a
stage gives today, and only the PDF writer gives it. The commands that render no PDF (check, apply,
adopt, history, volume's collecting) are run here in-process with a loader that warns at line 1 of
every source it loads: what a loader or resolve warning would do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED, unres
from test_running_head import LONG, source

import pipeline.source
from pipeline.app.cli import main
from pipeline.errors import Diagnostic, warn, warnings_kept
from pipeline.source import loader

FX = ROOT / "tests" / "fixtures" / "cycle"
WHAT = "a warning the loader gives"


def head_warning(src: Path | str, line: int, lower: str = ", so their text starts 16.2 pt lower") -> str:
    return (f"{src}:{line}:8: warning: the running head of pages 2 on takes 8 lines, more than 4{lower}; "
            "give a shorter running head as short_title:")


def line_of(text: str, key: str) -> int:
    return text[:text.index("\n" + key) + 1].count("\n") + 1


def test_diff_says_the_redlines_running_head_warning_once(tmp_path):
    """A redline of A/RES/73/8 with the long title, in three formats: the warning at NEW's title."""
    old, line = source(tmp_path)
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("Recalling", "Recalling also", 1), encoding="utf-8")
    done = unres("diff", old, new, "-o", tmp_path / "out", "--format", "pdf,html,docx")
    assert done.returncode == 0, done.stderr
    assert done.stderr == head_warning(new, line) + "\n", done.stderr
    assert done.stdout.splitlines()[0] == f"wrote {tmp_path / 'out' / 'A_RES_73_8.pdf'}"


def test_amend_says_the_amendments_running_head_warning_once(tmp_path):
    """The amendment document repeats the draft's title: 40 instructions make it two pages, and its
    head 8 lines; the warning is at the title of the amendment source it writes."""
    draft = (FX / "draft.yaml").read_text(encoding="utf-8")
    draft = draft.replace("title: Cooperation on *test* matters", f"title: >-\n  {LONG}")
    paras = "".join(f"  - Requests States to report on the matter numbered {i} at its hundredth session;\n"
                    for i in range(1, 41))
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(draft.replace("operative:\n", "operative:\n" + paras), encoding="utf-8")
    new.write_text(old.read_text(encoding="utf-8").replace("to report on", "to report fully on"), encoding="utf-8")
    out = tmp_path / "out"
    done = unres("amend", old, new, "-o", out, "--format", "pdf,html,docx")
    assert done.returncode == 0, done.stderr
    written = out / "A_C.3_99_L.7.yaml"
    line = line_of(written.read_text(encoding="utf-8"), "title: ")
    assert done.stderr == head_warning(written, line) + "\n", done.stderr


def test_watch_says_the_warning_at_each_rebuild(tmp_path):
    """The initial build says it once (HTML, then the PDF in the background), an edit that keeps the
    long title says it again, once; an edit that gives a short title says nothing more."""
    from test_batch import copy_project
    from test_watch import Watch

    src, line = source(tmp_path)
    w = Watch(copy_project(tmp_path / "project"), src, tmp_path / "out")
    warned = head_warning(src, line)

    def settled(pdfs: int) -> None:  # that many PDFs written, and the warnings said before them
        w.wait(lambda: sum("A_RES_73_8.pdf" in x for x in w.out) >= pdfs)

    try:
        settled(1)
        w.wait(lambda: any(warned in x for x in w.err))
        src.write_text(src.read_text(encoding="utf-8").replace("Recalling", "Recalling also", 1), encoding="utf-8")
        settled(2)
        w.wait(lambda: sum(warned in x for x in w.err) >= 2)
        text = src.read_text(encoding="utf-8")
        src.write_text(text.replace("\npreamble:", "\nshort_title: Humanitarian assistance\npreamble:", 1),
                       encoding="utf-8")
        settled(3)
        w.wait(lambda: sum("A_RES_73_8.html" in x for x in w.out) >= 3)
    finally:
        w.proc.terminate()
        w.proc.wait(timeout=30)
    assert [x.rstrip("\n") for x in w.err] == [warned, warned], w.err
    assert w.proc.returncode == 0


@pytest.fixture
def loader_warns(monkeypatch):
    """The loader warns at line 1 of every source it loads."""
    real = loader.load

    def load(path, text=None):
        src = real(path, text)
        warn(Diagnostic(str(path), 1, 1, WHAT, "warning"))
        return src

    monkeypatch.setattr(loader, "load", load)
    monkeypatch.setattr(pipeline.source, "load", load)


def said(path: Path | str) -> str:
    return f"{path}:1:1: warning: {WHAT}"


def count(err: str, path: Path | str) -> int:
    return err.splitlines().count(said(path))


def test_check_says_the_loaders_warning(loader_warns, capsys):
    assert main(["check", str(SEED)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{SEED}: ok\n"
    assert err == said(SEED) + "\n"


def test_check_says_the_warning_and_keeps_an_errors_status(loader_warns, capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("symbol: A/RES/1/1\n", encoding="utf-8")
    assert main(["check", str(SEED), str(bad)]) == 2
    err = capsys.readouterr().err
    assert count(err, SEED) == 1 and re.search(rf"^{re.escape(str(bad))}:\d+:\d+: ", err, re.M), err


def test_apply_says_the_loaders_warnings(loader_warns, capsys, tmp_path):
    out = tmp_path / "new.yaml"
    assert main(["apply", str(FX / "rev1.yaml"), str(FX / "amendment.yaml"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert count(err, FX / "rev1.yaml") == 1 and count(err, FX / "amendment.yaml") == 1, err


def test_adopt_says_the_loaders_warning(loader_warns, capsys, tmp_path):
    status = main(["adopt", str(FX / "rev1.yaml"), "--symbol", "A/RES/99/8", "--meeting", "30", "--date",
                   "2044-12-01", "--report", "A/99/481", "-o", str(tmp_path / "res.yaml")])
    assert status == 0
    assert count(capsys.readouterr().err, FX / "rev1.yaml") == 1


def test_history_says_the_loaders_warnings(loader_warns, capsys, tmp_path):
    stages = [FX / "draft.yaml", FX / "rev1.yaml"]
    assert main(["history", *map(str, stages), "-o", str(tmp_path / "history.html")]) == 0
    err = capsys.readouterr().err
    assert [count(err, s) for s in stages] == [1, 1], err


def test_diff_stat_says_the_loaders_warnings(loader_warns, capsys):
    assert main(["diff", str(FX / "draft.yaml"), str(FX / "rev1.yaml"), "--stat"]) == 0
    err = capsys.readouterr().err
    assert [count(err, s) for s in (FX / "draft.yaml", FX / "rev1.yaml")] == [1, 1], err


def test_volume_says_the_loaders_warning_once(loader_warns, capsys, tmp_path):
    """Each resolution is loaded when collected and again when its turn comes (in a short-lived
    process for the PDF): one warning."""
    assert main(["volume", str(SEED), "--session", "52", "--format", "html", "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert count(err, SEED) == 1, err
    assert err.splitlines()[-1] == "1 resolutions of session 52"


def test_a_volume_part_laid_out_apart_sends_its_warnings_back():
    from pipeline.app.volume import _in_child

    def part() -> int:
        warn(Diagnostic("part.yaml", 3, 5, WHAT, "warning"))
        return 7

    with warnings_kept() as kept:
        assert _in_child(part) == 7
    assert [d.line_shown() for d in kept] == [f"part.yaml:3:5: warning: {WHAT}"]


def test_a_split_build_sends_the_childs_warnings_back(loader_warns, tmp_path):
    """The child of a split build loads the source and renders the HTML: its warnings reach the
    parent, which lays out the PDF (the default for one source on two cores)."""
    from pipeline.app.batch import Job, Options, load_and_render_split

    opts = Options(tmp_path, ("pdf", "html"), None, None)
    with warnings_kept() as kept:
        doc, rendered = load_and_render_split(Job(str(SEED), SEED.read_bytes(), opts.formats, {}), opts)
    assert set(rendered) == {"pdf", "html"}
    assert [d.line_shown() for d in kept] == [said(SEED)]
