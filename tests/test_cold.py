"""The cold path's caches: compiled templates under the user's cache folder, never required."""

from __future__ import annotations

import os

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
