"""Recognisers for the generated words of an issued resolution, read back from the catalogue.

The transforms write "Fifty-second session", "70th plenary meeting", "Agenda items 15 and
116", "12 December 1997" ... from ``templates/lang/<lang>.yaml``. The importer reads them
back with patterns made from the same entries: each entry is rendered with marker values
and the markers become regex groups, so a new catalogue brings its own recognisers.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import NamedTuple

from babel.dates import get_month_names
from jinja2.exceptions import UndefinedError

from pipeline.model.inline import Openers
from pipeline.transforms.words import Catalogue, letters, roman

_SAMPLE_DATE = dt.date(2000, 12, 31)
_ITEM = r"\d+(?: \([a-z]+\))?"
_SAMPLE_MEETING = 7777

# Chinese numerals, as 1971 prints and copies write years, dates and meetings
# ("一九七一年十月二十五日", "第一九七六次全體會議", "二七五八 (二十六)").
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CJK_NUMBER = re.compile("[〇零一二三四五六七八九十廿百千]+")


class Meeting(NamedTuple):
    """A plenary line as read: the meeting's number, its date when on the same line, and
    whether it was a resumed meeting ("69th (resumed) plenary meeting", A/RES/80/245)."""

    number: int
    date: dt.date | None
    resumed: bool = False


def _cjk_value(run: str) -> int | None:
    """"一九七六" → 1976 (digit by digit); "二十五" → 25, "十" → 10, "廿六" → 26; else None."""
    if all(c in _CJK_DIGITS for c in run):
        return int("".join(str(_CJK_DIGITS[c]) for c in run)) if len(run) > 1 or run != "〇" else 0
    total = digit = 0
    for c in run:
        if c in _CJK_DIGITS:
            digit = _CJK_DIGITS[c]
        elif c in "十廿":
            total += (digit or 1) * 10 * (2 if c == "廿" else 1)
            digit = 0
        elif c == "百":
            total, digit = total + (digit or 1) * 100, 0
        else:
            total, digit = total + (digit or 1) * 1000, 0
    return total + digit


def western_digits(text: str) -> str:
    """Chinese numerals written as digits, for reading numbers and dates (never stored)."""
    return _CJK_NUMBER.sub(lambda m: str(_cjk_value(m.group(0))), text)


def _opens(text: str, openers: Openers) -> bool:
    return openers.match(text) > 0


def _form_rx(form: str) -> str:
    """A catalogue form with "…" for any text as a regular expression."""
    pieces = [p.strip() for p in form.split("…")]
    out = ""
    for i, piece in enumerate(pieces):
        if i:
            out += (r"\b" if _WORDY.match(out[-1:] or " ") else "") + ".*"
            out += r"\b" if _WORDY.match(piece[:1] or " ") else ""
        out += re.escape(piece)
    return out


_WORDY = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF\u0600-\u06FF]")  # letters of spaced scripts


def _month_key(name: object) -> str:
    """A month name folded for look-up: one space between words, none around a slash."""
    return re.sub(r"\s*/\s*", "/", " ".join(str(name).split())).casefold()


def _spaces(rx: str) -> str:
    """An escaped rendering whose spaces match any run of white space (or none around a slash)."""
    return rx.replace(r"\ ", r"\s+").replace("/", r"\s?/\s?")


def _marker(i: int) -> str:
    return f"Qq{i}qQ"


def _fill(text: str, groups: dict[str, str]) -> re.Pattern[str]:
    """Regex for rendered ``text`` whose markers (in ``groups`` order) become named groups."""
    rx = re.escape(text)
    for i, (name, group) in enumerate(groups.items()):
        rx = rx.replace(_marker(i), f"(?P<{name}>{group})")
    return re.compile(rf"^{rx}$", re.IGNORECASE)


class Words:
    """Patterns and look-ups for one catalogue's generated words."""

    def __init__(self, cat: Catalogue):
        self.cat = cat

    def also(self, key: str) -> list[str]:
        """Other forms of a catalogue word that issued texts and their copies print
        (``also:`` in the catalogue: "1976a. sesión plenaria", Traditional "大會" ...)."""
        return list((self.cat.data.get("also") or {}).get(key) or ())

    def _pattern(self, key: str, groups: dict[str, str], **values) -> re.Pattern[str]:
        markers = {name: _marker(i) for i, name in enumerate(groups)}
        return _fill(self.cat.word(key, **values, **markers), groups)

    # -- dates --------------------------------------------------------------
    @cached_property
    def months(self) -> dict[str, int]:
        """Month names as the catalogue writes them (its ``tables.months``, or CLDR's), folded."""
        table = (self.cat.data.get("tables") or {}).get("months")
        out = {_month_key(name): n for n, name in enumerate(table or (), 1)}
        for n, name in get_month_names("wide", locale=self.cat.locale).items():
            out.setdefault(_month_key(name), n)
        return out

    @cached_property
    def date_rx(self) -> str:
        """The catalogue's date form with day, month (name or number) and year as groups."""
        text = re.escape(self.cat.date(_SAMPLE_DATE))
        text = text.replace("2000", r"(?P<year>\d{4})", 1).replace("31", r"(?P<day>\d{1,2})", 1)
        names = sorted(self.months, key=len, reverse=True)
        month = "|".join(re.escape(m).replace(r"\ ", r"\s+").replace("/", r"\s*/\s*") for m in names)
        table = (self.cat.data.get("tables") or {}).get("months") or []
        for form in [*table[11:12], str(get_month_names("wide", locale=self.cat.locale)[12])]:
            if re.escape(form) in text:
                text = text.replace(re.escape(form), f"(?P<month>{month})", 1)
                break
        else:
            text = text.replace("12", r"(?P<number>\d{1,2})", 1)
        return text.replace(r"\ ", r"\s+")

    def date(self, text: str) -> dt.date | None:
        """``"12 December 1997"``, ``"一九七一年十月二十五日"`` → the date, or ``None``."""
        m = re.fullmatch(self.date_rx, western_digits(text.strip()).rstrip(".。"), re.IGNORECASE)
        if not m:
            return None
        named = m.groupdict().get("month")
        month = self.months.get(_month_key(named)) if named else int(m["number"])
        try:
            return dt.date(int(m["year"]), month or 0, int(m["day"]))
        except ValueError:
            return None

    # -- masthead ---------------------------------------------------------------
    @cached_property
    def sessions(self) -> dict[str, int | str]:
        out: dict[str, int | str] = {}
        keys = [("session", "", 200), ("session_special", "S-", 60), ("session_emergency", "ES-", 60)]
        for key, prefix, last in keys:
            if key not in self.cat.words:
                continue
            for n in range(1, last + 1):
                try:
                    out[self.cat.word(key, session=n).casefold()] = f"{prefix}{n}" if prefix else n
                except UndefinedError:  # past the catalogue's table of ordinals in words
                    break
        return out

    def session(self, text: str) -> int | str | None:
        """"Fifty-second session" → 52; "Eleventh emergency special session" → "ES-11"."""
        return self.sessions.get(" ".join(text.split()).casefold())

    @cached_property
    def agenda_rx(self) -> list[re.Pattern[str]]:
        items = {"items": rf"{_ITEM}(?:(?:,| and| &) {_ITEM})*"}
        one = self.cat.word("agenda.one", items=[_marker(0)])
        many = self.cat.word("agenda.many", items=[_marker(0), _marker(1)]).split(_marker(0))[0]
        return [_fill(one, items), _fill(many + _marker(0), items)]

    def agenda(self, text: str) -> list[int | str] | None:
        for rx in self.agenda_rx:
            m = rx.match(text)
            if m:
                return [int(i) if i.isdigit() else i for i in re.findall(_ITEM, m["items"])]
        return None

    def distribution(self, text: str) -> tuple[str, bool] | None:
        """``"Distr.: General"`` → ("general", False); ``"Distr. GENERAL"`` → ("general", True)."""
        folded = " ".join(text.split()).casefold()
        for kind in self.cat.words["distribution"]:
            if folded == self.cat.word(f"distribution.{kind}").casefold():
                return kind, False
            if folded == " ".join(self.cat.word(f"distribution_1998.{kind}")).casefold():
                return kind, True
        return None

    @cached_property
    def distr_head(self) -> str:
        """The first line of the stacked 1998 form ("Distr.")."""
        return self.cat.word("distribution_1998.general")[0]

    def is_original(self, text: str) -> bool:
        """An "Original:" line, its colon set apart or not ("Original : anglais", the catalogue's
        French; "Original: anglais", A/53/250), in any case (the catalogue's form upper-cases the
        language, and with it the marker the prefix is cut at)."""
        name = self.cat.data.get("name", self.cat.lang)
        form = self.cat.word("original", language=_marker(0))
        prefix = _colon(re.split(re.escape(_marker(0)), form, flags=re.IGNORECASE)[0].strip())
        return _colon(text) == _colon(self.cat.word("original", language=name)) or (
            bool(prefix) and _colon(text).startswith(prefix)
        )

    def is_name(self, text: str) -> bool:
        """A masthead line that names the Organization or the organ ("United Nations", "General
        Assembly"), case ignored."""
        names = (self.cat.word("united_nations"), self.cat.word("organ"))
        return text.casefold() in (str(n).casefold() for n in names)

    def is_own_language(self, text: str) -> bool:
        """The line of a translation's masthead that names its own language, above "Original:"
        ("Français", A/53/250; "Español", A/57/551; "Arabic", A/65/L.78): the catalogue's
        ``own_language`` or ``own_language_modern``, case ignored."""
        words = (self.cat.word(k) for k in ("own_language", "own_language_modern"))
        return text.strip().casefold() in {str(w).casefold() for w in words}

    def original(self, text: str) -> str | bool:
        """The language an "Original: English" line names, as ``original:`` takes it: its code
        ("en"), the name read as the catalogue's language, its masthead's (Russian, Chinese and
        Arabic mastheads: English) or English names it ("anglais", "inglés", "English"); True
        (the document's own language) where the line names no language unres has a catalogue for."""
        from babel import Locale

        from pipeline.source.schema import LANGUAGES

        name = re.split(r"[:：]", text, maxsplit=1)[-1].strip().casefold()
        locales = (self.cat.locale, self.cat.data.get("masthead_language") or "en", "en")
        for locale in locales:
            names = Locale.parse(locale).languages
            found = next((code for code in LANGUAGES if names[code].casefold() == name), None)
            if found:
                return found
        return True

    def fixed(self, key: str, text: str) -> bool:
        """Whether ``text`` is the catalogue word ``key`` (case and trailing comma ignored)."""
        folded = text.rstrip(",:،，：").strip().casefold()
        return folded in {str(w).casefold() for w in (self.cat.word(key), *self.also(key))}

    @cached_property
    def heading_rx(self) -> re.Pattern[str]:
        # a space may be missing: pdftotext -raw glues words a PDF sets apart by position ("Resolution
        # adopted by the GeneralAssembly", A/RES/ES-11/4)
        def loose(words: str) -> str:
            return re.escape(words).replace(r"\ ", " ?")

        dated = loose(self.cat.word("heading.dated", adopted=_SAMPLE_DATE))
        dated = dated.replace(loose(self.cat.date(_SAMPLE_DATE)), f"(?P<date>{self.date_rx})")
        plain = loose(self.cat.word("heading.plain"))
        return re.compile(rf"^(?:{dated}|{plain})$", re.IGNORECASE)

    def heading(self, text: str) -> tuple[bool, dt.date | None] | None:
        """A heading line → (in capitals, adoption date or ``None``), or ``None``."""
        m = self.heading_rx.match(text)
        if not m:
            return None
        return text.isupper(), self.date(m["date"]) if m["date"] else None

    @cached_property
    def provenance_rx(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        report = {"report": r"[^()]+"}
        return (
            self._pattern("provenance.committee", {"committee": ".+", **report}),
            self._pattern("provenance.plenary", report),
        )

    def provenance(self, text: str) -> tuple[int | None, str] | None:
        """``"on the report of the Third Committee (A/52/639)"`` → (3, "A/52/639")."""
        committee_rx, plenary_rx = self.provenance_rx
        m = plenary_rx.match(text)
        if m:
            return None, m["report"].strip()
        m = committee_rx.match(text)
        if not m:
            return None
        name = m["committee"].casefold()
        for n, full in self.cat.words["committees"].items():
            full = str(full).casefold()
            if name == full or f"({name})" in full:
                return int(n), m["report"].strip()
        return None

    # -- body ---------------------------------------------------------------------
    def _meeting_rx(self, template: str) -> re.Pattern[str]:
        """A plenary-line template → a regex with a ``meeting`` group."""
        sample = self.cat.render(template, meeting=_SAMPLE_MEETING)
        at = sample.index(str(_SAMPLE_MEETING))
        head, rest = sample[:at], sample[at + len(str(_SAMPLE_MEETING)) :]
        glued = re.match(r"[-.]?[^\W\d_]{0,3}\.?(?=\s)", rest)  # "th", "e", "ª", "-е", "a."
        tail = rest[glued.end() :] if glued else rest
        rx = f"{_spaces(re.escape(head))}(?P<meeting>\\d+)"
        rx += r"(?:[-.]?[^\W\d_]{1,3}\.?)?" if glued else ""
        return re.compile(f"{rx}{_spaces(re.escape(tail))}", re.IGNORECASE)

    def _plenary_templates(self, resumed: bool) -> list[str]:
        """The catalogue's forms of the plenary line: of a resumed meeting ("69th (resumed)
        plenary meeting", ``plenary_resumed``, only where the catalogue has one) or not."""
        key = "plenary_resumed" if resumed else "plenary"
        own = [self.cat.words[key]] if key in self.cat.words else []
        return [*own, *self.also(key)]

    @cached_property
    def plenary_forms(self) -> list[tuple[re.Pattern[str], bool]]:
        """(regex, resumed) for every form: a resumed meeting's first, as the plain form is not
        found inside it."""
        return [(self._meeting_rx(t), resumed) for resumed in (True, False)
                for t in self._plenary_templates(resumed)]

    def plenary(self, text: str) -> Meeting | None:
        """``"70th plenary meeting"``, optionally with its date on the same line in either order
        ("1976th plenary meeting, 25 October 1971."; "一九七一年十月二十五日, 第一九七六次全體會議。")
        → (70, date, resumed); "69th (resumed) plenary meeting" → (69, None, True)."""
        t = western_digits(" ".join(text.split())).rstrip(".。")
        for rx, resumed in self.plenary_forms:
            for m in (rx.fullmatch(t), rx.match(t), rx.search(t)):
                if m is None:
                    continue
                before, after = t[: m.start()].strip(" ,،，、"), t[m.end() :].strip(" ,،，、")
                if before and after:
                    continue
                date = self.date(before or after) if (before or after) else None
                if (before or after) and date is None:
                    continue
                meeting = int(m["meeting"])
                if not self._written(t, meeting, resumed):
                    continue  # "70st" is not an ordinal the catalogue writes
                return Meeting(meeting, date, resumed)
        return None

    def _written(self, text: str, meeting: int, resumed: bool = False) -> bool:
        """Whether one of the catalogue's forms of meeting ``meeting`` is in ``text``."""
        folded = " ".join(text.split()).casefold()
        forms = self._plenary_templates(resumed)
        return any(self.cat.render(t, meeting=meeting).casefold() in folded for t in forms)

    @cached_property
    def item_labels(self) -> list[tuple[str, str]]:
        """Sub-paragraph labels as the catalogue prints them ("(a)", "a)", Cyrillic "а)", "(أ)")
        with the letter or numeral each stands for ("a", "i"), longest first."""
        out: dict[str, str] = {}
        for n in range(1, 27):
            out.setdefault(str(self.cat.word("labels.sub", n=n)), letters(n))
        for n in range(1, 13):
            out.setdefault(str(self.cat.word("labels.subsub", n=n)), roman(n).lower())
        return sorted(out.items(), key=lambda kv: -len(kv[0]))

    def item(self, text: str) -> str | None:
        """The label of a sub-paragraph line as a letter or numeral ("(a)", "а)" → "a"), or None."""
        m = re.match(r"\(([a-z]{1,3})\)\s", text)
        if m:
            return m.group(1)
        return next((value for label, value in self.item_labels
                     if text.startswith(label) and text[len(label) : len(label) + 1].isspace()), None)

    def opens(self, text: str) -> bool:
        """Whether ``text`` starts with a catalogue opening phrase ("Recalling", "Requests" ...)."""
        return self.opens_operative(text) or _opens(text, self.cat.preambular)

    def opens_operative(self, text: str) -> bool:
        """Whether ``text`` starts with an operative opening phrase ("Resolves", "Decides" ...)."""
        return _opens(text, self.cat.operative)

    @cached_property
    def adopting_rx(self) -> re.Pattern[str] | None:
        """The catalogue's adopting sentences (``adopting:`` and its ``also:``) as one pattern:
        "…" any text, a word boundary where a letter of a Latin, Cyrillic or Arabic word meets it."""
        forms = [*(self.cat.data.get("adopting") or ()), *self.also("adopting")]
        return re.compile("|".join(f"(?:{_form_rx(f)})" for f in forms)) if forms else None

    def adopts(self, text: str) -> bool:
        """Whether ``text`` is an adopting sentence ("Adopts the following Declaration:", A/RES/55/2;
        "Adopte la Déclaration suivante :", "Aprueba la siguiente Declaración:", "通過以下宣言:")."""
        return bool(self.adopting_rx and self.adopting_rx.fullmatch(text))

    @cached_property
    def annex_rx(self) -> re.Pattern[str]:
        many = re.escape(self.cat.word("annex.many", number=4)).replace(
            re.escape(roman(4)), "(?P<number>[IVXLC]+)"
        )
        return re.compile(rf"^(?:{re.escape(self.cat.word('annex.one'))}|{many})$", re.IGNORECASE)

    def annex(self, text: str) -> bool:
        return bool(self.annex_rx.match(text))

    @cached_property
    def page_rx(self) -> re.Pattern[str]:
        return _fill(self.cat.render(self.cat.words["page_1998"], page=_marker(0)), {"page": r"\d+"})

    def is_furniture(self, text: str, symbol: str | None, alone: bool = False) -> bool:
        """Page headers and footers of an issued document ("Page 2", "2/3", "18-18418", ...); also
        several side by side on one line, unless ``alone``."""
        t = " ".join(text.split())
        words = t.split(" ")
        if not alone and 1 < len(words) <= 6 and any(
            self.is_furniture(" ".join(words[:k]), symbol) and self.is_furniture(" ".join(words[k:]), symbol)
            for k in range(1, len(words))
        ):
            return True  # side by side, as pdftotext prints a page's foot ("*1345517* Please recycle")
        return bool(
            (symbol and t == symbol)
            or self.page_rx.match(t)
            or re.fullmatch(r"\d+/\d+|\d{2}-\d{5}(?: \(\w\))?(?: \d+/\d+)?|\*?\d{7}\*?|\d{6}", t)
            or t.casefold() in {self.cat.word("recycle").casefold(), self.cat.word("continued")}
        )


def _colon(text: str) -> str:
    """``text`` folded, with no space before a colon ("Original : anglais" → "original: anglais")."""
    return re.sub(r"\s+([:：])", r"\1", text).casefold()
