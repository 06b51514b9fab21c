"""The ``unres`` command line.

Sub-commands register themselves in ``COMMANDS``; each gets an argparse sub-parser and
a function returning the exit status. User errors (:class:`UnresError`) are printed as
``file:line:column: message`` with no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import UnresError

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
    from .writers import FORMATS

    fmts = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(FORMATS)}")
    return fmts


def add_render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--style", choices=("1998", "modern"), help="house style (overrides the source's)")
    p.add_argument("--paper", choices=("letter", "a4"), help="paper size (default: the style's)")


def _configure_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="YAML source file(s) or folder(s)")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--format", type=_formats, default=None, metavar="LIST", help="comma-separated: pdf,html,docx")
    add_render_options(p)


def expand_sources(items: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        else:
            out.append(p)
    return out


@command("build", "render sources to PDF, HTML and DOCX")
def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_file
    from .writers import available

    formats = args.format or available()
    status = 0
    for src in expand_sources(args.sources):
        try:
            for out in build_file(src, args.output, formats, args.style, args.paper):
                print(f"wrote {out}")
        except UnresError as exc:
            report(exc)
            status = max(status, exc.status)
    return status


cmd_build.configure = _configure_build  # type: ignore[attr-defined]


@command("check", "validate sources without rendering")
def cmd_check(args: argparse.Namespace) -> int:
    from .source import load

    status = 0
    for src in expand_sources(args.sources):
        try:
            load(src)
            print(f"{src}: ok")
        except UnresError as exc:
            report(exc)
            status = max(status, exc.status)
    return status


cmd_check.configure = lambda p: p.add_argument("sources", nargs="+", metavar="SOURCE")  # type: ignore[attr-defined]


@command("schema", "print the JSON Schema of the source format")
def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import SCHEMA

    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return 0


def report(exc: UnresError) -> None:
    for d in exc.diagnostics:
        print(f"{d}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    _load_plugins()
    p = argparse.ArgumentParser(prog="unres", description="One YAML source → UN-style PDF, DOCX and HTML.")
    p.add_argument("--version", action="version", version=f"unres {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (func, help_) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=help_)
        getattr(func, "configure", lambda p: None)(sp)
    return p


def _load_plugins() -> None:
    """Import the modules that register further sub-commands (diff, import, watch)."""
    import importlib

    for mod in ("pipeline.diffcmd", "pipeline.importer", "pipeline.watch"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func, _help = COMMANDS[args.command]
    try:
        return func(args)
    except UnresError as exc:
        report(exc)
        return exc.status
    except KeyboardInterrupt:
        print("unres: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
