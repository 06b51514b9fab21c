"""Benchmarks (``make bench``): unres against WeasyPrint and pandoc, measured in the same run.

Each line prints what was measured, the baseline, the ratio and the target:

- cold ``unres build`` of the seed to PDF+HTML+DOCX vs the ``weasyprint`` command converting
  the same print HTML with the same stylesheets (≤ 1.15);
- cold HTML+DOCX-only build vs ``pandoc`` converting a Markdown twin of the seed to DOCX (≤ 2);
- warm per-document PDF time in a batch vs WeasyPrint's own render+write of the same HTML
  with the same parsed stylesheets (≤ 1.1);
- a folder of ``--docs`` documents (``make bench``: 500, made from the real resolutions) built
  with ``-j 2`` vs ``-j 1`` (speed-up ≥ 1.8 on 2 cores) and on a LocalCluster of 2 workers vs
  ``-j 2`` (≤ 1.10), with documents per second for each;
- a no-op rebuild of those documents (< 0.3 s), peak memory of a worker (< 250 MB);
- for information: watch mode, from saving an edit to the served page changing.

Everything runs on a snapshot copy of ``pipeline/`` and ``templates/`` (edits made meanwhile
change nothing). Then it runs the other ``bench_*.py`` scripts in this folder. Exit status 1 if a target
is missed. Options: ``--docs N`` (folder size, default 200), ``--repeat N`` (cold runs).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import SEED, generate, markdown  # noqa: E402

PY = sys.executable
UNRES = [PY, "-m", "pipeline"]
RESULTS: list[tuple[str, str, float, str, bool]] = []


def record(name: str, detail: str, value: float, target: str, ok: bool) -> None:
    RESULTS.append((name, detail, value, target, ok))
    print(f"  {name:<46} {detail:<34} {value:7.2f}  {target:<8} {'ok' if ok else 'MISSED'}", flush=True)


CPU: dict[str, list[float]] = {}  # command's first words → CPU seconds of each run


def child(cmd: list[str], **kw) -> tuple[float, float, int]:
    """Run ``cmd``: its wall time, its CPU time (user + system, its reaped descendants
    included: os.wait4) and its peak resident memory in kB. On a machine shared with other
    work the CPU time moves far less than the wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    took = time.perf_counter() - start
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stderr=err)
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def timed(cmd: list[str], **kw) -> float:
    took, cpu, _ = child(cmd, **kw)
    CPU.setdefault(" ".join(cmd[:4]), []).append(cpu)
    return took


