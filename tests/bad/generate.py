"""Bad sources that are made, not committed: binary, byte-level, huge or endless files.

Each generator writes its case into ``folder`` and returns the path to give ``unres``;
``tests/bad/expected.yaml`` names them under ``generate:``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

BASE = (Path(__file__).parent / "000-valid.yaml").read_text(encoding="utf-8")

Generator = Callable[[Path], Path]
GENERATORS: dict[str, Generator] = {}


def generator(name: str) -> Callable[[Generator], Generator]:
    def deco(func: Generator) -> Generator:
        GENERATORS[name] = func
        return func

    return deco


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def paragraphs(n: int) -> str:
    """A valid source with ``n`` operative paragraphs (for the large-document cases)."""
    ops = "".join(f"  - Decides that paragraph {i} stands as written.\n" for i in range(1, n + 1))
    return BASE.replace("  - Decides to remain seized of the matter.\n", ops)


@generator("nul-bytes")
def _nul(folder: Path) -> Path:
    return _write(folder, "nul.yaml", BASE.encode() + b"session: \x00\x01\x02\n")


@generator("png-image")
def _png(folder: Path) -> Path:
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    return _write(folder, "emblem.yaml", header)


@generator("latin-1")
def _latin1(folder: Path) -> Path:
    return _write(
        folder, "latin1.yaml", BASE.replace("Test resolution", "Résolution d'essai").encode("latin-1")
    )


@generator("utf-16")
def _utf16(folder: Path) -> Path:
    return _write(folder, "utf16.yaml", BASE.encode("utf-16"))


@generator("line-separator")
def _line_separator(folder: Path) -> Path:
    return _write(folder, "lsep.yaml", BASE.replace("Test resolution", "Test\u2028resolution").encode())


@generator("size-50mb")
def _huge(folder: Path) -> Path:
    filler = b"# " + b"x" * 1021 + b"\n"
    return _write(folder, "huge.yaml", BASE.encode() + filler * (50 * 1024))


@generator("dev-zero")
def _endless(folder: Path) -> Path:
    return Path("/dev/zero")


@generator("missing-file")
def _missing(folder: Path) -> Path:
    return folder / "no-such-file.yaml"


@generator("folder")
def _folder(folder: Path) -> Path:
    path = folder / "a-folder.yaml"
    path.mkdir()
    return path


@generator("deep-100000")
def _deep(folder: Path) -> Path:
    return _write(folder, "deep.yaml", b"title: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")


@generator("alias-text-bomb")
def _text_bomb(folder: Path) -> Path:
    big = "x" * 1_000_000
    text = (
        BASE.replace("Test resolution", f"&big {big}")
        + "annexes:\n  - paragraphs: ["
        + ", ".join(["*big"] * 25)
        + "]\n"
    )
    return _write(folder, "textbomb.yaml", text.encode())


@generator("utf8-bom")
def _bom(folder: Path) -> Path:
    return _write(folder, "bom.yaml", b"\xef\xbb\xbf" + BASE.encode())


@generator("crlf")
def _crlf(folder: Path) -> Path:
    return _write(folder, "crlf.yaml", BASE.replace("\n", "\r\n").encode())


@generator("cr-only")
def _cr(folder: Path) -> Path:
    return _write(folder, "cr.yaml", BASE.replace("\n", "\r").encode())


@generator("paragraphs-10000")
def _large(folder: Path) -> Path:
    return _write(folder, "large.yaml", paragraphs(10_000).encode())
