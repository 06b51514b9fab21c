"""The DOCX's document properties hold what Word can hold: a title longer than Word's 255
characters for a property (A/RES/80/116's has 265) no longer stops the build; the property is the
title cut at a word with an ellipsis, and the document prints the title whole."""

from __future__ import annotations

import re
import zipfile

from pipeline.app.build import build_file

TITLE = ("Cooperation between the United Nations and regional and subregional organizations "
         "on the prevention and settlement of disputes, the protection of civilians, the promotion "
         "of the rule of law at the national and international levels and the strengthening of "
         "partnerships for sustainable development and peace in all regions")


def _text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_a_long_title_builds_and_its_property_is_cut_at_a_word(tmp_path):
    assert len(TITLE) > 255
    src = tmp_path / "long.yaml"
    src.write_text("symbol: A/RES/80/999\nsession: 80\nissued: 2025-12-15\n"
                   f"title: {TITLE}\npreamble:\n  - Recalling its resolution 79/1,\n"
                   "operative:\n  - Decides to remain seized of the matter.\n"
                   "adopted: {meeting: 3, date: 2025-12-15}\n", encoding="utf-8")
    for style in ("modern", "1998"):
        docx = build_file(src, tmp_path / style, ("docx",), style, None)[0]
        with zipfile.ZipFile(docx) as z:
            core = z.read("docProps/core.xml").decode()
            body = _text(z.read("word/document.xml").decode())
        title = re.search(r"<dc:title>([^<]*)</dc:title>", core).group(1)
        assert len(title) <= 255 and title.endswith("\u2026")
        kept, full = title[:-1], "80/999. " + TITLE  # the property names the resolution
        assert full.startswith(kept) and full[len(kept)] in " ,"  # cut between words
        assert len(kept) > 200
        assert TITLE in body.replace("\xa0", " ")  # printed whole (its last two words bound)
