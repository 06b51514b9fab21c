"""The redline: two resolved documents → one document with the diff's marks.

The diff works on the model, never on rendered text, and its result is a
:class:`~pipeline.model.Document` that every writer renders with the code that renders
a resolution (no second rendering path). Its marks are a layer of their own: marked runs are
:class:`~pipeline.model.Changed` wrappers in the run lists, marked blocks
:class:`~pipeline.model.ChangedBlock` wrappers in the block lists, and the document's
:class:`~pipeline.model.Redline` holds the author, date, summary and the old values of notes,
masthead fields and plenary lines. The two versions' documents hold no wrapper (a redline is
not diffed again: a wrapper is :class:`~pipeline.model.visitor.UnknownNode` here).

1. **Blocks** are aligned per list of siblings (preamble, operative blocks, sub-paragraphs,
   annex blocks) by :meth:`_Redline.align`: identical blocks pair first, then similar ones
   (word similarity at least :data:`PAIR`). The largest set of pairs in the same order stays
   in place; any other pair is a move when similar enough (:data:`MOVE`), else a deletion
   and an insertion. Generated numbers are never compared, so renumbering is not a change.
2. **Words** inside paired blocks are diffed as tokens (:func:`tokenize`): words, runs of
   spaces and single punctuation marks, each with its emphasis; a footnote call is one token.
3. **Notes** pair through calls that the word diff matched; a renumbered note keeps its new
   number (its :class:`~pipeline.model.NoteMark`'s ``old_number`` the previous one).

Block and inline types are dispatched with :func:`functools.singledispatch` (:func:`_children`,
:func:`_kind`, :func:`_tokens`); a node type without a handler is
:class:`~pipeline.model.visitor.UnknownNode`.

What the marks mean (so that accepting or rejecting every change gives either version):

- ``ins`` / ``move-to`` runs vanish when changes are rejected, ``del`` / ``move-from`` runs
  when they are accepted. Every run of a paragraph, heading or note marked as a whole
  carries the same mark, so the runs alone determine both versions.
- A moved paragraph appears twice with one ``move_id`` (on its ``ChangedBlock``): ``move-from``
  at its old place (the old text, words the edit removed marked ``del``) and ``move-to`` at its
  new place (the new text, words the edit added marked ``ins``).
- Labels and note numbers are the new ones; a ``ChangedBlock``'s ``old_label`` keeps a
  paragraph's previous label and a note's ``NoteMark`` its previous number. Deleted paragraphs
  keep their old id and label; deleted notes are numbered after the new ones
  so that every number stays unique.
- A merged list's items keep the list value of the version they come from (:meth:`_Redline.block`):
  a kept, inserted or moved-to paragraph its new number, a deleted or moved-from one the number it
  had (its label's, the number it was issued with); a deleted item is not counted by the items
  after it. LibreOffice (7.4) shows a tracked-deleted item of the redline DOCX with its original
  number so ("[7.]"), and every ``<li>`` of the HTML carries its own ``value``, so the numbers
  shown are each version's.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache, singledispatch
from itertools import zip_longest
from pathlib import Path
from typing import Any, cast

from pipeline.model import (
    DECISION_PARA,
    Annex,
    Block,
    Change,
    Changed,
    ChangedBlock,
    Closing,
    ClosingMark,
    DiffEntry,
    DiffSummary,
    Document,
    Field,
    Heading,
    Inline,
    LineBreak,
    Masthead,
    Note,
    NoteMark,
    NoteRef,
    Para,
    Part,
    Quote,
    Redline,
    Run,
    Runs,
    SubPara,
    Table,
    TableNoteRef,
    Text,
    block_runs,
    plain_text,
    run_change,
    unwrap,
)
from pipeline.model.visitor import UnknownNode
from pipeline.paths import TEMPLATES
from pipeline.transforms.finish import finish
from pipeline.transforms.words import Catalogue

PAIR = 0.5  # word similarity above which two blocks in place are one block edited
MOVE = 0.6  # ... above which an out-of-order pair is a move, not a deletion and an insertion
COUNTS = (
    "inserted",
    "deleted",
    "changed",
    "moved",
    "notes_inserted",
    "notes_deleted",
    "notes_changed",
    "fields",
)
FIELDS = ("issued", "session", "agenda", "heading", "provenance")

# Chinese and Japanese are written without spaces between words: each Han, kana or Hangul
# character is a token of its own, so an edit marks the characters changed (runs of them
# once merged), not the whole sentence. Other scripts are diffed by words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_W = rf"(?:(?![{_CJK}])\w)"
_TOKEN = re.compile(rf"[{_CJK}]|{_W}+(?:[-'’]{_W}+)*|\s+|[^\w\s]")
_WORD = re.compile(rf"[{_CJK}]|{_W}+")

#: ("t", text, italic, bold): a token of text; ("n", key): a footnote call; ("br",): a line break;
#: ("m", marker): a cell's call of its table's note
Key = tuple[Any, ...]
Op = tuple[str, int, int, int, int]


@lru_cache(maxsize=4096)
def tokenize(runs: Runs) -> tuple[tuple[Key, ...], tuple[Inline, ...]]:
    """Runs → (comparison keys, one run per token). Emphasis is part of a word's key."""
    keys: list[Key] = []
    items: list[Inline] = []
    for r in runs:
        for key, item in _tokens(r):
            keys.append(key)
            items.append(item)
    return tuple(keys), tuple(items)


