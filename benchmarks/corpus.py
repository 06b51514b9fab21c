"""Benchmark inputs: a folder of many distinct resolutions, and a Markdown twin of a source.

``generate(folder, n)`` writes ``n`` sources made from the real resolutions (the seed in the
1998 style, A/RES/73/8 and the 80th session's, modern), each with its own symbol and varied
text (words swapped for others), and each cut or lengthened to a length drawn from
``PAGES``: the lengths of issued resolutions, 1 to 10 pages, most of them 2 or 3 (the real
ones here are 2–9 pages, one 19; short Fifth Committee texts are 1). A document is made from
a real one of about its length or shorter: paragraphs of the real text are repeated (its
notes called again) or, for the shortest, dropped with the notes only they called. So the
folder has the structures of the real texts (annexes, sub-paragraphs, notes) in lengths
distributed as issued. The pages are estimated from the characters (``CHARS_PER_PAGE``);
``run.py`` prints the page counts the PDFs really have.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "A_RES_52_102.yaml"
MODERN = ROOT / "source" / "A_RES_73_8.yaml"
SESSION_80 = ROOT / "tests" / "volume" / "80"
SWAPS = {
    "countries": "States",
    "efforts": "endeavours",
    "implementation": "execution",
    "strengthening": "reinforcement",
    "international": "multilateral",
    "support": "assistance",
    "necessary": "needed",
    "report": "account",
}


def _vary(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if word in SWAPS and rng.random() < 0.5:
            words[i] = SWAPS[word]
    return " ".join(words)


def variant(base: dict, index: int) -> dict:
    """A copy of ``base`` with symbol A/RES/<session>/<1000 + index> and varied paragraphs."""
    rng = random.Random(index)
    doc = dict(base)
    doc["symbol"] = f"A/RES/{base['session']}/{1000 + index}"
    for key in ("preamble", "operative"):
        if not base.get(key):
            continue
        paras = [_vary(p, rng) if isinstance(p, str) else p for p in base[key]]
        extra = [p for p in paras if isinstance(p, str)]
        paras[-1:-1] = rng.sample(extra, k=min(len(extra), rng.randrange(4)))
        doc[key] = paras
    return doc


# Share of issued resolutions by length in pages (an estimate: most are 2–3 pages, a tail to 10).
PAGES = {1: 10, 2: 24, 3: 20, 4: 13, 5: 9, 6: 7, 7: 5, 8: 5, 9: 4, 10: 3}
# Characters of paragraph and note text per page, and those the first page's masthead takes
# (least squares over the real resolutions: about 3 100 per page, less a masthead of 2 000).
CHARS_PER_PAGE, MASTHEAD_CHARS = 3100, 2000
ONE_PAGE_CHARS = 600  # what a page with the masthead and the closing holds
_BODY = ("preamble", "operative")


def _chars(node: object) -> int:
    if isinstance(node, str):
        return len(node)
    if isinstance(node, dict):
        return sum(_chars(v) for v in node.values())
    if isinstance(node, list):
        return sum(_chars(v) for v in node)
    return 0


def _text_chars(doc: dict) -> int:
    return _chars([doc.get(k) for k in (*_BODY, "annexes", "footnotes")])


def _lists(doc: dict) -> list[list]:
    """The paragraph lists of a document that may grow or shrink (body, then annexes)."""
    return [doc[k] for k in _BODY if doc.get(k)] + [a["paragraphs"] for a in doc.get("annexes") or ()
                                                    if a.get("paragraphs")]


def _drop_uncalled_notes(doc: dict) -> None:
    import re

    if not doc.get("footnotes"):
        return
    text = yaml.safe_dump({k: v for k, v in doc.items() if k != "footnotes"}, allow_unicode=True, width=10**6)
    called = set(re.findall(r"\[\^([^\]]+)\]", text))
    doc["footnotes"] = {k: v for k, v in doc["footnotes"].items() if k in called}


def sized(bases: list[dict], index: int) -> dict:
    """A document ``index`` of a length drawn from ``PAGES``, made from a real one (see above)."""
    rng = random.Random(index)
    pages = rng.choices(list(PAGES), weights=list(PAGES.values()))[0]
    target = pages * CHARS_PER_PAGE - MASTHEAD_CHARS if pages > 1 else ONE_PAGE_CHARS
    fits = [b for b in bases if _text_chars(b) <= max(target, 0) * 1.15] or [min(bases, key=_text_chars)]
    near = [b for b in fits if _text_chars(b) >= target / 3] or [max(fits, key=_text_chars)]
    base = near[index % len(near)]
    doc = {k: ([dict(a, paragraphs=list(a.get("paragraphs") or ())) for a in v] if k == "annexes"
               else list(v) if isinstance(v, list) else v) for k, v in base.items()}
    doc["symbol"] = f"A/RES/{base['session']}/{1000 + index}"
    for key in _BODY:
        if doc.get(key):
            doc[key] = [_vary(p, rng) if isinstance(p, str) else p for p in doc[key]]
    lists = _lists(doc)
    while _text_chars(doc) > target and any(len(li) > 1 for li in lists):  # the shortest: drop
        longest = max(lists, key=len)
        del longest[rng.randrange(1, len(longest))]
    while _text_chars(doc) < target * 0.9:  # repeat paragraphs of the text before its last one
        li = max(lists, key=len)
        li.insert(len(li) - 1 if len(li) > 1 else 1, li[rng.randrange(len(li))])
    _drop_uncalled_notes(doc)
    return doc


def real_sources() -> list[Path]:
    """The real resolutions: the seed, the modern one and the 80th session's (from the corpus)."""
    return [SEED, MODERN, *sorted(SESSION_80.glob("*.yaml"), key=lambda p: int(p.stem.split("_")[-1]))]


def generate(folder: Path, n: int) -> list[Path]:
    """Write ``n`` sources into ``folder``, of lengths distributed as issued (:func:`sized`)."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in real_sources()]
    paths = []
    for i in range(n):
        path = folder / f"doc{i:04d}.yaml"
        text = yaml.safe_dump(sized(bases, i), allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def markdown(doc) -> str:
    """A Markdown twin of a resolved document (what pandoc is given to make the same DOCX)."""
    from pipeline.model import NoteRef, Text, plain_text, walk_paras

    def runs(items) -> str:
        out = []
        for r in items:
            if isinstance(r, Text):
                out.append(f"*{r.text}*" if r.italic and r.text.strip() else r.text)
            elif isinstance(r, NoteRef):
                out.append(f"[^{r.number}]")
        return "".join(out)

    m = doc.masthead
    lines = [m.united_nations, "", f"**{m.organ}**", "", m.symbol, "", *m.distribution, "", str(m.issued), ""]
    lines += [str(m.session), "", str(m.agenda), "", f"## {m.heading}", ""]
    lines += [f"# {m.number}. {plain_text(m.title)}", ""]
    for part in doc.parts:
        lines += [f"*{part.enacting}*", ""]
        for p in walk_paras(part.preamble) if part.preamble else ():
            lines += [runs(p.runs), ""]
        for p in walk_paras(part.operative):
            lines += [f"{'    ' * p.level}{p.label or ''} {runs(p.runs)}", ""]
        if part.closing:
            lines += [f"*{part.closing.meeting}*", f"*{part.closing.date}*", ""]
    lines += [f"[^{n.number}]: {runs(n.runs)}" for n in doc.notes]
    return "\n".join(lines) + "\n"
