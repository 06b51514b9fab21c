"""Generated words from the per-language catalogue (``templates/lang/<lang>.yaml``).

Catalogue values are Jinja templates rendered in a sandbox with the document's data as
variables; user text is only ever a variable, never template source. Filters give the
language-dependent pieces: ``date`` (babel, CLDR pattern from the catalogue),
``ordinal`` ("70th"), ``ordinal_words`` ("fifty-second", num2words) and ``roman``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline.model import NumberFormat, NumberStyle
from pipeline.model.inline import Openers
from pipeline.paths import TEMPLATES, jinja_bytecode_cache

# Filters of a label template's number → the list style that writes the number so.
_STYLES: dict[tuple[str, ...], NumberStyle] = {
    (): "decimal", ("letter",): "lower-alpha", ("letter", "upper"): "upper-alpha",
    ("roman",): "upper-roman", ("roman", "upper"): "upper-roman", ("roman", "lower"): "lower-roman",
}


def roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


#: CLDR plural categories: a catalogue entry keyed by them is chosen by the count ``n``.
PLURAL_CATEGORIES = frozenset(("zero", "one", "two", "few", "many", "other"))

#: The catalogue label of each sub-paragraph level, as issued texts nest them: (a) → (i) → a. → i.
SUB_LABELS = ("sub", "subsub", "sub3", "sub4")


def sub_label(level: int) -> str:
    """The ``labels.*`` key of a sub-paragraph at ``level`` (1 … 4; deeper repeats the last two)."""
    return SUB_LABELS[level - 1] if level <= len(SUB_LABELS) else SUB_LABELS[2 + (level - 1) % 2]


def letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (sub-paragraph letters)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


class _Phrases(BaseLoader):
    """Catalogue phrases as templates named by the sha256 of their text, so that Jinja's
    bytecode cache keeps them compiled from one run to the next (``Environment.from_string``
    compiles each phrase in every process). Not the text itself as the name: Jinja writes
    the name into the compiled code's messages unescaped."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def name(self, text: str) -> str:
        key = "phrase-" + hashlib.sha256(text.encode()).hexdigest()
        self.texts[key] = text
        return key

    def get_source(self, environment: Any, template: str) -> tuple[str, None, Any]:
        return self.texts[template], None, lambda: True


class Catalogue:
    """The generated words of one language."""

    def __init__(self, data: dict[str, Any], style: str = ""):
        self.data = data
        self.lang: str = data["language"]
        #: The apostrophe the house style's prints set in generated words (``apostrophe:`` by
        #: style; French 1998: the typewriter "'"), else the catalogue's own "’".
        self.apostrophe: str | None = (data.get("apostrophe") or {}).get(style)
        self.locale: str = data.get("locale", self.lang)
        self.direction: str = data.get("direction", "ltr")
        self.words: dict[str, Any] = data["words"]
        grammar = data.get("openers") or {}

        def openers(kind: str) -> Openers:
            """A kind's phrases (``<kind>_phrases``) with the adverbs written before or after them
            and the words that join two of them (``openers:``)."""
            adverbs = grammar.get(kind) or {}
            return Openers(tuple(data.get(f"{kind}_phrases", ())), tuple(adverbs.get("before", ())),
                           tuple(adverbs.get("after", ())), tuple(grammar.get("joiners", ())),
                           tuple(grammar.get("closed", ())))

        self.preambular = openers("preambular")
        self.operative = openers("operative")
        # an unnumbered paragraph of the operative part opens with either kind: a section's own
        # preamble ("Recalling …", A/RES/80/243) or a lead-in ("Resolves that:", A/RES/80/246)
        self.unnumbered = self.preambular | self.operative
        self._phrases = _Phrases()
        env = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, loader=self._phrases,
            bytecode_cache=jinja_bytecode_cache("unres-words"),
        )
        env.filters.update(
            date=self.date,
            ordinal=self.ordinal,
            ordinal_words=self.ordinal_words,
            roman=roman,
            letter=letters,
            capitalize_first=lambda s: s[:1].upper() + s[1:],
        )
        # Data tables (ordinals in words, month names, list letters) for the forms babel and
        # num2words do not write as the UN does: templates index them (tables.ordinals[n - 1]).
        env.globals["tables"] = data.get("tables") or {}
        self.env = env
        self._compiled: dict[str, Any] = {}
        #: Chinese and Arabic issued documents set no italics (opening words, closing).
        self.italic: bool = data.get("italic", True)
        #: The plenary closing's two lines in the language's order (Chinese: date first).
        self.closing_order: tuple[str, ...] = tuple(data.get("closing_order", ("meeting", "date")))

    def date(self, d: dt.date) -> str:
        """A date as the language's issued documents write it: the catalogue's ``date``
        template when it has one (Arabic double month names), else babel's CLDR pattern."""
        if "date" in self.data:
            return str(self.render(self.data["date"], d=d))
        from babel.dates import format_date

        return str(format_date(d, format=self.data.get("date_format", "long"), locale=self.locale))

    def masthead_date(self, d: dt.date) -> str:
        """The date of issue in the masthead: Russian, Chinese and Arabic documents print
        it in English, like the Distr. line (``masthead_language``)."""
        other = self.data.get("masthead_language")
        return catalogue(other).date(d) if other and other != self.lang else self.date(d)

    def ordinal(self, n: int) -> str:
        return number_words(self.lang, "ordinal_num", n)

    def ordinal_words(self, n: int) -> str:
        return number_words(self.lang, "ordinal", n)

    def plural(self, n: int) -> str:
        """The CLDR plural category of ``n`` in the catalogue's language (babel's rules):
        Russian one/few/many (1, 21 / 2–4 / 5–20), Arabic zero/one/two/few/many/other,
        French and Spanish one/other, Chinese other."""
        from babel import Locale

        return str(Locale.parse(self.locale).plural_form(n))

    def word(self, path: str, **values: Any) -> Any:
        """The catalogue entry at ``a.b.c``, rendered with ``values`` when it is text. An entry
        whose keys are CLDR plural categories (``one:``, ``few:`` …, ``other:`` required) is the
        form for the count ``n`` in ``values``."""
        node: Any = self.words
        for part in path.split("."):
            numbered = isinstance(node, dict) and part.isdigit() and int(part) in node
            node = node[int(part)] if numbered else node[part]
        if isinstance(node, dict) and "other" in node and set(node) <= PLURAL_CATEGORIES and "n" in values:
            node = node.get(self.plural(values["n"]), node["other"])
        if isinstance(node, str):
            return self.typed(self.render(node, **values))
        if isinstance(node, list):
            return [self.typed(self.render(x, **values)) for x in node]
        return node

    def typed(self, text: str) -> str:
        """Generated words with the house style's apostrophe."""
        return text.replace("’", self.apostrophe) if self.apostrophe else text

    def number_format(self, template: str) -> NumberFormat | None:
        """A label template (``"({{ n|letter }})"``) as a list number format, read from Jinja's
        own parse of it: text, then ``n`` through known filters, then text; else ``None``."""
        from jinja2 import nodes

        body = self.env.parse(template).body
        if len(body) != 1 or not isinstance(body[0], nodes.Output):
            return None
        texts: list[str] = [""]
        style: NumberStyle | None = None
        for node in body[0].nodes:
            if isinstance(node, nodes.TemplateData):
                texts[-1] += node.data
            elif style is None and (style := _number_style(node)) is not None:
                texts.append("")
            else:
                return None
        return NumberFormat(texts[0], style, texts[1]) if style is not None else None

    def render(self, template: str, **values: Any) -> str:
        if "{" not in template:
            return template
        compiled = self._compiled.get(template)
        if compiled is None:
            compiled = self._compiled[template] = self.env.get_template(self._phrases.name(template))
        return compiled.render(**values)


