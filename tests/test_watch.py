"""``unres watch``: a real watcher process on a free port, driven like an editor would."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED
from test_batch import copy_project

LIMIT = 20.0  # seconds any change may take to show


class Watch:
    """The watcher subprocess, its output lines, and its HTTP server."""

    def __init__(self, project: Path, source: Path, out: Path):
        env = dict(os.environ, PYTHONPATH=str(project), PYTHONUNBUFFERED="1")
        args = [
            sys.executable,
            "-m",
            "pipeline",
            "watch",
            str(source),
            "-o",
            str(out),
            "--format",
            "html,pdf",
            "--port",
            "0",
        ]
        self.proc = subprocess.Popen(
            args, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(
                target=lambda s=stream, ls=lines: ls.extend(iter(s.readline, "")), daemon=True
            ).start()
        line = self.wait(lambda: next((x for x in self.out if "http://127.0.0.1:" in x), None))
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", line)[0]
        self.project = project

    def wait(self, probe: Callable[[], object]):
        end = time.monotonic() + LIMIT
        while time.monotonic() < end:
            value = probe()
            if value:
                return value
            assert self.proc.poll() is None, f"watcher died: {''.join(self.err)}"
            time.sleep(0.05)
        pytest.fail(f"nothing after {LIMIT} s\nstdout: {''.join(self.out)}\nstderr: {''.join(self.err)}")

    def get(self, path: str = "") -> bytes:
        """The served bytes, waiting through a restart (a template or code change restarts it)."""

        def probe() -> bytes | None:
            try:
                with urllib.request.urlopen(self.url + path, timeout=10) as resp:
                    return resp.read()
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
                return None  # a restart closed the connection, mid-response too (IncompleteRead)

        return self.wait(probe)

    def page_with(self, text: str, without: str | None = None) -> str:
        def probe() -> str | None:
            page = self.get().decode()
            return page if text in page and (without is None or without not in page) else None

        return self.wait(probe)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A watcher on a copy of the seed, running a copy of the project (its own templates)."""
    folder = tmp_path_factory.mktemp("watch")
    project = copy_project(folder / "project")
    source = folder / "resolution.yaml"
    source.write_text(SEED.read_text())
    w = Watch(project, source, folder / "out")
    yield w, source, folder / "out"
    if w.proc.poll() is None:
        w.proc.kill()
        w.proc.wait()


def test_an_edit_right_after_the_first_page_is_seen(session):
    w, source, out = session
    before = w.page_with("Regional Conference")
    assert "Regional Conferences" not in before
    source.write_text(source.read_text().replace("Regional Conference", "Regional Conferences", 1))
    after = w.page_with("Regional Conferences")
    # the edit is served (the title shows in <title> and in the heading), nothing else changed
    # in those words, and the served page is what the watcher wrote to disk
    assert after.count("Regional Conferences") >= 1
    assert after.count("Regional Conference") == before.count("Regional Conference")
    assert "Regional Conferences" in (out / "A_RES_52_102.html").read_text()


def test_serves_the_built_html_with_a_reload_script(session):
    w, source, out = session
    page = w.page_with("Regional Conference")
    html = (out / "A_RES_52_102.html").read_text()
    version = w.get("__version").decode()
    assert re.fullmatch(r"[0-9a-f]{16}", version)
    # the writer's HTML, unchanged, plus the script (injected before </body>)
    script = re.search(r"<script>/\* unres watch.*?</script>\n", page, flags=re.S)[0]
    assert page.replace(script, "") == html
    assert f'"{version}"' in script and "/__version" in script


def test_an_edit_shows_in_the_page(session):
    w, source, out = session
    before = w.get("__version")
    source.write_text(
        source.read_text().replace("its resolutions 48/113", "its earlier resolutions 48/113", 1)
    )
    # (the cited 48/113 is a link now: <a class="cite" href="https://undocs.org/en/A/RES/48/113">)
    w.page_with("its earlier resolutions <a")
    assert w.get("__version") != before
    assert "its earlier resolutions <a" in (out / "A_RES_52_102.html").read_text()


def test_the_pdf_is_rebuilt_in_the_background(session):
    w, source, out = session
    w.wait(lambda: any("A_RES_52_102.pdf" in line for line in w.out))
    pdf = w.get("A_RES_52_102.pdf")
    assert pdf.startswith(b"%PDF-") and pdf == (out / "A_RES_52_102.pdf").read_bytes()


def test_a_broken_source_shows_its_error_and_the_watcher_lives_on(session):
    w, source, out = session
    good = source.read_text()
    source.write_text(good + "\nsymbol: [unclosed\n")
    page = w.page_with('id="unres-error"')
    banner = re.search(r'<pre id="unres-error"[^>]*>(.*?)</pre>', page, flags=re.S)[1]
    assert re.search(r"resolution\.yaml:\d+:\d+: YAML syntax", banner)
    assert "&lt;stream end&gt;" in banner and "<stream end>" not in page  # escaped
    assert w.proc.poll() is None
    w.wait(lambda: any("resolution.yaml:" in line and "YAML syntax" in line for line in w.err))
    source.write_text(good)
    w.page_with("Regional Conference", without='id="unres-error"')


def test_an_atomic_replace_and_a_delete_recover(session):
    w, source, out = session
    tmp = source.with_name(".resolution.yaml.swp")
    tmp.write_text(source.read_text().replace("Regional Conference", "Regional Meeting", 1))
    os.replace(tmp, source)  # how editors save
    w.page_with("Regional Meeting")
    text = source.read_text()
    source.unlink()
    w.page_with("no such file")
    source.write_text(text.replace("Regional Meeting", "Regional Gathering", 1))
    page = w.page_with("Regional Gathering")
    assert 'id="unres-error"' not in page


def test_a_stylesheet_change_restarts_and_shows(session):
    w, source, out = session
    css = w.project / "templates" / "css" / "screen.css"
    css.write_text(css.read_text() + "\n.unres-test-marker { color: red }\n")
    w.page_with(".unres-test-marker")
    assert any("screen.css changed: restarting" in line for line in w.out)


def test_half_edited_code_does_not_restart_it(session):
    w, source, out = session
    broken = w.project / "pipeline" / "half_edited.py"
    broken.write_text("def f(:\n")
    page = w.page_with("half_edited.py:1:")
    assert "not restarting" in page and w.proc.poll() is None
    broken.unlink()  # fixed: now it restarts, and the page is clean again
    w.page_with("Regional", without='id="unres-error"')


def test_sigterm_stops_it_cleanly(session):
    w, source, out = session
    # xdist may run this test alone on a fresh watcher: let it serve its first page first, so the
    # signal stops a running watcher (and out/ exists to be searched for half-written files)
    w.page_with("Regional")
    w.proc.send_signal(signal.SIGTERM)
    assert w.proc.wait(20) == 0
    assert "Traceback" not in "".join(w.err)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
