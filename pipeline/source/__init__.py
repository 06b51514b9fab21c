"""The source stage: a YAML file → a validated, typed :class:`Source`.

The only code that knows the YAML shape: :mod:`.safeyaml` composes YAML with positions and
caps, :mod:`.schema` is the JSON Schema of the format, :mod:`.loader` reads, validates and
places every problem as ``file:line:column``.
"""

from pipeline.source.loader import MAX_BYTES, Source, iter_texts, load, read_bytes

__all__ = ["MAX_BYTES", "Source", "iter_texts", "load", "read_bytes"]
