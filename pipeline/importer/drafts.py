"""What an issued draft resolution (an L document, docs/cycle.md) carries that a resolution does
not: its symbol ("A/80/L.7", "A/C.3/80/L.12/Rev.1"), the committee heading of a Main Committee's
draft ("Third Committee"; "Special Political and Decolonization Committee" / "(Fourth
Committee)" over two lines), the sponsor line ("Australia:* draft resolution", "Algeria, Brazil
and …: draft resolution", "…: revised draft resolution", "Pakistan, on behalf of …: draft
resolution", "Draft resolution submitted by the Chair"; a draft decision's "…: draft decision")
and the note its star calls, printed under page 1's rule ("* Any changes to the list of sponsors
will be reflected in the official record of the meeting.", "* On behalf of the States … Group of
77 and China.").

Every wording is the catalogue's (``kinds``, ``submitted_by``, ``committees``, ``list_and``), so
it reads a draft in any catalogue's language; none of an issued document's words is written
here. :mod:`.structure` asks these functions while it reads the masthead; :mod:`.convert` takes
the sponsors' note out of the text before it is read (:func:`sponsors_note`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce

from pipeline.importer.reading import Line, join_lines
from pipeline.model import DECISION_KINDS
from pipeline.source.schema import L_SYMBOL
from pipeline.transforms.words import Catalogue

#: An L document's symbol alone on its line (the masthead's, or a running head's).
SYMBOL = re.compile(L_SYMBOL.removeprefix("^").removesuffix("$").join(("^", "$")))
_REVISED = re.compile(r"/Rev\.\d+$")
#: The kinds of a draft resolution (a draft decision's: DECISION_KINDS)
DRAFT_KINDS = ("draft", "revised-draft")
#: The star of the sponsor line, after its colon ("Australia:* draft resolution", ":*draft …")
_STAR_AFTER_COLON = re.compile(r":\s*(\*{1,3})\s*")
#: The note the star calls: the star(s) at the start of a line, then its text ("\*" as typed in
#: Markdown); never "* * *" (the asterism between groups of paragraphs)
_STAR_NOTE = re.compile(r"^\s*(?:\\?\*){1,3}(?!\s*\*)\s+(\S.*)$")


@dataclass
class SponsorLine:
    """The sponsor line as read: the kind it names, the sponsors in their order (or who submits
    the draft), whether a star after its colon calls the sponsors' note, and its problems."""

    kind: str | None = None  # "draft", "draft-decision" …; None: a kind unres has no source for
    what: str = ""  # the kind's words as printed ("draft resolution", "draft decision")
    sponsors: list[str] = field(default_factory=list)
    submitted_by: str | None = None
    star: bool = False
    problems: list[str] = field(default_factory=list)
    alone: bool = False  # the kind's words alone ("Draft resolution", A/C.6/80/L.15): no one named
    amends: str | None = None  # an amendment document's: the draft it amends ("A/80/L.25", A/80/L.30)


def is_draft_symbol(text: str) -> bool:
    return bool(SYMBOL.match(text.strip()))


def kind_of_symbol(symbol: str, decision: bool = False) -> str:
    """ "draft" or "revised-draft" (of a ``decision``: "draft-decision", "revised-draft-decision"),
    as the loader wants the symbol of each (pipeline.source.loader)."""
    kind = "revised-draft" if _REVISED.search(symbol) else "draft"
    return f"{kind}-decision" if decision else kind


def committee(text: str, cat: Catalogue) -> int | None:
    """The Main Committee a committee heading names ("Third Committee" → 3), or None."""
    folded = " ".join(text.split()).casefold()
    for number in cat.words.get("committees") or {}:
        if folded == " ".join(str(cat.word(f"committees.{number}")).split()).casefold():
            return int(number)
    return None


def _kinds(cat: Catalogue) -> dict[str, str]:
    """The sponsor line's kinds the catalogue has words for, folded: {"draft resolution": "draft",
    "draft decision": "draft-decision", …}."""
    kinds = cat.words["kinds"]
    return {str(cat.word(f"kinds.{k}")).casefold(): k for k in (*DRAFT_KINDS, *DECISION_KINDS) if k in kinds}