@singledispatch
def _tokens(r: object) -> Iterable[tuple[Key, Inline]]:
    """One inline run's tokens: (comparison key, run)."""
    raise UnknownNode(r, "the diff")


@_tokens.register
def _text_tokens(r: Text) -> Iterable[tuple[Key, Inline]]:
    return [(("t", m[0], r.italic, r.bold), Text(m[0], r.italic, r.bold)) for m in _TOKEN.finditer(r.text)]


@_tokens.register
def _call_tokens(r: NoteRef) -> Iterable[tuple[Key, Inline]]:
    return [(("n", r.key), r)]


@_tokens.register
def _break_tokens(r: LineBreak) -> Iterable[tuple[Key, Inline]]:
    """A line break is a token of its own: a break that moved is a change (the break deleted where
    it was, inserted where it is), the words around it equal."""
    return [(("br",), r)]


@_tokens.register
def _table_call_tokens(r: TableNoteRef) -> Iterable[tuple[Key, Inline]]:
    return [(("m", r.mark), r)]


def _filler(key: Key) -> bool:
    """Spaces and punctuation: too small to stand alone between two changes."""
    return key[0] == "t" and not any(c.isalnum() for c in key[1])


def word_ops(a: Sequence[Key], b: Sequence[Key]) -> list[Op]:
    """Opcodes of a word diff; spaces and punctuation between two changes join them."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out: list[Op] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" and 0 < k < len(ops) - 1 and i2 - i1 <= 2 and all(map(_filler, a[i1:i2])):
            tag = "replace"
        if tag != "equal" and out and out[-1][0] != "equal":
            out[-1] = ("replace", out[-1][1], i2, out[-1][3], j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _marked(r: Run, mark: Change | None) -> Inline:
    """A run with the diff's mark (``None``: the run itself)."""
    return Changed(r, mark) if mark else r


def _joins(r: Inline) -> tuple[bool, bool, Change | None] | None:
    """What neighbouring text tokens share when they join: emphasis and mark (``None``: a call)."""
    t = unwrap(r)
    return (t.italic, t.bold, run_change(r)) if isinstance(t, Text) else None


def merge_runs(items: list[Inline]) -> Runs:
    """Join neighbouring text tokens of the same emphasis and mark."""
    out: list[Inline] = []
    for r in items:
        if out and (key := _joins(r)) is not None and _joins(out[-1]) == key:
            last, t = unwrap(out[-1]), unwrap(r)
            assert isinstance(last, Text) and isinstance(t, Text)
            out[-1] = _marked(replace(last, text=last.text + t.text), key[2])
        else:
            out.append(r)
    return tuple(out)


@dataclass
class _Runs:
    """Two versions of a run sequence and the word diff between them."""

    old: tuple[Inline, ...]
    new: tuple[Inline, ...]
    ops: list[Op]

    @classmethod
    def of(cls, old: Runs, new: Runs) -> _Runs:
        (ka, a), (kb, b) = tokenize(old), tokenize(new)
        return cls(a, b, word_ops(ka, kb))

    @property
    def changed(self) -> bool:
        return any(op[0] != "equal" for op in self.ops)


@dataclass
class _Node:
    """One block of the redline before it is built: where it comes from and how it changed."""

    mark: Change | None
    old: Block | None
    new: Block | None
    runs: _Runs | None = None  # paired blocks only
    children: list[_Node] = field(default_factory=list)
    move_id: str | None = None
    #: a paired paragraph's adopted text: its title's and subtitle's runs and its blocks, planned
    adopts: tuple[_Runs, _Runs, list[_Node]] | None = None


@dataclass(frozen=True)
class _Where:
    """Where a block sits, for naming it in the summary."""

    letter: str | None = None
    annex: str | None = None
    parents: tuple[str, ...] = ()


@singledispatch
def _children(b: object) -> tuple[SubPara, ...]:
    """The blocks inside a block (only paragraphs have any)."""
    raise UnknownNode(b, "the diff")


@_children.register
def _para_children(b: Para) -> tuple[SubPara, ...]:
    return b.children


@_children.register
def _heading_children(b: Heading) -> tuple[SubPara, ...]:
    return ()


@_children.register
def _table_children(b: Table) -> tuple[SubPara, ...]:
    return ()


def _paras(blocks: Iterable[Block]) -> tuple[SubPara, ...]:
    """Sub-paragraphs built from sub-paragraphs (only paragraphs have children)."""
    return cast(tuple[SubPara, ...], tuple(blocks))


