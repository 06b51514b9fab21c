"""Hostile text stays text, and a build reaches nothing outside the project.

One source puts script tags, broken-out HTML, Jinja syntax, CSS ``url(file://...)``,
entities, quotes, a right-to-left override and zero-width characters into every kind of
text (title, running title, preamble, operative, sub-paragraph, section, footnote,
annex). Each format must show them as the literal characters typed, and none may
execute, include, fetch or embed anything. The URL fetcher and the emblem check are
tried directly with things that must be refused.
"""

from __future__ import annotations

import base64
import re
import subprocess
import zipfile
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest
from conftest import unres
from support.hostile import HOSTILE

# What a reader must see, character for character (whitespace normalised).
VISIBLE = [
    "Hostile <script>alert('title')</script> & friends",
    "</p><img src=x onerror=alert(1)> and {{ 7*7 }} together,",
    "{% include '/etc/passwd' %} and {{ config.__class__ }} and ${7*7},",
    "<style>body{background:url(file:///etc/passwd)}</style> and url(http://127.0.0.1:9/x.png),",
    "Decides that AT&T, a < b > c, \"double\" and 'single' quotes stay as typed;",
    '<iframe src="file:///etc/passwd"></iframe> item',
    "<b>Section</b> & {{ 6*7 }}",
    "Requests <!-- comment --> and <![CDATA[ x ]]> and &amp; and &#60;literal&#62;.",
    'Note <a href="javascript:alert(1)">link</a> {{ 7*7 }}.',
    "Annex <svg onload=alert(1)>",
    'Annex text <object data="file:///etc/passwd"></object>.',
]
INVISIBLE = "override \u202edesrever\u202c and zero\u200bwidth\u200djoin\u200cnon;"
RUNNING_TITLE = "Short </title><script>alert(1)</script>"
FIELDS = {"PAGE", "NUMPAGES", "NOTEREF", "SECTIONPAGES"}
PNG = base64.b64decode(  # one transparent pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The hostile source built in every format, recording every URL WeasyPrint asked for."""
    from pipeline.app.build import build_file
    from pipeline.writers.pdf import fetcher

    folder = tmp_path_factory.mktemp("hostile")
    src = folder / "hostile.yaml"
    (folder / "emblem.png").write_bytes(PNG)  # with the barcode and QR code: images to fetch
    src.write_text(HOSTILE + "job_number: 25-12345\nemblem: emblem.png\n", encoding="utf-8")
    asked: list[str] = []
    real = fetcher.TemplatesOnlyFetcher.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return real(self, url, headers)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fetcher.TemplatesOnlyFetcher, "fetch", recording)
        paths = build_file(src, folder / "out", ("pdf", "html", "docx"))
    out = {p.suffix[1:]: p for p in paths}
    out["asked"] = asked  # type: ignore[assignment]
    return out


# -- HTML ------------------------------------------------------------------------------


def test_html_shows_hostile_text_literally(built):
    page = lxml.html.fromstring(built["html"].read_bytes())
    text = flat(page.text_content())
    for s in VISIBLE:
        assert flat(s) in text
    assert INVISIBLE in page.text_content()
    assert "49" not in text and "42" not in text  # {{ 7*7 }} and {{ 6*7 }} were not evaluated


def _visible_link(el) -> bool:
    """A web address of the text linked to itself by the links transform (pipeline/transforms/
    links.py): http(s) only, the link's text the address itself, nothing else in the element."""
    href = el.get("href", "")
    return (el.get("class") == "cite" and re.fullmatch(r"https?://[^\s\"'<>]+", href) is not None
            and el.text_content() == href and len(el) == 0)


def test_the_hostile_address_is_only_a_visible_link(built):
    """The source's "url(http://127.0.0.1:9/x.png)" is a web address in the text: linked to itself,
    never fetched (test_pdf_fetched_only_project_assets) nor embedded."""
    page = lxml.html.fromstring(built["html"].read_bytes())
    links = [(a.get("href"), a.text_content()) for a in page.iter("a") if a.get("href", "").startswith("http")]
    assert links == [("http://127.0.0.1:9/x.png", "http://127.0.0.1:9/x.png")]


