"""The only way WeasyPrint may read anything: ``data:`` URIs and files under ``templates/``.

Everything else (``file://`` elsewhere, ``http(s)://``, ``ftp://`` ...) raises
:class:`weasyprint.urls.FatalURLFetchingError`, which aborts the render, so a stray
reference fails the build loudly instead of leaking a local file or reaching the network.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from pipeline.paths import TEMPLATES


class TemplatesOnlyFetcher(URLFetcher):
    """Serve ``data:`` URIs and regular files inside ``root``; refuse the rest."""

    def __init__(self, root: Path = TEMPLATES):
        super().__init__(allowed_protocols=("data", "file"))
        self.root = Path(root).resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return _data(url)
        if scheme == "file":
            return self._file(url)
        raise FatalURLFetchingError(f"refused to fetch {url!r}: only data: URIs and templates/ files")

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FatalURLFetchingError(f"refused to fetch {url!r}: remote file URL")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FatalURLFetchingError(f"refused to fetch {url!r}: not a file under {self.root}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


def _data(url: str) -> URLFetcherResponse:
    """Decode a ``data:[<mime>][;base64],<payload>`` URI."""
    head, sep, payload = url[5:].partition(",")
    if not sep:
        raise FatalURLFetchingError("malformed data: URI")
    params = head.split(";")
    mime = params[0] or "text/plain"
    try:
        encoded = "base64" in params[1:]
        body = base64.b64decode(payload, validate=True) if encoded else unquote(payload).encode()
    except ValueError as exc:
        raise FatalURLFetchingError(f"malformed data: URI ({exc})") from None
    return URLFetcherResponse(url, body, {"Content-Type": mime})
