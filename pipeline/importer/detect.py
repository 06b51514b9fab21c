"""Which language an issued text is in, from its script and the word catalogues.

Han characters make it Chinese, Arabic letters Arabic, Cyrillic Russian; Latin text is
scored against each Latin-script catalogue by the catalogue's own words found in it (the
enacting formula and its other forms, the organ, opening phrases at the start of a line,
month names), so a new catalogue is detected without code.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.transforms.words import Catalogue, catalogue

_SCRIPTS = {"CJK": "zh", "ARABIC": "ar", "CYRILLIC": "ru"}


def _script_share(text: str) -> dict[str, float]:
    letters = [c for c in text if c.isalpha()]
    counts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "")
        script = next((s for s in (*_SCRIPTS, "LATIN") if name.startswith(s)), "OTHER")
        counts[script] = counts.get(script, 0) + 1
    return {k: v / max(1, len(letters)) for k, v in counts.items()}


def _score(cat: Catalogue, text: str) -> int:
    folded = text.casefold()
    lines = [line.strip().casefold() for line in text.split("\n") if line.strip()]
    also = (cat.data.get("also") or {}).get("enacting") or []
    fixed = [cat.word("enacting"), *also, cat.word("organ"), cat.word("united_nations")]
    score = sum(5 * folded.count(str(w).casefold()) for w in fixed)
    phrases = [p.casefold() for p in cat.preambular.phrases + cat.operative.phrases]
    score += sum(2 for line in lines for p in phrases if line.startswith(p))
    from babel.dates import get_month_names

    months = [str(m).casefold() for m in get_month_names("wide", locale=cat.locale).values()]
    score += sum(len(re.findall(rf"\b{re.escape(m)}\b", folded)) for m in months)
    return score


def detect(text: str, languages: list[str]) -> str:
    """The language of ``text`` among ``languages`` (English when nothing tells)."""
    share = _script_share(text)
    for script, lang in _SCRIPTS.items():
        if share.get(script, 0) > 0.3 and lang in languages:
            return lang
    latin = [lang for lang in languages if lang not in _SCRIPTS.values()]
    scores = {lang: _score(catalogue(lang), text) for lang in latin}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"), default="en")
    return best if scores.get(best) else "en"
