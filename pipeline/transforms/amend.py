"""Amendment documents: the instructions that turn one source into another, and back again.

``amend(old, new)`` compares two sources (their loaded YAML data) and returns the numbered
instructions a delegation would table, in document order: word changes inside a paragraph
("In operative paragraph 5, replace “requests” with “invites”."), new paragraphs, deleted and
moved ones. ``apply(base, instructions)`` carries them out. Both work on the source data, so
``apply(old, amend(old, new)) == new`` can be checked exactly.

The alignment is the redline's (:mod:`pipeline.diff`): identical paragraphs pair first, then
similar ones (``PAIR``); pairs out of order are moves (``MOVE``); words are compared with the
redline's ``word_ops``. Each word instruction quotes the fewest words that make it unambiguous,
and every instruction is checked by carrying it out before it is kept.

An instruction in a source (``kind: amendment``, ``instructions:``) is a mapping:

* ``{at: op5.b, replace: "requests", with: "invites"}`` — words (``delete``, ``insert`` +
  ``after``/``before`` likewise)
* ``{after: op3, insert_paragraphs: [...]}`` / ``{before: pp1, insert_paragraphs: [...]}``
* ``{delete_paragraph: op13}``, ``{replace_paragraph: pp2, with: ...}``
* ``{delete_paragraphs: [op5, op6, op10, op13]}``: several paragraphs of one kind in one
  instruction ("Delete operative paragraphs 5, 6, 10 and 13.", A/80/L.35); ``amend`` writes it
  for two or more operative paragraphs deleted, as issued (``GROUPED_DELETIONS``)
* ``{at: [op27, op43], delete: "…"}``: one edit of words in each of several paragraphs of one
  kind ("In operative paragraphs 27 and 43, delete “…”.", A/C.3/80/L.64); ``amend`` writes it for
  the same words deleted in two or more operative paragraphs, as issued (``GROUPED_WORDS``)
* ``{move: pp3, after: op2}`` / ``{move: op4, before: op1}``
* ``{replace_footnote: 3, with: "…"}`` (footnotes by their key)
* ``{text: "…"}``: an instruction kept as written (``unres import`` could not read it): printed as
  written, never carried out (``apply`` names it)

Addresses: ``title``, ``pp3`` (third preambular paragraph), ``op5``, ``op5.b``, ``op5.b.ii``,
``sec2`` (heading of section II), ``annex1.p2``, ``annex1.sec1``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from pipeline.model.instructions import _ADDR, _valid_addr, check_instruction  # noqa: F401

from .diff import _TOKEN, MOVE, PAIR, _in_order, greedy_pairs, word_ops  # noqa: F401
from .words import letters

_WORD = re.compile(r"\w+")
_ROMAN = (
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
)


class Mismatch(Exception):
    """An instruction that does not fit the base: ``index`` (0-based), what the base holds."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index
        self.message = message


# -- the tree ------------------------------------------------------------------------------
@dataclass(eq=False)
class Node:
    kind: str  # "para" | "section"
    text: str
    items: list[Node] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # other keys of the paragraph (opening)
    addr: str | None = None  # address in the base (None for a new node)

    def value(self) -> Any:
        if self.kind == "section":
            return {"section": self.text}
        if self.items is None and not self.extra:
            return self.text
        out: dict[str, Any] = {"text": self.text}
        if self.items is not None:
            out["items"] = [i.value() for i in self.items]
        out.update(self.extra)
        return out


def node(value: Any, addr: str | None = None) -> Node:
    if isinstance(value, str):
        return Node("para", value, addr=addr)
    if "section" in value:
        return Node("section", value["section"], addr=addr)
    items = value.get("items")
    extra = {k: v for k, v in value.items() if k not in ("text", "items")}
    n = Node("para", value["text"], None, extra, addr)
    if items is not None:
        n.items = [node(v, f"{addr}.{_sub_label(addr, k)}" if addr else None) for k, v in enumerate(items)]
    return n


def _sub_label(addr: str, k: int) -> str:
    depth = addr.count(".") - (1 if addr.startswith("annex") else 0) - (1 if addr[1:2] == "." else 0)
    if depth == 0:
        return letters(k + 1)
    return _ROMAN[k] if k < len(_ROMAN) else f"r{k + 1}"


def containers(data: dict[str, Any]) -> dict[str, list[Node]]:
    """The source's paragraph lists, each node carrying its address."""
    out: dict[str, list[Node]] = {}
    bodies = [(f"{chr(65 + p)}.", part) for p, part in enumerate(data.get("parts") or ())] or [("", data)]
    for pre, body in bodies:
        out[f"{pre}preamble"] = [node(v, f"{pre}pp{i + 1}") for i, v in enumerate(body.get("preamble") or ())]
        out[f"{pre}operative"] = _numbered(body.get("operative") or (), f"{pre}op", f"{pre}sec")
    for a, annex in enumerate(data.get("annexes") or ()):
        out[f"annex{a + 1}"] = _numbered(
            annex.get("paragraphs") or (), f"annex{a + 1}.p", f"annex{a + 1}.sec"
        )
    return out


def _numbered(values: Any, para: str, sec: str) -> list[Node]:
    nodes, n, s = [], 0, 0
    for v in values:
        if isinstance(v, dict) and "section" in v:
            s += 1
            nodes.append(node(v, f"{sec}{s}"))
        else:
            n += 1
            nodes.append(node(v, f"{para}{n}"))
    return nodes


