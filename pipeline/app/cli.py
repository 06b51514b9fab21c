"""The ``unres`` command line.

Sub-commands register themselves in ``COMMANDS``; each gets an argparse sub-parser and
a function returning the exit status. User errors (:class:`UnresError`) are printed as
``file:line:column: message`` with no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline import __version__
from pipeline.errors import Diagnostic, UnresError, warnings_kept

Command = tuple[Callable[[argparse.Namespace], int], str]
COMMANDS: dict[str, Command] = {}


def command(name: str, help: str):
    """Register ``func(args) -> int`` as sub-command ``name``.

    ``func.configure(parser)``, if set (before or after decorating), adds the options.
    """

    def deco(func):
        COMMANDS[name] = (func, help)
        return func

    return deco


def _formats(value: str) -> tuple[str, ...]:
    from pipeline.writers import known

    fmts = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in fmts if f not in known()]
    if bad or not fmts:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(known())}")
    return fmts


def add_render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--style", choices=("1998", "modern", "2014"), help="house style (overrides the source's)")
    p.add_argument("--paper", choices=("letter", "a4"), help="paper size (default: the style's)")


def add_pdf_variant(p: argparse.ArgumentParser) -> None:
    from pipeline.writers.attachments import UA, VARIANTS

    p.add_argument("--pdf-variant", choices=VARIANTS, default=None, metavar="VARIANT",
                   help=f"{', '.join(VARIANTS)} (default: {UA}, tagged); pdf/a-3a and pdf/a-3b: archival "
                        "PDF/A-3, still tagged, carrying its YAML source (unres import X.pdf reads it back)")


def _configure_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="YAML source file(s) or folder(s)")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--format", type=_formats, default=None, metavar="LIST",
                   help="comma-separated, of pdf,html,docx,akn (default: pdf,html,docx)")
    add_render_options(p)
    add_pdf_variant(p)
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="build N sources at once (default: one per core)")
    p.add_argument("--force", action="store_true", help="rebuild outputs that are up to date")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="build on a Dask cluster: its scheduler's address (tcp://HOST:8786), "
                        "or 'local' for a LocalCluster (-j workers)")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), found {value!r}")
    return n


def expand_sources(items: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            if not found:
                raise UnresError([Diagnostic(str(p), 0, 0, "folder holds no *.yaml sources")])
            out.extend(found)
        else:
            out.append(p)
    return out


@command("build", "render sources to PDF, HTML and DOCX")
def cmd_build(args: argparse.Namespace) -> int:
    """Build what is out of date (see :mod:`pipeline.app.batch`); a summary for several sources."""
    from pipeline.app.batch import Options, run
    from pipeline.app.build import interruptible
    from pipeline.writers import FORMATS
    from pipeline.writers.attachments import UA

    sources = list(dict.fromkeys(expand_sources(args.sources)))
    variant = None if args.pdf_variant == UA else args.pdf_variant  # the default: the key it always had
    opts = Options(Path(args.output), args.format or FORMATS, args.style, args.paper, variant)
    with interruptible():  # SIGTERM like Ctrl-C: finished outputs still reach the manifest
        summary = run(sources, opts, workers=args.jobs, force=args.force, cluster=args.cluster)
    if len(sources) > 1 or summary.failed:
        print(
            f"{summary.built} built, {summary.up_to_date} up to date, {summary.failed} failed",
            file=sys.stderr,
        )
    return summary.status


cmd_build.configure = _configure_build  # type: ignore[attr-defined]


@command("check", "validate sources; --against REF: compare language versions' structure")
def cmd_check(args: argparse.Namespace) -> int:
    from pipeline.source import load

    status = 0
    ref = None
    if args.against:
        try:
            ref = load(args.against)
        except UnresError as exc:
            report(exc)
            return exc.status
    for src in expand_sources(args.sources):
        try:
            source = load(src)
            if ref is not None and Path(src).resolve() != Path(args.against).resolve():
                from pipeline.source.versions import compare

                differences = compare(ref, source)
                if differences:
                    raise UnresError(differences)
            print(f"{src}: ok" + (f" (same structure as {args.against})" if ref is not None else ""))
        except UnresError as exc:
            report(exc)
            status = max(status, exc.status)
    return status


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument(
        "--against", metavar="REF",
        help="a language version of the same resolution: report every structural difference "
        "(paragraph and sub-paragraph counts, footnote calls, symbols and years cited)",
    )


cmd_check.configure = _configure_check  # type: ignore[attr-defined]


@command("schema", "print the JSON Schema of the source format")
def cmd_schema(args: argparse.Namespace) -> int:
    from pipeline.source.schema import SCHEMA

    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return 0


def report(exc: UnresError) -> None:
    for d in exc.diagnostics:
        print(f"{d}", file=sys.stderr)


class Warned:
    """Says warnings on standard error as ``file:line:column: warning: …``, each once: a document
    rendered in several formats, or laid out twice, warns once. One per command run (``main``);
    ``unres watch`` has one per rebuild, so that an edit that still has a warning says it again."""

    def __init__(self) -> None:
        self.said: set[str] = set()
        self.lock = threading.Lock()  # watch says from its foreground and background threads

    def say(self, warnings: Iterable[Diagnostic | str]) -> None:
        with self.lock:
            for warning in warnings:
                line = warning.line_shown() if isinstance(warning, Diagnostic) else warning
                if line not in self.said:
                    self.said.add(line)
                    print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def warnings_said() -> Iterator[Warned]:
    """What the stages run inside the block warn of (:func:`pipeline.errors.warn`), said as they
    warn. Stages run by other processes (``unres build``'s workers) send their warnings back as
    lines, said with :meth:`Warned.say`."""
    warned = Warned()
    with warnings_kept(lambda warning: warned.say([warning])):
        yield warned


#: Sub-commands registered by their own modules, imported only when needed.
PLUGINS = {
    "diff": "pipeline.app.diffcmd",
    "import": "pipeline.app.importcmd",
    "watch": "pipeline.app.watch",
    "amend": "pipeline.app.cyclecmd",
    "apply": "pipeline.app.cyclecmd",
    "adopt": "pipeline.app.cyclecmd",
    "history": "pipeline.app.cyclecmd",
    "volume": "pipeline.app.volume",
}


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; for a known command only that command's module is imported."""
    words = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")]
    wanted = words[0] if words else None
    if wanted not in COMMANDS:
        _load_plugins([PLUGINS[wanted]] if wanted in PLUGINS else list(PLUGINS.values()))
    p = argparse.ArgumentParser(prog="unres", description="One YAML source → UN-style PDF, DOCX and HTML.")
    p.add_argument("--version", action="version", version=f"unres {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (func, help_) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=help_)
        getattr(func, "configure", lambda p: None)(sp)
    return p


def _load_plugins(modules: list[str]) -> None:
    import importlib

    for mod in modules:
        importlib.import_module(mod)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser(argv).parse_args(argv)
        func, _help = COMMANDS[args.command]
        with warnings_said():  # every command that loads or renders a source says its warnings
            return func(args)
    except UnresError as exc:
        report(exc)
        return exc.status
    except KeyboardInterrupt:
        print("unres: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def run() -> None:
    """Console entry point: ``main()`` then exit; a Ctrl-C after the work is done is ignored.

    The process ends at once (every file is closed by then): tearing the interpreter down
    costs 0.1 s once WeasyPrint is loaded, and CPython would turn a Ctrl-C that met a
    library's ``eval`` (cssselect2, fontTools) into death by SIGINT although ``main``
    handled it and said so (exit status -2 instead of 130).
    """
    status = main()
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(status)
