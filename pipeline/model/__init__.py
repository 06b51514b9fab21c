"""The document model: the format-free tree in the middle of the pipeline (:mod:`.nodes`),
and the inline markup reader that makes its runs (:mod:`.inline`)."""

from pipeline.model.nodes import (
    Annex,
    Block,
    Change,
    Closing,
    DiffEntry,
    DiffSummary,
    Document,
    Field,
    Heading,
    Inline,
    Masthead,
    Meta,
    Note,
    NoteRef,
    Para,
    Part,
    Record,
    Runs,
    Style,
    Text,
    plain_text,
    walk_paras,
)

__all__ = [
    "Annex", "Block", "Change", "Closing", "DiffEntry", "DiffSummary", "Document", "Field", "Heading",
    "Inline", "Masthead", "Meta", "Note", "NoteRef", "Para", "Part", "Record", "Runs", "Style", "Text",
    "plain_text", "walk_paras",
]
