"""Footnotes: key every note, point every call at its key, report what does not match.

Calls arrive as ``[^#label]`` (the printed label). A note called again under the same
number (to the 73rd session) or printed again with the same text under a new number
(from the 74th) becomes one keyed note called twice, unless its text is a reference to the
note before it ("Ibid.", "Ibid., Supplement No. 53A …"): two such notes under different
numbers follow different notes (A/RES/80/243 notes 44 and 50), so each keeps its own. Keys are
read off the note: the
first document symbol in it (``A/52/274`` → ``a-52-274``), else ``note-<label>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.importer.reading import PLACEHOLDER, Note

# a note that refers to the note printed before it (en/fr "Ibid.", es "Ibíd.", ru "Там же",
# zh "同上", ar "المرجع نفسه"): never the same note as an earlier one of the same text
_RELATIVE = re.compile(r"^(?:Ibid\b|Ibíd\b|Там же|同上|المرجع نفسه)", re.IGNORECASE)
_DOC_SYMBOL = re.compile(r"\b([A-Z]{1,2}(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+)")


def _slug(note: Note) -> str:
    """The note's key: its first document symbol, a joint one whole ("A/51/889-S/1997/357" →
    ``a-51-889-s-1997-357``) whether its hyphen is a no-break one (U+2011, as the issued text
    prints it) or a plain one (as a PDF's text layer gives the no-break hyphen)."""
    m = _DOC_SYMBOL.search(re.sub(r"[*_]", "", note.text).replace("\u2011", "-"))
    if m and "/" in m.group(1):
        return re.sub(r"[^a-z0-9]+", "-", m.group(1).lower()).strip("-")
    return f"note-{note.label}"


class Keys:
    """The notes of one document and the key of each printed label."""

    def __init__(self, notes: list[Note], texts: Iterable[tuple[int, str]]):
        self.warnings: list[tuple[int, str]] = []
        self.texts: dict[str, str] = {}  # key → note text, in order of first call
        self.lines: dict[str, int] = {}  # key → line of the note text in the input
        self.key: dict[str, str] = {}  # printed label → key ("" when the note is missing)
        self.notes: dict[str, Note] = {}
        for note in notes:
            if not note.text.strip():
                self.warnings.append((note.line, f"footnote {note.label} has no text; left out"))
            elif note.label in self.notes:
                self.warnings.append((note.line, f"footnote {note.label} printed twice; the first is kept"))
            else:
                self.notes[note.label] = note
        self.by_text: dict[str, str] = {}
        self.expected = 1
        for line, text in texts:
            for m in PLACEHOLDER.finditer(text):
                if m.group(1) not in self.key:
                    self._first_call(line, m.group(1))
        for label, note in self.notes.items():
            if label not in self.key:
                self.warnings.append(
                    (note.line, f"footnote {label} is never called; left out: {note.text[:60]}")
                )

    def _first_call(self, line: int, label: str) -> None:
        note = self.notes.get(label)
        if note is None:
            self.warnings.append(
                (line, f"footnote {label} is called but its text was not found; call left out")
            )
            self.key[label] = ""
            return
        if note.guessed:
            why = "its call was not found in the text; called at the end of the text before the note"
            self.warnings.append((note.line, f"footnote {label}: {why} (check where the issue calls it)"))
        if label.isdigit():
            if int(label) != self.expected:
                self.warnings.append((line, f"footnote {label} called where {self.expected} was expected"))
            self.expected = int(label) + 1
        same = " ".join(note.text.split())
        if same in self.by_text and not _RELATIVE.match(same):  # printed again under a new number
            self.key[label] = self.by_text[same]
            return
        key = base = _slug(note)
        n = 1
        while key in self.texts:
            n += 1
            key = f"{base}-{n}"
        self.key[label] = self.by_text[same] = key
        self.texts[key], self.lines[key] = note.text, note.line

    def apply(self, text: str) -> str:
        """``[^#1]`` → ``[^a-52-274]``; a call to a missing note is dropped."""
        return PLACEHOLDER.sub(
            lambda m: f"[^{self.key[m.group(1)]}]" if self.key.get(m.group(1)) else "", text
        )
