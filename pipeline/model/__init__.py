"""The document model: the format-free tree in the middle of the pipeline (:mod:`.nodes`),
the page furniture as values (:mod:`.furniture`), the inline markup reader that makes its
runs (:mod:`.inline`)."""

from pipeline.model.furniture import Barcode, Image, QRCode
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
    NumberFormat,
    Numbering,
    NumberStyle,
    Para,
    Part,
    Quote,
    Record,
    Runs,
    Style,
    Table,
    Text,
    block_runs,
    plain_text,
    walk_paras,
)

__all__ = [
    "Annex", "Barcode", "Block", "Change", "Closing", "DiffEntry", "DiffSummary", "Document", "Field",
    "Heading", "Image", "Inline", "Masthead", "Meta", "Note", "NoteRef", "NumberFormat", "Numbering",
    "NumberStyle", "Para", "Part", "QRCode", "Quote", "Record", "Runs", "Style", "Table", "Text",
    "block_runs", "plain_text", "walk_paras",
]