def index(conts: dict[str, list[Node]]) -> dict[str, Node]:
    out: dict[str, Node] = {}

    def walk(ns: list[Node]) -> None:
        for n in ns:
            if n.addr:
                out[n.addr] = n
            if n.items:
                walk(n.items)

    for ns in conts.values():
        walk(ns)
    return out


# -- words inside a text -------------------------------------------------------------------
#: Characters that print alike, each folded to one (same length, so offsets hold): a draft's
#: no-break hyphen and space (A/80/L.25's "COVID\u201119") against an amendment's plain ones
#: (A/80/L.30 quotes "COVID-19"), a typed apostrophe against a typeset one
_ALIKE = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
                        "\u2019": "'"})


def _bounded(text: str, quote: str) -> list[int]:
    """Offsets where ``quote`` occurs in ``text`` not starting or ending inside a word; characters
    that print alike (``_ALIKE``) match each other."""
    text, quote = text.translate(_ALIKE), quote.translate(_ALIKE)
    out, start = [], 0
    while quote and (at := text.find(quote, start)) >= 0:
        start = at + 1
        before = text[at - 1] if at else " "
        after = text[at + len(quote)] if at + len(quote) < len(text) else " "
        if (quote[0].isalnum() and before.isalnum()) or (quote[-1].isalnum() and after.isalnum()):
            continue
        out.append(at)
    return out


def apply_words(text: str, ins: dict[str, Any]) -> str:
    """Carry out one word instruction on ``text``; ``Mismatch(-1, why)`` when it does not fit."""
    if "replace" in ins:
        quote, kind = ins["replace"], "replace"
    elif "delete" in ins:
        quote, kind = ins["delete"], "delete"
    elif "insert" in ins:
        quote, kind = ins.get("after", ins.get("before")), "insert"
        if quote is None:
            raise Mismatch(-1, "an insertion needs 'after' or 'before'")
    else:
        raise Mismatch(-1, "no replace, delete or insert")
    hits = _bounded(text, quote)
    if not hits:
        raise Mismatch(-1, f"“{quote}” is not in it")
    if len(hits) > 1:
        raise Mismatch(-1, f"“{quote}” occurs {len(hits)} times in it")
    at, end = hits[0], hits[0] + len(quote)
    if kind == "replace":
        return text[:at] + str(ins["with"]) + text[end:]
    if kind == "delete":
        left, right = text[:at], text[end:]
        if left.endswith(" ") and (not right or right[0] in " ,;:.)"):
            left = left[:-1]
        elif not left and right.startswith(" "):
            right = right[1:]
        return left + right
    new = str(ins["insert"])
    if "after" in ins:
        # words ending with the mark the text goes on with ("…, as adopted by the General Assembly,"
        # after "health" in "health, education": A/80/L.31) print it once
        if new[-1:] in ",;:" and text[end:end + 1] == new[-1]:
            new = new[:-1].rstrip()
        glue = "" if new[:1] in ",;:.)" else " "
        return text[:end] + glue + new + text[end:]
    glue = "" if new[-1:] in "(" else " "
    return text[:at] + new + glue + text[at:]


def _tokens(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text)]


def word_instructions(addr: str, old: str, new: str) -> list[dict[str, Any]]:
    """The fewest-words instructions turning ``old`` into ``new``, each checked by applying it."""
    a, b = _tokens(old), _tokens(new)
    if a == b:
        return []
    keys_a, keys_b = [("t", t) for t in a], [("t", t) for t in b]
    ops = [op for op in word_ops(keys_a, keys_b) if op[0] != "equal"]
    if len(ops) > 6 and SequenceMatcher(None, a, b, autojunk=False).ratio() < PAIR:
        return [{"replace_paragraph": addr, "with": new}]
    out: list[dict[str, Any]] = []
    cur = old
    for _tag, i1, i2, j1, j2 in ops:
        target = "".join(b[:j2] + a[i2:])
        ins = _smallest(addr, cur, target, a, b, i1, i2, j1, j2)
        if ins is None:
            return [{"replace_paragraph": addr, "with": new}]
        out.append(ins)
        cur = target
    return out


def _words_around(toks: list[str], i: int, step: int, n: int) -> int:
    """Index reached by taking ``n`` more word tokens from ``i`` in direction ``step``."""
    k = i
    while n > 0 and 0 <= k + (step if step < 0 else 0) < len(toks) + (0 if step < 0 else 1):
        if step < 0:
            if k == 0:
                break
            k -= 1
            if _WORD.match(toks[k]):
                n -= 1
        else:
            if k >= len(toks):
                break
            if _WORD.match(toks[k]):
                n -= 1
            k += 1
    return k


