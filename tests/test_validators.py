"""Outputs are valid for their readers, checked by the readers' own validators.

The sample sources (``source/*.yaml``) in both house styles, the structures fixture and
the hostile-text source are built once; then every PDF passes ``qpdf --check`` with all
fonts embedded (``pdffonts``), every DOCX passes openxml-audit (the Open XML SDK rules)
and converts in LibreOffice, and every HTML passes the Nu HTML Checker (vnu.jar, installed
by ``tools/test-deps.sh``) with no error.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SOURCES, once
from support.hostile import HOSTILE

VNU = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CASES = [(p.stem, p, style) for p in sorted(SOURCES.glob("*.yaml")) for style in ("1998", "modern")]
CASES += [("structures", ROOT / "tests" / "fixtures" / "structures.yaml", None), ("hostile", None, None)]
NAMES = [f"{stem}-{style}" if style else stem for stem, _src, style in CASES]


def _build_all(folder: Path, seed_pdf: bytes) -> None:
    from pipeline.app.build import build_file

    for name, (_stem, src, style) in zip(NAMES, CASES, strict=True):
        if src is None:
            src = folder / "hostile.yaml"
            src.write_text(HOSTILE, encoding="utf-8")
        if src == SEED and style == "1998":  # the seed in its own style: the run's shared PDF
            build_file(src, folder / name, ("docx", "html"), style)
            (folder / name / f"{SEED.stem}.pdf").write_bytes(seed_pdf)
        else:
            build_file(src, folder / name, ("pdf", "docx", "html"), style)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, seed_pdf) -> dict[str, dict[str, Path]]:
    """name → format → built file."""
    folder = once(tmp_path_factory, "validators-outputs", lambda f: _build_all(f, seed_pdf))
    return {name: {p.suffix[1:]: p for p in (folder / name).glob("*.*")} for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_pdf_passes_qpdf_check(name, outputs):
    run = subprocess.run(["qpdf", "--check", str(outputs[name]["pdf"])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No syntax or stream encoding errors found" in run.stdout


@pytest.mark.parametrize("name", NAMES)
def test_pdf_embeds_every_font(name, outputs):
    run = subprocess.run(["pdffonts", str(outputs[name]["pdf"])], capture_output=True, text=True, check=True)
    header, _rule, *rows = run.stdout.splitlines()
    emb = header.index(" emb ") + 1  # the column of the "emb" yes/no
    assert rows, "no fonts at all"
    for row in rows:
        assert row[emb : emb + 3] == "yes", row


@pytest.mark.parametrize("name", NAMES)
def test_docx_passes_openxml_validator(name, outputs):
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(security_validation=True).validate(str(outputs[name]["docx"]))
    assert result.is_valid, [str(e) for e in result.errors]
    assert result.error_count == 0


@pytest.fixture(scope="module")
def libreoffice_pdfs(outputs, office, tmp_path_factory) -> Path:
    """Every DOCX converted to PDF by the run's LibreOffice (conftest ``office``), once per run."""

    def convert(folder: Path) -> None:
        for name in NAMES:  # distinct names, so the converted files do not overwrite each other
            link = folder / f"{name}.docx"
            link.symlink_to(outputs[name]["docx"])
            office.convert(link, "pdf", folder / "pdf")

    return once(tmp_path_factory, "validators-libreoffice", convert) / "pdf"


@pytest.mark.parametrize("name", NAMES)
def test_docx_converts_in_libreoffice(name, libreoffice_pdfs):
    pdf = libreoffice_pdfs / f"{name}.pdf"
    assert pdf.exists(), f"LibreOffice did not convert {name}.docx"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "The General Assembly" in " ".join(text.split())


@pytest.fixture(scope="module")
def nu_messages(outputs, tmp_path_factory) -> list[dict]:
    """The Nu HTML Checker's errors for every HTML output, from one run."""
    if not VNU.exists():
        pytest.fail(f"the Nu HTML Checker is not installed: run `bash tools/test-deps.sh` ({VNU})")

    def check(folder: Path) -> None:
        files = [str(outputs[name]["html"]) for name in NAMES]
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
        (folder / "nu.json").write_text(run.stderr or run.stdout)

    return json.loads((once(tmp_path_factory, "validators-nu", check) / "nu.json").read_text())["messages"]


@pytest.mark.parametrize("name", NAMES)
def test_html_passes_nu_checker(name, outputs, nu_messages):
    url = Path(outputs[name]["html"]).as_uri().replace("file:///", "file:/")
    errors = [
        f"{m.get('lastLine')}:{m.get('firstColumn')}: {m['message']}"
        for m in nu_messages
        if m.get("url") == url
    ]
    assert errors == []
    assert not [m for m in nu_messages if "url" not in m]  # a checker failure, not a page error
