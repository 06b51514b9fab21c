"""``unres check --against``: language versions of one resolution compared for structure.

The two versions are resolution 2751 (XXVI) in French (official volume, OCR) and Russian
(official GAOR page) from shared/corpus/multilingual/, set in the seed's masthead fields.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import unres

HEAD = """language: {lang}
symbol: A/RES/52/102
issued: 1998-02-09
session: 52
adopted: {{meeting: 1934, date: 1971-09-21}}
"""
FR = """title: Admission du Bhoutan à l’Organisation des Nations Unies
preamble:
  - Ayant reçu la communication du Conseil de sécurité, en date du 10 février 1971, recommandant l’admission du Bhoutan à l’Organisation des Nations Unies[^a],
  - Ayant examiné la demande d’admission du Bhoutan[^b],
operative:
  - Décide d’admettre le Bhoutan à l’Organisation des Nations Unies.
footnotes: {a: A/8278., b: A/8275.}
"""
RU = """title: Прием Бутана в члены Организации Объединенных Наций
preamble:
  - получив рекомендацию Совета Безопасности от 10 февраля 1971 года о приеме Бутана в члены Организации Объединенных Наций[^r1],
  - рассмотрев заявление Бутана о приеме в члены Организации[^r2],
operative:
  - постановляет принять Бутан в члены Организации Объединенных Наций.
footnotes:
  r1: Официальные отчеты Генеральной Ассамблеи, двадцать шестая сессия, Приложения, пункт 25 повестки дня, документ A/8278.
  r2: A/8275.
"""


def write(tmp: Path, name: str, lang: str, body: str) -> Path:
    p = tmp / name
    p.write_text(HEAD.format(lang=lang) + body, encoding="utf-8")
    return p


def test_same_structure_passes(tmp_path):
    fr, ru = write(tmp_path, "a.fr.yaml", "fr", FR), write(tmp_path, "a.ru.yaml", "ru", RU)
    r = unres("check", "--against", fr, ru)
    assert r.returncode == 0, r.stderr
    assert "same structure" in r.stdout


def test_every_difference_placed(tmp_path):
    fr = write(tmp_path, "a.fr.yaml", "fr", FR)
    body = (RU.replace("Организации[^r2],", "Организации,").replace("  r2: A/8275.\n", "")  # a call dropped
              .replace("от 10 февраля 1971 года", "от 10 февраля 1972 года")  # a year changed
              .replace("  - постановляет принять", "  - text: \"постановляет:\"\n    items: [принять, Бутан]\n  - постановляет принять"))
    ru = write(tmp_path, "a.ru.yaml", "ru", body)
    r = unres("check", "--against", fr, ru)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    placed = [re.match(rf"^{re.escape(str(ru))}:(\d+):(\d+): (.*)$", ln) for ln in lines]
    assert all(placed), lines
    messages = [m.group(3) for m in placed]
    text = ru.read_text(encoding="utf-8").splitlines()
    by_line = {m.group(3): text[int(m.group(1)) - 1] for m in placed}
    assert "2 operative paragraphs, the reference has 1" in messages
    assert any(m.startswith("preambular paragraph 2: footnote calls none") for m in messages)
    assert "preambular paragraph 1: does not cite 1971 (the reference does)" in messages
    assert "preambular paragraph 1: cites 1972, the reference does not" in messages
    assert any(m.startswith("operative paragraph 1: sub-paragraphs 2") for m in messages)
    # Each message points at the paragraph it is about.
    assert "1972" in by_line["preambular paragraph 1: cites 1972, the reference does not"]
    assert "заявление" in by_line[next(m for m in messages if m.startswith("preambular paragraph 2"))]
    assert "traceback" not in r.stderr.lower()


def test_symbols_compared_across_scripts():
    from pipeline.source.versions import cited

    # Arabic 1997 pages space the slash and may use Arabic-Indic digits.
    assert cited("قراراتها 48 / 113 المؤرخ 20 كانون الأول/ديسمبر 1993") == cited(
        "its resolutions 48/113 of 20 December 1993")
    assert cited("第48/113号决议 A/52/274") == cited("resolution 48/113, A/52/274")
    assert cited("١٩٩٣") == cited("1993")


def test_bad_reference_is_placed_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("symbol: [\n", encoding="utf-8")
    ru = write(tmp_path, "a.ru.yaml", "ru", RU)
    r = unres("check", "--against", bad, ru)
    assert r.returncode == 2 and str(bad) in r.stderr and "Traceback" not in r.stderr
