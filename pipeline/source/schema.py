"""The source format, as a JSON Schema (draft 2020-12).

This dict is the one definition of the YAML format: ``unres schema`` prints it for
editors, and the loader validates against it (pipeline/source.py interprets the subset
of JSON Schema used here), so what an editor completes and what ``unres check`` accepts
cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.model import DECISION_KINDS
from pipeline.model.instructions import SHAPES
from pipeline.paths import TEMPLATES

#: Languages with a word catalogue under templates/lang/ (a new language is a new file).
LANGUAGES = sorted(p.stem for p in (Path(TEMPLATES) / "lang").glob("*.yaml"))

#: A resolution symbol: A/RES/52/102, A/RES/52/38 A (a lettered part), A/RES/ES-10/23,
#: A/RES/S-27/2, and the numbering before the thirty-first session, A/RES/2625 (XXV).
SYMBOL = (
    r"^A/RES/(?:(?:ES|S)-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4}|\d{1,4}(?: [A-Z])? ?\([IVXL]+\))"
    r"(?: ?[A-Z](?:-[A-Z])?)?$"
)
#: One document in a committee line: a full symbol (A/52/639, A/73/L.6/Add.1, A/C.3/52/L.5/Rev.1)
#: or, after the first, a short form continuing the one before ("Add.1", "Corr.1", "Rev.1/Add.2").
_DOC = r"[A-Z]{1,2}(?:/[A-Za-z0-9.()\-]+)+"
_SHORT = r"(?:Add|Corr|Rev|Amend)\.\d+(?:/(?:Add|Corr|Rev|Amend)\.\d+)*"
_PARAS = r", paras?\. \d+(?: ?\([a-z]\))?(?:(?:, | and |[-–])\d+(?: ?\([a-z]\))?)*"
#: The documents of a committee or plenary line: "A/73/L.6 and A/73/L.6/Add.1",
#: "A/52/L.5/Rev.1 and Add.1", "A/52/639 and Corr.1", "A/80/401, para. 6",
#: "A/72/433 and A/72/433/Corr.1", "A/51/L.1, Add.1 and Add.2".
DOC_SYMBOL = rf"^{_DOC}(?:{_PARAS})?(?:(?:, | and )(?:{_DOC}|{_SHORT})(?:{_PARAS})?)*$"
#: A session: 52 (regular), "S-27" (special), "ES-11" (emergency special).
SESSION = r"^(?:S|ES)-\d{1,2}$"
#: Symbols of L documents: drafts (A/73/L.3, A/C.3/78/L.41, A/ES-10/L.27), revisions (…/Rev.1),
#: addenda (…/Add.1), corrigenda (…/Corr.1) and amendment documents (their own L numbers).
L_SYMBOL = r"^A/(C\.[1-6]/)?(ES-\d{1,2}/|S-\d{1,2}/)?\d{1,3}/L\.\d{1,4}(/Rev\.\d+)?(/(Add|Corr)\.\d+)?$"
#: What a source is: the adopted resolution or one stage of the draft cycle (docs/cycle.md).
#: A draft decision (DECISION_KINDS) is one paragraph, its words under ``decision:``.
KINDS = ("resolution", "draft", "revised-draft", *DECISION_KINDS, "addendum", "corrigendum", "amendment")

#: What each key of an amendment instruction holds (docs/cycle.md); the shapes are
#: pipeline.model.instructions' (the loader checks them there, with the nearest valid form).
_ADDRESS = {"type": "string", "description": "A paragraph's address: title, pp3, op5, op5.b, sec2, annex1.p2"}
_WORDS = {"type": "string", "minLength": 1}
_INSTRUCTION_KEYS: dict[str, dict[str, Any]] = {
    "at": {"oneOf": [_ADDRESS, {
        "type": "array", "minItems": 2, "uniqueItems": True,
        "items": {"type": "string", "pattern": r"^(?:[A-Z]\.)?(?:pp|op)\d+$"},
        "description": "Several preambular or operative paragraphs of one kind, in the order of the text, "
        "each edited alike by one instruction: {at: [op27, op43], delete: …} prints 'In operative "
        "paragraphs 27 and 43, delete “…”.' (A/C.3/80/L.64)",
    }]},
    "replace": _WORDS, "with": {}, "delete": _WORDS, "insert": _WORDS,
    "after": {"type": "string"}, "before": {"type": "string"}, "fill": _ADDRESS,
    "insert_paragraphs": {"type": "array", "minItems": 1},
    "delete_paragraph": _ADDRESS,
    "delete_paragraphs": {
        "type": "array", "minItems": 2, "uniqueItems": True,
        "items": {"type": "string", "pattern": r"^(?:[A-Z]\.)?(?:pp|op)\d+$"},
        "description": "Several preambular or operative paragraphs of one kind, in the order of the text, "
        "deleted by one instruction: [op5, op6, op10, op13] prints 'Delete operative paragraphs 5, 6, 10 "
        "and 13.' (A/80/L.35)",
    },
    "move": _ADDRESS, "replace_paragraph": _ADDRESS, "replace_footnote": {"type": ["string", "integer"]},
    "text": {"type": "string", "minLength": 1, "description": "An instruction kept as written"},
}
INSTRUCTION_SHAPES: list[dict[str, Any]] = [
    {"required": sorted(keys), "properties": {k: _INSTRUCTION_KEYS[k] for k in sorted(keys)},
     "additionalProperties": False}
    for keys, _ in SHAPES
]

INLINE = (
    "Text with inline markup: *italic*, **bold**, footnote calls [^key] naming a note "
    "under `footnotes:`. A paragraph's opening phrase is italicised automatically."
)

_text: dict[str, Any] = {"type": "string", "minLength": 1, "description": INLINE}

#: Sub-paragraphs nest as issued texts nest them: (a) → (i) → a. → i. (four levels).
MAX_DEPTH = 4

_quote: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "items": _text,
    "description": "A quoted text printed as an indented block after the paragraph's own text "
    "(an amended rule, a quoted article): one entry per quoted paragraph, its words, labels and "
    "quotation marks as printed.",
}


def _item(depth: int) -> dict[str, Any]:
    """A sub-paragraph at ``depth`` (1: (a), 2: (i), 3: a., 4: i.); the deepest has no items."""
    props: dict[str, Any] = {"text": _text, "quote": _quote}
    if depth < MAX_DEPTH:
        props["items"] = {"type": "array", "items": {"$ref": f"#/$defs/item{depth + 1}"}, "minItems": 1}
    return {
        "description": f"A sub-paragraph (level {depth} of {MAX_DEPTH}: (a), (i), a., i.): text, or "
        "text with its own sub-paragraphs or a quoted block.",
        "oneOf": [_text, {"type": "object", "properties": props, "required": ["text"],
                          "additionalProperties": False}],
    }  # fmt: skip


_cell: dict[str, Any] = {
    "type": "string",
    "description": "A table cell as printed (inline markup and footnote calls allowed; '' empty). "
    "Numbers are written in quotes ('0.010') so they print as written. A call of one of the "
    "table's own notes is written as a footnote call with the note's marker as its key: "
    "'Geneva[^a]' calls the note 'a Includes …' under the table (printed raised: Geneva\u1d43).",
}
_table: dict[str, Any] = {
    "type": "object",
    "description": "A table as issued in annexes: a header row and rows of cells, each row as many "
    "cells as the header, and the notes printed under it.",
    "properties": {
        "caption": {"type": "string", "minLength": 1, "description": "Printed above the table."},
        "header": {"type": "array", "minItems": 1, "items": _cell, "description": "The column heads."},
        "rows": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "minItems": 1, "items": _cell},
            "description": "The rows, each a list of cells (the first cell heads its row).",
        },
        "notes": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "minLength": 1},
            "description": "Notes printed under the table in its smaller type, one entry a line as issued "
            "('Abbreviations: GS (OL), General Service (Other level).', 'a Includes …'); inline markup "
            "and footnote calls allowed. A note opening with a marker (one lower-case letter or one to "
            "three asterisks, '\\* Provisional.') is called from a cell by it: '[^a]', '[^*]'.",
        },
    },
    "required": ["header", "rows"],
    "additionalProperties": False,
}

#: A paragraph's sub-paragraphs (an operative paragraph's, a draft decision's).
_items: dict[str, Any] = {
    "type": "array",
    "items": {"$ref": "#/$defs/item1"},
    "minItems": 1,
    "description": "Sub-paragraphs (a), (b) ...; nested ones (i), (ii) ..., then a., then i. (four levels).",
}

_paragraph: dict[str, Any] = {
    "description": "A preambular or operative paragraph: text, or an object with sub-paragraphs or "
    "a quoted block; in the operative part and annexes also a section, a heading or a table.",
    "oneOf": [
        _text,
        {
            "type": "object",
            "properties": {
                "text": _text,
                "items": _items,
                "quote": _quote,
                "opening": {
                    "type": "boolean",
                    "description": "false: do not italicise the opening phrase automatically.",
                },
                "adopts": {"$ref": "#/$defs/adopts"},
                "numbered": {
                    "type": "boolean",
                    "description": "false: an unnumbered paragraph among the operative ones, printed as "
                    "a preambular paragraph (a section's own preamble, A/RES/80/243); operative only.",
                },
            },
            "required": ["text"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "section": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Starts a section (I, II ... generated) with this heading.",
                }
            },
            "required": ["section"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "heading": {
                    "type": "string",
                    "minLength": 1,
                    "description": "An unnumbered heading ('Article 1', a sub-heading of a section).",
                }
            },
            "required": ["heading"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"table": _table},
            "required": ["table"],
            "additionalProperties": False,
        },
    ],
}

_paragraphs: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/paragraph"}}

#: A text an operative paragraph adopts, printed inline after it (A/RES/55/2: "Adopts the
#: following Declaration:" then the Millennium Declaration): an annex's body with a title.
_adopts: dict[str, Any] = {
    "type": "object",
    "description": "The text this operative paragraph adopts, printed inline after it (a "
    "declaration, a programme of action): its bold title, a subtitle, unnumbered opening "
    "paragraphs, then its own paragraphs (numbered 1., 2. ...), sections and headings, as in an annex.",
    "properties": {
        "title": {"type": "string", "minLength": 1, "description": "Printed bold and centred (a line "
                  "break in it, title: |-, is a printed one)."},
        "subtitle": {"type": "string", "minLength": 1, "description": "Printed under the title (a line "
                     "break in it is a printed one)."},
        "chapeau": {
            **_paragraphs,
            "description": "Unnumbered paragraphs (and headings) before the numbered ones: a "
            "preamble of the adopted text.",
        },
        "numbered": {"type": "boolean", "description": "Number the paragraphs (default true)."},
        "restart": {
            "type": "boolean",
            "description": "Numbering restarts after each heading (articles); a heading's only "
            "paragraph is unnumbered.",
        },
        "paragraphs": {**_paragraphs, "description": "Its paragraphs, sections and headings."},
    },
    "required": ["title", "paragraphs"],
    "additionalProperties": False,
}

_adopted: dict[str, Any] = {
    "type": "object",
    "description": "The plenary meeting that adopted the resolution.",
    "properties": {
        "meeting": {"type": "integer", "minimum": 1, "description": "Plenary meeting number."},
        "date": {"type": "string", "format": "date", "description": "Adoption date, YYYY-MM-DD."},
        "resumed": {
            "type": "boolean",
            "description": "A resumed meeting: '69th (resumed) plenary meeting' (A/RES/80/245).",
        },
    },
    "required": ["meeting", "date"],
    "additionalProperties": False,
}

_body: dict[str, Any] = {
    "preamble": {
        "type": "array",
        "items": {"$ref": "#/$defs/paragraph"},
        "description": "Preambular paragraphs, each ending with a comma.",
    },
    "operative": {
        "type": "array",
        "items": {"$ref": "#/$defs/paragraph"},
        "minItems": 1,
        "description": "Operative paragraphs (numbered automatically).",
    },
    "restart": {
        "type": "boolean",
        "description": "The operative numbering restarts at 1 after each section heading (A/RES/80/243).",
    },
}
_adopted_ref: dict[str, Any] = {"$ref": "#/$defs/adopted"}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://unres.example/schema/resolution.json",
    "title": "unres resolution source",
    "description": "One UN General Assembly resolution. Numbers, ordinals, dates and footnote "
    "numbers are generated from this data.",
    "type": "object",
    "properties": {
        "style": {
            "enum": ["1998", "modern", "2014"],
            "description": "House style; `unres build --style` overrides it.",
        },
        "device": {
            "enum": ["600dpi", "96dpi"],
            "description": "The device Word laid the issued PDF out for (modern style only): 600dpi, a "
            "printer (the default), or 96dpi, a screen: sizes, glyph advances and masthead spacings in "
            "whole 96-dpi pixels (A/RES/ES-11/4; docs/layout.md). The PDF only.",
        },
        "language": {"enum": LANGUAGES, "description": "Language of the text (word catalogue)."},
        "kind": {
            "enum": list(KINDS),
            "description": "resolution (default), or a stage of the draft cycle: draft (L document), "
            "revised-draft (/Rev.n), draft-decision and revised-draft-decision (a draft decision: one "
            "paragraph, its text under decision:), addendum (/Add.n, more sponsors), corrigendum "
            "(/Corr.n), amendment (an amendment document to a draft).",
        },
        "symbol": {
            "type": "string",
            "pattern": f"{SYMBOL}|{L_SYMBOL}",
            "description": "Document symbol, e.g. A/RES/52/102, or an L document's, "
            "e.g. A/C.3/78/L.41/Rev.1.",
        },
        "sponsors": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "Sponsors of a draft or amendment (the sponsor line), or the additional "
            "sponsors of an addendum. A trailing * keeps the asterisk of a non-member sponsor. A draft "
            "whose sponsor line names no one writes sponsors: [] (the line prints 'Draft resolution' "
            "alone, A/C.6/80/L.15).",
        },
        "submitted_by": {
            "type": "string",
            "minLength": 1,
            "description": "Instead of sponsors: who submits the draft ('the Chair').",
        },
        "sponsor_note": {
            "type": "string",
            "minLength": 1,
            "description": "Draft, revised draft or amendment: the note the sponsor line's star calls, "
            "printed at the foot of page 1, marked * before the numbered notes ('Any changes to the list "
            "of sponsors will be reflected in the official record of the meeting.', A/80/L.7; 'On behalf "
            "of the States …', A/C.2/80/L.10); the star is printed by unres, not typed. Inline markup: "
            "*italic*, **bold**; no footnote call.",
        },
        "amends": {
            "type": "string",
            "pattern": L_SYMBOL,
            "description": "Amendment, addendum, corrigendum: the symbol of the draft it concerns.",
        },
        "amends_kind": {
            "enum": ["draft", "revised-draft"],
            "description": "Amendment: whether it amends a draft or a revised draft resolution.",
        },
        "instructions": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "minProperties": 1, "anyOf": INSTRUCTION_SHAPES},
            "description": "Amendment: the instructions (see docs/cycle.md); "
            "the printed words are generated. {text: '…'} is an instruction kept as written (one "
            "`unres import` could not read): printed as written, refused by `unres apply`.",
        },
        "corrections": {
            "type": "array",
            "minItems": 1,
            "items": _text,
            "description": "Corrigendum: each correction as it is to be printed.",
        },
        "oral_revisions": {
            "type": "object",
            "description": "Resolution made by `unres adopt`: the oral revisions applied to the final draft.",
            "properties": {
                "draft": {"type": "string", "pattern": L_SYMBOL},
                "instructions": {"type": "array", "items": {"type": "object", "minProperties": 1,
                                                            "anyOf": INSTRUCTION_SHAPES}},
                "source": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "distribution": {"enum": ["general", "limited", "restricted"]},
        "draft": {
            "type": "string",
            "pattern": L_SYMBOL,
            "description": "Resolution made by `unres adopt`: the symbol of the final draft.",
        },
        "issued": {
            "type": "string",
            "format": "date",
            "description": "Date of issue, YYYY-MM-DD (omit when unknown: no date line is printed).",
        },
        "original": {
            "description": "Print the 'Original:' line naming the language the text was written in: "
            "a language code (en, fr, es, ru, zh, ar), printed as the document's language names it "
            "('Original : anglais' in a French text, 'Original: inglés' in a Spanish one), or true: "
            "the document's own language.",
            "oneOf": [{"type": "boolean"}, {"type": "string", "enum": LANGUAGES}],
        },
        "session": {
            "description": "Session: 52 (regular), 'S-27' (special), 'ES-11' (emergency special).",
            "oneOf": [
                {"type": "integer", "minimum": 1, "maximum": 999},
                {"type": "string", "pattern": SESSION},
            ],
        },
        "agenda": {
            "description": "Agenda item(s): 107, or a list such as [15, 116] or ['20 (b)'].",
            "oneOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": r"^\d+( \([a-z]+\))?$"},
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "oneOf": [
                            {"type": "integer", "minimum": 1},
                            {"type": "string", "pattern": r"^\d+( \([a-z]+\))?$"},
                        ]
                    },
                },
            ],
        },
        "agenda_title": {
            "description": "The agenda item's title, printed under the agenda line "
            "(resolutions from the seventy-third session on carry it); for several agenda items, "
            "a list of their titles, each printed on its own lines after a blank line (A/RES/80/108).",
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            ],
        },
        "committee": {
            "type": "integer",
            "minimum": 1,
            "maximum": 6,
            "description": "Main Committee whose report it was adopted on (1-6); omit for "
            "'without reference to a Main Committee'. For an L document: the committee line.",
        },
        "report": {
            "type": "string",
            "pattern": DOC_SYMBOL,
            "description": "Symbol(s) of the report or draft as printed in the committee line: "
            "A/52/639, 'A/73/L.6 and A/73/L.6/Add.1', 'A/52/L.5/Rev.1 and Add.1', "
            "'A/52/639 and Corr.1', 'A/80/401, para. 6'.",
        },
        "job_number": {"type": "string", "pattern": r"^\d{2}-\d{5}$", "description": "18-18418"},
        "job_date": {"type": "string", "format": "date", "description": "Processing date."},
        "title": {"type": "string", "minLength": 1, "description": "Title (inline markup allowed). "
                  "A line break in it is a printed line break (a literal block, title: |-, one printed "
                  "line per line: '… the expenses' / 'of the United Nations'); without one the title "
                  "wraps at the text block's measure. Only titles and subtitles may hold line breaks."},
        "short_title": {"type": "string", "minLength": 1, "description": (
            "Running-header title. Given in lines (`|-`), those are the running head's lines, each kept "
            "whole (an issued head's, broken by hand).")},
        "links": {
            "type": "boolean",
            "description": "Link every cited document symbol to undocs.org (default true).",
        },
        "emblem": {
            "oneOf": [{"type": "string"}, {"type": "boolean", "enum": [False]}],
            "description": "The UN emblem is shown by default; false leaves it out, a path "
            "names an image of your own (PNG, JPEG, GIF or SVG next to the source).",
        },
        "repeated_notes": {
            "enum": ["reuse", "new"],
            "description": "A repeated footnote call reuses the number (to the 73rd session) "
            "or makes a new note with the same text (74th session on).",
        },
        "decision": {
            "description": "Draft decision (kind draft-decision or revised-draft-decision): its one "
            "paragraph after the enacting formula, which unres prints inline before it ('The General "
            "Assembly, ' + 'taking note of …, decides to appoint …', A/C.4/80/L.10); or, for a decision "
            "with sub-paragraphs, {text: 'taking note of …, decides:', items: [(a), (b) …]}, the items "
            "as an operative paragraph's. " + INLINE,
            "oneOf": [
                _text,
                {
                    "type": "object",
                    "properties": {
                        "text": _text,
                        "items": _items,  # as an operative paragraph's
                    },
                    "required": ["text", "items"],
                    "additionalProperties": False,
                },
            ],
        },
        **_body,
        "parts": {
            "type": "array",
            "minItems": 1,
            "description": "Lettered resolutions (A, B ...), each with its own title, "
            "preamble, operative part and plenary line.",
            "items": {
                "type": "object",
                "properties": {"title": {"type": "string", "minLength": 1}, **_body, "adopted": _adopted_ref},
                "required": ["title", "operative", "adopted"],
                "additionalProperties": False,
            },
        },
        "annexes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "numbered": {"type": "boolean", "description": "Number the paragraphs."},
                    "restart": {
                        "type": "boolean",
                        "description": "Numbering restarts after each heading (articles of a "
                        "declaration or convention); a heading's only paragraph is unnumbered.",
                    },
                    "paragraphs": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": "#/$defs/paragraph"},
                    },
                },
                "required": ["paragraphs"],
                "additionalProperties": False,
            },
        },
        "footnotes": {
            "type": "object",
            "description": "Footnote texts by key; call one with [^key] in any text.",
            "additionalProperties": _text,
            "propertyNames": {"pattern": r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"},
        },
        "adopted": _adopted_ref,
    },
    "required": ["symbol", "session", "title"],
    "additionalProperties": False,
    "$defs": {
        "paragraph": _paragraph,
        **{f"item{d}": _item(d) for d in range(1, MAX_DEPTH + 1)},
        "adopted": _adopted,
        "adopts": _adopts,
    },
}
