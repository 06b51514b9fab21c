"""Benchmark inputs: a folder of many distinct resolutions, and a Markdown twin of a source.

``generate(folder, n)`` writes ``n`` sources made in turn from the real resolutions (the
seed in the 1998 style, A/RES/73/8 and the 80th session's, modern), each with its own symbol and varied text: words swapped for others, some
paragraphs repeated, so documents differ in words and length as real ones do.
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


def real_sources() -> list[Path]:
    """The real resolutions: the seed, the modern one and the 80th session's (from the corpus)."""
    return [SEED, MODERN, *sorted(SESSION_80.glob("*.yaml"), key=lambda p: int(p.stem.split("_")[-1]))]


def generate(folder: Path, n: int) -> list[Path]:
    """Write ``n`` sources into ``folder``, made in turn from each real resolution."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in real_sources()]
    paths = []
    for i in range(n):
        path = folder / f"doc{i:04d}.yaml"
        text = yaml.safe_dump(variant(bases[i % len(bases)], i), allow_unicode=True, sort_keys=False, width=100)
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
