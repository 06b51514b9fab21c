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

from babel.dates import get_month_names

from pipeline.transforms.words import Catalogue, roman

_SAMPLE_DATE = dt.date(2000, 12, 31)
_ITEM = r"\d+(?: \([a-z]+\))?"


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

    def _pattern(self, key: str, groups: dict[str, str], **values) -> re.Pattern[str]:
        markers = {name: _marker(i) for i, name in enumerate(groups)}
        return _fill(self.cat.word(key, **values, **markers), groups)

    # -- dates --------------------------------------------------------------
    @cached_property
    def months(self) -> dict[str, int]:
        names = get_month_names("wide", locale=self.cat.locale)
        return {str(name).casefold(): n for n, name in names.items()}

    @cached_property
    def date_rx(self) -> str:
        text = re.escape(self.cat.date(_SAMPLE_DATE))
        month = "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True))
        name = re.escape(str(get_month_names("wide", locale=self.cat.locale)[12]))
        text = text.replace(name, f"(?P<month>{month})", 1)
        text = text.replace("2000", r"(?P<year>\d{4})", 1).replace("31", r"(?P<day>\d{1,2})", 1)
        return text

    def date(self, text: str) -> dt.date | None:
        """``"12 December 1997"`` → the date, or ``None``."""
        m = re.fullmatch(self.date_rx, text.strip(), re.IGNORECASE)
        if not m:
            return None
        try:
            return dt.date(int(m["year"]), self.months[m["month"].casefold()], int(m["day"]))
        except ValueError:
            return None

    # -- masthead ---------------------------------------------------------------
    @cached_property
    def sessions(self) -> dict[str, int | str]:
        out: dict[str, int | str] = {self.cat.word("session", session=n).casefold(): n for n in range(1, 201)}
        for key, prefix in (("session_special", "S"), ("session_emergency", "ES")):
            if key in self.cat.words:
                out.update({self.cat.word(key, session=n).casefold(): f"{prefix}-{n}" for n in range(1, 61)})
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
        name = self.cat.data.get("name", self.cat.lang)
        prefix = self.cat.word("original", language=_marker(0)).split(_marker(0))[0].strip()
        return text.casefold() == self.cat.word("original", language=name).casefold() or (
            bool(prefix) and text.casefold().startswith(prefix.casefold())
        )

    def fixed(self, key: str, text: str) -> bool:
        """Whether ``text`` is the catalogue word ``key`` (case and trailing comma ignored)."""
        return text.rstrip(",:").strip().casefold() == self.cat.word(key).casefold()

    @cached_property
    def heading_rx(self) -> re.Pattern[str]:
        dated = re.escape(self.cat.word("heading.dated", adopted=_SAMPLE_DATE))
        dated = dated.replace(re.escape(self.cat.date(_SAMPLE_DATE)), f"(?P<date>{self.date_rx})")
        plain = re.escape(self.cat.word("heading.plain"))
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
    @cached_property
    def plenary_rx(self) -> re.Pattern[str]:
        sample = self.cat.word("plenary", meeting=7)
        rx = re.escape(sample).replace(re.escape(self.cat.ordinal(7)), r"(?P<meeting>\d+)\w*", 1)
        return re.compile(rf"^{rx}(?:\s+(?P<date>{self.date_rx}))?$", re.IGNORECASE)

    def plenary(self, text: str) -> tuple[int, dt.date | None] | None:
        """``"70th plenary meeting"`` (optionally followed by the date) → (70, date)."""
        m = self.plenary_rx.match(text)
        if not m:
            return None
        meeting = int(m["meeting"])
        if self.cat.word("plenary", meeting=meeting).casefold() not in text.casefold():
            return None  # "70st" is not an ordinal the catalogue writes
        return meeting, self.date(m["date"]) if m["date"] else None

    def opens(self, text: str) -> bool:
        """Whether ``text`` starts with a catalogue opening phrase ("Recalling", "Requests" ...)."""
        return any(
            text.startswith(phrase) and not text[len(phrase) : len(phrase) + 1].isalnum()
            for phrase in self.cat.preambular + self.cat.operative
        )

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

    def is_furniture(self, text: str, symbol: str | None) -> bool:
        """Page headers and footers of an issued document ("Page 2", "2/3", "18-18418", ...)."""
        t = text.strip()
        return bool(
            (symbol and t == symbol)
            or self.page_rx.match(t)
            or re.fullmatch(r"\d+/\d+|\d{2}-\d{5}(?: \(\w\))?(?: \d+/\d+)?|\*?\d{7}\*?|\d{6}", t)
            or t.casefold() in {self.cat.word("recycle").casefold(), self.cat.word("continued")}
        )
