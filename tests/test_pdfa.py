"""PDF/A-3 that carries its source: ``unres build --pdf-variant pdf/a-3b|pdf/a-3a`` and ``unres import X.pdf``.

What is checked here is what can be checked without veraPDF (neither on PyPI nor in Debian):
qpdf's structural check, and with pikepdf the PDF/A claims a validator starts from — the XMP
identification (pdfaid part and conformance, and the PDF/UA claim with its extension schema),
the OutputIntent with an ICC profile, the file identifier, no encryption, every font
embedded, the associated file (``/AF``, ``/AFRelationship /Source``, MIME type, name, dates,
checksum) — plus the PDF/UA checker and the structure tree, since the archival PDF stays
tagged. ``unres import`` gives the source back byte for byte; bad input exits 2 and writes
nothing.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import MODERN, ROOT, SEED, unres
from test_pdfua import tree

FIXTURE = ROOT / "tests" / "fixtures" / "structures.yaml"
CASES = {  # name → (source, style, variant)
    "modern-3b": (MODERN, "modern", "pdf/a-3b"),
    "seed-3a": (SEED, "1998", "pdf/a-3a"),
    "structures-3b": (FIXTURE, "modern", "pdf/a-3b"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """name → the PDF/A built by the command line."""
    out = tmp_path_factory.mktemp("pdfa")
    made = {}
    for name, (src, style, variant) in CASES.items():
        folder = out / name
        run = unres("build", src, "-o", folder, "--format", "pdf", "--style", style, "--pdf-variant", variant)
        assert run.returncode == 0, run.stderr
        (made[name],) = folder.glob("*.pdf")
    return made


def test_qpdf_finds_no_structural_error(built):
    for name, path in built.items():
        run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, (name, run.stdout[-2000:], run.stderr[-2000:])
        assert "No syntax or stream encoding errors" in run.stdout, name


def test_xmp_claims_pdfa3_and_pdfua1_with_the_extension_schema(built):
    for name, path in built.items():
        level = CASES[name][2][-1].upper()
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.7", name
            raw = pdf.Root.Metadata.read_bytes()  # before pikepdf's editor rewrites it in memory
            with pdf.open_metadata() as xmp:
                assert xmp.get("pdfaid:part") == "3", name
                assert xmp.get("pdfaid:conformance") == level, name
                assert xmp.get("pdfuaid:part") == "1", name
                assert xmp.get("dc:title") == str(pdf.docinfo.Title), name
                assert xmp.get("pdf:Producer") == str(pdf.docinfo.Producer), name
            assert raw.startswith(b"<?xpacket begin=") and raw.rstrip().endswith(b'<?xpacket end="r"?>')
            # PDF/A admits a namespace it does not predefine only with its extension schema
            assert b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in raw
            assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in raw


def test_output_intent_identifier_no_encryption_fonts_embedded(built):
    for name, path in built.items():
        with pikepdf.open(path) as pdf:
            assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer, name
            ids = pdf.trailer.ID
            assert len(ids) == 2 and len(bytes(ids[0])) >= 16, name  # pydyf: the MD5 as hex
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier), name
            profile = intent.DestOutputProfile
            icc = profile.read_bytes()
            assert int(profile.N) == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB ", name
            fonts = 0
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descendants = font.get("/DescendantFonts")
                    desc = (descendants[0] if descendants else font).FontDescriptor
                    assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), (name, font.BaseFont)
                    fonts += 1
            assert fonts > 0, name
            for page in pdf.pages:  # links print (PDF/A: the annotation's Print flag is set)
                for annot in page.get("/Annots", []):
                    assert int(annot.F) & 4, name
            assert "/JavaScript" not in pdf.Root.get("/Names", {}), name
            assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root, name


def test_the_source_and_its_akn_are_associated_files(built):
    from pipeline import writers
    from pipeline.app.build import load_document

    for name, path in built.items():
        src, style, _variant = CASES[name]
        raw = src.read_bytes()
        akn_name = path.name.removesuffix(".pdf") + ".akn.xml"
        with pikepdf.open(path) as pdf:
            spec, akn = pdf.Root.AF
            assert spec.Type == "/Filespec" and spec.AFRelationship == "/Source", name
            assert str(spec.F) == str(spec.UF) == src.name
            assert str(spec.Desc).startswith("unres source (A/"), spec.Desc
            assert sorted(pdf.attachments) == sorted([src.name, akn_name])
            assert pdf.attachments[src.name].obj.objgen == spec.objgen  # the same file, named in both
            # the same text as Akoma Ntoso: an alternative representation, the AKN writer's bytes
            assert akn.AFRelationship == "/Alternative" and str(akn.UF) == akn_name, name
            assert akn.EF.F.Subtype == "/application/akn+xml", name
            want = writers.render("akn", load_document(src, style=style))
            assert akn.EF.F.read_bytes() == want and bytes(akn.EF.F.Params.CheckSum) == hashlib.md5(want).digest()
            stream = spec.EF.F
            assert stream.Type == "/EmbeddedFile" and stream.Subtype == "/application/yaml"
            params = stream.Params
            assert bytes(params.CheckSum) == hashlib.md5(raw).digest()
            assert int(params.Size) == len(raw)
            assert str(params.ModDate).startswith("D:") and len(str(params.ModDate)) >= 10
            assert stream.read_bytes() == raw


def test_the_archival_pdf_stays_tagged_and_passes_the_pdfua_checker(built):
    paths = [str(p) for p in built.values()]
    run = subprocess.run([str(Path(sys.executable).parent / "pdfua"), "check", "-f", "json", *paths],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    decoder, at, files = json.JSONDecoder(), 0, []
    while run.stdout[at:].strip():
        obj, end = decoder.raw_decode(run.stdout[at:].lstrip())
        at = len(run.stdout) - len(run.stdout[at:].lstrip()) + end
        files.append(obj)
    assert len(files) == len(paths) and all(f["findings"] == [] for f in files), files
    for name, path in built.items():
        _pdf, root, _ = tree(path)
        tags = [n.tag for n in root.walk()]
        assert tags.count("H1") == 1 and {"P", "L", "LI", "Lbl", "Note", "Reference"} <= set(tags), name
        if name == "modern-3b":
            assert tags.count("Figure") == 3, name  # emblem, barcode, QR code


def test_import_gives_the_identical_source_back(built, tmp_path):
    for name, path in built.items():
        src = CASES[name][0]
        out = tmp_path / f"{name}.yaml"
        run = unres("import", path, "-o", out)
        assert run.returncode == 0 and run.stderr == "", (name, run.stderr)
        assert out.read_bytes() == src.read_bytes(), name
    stdout = subprocess.run([sys.executable, "-m", "pipeline", "import", str(built["modern-3b"])],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert stdout.returncode == 0 and stdout.stdout == MODERN.read_bytes()


def test_a_source_imported_from_the_pdf_builds_the_same_outputs(built, tmp_path):
    back = tmp_path / "back" / FIXTURE.name
    back.parent.mkdir()
    assert unres("import", built["structures-3b"], "-o", back).returncode == 0
    for folder, src in (("original", FIXTURE), ("imported", back)):
        run = unres("build", src, "-o", tmp_path / folder, "--style", "modern", "--pdf-variant", "pdf/a-3b")
        assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in (tmp_path / "original").iterdir() if not p.name.startswith("."))
    assert len(names) == 3
    for n in names:
        assert (tmp_path / "original" / n).read_bytes() == (tmp_path / "imported" / n).read_bytes(), n


def test_the_variant_rebuilds_only_the_pdf_and_the_default_is_unchanged(tmp_path):
    first = unres("build", SEED, "-o", tmp_path, "--format", "pdf,html")
    assert first.returncode == 0, first.stderr
    default_pdf = next(tmp_path.glob("*.pdf")).read_bytes()
    again = unres("build", SEED, "-o", tmp_path, "--format", "pdf,html", "--pdf-variant", "pdf/ua-1")
    assert again.stdout.count("up to date") == 2, again.stdout  # pdf/ua-1 is the default
    archival = unres("build", SEED, "-o", tmp_path, "--format", "pdf,html", "--pdf-variant", "pdf/a-3b")
    assert archival.returncode == 0, archival.stderr
    assert "wrote" in archival.stdout and ".pdf" in archival.stdout and "up to date" in archival.stdout
    with pikepdf.open(next(tmp_path.glob("*.pdf"))) as pdf:
        assert "/AF" in pdf.Root
    with pikepdf.open(__import__("io").BytesIO(default_pdf)) as pdf:
        assert "/AF" not in pdf.Root and "/EmbeddedFiles" not in pdf.Root.get("/Names", {})


def test_the_same_inputs_give_the_same_bytes():
    from pipeline import writers
    from pipeline.app.build import load_document, pdf_options

    doc = load_document(SEED)
    opts = pdf_options("pdf/a-3b", doc, {SEED.name: SEED.read_bytes()})
    assert writers.render("pdf", doc, **opts) == writers.render("pdf", doc, **opts)


def test_a_redline_carries_both_versions(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_bytes(SEED.read_bytes())
    new.write_bytes(SEED.read_bytes().replace(b"Takes note", b"Takes note with appreciation", 1))
    assert old.read_bytes() != new.read_bytes()
    run = unres("diff", old, new, "-o", tmp_path / "diff", "--format", "pdf", "--pdf-variant", "pdf/a-3b")
    assert run.returncode == 0, run.stderr
    (pdf_path,) = (tmp_path / "diff").glob("*.pdf")
    with pikepdf.open(pdf_path) as pdf:
        assert sorted(str(f.UF) for f in pdf.Root.AF) == ["new.yaml", "old.yaml"]
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "3"
    several = unres("import", pdf_path, "-o", tmp_path / "x.yaml")
    assert several.returncode == 2 and "--attachment" in several.stderr and "Traceback" not in several.stderr
    assert not (tmp_path / "x.yaml").exists()
    for version in (old, new):
        picked = unres("import", pdf_path, "--attachment", version.name, "-o", tmp_path / "x.yaml")
        assert picked.returncode == 0, picked.stderr
        assert (tmp_path / "x.yaml").read_bytes() == version.read_bytes()


# -- bad input: a clear message naming what was expected, exit 2, nothing written ------------
def _refused(path: Path, tmp_path: Path, *words: str) -> None:
    out = tmp_path / "out.yaml"
    out.write_bytes(b"kept\n")
    run = unres("import", path, "-o", out)
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert run.stderr.startswith(f"{path}"), run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    for w in words:
        assert w in run.stderr, run.stderr
    assert out.read_bytes() == b"kept\n"  # not clobbered
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []  # no leftover


def _same_source(got: Path, expected: Path) -> None:
    """The YAML at ``got`` loads to the data of ``expected``, spaces, the default distribution (a
    PDF prints "General"), the running head's lines (``short_title``, as the PDF breaks them) and
    the notes' keys (the source's own, "sg-report", against those read off a note's words) aside;
    the style is the one built."""
    import yaml
    from conftest import squeezed

    def relabelled(text: str) -> str:
        for n, key in enumerate((yaml.safe_load(text).get("footnotes") or {}), 1):
            text = text.replace(f"[^{key}]", f"[^n{n}]").replace(f"\n  {key}:", f"\n  n{n}:")
        return text

    a, b = (yaml.safe_load(relabelled(p.read_text(encoding="utf-8"))) for p in (got, expected))
    a.pop("style", None), b.pop("style", None)
    assert squeezed(a, ("distribution", "short_title")) == squeezed(b, ("distribution", "short_title"))


def test_import_reads_a_pdf_without_an_embedded_source_by_its_page_zones(tmp_path):
    """unres's PDF built without its source (the default, PDF/UA) is read by where its lines stand
    (pipeline/importer/pdfpages.py) and gives back its source's text; before, it was refused."""
    run = unres("build", MODERN, "-o", tmp_path / "b", "--format", "pdf")  # the default: PDF/UA, no source
    assert run.returncode == 0, run.stderr
    (plain,) = (tmp_path / "b").glob("*.pdf")
    run = unres("import", plain, "-o", tmp_path / "back.yaml")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    _same_source(tmp_path / "back.yaml", MODERN)