def median_of(runs: int, *cmds: list[str]) -> list[float]:
    """Median time of each command, run interleaved ``runs`` times (so drift hits all alike)."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            times[i].append(timed(cmd))
    return [statistics.median(t) for t in times]


def median_cpu(cmd: list[str]) -> float:
    return statistics.median(CPU[" ".join(cmd[:4])])


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(ln.split()[1]) // 1024
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        0,
    )
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores, {mem} MB RAM; {platform.platform()}; Python "
        f"{platform.python_version()}; WeasyPrint {version('weasyprint')}; {pandoc}\n"
        f"load at the start: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
    )


# ---------------------------------------------------------------------------


def print_inputs(tmp: Path) -> tuple[Path, list[str]]:
    """The HTML and the stylesheets the PDF writer gives WeasyPrint for the seed, as files."""
    from pipeline.app.build import load_document
    from pipeline.writers import pdf
    from pipeline.writers.html import render_html

    doc = load_document(SEED)
    html = tmp / "seed-print.html"
    html.write_text(render_html(doc, "print"), encoding="utf-8")
    page = tmp / "page.css"
    page.write_text(f"@page {{ size: {pdf.PAPER[doc.paper]} }}\n")
    sheets = [
        s.base_url.removeprefix("file://") for s in pdf.stylesheets(doc.style.name, doc.paper) if s.base_url
    ]
    return html, [*sheets, str(page)]


def bench_cold(tmp: Path, runs: int) -> None:
    from pipeline.app.build import load_document
    from pipeline.paths import TEMPLATES

    html, sheets = print_inputs(tmp)
    weasy = [
        PY,
        "-m",
        "weasyprint",
        "-u",
        f"{TEMPLATES}/",
        *(a for s in sheets for a in ("-s", s)),
        str(html),
        str(tmp / "weasy.pdf"),
    ]
    full = [*UNRES, "build", str(SEED), "-o", str(tmp / "cold"), "--format", "pdf,html,docx", "--force"]
    ours, theirs = median_of(runs, full, weasy)
    record(
        "cold build seed PDF+HTML+DOCX / weasyprint",
        f"{ours:.2f} s / {theirs:.2f} s",
        ours / theirs,
        "<= 1.15",
        ours / theirs <= 1.15,
    )
    cpu_ours, cpu_theirs = median_cpu(full), median_cpu(weasy)
    record("  (info) the same, CPU time", f"{cpu_ours:.2f} s / {cpu_theirs:.2f} s", cpu_ours / cpu_theirs,
           "-", True)

    md = tmp / "seed.md"
    md.write_text(markdown(load_document(SEED)), encoding="utf-8")
    light = [*UNRES, "build", str(SEED), "-o", str(tmp / "light"), "--format", "html,docx", "--force"]
    pandoc = ["pandoc", str(md), "-o", str(tmp / "pandoc.docx")]
    ours, theirs = median_of(runs, light, pandoc)
    record(
        "cold build seed HTML+DOCX / pandoc md->docx",
        f"{ours:.2f} s / {theirs:.2f} s",
        ours / theirs,
        "<= 2",
        ours / theirs <= 2,
    )
    cpu_ours, cpu_theirs = median_cpu(light), median_cpu(pandoc)
    record("  (info) the same, CPU time", f"{cpu_ours:.2f} s / {cpu_theirs:.2f} s", cpu_ours / cpu_theirs,
           "-", True)


def bench_warm(tmp: Path, n: int = 20) -> None:
    """Per-document time in an in-process batch vs WeasyPrint alone on the same HTML."""
    from weasyprint import HTML

    from pipeline.app.batch import Options, run
    from pipeline.app.build import load_document
    from pipeline.paths import TEMPLATES
    from pipeline.writers import pdf
    from pipeline.writers.html import render_html

    sources = generate(tmp / "warm", n)
    docs = [load_document(p) for p in sources]
    pages = [(render_html(d, "print"), d.style.name, d.paper) for d in docs]
    out = tmp / "warm-weasy"
    out.mkdir()

    def weasyprint_alone() -> float:
        start = time.perf_counter()
        for i, (html, style, paper) in enumerate(pages):
            doc = HTML(string=html, base_url=f"{TEMPLATES}/", url_fetcher=pdf.writer.fetcher())
            doc.render(stylesheets=list(pdf.stylesheets(style, paper)), font_config=pdf.fonts()).write_pdf(
                out / f"{i}.pdf", pdf_identifier=False
            )
        return (time.perf_counter() - start) / n

    def unres(formats: tuple[str, ...]) -> float:
        start = time.perf_counter()
        run(sources, Options(tmp / "warm-out", formats), force=True, out=lambda s: None)
        return (time.perf_counter() - start) / n

    unres(("pdf",)), weasyprint_alone()  # warm both
    rounds = [(unres(("pdf",)), weasyprint_alone()) for _ in range(3)]  # interleaved: load hits both
    ours, theirs = min(r[0] for r in rounds), min(r[1] for r in rounds)
    record(
        "warm per-document PDF in a batch / weasyprint",
        f"{ours * 1000:.0f} ms / {theirs * 1000:.0f} ms",
        ours / theirs,
        "<= 1.1",
        ours / theirs <= 1.1,
    )
    every = unres(("pdf", "html", "docx"))
    record(
        "  (info) warm per-document PDF+HTML+DOCX / wp",
        f"{every * 1000:.0f} ms / {theirs * 1000:.0f} ms",
        every / theirs,
        "-",
        True,
    )


WRAPPER = (
    "import resource, sys; from pipeline.app.cli import main; st = main(sys.argv[1:]); "
    "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(st)"
)


def bench_folder(tmp: Path, n: int) -> None:
    folder = tmp / "folder"
    generate(folder, n)
    out = tmp / "folder-out"

    cpu: dict[str, float] = {}

    def build(jobs: int, *extra: str) -> tuple[float, int, int]:
        cmd = [PY, "-c", WRAPPER, "build", str(folder), "-o", str(out), "-j", str(jobs), "--force", *extra]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        err = proc.stderr.read() if proc.stderr else ""
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), cmd, stderr=err)
        took = time.perf_counter() - start
        cpu[" ".join([f"-j {jobs}", *extra])] = usage.ru_utime + usage.ru_stime
        children, parent = map(int, re.search(r"maxrss (\d+) (\d+)", err).groups())
        return took, children, parent

    one, _, _ = build(1)
    two, worker_kb, parent_kb = build(2)
    dask, _, _ = build(2, "--cluster", "local")  # workers are not children: no memory figure
    print(f"  documents per second: -j 1 {n / one:.1f}, -j 2 {n / two:.1f}, "
          f"LocalCluster of 2 workers {n / dask:.1f}", flush=True)
    print("  CPU seconds per document (user + system of the run and its reaped workers): "
          + ", ".join(f"{k} {v / n:.3f}" for k, v in cpu.items()), flush=True)
    print(f"  machine load after the runs: {os.getloadavg()[0]:.1f} (2 cores; wall-clock ratios are "
          "noisy while other work runs)", flush=True)
    record(
        f"{n} documents: LocalCluster(2) time / -j 2 time",
        f"{dask:.1f} s / {two:.1f} s",
        dask / two,
        "<= 1.10",
        dask / two <= 1.10,
    )
    record(
        f"{n} documents: -j 1 time / -j 2 time",
        f"{one:.1f} s / {two:.1f} s",
        one / two,
        ">= 1.8",
        one / two >= 1.8,
    )
    entry = Path(PY).with_name("unres")  # what a user types
    (took,) = median_of(
        5, [*([str(entry)] if entry.exists() else UNRES), "build", str(folder), "-o", str(out)]
    )
    print(f"  documents per second: no-op rebuild {n / took:.0f}", flush=True)
    record(f"no-op rebuild of {n} documents (s)", f"{took * 1000:.0f} ms", took, "< 0.3", took < 0.3)
    record(
        "peak memory of a worker (MB)",
        f"parent {parent_kb // 1024} MB",
        worker_kb / 1024,
        "< 250",
        worker_kb / 1024 < 250,
    )


def bench_watch(tmp: Path, edits: int = 5) -> None:
    """From saving an edit to the served page showing it (information; target about 1 s)."""
    source = tmp / "watched.yaml"
    source.write_text(SEED.read_text())
    proc = subprocess.Popen(
        [*UNRES, "watch", str(source), "-o", str(tmp / "watch-out"), "--port", "0", "--format", "html,pdf"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline())[0]

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    return resp.read().decode()
            except OSError:  # restarting after a template or code change
                return ""

        until(lambda: "Regional Conference" in page())
        latencies = []
        for i in range(edits):
            word = f"Conference{i}"
            text = re.sub(r"Regional Conference\w*", f"Regional {word}", source.read_text(), count=1)
            start = time.perf_counter()
            source.write_text(text)
            until(lambda w=f"Regional {word}": w in page())
            latencies.append(time.perf_counter() - start)
            time.sleep(0.3)
        took = statistics.median(latencies)
        record("  (info) watch: save -> page updated (s)", f"median of {edits}", took, "~1", took <= 1.0)
    finally:
        proc.terminate()
        proc.wait(30)


def until(probe: Callable[[], bool], limit: float = 30.0) -> None:
    end = time.monotonic() + limit
    while not probe():
        if time.monotonic() > end:
            raise TimeoutError("no change seen")
        time.sleep(0.01)


def snapshot(tmp: Path) -> Path:
    """A copy of the code and templates to measure, so edits made meanwhile change nothing."""
    root = tmp / "project"
    for name in ("pipeline", "templates"):
        shutil.copytree(HERE.parent / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    # Compiled as pip compiles an installed package: with PYTHONDONTWRITEBYTECODE set (as on
    # this project's machines) every "cold" run would otherwise compile our modules again.
    import compileall

    compileall.compile_dir(str(root / "pipeline"), quiet=1)
    sys.path.insert(0, str(root))
    os.environ["PYTHONPATH"] = str(root)
    os.chdir(root)  # `python -m` and `-c` put the working folder first on sys.path
    return root


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="documents in the folder benchmark")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each cold command (median)")
    ap.add_argument("--only", default="cold,warm,folder,watch", help="comma-separated parts to run")
    args = ap.parse_args()
    parts = set(args.only.split(","))
    print(f"machine: {machine()}\n", flush=True)
    print(f"  {'benchmark':<46} {'measured (ours / baseline)':<34} {'ratio':>7}  {'target':<8}")
    with tempfile.TemporaryDirectory(prefix="unres-bench-") as name:
        tmp = Path(name)
        snapshot(tmp)
        if "cold" in parts:
            bench_cold(tmp, args.repeat)
        if "warm" in parts:
            bench_warm(tmp)
        if "folder" in parts:
            bench_folder(tmp, args.docs)
        if "watch" in parts:
            bench_watch(tmp)
    missed = [r[0] for r in RESULTS if not r[4]]
    print(f"\nload at the end: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    print(
        f"\n{len(RESULTS) - len(missed)} of {len(RESULTS)} targets met"
        + (f"; missed: {missed}" if missed else "")
    )
    status = 1 if missed else 0
    for script in sorted(HERE.glob("bench_*.py")) if parts >= {"cold", "warm", "folder", "watch"} else ():
        print(f"\n== {script.name}", flush=True)
        status = max(status, subprocess.run([PY, str(script)]).returncode)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
