"""Which language an issued text is in, from each language catalogue's own words.

Every catalogue of ``templates/lang/`` gives its vocabulary: the generated words (every string
under ``words:`` with its template expressions taken out: "Assemblée générale", "séance
plénière", "de l’ordre du jour"), the opening phrases and their adverbs (``*_phrases``,
``openers``), the adopting sentences and other forms (``adopting``, ``also``), the tables
(ordinals in words) and the month names of its locale. A text scores, for each language, the
lines it wins: a line's score for a language is the occurrences of that language's vocabulary
words in it, each weighted by how few catalogues share the word ("session" counts half for
English and French), and the line goes to the best. Words are letters runs; a script
written without spaces (Chinese) is read as pairs of characters. So a language is detected by
its own words, a new catalogue without code, and nothing is special about a script.

:func:`detect` answers with the best language and whether it won: fewer than :data:`LEAST`
different words of the best language's (a German text's one "in" is not English), or two
languages scoring within :data:`MARGIN` of each other, is no winner (the importer warns and
takes the best, English when nothing at all was found).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.transforms.words import catalogue

#: The runner-up within this share of the winner's score: no winner.
MARGIN = 0.8
#: A winner's text holds at least this many different words of its vocabulary.
LEAST = 2
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# Han, kana, Hangul: no spaces between words; pairs of characters stand for words
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(rf"[^\W\d_{_UNSPACED}]{{2,}}|[{_UNSPACED}]+")
_VOCABULARY_KEYS = ("words", "preambular_phrases", "operative_phrases", "openers", "adopting", "also",
                    "tables")


@dataclass(frozen=True)
class Detected:
    """The language found, and whether it won (``False``: no word told, or two came close)."""

    lang: str
    won: bool
    scores: tuple[tuple[str, float], ...] = ()
    why: str = ""  # why no language won, in words


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _tokens(text: str) -> list[str]:
    """Words of ``text`` (case-folded letter runs of two or more), a run of unspaced characters as
    its pairs of characters."""
    out: list[str] = []
    for m in _WORD.finditer(text.casefold()):
        w = m.group(0)
        if w[0] > "\u3000" and re.fullmatch(rf"[{_UNSPACED}]+", w):
            out += [w[i:i + 2] for i in range(len(w) - 1)] if len(w) > 1 else []
        else:
            out.append(w)
    return out


@lru_cache(maxsize=16)
def vocabulary(lang: str) -> frozenset[str]:
    """The words a language's catalogue gives (see the module's docstring)."""
    from babel.dates import get_month_names

    cat = catalogue(lang)
    texts = [_TEMPLATE.sub(" ", s) for key in _VOCABULARY_KEYS for s in _strings(cat.data.get(key))]
    texts += [str(m) for m in get_month_names("wide", locale=cat.locale).values()]
    return frozenset(t for s in texts for t in _tokens(s))


def scores(text: str, languages: list[str]) -> dict[str, float]:
    """Each language's score: the lines of ``text`` it wins. A line's score for a language is its
    vocabulary's occurrences in the line, a word shared by k catalogues counting 1/k; the line goes
    to the language that scores most on it (none on a tie), so a line in another language (a copy's
    English "# source:" note over a Chinese text) is one line, not its many words."""
    vocab = {lang: vocabulary(lang) for lang in languages}
    shared = Counter(w for v in vocab.values() for w in v)
    votes = dict.fromkeys(languages, 0.0)
    for line in text.split("\n"):
        found = Counter(_tokens(line))
        got = {lang: sum(n / shared[w] for w, n in found.items() if w in v) for lang, v in vocab.items()}
        top = max(got.values(), default=0)
        best = [lang for lang, score in got.items() if score == top]
        if top > 0 and len(best) == 1:
            votes[best[0]] += 1
    return votes


def detect(text: str, languages: list[str]) -> Detected:
    """The language of ``text`` among ``languages``: the best score (English on a tie), and
    whether it won."""
    got = scores(text, languages)
    ranked = sorted(got, key=lambda lang: (got[lang], lang == "en"), reverse=True)
    if not ranked or not got[ranked[0]]:
        return Detected("en", False, (), "no word of any language catalogue in it")
    best = ranked[0]
    table = tuple((lang, round(got[lang], 1)) for lang in ranked)
    told = ", ".join(f"{lang} {score:g}" for lang, score in table[:3] if score)
    words = sorted({w for w in _tokens(text) if w in vocabulary(best)})
    if len(words) < LEAST:
        return Detected(best, False, table, f"only {len(words)} word of the {best} catalogue's: "
                                            f"{', '.join(words)}")
    second = got[ranked[1]] if len(ranked) > 1 else 0.0
    if second >= MARGIN * got[best]:
        return Detected(best, False, table, f"{told}: too close to tell")
    return Detected(best, True, table)
