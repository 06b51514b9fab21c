"""Paragraphs that move some tokens along the line by a few letters each, so that in some of them
a token stands where a line would end inside it (tests/test_word_breaks.py: a symbol;
tests/test_kept_together.py: two words print keeps together). Each test checks with a control
build that the line does end there without the rule under test."""

from __future__ import annotations

FILLERS = ["a", "an", "the", "its", "that", "which", "whose", "States", "Assembly", "all"]


def shifted_paragraphs(tokens: list[str], noun: str, count: int = 24) -> list[str]:
    """``count`` operative paragraphs as YAML list items, each with every token of ``tokens``
    after a filler of its own length, ``noun`` before them."""
    paras = []
    for i in range(count):
        fill = " ".join(FILLERS[(i + j) % len(FILLERS)] for j in range(i % 9 + 1))
        words = " ".join(f"{fill[: (i + k) % 7 + 1]} {t}" for k, t in enumerate(tokens))
        paras.append(f'  - "Notes {fill} {noun} {words} of {fill} meeting;"')
    return paras
