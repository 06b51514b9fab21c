"""``unres watch``: rebuild a source on save and serve its HTML with live reload.

The HTML is rebuilt in the foreground (tens of milliseconds) and served on
``127.0.0.1`` as the HTML writer wrote it plus a small script that polls ``/__version``
and reloads the page when the version (a hash of the page) changes. The other formats
(PDF, DOCX) are rebuilt by a background thread, latest edit wins. A load error is
printed in the terminal and shown at the top of the page; the watcher keeps going.
A change to the templates, styles, word catalogues or the pipeline's code restarts the
watcher (writers cache their templates and stylesheets), and the page reloads when it
is back. Outputs go through :mod:`pipeline.app.batch`, so the manifest stays right and a
later ``unres build`` knows they are up to date.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.app.cli import Warned, _formats, add_render_options, command
from pipeline.errors import UnresError
from pipeline.paths import PACKAGE, TEMPLATES

if TYPE_CHECKING:  # http.server is imported when watching starts, not on every command
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from pipeline.app.batch import Job, Options

POLL_MS = 250
RELOAD_SCRIPT = """<script>/* unres watch: reload when the document changes */
(function () {
  var version = "%s";
  setInterval(function () {
    fetch("/__version", {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (v) { if (v && v !== version) { location.reload(); } })
      .catch(function () {});
  }, %d);
})();
</script>
"""
ERROR_BANNER = (
    '<pre id="unres-error" role="alert" style="position:relative;z-index:9999;margin:0;padding:1em;'
    "background:#fdd;color:#600;border-bottom:2px solid #c00;white-space:pre-wrap;"
    'font:14px monospace">%s</pre>\n'
)


# Before the first good build: a page that still has a language and a title (WCAG 3.1.1, 2.4.2).
_EMPTY = (b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>unres watch</title></head>"
          b"<body></body></html>")


def _say(line: str) -> None:
    print(line, flush=True)


def _warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Preview:
    """The page being served: the last good HTML and the current error, if any."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.html: bytes | None = None
        self.error: str | None = None
        self.files: dict[str, Path] = {}  # other outputs served by name
        self.page, self.version = self._compose()

    def update(self, html_bytes: bytes | None = None, error: str | None = None) -> None:
        with self.lock:
            if html_bytes is not None:
                self.html = html_bytes
            self.error = error
            self.page, self.version = self._compose()

    def _compose(self) -> tuple[bytes, str]:
        import hashlib
        import html

        body = self.html or _EMPTY
        if self.error:
            body = _insert_after_body(body, (ERROR_BANNER % html.escape(self.error)).encode())
        version = hashlib.sha256(body).hexdigest()[:16]
        script = (RELOAD_SCRIPT % (version, POLL_MS)).encode()
        end = body.rfind(b"</body>")
        page = body[:end] + script + body[end:] if end >= 0 else body + script
        return page, version


def _insert_after_body(page: bytes, fragment: bytes) -> bytes:
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + fragment + page[end:]


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path.split("?", 1)[0]
            with preview.lock:
                page, version, files = preview.page, preview.version, dict(preview.files)
            if path in ("/", "/index.html"):
                self._send(page, "text/html; charset=utf-8")
            elif path == "/__version":
                self._send(version.encode(), "text/plain")
            elif path.lstrip("/") in files and files[path.lstrip("/")].exists():
                kind = "application/pdf" if path.endswith(".pdf") else "application/octet-stream"
                self._send(files[path.lstrip("/")].read_bytes(), kind)
            else:
                self.send_error(404)

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows builds and errors, not every poll

    return Handler


class Watcher:
    """Builds one source: HTML now, the other formats in a background thread."""

    def __init__(self, source: Path, opts: Options, preview: Preview):
        self.source, self.opts, self.preview = source, opts, preview
        #: the latest job for the background thread, and its rebuild's warnings said so far
        self.pending: tuple[Job, Warned] | None = None
        self.wake = threading.Condition()
        self.stopping = False
        self.background = threading.Thread(target=self._background, name="unres-formats", daemon=True)
        self.background.start()

    def rebuild(self) -> None:
        from pipeline.app.batch import Job, Manifest, build_job, output_key
        from pipeline.source import read_bytes

        started = time.perf_counter()
        name = str(self.source)
        try:
            raw = read_bytes(self.source)
        except UnresError as exc:
            return self.failed("\n".join(str(d) for d in exc.diagnostics))
        keys = {fmt: output_key(raw, fmt, self.opts.style, self.opts.paper) for fmt in self.opts.formats}
        res = build_job(Job(name, raw, ("html",), keys), self.opts)
        if res.status:
            return self.failed("\n".join(res.diagnostics))
        warned = Warned()  # each rebuild says its warnings, once across its formats
        warned.say(res.warnings)
        Manifest(self.opts.out_dir).merge(res.entries)
        out = self.opts.out_dir / next(iter(res.entries))
        self.preview.update(out.read_bytes(), None)
        _say(f"wrote {out} ({(time.perf_counter() - started) * 1000:.0f} ms)")
        others = tuple(f for f in self.opts.formats if f != "html")
        if others:
            with self.wake:
                self.pending = (Job(name, raw, others, keys), warned)
                self.wake.notify()

    def failed(self, message: str) -> None:
        """Show ``message`` in the terminal and at the top of the page."""
        _warn(message)
        self.preview.update(None, message)

    def _background(self) -> None:
        from pipeline.app.batch import Manifest, build_job

        while True:
            with self.wake:
                while self.pending is None and not self.stopping:
                    self.wake.wait()
                pending, self.pending = self.pending, None
                if self.stopping or pending is None:
                    return
            job, warned = pending
            res = build_job(job, self.opts)
            if res.status:
                _warn("\n".join(res.diagnostics))
                continue
            warned.say(res.warnings)
            Manifest(self.opts.out_dir).merge(res.entries)
            for out in res.entries:
                with self.preview.lock:
                    self.preview.files[out] = self.opts.out_dir / out
                _say(f"wrote {self.opts.out_dir / out}")

    def stop(self) -> None:
        """Let a running background build finish (no half-written file), then stop."""
        with self.wake:
            self.stopping = True
            self.wake.notify()
        self.background.join()


def _serve(preview: Preview, port: int) -> ThreadingHTTPServer:
    from http.server import ThreadingHTTPServer

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    except OSError as exc:
        raise UnresError(f"cannot serve on port {port}: {exc.strerror}; try --port 0", status=1) from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="unres-http", daemon=True).start()
    return server


