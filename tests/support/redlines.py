"""The pairs of versions the redline tests compare (and ``tools/pins.py`` pins the redlines of).

- the edit scripts of ``tests/diff/``: each changes a source of ``source/`` (the seed, 52/102,
  unless it says ``source:``); ``base`` edits apply to both versions, ``edits`` to the new one;
- the short real texts in Chinese, Arabic, Russian and French with one edit each;
- the tables-and-quotes fixture with a changed cell and a changed quoted word.

Pure data and YAML, no pipeline code: both the tests and the pins tool import it.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPTS = ROOT / "tests" / "diff"
SOURCES = ROOT / "source"
SEED = SOURCES / "A_RES_52_102.yaml"
TABLES = ROOT / "tests" / "fixtures" / "tables_quotes.yaml"
ADOPTED = ROOT / "tests" / "fixtures" / "inline_adopted.yaml"
NAMES = sorted(p.stem for p in SCRIPTS.glob("*.yaml"))


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def apply_edits(data: dict, edits: list[dict]) -> None:
    """Carry out an edit script's edits (insert, delete, move, replace, set) on source data."""
    for e in edits:
        op = next(k for k in ("insert", "delete", "move", "replace", "set") if k in e)
        *path, key = e[op]
        parent = data
        for p in path:
            parent = parent[p]
        if op == "insert":
            parent.insert(key, e["value"])
        elif op == "delete":
            del parent[key]
        elif op == "move":
            parent.insert(e["to"], parent.pop(key))
        elif op == "replace":
            assert e["old"] in parent[key], e
            parent[key] = parent[key].replace(e["old"], e["new"], 1)
        else:
            parent[key] = e["value"]


@cache
def script(name: str) -> dict:
    return yaml.safe_load((SCRIPTS / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def texts(name: str) -> tuple[str, str]:
    """The old and new source text of an edit script."""
    s = script(name)
    old = yaml.safe_load((SOURCES / s.get("source", SEED.name)).read_text(encoding="utf-8"))
    apply_edits(old, s.get("base", []))
    new = copy.deepcopy(old)
    apply_edits(new, s["edits"])
    return _dump(old), _dump(new)


# -- other languages ------------------------------------------------------------------------
LANGUAGE_HEAD = """language: {lang}
symbol: A/RES/52/102
issued: 1998-02-09
session: 52
adopted: {{meeting: 70, date: 1997-12-12}}
"""
LANGUAGE_SOURCES = {
    "zh": """title: 恢復中華人民共和國在聯合國的合法權利
preamble:
  - 回顧聯合國憲章的原則,
  - 承認中華人民共和國政府的代表是中國在聯合國組織的唯一合法代表,
operative:
  - 決定恢復中華人民共和國的一切權利;
  - 承認她的政府的代表爲中國在聯合國組織的唯一合法代表。
""",
    "ar": """title: متابعة المؤتمر الإقليمي لمعالجة مشاكل اللاجئين
preamble:
  - وقد نظرت في تقرير الأمين العام وتقرير مفوضة الأمم المتحدة السامية لشؤون اللاجئين،
  - وإذ تدرك حدة مشاكل الهجرة والتشرد في بلدان رابطة الدول المستقلة،
operative:
  - تؤكد مجددا الأهمية الحاسمة للتدابير الفعالة في مجال التحقق؛
  - تطلب إلى الأمين العام أن يقدم تقريرا إلى الجمعية العامة.
""",
    "ru": """title: Прием Бутана в члены Организации Объединенных Наций
preamble:
  - получив рекомендацию Совета Безопасности от 10 февраля 1971 года,
operative:
  - постановляет принять Бутан в члены Организации Объединенных Наций.
""",
    "fr": """title: Admission du Bhoutan à l’Organisation des Nations Unies
preamble:
  - Ayant examiné la demande d’admission du Bhoutan,
operative:
  - Décide d’admettre le Bhoutan à l’Organisation des Nations Unies.
""",
}
LANGUAGE_EDITS = {  # (old, new) in the text of each language
    "zh": ("憲章的原則", "憲章的宗旨和原則"),
    "ar": ("تقريرا إلى", "تقريرا شاملا إلى"),
    "ru": ("принять Бутан", "незамедлительно принять Бутан"),
    "fr": ("la demande", "la nouvelle demande"),
}


def language_texts(lang: str) -> tuple[str, str]:
    """The old and new source text of the pair in ``lang``."""
    text = LANGUAGE_HEAD.format(lang=lang) + LANGUAGE_SOURCES[lang]
    old_text, new_text = text, text.replace(*LANGUAGE_EDITS[lang], 1)
    assert old_text != new_text
    return old_text, new_text


# -- tables and quotes ----------------------------------------------------------------------
def tables_new_text() -> str:
    """The tables-and-quotes fixture with one table cell and one quoted word changed."""
    data = yaml.safe_load(TABLES.read_text(encoding="utf-8"))
    data["annexes"][0]["paragraphs"][1]["table"]["rows"][2][3] = "0.111"
    data["operative"][0]["quote"][1] = data["operative"][0]["quote"][1].replace("shall advise", "shall inform")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- a text adopted inline ---------------------------------------------------------------------
def adopted_new_text() -> str:
    """The inline-adopted fixture (A/RES/55/2) with paragraph 2 of the Declaration edited, its
    paragraph 3 deleted and its title changed: every change inside the adopted text."""
    data = yaml.safe_load(ADOPTED.read_text(encoding="utf-8"))
    adopts = data["operative"][0]["adopts"]
    adopts["title"] = "Millennium Declaration"
    paras = adopts["paragraphs"]
    paras[2] = paras[2].replace("a collective responsibility", "a shared responsibility")
    del paras[3]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def pairs() -> dict[str, tuple[str, str]]:
    """Every pair: ``{name: (old text, new text)}``."""
    out = {name: texts(name) for name in NAMES}
    out |= {f"lang-{lang}": language_texts(lang) for lang in sorted(LANGUAGE_SOURCES)}
    out["tables_quotes"] = (TABLES.read_text(encoding="utf-8"), tables_new_text())
    out["inline_adopted"] = (ADOPTED.read_text(encoding="utf-8"), adopted_new_text())
    return out
