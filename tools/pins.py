"""Pin the sha256 of every output of source/*.yaml and tests/fixtures/*.yaml in both house styles,
and of the redlines and the amendment document the tests make.

A refactoring safety net: ``tests/test_pins.py`` rebuilds everything and compares with
``tests/pins.json``. The redlines are ``unres diff``'s PDF, HTML and DOCX of every pair of
versions the redline tests compare (``tests/support/redlines.py``: the edit scripts of
``tests/diff/``, the Chinese, Arabic, Russian and French pairs, tables and quotes); the
amendment document is ``unres amend``'s of the draft cycle's draft and revision.
A change that deliberately alters output bytes regenerates the file:

    .venv/bin/python tools/pins.py --update

and says in its commit message which outputs changed and why.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support import redlines  # noqa: E402  (tests/support: the pairs the tests compare)

PINS = ROOT / "tests" / "pins.json"
STYLES = ("1998", "modern")


def sources() -> list[Path]:
    return sorted((ROOT / "source").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


ENV = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC", PYTHONPATH=str(ROOT))
CYCLE = ROOT / "tests" / "fixtures" / "cycle"


def _unres(*args: str | Path, cwd: Path = ROOT) -> None:
    cmd = [sys.executable, "-m", "pipeline", *map(str, args)]
    subprocess.run(cmd, check=True, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL)


def _hashes(folder: Path, prefix: str) -> dict[str, str]:
    return {f"{prefix} {f.name}": hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.iterdir()) if f.is_file() and not f.name.startswith(".")}


def _redlines(tmp: Path) -> dict[str, str]:
    """``unres diff`` of every pair the redline tests compare, in a folder of its own (the names
    the redline prints are the file names, relative, so the bytes do not depend on the folder)."""
    pins: dict[str, str] = {}
    for name, (old, new) in redlines.pairs().items():
        folder = tmp / "redline" / name
        folder.mkdir(parents=True)
        (folder / "old.yaml").write_text(old, encoding="utf-8")
        (folder / "new.yaml").write_text(new, encoding="utf-8")
        _unres("diff", "old.yaml", "new.yaml", "-o", "out", cwd=folder)
        pins |= _hashes(folder / "out", f"redline {name}")
    return pins


def compute() -> dict[str, str]:
    """``{"<source> <style> <output name>": sha256}`` for every output, built by the command line;
    ``"redline <pair> <output name>"`` for the redlines, ``"amend <output name>"`` for the amendment."""
    pins: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            out = Path(tmp) / style
            _unres("build", *sources(), "-o", out, "--style", style, "--force", "-j", "1")
            pins |= _hashes(out, style)
        pins |= _redlines(Path(tmp))
        _unres("amend", "draft.yaml", "rev1.yaml", "-o", Path(tmp) / "amend", "--symbol", "A/C.3/99/L.9",
               "--sponsor", "Ruritania", cwd=CYCLE)
        pins |= _hashes(Path(tmp) / "amend", "amend")
    return dict(sorted(pins.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite tests/pins.json")
    args = ap.parse_args()
    pins = compute()
    if args.update:
        PINS.write_text(json.dumps(pins, indent=1) + "\n")
        print(f"wrote {len(pins)} pins to {PINS.relative_to(ROOT)}")
        return 0
    old = json.loads(PINS.read_text())
    diff = sorted(k for k in old.keys() | pins.keys() if old.get(k) != pins.get(k))
    for k in diff:
        print(f"changed: {k}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
