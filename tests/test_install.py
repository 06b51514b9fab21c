"""`pip install .` works outside the checkout: a wheel built from the sources, installed into a
fresh venv, builds all three formats from a folder that is not the checkout, byte-identical to the
pinned outputs (tests/pins.json).

Kept fast: the wheel is built without build isolation and installed without dependencies into a
venv that sees the project venv's site-packages through a plain ``.pth`` path line (a path line
does not run the project venv's own ``.pth`` files, so its editable install of unres stays out).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEM = "A_RES_73_8"


def _run(cmd, cwd, env=None):
    # without PYTHONPATH: a checkout on it (as when testing a worktree) would shadow the wheel
    env = {k: v for k, v in (env or os.environ).items() if k != "PYTHONPATH"}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{cmd}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_builds_all_formats_outside_the_checkout(tmp_path):
    # The wheel, built from a copy of what the sdist would hold (so nothing lands in build/).
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pipeline", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", str(wheels), str(src)], cwd=tmp_path)
    (wheel,) = wheels.glob("unres-*.whl")

    # A fresh venv that borrows the project venv's libraries, and the wheel installed into it.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).strip())
    (site / "_project_libs.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", "--no-index",
          str(wheel)], cwd=tmp_path)
    where = _run([str(py), "-c", "import pipeline; print(pipeline.__file__)"], cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(site), where

    # A folder outside the checkout: the source alone, built by the installed console script.
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "source" / f"{STEM}.yaml", work)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC")
    _run([str(env_dir / "bin" / "unres"), "build", f"{STEM}.yaml", "-o", "out", "--style", "modern",
          "--force", "-j", "1"], cwd=work, env=env)
    pins = json.loads((ROOT / "tests" / "pins.json").read_text())
    for fmt in ("pdf", "html", "docx"):
        out = work / "out" / f"{STEM}.{fmt}"
        assert out.is_file(), f"no {out.name}"
        assert hashlib.sha256(out.read_bytes()).hexdigest() == pins[f"modern {STEM}.{fmt}"], out.name
