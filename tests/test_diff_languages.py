"""``unres diff`` in every language: Chinese is diffed by characters (a change marks the
characters changed, merged into runs, not the whole unspaced sentence), the other languages by
words; an Arabic redline reads right to left in HTML, PDF and DOCX.

The texts are real: 2758 (XXVI) in Chinese (shared/corpus/multilingual, the copy's Traditional
characters), 52/102 and 52/31 in Arabic (un.org/arabic), 2751 (XXVI) in Russian and French.
"""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from lxml import etree, html
from support.redlines import LANGUAGE_EDITS, LANGUAGE_HEAD, LANGUAGE_SOURCES, language_texts

from pipeline import writers
from pipeline.model import Changed, Document, Text, walk_paras
from pipeline.source import load
from pipeline.transforms.diff import diff, tokenize
from pipeline.transforms.resolve import build

HEAD, SOURCES, EDITS = LANGUAGE_HEAD, LANGUAGE_SOURCES, LANGUAGE_EDITS


def versions(lang: str) -> tuple[Document, Document, Document]:
    old_text, new_text = language_texts(lang)
    old, new = build(load(f"{lang}-old.yaml", old_text)), build(load(f"{lang}-new.yaml", new_text))
    return old, new, diff(old, new, author="Drafter", date="2026-01-02T00:00:00Z")


def marked(doc: Document) -> list[tuple[str, str]]:
    out = []
    for part in doc.parts:
        for p in (*walk_paras(part.preamble), *walk_paras(part.operative)):
            out += [(r.change, r.node.text) for r in p.runs if isinstance(r, Changed) and isinstance(r.node, Text)]
    return out


def test_chinese_is_tokenized_by_character():
    keys, _ = tokenize((Text("回顧聯合國憲章的原則, capacity-building"),))
    assert [k[1] for k in keys][:5] == ["回", "顧", "聯", "合", "國"]
    assert "capacity-building" in [k[1] for k in keys]


@pytest.mark.parametrize("lang", sorted(EDITS))
def test_an_edit_marks_only_what_changed(lang):
    _, _, red = versions(lang)
    marks = marked(red)
    assert [m for m, _ in marks] == ["ins"], marks
    inserted = marks[0][1].strip()
    expected = {"zh": "宗旨和", "ar": "شاملا", "ru": "незамедлительно", "fr": "nouvelle"}[lang]
    assert inserted == expected, inserted
    s = red.redline.summary
    assert {k: v for k, v in s.counts.items() if v} == {"changed": 1}


def test_chinese_character_change_is_a_run_of_characters():
    old, new = build(load("o.yaml", HEAD.format(lang="zh") + SOURCES["zh"])), build(load(
        "n.yaml", HEAD.format(lang="zh") + SOURCES["zh"].replace("一切權利", "全部合法權利")))
    red = diff(old, new)
    assert marked(red) == [("del", "一切"), ("ins", "全部合法")]


def test_arabic_redline_reads_right_to_left_in_every_format():
    _, _, red = versions("ar")
    page = html.fromstring(writers.render("html", red))
    assert page.get("dir") == "rtl" and page.get("lang") == "ar"
    assert [" ".join(e.text_content().split()) for e in page.find(".//main").iter("ins")] == ["شاملا"]
    with pdfplumber.open(io.BytesIO(writers.render("pdf", red))) as pdf:
        page1 = pdf.pages[0]
        lines = page1.extract_text_lines()
        width = page1.width
    # the inserted word's line is drawn right to left: it ends at the right margin, as the
    # enacting formula's line does, and its first letter stands rightmost
    line = next(ln for ln in lines if "الماش" in ln["text"])  # "شاملا" as drawn, right to left
    enacting = next(ln for ln in lines if "ةيعمجلا" in ln["text"] and len(ln["text"]) < 25)
    assert line["x1"] == pytest.approx(enacting["x1"], abs=2) and line["x1"] > width / 2 + 150
    with zipfile.ZipFile(io.BytesIO(writers.render("docx", red))) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ins = doc.findall(f".//{w}ins")
    assert ["".join(t.text for t in i.iter(f"{w}t")).strip() for i in ins] == ["شاملا"]
    assert styles.find(f".//{w}docDefaults//{w}pPr/{w}bidi") is not None