def _smallest(
    addr: str, cur: str, target: str, a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int
) -> dict[str, Any] | None:
    cur_toks, tgt_toks = _tokens(cur), _tokens(target)
    # positions of this change in cur: everything before it is b[:j1], after it a[i2:]
    pre = len(b[:j1])
    post = len(cur_toks) - len(a[i2:])
    new_mid = b[j1:j2]
    for width in range(0, 8):
        for left in range(0, width + 1):
            right = width - left
            lo = _words_around(cur_toks, pre, -1, left)
            hi = _words_around(cur_toks, post, +1, right)
            old_q = "".join(cur_toks[lo:hi]).strip()
            new_q = "".join(cur_toks[lo:pre] + new_mid + cur_toks[post:hi]).strip()
            cands = []
            if old_q and not "".join(new_mid).strip() and lo == pre and hi == post:
                cands.append({"at": addr, "delete": old_q})
            if pre == post and "".join(new_mid).strip():
                ins_q = "".join(new_mid).strip()
                anchor_l = "".join(cur_toks[lo:pre]).strip()
                anchor_r = "".join(cur_toks[post:hi]).strip()
                if anchor_l and hi == post:
                    cands.append({"at": addr, "insert": ins_q, "after": anchor_l})
                if anchor_r and lo == pre:
                    cands.append({"at": addr, "insert": ins_q, "before": anchor_r})
            if old_q and new_q:  # the plainer forms first: delete, insert, then replace
                cands.append({"at": addr, "replace": old_q, "with": new_q})
            for c in cands:
                try:
                    if apply_words(cur, c) == target:
                        return c
                except Mismatch:
                    pass
    del tgt_toks
    return None


# -- paragraphs ----------------------------------------------------------------------------
def _words_of(n: Node) -> list[str]:
    parts = [n.text] + [" ".join(_words_of(i)) for i in (n.items or ())]
    return _WORD.findall(" ".join(parts).lower())


def _same(o: Node, n: Node) -> bool:
    return o.kind == n.kind and o.value() == n.value()


def match(olds: list[Node], news: list[Node]) -> list[tuple[int, int, float]]:
    """Pairs (old, new, similarity): identical first, then similar (the redline's thresholds)."""
    pairs, used_o, used_n = [], set(), set()
    for j, nn in enumerate(news):
        for i, o in enumerate(olds):
            if i not in used_o and _same(o, nn):
                pairs.append((i, j, 1.0))
                used_o.add(i)
                used_n.add(j)
                break
    cands = []
    sm = SequenceMatcher(None, autojunk=False)
    for j, nn in enumerate(news):
        if j in used_n:
            continue
        wn = _words_of(nn)
        sm.set_seq2(wn)
        for i, o in enumerate(olds):
            if i in used_o or o.kind != nn.kind:
                continue
            wo = _words_of(o)
            if not wo or not wn:
                continue
            sm.set_seq1(wo)
            if (r := sm.ratio()) >= PAIR:
                cands.append((-r, abs(i / len(olds) - j / len(news)), i, j))
    return greedy_pairs(pairs, cands)


def _node_instructions(o: Node, n: Node) -> list[dict[str, Any]]:
    """Changes inside a paired paragraph: its words, then its sub-paragraphs."""
    assert o.addr
    if o.kind != n.kind or (o.items is None) != (n.items is None) or o.extra != n.extra:
        return [{"replace_paragraph": o.addr, "with": n.value()}]
    out = word_instructions(o.addr, o.text, n.text)
    if out and "replace_paragraph" in out[0]:
        return [{"replace_paragraph": o.addr, "with": n.value()}]
    if o.items is not None:
        out += list_instructions(o.items, n.items or [], o.addr)
    return out


def _pairing(
    olds: list[Node], news: list[Node]
) -> tuple[dict[int, tuple[int, float, bool]], set[int], set[int]]:
    """New index → (old index, likeness, in order); the new indexes moved; the old indexes kept."""
    pairs = match(olds, news)
    keep = _in_order(pairs)
    by_new: dict[int, tuple[int, float, bool]] = {}
    for k, (i, j, r) in enumerate(pairs):
        by_new[j] = (i, r, k in keep)
    moved_ok = {j for j, (i, r, inorder) in by_new.items() if not inorder and r >= MOVE}
    paired_old = {i for j, (i, r, inorder) in by_new.items() if inorder or j in moved_ok}
    return by_new, moved_ok, paired_old


def list_instructions(olds: list[Node], news: list[Node], where: str) -> list[dict[str, Any]]:
    """Instructions turning one paragraph list into another, in the new list's order."""
    if not olds:
        if news:
            return [{"fill": where, "insert_paragraphs": [x.value() for x in news]}]
        return []
    by_new, moved_ok, paired_old = _pairing(olds, news)
    out: list[dict[str, Any]] = []
    # deletions are listed where the paragraph stood: before whatever follows it in the base
    deleted = [i for i in range(len(olds)) if i not in paired_old]
    placed_old: set[int] = set()
    prev_base: Node | None = None
    group: list[Any] = []

    def flush() -> None:
        nonlocal group
        if group:
            if prev_base is not None:
                out.append({"after": prev_base.addr, "insert_paragraphs": group})
            else:
                first = next(
                    (olds[by_new[j][0]] for j in range(len(news)) if j in by_new and by_new[j][2]), None
                )
                if first is None:
                    out.append({"fill": where, "insert_paragraphs": group})
                else:
                    out.append({"before": first.addr, "insert_paragraphs": group})
            group = []

    def emit_deletions(upto: int) -> None:
        for i in list(deleted):
            if i < upto:
                out.append({"delete_paragraph": olds[i].addr})
                deleted.remove(i)

    for j, nn in enumerate(news):
        info = by_new.get(j)
        if info and (info[2] or j in moved_ok):
            i = info[0]
            flush()
            if info[2]:
                emit_deletions(i)
            else:
                if prev_base is not None:
                    out.append({"move": olds[i].addr, "after": prev_base.addr})
                else:
                    nxt = next(
                        (olds[by_new[k][0]] for k in range(j + 1, len(news)) if k in by_new and by_new[k][2]),
                        None,
                    )
                    out.append({"move": olds[i].addr, "before": nxt.addr if nxt else olds[0].addr})
            out += _node_instructions(olds[i], nn)
            placed_old.add(i)
            prev_base = olds[i]
        else:
            group.append(nn.value())
    flush()
    emit_deletions(len(olds) + 1)
    return out


