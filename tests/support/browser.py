"""Headless Chromium (Debian ``chromium`` + ``chromium-driver``) driven by selenium, and the
axe-core accessibility engine (npm ``axe-core``, installed into .venv/axe by tools/test-deps.sh).

The browser is started here, never fetched: selenium is given the Debian chromedriver and
chromium binaries (so Selenium Manager downloads nothing), a fresh profile folder, and the flags
that keep an offline Chromium from reaching out (no sync, no component updates, no background
networking, no QUIC).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
# WCAG 2.1 level A and AA (axe's tags for the success criteria of those levels).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1024,900",
)


def _first(paths: tuple[str, ...], what: str) -> str:
    for p in paths:
        if Path(p).exists():
            return p
    found = shutil.which(Path(paths[0]).name)
    if found:
        return found
    raise RuntimeError(f"{what} is not installed (tools/system-deps.sh test installs it)")


def start(profile: Path):
    """A headless Chromium with its own fresh profile in ``profile``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM, "chromium")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    service = Service(executable_path=_first(DRIVER, "chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(120)
    return driver


def axe(driver, tags=WCAG_AA, rules: list[str] | None = None) -> dict:
    """axe-core's results on the page the browser shows (violations, passes, incomplete)."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run bash tools/test-deps.sh")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": list(tags)}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: arguments[0], resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r)), e => done(JSON.stringify({error: String(e)})));",
        run_only,
    )
    out = json.loads(result)
    if "error" in out:
        raise RuntimeError(f"axe-core failed: {out['error']}")
    return out


def describe(violations: list[dict]) -> str:
    """axe's violations as readable lines: rule, impact, the first few offending elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
