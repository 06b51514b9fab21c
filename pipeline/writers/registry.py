"""The output formats, registered in one place.

A format is a writer module with ``render(doc: Document) -> bytes`` (a pure function of the
resolved model and the writer's templates), imported only when the format is asked for, so an
HTML-only build never imports WeasyPrint. The build, the batch, the cluster, the diff, the
watcher find their writers here and nowhere else; a new writer is one :func:`register`
call at the end of this module.

A writer may also offer:

- a first stage (``prepare``, ``"module:function"`` of a lighter module) another process can
  run while this one imports the heavy libraries; ``render(doc, prepared)`` then takes its
  result (the PDF's print HTML, made by the HTML writer while WeasyPrint loads).
- a session volume (``volume``, ``"module:function"``): ``function(volume, out, work)`` writes
  the volume of ``unres volume`` (:class:`pipeline.app.volume.Volume`: its resolutions,
  each built when its turn comes) to the file ``out``, with the folder ``work`` for its
  temporary files. A format without one (Akoma Ntoso) has no volume.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.model import Document


@dataclass(frozen=True)
class Format:
    """One output format: its name (also the file extension) and where its writer lives."""

    name: str
    module: str  # defines render(doc) -> bytes
    default: bool = True  # built when no --format is given
    prepare: str | None = None  # "module:function": doc -> the first stage's result
    ext: str | None = None  # the file name's ending when it is not the name ("akn.xml")
    volume: str | None = None  # "module:function": (volume, out, work) -> None, the session volume

    @property
    def extension(self) -> str:
        return self.ext or self.name


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Make a format known to every command; a name registered twice is a programming error."""
    if fmt.name in _FORMATS and _FORMATS[fmt.name] != fmt:
        raise ValueError(f"format {fmt.name!r} is registered already")
    _FORMATS[fmt.name] = fmt


def get(name: str) -> Format:
    try:
        return _FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(_FORMATS)}") from None


def known() -> tuple[str, ...]:
    """Every registered format, in registration order."""
    return tuple(_FORMATS)


def defaults() -> tuple[str, ...]:
    """The formats a build makes when none is asked for."""
    return tuple(name for name, fmt in _FORMATS.items() if fmt.default)


def writer(name: str) -> ModuleType:
    """The writer module of a format (imported now if it was not)."""
    return importlib.import_module(get(name).module)


def render(name: str, doc: Document, prepared: Any = None, **options: Any) -> bytes:
    """The bytes of ``doc`` in one format; ``prepared``: the result of :func:`prepare`, if any;
    ``options``: the writer's own keyword options (the PDF's ``variant`` and ``attachments``)."""
    module = writer(name)
    args = (doc,) if prepared is None else (doc, prepared)
    data: bytes = module.render(*args, **options)
    return data


def filename(stem: str, name: str) -> str:
    """The output file of ``stem`` in a format: ``A_RES_52_102.pdf``, ``A_RES_52_102.akn.xml``."""
    return f"{stem}.{get(name).extension}"


def has_volume(name: str) -> bool:
    return get(name).volume is not None


def write_volume(name: str, volume: Any, out: Path, work: Path) -> None:
    """A session volume in one format written to ``out`` (see the module's docstring)."""
    where = get(name).volume
    if where is None:
        raise ValueError(f"format {name!r} has no volume")
    module, _, function = where.partition(":")
    getattr(importlib.import_module(module), function)(volume, out, work)


def can_prepare(name: str) -> bool:
    return get(name).prepare is not None


def prepare(name: str, doc: Document) -> Any:
    """A format's first stage (see the module's docstring); ``None`` when it has none."""
    where = get(name).prepare
    if where is None:
        return None
    module, _, function = where.partition(":")
    return getattr(importlib.import_module(module), function)(doc)


register(Format("pdf", "pipeline.writers.pdf", prepare="pipeline.writers.html.writer:print_page",
                volume="pipeline.writers.pdf.volume:write"))
register(Format("html", "pipeline.writers.html", volume="pipeline.writers.html.volume:write"))
register(Format("docx", "pipeline.writers.docx", volume="pipeline.writers.docx.volume:write"))
# Akoma Ntoso (AKN4UN) is an exchange format for machines, built when asked for (README).
register(Format("akn", "pipeline.writers.akn", default=False, ext="akn.xml"))