def test_import_refuses_a_pdf_of_unres_without_its_text(tmp_path):
    """unres's PDF without an embedded source whose pages have no text left (content streams
    emptied) is refused, with what to do, and nothing is written."""
    run = unres("build", SEED, "-o", tmp_path / "b", "--format", "pdf")
    assert run.returncode == 0, run.stderr
    (plain,) = (tmp_path / "b").glob("*.pdf")
    blank = tmp_path / "blank.pdf"
    with pikepdf.open(plain) as pdf:
        for page in pdf.pages:
            page.obj.Contents = pdf.make_stream(b"")
        pdf.save(blank)
    _refused(blank, tmp_path, "no text layer", "carries no unres source")


def _with_attachment(tmp_path: Path, name: str, data: bytes, desc: str = "", source: Path = SEED) -> Path:
    run = unres("build", source, "-o", tmp_path / "b", "--format", "pdf")
    assert run.returncode == 0, run.stderr
    (plain,) = (tmp_path / "b").glob("*.pdf")
    path = tmp_path / f"with-{name}.pdf"
    with pikepdf.open(plain) as pdf:
        spec = pikepdf.AttachedFileSpec(pdf, data, filename=name, description=desc)
        pdf.attachments[name] = spec
        pdf.save(path)
    return path


def test_an_embedded_file_that_is_not_ours_is_left_and_the_pages_are_read(tmp_path):
    """A PDF carrying another file (an invoice's XML) and no unres source is read by its pages, as
    one carrying nothing is; asked for that file by name, the import says it is not a source."""
    invoice = _with_attachment(tmp_path, "factur-x.xml", b"<Invoice/>", source=MODERN)
    run = unres("import", invoice, "-o", tmp_path / "back.yaml")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    _same_source(tmp_path / "back.yaml", MODERN)
    out = tmp_path / "out.yaml"
    out.write_bytes(b"kept\n")
    asked = unres("import", invoice, "--attachment", "factur-x.xml", "-o", out)
    assert asked.returncode == 2 and "factur-x.xml is not an unres source" in asked.stderr, asked.stderr
    assert "Traceback" not in asked.stderr and out.read_bytes() == b"kept\n"


