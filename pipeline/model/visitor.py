"""Dispatch on node types, the docutils way: each writer (and the diff) has one handler per node
type, registered with :func:`functools.singledispatch`. A node type without a handler is a
:class:`UnknownNode` error when the document is built, never a silent blank in the output."""

from __future__ import annotations


class UnknownNode(TypeError):
    """A stage met a node type it has no handler for (a programming error: a new node type
    needs a handler in every writer and in the diff)."""

    def __init__(self, node: object, stage: str):
        self.node = node
        self.stage = stage
        super().__init__(f"{stage} has no handler for {type(node).__name__} nodes")
