"""Pin the sha256 of every output of source/*.yaml and tests/fixtures/*.yaml in both house styles.

A refactoring safety net: ``tests/test_pins.py`` rebuilds everything and compares with
``tests/pins.json``. A change that deliberately alters output bytes regenerates the file:

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
PINS = ROOT / "tests" / "pins.json"
STYLES = ("1998", "modern")


def sources() -> list[Path]:
    return sorted((ROOT / "source").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


def compute() -> dict[str, str]:
    """``{"<source> <style> <output name>": sha256}`` for every output, built by the command line."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC")
    pins: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            out = Path(tmp) / style
            cmd = [sys.executable, "-m", "pipeline", "build", *map(str, sources()), "-o", str(out),
                   "--style", style, "--force", "-j", "1"]
            subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            for f in sorted(out.iterdir()):
                if f.is_file() and not f.name.startswith("."):
                    pins[f"{style} {f.name}"] = hashlib.sha256(f.read_bytes()).hexdigest()
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