def _block(b: Para | Heading | Table, mark: Change | None, old_label: str | None = None,
           move_id: str | None = None) -> Block:
    """A block with the diff's marks (none: the block itself)."""
    if mark is None and old_label is None and move_id is None:
        return b
    return ChangedBlock(b, mark, old_label, move_id)


@singledispatch
def _kind(b: object) -> str:
    """What a block is, for pairing: only blocks of one kind pair."""
    raise UnknownNode(b, "the diff")


@_kind.register
def _para_kind(b: Para) -> str:
    return b.kind


@_kind.register
def _heading_kind(b: Heading) -> str:
    return "section"


@_kind.register
def _table_kind(b: Table) -> str:
    return "table"


def _own(b: Block) -> Para | Heading | Table:
    """A block of one of the two versions (never a redline's: it holds no diff mark)."""
    if isinstance(b, ChangedBlock):
        raise UnknownNode(b, "the diff")
    return b


def _own_runs(b: Block) -> Runs:
    """The runs a block is paired and word-diffed by: a table has none (tables pair only when
    identical; a changed table reads as the old one deleted and the new one inserted)."""
    b = _own(b)
    return () if isinstance(b, Table) else b.runs


def _quote(b: Block) -> tuple[Runs, ...]:
    return b.quote.paras if isinstance(b, Para) and b.quote else ()


def _adopts(b: Block | None) -> Annex | None:
    return b.adopts if isinstance(b, Para) else None


@lru_cache(maxsize=4096)
def _signature(b: Block) -> tuple[Any, ...]:
    b = _own(b)
    if isinstance(b, Table):
        return ("table", tuple(tokenize(r)[0] for r in block_runs(b)), b.note_marks)
    quoted = tuple(tokenize(q)[0] for q in _quote(b))
    a = _adopts(b)
    adopted = a and (tokenize(a.title)[0], tokenize(a.subtitle)[0], tuple(_signature(x) for x in a.blocks))
    return (_kind(b), tokenize(b.runs)[0], quoted, tuple(_signature(c) for c in _children(b)), adopted)


def _words(b: Block) -> list[str]:
    b = _own(b)
    if isinstance(b, Table):
        return []  # never paired by likeness
    own = [plain_text(b.runs), *(plain_text(q) for q in _quote(b))]
    a = _adopts(b)
    inner = (*_children(b), *(a.blocks if a else ()))
    text = " ".join([*own, *((plain_text(a.title),) if a else ()), *(" ".join(_words(c)) for c in inner)])
    return _WORD.findall(text.lower())


def _match(olds: Sequence[Block], news: Sequence[Block]) -> list[tuple[int, int, float]]:
    """Pairs (old index, new index, similarity): identical blocks first, then similar ones."""
    pairs: list[tuple[int, int, float]] = []
    waiting: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for j, b in enumerate(news):
        waiting[_signature(b)].append(j)
    for i, b in enumerate(olds):
        if waiting.get(_signature(b)):
            pairs.append((i, waiting[_signature(b)].pop(0), 1.0))
    rest_old = sorted(set(range(len(olds))) - {p[0] for p in pairs})
    rest_new = sorted(set(range(len(news))) - {p[1] for p in pairs})
    words_old = {i: _words(olds[i]) for i in rest_old}
    candidates = []
    sm: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    for j in rest_new:
        words_new = _words(news[j])
        sm.set_seq2(words_new)
        for i in rest_old:
            if _kind(olds[i]) != _kind(news[j]) or not words_old[i] or not words_new:
                continue
            sm.set_seq1(words_old[i])
            if sm.real_quick_ratio() >= PAIR and sm.quick_ratio() >= PAIR and (r := sm.ratio()) >= PAIR:
                distance = abs(i / len(olds) - j / len(news))
                candidates.append((-r, distance, i, j))
    return greedy_pairs(pairs, candidates)


def greedy_pairs(
    pairs: list[tuple[int, int, float]], candidates: list[tuple[float, float, int, int]]
) -> list[tuple[int, int, float]]:
    """``pairs`` plus the best candidates (-similarity, distance, old, new) whose two ends are free."""
    used_old, used_new = {p[0] for p in pairs}, {p[1] for p in pairs}
    for neg, _, i, j in sorted(candidates):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, -neg))
    return sorted(pairs)


def _in_order(pairs: list[tuple[int, int, float]]) -> set[int]:
    """Indices of the longest chain of pairs (sorted by old index) whose new indices rise."""
    tails: list[int] = []  # new index ending the best chain of each length
    ends: list[int] = []  # the pair ending it
    before = [-1] * len(pairs)
    for k, (_, j, _) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        before[k] = ends[at - 1] if at else -1
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at], ends[at] = j, k
    keep: set[int] = set()
    k = ends[-1] if ends else -1
    while k >= 0:
        keep.add(k)
        k = before[k]
    return keep