# -- the redline's own words in the document's language -----------------------------------------
# A redline of each language version of 2758 (XXVI) (source/languages/; the Arabic text above, as
# no Arabic 2758 was found) against a copy with k operative paragraphs inserted (each calling a
# new note, so the old note is renumbered), the second preambular paragraph deleted and the
# first moved to the end of the preamble. What a reader sees, written out per language: the
# counts line (plural forms for 1, 2, 5 and, in Russian, 11 and 21), the entries (gender
# agreement), the legend and the names of the move arrows.

SUMMARY = {
    "fr": {
        "inserted": {1: "1 paragraphe inséré", 2: "2 paragraphes insérés", 5: "5 paragraphes insérés"},
        "notes": {1: "1 note insérée", 2: "2 notes insérées", 5: "5 notes insérées"},
        "rest": ["1 paragraphe supprimé", "1 paragraphe déplacé"],
        "entries": ["Deuxième alinéa du préambule supprimé", "Note 1 insérée", "Paragraphe 1 inséré"],
        "legend": "Légende", "move": ("déplacé vers", "déplacé depuis"), "title": "Modifications apportées dans cette version",
    },
    "es": {
        "inserted": {1: "1 párrafo insertado", 2: "2 párrafos insertados", 5: "5 párrafos insertados"},
        "notes": {1: "1 nota insertada", 2: "2 notas insertadas", 5: "5 notas insertadas"},
        "rest": ["1 párrafo suprimido", "1 párrafo trasladado"],
        "entries": ["Párrafo 2 del preámbulo suprimido", "Nota 1 insertada", "Párrafo 1 insertado"],
        "legend": "Leyenda", "move": ("trasladado a", "trasladado desde"), "title": "Cambios en esta versión",
    },
    "ru": {
        "inserted": {1: "включен 1 пункт", 2: "включено 2 пункта", 5: "включено 5 пунктов",
                     11: "включено 11 пунктов", 21: "включен 21 пункт"},
        "notes": {1: "включена 1 сноска", 2: "включено 2 сноски", 5: "включено 5 сносок",
                  11: "включено 11 сносок", 21: "включена 21 сноска"},
        "rest": ["исключен 1 пункт", "перемещен 1 пункт"],
        "entries": ["Пункт 2 преамбулы исключен", "Сноска 1 включена", "Пункт 1 включен"],
        "legend": "Условные обозначения", "move": ("перемещен в", "перемещен из"), "title": "Изменения в этой версии",
    },
    "zh": {
        "inserted": {1: "插入1段", 2: "插入2段", 5: "插入5段"},
        "notes": {1: "插入1条脚注", 2: "插入2条脚注", 5: "插入5条脚注"},
        "rest": ["删除1段", "移动1段"],
        "entries": ["删除序言部分第2段", "插入脚注1", "插入执行部分第1段"],
        "legend": "图例", "move": ("移至", "移自"), "title": "本版本的改动",
    },
    "ar": {
        "inserted": {1: "أدرجت فقرة واحدة", 2: "أدرجت فقرتان", 5: "أدرجت 5 فقرات", 11: "أدرجت 11 فقرة"},
        "notes": {1: "أدرجت حاشية واحدة", 2: "أدرجت حاشيتان", 5: "أدرجت 5 حواش", 11: "أدرجت 11 حاشية"},
        "rest": ["حذفت فقرة واحدة", "نقلت فقرة واحدة"],
        "entries": ["حذفت الفقرة 2 من الديباجة", "أدرجت الحاشية 1", "أدرجت الفقرة 1"],
        "legend": "مفتاح الرموز", "move": ("نقلت إلى", "نقلت من"), "title": "التغييرات في هذه الصيغة",
    },
}
SEPARATOR = {"zh": "，", "ar": "، "}
CASES = [(lang, k) for lang in SUMMARY for k in SUMMARY[lang]["inserted"]]


def language_versions(lang: str, k: int) -> tuple[Document, Document]:
    old, new = summary_texts(lang, k)
    return build(load(f"{lang}-old.yaml", old)), build(load(f"{lang}-new.yaml", new))


