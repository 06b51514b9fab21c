"""Errors are values with a place: ``file:line:column: what is wrong``.

A warning is one too (``severity="warning"``): a stage that meets something the reader should
hear of, but that does not stop the build, hands it to :func:`warn`; whoever runs the stages
keeps what was warned inside a :func:`warnings_kept` block and says it (every command prints
``file:line:column: warning: …`` on standard error, its exit status unchanged:
:func:`pipeline.app.cli.warnings_said`). Outside such a block a warning is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when there is no place
    column: int  # 1-based
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"

    def line_shown(self) -> str:
        """The line a command prints: ``file:line:column: warning: …`` for a warning."""
        return str(replace(self, message=f"warning: {self.message}") if self.severity == "warning" else self)


Said = Callable[[Diagnostic], None]
_KEPT: ContextVar[tuple[list[Diagnostic], Said | None] | None] = ContextVar("unres_warnings", default=None)


def warn(diagnostic: Diagnostic) -> None:
    """Hand a warning to the innermost :func:`warnings_kept` block (once: a stage that runs
    twice, as a PDF laid out again, warns once)."""
    block = _KEPT.get()
    if block is not None and diagnostic not in block[0]:
        block[0].append(diagnostic)
        if block[1] is not None:
            block[1](diagnostic)


@contextmanager
def warnings_kept(say: Said | None = None) -> Iterator[list[Diagnostic]]:
    """The warnings the block's stages give, in their order; each also handed to ``say`` as it
    is given."""
    kept: list[Diagnostic] = []
    token = _KEPT.set((kept, say))
    try:
        yield kept
    finally:
        _KEPT.reset(token)


class UnresError(Exception):
    """An error the user can act on; the command line prints it and exits with ``status``."""

    status = 2

    def __init__(self, diagnostics: list[Diagnostic] | str, status: int | None = None):
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic("unres", 0, 0, diagnostics)]
        self.diagnostics = diagnostics
        if status is not None:
            self.status = status
        super().__init__("\n".join(str(d) for d in diagnostics))


class SourceError(UnresError):
    """The source document is invalid (exit status 2)."""


class OutputError(UnresError):
    """An output could not be written (read-only folder, disk full ...)."""

    status = 1


class WriterError(UnresError):
    """A writer failed unexpectedly (a bug, not the user's input): exit status 1."""

    status = 1

    def __init__(self, fmt: str, exc: BaseException):
        self.format = fmt
        detail = " ".join(str(exc).split()) or type(exc).__name__
        super().__init__(
            [Diagnostic("unres", 0, 0, f"internal error in the {fmt} writer: {type(exc).__name__}: {detail}")]
        )
