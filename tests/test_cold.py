"""The cold path's caches: compiled templates under the user's cache folder, never required."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import SEED, unres


def test_templates_compiled_once_into_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = unres("build", SEED, "-o", tmp_path / "a", "--format", "html")
    assert first.returncode == 0, first.stderr
    cached = sorted((tmp_path / "cache" / "unres" / "jinja").glob("unres-*.cache"))
    assert cached, "no compiled template was cached"
    stamps = [p.stat().st_mtime_ns for p in cached]
    again = unres("build", SEED, "-o", tmp_path / "b", "--format", "html")
    assert again.returncode == 0, again.stderr
    assert [p.stat().st_mtime_ns for p in cached] == stamps, "the cache was written again, not read"
    assert (tmp_path / "a" / "A_RES_52_102.html").read_bytes() == (tmp_path / "b" / "A_RES_52_102.html").read_bytes()


def test_an_unusable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    r = unres("build", SEED, "-o", tmp_path / "a", "--format", "html,docx")
    assert r.returncode == 0, r.stderr
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ok = unres("build", SEED, "-o", tmp_path / "b", "--format", "html,docx")
    for name in ("A_RES_52_102.html", "A_RES_52_102.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert ok.returncode == 0 and not os.path.isdir(blocker)


def test_numbers_in_words_kept_in_the_user_cache(tmp_path, monkeypatch):
    from num2words import num2words

    from pipeline.transforms import words

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    words._kept_numbers.cache_clear()
    try:
        assert words.number_words("en", "ordinal", 52) == "fifty-second"
        (kept,) = (tmp_path / "cache" / "unres" / "numbers").glob("en-num2words-*.json")
        table = json.loads(kept.read_text(encoding="utf-8"))
        for to in ("ordinal", "ordinal_num"):
            for n in range(1, words.NUMBERS_KEPT + 1):
                assert table[f"{to} {n}"] == num2words(n, to=to, lang="en")
        table["ordinal 52"] = "kept"
        kept.write_text(json.dumps(table), encoding="utf-8")
        words._kept_numbers.cache_clear()
        assert words.number_words("en", "ordinal", 52) == "kept", "the kept table was not read"
        big = words.NUMBERS_KEPT + 1
        assert words.number_words("en", "ordinal_num", big) == num2words(big, to="ordinal_num", lang="en")
    finally:
        words._kept_numbers.cache_clear()


PROBE = ("import sys; from pipeline.app.cli import main; status = main(sys.argv[1:]); "
         "print(' '.join(m for m in ('num2words', 'weasyprint', 'pikepdf', 'importlib.resources', 'difflib') "
         "if m in sys.modules))")


def test_html_and_docx_import_only_what_they_need(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", PROBE, "build", str(SEED), "-o", str(tmp_path / f"o{i}"),
                            "--format", "html,docx", "--force"], capture_output=True, text=True, env=env)
            for i in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    first, second = (r.stdout.splitlines()[-1].split() for r in runs)  # the probe's line, after "wrote …"
    assert first == ["num2words"], first  # the first build fills the table of numbers in words
    assert second == [], f"imported on the HTML+DOCX path with the caches filled: {second}"