def amend(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The instructions turning source ``old`` into ``new`` (paragraphs and notes)."""
    out: list[dict[str, Any]] = []
    if old.get("title") != new.get("title"):
        out += word_instructions("title", old["title"], new["title"])
    co, cn = containers(old), containers(new)
    body: list[dict[str, Any]] = []
    for name in dict.fromkeys([*co, *cn]):
        if name not in cn:
            raise ValueError(f"{name} removed: an amendment cannot delete a whole annex here")
        body += list_instructions(co.get(name, []), cn[name], name)
    out += _same_edits(old, _grouped(_cross_moves(body, index(co))))
    fo, fn = old.get("footnotes") or {}, new.get("footnotes") or {}
    for key, text in fn.items():
        if key in fo and fo[key] != text:
            out.append({"replace_footnote": key, "with": text})
    return out


def _cross_moves(body: list[dict[str, Any]], idx: dict[str, Node]) -> list[dict[str, Any]]:
    """A paragraph deleted in one place and inserted alike in another (preamble → operative part,
    into a sub-paragraph list) is one move, plus its word changes, not a deletion and an insertion."""
    deleted = {k: ins["delete_paragraph"] for k, ins in enumerate(body) if "delete_paragraph" in ins}
    moved: dict[int, list[dict[str, Any]]] = {}
    used: set[int] = set()
    sm = SequenceMatcher(None, autojunk=False)
    for k, ins in enumerate(body):
        if "insert_paragraphs" not in ins or "fill" in ins or len(ins["insert_paragraphs"]) != 1:
            continue
        fresh = node(ins["insert_paragraphs"][0])
        words = _words_of(fresh)
        best = None
        for d, addr in deleted.items():
            if d in used:
                continue
            cand = idx[addr]
            if cand.kind != fresh.kind or (cand.items is None) != (fresh.items is None):
                continue
            sm.set_seqs(_words_of(cand), words)
            r = sm.ratio()
            if r >= MOVE and (best is None or r > best[0]):
                best = (r, d, cand)
        if best:
            _, d, cand = best
            used.add(d)
            anchor: dict[str, Any] = {key: ins[key] for key in ("after", "before") if key in ins}
            first: dict[str, Any] = {"move": cand.addr, **anchor}
            moved[k] = [first, *_node_instructions(cand, fresh)]
    out: list[dict[str, Any]] = []
    for k, ins in enumerate(body):
        if k in used:
            continue
        out += moved.get(k, [ins])
    return out


#: The kinds of paragraph whose deletions are one instruction when two or more go, as issued:
#: "Delete operative paragraphs 5, 6, 10 and 13." (A/80/L.35: consecutive and not, one instruction);
#: A/80/L.30 deletes the sixteenth, twentieth and twenty-third preambular paragraphs by three
#: ("Delete the sixteenth preambular paragraph." …), so preambular ones keep one each
GROUPED_DELETIONS = ("op",)
_DELETABLE = re.compile(r"^(?P<part>(?:[A-Z]\.)?)(?P<kind>pp|op)(?P<n>\d+)$")


def _by_number(addrs: list[str]) -> list[str]:
    """Paragraph addresses of one kind in the order of the text."""
    return sorted(addrs, key=lambda a: int(_DELETABLE.match(a)["n"]))  # type: ignore[index]


def _merged(body: list[dict[str, Any]], key: Any, make: Any) -> list[dict[str, Any]]:
    """``body`` with each run of two or more instructions of one ``key(ins)`` (None: not grouped)
    made one, ``make(instructions)``, where the first of them stood; kept apart where ``make``
    gives None."""
    groups: dict[Any, list[int]] = {}
    for k, ins in enumerate(body):
        if (g := key(ins)) is not None:
            groups.setdefault(g, []).append(k)
    first: dict[int, dict[str, Any]] = {}
    gone: set[int] = set()
    for at in groups.values():
        made = make([body[k] for k in at]) if len(at) > 1 else None
        if made is not None:
            first[at[0]] = made
            gone.update(at[1:])
    return [first.get(k, ins) for k, ins in enumerate(body) if k not in gone]


def _grouped(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two or more paragraphs of a kind of ``GROUPED_DELETIONS`` deleted (of one lettered part)
    are one ``delete_paragraphs`` instruction, in the order of the text, where the first of them
    was deleted."""
    def key(ins: dict[str, Any]) -> tuple[str, str] | None:
        m = _DELETABLE.match(str(ins.get("delete_paragraph", "")))
        ok = set(ins) == {"delete_paragraph"} and m and m["kind"] in GROUPED_DELETIONS
        return (m["part"], m["kind"]) if ok and m else None

    def make(group: list[dict[str, Any]]) -> dict[str, Any]:
        return {"delete_paragraphs": _by_number([str(i["delete_paragraph"]) for i in group])}

    return _merged(body, key, make)


#: The edits of words made alike in several paragraphs that are one instruction, and the kinds of
#: paragraph they are grouped for, as issued: "In operative paragraphs 27 and 43, delete “sexual and
#: reproductive”." (A/C.3/80/L.64). No issued amendment at hand groups a replacement or an insertion,
#: or preambular paragraphs, so those keep one instruction each (a source may still group them)
GROUPED_WORDS = {"delete": ("op",)}


def _same_edits(old: dict[str, Any], body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same words deleted from two or more whole paragraphs of a kind of ``GROUPED_WORDS`` (of
    one lettered part) are one instruction, ``{at: [op27, op43], delete: …}``, in the order of the
    text, where the first of them stood; kept apart when one paragraph has them twice, or when
    together they do not carry out what the instructions apart do."""
    def key(ins: dict[str, Any]) -> tuple[str, ...] | None:
        edit = next((e for e in GROUPED_WORDS if set(ins) == {"at", e}), None)
        m = _DELETABLE.match(str(ins.get("at", "")))
        if edit and m and m["kind"] in GROUPED_WORDS[edit]:
            return (m["part"], m["kind"], edit, str(ins[edit]))
        return None

    def make(group: list[dict[str, Any]]) -> dict[str, Any] | None:
        addrs = [str(i["at"]) for i in group]
        edit = next(e for e in GROUPED_WORDS if e in group[0])
        return None if len(set(addrs)) < len(addrs) else {"at": _by_number(addrs), edit: group[0][edit]}

    grouped = _merged(body, key, make)
    if grouped == body:
        return body
    try:
        if apply(old, grouped) == apply(old, body):
            return grouped
    except Mismatch:
        pass
    return body


def new_notes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Notes that the new text calls and the old one does not have: the amendment carries them."""
    fo = old.get("footnotes") or {}
    return {k: v for k, v in (new.get("footnotes") or {}).items() if k not in fo}


# -- carrying instructions out -------------------------------------------------------------
_CALL = re.compile(r"\[\^([^\]\s]+)\]")


class _Applier:
    """Carries instructions out on a copy of a source's paragraph lists."""

    def __init__(self, base: dict[str, Any], describe: Any) -> None:
        self.data = copy.deepcopy(base)
        self.conts = containers(self.data)
        self.idx = index(self.conts)
        self.parent: dict[int, list[Node]] = {}
        self.after_last: dict[int, Node] = {}  # anchor → the last node placed after it
        self.describe = describe or _describe_addr
        for ns in self.conts.values():
            self.note_parents(ns)

    def note_parents(self, ns: list[Node]) -> None:
        for n in ns:
            self.parent[id(n)] = ns
            if n.items:
                self.note_parents(n.items)

    def find(self, k: int, addr: Any) -> Node:
        if not isinstance(addr, str) or addr not in self.idx:
            raise Mismatch(k, f"the base has no {self.describe(addr)}")
        return self.idx[addr]

    def detach(self, k: int, n: Node) -> None:
        lst = self.parent.get(id(n))
        if lst is None or n not in lst:
            raise Mismatch(k, f"{self.describe(n.addr)} was already deleted or moved")
        lst.remove(n)

    def _anchor(self, k: int, ins: dict[str, Any], new_nodes: list[Node]) -> tuple[list[Node], int]:
        if "after" in ins:
            anchor = self.find(k, ins["after"])
            at = self.after_last.get(id(anchor), anchor)
            lst = self.parent[id(at)]
            if at not in lst:
                raise Mismatch(k, f"{self.describe(ins['after'])} was deleted")
            self.after_last[id(anchor)] = new_nodes[-1]
            return lst, lst.index(at) + 1
        if "before" in ins:
            anchor = self.find(k, ins["before"])
            lst = self.parent[id(anchor)]
            if anchor not in lst:
                raise Mismatch(k, f"{self.describe(ins['before'])} was deleted")
            return lst, lst.index(anchor)
        raise Mismatch(k, "a new or moved paragraph needs 'after' or 'before'")

    def place(self, k: int, ins: dict[str, Any], new_nodes: list[Node]) -> None:
        lst, pos = self._anchor(k, ins, new_nodes)
        for m, nn in enumerate(new_nodes):
            lst.insert(pos + m, nn)
            self.parent[id(nn)] = lst

    def insert(self, k: int, ins: dict[str, Any]) -> None:
        new_nodes = [node(v) for v in ins["insert_paragraphs"]]
        for nn in new_nodes:
            if nn.items:
                self.note_parents(nn.items)
        if "fill" not in ins:
            self.place(k, ins, new_nodes)
            return
        target = _fill_target(k, ins["fill"], self.conts, self.idx)
        if ins.get("clear"):
            target.clear()
        target.extend(new_nodes)
        for nn in new_nodes:
            self.parent[id(nn)] = target

    def one(self, k: int, ins: dict[str, Any]) -> None:
        if "at" in ins and isinstance(ins["at"], list):
            # one edit in each of several paragraphs (A/C.3/80/L.64): each must fit, and a misfit
            # names its paragraph
            edited = []
            for addr in ins["at"]:
                n = self.find(k, addr)
                try:
                    edited.append((n, apply_words(n.text, ins)))
                except Mismatch as e:
                    said = f"in {self.describe(addr)}, {e.message}; the base reads “{n.text}”"
                    raise Mismatch(k, said) from None
            for n, text in edited:
                n.text = text
        elif "at" in ins:
            if ins["at"] == "title":
                self.data["title"] = apply_words(self.data.get("title", ""), ins)
            else:
                n = self.find(k, ins["at"])
                n.text = apply_words(n.text, ins)
        elif "insert_paragraphs" in ins:
            self.insert(k, ins)
        elif "delete_paragraph" in ins:
            self.detach(k, self.find(k, ins["delete_paragraph"]))
        elif "delete_paragraphs" in ins:
            for n in [self.find(k, a) for a in ins["delete_paragraphs"]]:
                self.detach(k, n)
        elif "move" in ins:
            n = self.find(k, ins["move"])
            self.detach(k, n)
            self.place(k, ins, [n])
        elif "replace_paragraph" in ins:
            n = self.find(k, ins["replace_paragraph"])
            fresh = node(ins["with"])
            n.kind, n.text, n.items, n.extra = fresh.kind, fresh.text, fresh.items, fresh.extra
            if n.items:
                self.note_parents(n.items)
        elif set(ins) == {"text"}:
            raise Mismatch(k, "it is kept as written (text:), not as an instruction unres can carry out; "
                              "write it as one (docs/cycle.md)")
        elif "replace_footnote" in ins:
            notes_now = self.data.setdefault("footnotes", {})
            if ins["replace_footnote"] not in notes_now:
                raise Mismatch(k, f"the base has no footnote “{ins['replace_footnote']}”")
            notes_now[ins["replace_footnote"]] = ins["with"]
        else:
            raise Mismatch(k, "unknown instruction")

    def run(self, instructions: list[dict[str, Any]]) -> None:
        for k, ins in enumerate(instructions):
            if not isinstance(ins, dict):
                raise Mismatch(k, "an instruction is a mapping")
            try:
                self.one(k, ins)
            except Mismatch as e:
                if e.index >= 0:
                    raise
                where = ins.get("at", "?")
                held = self.data.get("title") if where == "title" else (
                    self.idx[where].text if where in self.idx else "")
                raise Mismatch(
                    k, f"in {self.describe(where)}, {e.message}; the base reads “{held}”"
                ) from None


def _write_back(data: dict[str, Any], conts: dict[str, list[Node]], notes: dict[str, Any] | None) -> None:
    """The edited lists back into the source; the amendment's new notes in, uncalled notes out."""
    bodies = [(f"{chr(65 + p)}.", part) for p, part in enumerate(data.get("parts") or ())] or [("", data)]
    for pre, body in bodies:
        pp = [n.value() for n in conts[f"{pre}preamble"]]
        if pp:
            body["preamble"] = pp
        else:
            body.pop("preamble", None)
        body["operative"] = [n.value() for n in conts[f"{pre}operative"]]
    for a, annex in enumerate(data.get("annexes") or ()):
        annex["paragraphs"] = [n.value() for n in conts[f"annex{a + 1}"]]
    fn = dict(data.get("footnotes") or {})
    fn.update(notes or {})
    called = set(_CALL.findall(_all_text(data)))
    fn = {key: v for key, v in fn.items() if str(key) in called}
    if fn:
        data["footnotes"] = fn
    else:
        data.pop("footnotes", None)


def apply(
    base: dict[str, Any],
    instructions: list[dict[str, Any]],
    notes: dict[str, Any] | None = None,
    describe: Any = None,
) -> dict[str, Any]:
    """The source that ``instructions`` make of ``base``; ``Mismatch`` names one that does not fit."""
    instructions, notes = _own_keys(base, instructions, notes)
    applier = _Applier(base, describe)
    applier.run(instructions)
    _write_back(applier.data, applier.conts, notes)
    return applier.data


def _own_keys(
    base: dict[str, Any], instructions: list[dict[str, Any]], notes: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The amendment's notes under keys of their own: one whose key the base already gives to
    another note (an imported amendment's first note is ``note-1``, as is a draft's first note of
    no symbol) is keyed anew, its calls in the instructions with it; before, its text replaced
    the base's note."""
    held = {str(k): v for k, v in (base.get("footnotes") or {}).items()}
    clash = [k for k, v in (notes or {}).items() if str(k) in held and held[str(k)] != v]
    if not notes or not clash:
        return instructions, notes
    taken, renamed = set(held) | {str(k) for k in notes}, {}
    for key in clash:
        n = 2
        while f"{key}-{n}" in taken:
            n += 1
        renamed[str(key)] = f"{key}-{n}"
        taken.add(f"{key}-{n}")

    def recall(v: Any) -> Any:
        if isinstance(v, str):
            return _CALL.sub(lambda m: f"[^{renamed.get(m[1], m[1])}]", v)
        if isinstance(v, list):
            return [recall(x) for x in v]
        if isinstance(v, dict):
            return {k: recall(x) for k, x in v.items()}
        return v

    return recall(instructions), {renamed.get(str(k), k): v for k, v in notes.items()}


def _fill_target(k: int, where: str, conts: dict[str, list[Node]], idx: dict[str, Node]) -> list[Node]:
    if where in conts:
        return conts[where]
    if where in idx:
        n = idx[where]
        if n.items is None:
            n.items = []
        return n.items
    raise Mismatch(k, f"the base has no {_describe_addr(where)}")


def _all_text(data: dict[str, Any]) -> str:
    out: list[str] = [str(data.get("title", ""))]

    def walk(v: Any) -> None:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for key in ("text", "section"):
                if key in v:
                    out.append(v[key])
            for i in v.get("items") or ():
                walk(i)
        elif isinstance(v, list):
            for i in v:
                walk(i)

    for body in data.get("parts") or [data]:
        out.append(str(body.get("title", "")))
        walk(body.get("preamble") or [])
        walk(body.get("operative") or [])
    for annex in data.get("annexes") or ():
        out.append(str(annex.get("title", "")))
        walk(annex.get("paragraphs") or [])
    return "\n".join(out)


def _describe_addr(addr: Any) -> str:
    """Plain English for an address in error messages (the printed words come from the catalogue)."""
    return (
        f"paragraph {addr!r}"
        if not isinstance(addr, str)
        else {"preamble": "preamble", "operative": "operative part", "title": "title"}.get(
            addr, f"paragraph {addr}"
        )
    )


# -- the printed words ---------------------------------------------------------------------


def designation(addr: str, cat: Any, annexes: int = 1) -> str:
    """What readers see: "the third preambular paragraph", "operative paragraph 5 (b)"."""
    if addr == "title":
        return _say(cat, "designation.title")
    whole = re.fullmatch(r"(?:([A-Z])\.)?(preamble|operative)", addr)
    if whole:
        out = _say(cat, f"designation.the_{whole[2]}")
        return _say(cat, "designation.part", what=out, letter=whole[1]) if whole[1] else out
    if re.fullmatch(r"annex\d+", addr):
        return _say(cat, "designation.annex_whole", annex=_annex_name(addr, cat, annexes))
    m = _ADDR.match(addr)
    if not m:
        return addr
    n = int(m["n"])
    kind = m["kind"]
    if kind == "pp":
        out = _say(cat, "designation.preamble", n=n)
    elif kind == "op":
        out = _say(cat, "designation.operative", n=n)
    elif kind == "sec":
        out = _say(cat, "designation.section", n=n)
    else:
        out = _say(cat, "designation.annex", annex=_annex_name(m["annex"], cat, annexes), n=n)
    for level, label in enumerate([s for s in m["sub"].split(".") if s], 1):
        out = _say(cat, "designation.sub", parent=out, label=printed_label(label, level, cat))
    if m["part"]:
        out = _say(cat, "designation.part", what=out, letter=m["part"])
    return out


def label_number(label: str, level: int) -> int | None:
    """The number of a sub-paragraph's label in an address at ``level`` (1: "b" → 2; deeper, the
    roman numerals :func:`_sub_label` gives: "ii" → 2), or None."""
    return next((n for n in range(1, 61)
                 if (letters(n) if level == 1 else _ROMAN[n - 1] if n <= len(_ROMAN) else f"r{n}") == label),
                None)


def printed_label(label: str, level: int, cat: Any) -> str:
    """A sub-paragraph's label as the catalogue prints it (``labels.sub``, ``subsub`` …): "(b)",
    French and Spanish "b)", Russian "б)", Arabic "(ب)"; "(b)" where the label is none of its."""
    from .words import sub_label

    n = label_number(label, level)
    return f"({label})" if n is None else _say(cat, f"labels.{sub_label(level)}", n=n)


def designations(addrs: list[str], cat: Any) -> str:
    """Several paragraphs of one kind as readers see them, the language's list conjunction
    between them: "operative paragraphs 5, 6, 10 and 13" (A/80/L.35), "the sixteenth and
    twentieth preambular paragraphs" (``designation.*_each`` and ``*_many``, ``list_and``)."""
    found = [_ADDR.match(a) for a in addrs]
    kind = "preamble" if found[0] and found[0]["kind"] == "pp" else "operative"
    each = [_say(cat, f"designation.{kind}_each", n=int(m["n"])) for m in found if m]
    joined = _say(cat, "list_and.one" if len(each) == 1 else "list_and.many", items=each)
    out = _say(cat, f"designation.{kind}_many", each=joined)
    part = found[0]["part"] if found[0] else None
    return _say(cat, "designation.part", what=out, letter=part) if part else out


def _say(cat: Any, key: str, **values: Any) -> str:
    """A catalogue entry as text."""
    return str(cat.word(key, **values))


def _annex_name(addr: str, cat: Any, annexes: int) -> str:
    m = re.search(r"annex(\d+)", addr)
    k = int(m.group(1)) if m else 1
    return _say(cat, "designation.annex_one") if annexes <= 1 else cat.word("designation.annex_many", n=k)


def _numbered_addr(addr: str) -> bool:
    return bool(re.search(r"(^|\.)(op|p)\d+$", addr))


def _plain_para(value: Any) -> str:
    """A paragraph value as one quoted text: its words, then its sub-paragraphs."""
    if isinstance(value, str):
        return value
    if "section" in value:
        return str(value["section"])
    parts = [value["text"]]
    for k, item in enumerate(value.get("items") or ()):
        parts.append(f"({letters(k + 1)}) {_plain_para(item)}")
    return " ".join(parts)


def instruction_text(
    ins: dict[str, Any], cat: Any, annexes: int = 1, note_numbers: dict[str, int] | None = None
) -> str:
    """One instruction in UN drafting language (``instruction.*`` in the catalogue)."""
    def d(a: str) -> str:
        return designation(a, cat, annexes)

    def renumber(a: str) -> str:
        return str(cat.word("instruction.renumber")) if _numbered_addr(a) else ""
    if "at" in ins:
        where = designations(ins["at"], cat) if isinstance(ins["at"], list) else d(ins["at"])
        if "replace" in ins:
            return _say(cat, "instruction.replace", where=where, old=ins["replace"], new=ins["with"])
        if "delete" in ins:
            return _say(cat, "instruction.delete", where=where, old=ins["delete"])
        if "after" in ins:
            return _say(cat, "instruction.insert_after", where=where, new=ins["insert"], anchor=ins["after"])
        return _say(cat, "instruction.insert_before", where=where, new=ins["insert"], anchor=ins["before"])
    if "insert_paragraphs" in ins:
        quoted = [_say(cat, "instruction.quoted", text=t) for t in inserted_lines(ins, cat)]
        return " ".join([instruction_lead(ins, cat, annexes), *quoted])
    if "delete_paragraph" in ins:  # no "and renumber …": "Delete operative paragraph 22." (A/80/L.30)
        return _say(cat, "instruction.delete_para", where=d(ins["delete_paragraph"]))
    if "delete_paragraphs" in ins:
        return _say(cat, "instruction.delete_paras", where=designations(ins["delete_paragraphs"], cat))
    if "move" in ins:
        a = ins["move"]
        target = str(ins.get("after", ins.get("before")))
        key = "instruction.move_after" if "after" in ins else "instruction.move_first"
        return _say(cat, key, where=d(a), target=d(target), renumber=renumber(a) or renumber(target))
    if "replace_paragraph" in ins:
        return _say(cat,
            "instruction.replace_para", where=d(ins["replace_paragraph"]), text=_plain_para(ins["with"])
        )
    if set(ins) == {"text"}:
        return str(ins["text"])
    if "replace_footnote" in ins:
        n = (note_numbers or {}).get(str(ins["replace_footnote"]), ins["replace_footnote"])
        return _say(cat, "instruction.replace_note", n=n, text=ins["with"])
    raise ValueError(f"unknown instruction {ins!r}")


def new_kind(ins: dict[str, Any]) -> str:
    """What the paragraphs an instruction inserts are (``instruction.new.*``), by where they go:
    ``preamble``, ``operative``, ``sub`` (sub-paragraphs) or ``paragraph`` (an annex's, a section's)."""
    place = str(ins.get("fill", ins.get("after", ins.get("before", ""))))
    whole = re.fullmatch(r"(?:[A-Z]\.)?(preamble|operative)", place)
    if whole:
        return whole[1]
    m = _ADDR.match(place)
    if m is None:
        return "paragraph"
    if m["sub"] or ("fill" in ins and m["kind"] in ("op", "p")):
        return "sub"
    if m["kind"] == "sec" and not m["annex"]:
        return "operative"  # after or before a heading of the operative part
    return {"pp": "preamble", "op": "operative"}.get(m["kind"], "paragraph")


def _is_heading(value: Any) -> bool:
    """Whether an inserted value is a section heading (``{section: …}``), not a paragraph."""
    return isinstance(value, dict) and set(value) == {"section"}


def new_what(ins: dict[str, Any], cat: Any) -> str:
    """What an instruction inserts, as its words name it: "operative paragraph", "preambular
    paragraphs" (``instruction.new.*`` by :func:`new_kind`), "heading" for a section heading
    (``{section: …}``, ``instruction.new.heading``), and for both, each with its count in the
    order they come, joined by ``list_and`` ("heading and operative paragraphs")."""
    counts: dict[str, int] = {}
    for value in ins["insert_paragraphs"]:
        kind = "heading" if _is_heading(value) else new_kind(ins)
        counts[kind] = counts.get(kind, 0) + 1
    names = [_say(cat, f"instruction.new.{kind}", n=n) for kind, n in counts.items()]
    return names[0] if len(names) == 1 else _say(cat, "list_and.many", items=names)


def instruction_lead(ins: dict[str, Any], cat: Any, annexes: int = 1) -> str:
    """The words of an instruction inserting paragraphs, up to its colon, as issued: "After
    operative paragraph 70, insert the following operative paragraph:" (A/80/L.33, L.36); the
    paragraphs are printed after it, each a block of its own (:func:`inserted_lines`)."""
    n = len(ins["insert_paragraphs"])
    what = new_what(ins, cat)
    if "fill" in ins:
        return _say(cat, "instruction.fill", where=designation(ins["fill"], cat, annexes), what=what, n=n)
    anchor = str(ins.get("after", ins.get("before")))
    key = "instruction.new_after" if "after" in ins else "instruction.new_first"
    return _say(cat, key, where=designation(anchor, cat, annexes), what=what, n=n)


def inserted_lines(ins: dict[str, Any], cat: Any) -> list[str]:
    """The paragraphs an instruction inserts as printed after its colon: each paragraph's text,
    then its sub-paragraphs, each on a line of its own under its label ("(a) To …", "(i) To …",
    the catalogue's ``labels.*``)."""
    from .words import sub_label

    out: list[str] = []

    def walk(value: Any, level: int, label: str) -> None:
        if isinstance(value, str) or "section" in value:
            text = value if isinstance(value, str) else str(value["section"])
            out.append(f"{label} {text}" if label else text)
            return
        out.append(f"{label} {value['text']}" if label else value["text"])
        for k, item in enumerate(value.get("items") or (), 1):
            walk(item, level + 1, str(cat.word(f"labels.{sub_label(level + 1)}", n=k)))

    for v in ins["insert_paragraphs"]:
        walk(v, 1 if new_kind(ins) == "sub" else 0, "")
    return out


def note_numbers(data: dict[str, Any]) -> dict[str, int]:
    """Footnote keys in the order of their first call (the printed numbers)."""
    out: dict[str, int] = {}
    for key in _CALL.findall(_all_text(data)):
        out.setdefault(key, len(out) + 1)
    return out