def kind_words(cat: Catalogue) -> list[str]:
    """The words of every kind the catalogue's sponsor line can name ("draft resolution", …)."""
    return [str(cat.word(f"kinds.{k}")) for k in _kinds(cat).values()]


def split_decision(lines: list[Line], cat: Catalogue) -> list[Line]:
    """A draft decision's paragraph opens with the enacting formula inline ("The General Assembly,
    taking note of …", A/C.4/80/L.10; "The General Assembly decides to …", a verb right after
    it): its first line is split after the formula (the catalogue's ``enacting`` and
    ``decision_after``, or an operative verb: resolve.opens_with_verb), so the formula is read as a
    resolution's is, and the words after it as one paragraph. Lines where no line opens so are
    given back unchanged."""
    from pipeline.transforms.resolve import opens_with_verb

    formula = str(cat.word("enacting"))
    after = str(cat.word("decision_after")).strip()
    opening = re.compile(rf"^(\*{{0,2}}){re.escape(formula)}\1")  # in italics too ("*The General Assembly*,")
    for i, line in enumerate(lines):
        text = line.text.strip()
        found = opening.match(text)
        words = text[found.end() if found else len(formula) :].lstrip()
        verb = opens_with_verb(cat, words)
        if found and (words.startswith(after) or verb):
            rest = words if verb else words[len(after) :].strip()
            head = Line(line.no, f"{formula}{after}")
            return [*lines[:i], head, *([Line(line.no, rest)] if rest else []), *lines[i + 1 :]]
        if text:
            break
    return lines


def sponsor_line(raw: str, cat: Catalogue) -> SponsorLine | None:
    """The sponsor line in ``raw`` (its lines joined with spaces), or None when it has the form of
    none: "<sponsors>: <kind>" (a star may follow the colon), the catalogue's "<Kind> submitted
    by <author>", or the kind's words alone ("Draft resolution", A/C.6/80/L.15: ``alone``). A kind
    the catalogue has no words for (a language without "draft decision") is read with ``kind``
    None; a list of sponsors that cannot be split as the catalogue joins it is read with a
    problem to report."""
    if not all(key in cat.words for key in ("kinds", "list_and", "submitted_by")):
        return None  # a catalogue without the draft cycle's words
    text = " ".join(raw.replace("\\*", "*").split())
    submitted = _submitted_by(text, cat)
    if submitted:
        return submitted
    alone = _kinds(cat).get(text.casefold())
    if alone:  # "Draft resolution" (A/C.6/80/L.15): no sponsor named on the line
        return SponsorLine(kind=alone, what=text, alone=True)
    star = _STAR_AFTER_COLON.search(text)
    names, sep, what = text.rpartition(":")
    if star and star.start() == len(names):
        what = text[star.end() :]
    amends = _amends(what.strip().rstrip("."), cat) if sep and names.strip() else None
    if amends:  # "United States of America:* amendment to draft resolution A/80/L.25" (A/80/L.30)
        starred = bool(star and star.start() == len(names))
        line = SponsorLine("amendment", what.strip().rstrip("."), star=starred, amends=amends)
        line.sponsors, line.problems = split_sponsors(names.strip(), cat)
        return line
    if not sep or not names.strip() or not what.strip() or not re.fullmatch(r"[^\W\d_][^\d:]*", what.strip()):
        return None
    what = what.strip().rstrip(".")
    line = SponsorLine(what=what, star=bool(star and star.start() == len(names)))
    line.kind = _kinds(cat).get(what.casefold())
    line.sponsors, problems = split_sponsors(names.strip(), cat)
    line.problems += problems
    return line


