"""The typed source: what the source stage hands on (and the importer makes).

Plain data as the YAML gives it, plus the place of every value by path, so later stages can
report ``file:line:column`` without knowing how the YAML was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based
    start: int  # character offsets in the source text
    end: int


@dataclass
class Source:
    """A validated source: plain data plus the place of every value (by path)."""

    path: str
    text: str
    data: dict[str, Any]
    positions: dict[tuple[Any, ...], Pos] = field(default_factory=dict)

    def pos(self, path: tuple[Any, ...]) -> Pos:
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Pos(1, 1, 0, 0))

    def line(self, path: tuple[Any, ...]) -> int:
        return self.pos(path).line