def summary_texts(lang: str, k: int) -> tuple[str, str]:
    """Old and edited versions of the language's text (see above); Chinese and Arabic words of
    the inserted paragraphs are the title's, so nothing is translated."""
    import yaml
    from conftest import SOURCES as ROOT_SOURCES

    if lang == "ar":  # with the first preambular paragraph of 52/102 (res52102.htm) too
        data = yaml.safe_load(HEAD.format(lang=lang) + SOURCES["ar"])
        data["preamble"].insert(0, "إذ تشير إلى قراراتها 48/113 المؤرخ 20 كانون الأول/ديسمبر 1993، "
                                   "و 49/173 المؤرخ 23 كانون الأول/ديسمبر 1994،")
    else:
        data = yaml.safe_load((ROOT_SOURCES / "languages" / f"A_RES_2758_XXVI.{lang}.yaml").read_text("utf-8"))
    data["operative"][-1] = data["operative"][-1].rstrip(".;。؛") + "[^old]."
    data["footnotes"] = {"old": "A/8429."}
    old = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    pre = data["preamble"]
    del pre[1]
    pre.append(pre.pop(0))
    title = data["title"].rstrip(".")
    data["operative"][:0] = [f"{title} {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26] * (i // 26 + 1)}[^new{i}];"
                             for i in range(k)]
    data["footnotes"].update({f"new{i}": f"A/8429/Add.{i + 1}." for i in range(k)})
    return old, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def counts_line(lang: str, k: int) -> str:
    want = SUMMARY[lang]
    line = SEPARATOR.get(lang, ", ").join([want["inserted"][k], *want["rest"], want["notes"][k]])
    return line[:1].upper() + line[1:]


@pytest.mark.parametrize("lang, k", CASES)
def test_redline_summary_is_in_the_documents_language(lang, k):
    red = diff(*language_versions(lang, k))
    s = red.redline.summary
    assert {key: v for key, v in s.counts.items() if v} == {
        "inserted": k, "deleted": 1, "moved": 1, "notes_inserted": k}
    page = html.fromstring(writers.render("html", red))
    assert page.get("lang") == lang
    aside = page.find(".//aside[@class='diff-summary']")
    text = lambda e: " ".join(e.text_content().split())  # noqa: E731
    assert text(aside.find("h2")) == SUMMARY[lang]["title"]
    assert text(aside.find(".//p[@class='diff-counts']")) == counts_line(lang, k)
    entries = [text(li) for li in aside.iterfind(".//ol/li")]
    for entry in SUMMARY[lang]["entries"]:
        assert entry in entries, entries
    assert aside.find(".//ul[@class='diff-legend']").get("aria-label") == SUMMARY[lang]["legend"]
    arrows = [a.get("aria-label") for a in page.iterfind(".//main//a[@class='move-link']")]
    assert sorted(arrows) == sorted(SUMMARY[lang]["move"])


def test_moved_entry_names_the_old_place_in_the_language():
    red = diff(*language_versions("zh", 1))
    assert "移动序言部分第2段（原第1段）" in [e.text for e in red.redline.summary.entries]
    red = diff(*language_versions("fr", 1))
    assert "Deuxième alinéa du préambule déplacé (anciennement 1)" in [e.text for e in red.redline.summary.entries]


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_stat_prints_the_language_counts(lang, tmp_path):
    from conftest import unres

    old, new = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    for path, text in zip((old, new), summary_texts(lang, 2), strict=True):
        path.write_text(text, "utf-8")
    r = unres("diff", old, new, "--stat")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == counts_line(lang, 2)


@pytest.mark.parametrize("lang, n, form", [
    ("ru", 1, "one"), ("ru", 2, "few"), ("ru", 4, "few"), ("ru", 5, "many"), ("ru", 11, "many"),
    ("ru", 21, "one"), ("ru", 22, "few"), ("ar", 2, "two"), ("ar", 3, "few"), ("ar", 11, "many"),
    ("ar", 100, "other"), ("fr", 1, "one"), ("fr", 2, "other"), ("zh", 1, "other"),
])
def test_plural_forms_are_babels(lang, n, form):
    from pipeline.transforms.diff import diff_words

    assert diff_words(lang).plural(n) == form
