"""``unres diff``: a redline of two versions of a resolution, in every output format.

``unres diff OLD NEW`` compares two sources; ``unres diff REV -- FILE`` compares FILE with
its version in git revision REV (read with ``git show``, no shell). The redline goes to
``build/diff/<symbol>.{html,pdf,docx}``; ``--stat`` prints the summary instead. Revision
author and date come from the options or the new version (its date of issue), never the
clock, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
from pathlib import Path

from pipeline.app.build import output_stem, pdf_options, render_all, write_outputs
from pipeline.app.cli import _formats, add_pdf_variant, add_render_options, command
from pipeline.errors import Diagnostic, SourceError, UnresError
from pipeline.model import Document
from pipeline.source import loader as source
from pipeline.transforms import resolve as transform
from pipeline.transforms.diff import diff, diff_words, is_empty

MARKERS = {"ins": "+", "del": "-", "move-to": ">", None: "~"}


def _iso(value: str) -> str:
    """A revision date: YYYY-MM-DD or an ISO 8601 date and time → ``YYYY-MM-DDTHH:MM:SSZ``."""
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2018-10-26, found {value!r}") from None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "old", metavar="OLD", help="the old version: a YAML source, or a git revision (REV -- FILE)"
    )
    p.add_argument("new", metavar="NEW", help="the new version: a YAML source")
    p.add_argument(
        "-o", "--output", default="build/diff", metavar="DIR", help="output folder (default: build/diff/)"
    )
    p.add_argument(
        "--format", type=_formats, default=None, metavar="LIST", help="comma-separated: pdf,html,docx"
    )
    p.add_argument("--stat", action="store_true", help="print a summary of the changes; write nothing")
    p.add_argument("--author", help="author of the tracked changes (default: unres)")
    p.add_argument(
        "--date", type=_iso, help="date of the tracked changes (default: the new version's date of issue)"
    )
    add_render_options(p)
    add_pdf_variant(p)


def git_show(rev: str, path: Path) -> source.Source:
    """The source ``path`` as it was in git revision ``rev``."""
    name = f"{rev}:{path}"
    if rev.startswith("-") or not rev.strip():
        raise SourceError([Diagnostic(name, 0, 0, "not a git revision")])
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SourceError([Diagnostic(str(path), 0, 0, "no such file or folder")])
    try:
        proc = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"], cwd=folder, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError([Diagnostic(name, 0, 0, f"cannot run git: {exc}")]) from None
    if proc.returncode:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["git show failed"]
        why = lines[0].removeprefix("fatal: ")
        raise SourceError([Diagnostic(name, 0, 0, f"no such file or git revision ({why})")])
    return source.load(name, text=source.decode(name, proc.stdout))


def load_pair(old: str, new: str) -> tuple[source.Source, source.Source]:
    """The two versions: two files, or a git revision of the new file when OLD is no file."""
    new_src = source.load(new)
    old_path = Path(old)
    if old_path.exists():
        return source.load(old_path), new_src
    return git_show(old, Path(new)), new_src


def _sources(old: source.Source, new: source.Source) -> dict[str, bytes]:
    """What a PDF/A-3 redline carries: both versions, a file's own bytes or a revision's text."""
    names = [Path(s.path).name for s in (old, new)]
    if names[0] == names[1]:  # a git revision of the same file
        names = [f"old-{names[0]}", f"new-{names[1]}"]
    raws = [Path(s.path).read_bytes() if Path(s.path).is_file() else s.text.encode("utf-8")
            for s in (old, new)]
    return dict(zip(names, raws))


def stat(doc: Document, old: str, new: str) -> str:
    """The terminal summary: one line per change, then the counts."""
    assert doc.redline is not None
    summary = doc.redline.summary
    lines = [f"{old} → {new}"]
    lines += [f"  {MARKERS.get(e.change, '~')} {e.text}" for e in summary.entries]
    counts = summary.words.get("separator", ", ").join(summary.lines)
    lines.append(counts[:1].upper() + counts[1:])
    return "\n".join(lines)


@command("diff", "redline two versions of a resolution (HTML, PDF, DOCX with tracked changes)")
def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.writers import FORMATS

    if args.format and "akn" in args.format:
        raise UnresError([Diagnostic("--format", 0, 0, "a redline has no Akoma Ntoso form: "
                                     "build the AKN of each version with unres build --format akn")])
    old_src, new_src = load_pair(args.old, args.new)
    docs = [transform.build(s, style=args.style, paper=args.paper) for s in (old_src, new_src)]
    red = diff(docs[0], docs[1], author=args.author, date=args.date)
    if args.stat:
        print(stat(red, old_src.path, new_src.path))
        return 0
    if is_empty(red):
        print(f"{old_src.path} → {new_src.path}: {diff_words(red.meta.language).word('none')}")
        return 0
    pdf = pdf_options(args.pdf_variant, red, _sources(old_src, new_src) if args.pdf_variant else {})
    rendered = render_all(red, args.format or FORMATS, pdf=pdf)
    stem = output_stem(red)
    outputs = {Path(args.output) / f"{stem}.{fmt}": data for fmt, data in rendered.items()}
    write_outputs(outputs)
    for path in outputs:
        print(f"wrote {path}")
    return 0


cmd_diff.configure = _configure  # type: ignore[attr-defined]