def test_import_refuses_an_embedded_yaml_that_is_not_an_unres_source(tmp_path):
    other = _with_attachment(tmp_path, "config.yaml", b"server: {port: 8080}\n")
    _refused(other, tmp_path, "config.yaml is not an unres source")
    tampered = _with_attachment(tmp_path, "A_RES_52_102.yaml", SEED.read_bytes().replace(b"symbol:", b"symbl:"),
                                "unres source (A/RES/52/102)")
    _refused(tampered, tmp_path, "A_RES_52_102.yaml is not an unres source")


def test_import_refuses_a_damaged_embedded_source(tmp_path, built):
    path = tmp_path / "damaged.pdf"
    with pikepdf.open(built["seed-3a"]) as pdf:
        stream = pdf.Root.AF[0].EF.F
        stream.write(stream.read_bytes() + b"# appended\n")  # the checksum now disagrees
        pdf.save(path)
    _refused(path, tmp_path, "damaged", "checksum")


def test_import_refuses_a_file_that_is_not_a_pdf(tmp_path):
    fake = tmp_path / "resolution.pdf"
    fake.write_text("This is not a PDF.\n", encoding="utf-8")
    _refused(fake, tmp_path, "not a PDF", "--pdf-variant pdf/a-3b")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    _refused(truncated, tmp_path, "not a PDF")


def test_an_unknown_variant_is_refused(tmp_path):
    run = unres("build", SEED, "-o", tmp_path, "--pdf-variant", "pdf/a-1b")
    assert run.returncode == 2 and "pdf/a-3b" in run.stderr and "Traceback" not in run.stderr
    assert not any(tmp_path.iterdir())