def _number_style(node: Any) -> NumberStyle | None:
    """``n`` through a chain of argument-free filters, as a list style (``n|roman|lower``)."""
    from jinja2 import nodes

    filters: list[str] = []
    def bare(f: nodes.Filter) -> bool:
        return not (f.args or f.kwargs or f.dyn_args or f.dyn_kwargs)

    while isinstance(node, nodes.Filter) and bare(node):
        filters.insert(0, node.name)
        node = node.node
    if not (isinstance(node, nodes.Name) and node.name == "n"):
        return None
    return _STYLES.get(tuple(filters))


# Numbers in words are num2words' ("fifty-second", "70th"). Importing num2words imports
# every language it has (a twentieth of a cold HTML+DOCX build), so its words for 1 …
# NUMBERS_KEPT are kept in the user's cache folder, per language and num2words version,
# written the first time a number is asked for: later builds import num2words only for a
# larger number, and an unusable cache folder only means importing it every time.
NUMBERS_KEPT = 300
_KINDS = ("ordinal", "ordinal_num")


def number_words(lang: str, to: str, n: int) -> str:
    """``num2words(n, to=to, lang=lang)``, from the kept table when ``n`` is in it."""
    kept = _kept_numbers(lang)
    key = f"{to} {n}"
    if key in kept:
        return kept[key]
    from num2words import num2words

    words = str(num2words(n, to=to, lang=lang))
    if not kept and to in _KINDS and 0 < n <= NUMBERS_KEPT:
        kept.update(_keep_numbers(lang))
    return words


def _numbers_file(lang: str) -> Path | None:
    """The kept table's file, named by num2words' version (``None``: version not found)."""
    import importlib.util

    from pipeline.paths import cache_folder

    spec = importlib.util.find_spec("num2words")
    if spec is None or not spec.origin:
        return None
    site = Path(spec.origin).parent.parent
    try:
        dist = sorted(n for n in os.listdir(site) if n.startswith("num2words-") and n.endswith(".dist-info"))
    except OSError:
        return None
    if len(dist) != 1:
        return None
    version = dist[0].removeprefix("num2words-").removesuffix(".dist-info")
    return cache_folder() / "numbers" / f"{lang}-num2words-{version}.json"


@lru_cache(maxsize=16)
def _kept_numbers(lang: str) -> dict[str, str]:
    path = _numbers_file(lang)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _keep_numbers(lang: str) -> dict[str, str]:
    """num2words' words for 1 … NUMBERS_KEPT of each kind, written to the cache (atomically)."""
    import tempfile

    from num2words import num2words

    table = {"kept": str(NUMBERS_KEPT)}  # never empty: a language without these kinds is tried once
    numbers = range(1, NUMBERS_KEPT + 1)
    for to in _KINDS:
        try:
            table.update({f"{to} {n}": str(num2words(n, to=to, lang=lang)) for n in numbers})
        except Exception:  # a kind this language lacks: asked for, it fails as before
            continue
    path = _numbers_file(lang)
    if path is None:
        return table
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(table, fh, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return table


@lru_cache(maxsize=16)
def catalogue(lang: str, style: str = "") -> Catalogue:
    """The language's catalogue; with ``style``, its words as that house style prints them."""
    path = Path(TEMPLATES) / "lang" / f"{lang}.yaml"
    from pipeline.paths import read_yaml

    return Catalogue(read_yaml(path), style)