def _folders(root: Path) -> list[Path]:
    """``root`` and its sub-folders (watched one by one: the source's folder is not recursive)."""
    return [root, *(p for p in sorted(root.rglob("*")) if p.is_dir() and p.name != "__pycache__")]


def _is_code(path: Path) -> bool:
    """Templates, styles, catalogues and the pipeline's code (not bytecode caches)."""
    if "__pycache__" in path.parts:
        return False
    return path.is_relative_to(TEMPLATES) or (path.is_relative_to(PACKAGE) and path.suffix == ".py")


def _syntax_error(paths: list[Path]) -> str | None:
    """The first syntax error in the changed Python files, as ``file:line:column: message``."""
    for path in paths:
        if path.suffix == ".py" and path.exists():
            try:
                compile(path.read_bytes(), str(path), "exec")
            except SyntaxError as exc:
                return f"{path}:{exc.lineno or 0}:{exc.offset or 0}: {exc.msg} (not restarting)"
    return None


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="SOURCE", help="the YAML source to watch")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument(
        "--format", type=_formats, default=None, metavar="LIST", help="formats to write (default: all)"
    )
    add_render_options(p)
    p.add_argument("--port", type=int, default=8000, help="HTTP port on 127.0.0.1 (0: any free port)")


@command("watch", "rebuild a source on save and serve a live HTML preview")
def cmd_watch(args: argparse.Namespace) -> int:
    import watchfiles

    from pipeline.app.batch import Options
    from pipeline.writers import FORMATS

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    source = Path(args.source).absolute()
    if not source.parent.is_dir():
        raise UnresError(f"{args.source}: no such folder: {source.parent}")
    formats = tuple(dict.fromkeys(("html", *(args.format or FORMATS))))
    opts = Options(Path(args.output), formats, args.style, args.paper)
    preview = Preview()
    server = _serve(preview, args.port)
    watcher = Watcher(source, opts, preview)
    _say(f"serving http://127.0.0.1:{server.server_address[1]}/ — watching {args.source} (Ctrl-C stops)")
    restart: Path | None = None
    started = False
    try:
        for changes in watchfiles.watch(
            source.parent,
            *_folders(TEMPLATES),
            *_folders(PACKAGE),
            recursive=False,
            debounce=50,
            step=20,
            stop_event=stop,
            rust_timeout=100,
            yield_on_timeout=True,
        ):
            if not started:  # the first build once changes are being watched: none is missed
                started = True
                watcher.rebuild()
            paths = {Path(p) for _kind, p in changes}
            code = [p for p in sorted(paths) if _is_code(p)]
            broken = _syntax_error(code)
            if broken:  # half-edited code: keep serving, say why there is no restart
                watcher.failed(broken)
            elif code:
                restart = code[0]
                break
            if source in paths:
                watcher.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
    if restart:
        _say(f"{restart} changed: restarting")
        port = str(server.server_address[1])
        os.execv(
            sys.executable, [sys.executable, "-m", "pipeline", *_drop_port(sys.argv[1:]), "--port", port]
        )
    return 0


def _drop_port(argv: list[str]) -> list[str]:
    """``argv`` without a ``--port N`` / ``--port=N`` option."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--port":
            skip = True
        elif not arg.startswith("--port="):
            out.append(arg)
    return out


cmd_watch.configure = _configure  # type: ignore[attr-defined]
