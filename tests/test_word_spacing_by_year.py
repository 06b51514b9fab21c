"""Word's narrowest space by the year Word laid the document out (docs/layout.md, "Word's
narrowest space by year"; templates/styles/modern.yaml ``word_spacing_from``).

The issued resolutions from December 2021 fit more words into a justified line than the 2014-2020 ones:
A/RES/80/112 p.3 (issued 12 December 2025) holds "… including through United Nations
Humanitarian Air Service," on one line. The same text dated 2018 is laid out with the older,
wider narrowest space, which A/RES/73/8 keeps (tools/layout_match.py).
"""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import yaml
from conftest import ROOT

from pipeline.transforms.resolve import house_style

FIXTURE = ROOT / "tests" / "fixtures" / "spacing" / "A_RES_80_112.yaml"

# A/RES/80/112 p.3 as issued (tests/layout/issued/A_RES_80_112.txt), the two paragraphs' lines.
ISSUED = [
    "Expressing deep concern at the complex and dynamic security environment,",
    "marked by the diverse and multifaceted threats and significant security risks faced by",
    "humanitarian personnel and United Nations and associated personnel as they operate",
    "in increasingly complex high-risk environments, and the growing number of attacks,",
    "acts of violence and threats directed against such personnel, including when they are",
    "on the roads, in public spaces, on United Nations premises and providing",
    "humanitarian assistance, including through United Nations Humanitarian Air Service,",
    "and deeply alarmed that, for two consecutive years, in 2023 and 2024, the number of",
    "attacks on humanitarian personnel, including national and locally recruited personnel,",
    "and on United Nations premises reached its highest point in the past decade,",
    "Deeply concerned about the particular vulnerability of national and locally",
    "recruited humanitarian personnel, who accounted for once again the majority of safety",
    "and security incidents of all humanitarian personnel in 2024, including road traffic",
    "crashes and other safety-related incidents, fatalities and injuries from acts of violence,",
    "abduction, robbery, residence break-ins and burglaries, aggravated assault, sexual",
]
# Ours takes "5" onto the next line, "… and concerned that", as any narrowest space that keeps "… the majority of safety"
# does (−0.70 pt and narrower; −0.68 loses "safety"): no single narrowest space gives both, and
# the paragraph's last four lines are not compared.


def _lines(tmp_path, issued: dt.date) -> list[str]:
    from pipeline.app.build import load_document
    from pipeline.writers import pdf

    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["issued"] = issued
    source = tmp_path / f"spacing-{issued.year}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = pdf.render(load_document(source, None, None))
    text = [ln["text"] for page in pdfplumber.open(io.BytesIO(out)).pages
            for ln in page.extract_text_lines()]
    first = next(i for i, t in enumerate(text) if t.startswith("Expressing deep concern"))
    return [" ".join(t.split()) for t in text[first:first + len(ISSUED)]]


def test_the_style_dates_its_narrowest_space():
    style = house_style("modern")
    assert style.spacing_on(dt.date(2018, 11, 1)) is None  # the sheet's own: A/RES/73/8
    assert style.spacing_on(dt.date(2020, 12, 30)) is None  # A/RES/75/210, which -0.5 serves
    later = style.spacing_on(dt.date(2025, 12, 12))
    assert later is not None and later < -0.5  # narrower than the sheet's -0.5 pt
    # from A/RES/76/50 (issued 13 December 2021): the 76th session's texts, ES-11/1 among them
    assert style.spacing_on(dt.date(2021, 12, 13)) == style.spacing_on(dt.date(2022, 3, 18)) == later
    assert style.spacing_on(None) == later  # a draft without a date is laid out now
    assert house_style("2014").spacing_on(dt.date(2025, 12, 12)) is None  # the 2014 page: its own


def test_a_2025_text_breaks_its_lines_as_issued(tmp_path):
    assert _lines(tmp_path, dt.date(2025, 12, 12)) == ISSUED


def test_the_same_text_dated_2018_takes_the_older_space(tmp_path):
    lines = _lines(tmp_path, dt.date(2018, 11, 1))
    assert lines[6] == "humanitarian assistance, including through United Nations Humanitarian Air"
    assert lines != ISSUED