def _amends(what: str, cat: Catalogue) -> str | None:
    """The symbol of the draft an amendment document amends, from the kind's words of its sponsor
    line (the catalogue's ``kinds.amendment``: "amendment to draft resolution A/80/L.25"), or None."""
    kinds = cat.words.get("kinds") or {}
    if "amendment" not in kinds:
        return None
    head, _, tail = str(cat.word("kinds.amendment", target_kind="\x00", target="\x01")).partition("\x00")
    between, _, end = tail.partition("\x01")
    target = SYMBOL.pattern.removeprefix("^").removesuffix("$")
    for kind in (k for k in DRAFT_KINDS if k in kinds):
        form = re.escape(f"{head}{cat.word(f'kinds.{kind}')}{between}") + f"({target})" + re.escape(end)
        m = re.fullmatch(form, what, re.I)
        if m:
            return m.group(1)
    return None


def _submitted_by(text: str, cat: Catalogue) -> SponsorLine | None:
    """ "Draft resolution submitted by the Chair" (the catalogue's ``submitted_by``)."""
    mark = "\x00"
    for words, kind in _kinds(cat).items():
        form = str(cat.word("submitted_by", what=words, author=mark))
        head, _, tail = form.partition(mark)
        if text.casefold().startswith(head.casefold()) and text.casefold().endswith(tail.casefold()):
            author = text[len(head) : len(text) - len(tail)].strip()
            if author:
                return SponsorLine(kind=kind, what=text[: len(words)], submitted_by=author)
    return None


def split_sponsors(names: str, cat: Catalogue) -> tuple[list[str], list[str]]:
    """The sponsors of "A, B and C" as the catalogue's ``list_and`` joins them, so the sponsor
    line prints again as issued; a clause "on behalf of …" (with its own commas and "and") stays
    with the sponsor before it. A name with "and" in it ("Bosnia and Herzegovina") is kept
    whole where the list's commas show it; where the last names' "and"s cannot be told apart,
    the list is split at the last one and a problem says so (the printed line is the same)."""
    many = str(cat.word("list_and.many", items=["\x00", "\x01", "\x02"]))
    comma = many[many.index("\x00") + 1 : many.index("\x01")]
    conj = many[many.index("\x01") + 1 : many.index("\x02")]
    problems: list[str] = []
    behalf = re.search(r",?\s+(?=on behalf of\s)", names)  # the catalogue has no word for it
    clause = ""
    if behalf:
        names, clause = names[: behalf.start()], names[behalf.start() :]
    items = [x.strip() for x in names.split(comma.strip())] if comma.strip() else [names]
    items = [x for x in items if x]
    if not items:
        return [], ["no sponsor before the colon"]
    last = items.pop()
    parts = last.split(conj)
    if len(parts) > 2:
        problems.append(
            f"the last sponsors '{last}' may be split at any '{conj.strip()}': split at the last "
            "one (the line prints the same); check sponsors:"
        )
    if len(parts) > 1:
        items += [conj.join(parts[:-1]).strip(), parts[-1].strip()]
    else:
        items.append(last)
    if items and clause:
        items[-1] += clause
    return items, problems


def sponsors_note(text: str) -> tuple[str, tuple[int, str] | None]:
    """The note the sponsor line's star calls, taken out of ``text`` before it is read: the first
    line after the sponsor line that opens with a star and a space, and the lines of its block
    (up to a blank line). Its lines are left empty (the other lines keep their numbers). Gives
    the text without them and (the note's first line, its text), or the text unchanged and None
    when the sponsor line has no star after its colon."""
    lines = text.split("\n")
    start = next(
        (
            i
            for i, x in enumerate(lines)
            if _STAR_AFTER_COLON.search(x.replace("\\*", "*")) and not x.lstrip().startswith("*")
        ),
        None,
    )
    if start is None:
        return text, None
    for i in range(start + 1, len(lines)):
        m = _STAR_NOTE.match(lines[i])
        if not m:
            continue
        words = [m.group(1).strip()]
        end = i + 1
        while end < len(lines) and lines[end].strip() and "\f" not in lines[end]:  # a page break ends it
            words.append(lines[end].strip())
            end += 1
        lines[i:end] = [""] * (end - i)
        return "\n".join(lines), (i + 1, " ".join(reduce(join_lines, words).split()))
    return text, None
