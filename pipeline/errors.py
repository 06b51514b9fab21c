"""Errors are values with a place: ``file:line:column: what is wrong``."""

from __future__ import annotations

from dataclasses import dataclass


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
