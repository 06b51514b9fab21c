"""List the paragraphs of the issued corpus whose opening words the catalogue does not italicise.

Each corpus text (tests/corpus/ and ../shared/corpus/, the files tools/corpus.py runs; with
``--multilingual`` also ../shared/corpus/multilingual/) is imported as ``unres import`` does
and resolved as ``unres build`` does; every preambular and operative paragraph (and an
unnumbered paragraph of the operative part) whose first run is not a catalogue opening phrase
is printed with its first words. Headings, tables, sub-paragraphs and annex text are not
counted (their openers are never italicised).

``python tools/openers.py [FILES...] [--multilingual] [--count]`` prints one line per paragraph
(``file  kind  first words``) and the total; ``--count`` prints the total only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from corpus import corpus_files  # noqa: E402

from pipeline.importer.convert import convert, read_input  # noqa: E402
from pipeline.model.nodes import Changed, Para, Text  # noqa: E402
from pipeline.transforms import resolve  # noqa: E402

MULTILINGUAL = ROOT.parent / "shared" / "corpus" / "multilingual"


def _language(path: Path) -> str | None:
    """The language a multilingual file's name gives (A_RES_III_217A.fr.txt → fr)."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) == 3 else None


def unrecognised(path: Path) -> Iterator[tuple[str, str]]:
    """(kind, first words) of each paragraph of ``path`` that opens without an opening phrase."""
    imported = convert(read_input(str(path)), str(path), _language(path))
    doc = resolve.build(imported.source)
    if not doc.meta.language or doc.meta.language in ("zh", "ar"):
        return  # no italics in Chinese and Arabic
    for part in doc.parts:
        paras = [*part.preamble, *part.operative]
        for p in paras:
            if not isinstance(p, Para) or p.kind not in ("preamble", "operative") or not p.runs:
                continue
            first = p.runs[0]
            if isinstance(first, Changed):
                first = first.node
            if isinstance(first, Text) and first.italic:
                continue
            text = "".join(r.text for r in p.runs if isinstance(r, Text))
            yield p.kind, " ".join(text.split()[:6])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--multilingual", action="store_true", help="also ../shared/corpus/multilingual/")
    ap.add_argument("--count", action="store_true", help="print the total only")
    args = ap.parse_args(argv)
    files = args.files or corpus_files()
    if args.multilingual and not args.files and MULTILINGUAL.is_dir():
        files += sorted(MULTILINGUAL.glob("*.txt"))
    total = 0
    for path in files:
        for kind, words in unrecognised(path):
            total += 1
            if not args.count:
                print(f"{path.name:28} {kind:9} {words}")
    print(f"{total} paragraphs open without a recognised opening phrase in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