def _bare(label: str | None) -> str:
    """A paragraph's label as the summary names it: "3." → "3", Arabic "3 -" → "3", "(b)" kept."""
    return re.sub(r"(?:\.| -)$", "", label or "")


def _what_key(b: Para | Heading | Table) -> str:
    """The ``what.*`` entry that names a block in the summary."""
    if isinstance(b, Heading):
        return "section"
    if isinstance(b, Table):
        return "table"
    if b.id == DECISION_PARA:  # a draft decision's one paragraph: "the text of the decision"
        return "decision"
    return b.kind


@lru_cache(maxsize=8)
def diff_words(lang: str) -> Catalogue:
    """The words of a redline (``templates/lang/diff/<lang>.yaml``, English if missing)."""
    path = Path(TEMPLATES) / "lang" / "diff" / f"{lang}.yaml"
    if not path.exists():
        path = path.with_name("en.yaml")
    from pipeline.paths import read_yaml

    return Catalogue(read_yaml(path))


class _Redline:
    """Plans the redline (alignment, word diffs), pairs the notes, then builds the model."""

    def __init__(self, old: Document, new: Document):
        self.old, self.new = old, new
        self.words = diff_words(new.meta.language)
        self.pairs: list[_Runs] = []
        self.moves = 0
        self.counts: Counter[str] = Counter()
        self.entries: list[DiffEntry] = []
        self.index: dict[int, int] = {}  # id(block) → its 1-based place among its siblings
        self.note_map: dict[int, int] = {}  # old note number → new note number
        self.deleted_notes: dict[int, int] = {}  # old number of a deleted note → its number here
        self.old_fields: list[tuple[str, str]] = []  # the Redline's layer: changed masthead fields,
        self.note_marks: list[tuple[int, NoteMark]] = []  # notes inserted, deleted or renumbered,
        self.closing_marks: list[tuple[str, ClosingMark]] = []  # changed plenary lines by part id

    # -- planning -------------------------------------------------------------
    def pair(self, old: Runs, new: Runs) -> _Runs:
        rp = _Runs.of(old, new)
        self.pairs.append(rp)
        return rp

    def place(self, blocks: Sequence[Block]) -> None:
        for i, b in enumerate(blocks):
            self.index[id(b)] = i + 1
            self.place(_children(b))

    def align(self, olds: Sequence[Block], news: Sequence[Block]) -> list[_Node]:
        """The merged list: kept, changed, inserted, deleted and moved blocks in reading order."""
        self.place(olds)
        self.place(news)
        pairs = _match(olds, news)
        keep = _in_order(pairs)
        anchors = [(i, j) for k, (i, j, _) in enumerate(pairs) if k in keep]
        moved = sorted(
            (j, i)
            for k, (i, j, sim) in enumerate(pairs)
            if k not in keep and sim >= MOVE and isinstance(olds[i], Para)
        )
        move_to: dict[int, _Node] = {}
        move_from: dict[int, _Node] = {}
        for j, i in moved:
            self.moves += 1
            move_from[i] = self.moved(olds[i], news[j], "move-from", f"m{self.moves}")
            move_to[j] = self.moved(olds[i], news[j], "move-to", f"m{self.moves}")
        out: list[_Node] = []
        pi = pj = -1
        for i, j in [*anchors, (len(olds), len(news))]:
            out += [move_from.get(x) or _Node("del", olds[x], None) for x in range(pi + 1, i)]
            out += [move_to.get(y) or _Node("ins", None, news[y]) for y in range(pj + 1, j)]
            if i < len(olds):
                o, n = olds[i], news[j]
                runs = self.pair(_own_runs(o), _own_runs(n)) if _kind(n) != "table" else None
                node = _Node(None, o, n, runs, self.align(_children(o), _children(n)))
                node.adopts = self.plan_adopts(_adopts(o), _adopts(n))
                out.append(node)
            pi, pj = i, j
        return out

    def plan_adopts(self, old: Annex | None, new: Annex | None) -> tuple[_Runs, _Runs, list[_Node]] | None:
        """A paired paragraph's adopted texts: titles and subtitles word by word, blocks aligned."""
        if old is None and new is None:
            return None
        return (self.pair(old.title if old else (), new.title if new else ()),
                self.pair(old.subtitle if old else (), new.subtitle if new else ()),
                self.align(old.blocks if old else (), new.blocks if new else ()))

    def cross_moves(self, lists: list[list[_Node]]) -> None:
        """A paragraph deleted from one list and inserted alike into another (preamble → operative
        part, into a sub-paragraph list) is marked as moved, not as a deletion and an insertion."""
        dels: list[tuple[list[_Node], int]] = []
        inss: list[tuple[list[_Node], int]] = []

        def walk(nodes: list[_Node]) -> None:
            for k, node in enumerate(nodes):
                if node.mark == "del" and isinstance(node.old, Para):
                    dels.append((nodes, k))
                elif node.mark == "ins" and isinstance(node.new, Para):
                    inss.append((nodes, k))
                elif node.mark is None:
                    walk(node.children)

        for nodes in lists:
            walk(nodes)
        if not dels or not inss:
            return
        sm: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
        taken: set[int] = set()
        for lst_n, k_n in inss:
            n = lst_n[k_n].new
            assert n is not None
            words_n = _words(n)
            best: tuple[float, int] | None = None
            for d, (lst_o, k_o) in enumerate(dels):
                if d in taken or lst_o is lst_n:  # a move within one list is align()'s
                    continue
                o = lst_o[k_o].old
                assert o is not None
                sm.set_seqs(_words(o), words_n)
                if (r := sm.ratio()) >= MOVE and (best is None or r > best[0]):
                    best = (r, d)
            if best is None:
                continue
            taken.add(best[1])
            lst_o, k_o = dels[best[1]]
            o = lst_o[k_o].old
            assert o is not None
            self.moves += 1
            lst_o[k_o] = self.moved(o, n, "move-from", f"m{self.moves}")
            lst_n[k_n] = self.moved(o, n, "move-to", f"m{self.moves}")

    def moved(self, o: Block, n: Block, mark: Change, move_id: str | None = None) -> _Node:
        """One end of a moved paragraph, or a sub-paragraph inside one."""
        children = self.align_moved(_children(o), _children(n), mark)
        return _Node(mark, o, n, self.pair(_own_runs(o), _own_runs(n)), children, move_id)

    def align_moved(self, olds: Sequence[SubPara], news: Sequence[SubPara], mark: Change) -> list[_Node]:
        """The sub-paragraphs of one end of a moved paragraph (order inside it is not tracked)."""
        self.place(olds)
        self.place(news)
        partner = {i: j for i, j, _ in _match(olds, news)}
        if mark == "move-from":
            return [
                self.moved(o, news[partner[i]], mark) if i in partner else _Node("del", o, None)
                for i, o in enumerate(olds)
            ]
        back = {j: i for i, j in partner.items()}
        return [
            self.moved(olds[back[j]], n, mark) if j in back else _Node("ins", None, n)
            for j, n in enumerate(news)
        ]

    def pair_notes(self) -> None:
        """Old and new note numbers of calls that the word diff matched."""
        taken: set[int] = set()
        for rp in self.pairs:
            for tag, i1, i2, j1, j2 in rp.ops:
                if tag != "equal":
                    continue
                for a, b in zip(rp.old[i1:i2], rp.new[j1:j2], strict=True):
                    if not (isinstance(a, NoteRef) and isinstance(b, NoteRef)):
                        continue
                    if a.number not in self.note_map and b.number not in taken:
                        self.note_map[a.number] = b.number
                        taken.add(b.number)
        top = max((n.number for n in self.new.notes), default=0)
        for n in self.old.notes:
            if n.number not in self.note_map:
                top += 1
                self.deleted_notes[n.number] = top

    # -- building -------------------------------------------------------------
    def old_item(self, r: Inline, mark: Change) -> Inline:
        """A run of the old version in the redline (its note call renumbered)."""
        r = unwrap(r)
        if isinstance(r, NoteRef):  # (a marked call keeps its mark)
            if r.number in self.note_map:
                return Changed(replace(r, number=self.note_map[r.number], first=False), mark)
            return Changed(replace(r, number=self.deleted_notes[r.number]), mark)
        return Changed(r, mark)

    def render(self, rp: _Runs, mark: Change | None) -> Runs:
        """Paired runs as one redline: in place (``None``) or one end of a move."""
        out: list[Inline] = []
        for tag, i1, i2, j1, j2 in rp.ops:
            if tag == "equal":
                if mark == "move-from":
                    out += [self.old_item(r, mark) for r in rp.old[i1:i2]]
                else:
                    out += [_marked(unwrap(r), mark) for r in rp.new[j1:j2]]
                continue
            if mark != "move-to":
                out += [self.old_item(r, "del") for r in rp.old[i1:i2]]
            if mark != "move-from":
                out += [Changed(unwrap(r), "ins") for r in rp.new[j1:j2]]
        return merge_runs(out)

    def whole_runs(self, runs: Runs, mark: Change) -> Runs:
        if mark in ("del", "move-from"):
            return tuple(self.old_item(r, mark) for r in runs)
        return tuple(Changed(unwrap(r), mark) for r in runs)

    def whole(self, b: Block, mark: Change | None) -> Block:
        """A block inserted or deleted with everything in it (``None``: an unchanged table)."""
        b = _own(b)
        if mark is None:
            return b
        if isinstance(b, Table):
            rows = tuple(tuple(self.whole_runs(c, mark) for c in row) for row in b.rows)
            header = tuple(self.whole_runs(c, mark) for c in b.header)
            caption = self.whole_runs(b.caption, mark)
            notes = tuple(self.whole_runs(n, mark) for n in b.notes)
            return _block(replace(b, caption=caption, header=header, rows=rows, notes=notes), mark)
        runs = self.whole_runs(b.runs, mark)
        if isinstance(b, Heading):
            return _block(replace(b, runs=runs), mark)
        quote = b.quote and replace(b.quote, paras=tuple(self.whole_runs(q, mark) for q in b.quote.paras))
        children = _paras(self.whole(c, mark) for c in b.children)
        adopts = self.whole_adopts(b.adopts, mark)
        return _block(replace(b, runs=runs, children=children, quote=quote or None, adopts=adopts), mark)

    def whole_adopts(self, a: Annex | None, mark: Change) -> Annex | None:
        """An adopted text inserted, deleted or moved with its paragraph."""
        if a is None:
            return None
        return replace(a, title=self.whole_runs(a.title, mark), subtitle=self.whole_runs(a.subtitle, mark),
                       blocks=tuple(self.whole(x, mark) for x in a.blocks))

    def adopted(self, node: _Node, b: Para, quiet: bool) -> Annex | None:
        """A paired paragraph's adopted text as the redline shows it (one end of a move: that
        end's, marked whole); its blocks are named after its title in the summary."""
        if node.mark is not None or node.adopts is None:
            return self.whole_adopts(b.adopts, node.mark) if node.mark else b.adopts
        title, subtitle, nodes = node.adopts
        base = _adopts(node.new) or _adopts(node.old)
        assert base is not None
        where = _Where(annex=plain_text(base.title))
        blocks = tuple(self.block(x, where, quiet) for x in nodes)
        if not quiet and (title.changed or subtitle.changed):
            self.record(b, _Where(), None, "changed")
        return replace(base, title=self.render(title, None), subtitle=self.render(subtitle, None),
                       blocks=blocks)

    def quote(self, o: Block, n: Para | Heading | Table, mark: Change | None) -> Quote | None:
        """A paired paragraph's quoted block: kept when alike, diffed word by word when it has as
        many paragraphs as before, else the old one deleted and the new one inserted; at one end of
        a move, that end's own, marked whole."""
        old, new = _quote(o), _quote(n)
        if mark is not None:
            own = old if mark in ("del", "move-from") else new
            paras = tuple(self.whole_runs(q, mark) for q in own)
        elif old == new:
            return n.quote if isinstance(n, Para) else None
        elif len(old) == len(new):  # paragraph by paragraph, word by word
            paras = tuple(self.render(self.pair(a, b), None) for a, b in zip(old, new, strict=True))
        else:
            paras = (*(self.whole_runs(q, "del") for q in old), *(self.whole_runs(q, "ins") for q in new))
        was = n.quote if isinstance(n, Para) else None  # its id and setting (an amendment's new paragraphs)
        if not paras:
            return None
        return Quote(was.id if was else f"{n.id}-quote", paras, was.setting if was else "quote")

    def block(self, node: _Node, where: _Where, quiet: bool = False) -> Block:
        """Build one planned block; note it in the summary unless it sits inside a move."""
        mark = node.mark
        o, n = (None if x is None else _own(x) for x in (node.old, node.new))
        # the version the block shows: its label and list value are that version's numbers
        b = o if mark in ("del", "move-from") else n
        assert b is not None
        if not quiet and mark in ("ins", "del"):
            self.record(b, where, mark, "inserted" if mark == "ins" else "deleted")
        if node.runs is None:
            return self.whole(b, mark)
        assert o is not None and n is not None
        runs = self.render(node.runs, mark)
        old_label = o.label if b is n and o.label != n.label else None
        quote = self.quote(o, n, mark)
        if not quiet and mark is None and (node.runs.changed or _quote(o) != _quote(n)):
            self.record(n, where, None, "changed")
        elif not quiet and mark == "move-to":
            same_list = getattr(o, "kind", None) == getattr(n, "kind", None)  # else say where it was
            self.record(n, where, mark, "moved", self.name(o, where, short=same_list), same_list)
        if isinstance(b, Heading):
            return _block(replace(b, runs=runs), None, old_label)
        assert isinstance(b, Para)  # a table pairs only when identical (no word diff: runs is None)
        inner = replace(where, parents=(*where.parents, _bare(b.label)))
        children = _paras(self.block(c, inner, quiet or mark is not None) for c in node.children)
        adopts = self.adopted(node, b, quiet)
        return _block(replace(b, runs=runs, children=children, quote=quote, adopts=adopts), mark, old_label,
                      node.move_id)

    def blocks(self, nodes: list[_Node], where: _Where) -> tuple[Block, ...]:
        return tuple(self.block(node, where) for node in nodes)

    # -- the summary ----------------------------------------------------------
    def name(self, b: Para | Heading | Table, where: _Where, short: bool = False) -> str:
        """How the summary calls a block: "paragraph 3 (b)", "preambular paragraph 2"."""
        label = _bare(b.label)
        n = self.index.get(id(b), 0)
        if short:
            return label or str(n)
        w = self.words.word
        key = _what_key(b)
        if key == "sub":
            what = w("what.sub", label=" ".join(p for p in (*where.parents, label) if p))
        else:
            what = w(f"what.{key}", label=label, n=n, annex=where.annex)
        if where.letter and len(self.new.parts) > 1:
            what = w("what.part", what=what, letter=where.letter)
        return str(what)

    def record(
        self, b: Para | Heading | Table, where: _Where, mark: Change | None, count: str, old: str = "",
        short: bool = False,
    ) -> None:
        """Count a change and word its entry; ``old`` names a moved paragraph's old place (its bare
        number when ``short``: it moved within one list)."""
        self.counts[count] += 1
        verb = {"inserted": "ins", "deleted": "del", "changed": "change", "moved": "move"}[count]
        gender = self.gender(_what_key(b))
        text = self.words.word(
            f"entry.{verb}", what=self.name(b, where), old=old, short=short, gender=gender
        )
        self.entries.append(DiffEntry(b.id, mark, text))

    def gender(self, key: str) -> str:
        """The grammatical gender (``m``, ``f``, ``n``) of the thing ``what.<key>`` names, for the
        words that agree with it ("note supprimée", "сноска вставлена"); ``""`` where none."""
        return str(self.words.data.get("genders", {}).get(key, ""))

    def record_line(
        self, count: str, verb: str, key: str, mark: Change | None = None, note: int | None = None,
        **values: Any,
    ) -> None:
        """A change of a note or a heading line: ``key`` names it (``what.<key>``)."""
        self.counts[count] += 1
        what = self.words.word(f"what.{key}", **values)
        text = self.words.word(f"entry.{verb}", what=what, gender=self.gender(key))
        self.entries.append(DiffEntry("", mark, text, note))

    # -- the document -----------------------------------------------------------
    def field(self, name: str, old: Field | None, new: Field | None) -> Field | None:
        a, b = (old.text if old else ""), (new.text if new else "")
        if a == b:
            return new
        self.record_line("fields", "change", name)
        self.old_fields.append((name, a))
        return Field(b)

    def provenance_runs(self) -> Runs:
        """The committee line's runs, where links made them (the writers then print them, not the
        field): when the line changed, the old line's runs deleted and the new line's inserted,
        as a changed field reads, each keeping its links."""
        old, new = self.old.masthead, self.new.masthead
        if not (old.provenance_runs or new.provenance_runs):
            return ()  # links off: the writers print the field and its old value
        if (old.provenance.text if old.provenance else "") == (new.provenance.text if new.provenance else ""):
            return new.provenance_runs
        return (*self.whole_runs(_field_runs(old.provenance, old.provenance_runs), "del"),
                *self.whole_runs(_field_runs(new.provenance, new.provenance_runs), "ins"))

    def closing(self, part: str, old: Closing | None, new: Closing | None) -> Closing | None:
        if old == new:
            return new
        self.record_line("fields", "change", "closing")
        if old is None or new is None:
            self.closing_marks.append((part, ClosingMark("ins" if new else "del")))
            return new or old
        self.closing_marks.append((part, ClosingMark(
            None,
            old_meeting=old.meeting if old.meeting != new.meeting else None,
            old_date=old.date if old.date != new.date else None,
        )))
        return new

    def notes(self) -> tuple[Note, ...]:
        back = {v: k for k, v in self.note_map.items()}
        old = {n.number: n for n in self.old.notes}
        out: list[Note] = []
        for n in self.new.notes:
            if n.number not in back:
                self.record_line("notes_inserted", "ins", "note", "ins", _linked(n), n=n.label)
                self.note_marks.append((n.number, NoteMark("ins")))
                out.append(replace(n, runs=self.whole_runs(n.runs, "ins")))
                continue
            o = old[back[n.number]]
            rp = _Runs.of(o.runs, n.runs)
            if rp.changed:
                self.record_line("notes_changed", "change", "note", None, _linked(n), n=n.label)
            if o.number != n.number:
                self.note_marks.append((n.number, NoteMark(None, o.number)))
            out.append(replace(n, runs=self.render(rp, None)))
        for o in self.old.notes:
            if o.number in self.deleted_notes:
                number = self.deleted_notes[o.number]
                self.record_line("notes_deleted", "del", "note", "del", None if o.mark else number, n=o.label)
                runs = self.whole_runs(o.runs, "del")
                self.note_marks.append((number, NoteMark("del", o.number)))
                out.append(replace(o, number=number, runs=runs))
        return tuple(out)

    def document(self, author: str, date: str) -> Document:
        old, new = self.old, self.new
        title = self.pair(old.masthead.title, new.masthead.title)
        agenda_title = self.pair(old.masthead.agenda_title, new.masthead.agenda_title)
        # a draft's sponsor line: its words, and the star that calls the sponsors' note (paired
        # as any call, so a changed note is that note changed)
        sponsors = self.pair(old.masthead.sponsor_line, new.masthead.sponsor_line)
        part_plans = [
            (
                o,
                n,
                self.pair(o.title if o else (), n.title if n else ()),
                self.align(o.preamble if o else (), n.preamble if n else ()),
                self.align(o.operative if o else (), n.operative if n else ()),
            )
            for o, n in zip_longest(old.parts, new.parts)
        ]
        annex_plans = [
            (
                o,
                n,
                self.pair(o.title if o else (), n.title if n else ()),
                self.align(o.blocks if o else (), n.blocks if n else ()),
            )
            for o, n in zip_longest(old.annexes, new.annexes)
        ]
        lists: list[list[_Node]] = [plan[3] for plan in part_plans] + [plan[4] for plan in part_plans]
        self.cross_moves(lists + [plan[3] for plan in annex_plans])
        self.pair_notes()

        fields = {
            name: self.field(name, getattr(old.masthead, name), getattr(new.masthead, name))
            for name in FIELDS
        }
        title_runs = self.render(title, None)
        if title.changed:
            self.record_line("fields", "change", "title")
        if agenda_title.changed and old.masthead.agenda.text == new.masthead.agenda.text:
            self.record_line("fields", "change", "agenda")  # the agenda item's title: its line's block
        self.record_lines(old.masthead, new.masthead)
        masthead: Masthead = replace(
            new.masthead, title=title_runs, agenda_title=self.render(agenda_title, None),
            sponsor_line=self.render(sponsors, None),
            provenance_runs=self.provenance_runs(), **fields,  # type: ignore[arg-type]
        )
        parts = self.render_parts(part_plans)
        annexes = self.render_annexes(annex_plans)
        notes = self.notes()
        return replace(
            new,
            masthead=masthead,
            parts=parts,
            annexes=annexes,
            notes=tuple(sorted(notes, key=lambda x: x.number)),
            redline=Redline(
                author, date, self.summary(), tuple(self.old_fields), tuple(sorted(self.note_marks)),
                tuple(self.closing_marks),
            ),
        )

    def record_lines(self, old: Masthead, new: Masthead) -> None:
        """The summary's entries for the masthead lines that are no field: a draft's sponsor
        line and the "Original:" line (with the document's own language above it: "Français" /
        "Original : anglais"), each "changed"."""
        if plain_text(old.sponsor_line) != plain_text(new.sponsor_line):
            self.record_line("fields", "change", "sponsors")
        if (old.original, old.language_line) != (new.original, new.language_line):
            self.record_line("fields", "change", "original")

    def render_parts(self, plans: list[Any]) -> tuple[Part, ...]:
        parts = []
        for o, n, t, pre, ops in plans:
            base: Part = n or o
            where = _Where(letter=base.letter)
            parts.append(
                replace(
                    base,
                    title=self.render(t, None),
                    preamble=_paras(self.blocks(pre, where)),
                    operative=self.blocks(ops, where),
                    closing=self.closing(base.id, o.closing if o else None, n.closing if n else None),
                )
            )
        return tuple(parts)

    def render_annexes(self, plans: list[Any]) -> tuple[Annex, ...]:
        annexes = []
        for o, n, t, blocks in plans:
            abase: Annex = n or o
            annexes.append(
                replace(
                    abase, title=self.render(t, None), blocks=self.blocks(blocks, _Where(annex=abase.label))
                )
            )
        return tuple(annexes)

    def summary(self) -> DiffSummary:
        w = self.words.word
        counts = {k: self.counts[k] for k in COUNTS}
        lines = tuple(w(f"counts.{k}", n=v) for k, v in counts.items() if v) or (w("none"),)
        words = {
            "title": w("title"),
            "compared": w("compared", old=self.old.meta.source),
            "separator": w("separator"),
            **{f"legend_{k}": v for k, v in w("legend").items()},
            **{f"aria_{k}": v for k, v in w("aria").items()},
        }
        return DiffSummary(counts, lines, tuple(self.entries), words)


def _linked(note: Note) -> int | None:
    """The number a summary entry links a note by (``#fn-3``); a marked note (the sponsors' "*") is
    named by its mark, not linked."""
    return None if note.mark else note.number


def _field_runs(value: Field | None, runs: Runs) -> Runs:
    """A masthead line as runs: the linked ones, else its text (a version without links)."""
    return runs or ((Text(value.text),) if value and value.text else ())


def diff(old: Document, new: Document, author: str | None = None, date: str | None = None) -> Document:
    """The redline of ``old`` → ``new``: the new document carrying every change as marks.

    ``author`` and ``date`` (ISO 8601) label the revisions; by default the catalogue's
    author and the new version's date of issue, never the clock.
    """
    line = _Redline(old, new)
    return finish(line.document(
        author or line.words.word("author"),
        date or f"{(new.meta.issued or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z",
    ))  # the merged runs' print texts


def is_empty(doc: Document) -> bool:
    """Whether a redline shows no change at all."""
    return doc.redline is not None and not doc.redline.summary.entries
