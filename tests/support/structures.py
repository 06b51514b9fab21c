"""Sources with the structures of issued texts that the two seed documents lack (tables, quoted
blocks, deep sub-paragraphs), shared by the writer tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.source.emit import dump

ROOT = Path(__file__).resolve().parent.parent.parent
TABLES = ROOT / "tests" / "fixtures" / "tables_quotes.yaml"
ROWS = 150  # enough rows to run over three pages in either house style


def long_table_source() -> str:
    """The fixture with its annex table made ``ROWS`` rows long (the header must repeat)."""
    data = yaml.safe_load(TABLES.read_text(encoding="utf-8"))
    table = data["annexes"][0]["paragraphs"][1]["table"]
    table["rows"] = [
        [f"Member State {n}", f"0.{n:03d}", f"0.{n:03d}", f"0.{n + 1:03d}"] for n in range(1, ROWS + 1)
    ]
    data.pop("footnotes")  # its only call stood in a row replaced here
    return dump(data)
