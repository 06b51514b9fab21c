"""tools/system-deps.sh, the Debian half of `make`, run against stand-in apt tools.

A fresh machine's `make` reported "this system's package sources have no libharfbuzz-subset0
fonts-liberation2 …" although `apt-cache policy` showed a candidate for each: the script read
`apt-cache policy P | grep -q 'Candidate: …'` under `set -o pipefail`, grep -q left at its first
match, apt-cache died of SIGPIPE writing the rest, and the pipeline failed. These tests put
stand-in `dpkg-query`, `apt-cache`, `apt-get` and `id` first on PATH (root, nothing installed,
every package with a candidate and a policy output far longer than a pipe buffer) and check
what the script asks apt-get to install.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "system-deps.sh"

BUILD_PKGS = ["libpango-1.0-0", "fonts-liberation2", "fonts-noto-cjk", "fonts-hosny-amiri"]


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _run(tmp_path: Path, candidate: str) -> tuple[subprocess.CompletedProcess[str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt-get.log"
    _stub(bin_dir, "id", 'echo 0\n')
    _stub(bin_dir, "dpkg-query", "exit 1\n")  # nothing installed
    # The table of versions that follows the candidate line: 20,000 lines, far past a pipe buffer.
    _stub(
        bin_dir,
        "apt-cache",
        f'echo "$2:"; echo "  Installed: (none)"; echo "  Candidate: {candidate}"\n'
        'for i in $(seq 20000); do echo "     500 http://deb.debian.org/debian bookworm/main"; done\n',
    )
    _stub(bin_dir, "apt-get", f'echo "$@" >> {log}\n')
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    done = subprocess.run(
        ["bash", str(SCRIPT), "build"], capture_output=True, text=True, env=env, timeout=120
    )
    return done, log.read_text(encoding="utf-8") if log.exists() else ""


def test_every_package_with_a_candidate_is_installed(tmp_path: Path) -> None:
    done, log = _run(tmp_path, "2.1.5-1")
    assert done.returncode == 0, done.stderr
    assert "package sources have no" not in done.stderr
    install = [line for line in log.splitlines() if line.split()[:1] == ["install"]]
    assert len(install) == 1, log
    for pkg in BUILD_PKGS:
        assert pkg in install[0].split()


def test_packages_without_a_candidate_are_named_and_fail(tmp_path: Path) -> None:
    done, log = _run(tmp_path, "(none)")
    assert done.returncode == 1
    assert "package sources have no" in done.stderr
    for pkg in BUILD_PKGS:
        assert pkg in done.stderr
    assert not [line for line in log.splitlines() if line.split()[:1] == ["install"]]