def test_html_has_no_active_content(built):
    page = lxml.html.fromstring(built["html"].read_bytes())
    tags = {el.tag for el in page.iter() if isinstance(el.tag, str)}
    assert not tags & {"script", "iframe", "object", "embed", "svg", "base", "form", "frame"}
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], el.tag
        for attr in ("href", "src", "data", "action"):
            value = el.get(attr, "")
            if el.tag == "a" and attr == "href" and _visible_link(el):
                continue  # an address the text shows, linked to itself (as Word links it): inert
            assert not re.match(r"\s*(javascript|file|https?):", value, re.I), (el.tag, value)
        if el.tag == "img":
            assert el.get("src", "").startswith("data:image/")
    for style in page.iter("style"):
        assert style.getparent().tag == "head" and "passwd" not in style.text_content()
    assert page.find(".//title").text_content() == "80/7. Hostile <script>alert('title')</script> & friends"


def test_templates_are_sandboxed_and_autoescaped():
    from jinja2.sandbox import SandboxedEnvironment

    from pipeline.transforms.words import catalogue
    from pipeline.writers.html import environment

    env = environment()
    assert isinstance(env, SandboxedEnvironment)
    assert env.autoescape is True or env.autoescape("resolution.html.j2")
    assert isinstance(catalogue("en").env, SandboxedEnvironment)


# -- PDF -------------------------------------------------------------------------------


def test_pdf_shows_hostile_text_literally(built):
    text = flat(
        subprocess.run(
            ["pdftotext", str(built["pdf"]), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for s in VISIBLE + [RUNNING_TITLE]:
        assert flat(s) in text
    # the override is confined to its run: the words around it read normally
    assert "Notes the override" in text and "and zerowidthjoinnon;" in text


def test_pdf_fetched_only_project_assets(built):
    from pipeline.paths import TEMPLATES

    assert built["asked"], "the PDF writer did not use the project's fetcher"
    for url in built["asked"]:
        assert url.startswith("data:") or url.startswith(TEMPLATES.as_uri() + "/"), url


def test_pdf_has_no_actions_or_attachments(built, tmp_path):
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(built["pdf"]), str(plain)], check=True)
    data = plain.read_bytes()
    for marker in (
        b"/JavaScript",
        b"/JS ",
        b"/Launch",
        b"/EmbeddedFile",
        b"/SubmitForm",
        b"/ImportData",
        b"/GoToR",
    ):
        assert marker not in data
    for uri in re.findall(rb"/URI\s*\(([^)]*)\)", data):
        assert not re.match(rb"(javascript|file):", uri, re.I), uri


# -- DOCX ------------------------------------------------------------------------------


def _paragraph_texts(xml: bytes) -> list[str]:
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    root = etree.fromstring(xml)
    return ["".join(p.xpath(".//w:t/text()", namespaces=ns)) for p in root.iter(f"{{{ns['w']}}}p")]


def test_docx_shows_hostile_text_literally(built):
    with zipfile.ZipFile(built["docx"]) as z:
        texts = [t for name in z.namelist() if re.match(r"word/(document|footnotes|header\d*)\.xml$", name)
                 for t in _paragraph_texts(z.read(name))]  # fmt: skip
    text = "\n".join(texts)
    for s in VISIBLE + [RUNNING_TITLE]:
        assert s in flat(text)
    assert INVISIBLE in text


def test_docx_embeds_and_links_nothing_from_outside(built):
    with zipfile.ZipFile(built["docx"]) as z:
        names = z.namelist()
        for name in names:
            if name.endswith(".xml") or name.endswith(".rels"):
                root = etree.fromstring(z.read(name))  # every part is well-formed XML
                if name.endswith(".rels"):
                    for rel in root:
                        target = rel.get("Target", "")
                        if rel.get("Type", "").endswith("/hyperlink") and re.fullmatch(r"https?://\S+", target):
                            continue  # a link the text shows (tests/test_links.py): nothing is fetched
                        assert rel.get("TargetMode") != "External", (name, target)
                        assert "://" not in target and ".." not in target
                        assert not rel.get("Type", "").endswith(
                            ("/attachedTemplate", "/aFChunk", "/oleObject", "/subDocument")
                        )
        xml = b"".join(z.read(n) for n in names if n.startswith("word/") and n.endswith(".xml"))
    assert not [n for n in names if n.startswith("word/embeddings/")]
    instructions = re.findall(rb"<w:instrText[^>]*>([^<]*)<", xml) + re.findall(rb'w:instr="([^"]*)"', xml)
    for instr in instructions:
        if instr.strip():
            assert instr.split()[0].decode() in FIELDS, instr


def test_docx_read_back_by_pandoc(built):
    md = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(built["docx"])],
                        capture_output=True, text=True, check=True).stdout  # fmt: skip
    for s in VISIBLE:
        assert flat(s) in flat(md)


