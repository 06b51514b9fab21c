"""The session volume's HTML (and the template context the PDF's parts share): one page with
the title, the contents, each resolution's body and the subject index, written as the template
reaches each resolution (one resolution's model and HTML in memory at a time).

``volume`` (from ``unres volume``, :mod:`pipeline.app.volume`): ``entries`` in the Supplement's
order, each with what the contents and index need and ``document()`` to build its model when
its turn comes; ``session``; ``apart(function, *args)``, which runs a function in a
short-lived process and returns its result.

Each resolution is rendered by the same template as alone; its element ids are prefixed with
its number so links stay inside it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pipeline.writers.html.writer import SCREEN_CSS, environment, read_css, render_html

STOPWORDS = frozenset({
    "a", "an", "and", "the", "of", "on", "in", "for", "to", "with", "by", "at", "from", "its", "their",
    "his", "her", "as", "or", "into", "upon", "between", "against", "towards", "toward", "within",
    "without", "among", "under", "over", "all", "other", "others", "such", "this", "that", "these",
    "those", "be", "is", "are", "was", "were", "new", "also", "including", "year", "years", "day",
    "international", "united", "nations", "general", "assembly", "resolution", "resolutions"
})
_ID = re.compile(r'\b(id|for|aria-labelledby)="([^"#]+)"')
_HREF = re.compile(r'\bhref="#([^"]+)"')


def _fragment(html: str, prefix: str) -> str:
    """The inside of ``<body>``, every id and in-page link prefixed so it stays unique."""
    start = html.index(">", html.index("<body")) + 1
    body = html[start : html.rindex("</body>")]
    body = _ID.sub(lambda m: f'{m[1]}="{prefix}-{m[2]}"', body)
    return _HREF.sub(lambda m: f'href="#{prefix}-{m[1]}"', body)


def subject_index(entries: list[Any]) -> list[tuple[str, list[Any]]]:
    """Subjects (the significant words of the titles, singular where plural) → resolutions."""
    terms: dict[str, dict[str, Any]] = {}
    shown: dict[str, str] = {}
    for e in entries:
        for word in re.findall(r"[^\W\d_][\w’'-]*", e.title):
            word = re.sub(r"[’']s$", "", word)
            low = word.lower()
            if low in STOPWORDS or len(low) < 4:
                continue
            key = low[:-1] if low.endswith("s") and not low.endswith("ss") and low[:-1] in terms else low
            terms.setdefault(key, {})[e.anchor] = e
            if key not in shown or word[:1].islower():
                shown[key] = word if word.isupper() or key != low else word[:1].upper() + word[1:]
    return [(shown[k], sorted(v.values(), key=lambda e: e.key)) for k, v in sorted(terms.items())]


class Item:
    """A resolution in the template: its body is rendered when the template reaches it."""

    def __init__(self, entry: Any, mode: Literal["screen", "print"]) -> None:
        self.entry, self.mode = entry, mode
        self.number, self.title, self.adopted = entry.number_label, entry.toc_title, entry.adopted

    @property
    def body(self) -> str:
        return _fragment(render_html(self.entry.document(), self.mode), self.entry.anchor)


def sections(entries: list[Any], mode: Literal["screen", "print"]) -> list[dict]:
    """The volume's sections (plenary, then each Main Committee), each with its items."""
    out: list[dict] = []
    for e in entries:
        if not out or out[-1]["committee"] != e.committee:
            out.append({"committee": e.committee, "head": e.section_head, "id": f"section-{len(out) + 1}",
                        "roman": _roman(len(out) + 1), "items": [], "opens": True})
        out[-1]["items"].append(Item(e, mode))
    return out


def context(volume: Any, mode: Literal["screen", "print"]) -> dict:
    """The volume template's values: the app's words (``volume.words``), laid out as they are."""
    entries, w = volume.entries, volume.words
    first = entries[0].document()
    parts = sections(entries, mode)
    return dict(
        mode=mode, part="all", anchors=(),
        lang=first.meta.language, style=first.style.name, paper=first.paper,
        page_header=first.style.page_header,
        css=read_css((*SCREEN_CSS, "css/volume-screen.css")) if mode == "screen" else None,
        records=w["records"],
        session_line=w["session"],
        supplement=w["supplement"],
        volume_symbol=w["symbol"],
        title=w["title"],
        united_nations=w["united_nations"],
        words={k: w[k] for k in ("contents", "resolution", "title_column", "page", "index")},
        sections=parts,
        toc=toc_groups(toc_rows(parts)),
        index=index_rows(subject_index(entries)),
        more="",
    )


def toc_rows(sections: list[dict]) -> list[tuple[int, dict, Item | None]]:
    """The contents' rows in order, numbered: each section's heading (``None``), then its items."""
    rows: list[tuple[int, dict, Item | None]] = []
    for s in sections:
        for it in (None, *s["items"]):
            rows.append((len(rows), s, it))
    return rows


IndexRow = tuple[int | None, str, list[tuple[int, Any, bool]]]


def index_rows(index: list[tuple[str, list[Any]]]) -> list[IndexRow]:
    """The subject index for the template: each term and each of its references numbered in
    one sequence (the PDF lays the index out in slices of that sequence, :func:`index_slice`),
    each reference with whether more follow it."""
    rows: list[IndexRow] = []
    k = 0
    for term, items in index:
        refs = [(k + 1 + i, e, i + 1 < len(items)) for i, e in enumerate(items)]
        rows.append((k, term, refs))
        k += 1 + len(items)
    return rows


def index_slice(rows: list[IndexRow], start: int, stop: int) -> list[IndexRow]:
    """The terms and references numbered ``start`` to ``stop``: a term whose first references
    are before ``start`` is continued without its heading (``None``)."""
    out: list[IndexRow] = []
    for k, term, refs in rows:
        assert k is not None
        end = refs[-1][0] + 1 if refs else k + 1
        if end <= start or k >= stop:
            continue
        out.append((k if k >= start else None, term, [r for r in refs if start <= r[0] < stop]))
    return out


def index_size(rows: list[IndexRow]) -> int:
    """How many terms and references the index numbers."""
    return sum(1 + len(refs) for _k, _term, refs in rows)


def toc_groups(rows: list[tuple[int, dict, Item | None]]) -> list[list[tuple[int, dict, Item | None]]]:
    """``rows`` (or a run of them) grouped by section: one ``<tbody>`` each."""
    groups: list[list[tuple[int, dict, Item | None]]] = []
    for row in rows:
        if not groups or groups[-1][0][1] is not row[1]:
            groups.append([])
        groups[-1].append(row)
    return groups


def write(volume: Any, out: Path, work: Path) -> None:
    """The volume as one HTML page at ``out``, written as it is generated."""
    template = environment().get_template("volume.html.j2")
    with open(out, "w", encoding="utf-8") as fh:
        for chunk in template.generate(**context(volume, "screen")):
            fh.write(chunk)


def _roman(n: int) -> str:
    from pipeline.transforms.words import roman

    return roman(n)
