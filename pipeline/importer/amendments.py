"""An issued amendment document read into a ``kind: amendment`` source (docs/cycle.md): the lines
after its title ("1." / "In the fourth preambular paragraph, delete “…”.", "After operative
paragraph 89, insert the following operative paragraph:" and the paragraph after it) read into
the instruction shapes of :mod:`pipeline.model.instructions`.

Two wordings are read:

* unres' own, the catalogue's ``instruction.*`` and ``designation.*`` entries (what ``unres
  amend`` writes): each entry is rendered with stand-ins for its variables and turned into a
  pattern, so what unres writes in a catalogue's language reads back in it;
* the issued English wordings unres does not write (``_ISSUED``), as seen in A/80/L.30–L.36
  (tests/import/amendments/): "In operative paragraph 68, after “…”, insert “…”.", "After
  operative paragraph 70, insert the following operative paragraph:" with the paragraph as a
  block of its own, "Delete operative paragraphs 5, 6, 10, and 13." (a comma before "and").

An instruction of neither form is kept as written, ``{text: …}``, with a warning at its line:
never dropped. Notes the inserted words call with stars ("Development**", the note "** Report
of …" under the sponsors' note, A/80/L.31) become footnotes called where the stars stood.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.importer import runs
from pipeline.importer.reading import Line
from pipeline.importer.structure import _join
from pipeline.transforms.amend import designation, designations, label_number, new_what, printed_label
from pipeline.transforms.words import Catalogue, letters, roman

#: A numbered instruction's number, alone on its line or before its words ("10. In operative …")
_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s+(\S.*))?$")
#: A note called by stars in the inserted words ("** Report of the International Conference …")
_STAR_NOTE = re.compile(r"^(\*{2,3})\s+(\S.*)$")
#: How many paragraphs, sections and annex paragraphs a designation is looked up for
_MOST = {"pp": 200, "op": 300, "sec": 40, "p": 150}


@dataclass
class Unit:
    """One instruction as printed: its line, its number (None: an unnumbered one), its words, and
    the paragraphs printed after its colon (each a block of its own)."""

    line: int
    number: int | None
    words: str = ""
    paragraphs: list[str] = field(default_factory=list)
    #: a paragraph's sub-paragraphs ("(a) To …" lines), by the paragraph's index: each a text, or
    #: ``{text, items}`` with its own ("(i) To …" under "(a)")
    items: dict[int, list[Any]] = field(default_factory=dict)

    def values(self) -> list[Any]:
        """The paragraphs as sources write them: a text, or ``{text, items}`` with its (a), (b) …"""
        return [{"text": p, "items": self.items[k]} if self.items.get(k) else p
                for k, p in enumerate(self.paragraphs)]

    def add_item(self, label: str, text: str) -> None:
        """A sub-paragraph of the last paragraph: under its (a), (b) … when ``label`` is the
        letter due there, else under the last of them when it is the roman numeral due there
        ("(i)" after "(a)", "(ii)" after "(i)"; "(i)" after "(h)" is a letter)."""
        its = self.items.setdefault(len(self.paragraphs) - 1, [])
        if its and label != letters(len(its) + 1):
            last = its[-1]
            below = last["items"] if isinstance(last, dict) else []
            if label == roman(len(below) + 1).lower():
                if not isinstance(last, dict):
                    its[-1] = last = {"text": last, "items": below}
                below.append(text)
                return
        its.append(text)

    def go_on(self, text: str) -> None:
        """A line going on with the last paragraph or sub-paragraph (the deepest last one)."""
        its = self.items.get(len(self.paragraphs) - 1)
        if not its:
            self.paragraphs[-1] = _join(self.paragraphs[-1], text) if self.paragraphs[-1] else text
            return
        holder, key = its, len(its) - 1
        if isinstance(its[-1], dict):
            holder, key = its[-1]["items"], len(its[-1]["items"]) - 1
        holder[key] = _join(holder[key], text) if holder[key] else text


def _texts(entry: Any) -> list[str]:
    """An entry's texts, its own and its sub-paragraphs', in order."""
    if isinstance(entry, str):
        return [entry]
    return [entry["text"], *(t for item in entry.get("items") or () for t in _texts(item))]


def _mapped(entry: Any, how: Callable[[str], str]) -> Any:
    if isinstance(entry, str):
        return how(entry)
    return {"text": how(entry["text"]), "items": [_mapped(i, how) for i in entry["items"]]}


@dataclass
class Read:
    """The instructions read (``lines``: each one's input line), the footnotes the inserted words
    call, and the warnings (line, message)."""

    instructions: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    cut: tuple[int, str] | None = None  # the document ends short (line, why): nothing is written


def units(lines: list[Line], starts: set[int], cat: Catalogue | None = None
          ) -> tuple[list[Unit], list[tuple[int, str, str]]]:
    """The instructions of the lines after the title, and the notes marked with stars (line,
    stars, text). A numbered line starts an instruction; a block after an instruction that ends
    with a colon is a paragraph it inserts; any other block starts an unnumbered instruction.

    Among the paragraphs an instruction inserts, a new one also starts without a blank line (as a
    text layer without blocks gives them): at a line opening with a paragraph's number ("71.
    Stresses …", the number not kept: the amended text numbers it), unless it is the next
    instruction's number (a numbered document, and the instruction has its paragraph already), and
    at a line opening with an opening phrase of ``cat`` ("Calls upon …", "Recalling …") after one
    that ends a paragraph (";", ",", "."). A line opening "(a)", "(b)" … is a sub-paragraph of the
    paragraph before it; "(i)", "(ii)" … under one of those is its own sub-paragraph (the roman
    numeral due there, where the letter due is another)."""
    out: list[Unit] = []
    notes: list[tuple[int, str, str]] = []
    note: list[Any] | None = None
    for line in lines:
        text, new_block = line.text.strip(), line.no in starts
        if not text:
            continue
        star = _STAR_NOTE.match(text)
        if new_block and star:
            note = [line.no, star[1], star[2]]
            notes.append(note)  # type: ignore[arg-type]
            continue
        if note is not None and not new_block:
            note[2] = _join(note[2], text)
            continue
        note = None
        numbered = _NUMBER.match(text)
        taking = bool(out) and (out[-1].words.endswith(":") or bool(out[-1].paragraphs))
        if taking and _a_paragraph(out, numbered, text, new_block, cat):
            unit = out[-1]
            sub = _sub(text, cat)
            if sub and unit.paragraphs:
                unit.add_item(*sub)
            else:
                unit.paragraphs.append(numbered[2] or "" if numbered else text)
        elif numbered:
            out.append(Unit(line.no, int(numbered[1]), numbered[2] or ""))
        elif out and out[-1].paragraphs:
            out[-1].go_on(text)
        elif out and (not new_block or out[-1].number is not None):
            out[-1].words = _join(out[-1].words, text) if out[-1].words else text
        else:
            out.append(Unit(line.no, None, text))
    return out, [(n[0], n[1], n[2]) for n in notes]


#: A sub-paragraph's label and its words ("(a) To promote …"; "(a)" alone on its line)
_SUB = re.compile(r"^\(([a-z]{1,4})\)(?:\s+(\S.*))?$")


@lru_cache(maxsize=8)
def _line_labels(cat: Catalogue) -> tuple[tuple[str, str], ...]:
    """Sub-paragraph labels as the catalogue prints them at the head of a line (``labels.sub``,
    ``subsub``: French and Spanish "a)", "i)", Russian "а)", Arabic "(أ)"; docs/languages.md in
    ../shared), each with the letter or numeral it stands for, longest first."""
    out: dict[str, str] = {}
    for n in range(1, 27):
        out.setdefault(str(cat.word("labels.sub", n=n)), letters(n))
    for n in range(1, 21):
        out.setdefault(str(cat.word("labels.subsub", n=n)), roman(n).lower())
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def _sub(text: str, cat: Catalogue | None) -> tuple[str, str] | None:
    """A sub-paragraph line's label (its letter or numeral: "a", "ii") and its words: "(a) To …"
    in any language, and the catalogue's own labels ("a) Demande …" in French), the label alone
    on its line or before a space; None for any other line."""
    m = _SUB.match(text)
    if m:
        return m[1], m[2] or ""
    for label, value in _line_labels(cat) if cat is not None else ():
        rest = text[len(label):]
        if text.startswith(label) and (not rest or rest[0].isspace()):
            return value, rest.strip()
    return None


def _a_paragraph(out: list[Unit], numbered: re.Match[str] | None, text: str, new_block: bool,
                 cat: Catalogue | None) -> bool:
    """Whether a line starts a paragraph (or a sub-paragraph) the last instruction inserts."""
    unit = out[-1]
    if numbered:
        # the instruction's first paragraph, or a number that is not the next instruction's
        return not unit.paragraphs or out[0].number is None or int(numbered[1]) != len(out) + 1
    if new_block or (_sub(text, cat) and unit.paragraphs):
        return True
    if not unit.paragraphs or cat is None:
        return False
    its = unit.items.get(len(unit.paragraphs) - 1)
    last = _texts(its[-1])[-1] if its else unit.paragraphs[-1]
    ends = last.rstrip().endswith((";", ",", "."))
    return ends and text[:1].isupper() and bool(cat.operative.match(text) or cat.preambular.match(text))


# -- designations ------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _designations(cat: Catalogue) -> dict[str, str]:
    """Every designation the catalogue prints, folded → its address: "the fourth preambular
    paragraph" → pp4, "operative paragraph 22" → op22, "the annex, paragraph 2" → annex1.p2,
    "the heading of section II" → sec2, "the title", "the preamble", "the operative part"."""
    out: dict[str, str] = {}
    addrs = ["title", "preamble", "operative", "annex1"]
    for kind, most in _MOST.items():
        addrs += [f"annex1.{kind}{n}" if kind == "p" else f"{kind}{n}" for n in range(1, most + 1)]
    for addr in addrs:
        out[_fold(designation(addr, cat, 1))] = addr
    return out


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=8)
def _sub_ends(cat: Catalogue) -> tuple[tuple[str, int, str], ...]:
    """How a sub-paragraph's designation ends after its parent's, each label as the catalogue
    prints it (``designation.sub`` with ``labels.*``: ", alinéa b)" in French, " (b)" in English),
    folded, with its level and its label in an address; longest first."""
    out = set()
    for level in (1, 2, 3, 4):
        for n in range(1, 53):
            label = letters(n) if level == 1 else roman(n).lower()
            if label_number(label, level) != n:
                continue
            for printed in {printed_label(label, level, cat), f"({label})"}:  # "(b)": unres' French before
                end = str(cat.word("designation.sub", parent="\ue000", label=printed))
                out.add((_fold(end.replace("\ue000", "")), level, label))
    return tuple(sorted(out, key=lambda e: (-len(e[0]), e)))


def _depth(addr: str) -> int:
    """How deep a paragraph's address is in sub-paragraphs: op5 → 0, op5.b → 1, annex1.p2.b → 1."""
    return addr.count(".") - addr.startswith("annex") - (addr[1:2] == ".")


def address(text: str, cat: Catalogue) -> str | None:
    """The address of a designation as printed ("the sixteenth preambular paragraph", "operative
    paragraph 5 (b)", "operative paragraph 5(b)", French "le paragraphe 5 du dispositif, alinéa
    b)": the catalogue's label), or None."""
    found = _designations(cat).get(_fold(text))
    if found:
        return found
    folded = _fold(text)
    if "sub" in (cat.words.get("designation") or {}):
        for end, level, label in _sub_ends(cat):
            if end and folded.endswith(end) and len(folded) > len(end):
                parent = address(folded[: -len(end)], cat)
                numbered = parent and re.search(r"(^|\.)(op|p)\d+(\.[a-z]+)*$", parent)
                if parent and numbered and _depth(parent) + 1 == level:
                    return f"{parent}.{label}"
    sub = re.fullmatch(r"(?P<parent>.+?)\s*\((?P<label>[a-z]{1,6})\)", text.strip())
    parent = address(sub["parent"], cat) if sub else None
    if sub and parent and re.search(r"(^|\.)(op|p)\d+(\.[a-z]+)*$", parent):
        return f"{parent}.{sub['label']}"
    return None


@lru_cache(maxsize=8)
def _each(cat: Catalogue) -> tuple[tuple[str, dict[str, int]], ...]:
    """Each kind's paragraph words in a plural designation (``designation.*_each``, folded → n)."""
    return tuple((short, {_fold(str(cat.word(f"designation.{kind}_each", n=n))): n
                          for n in range(1, _MOST[short] + 1)})
                 for kind, short in (("preamble", "pp"), ("operative", "op")))


def addresses(text: str, cat: Catalogue) -> list[str] | None:
    """The addresses of several paragraphs of one kind as printed ("operative paragraphs 5, 6,
    10 and 13" → op5, op6, op10, op13), or None: the paragraph words the text holds, each set of
    them printed again with the catalogue's plural designation and list conjunction."""
    from itertools import combinations

    folded = _fold(text)
    for short, words in _each(cat):
        found = sorted(n for w, n in words.items()
                       if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", folded))
        for k in range(2, min(len(found), 12) + 1):
            for ns in combinations(found, k):
                addrs = [f"{short}{n}" for n in ns]
                if _fold(designations(addrs, cat)) == folded:
                    return addrs
    return None


# -- the catalogue's own wording --------------------------------------------------------------
_SLOTS = {"where": r".+?", "target": r".+?", "old": r".+?", "new": r".+?", "anchor": r".+?",
          "text": r".+?", "what": r".+?", "n": r"\d+"}
#: Each catalogue entry → the instruction it writes, from the groups its pattern reads
_OWN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "replace": lambda g: {"at": g["where"], "replace": g["old"], "with": g["new"]},
    "insert_after": lambda g: {"at": g["where"], "insert": g["new"], "after": g["anchor"]},
    "insert_before": lambda g: {"at": g["where"], "insert": g["new"], "before": g["anchor"]},
    "delete": lambda g: {"at": g["where"], "delete": g["old"]},
    "new_after": lambda g: {"after": g["where"], "insert_paragraphs": g["texts"]},
    "new_first": lambda g: {"before": g["where"], "insert_paragraphs": g["texts"]},
    "fill": lambda g: {"fill": g["where"], "insert_paragraphs": g["texts"]},
    "replace_note": lambda g: {"replace_footnote": int(g["n"]), "with": g["text"]},
    "delete_para": lambda g: {"delete_paragraph": g["where"]},
    "delete_paras": lambda g: {"delete_paragraphs": g["where"]},
    "replace_para": lambda g: {"replace_paragraph": g["where"], "with": g["text"]},
    "move_after": lambda g: {"move": g["where"], "after": g["target"]},
    "move_first": lambda g: {"move": g["where"], "before": g["target"]},
}
#: The entries whose paragraphs follow their colon, each a block of its own (A/80/L.33), or
#: quoted on their line (``instruction.quoted``: messages, `unres history`)
_NEW = ("new_after", "new_first", "fill")
#: The entries that said "and renumber …" before unres printed them as issued (A/80/L.30, L.35):
#: the old wording is still read
_RENUMBERED_ONCE = ("delete_para",)
#: The keys whose values are paragraph addresses (``after``/``before`` are words beside ``at``)
_PLACES = ("at", "after", "before", "fill", "delete_paragraph", "move", "replace_paragraph")


@lru_cache(maxsize=8)
def _own_forms(cat: Catalogue) -> list[tuple[str, re.Pattern[str]]]:
    """(entry, pattern) of each ``instruction.*`` entry: the entry rendered with a stand-in for
    each variable, the stand-ins made groups; a new paragraph's entry may go on with its
    paragraphs quoted (group ``quoted``)."""
    words = cat.words.get("instruction") or {}
    renumber = str(cat.word("instruction.renumber")) if "renumber" in words else ""
    out = []
    for key in _OWN:
        if key not in words:
            continue
        stand = {name: f"\ue000{k}\ue001" for k, name in enumerate(_SLOTS)}
        rendered = str(cat.word(f"instruction.{key}", **stand, renumber="\ue020"))
        pattern = re.escape(rendered)
        for name, slot in _SLOTS.items():
            pattern = pattern.replace(re.escape(stand[name]), f"(?P<{name}>{slot})", 1)
        pattern = pattern.replace(re.escape("\ue020"), f"(?:{re.escape(renumber)})?")
        if key in _RENUMBERED_ONCE and renumber and pattern.endswith(re.escape(".")):
            # unres' own before 9 December 2026: "Delete operative paragraph 13 and renumber the
            # subsequent paragraphs accordingly." (outputs of then, read back)
            pattern = pattern[: -len(re.escape("."))] + f"(?:{re.escape(renumber)})?" + re.escape(".")
        if key in _NEW:
            pattern += r"(?:\s+(?P<quoted>\S.*))?"
        out.append((key, re.compile(pattern, re.S)))
    return out


@lru_cache(maxsize=8)
def _quote_form(cat: Catalogue) -> re.Pattern[str]:
    """A new paragraph quoted on its instruction's line (``instruction.quoted``). What new
    paragraphs are called is checked by printing it again (:func:`new_what`)."""
    open_, _, close = str(cat.word("instruction.quoted", text="\ue000")).partition("\ue000")
    return re.compile(rf"{re.escape(open_)}(.+?){re.escape(close)}(?:\s+|$)", re.S)


def _own(words: str, cat: Catalogue, paragraphs: list[Any]) -> dict[str, Any] | None:
    """The instruction ``words`` (and the ``paragraphs`` printed after them) say in the
    catalogue's wording, or None."""
    for key, pattern in _own_forms(cat):
        m = pattern.fullmatch(words)
        if not m:
            continue
        groups: dict[str, Any] = dict(m.groupdict())
        if key in _NEW:
            quoted = _quote_form(cat)
            texts = _quoted(groups["quoted"], quoted, cat) if groups.get("quoted") else paragraphs
            if not texts or (groups.get("quoted") and paragraphs):
                continue
            # what the words call them says which are headings: the texts as read, then with
            # the lines that end no sentence as headings, then all of them
            for values in _with_headings(texts):
                found = _addressed(_OWN[key]({**groups, "texts": values}), cat)
                if found and _fold(new_what(found, cat)) == _fold(groups["what"]):
                    return found
            continue
        elif paragraphs:
            continue
        found = _addressed(_OWN[key](groups), cat)
        if found:
            return found
    return None


#: The marks a paragraph's text ends with (a heading ends with none)
_ENDS = (".", ";", ",", ":", "。", "；", "，", "：", "؛", "،")


def _with_headings(texts: list[Any]) -> list[list[Any]]:
    """The ways of reading new paragraphs as paragraphs and section headings (``{section: …}``):
    none a heading; a line of no sub-paragraphs that ends with no mark (".", ";", ",", ":") a
    heading, as headings print ("Final provisions"); every such line a heading."""
    def heading(text: Any, any_mark: bool) -> bool:
        return isinstance(text, str) and (any_mark or not text.rstrip().endswith(_ENDS))

    return [texts, *([{"section": t} if heading(t, every) else t for t in texts] for every in (False, True))]


def _quoted(text: str, quoted: re.Pattern[str], cat: Catalogue | None = None) -> list[Any]:
    """Paragraphs quoted one after another on an instruction's line ("“Calls upon States:” “(a) To
    …”"), structured as printed lines are: "(a)", "(i)" … lines their paragraph's sub-paragraphs."""
    found = list(quoted.finditer(text))
    if not found or "".join(m[0] for m in found) != text:
        return []
    unit = Unit(0, None)
    for m in found:
        sub = _sub(m[1], cat)
        if sub and unit.paragraphs:
            unit.add_item(*sub)
        else:
            unit.paragraphs.append(m[1])
    return unit.values()


def _addressed(ins: dict[str, Any], cat: Catalogue) -> dict[str, Any] | None:
    """``ins`` with its designations made addresses; None when one is not a designation."""
    out = dict(ins)
    if "delete_paragraphs" in ins:
        several = addresses(str(ins["delete_paragraphs"]), cat)
        return {"delete_paragraphs": several} if several else None
    for key in _PLACES:
        if key in ins and not ("at" in ins and key in ("after", "before")):
            addr: str | list[str] | None = address(str(ins[key]), cat)
            if addr is None and key == "at":
                # one edit in several paragraphs: "In operative paragraphs 27 and 43, delete “…”."
                # (A/C.3/80/L.64)
                addr = addresses(str(ins[key]), cat)
            if addr is None:
                return None
            out[key] = addr
    return out


# -- issued wordings unres does not write (English, A/80/L.30–L.36) -----------------------------
_Q = "“(?P<{}>.+?)”"
_ISSUED: tuple[tuple[re.Pattern[str], str], ...] = (
    # "In operative paragraph 68, after “including sexual and reproductive health”, insert “…”." (L.31)
    (re.compile(rf"In (?P<where>.+?), (?P<side>after|before) {_Q.format('anchor')}, insert "
                rf"{_Q.format('new')}\.", re.S), "words"),
    # "After operative paragraph 89, insert the following operative paragraph:" + the paragraph (L.33, L.36)
    (re.compile(r"(?P<side>After|Before) (?P<where>.+?), insert the following (?:new )?"
                r"(?:(?:operative|preambular) )?paragraphs?:", re.S), "paragraphs"),
    # "Insert a new operative paragraph after operative paragraph 3, reading: …" (the brief's wording)
    (re.compile(r"Insert (?:a|the following) new (?:(?:operative|preambular) )?paragraphs? "
                r"(?P<side>after|before) (?P<where>.+?),? reading:(?: “(?P<text>.+)”\.?)?", re.S),
     "paragraphs"),
    # unres' own before 9 December 2026: "After operative paragraph 3, insert a new paragraph reading: “…”
    # and renumber the subsequent paragraphs accordingly." (outputs of then, read back)
    (re.compile(r"(?P<side>After|Before) (?P<where>.+?), insert (?:a new paragraph reading|the following new "
                r"paragraphs): (?P<quoted>“.+”)(?: and renumber the subsequent paragraphs accordingly)?\.",
                re.S),
     "paragraphs"),
    # "Delete operative paragraphs 5, 6, 10, and 13." (the catalogue's wording, L.35, with a comma
    # before "and"): one instruction deleting them all
    (re.compile(r"Delete operative paragraphs (?P<numbers>\d+(?:, \d+)*,? and \d+)\.", re.S), "many"),
)


def _issued(unit: Unit, cat: Catalogue) -> list[dict[str, Any]] | None:
    if cat.lang != "en":
        return None
    for pattern, how in _ISSUED:
        m = pattern.fullmatch(unit.words)
        if not m:
            continue
        if how == "many":
            return [{"delete_paragraphs": [f"op{n}" for n in re.findall(r"\d+", m["numbers"])]}]
        side = m["side"].lower()
        if how == "words":
            at = address(m["where"], cat) or addresses(m["where"], cat)
            if at is None:
                continue
            return [{"at": at, "insert": m["new"], side: m["anchor"]}]
        where = address(m["where"], cat)
        if where is None:
            continue
        quoted = m.groupdict().get("quoted")
        texts = ([m["text"]] if m.groupdict().get("text") else
                 _quoted(quoted, _quote_form(cat), cat) if quoted else unit.values())
        if texts:
            return [{side: where, "insert_paragraphs": list(texts)}]
    return None


# -- the whole ---------------------------------------------------------------------------------
def read(lines: list[Line], starts: set[int], cat: Catalogue) -> Read:
    """The instructions of the lines after an amendment document's title."""
    found, notes = units(lines, starts, cat)
    out = Read()
    calls = {stars: f"note-{k}" for k, (_, stars, _) in enumerate(notes, 1)}  # as notes.Keys names "1"
    for _line, stars, text in notes:
        out.footnotes[calls[stars]] = text
    out.cut = _cut(found, lines)
    for k, unit in enumerate(found, 1):
        if unit.number is not None and unit.number != k:
            out.warnings.append((unit.line, f"instruction numbered {unit.number} where {k} was due"))
        words = _called(unit.words, calls)
        def call(text: str) -> str:
            return _called(text, calls)

        unit = Unit(unit.line, unit.number, words, [_implicit(call(p), cat) for p in unit.paragraphs],
                    {k: [_mapped(t, call) for t in ts] for k, ts in unit.items.items()})
        read_ = ([own] if (own := _own(words, cat, unit.values())) else None) or _issued(unit, cat)
        if read_ is None:
            flat = [" ".join([p, *(_flat(str(cat.word("labels.sub", n=j)), t, cat)
                                   for j, t in enumerate(unit.items.get(k) or (), 1))])
                    for k, p in enumerate(unit.paragraphs)]
            kept = " ".join([words, *flat]) if words else " ".join(flat)
            out.warnings.append((unit.line, _unread(unit, k)))
            read_ = [{"text": kept or "[instruction]"}]
        out.instructions += read_
        out.lines += [unit.line] * len(read_)
    return out


def _implicit(text: str, cat: Catalogue) -> str:
    """A new paragraph's text with the italics of its opening phrase left implicit when they are
    the catalogue's (as unres prints it: "*Encourages* Member States …" reads "Encourages …")."""
    parsed, _ = runs.parse(text)
    final, _ = runs.opening(parsed, cat.unnumbered, True)
    return runs.write(final) if final != parsed else text


def _flat(label: str, entry: Any, cat: Catalogue) -> str:
    """A sub-paragraph of an instruction kept as written, on its line, under its label as printed
    (the catalogue's: "(a)", "a)" …)."""
    if isinstance(entry, str):
        return f"{label} {entry}"
    return " ".join([f"{label} {entry['text']}",
                     *(f"{cat.word('labels.subsub', n=j)} {t}" for j, t in enumerate(entry["items"], 1))])


def _cut(found: list[Unit], lines: list[Line]) -> tuple[int, str] | None:
    """Where the document ends short, and why: no instruction after the title, or the last one
    without its words, the paragraph its colon announces, or the end of a quotation."""
    end = lines[-1].no if lines else 0
    if not found:
        return end, "no instruction after the title: the document ends short (an amendment document " \
                    "prints its numbered instructions there)"
    for k, unit in enumerate(found, 1):
        if any(not p.strip() for p in unit.paragraphs) or any(
                not t.strip() for ts in unit.items.values() for e in ts for t in _texts(e)):
            return unit.line, f"instruction {k} inserts a paragraph whose number or label (“71.”, “(a)”) " \
                              "has no words after it: the document ends short or is cut there"
    last = found[-1]
    words = " ".join([last.words, *last.paragraphs])
    if not last.words:
        return last.line, f"instruction {len(found)} has no words: the document ends short"
    if last.words.endswith(":") and not last.paragraphs:
        return last.line, f"instruction {len(found)} ends with a colon and no paragraph follows: " \
                          "the document ends short"
    if words.count("“") > words.count("”"):
        return last.line, f"instruction {len(found)} opens a quotation (“) that is never closed (”): " \
                          "the document ends short"
    return None


def _called(text: str, calls: dict[str, str]) -> str:
    """Stars that call a note ("Development**") written as the note's call (``[^1]``)."""
    for stars, key in sorted(calls.items(), key=lambda c: -len(c[0])):
        text = re.sub(rf"(?<=[^\s*]){re.escape(stars)}(?!\*)", f"[^{key}]", text)
    return text


def _unread(unit: Unit, k: int) -> str:
    what = " ".join(unit.words.split()[:8])
    if unit.words.endswith(":") and not unit.paragraphs:
        why = "no paragraph follows its colon"
    elif re.search(r"\bin the title, the preambular paragraphs and the operative paragraphs\b", unit.words):
        why = "a change throughout the text addresses no one paragraph"
    else:
        why = "its wording is none unres reads"
    return (f"instruction {k} not read ({why}): kept as written, {{text: …}}; "
            f"write it as an instruction unres carries out (docs/cycle.md): “{what} …”")