# -- reaching outside -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file://evil.example.org/share/x.css",
        "http://127.0.0.1:9/x.png",
        "https://example.org/style.css",
        "ftp://example.org/x",
        "{templates}/../pyproject.toml",
        "{templates}/%2e%2e/pyproject.toml",
        "{templates}/css/../../pipeline/fetcher.py",
        "{templates}/no-such-file.css",
    ],
)
def test_fetcher_refuses(url):
    from weasyprint.urls import FatalURLFetchingError

    from pipeline.paths import TEMPLATES
    from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher

    with pytest.raises(FatalURLFetchingError):
        TemplatesOnlyFetcher().fetch(url.replace("{templates}", TEMPLATES.as_uri()))


def test_fetcher_refuses_a_symlink_out_of_its_folder(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher

    (tmp_path / "root").mkdir()
    (tmp_path / "secret.css").write_text("body { color: red }")
    (tmp_path / "root" / "link.css").symlink_to(tmp_path / "secret.css")
    with pytest.raises(FatalURLFetchingError):
        TemplatesOnlyFetcher(tmp_path / "root").fetch((tmp_path / "root" / "link.css").as_uri())


def test_fetcher_serves_project_assets():
    from pipeline.paths import TEMPLATES
    from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher

    css = TEMPLATES / "css" / "base.css"
    response = TemplatesOnlyFetcher().fetch(css.as_uri())
    body = response.read() if hasattr(response, "read") else response.body  # type: ignore[attr-defined]
    assert body == css.read_bytes()


def test_weasyprint_with_the_fetcher_fails_loudly_on_outside_references():
    """Were a template ever to reference something outside, the render would stop."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from pipeline.writers.pdf.fetcher import TemplatesOnlyFetcher

    html = '<link rel="stylesheet" href="file:///etc/passwd"><p>x</p>'
    with pytest.raises(FatalURLFetchingError):
        HTML(string=html, url_fetcher=TemplatesOnlyFetcher()).write_pdf()


@pytest.mark.parametrize(
    "emblem, message",
    [
        ("/etc/passwd", "emblem: must be inside the source's folder"),
        ("../../../../etc/hostname", "emblem: must be inside the source's folder"),
        ("file:///etc/passwd", "emblem: must be the path of an image file next to the source, not a URL"),
        (
            "http://127.0.0.1:9/emblem.png",
            "emblem: must be the path of an image file next to the source, not a URL",
        ),
        ("link.png", "emblem: must be inside the source's folder"),  # a symlink to a file outside
        (
            "reach.svg",
            "emblem: the SVG 'reach.svg' refers to other files or runs scripts; use a self-contained image",
        ),
        (
            "script.svg",
            "emblem: the SVG 'script.svg' refers to other files or runs scripts; use a self-contained image",
        ),
    ],
)
def test_a_source_cannot_make_the_build_read_outside(emblem, message, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "link.png").symlink_to(outside)
    (folder / "reach.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
    )
    (folder / "script.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    src = folder / "r.yaml"
    src.write_text(HOSTILE + f"emblem: {emblem}\n", encoding="utf-8")
    out = tmp_path / "out"
    run = unres("build", src, "-o", out)
    assert run.returncode == 2
    assert run.stderr.splitlines()[0] == f"{src}:{HOSTILE.count(chr(10)) + 1}:9: {message}"
    assert "Traceback" not in run.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_self_contained_emblem_is_embedded_as_given(tmp_path):
    """The one file a source may bring in: its own emblem, byte for byte, in DOCX and HTML."""
    from pipeline.app.build import build_file

    (tmp_path / "emblem.png").write_bytes(PNG)
    src = tmp_path / "r.yaml"
    src.write_text(HOSTILE + "emblem: emblem.png\n", encoding="utf-8")
    paths = {p.suffix: p for p in build_file(src, tmp_path / "out", ("html", "docx"))}
    assert base64.b64encode(PNG).decode() in paths[".html"].read_text(encoding="utf-8")
    with zipfile.ZipFile(paths[".docx"]) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert PNG in media
