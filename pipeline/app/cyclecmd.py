"""The draft cycle on the command line (docs/cycle.md).

``unres amend OLD NEW`` writes the amendment document that turns OLD into NEW (a source of
kind ``amendment`` and its PDF, HTML and DOCX); ``unres apply BASE AMENDMENT`` carries an
amendment's instructions out and writes the new source; ``unres adopt DRAFT --symbol …``
makes the resolution source from the final draft, with any oral revisions.

Bad input is a placed error (``file:line:column: …``, exit 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from pipeline.app.build import output_stem, render_all, write_outputs
from pipeline.app.cli import _formats, add_render_options, command
from pipeline.errors import Diagnostic, SourceError
from pipeline.model import DECISION_KINDS
from pipeline.model.instructions import check_instruction
from pipeline.source import loader as source
from pipeline.source.emit import dump
from pipeline.source.schema import L_SYMBOL
from pipeline.transforms import amend as amending
from pipeline.transforms import resolve as transform

#: Masthead fields an amendment document repeats from the draft it amends.
_MASTHEAD = ("style", "language", "session", "committee", "agenda", "agenda_title")


def _checked(path: Path, text: str, blame: Diagnostic) -> source.Source:
    """The written source loads back (else the blamed place gets the loader's complaint)."""
    try:
        return source.load(path, text)
    except SourceError as exc:
        raise SourceError(
            [
                Diagnostic(
                    blame.file,
                    blame.line,
                    blame.column,
                    f"{blame.message}: the result is not a valid source: {d.message}",
                )
                for d in exc.diagnostics
            ]
        ) from None


def _at(src: source.Source, path: tuple, message: str) -> Diagnostic:
    pos = src.pos(path)
    return Diagnostic(src.path, pos.line, pos.column, message)


# -- unres amend --------------------------------------------------------------------------------
def _configure_amend(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="the draft as tabled (YAML source)")
    p.add_argument("new", metavar="NEW", help="the draft as the amendment would make it (YAML source)")
    p.add_argument(
        "-o", "--output", default="build/amend", metavar="DIR", help="output folder (default: build/amend/)"
    )
    p.add_argument(
        "--symbol", help="the amendment document's own symbol (default: A/…/L.n left for you to set)"
    )
    p.add_argument("--sponsor", action="append", metavar="STATE", help="a sponsor of the amendment (repeat)")
    p.add_argument("--date", type=dt.date.fromisoformat, help="date of issue (default: NEW's)")
    p.add_argument(
        "--format", type=_formats, default=None, metavar="LIST", help="comma-separated: pdf,html,docx"
    )
    add_render_options(p)


def amendment_source(
    old: source.Source,
    new: source.Source,
    symbol: str | None,
    sponsors: list[str] | None,
    date: dt.date | None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    o, n = old.data, new.data
    if not re.search(L_SYMBOL, o["symbol"]):
        raise SourceError(
            [
                _at(
                    old,
                    ("symbol",),
                    f"symbol: an amendment amends a draft (an L document such as "
                    f"A/73/L.3); this is {o['symbol']}",
                )
            ]
        )
    _no_decision(old, new, why="amendments to a draft decision are not supported yet")
    if o.get("parts") or n.get("parts"):
        raise SourceError(
            [
                _at(
                    old if o.get("parts") else new,
                    ("parts",),
                    "parts: amendments to lettered drafts are not supported yet",
                )
            ]
        )
    try:
        instructions = amending.amend(o, n)
    except ValueError as exc:
        raise SourceError([_at(new, (), str(exc))]) from None
    amended = re.sub(r"/(Add|Corr)\.\d+$", "", o["symbol"])
    data: dict[str, Any] = {"kind": "amendment"}
    data.update({k: o[k] for k in _MASTHEAD if k in o})
    data["symbol"] = symbol or re.sub(r"/Rev\.\d+$", "", amended)
    data["amends"] = amended
    data["amends_kind"] = "revised-draft" if "/Rev." in amended else "draft"
    data["distribution"] = "limited"
    if date or n.get("issued"):
        data["issued"] = date or n["issued"]
    data["original"] = True
    data["sponsors"] = sponsors or ["[sponsor]"]
    data["title"] = o["title"]
    data["instructions"] = instructions
    notes = amending.new_notes(o, n)
    if notes:
        data["footnotes"] = notes
    return data, instructions


def _no_decision(*sources: source.Source, why: str) -> None:
    """A draft decision is one paragraph (decision:): the amendment instructions address numbered
    paragraphs, so they are refused at its kind (before: "no changes, no amendment" for a changed
    decision)."""
    for src in sources:
        if src.data.get("kind") in DECISION_KINDS:
            raise SourceError([_at(src, ("kind",), f"kind {src.data['kind']}: {why}")])


@command("amend", "write the amendment document (UN drafting language) that turns OLD into NEW")
def cmd_amend(args: argparse.Namespace) -> int:
    from pipeline.writers import FORMATS, filename

    old, new = source.load(args.old), source.load(args.new)
    if args.symbol and not re.search(L_SYMBOL, args.symbol):
        raise SourceError(
            f"--symbol: expected an L document symbol such as A/C.3/78/L.63, found {args.symbol!r}"
        )
    data, instructions = amendment_source(old, new, args.symbol, args.sponsor, args.date)
    if not instructions:
        print(f"{old.path} → {new.path}: no changes, no amendment")
        return 0
    header = (
        f"Amendment document made by `unres amend {old.path} {new.path}`.\n"
        f"Its instructions address {data['amends']} as tabled; set symbol: and sponsors: if they are "
        f"placeholders."
    )
    text = dump(data, header)
    stem = data["symbol"].replace("/", "_")
    yaml_path = Path(args.output) / f"{stem}.yaml"
    src = _checked(yaml_path, text, Diagnostic(new.path, 1, 1, "the amendment"))
    doc = transform.build(src, style=args.style, paper=args.paper)
    rendered = render_all(doc, args.format or FORMATS)
    outputs = {yaml_path: text.encode("utf-8")}
    outputs.update({Path(args.output) / filename(output_stem(doc), fmt): b for fmt, b in rendered.items()})
    write_outputs(outputs)
    for path in outputs:
        print(f"wrote {path}")
    return 0


cmd_amend.configure = _configure_amend  # type: ignore[attr-defined]


# -- unres apply --------------------------------------------------------------------------------
def _configure_apply(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASE", help="the draft the amendment addresses (YAML source)")
    p.add_argument(
        "amendment", metavar="AMENDMENT", help="the amendment document (YAML source, kind: amendment)"
    )
    p.add_argument(
        "-o", "--output", metavar="NEW.yaml", help="write the new source here (default: standard output)"
    )


def carry_out(
    base: source.Source,
    amendment: source.Source,
    instructions_key: tuple = ("instructions",),
    instructions: list | None = None,
    notes: dict | None = None,
) -> dict[str, Any]:
    """BASE's data with the instructions applied; a misfit is placed on its instruction."""
    if instructions is None:
        instructions = amendment.data["instructions"]
        notes = amendment.data.get("footnotes")
    from pipeline.transforms.words import catalogue

    cat = catalogue(base.data.get("language", "en"))
    annexes = len(base.data.get("annexes") or ())

    def describe(addr: object) -> str:
        return amending.designation(addr, cat, annexes) if isinstance(addr, str) else repr(addr)

    try:
        return amending.apply(base.data, instructions, notes, describe)
    except amending.Mismatch as exc:
        k = exc.index
        said = amending.instruction_text(instructions[k], cat, annexes)
        raise SourceError(
            [
                _at(
                    amendment,
                    instructions_key + (k,),
                    f"instruction {k + 1} ({said}) does not fit {base.path}: {exc.message}",
                )
            ]
        ) from None


@command("apply", "carry out an amendment document's instructions on the draft it amends")
def cmd_apply(args: argparse.Namespace) -> int:
    base, amendment = source.load(args.base), source.load(args.amendment)
    if amendment.data.get("kind") != "amendment":
        raise SourceError(
            [
                _at(
                    amendment,
                    ("kind",) if "kind" in amendment.data else (),
                    f"expected an amendment document (kind: amendment), found kind "
                    f"{amendment.data.get('kind', 'resolution')}",
                )
            ]
        )
    _no_decision(base, why="amendments to a draft decision are not supported yet")
    target = re.sub(r"/(Add|Corr)\.\d+$", "", base.data["symbol"])
    if amendment.data["amends"] != target:
        raise SourceError(
            [
                _at(
                    amendment,
                    ("amends",),
                    f"amends: {amendment.data['amends']}, but {base.path} is {base.data['symbol']}",
                )
            ]
        )
    data = carry_out(base, amendment)
    text = dump(data, f"Made by `unres apply {base.path} {amendment.path}`.")
    out = Path(args.output) if args.output else Path(base.path)
    _checked(out, text, _at(amendment, ("instructions",), "the instructions"))
    return _write_or_print(args.output, text)


def _write_or_print(output: str | None, text: str) -> int:
    """The YAML into ``output`` (atomically), or on standard output without one."""
    if output:
        write_outputs({Path(output): text.encode("utf-8")})
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


cmd_apply.configure = _configure_apply  # type: ignore[attr-defined]


# -- unres adopt --------------------------------------------------------------------------------
def _configure_adopt(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "draft", metavar="DRAFT", help="the final draft (YAML source, kind: draft or revised-draft)"
    )
    p.add_argument("--symbol", required=True, help="the resolution's symbol, e.g. A/RES/73/8")
    p.add_argument("--meeting", required=True, type=int, help="number of the plenary meeting that adopted it")
    p.add_argument("--date", required=True, type=dt.date.fromisoformat, help="date of adoption, YYYY-MM-DD")
    p.add_argument(
        "--issued", type=dt.date.fromisoformat, help="date of issue (default: the date of adoption)"
    )
    p.add_argument(
        "--report", help="a committee draft: the symbol of the committee's report (A/78/481/Add.3)"
    )
    p.add_argument(
        "--oral-revisions",
        metavar="REV.yaml",
        help="oral revisions read out before adoption: {source:, instructions: [...]} as in an amendment",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="RES.yaml",
        help="write the resolution source here (default: standard output)",
    )


def _oral(path: str) -> source.Source:
    """The oral-revisions file, checked: a mapping with instructions (and optional source, footnotes)."""
    from pipeline.source.safeyaml import parse

    text = source.read_text(path)
    data, positions, root = parse(path, text)
    src = source.Source(path, text, data if isinstance(data, dict) else {}, positions)
    problems: list[Diagnostic] = []
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("instructions"), list)
        or not data["instructions"]
    ):
        raise SourceError(
            [
                _at(
                    src,
                    (),
                    "expected oral revisions: a mapping with instructions: (a list, as in an "
                    "amendment) and optionally source: (the meeting record) and footnotes:",
                )
            ]
        )
    for key in data:
        if key not in ("instructions", "source", "footnotes"):
            problems.append(_at(src, (key,), f"{key}: unknown field (instructions, source, footnotes)"))
    for i, ins in enumerate(data["instructions"]):
        problem = check_instruction(ins)
        if problem:
            problems.append(_at(src, ("instructions", i), f"instruction {i + 1}: {problem}"))
    if problems:
        raise SourceError(sorted(problems, key=lambda d: (d.line, d.column)))
    return src


def _adoptable(args: argparse.Namespace) -> Any:
    """The final draft, loaded; a placed error when it or the options cannot make a resolution."""
    from pipeline.source.schema import SYMBOL

    draft = source.load(args.draft)
    d = draft.data
    kind = d.get("kind", "resolution")
    if kind in DECISION_KINDS:
        raise SourceError([_at(draft, ("kind",), (
            f"kind {kind}: adopting a draft decision is not supported yet (an adopted decision is "
            "numbered as 80/501 and printed with its title, its paragraph and the plenary line, which "
            "unres has no source kind for); unres adopt makes a resolution from a final draft resolution "
            "(kind: draft or revised-draft)"))])
    if kind not in ("draft", "revised-draft"):
        raise SourceError(
            [
                _at(
                    draft,
                    ("kind",) if "kind" in d else (),
                    f"expected the final draft (kind: draft or revised-draft), found kind {kind}",
                )
            ]
        )
    if not re.search(SYMBOL, args.symbol):
        raise SourceError(f"--symbol: expected a resolution symbol such as A/RES/73/8, found {args.symbol!r}")
    if "committee" in d and not args.report:
        raise SourceError(
            [
                _at(
                    draft,
                    ("committee",),
                    "a committee's draft is adopted on the committee's report: give its symbol with --report",
                )
            ]
        )
    if args.meeting < 1:
        raise SourceError(f"--meeting: expected a meeting number, found {args.meeting}")
    return draft


@command("adopt", "make the resolution source from the final draft, applying any oral revisions")
def cmd_adopt(args: argparse.Namespace) -> int:
    draft = _adoptable(args)
    d = draft.data
    data = dict(d)
    revisions = None
    if args.oral_revisions:
        rev = _oral(args.oral_revisions)
        data = carry_out(draft, rev, instructions=rev.data["instructions"], notes=rev.data.get("footnotes"))
        revisions = {"draft": d["symbol"], "instructions": rev.data["instructions"]}
        if rev.data.get("source"):
            revisions["source"] = str(rev.data["source"])
    out: dict[str, Any] = {}
    for key in ("style", "language"):
        if key in data:
            out[key] = data[key]
    out["symbol"] = args.symbol
    out["distribution"] = "general"
    out["issued"] = args.issued or args.date
    for key in ("session", "agenda", "agenda_title", "committee"):
        if key in data:
            out[key] = data[key]
    out["report"] = args.report or d["symbol"]
    out["draft"] = d["symbol"]
    out["title"] = data["title"]
    for key in ("short_title", "repeated_notes", "preamble", "operative", "annexes", "footnotes"):
        if key in data:
            out[key] = data[key]
    out["adopted"] = {"meeting": args.meeting, "date": args.date}
    if revisions:
        out["oral_revisions"] = revisions
    how = "as orally revised" if revisions else "without change"
    text = dump(
        out,
        f"Made by `unres adopt {draft.path}`: the final draft {d['symbol']}, {how}, adopted at\n"
        f"plenary meeting {args.meeting} on {args.date.isoformat()}.",
    )
    dest = Path(args.output) if args.output else Path(draft.path)
    blame = Diagnostic(args.oral_revisions or draft.path, 1, 1, "the adopted text")
    _checked(dest, text, blame)
    return _write_or_print(args.output, text)


cmd_adopt.configure = _configure_adopt  # type: ignore[attr-defined]


# -- unres history ------------------------------------------------------------------------------
def _configure_history(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "stages", nargs="+", metavar="STAGE", help="the sources of the cycle, in order (L.3, Rev.1, RES)"
    )
    p.add_argument(
        "-o",
        "--output",
        default="build/history.html",
        metavar="FILE",
        help="the HTML page (default: build/history.html)",
    )


def stage_changes(old: dict[str, Any] | None, new: dict[str, Any], cat: Any) -> list[str]:
    """What one stage changed, as a reader would say it: sponsors, then the text's instructions."""
    if old is None:
        return [cat.word("history.first")]
    out: list[str] = []
    before, after = old.get("sponsors") or [], new.get("sponsors") or []
    added = [s for s in after if s not in before]
    removed = [s for s in before if s not in after]
    list_and = lambda names: cat.word("list_and.one" if len(names) == 1 else "list_and.many", items=names)  # noqa: E731
    if added and new.get("kind") != "resolution" and "kind" in new:
        out.append(cat.word("history.sponsors_added", names=list_and(added)))
    if removed and "kind" in new:
        out.append(cat.word("history.sponsors_removed", names=list_and(removed)))
    oral = new.get("oral_revisions")
    if oral:
        out.append(cat.word("history.oral", source=oral.get("source", oral.get("draft", ""))))
    if "decision" in old or "decision" in new:  # a draft decision: one paragraph, no instructions
        same = old.get("decision") == new.get("decision")
        return out + [cat.word("history.unchanged" if same else "history.decision_changed")]
    annexes = len(old.get("annexes") or ())
    said = [
        amending.instruction_text(i, cat, annexes, amending.note_numbers(old))
        for i in amending.amend(old, new)
    ]
    return out + (said or [cat.word("history.unchanged")])


def _history_words(stages: list[source.Source]) -> Any:
    """The catalogue the history page is written in (the last stage's language): an error at its
    language: where the catalogue has no history words."""
    from pipeline.transforms.words import catalogue

    cat = catalogue(stages[-1].data.get("language", "en"))
    if "history" not in cat.words:
        where = ("language",) if "language" in stages[-1].data else ()
        why = f"language: the {cat.lang} catalogue has no words for unres history (en and fr have them)"
        raise SourceError([_at(stages[-1], where, why)])
    return cat


@command(
    "history", "one HTML page showing each stage of a draft cycle and what it changed, a column per stage"
)
def cmd_history(args: argparse.Namespace) -> int:
    from html import escape

    stages = [source.load(p) for p in args.stages]
    cat = _history_words(stages)
    for s in stages:
        if s.data.get("kind") in ("amendment", "addendum", "corrigendum"):
            raise SourceError(
                [
                    _at(
                        s,
                        ("kind",),
                        f"kind {s.data['kind']}: history compares texts (drafts, revisions, "
                        f"the resolution); apply an amendment first (unres apply)",
                    )
                ]
            )
        if s.data.get("parts"):
            raise SourceError(
                [_at(s, ("parts",), "parts: the history of lettered resolutions is not supported yet")]
            )
    cols = []
    prev = None
    for s in stages:
        d = s.data
        try:
            changes = stage_changes(prev, d, cat)
        except ValueError as exc:
            raise SourceError([_at(s, (), str(exc))]) from None
        head = cat.word(
            "history.stage",
            symbol=d["symbol"],
            what=cat.word(f"history.kinds.{d.get('kind', 'resolution')}"),
            date=cat.date(d["issued"]) if d.get("issued") else "",
        )
        cols.append((head, changes))
        prev = d
    title = cat.word("history.title", title=stages[-1].data["title"].replace("*", ""))
    rows = "".join(
        f'<section class="stage"><h2>{escape(head)}</h2><ol>'
        + "".join(f"<li>{escape(c)}</li>" for c in changes)
        + "</ol></section>\n"
        for head, changes in cols
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{cat.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>\n"
        "<style>body{font-family:'Times New Roman',serif;margin:1em}"
        ".stages{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(16em,1fr);gap:1em}"
        ".stage{border-left:1pt solid #000;padding-left:.6em}h2{font-size:11pt}li{margin-bottom:.4em}</style>"
        f'</head>\n<body><h1>{escape(title)}</h1>\n<div class="stages">\n{rows}</div></body></html>\n'
    )
    write_outputs({Path(args.output): page.encode("utf-8")})
    print(f"wrote {args.output}")
    return 0


cmd_history.configure = _configure_history  # type: ignore[attr-defined]
