"""Word's page for a 96-dpi device (``device: 96dpi``; docs/layout.md, "A/RES/ES-11/4").

Laid out for a screen rather than a printer, Word sets every font at a whole number of 96-dpi
pixels (10 pt → 13 px = 9.75 pt, 12 pt → 16 px, 8.5 pt → 11 px) and advances each glyph by its
advance at that size rounded to a whole pixel ("w": 9.39 px at 13 px → 9 px). WeasyPrint
advances glyphs by their fonts' unrounded advances, so this module derives, from the Liberation
Serif files the PDF already uses, one font per pixel size whose advances are whole pixels at that
size: ``hmtx`` advance ``round(adv × ppem / upm) × upm / ppem`` (half up, as measured on the issued
A/RES/ES-11/4; units rounded to whole font units, which leaves under 1/300 pixel a glyph).

The derived fonts are renamed ``Unres Serif <ppem>px`` (the SIL Open Font License reserves the
names "Liberation", "Tinos", "Arimo" and "Cousine" for the original fonts; the copyright and
licence records stay), written once to a cache folder (``$UNRES_FONT_CACHE``, else
``$XDG_CACHE_HOME/unres/fonts`` or ``~/.cache/unres/fonts``) under a name keyed on the source
file's SHA-256, and declared to WeasyPrint as ``@font-face`` rules, read through a fetcher that
may read that folder only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pipeline.writers.fonts import SOURCE_FAMILY, source_font

#: Pixel sizes of the 96-dpi page (pt = px × 0.75): body 13 (9.75 pt), title and headings 16
#: (12 pt), heading of the masthead 19 (14.25), organ 27 (20.25), notes and running heads 11
#: (8.25), job number 9 (6.75), note numbers 7 (5.25).
PPEMS = (7, 9, 11, 13, 16, 19, 27)
#: CSS face → fontconfig style of the source font.
FACES = {("normal", "normal"): "Regular", ("bold", "normal"): "Bold",
         ("normal", "italic"): "Italic", ("bold", "italic"): "Bold Italic"}
#: Bumped whenever the derivation changes, so that cached fonts of an older one are not used.
DERIVATION = 1


def family(ppem: int) -> str:
    return f"Unres Serif {ppem}px"


def cache_dir() -> Path:
    if os.environ.get("UNRES_FONT_CACHE"):
        return Path(os.environ["UNRES_FONT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "unres" / "fonts"


def pixel_advance(advance: int, upm: int, ppem: int) -> int:
    """The advance in whole pixels at ``ppem``, halves up (Word's: "n" 6.5 px at 13 px → 7)."""
    return (2 * advance * ppem + upm) // (2 * upm)


def derive(source: Path, ppem: int, out: Path) -> None:
    """Write ``source`` with whole-pixel advances at ``ppem`` and its own name to ``out``."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    for glyph, (adv, lsb) in list(hmtx.metrics.items()):
        hmtx.metrics[glyph] = (round(pixel_advance(adv, upm, ppem) * upm / ppem), lsb)
    names = font["name"]
    style = names.getDebugName(2) or "Regular"
    fam = family(ppem)
    for rec in list(names.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=rec.nameID)
    ps = f"{fam.replace(' ', '')}-{style.replace(' ', '')}"
    for name_id, text in ((1, fam), (2, style), (3, f"unres: {ps}"), (4, f"{fam} {style}"), (6, ps),
                          (10, f"{SOURCE_FAMILY} with advance widths rounded to whole pixels at {ppem} "
                               "pixels per em (Word's 96-dpi layout), derived by unres")):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    font.save(str(out))


def derived_font(source: Path, ppem: int) -> Path:
    """The cached derived font of ``source`` at ``ppem``, written first if missing."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = cache_dir()
    path = folder / f"{source.stem}-{ppem}px-{digest}-d{DERIVATION}.ttf"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(fd)
    try:
        derive(source, ppem, Path(tmp))
        os.replace(tmp, path)  # atomic: a parallel build sees the whole file or none
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def font_faces() -> str:
    """``@font-face`` rules for every derived face and pixel size."""
    rules = []
    for (weight, slant), style in FACES.items():
        source = source_font(style)
        for ppem in PPEMS:
            url = derived_font(source, ppem).as_uri()
            rules.append(f'@font-face {{ font-family: "{family(ppem)}"; src: url("{url}"); '
                         f"font-weight: {weight}; font-style: {slant}; }}")
    return "\n".join(rules)
