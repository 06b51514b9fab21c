"""The six official languages: generated words checked against issued forms, and what a
reader sees in each language's PDF, DOCX and HTML (fonts, glyphs, direction, order).

The body texts below are real issued texts (shared/corpus/multilingual/ and the Arabic
52/102 web page, see docs/languages.md); the masthead fields are those of the seed, so the
generated words of every language are exercised on the same data.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from lxml import html as lhtml

from pipeline.app.build import build_file
from pipeline.transforms.words import catalogue

LANGS = ("fr", "es", "ru", "zh", "ar")

HEAD = """style: "{style}"
language: {lang}
symbol: A/RES/52/102
distribution: general
issued: 1998-02-09
session: 52
agenda: [107]
committee: 3
report: A/52/639
job_number: 98-76154
"""

BODIES = {
    # 2758 (XXVI), es.wikisource transcription of the official text.
    "es": """title: Restitución de los legítimos derechos de la República Popular China en las Naciones Unidas
preamble:
  - Recordando los principios de la Carta de las Naciones Unidas,
  - Reconociendo que los representantes del Gobierno de la República Popular de China son los únicos representantes legítimos de China en las Naciones Unidas,
operative:
  - Decide restituir a la República Popular de China todos sus derechos;
  - text: "Decide:"
    items: [restituir, reconocer]
adopted: {meeting: 1976, date: 1971-10-25}
""",
    # 2751 (XXVI), fr.wikisource OCR of the official French volume.
    "fr": """title: Admission du Bhoutan à l’Organisation des Nations Unies
preamble:
  - Ayant reçu la communication du Conseil de sécurité, en date du 10 février 1971, recommandant l’admission du Bhoutan à l’Organisation des Nations Unies[^a],
  - Ayant examiné la demande d’admission du Bhoutan[^b],
operative:
  - Décide d’admettre le Bhoutan à l’Organisation des Nations Unies;
  - text: "Décide:"
    items: [d’admettre, le Bhoutan]
footnotes: {a: A/8278., b: A/8275.}
adopted: {meeting: 1934, date: 1971-09-21}
""",
    # 2751 (XXVI), official Russian GAOR page (hand transcription).
    "ru": """title: Прием Бутана в члены Организации Объединенных Наций
preamble:
  - получив рекомендацию Совета Безопасности от 10 февраля 1971 года о приеме Бутана в члены Организации Объединенных Наций[^a],
  - рассмотрев заявление Бутана о приеме в члены Организации[^b],
operative:
  - постановляет принять Бутан в члены Организации Объединенных Наций;
  - text: "постановляет:"
    items: [принять Бутан, в члены Организации]
footnotes:
  a: Официальные отчеты Генеральной Ассамблеи, двадцать шестая сессия, Приложения, пункт 25 повестки дня, документ A/8278.
  b: A/8275.
adopted: {meeting: 1934, date: 1971-09-21}
""",
    # 2758 (XXVI), zh copy of the UN text (traditional characters as the copy has them).
    "zh": """title: 恢復中華人民共和國在聯合國的合法權利
preamble:
  - 回顧聯合國憲章的原則,
  - 承認中華人民共和國政府的代表是中國在聯合國組織的唯一合法代表,中華人民共和國是安全理事會五個常任理事國之一,
operative:
  - 決定:恢復中華人民共和國的一切權利;
  - 承認她的政府的代表爲中國在聯合國組織的唯一合法代表。
adopted: {meeting: 1976, date: 1971-10-25}
""",
    # 52/102 (un.org/arabic/ga/52/res/res52102.htm), opening paragraphs; operative
    # paragraphs from 52/31 (res52031.htm).
    "ar": """title: متابعة المؤتمر الإقليمي لمعالجة مشاكل اللاجئين والمشردين والأشكال الأخرى للتشريد القسري والعائدين في بلدان رابطة الدول المستقلة والدول المجاورة ذات الصلة
preamble:
  - إذ تشير إلى قراراتها 48/113 المؤرخ 20 كانون الأول/ديسمبر 1993، و 49/173 المؤرخ 23 كانون الأول/ديسمبر 1994،
  - وقد نظرت في تقرير الأمين العام[^a] وتقرير مفوضة الأمم المتحدة السامية لشؤون اللاجئين[^b]،
  - وإذ تدرك حدة مشاكل الهجرة والتشرد في بلدان رابطة الدول المستقلة،
operative:
  - تؤكد مجددا الأهمية الحاسمة للتدابير الفعالة في مجال التحقق؛
  - text: "تطلب إلى الأمين العام:"
    items: [أن يقدم, إلى الجمعية العامة]
footnotes: {a: A/52/274., b: A/52/12.}
adopted: {meeting: 70, date: 1997-12-12}
""",
}


def source(tmp: Path, lang: str, style: str = "modern") -> Path:
    p = tmp / f"A_RES_52_102.{lang}.{style}.yaml"
    p.write_text(HEAD.format(lang=lang, style=style) + BODIES[lang], encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("langs")
    out: dict[tuple[str, str], dict[str, Path]] = {}
    for lang in LANGS:
        for style in ("modern", "1998"):
            src = source(tmp, lang, style)
            d = tmp / lang / style
            paths = build_file(src, d, ("pdf", "html", "docx"))
            out[lang, style] = {p.suffix[1:]: p for p in paths}
    return out


# -- generated words, checked against the issued forms (docs/languages.md) -------------
ISSUED_DATES = {
    "fr": (dt.date(1998, 2, 9), "9 février 1998"),
    "es": (dt.date(1998, 1, 8), "8 de enero de 1998"),
    "ru": (dt.date(1997, 12, 12), "12 декабря 1997 года"),
    "zh": (dt.date(1997, 12, 12), "1997年12月12日"),
    "ar": (dt.date(1997, 12, 12), "12 كانون الأول/ديسمبر 1997"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_dates_as_issued(lang):
    d, text = ISSUED_DATES[lang]
    assert catalogue(lang).date(d) == text


def test_arabic_double_month_names():
    cat = catalogue("ar")
    seen = {3: "15 آذار/مارس 2006", 6: "16 حزيران/يونيه 2011", 7: "11 تموز/يوليه 1986", 8: "28 آب/أغسطس 1990"}
    for month, text in seen.items():
        day, year = int(text.split()[0]), int(text.split()[-1])
        assert cat.date(dt.date(year, month, day)) == text
    assert all("/" in cat.date(dt.date(2000, m, 1)) for m in range(1, 13))


ISSUED_SESSIONS = [
    ("fr", 52, "Cinquante-deuxième session"), ("fr", 76, "Soixante-seizième session"),
    ("fr", 1, "Première session"), ("fr", 80, "Quatre-vingtième session"),
    ("es", 52, "Quincuagésimo segundo período de sesiones"),
    ("es", 61, "Sexagésimo primer período de sesiones"),
    ("es", 57, "Quincuagésimo séptimo período de sesiones"),
    ("ru", 49, "Сорок девятая сессия"), ("ru", 26, "Двадцать шестая сессия"),
    ("zh", 50, "第五十届会议"), ("zh", 52, "第五十二届会议"),
    ("ar", 65, "الدورة الخامسة والستون"), ("ar", 52, "الدورة الثانية والخمسون"),
]


@pytest.mark.parametrize("lang,n,text", ISSUED_SESSIONS)
def test_sessions_as_issued(lang, n, text):
    assert catalogue(lang).word("session", session=n) == text


ZH_DIGITS = "一二三四五六七八九"


def zh_number(s: str) -> int:
    if "十" not in s:
        return ZH_DIGITS.index(s) + 1
    tens, _, units = s.partition("十")
    return (ZH_DIGITS.index(tens) + 1 if tens else 1) * 10 + (ZH_DIGITS.index(units) + 1 if units else 0)


@pytest.mark.parametrize("lang", LANGS)
def test_session_words_1_to_99(lang):
    cat = catalogue(lang)
    words = [cat.word("session", session=n) for n in range(1, 100)]
    assert len(set(words)) == 99
    for n, w in enumerate(words, 1):
        t, u = divmod(n, 10)
        if lang == "zh":
            m = re.fullmatch(r"第(.+)届会议", w)
            assert m and zh_number(m.group(1)) == n, w
        elif lang == "ar":
            assert w.startswith("الدورة ") and (" و" in w) == (n > 20 and u != 0), w
            assert w.endswith(" عشرة") == (10 < n < 20), w
        elif lang == "ru":
            assert w.endswith(" сессия") and len(w.split()) == (3 if n > 20 and u else 2), w
            assert "ё" not in w
        elif lang == "es":
            assert w.endswith(" período de sesiones") and w[0].isupper()
            assert len(w.split()) == (5 if n > 20 and u else 4), w
        else:
            assert w.endswith(" session") and w[0].isupper() and "ième" in w or n == 1, w
    for kind in ("session_special", "session_emergency"):
        specials = [cat.word(kind, session=n) for n in range(1, 100)]
        assert len(set(specials)) == 99 and not set(specials) & set(words)


def test_special_sessions_in_masthead(tmp_path):
    from pipeline.app.build import load_document

    src = tmp_path / "es.yaml"
    src.write_text(HEAD.format(lang="es", style="modern").replace("A/RES/52/102", "A/RES/ES-10/19")
                   .replace("session: 52", "session: ES-10") + BODIES["es"], encoding="utf-8")
    assert load_document(src).masthead.session.text == "Décimo período extraordinario de sesiones de emergencia"
    src.write_text(HEAD.format(lang="zh", style="modern").replace("A/RES/52/102", "A/RES/S-27/2")
                   .replace("session: 52", "session: S-27") + BODIES["zh"], encoding="utf-8")
    assert load_document(src).masthead.session.text == "第二十七届特别会议"


# -- what a reader sees -----------------------------------------------------------------
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


MASTHEAD_LINES = {
    "fr": ["Cinquante-deuxième session", "Point 107 de l’ordre du jour",
           "[sur le rapport de la Troisième Commission (A/52/639)]", "9 février 1998"],
    "es": ["Quincuagésimo segundo período de sesiones", "Tema 107 del programa",
           "[sobre la base del informe de la Tercera Comisión (A/52/639)]", "9 de febrero de 1998"],
    "ru": ["Пятьдесят вторая сессия", "Пункт 107 повестки дня",
           "[по докладу Третьего комитета (A/52/639)]", "9 February 1998"],
    "zh": ["第五十二届会议", "议程项目107", "[根据第三委员会的报告(A/52/639)通过]", "9 February 1998"],
    "ar": ["البند 107 من جدول الأعمال", "9 February 1998"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_masthead_words_in_pdf(built, lang):
    text = pdf_text(built[lang, "1998"]["pdf"])
    for line in MASTHEAD_LINES[lang]:
        if lang == "ar":
            continue  # checked in logical order through the HTML below
        assert line.replace("’", "'") in text, (lang, line)  # French 1998: the typewriter "'"


# A/RES/52/162 (1998) and A/RES/76/268 (2022) as docs/languages.md records their page 1: the
# 1998 print sets "'" in the generated words, the 2022 one "’".
FRENCH_1998 = ["NATIONS", "UNIES", "Assemblée", "Distr.", "GÉNÉRALE", "A/RES/52/162",
               "15 janvier 1998", "Cinquante-deuxième session", "Point 151 de l'ordre du jour",
               "RÉSOLUTION ADOPTÉE PAR L'ASSEMBLÉE GÉNÉRALE",
               "[sur le rapport de la Sixième Commission (A/52/652)]", "52/162.", "L'Assemblée générale,"]
FRENCH_2022 = ["Nations Unies", "/RES/76/268", "Assemblée générale", "Distr. générale", "21 juin 2022",
               "Soixante-seizième session", "Point 126 de l’ordre du jour",
               "Résolution adoptée par l’Assemblée générale", "le 10 juin 2022",
               "[sans renvoi à une grande commission (A/76/L.57)]", "76/268.", "L’Assemblée générale,"]


@pytest.mark.parametrize("style, head, want", [
    ("1998", "symbol: A/RES/52/162\nissued: 1998-01-15\nsession: 52\nagenda: [151]\ncommittee: 6\n"
             "report: A/52/652\nadopted: {meeting: 72, date: 1997-12-15}\n", FRENCH_1998),
    ("modern", "symbol: A/RES/76/268\nissued: 2022-06-21\nsession: 76\nagenda: [126]\nreport: A/76/L.57\n"
               "adopted: {meeting: 88, date: 2022-06-10}\n", FRENCH_2022),
])
def test_french_page_1_as_issued(tmp_path, style, head, want):
    body = BODIES["fr"].split("adopted:")[0]
    src = tmp_path / "fr.yaml"
    src.write_text(f'style: "{style}"\nlanguage: fr\ndistribution: general\n{head}{body}', encoding="utf-8")
    (pdf,) = build_file(src, tmp_path / "out", ("pdf",))
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_text(layout=False)
    lines = [" ".join(ln.split()) for ln in words.splitlines()]
    found, at = [], 0
    for want_line in want:  # each, in this order, within a line of page 1
        at = next(i for i in range(at, len(lines)) if want_line in lines[i])
        found.append(want_line)
    assert found == want


@pytest.mark.parametrize("lang", LANGS)
def test_masthead_words_in_html(built, lang):
    root = lhtml.parse(str(built[lang, "modern"]["html"])).getroot()
    text = " ".join(root.text_content().split())
    for line in MASTHEAD_LINES[lang]:
        assert line in text, (lang, line)
    assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", ("modern", "1998"))
def test_fonts_embedded_and_no_missing_glyph(built, lang, style):
    path = built[lang, style]["pdf"]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), fonts  # emb column
    want = {"zh": "Noto-Serif-CJK-SC", "ar": "Amiri"}.get(lang)
    if want:
        assert want in fonts
    # A glyph missing from every face is drawn as .notdef (glyph 0): pdfminer reads it
    # back as "(cid:0)" or as nothing at all; every character of the HTML must be there.
    with pdfplumber.open(path) as pdf:
        chars = "".join(c["text"] for p in pdf.pages for c in p.chars)
    assert "(cid:" not in chars
    expected = set(re.sub(r"\s", "", lhtml.parse(str(built[lang, style]["html"])).getroot().find("body").text_content()))
    missing = {c for c in expected - set(chars) if c.isalpha()}
    assert not missing, missing


def test_arabic_pdf_reads_right_to_left(built):
    with pdfplumber.open(built["ar", "modern"]["pdf"]) as pdf:
        page = pdf.pages[0]
        width = page.width
        lines = page.extract_text_lines()
    # pdfplumber gives each line's glyphs left to right as drawn. The enacting line
    # "إن الجمعية العامة،" is drawn right to left: its first letter stands rightmost and
    # its closing Arabic comma leftmost, and the line ends at the right margin.
    line = next(ln for ln in lines if "ةيعمجلا" in ln["text"] and "نإ" in ln["text"] and len(ln["text"]) < 25)
    chars = [c for c in line["chars"] if c["text"].strip()]
    assert max(chars, key=lambda c: c["x0"])["text"] == "إ"
    assert min(chars, key=lambda c: c["x0"])["text"] == "،"
    assert line["x1"] > width / 2 + 150
    # Operative numbers "1 -" at the right of their paragraph; the closing on the left.
    op = next(ln for ln in lines if ln["text"].endswith("- 1"))
    assert op["x1"] == pytest.approx(line["x1"], abs=2)
    meeting = next(ln for ln in lines if "ةسلجلا" in ln["text"])
    assert meeting["x1"] < width / 2
    # A Latin symbol inside Arabic keeps its left-to-right order.
    assert any("A/52/639" in ln["text"] for ln in lines)


def test_arabic_numbering_and_letters(built):
    root = lhtml.parse(str(built["ar", "modern"]["html"])).getroot()
    text = " ".join(root.text_content().split())
    assert "1 -" in text and "2 -" in text
    assert "(أ)" in text and "(ب)" in text


@pytest.mark.parametrize("lang,label", [("fr", "a)"), ("es", "a)"), ("ru", "а)"), ("ar", "(أ)")])
def test_sub_paragraph_labels(built, lang, label):
    root = lhtml.parse(str(built[lang, "modern"]["html"])).getroot()
    labels = [s.text_content().strip() for s in root.iter() if "num" in (s.get("class") or "").split()]
    assert label in labels, labels


def test_chinese_closing_date_first_and_no_italics(built):
    root = lhtml.parse(str(built["zh", "modern"]["html"])).getroot()
    closing = root.find_class("closing")[0]
    assert " ".join(closing.text_content().split()).startswith("1971年10月25日")
    text = pdf_text(built["zh", "1998"]["pdf"])
    assert text.index("1971年10月25日") < text.index("第1976次全体会议")
    with pdfplumber.open(built["zh", "1998"]["pdf"]) as pdf:
        names = {c["fontname"] for p in pdf.pages for c in p.chars}
    assert not any("Italic" in n for n in names), names


def docx_xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_arabic_docx_bidi(built):
    styles = docx_xml(built["ar", "modern"]["docx"], "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults")
    assert defaults.find(f".//{W}pPr/{W}bidi") is not None
    assert defaults.find(f".//{W}rPr/{W}rtl") is not None
    assert defaults.find(f".//{W}lang").get(f"{W}bidi") == "ar-SA"
    assert defaults.find(f".//{W}rFonts").get(f"{W}cs") == "Amiri"


@pytest.mark.parametrize("style", ("modern", "1998"))
def test_arabic_docx_styles_size_and_embolden_arabic_text(built, style):
    """Word sizes and emboldens Arabic (complex-script) text by w:szCs and w:bCs only: each style
    carries them as its w:sz and w:b (the organ 20 pt bold, the title bold); Latin styles do not."""
    styles = docx_xml(built["ar", style]["docx"], "word/styles.xml")
    seen = 0
    for st in styles.iter(f"{W}style"):
        rpr = st.find(f"{W}rPr")
        if rpr is None:
            continue
        for latin, cs in (("sz", "szCs"), ("b", "bCs"), ("i", "iCs")):
            a, b = rpr.find(f"{W}{latin}"), rpr.find(f"{W}{cs}")
            assert (a is None) == (b is None), (st.get(f"{W}styleId"), cs)
            if a is not None:
                assert a.get(f"{W}val") == b.get(f"{W}val"), (st.get(f"{W}styleId"), cs)
                seen += 1
    title = styles.find(f"{W}style[@{W}styleId='UNTitle']/{W}rPr")
    size = {"modern": "24", "1998": "22"}[style]  # 12 pt; the 1998 title is the body's 11 pt, as its PDF
    assert title.find(f"{W}bCs") is not None and title.find(f"{W}szCs").get(f"{W}val") == size
    assert seen > 20
    latin = docx_xml(built["fr", style]["docx"], "word/styles.xml")
    assert latin.find(f"{W}style[@{W}styleId='UNTitle']/{W}rPr/{W}bCs") is None


def test_arabic_docx_bold_and_italic_runs_carry_complex_script_properties(tmp_path):
    """Bold or italic set on a run (``**…**``, ``*…*`` in the source) reaches Arabic text only
    through w:bCs and w:iCs: each such run carries them beside w:b and w:i; Latin runs do not."""
    body = BODIES["ar"].replace("تؤكد مجددا الأهمية", "تؤكد مجددا **الأهمية الحاسمة** و*التدابير*")
    runs = {}
    for lang, text in (("ar", body), ("fr", BODIES["fr"].replace("Décide d’admettre", "Décide **d’admettre**"))):
        src = tmp_path / f"{lang}.yaml"
        src.write_text(HEAD.format(lang=lang, style="modern") + text, encoding="utf-8")
        (docx,) = build_file(src, tmp_path / lang, ("docx",))
        runs[lang] = docx_xml(docx).findall(f".//{W}body//{W}r")
    bold = [r for r in runs["ar"] if r.find(f"{W}rPr/{W}b") is not None and "الأهمية" in "".join(r.itertext())]
    italic = [r for r in runs["ar"] if r.find(f"{W}rPr/{W}i") is not None and "التدابير" in "".join(r.itertext())]
    assert bold and italic
    assert all(r.find(f"{W}rPr/{W}bCs") is not None for r in bold)
    assert all(r.find(f"{W}rPr/{W}iCs") is not None for r in italic)
    latin_bold = [r for r in runs["fr"] if r.find(f"{W}rPr/{W}b") is not None]
    assert latin_bold and all(r.find(f"{W}rPr/{W}bCs") is None for r in latin_bold)


@pytest.mark.parametrize("lang", ("fr", "es", "ru", "zh"))
def test_ltr_docx_language(built, lang):
    styles = docx_xml(built[lang, "modern"]["docx"], "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults")
    assert defaults.find(f".//{W}lang").get(f"{W}val").startswith(lang)
    assert defaults.find(f".//{W}pPr/{W}bidi") is None


def test_job_number_language_letters():
    assert {lang: catalogue(lang).data["language_letter"] for lang in ("en",) + LANGS} == {
        "en": "E", "fr": "F", "es": "S", "ru": "R", "zh": "C", "ar": "A"}


# -- Arabic page 1 against docs/languages.md (item 4 of issue 13) -------------------------
def _rules(path: Path) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the thin horizontal rules on page 1 below the title block."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return sorted((round(r["x0"], 1), round(r["x1"], 1), round(r["top"], 1))
                      for r in page.lines + page.rects + page.curves
                      if r["top"] > 450 and 60 < r["x1"] - r["x0"] < 120)


def test_arabic_title_number_form(built):
    """"61/53 - صون …": the number, a spaced hyphen, the title (no full stop)."""
    root = lhtml.parse(str(built["ar", "modern"]["html"])).getroot()
    assert root.find(".//h1//span[@class='number']").text_content().strip() == "52/102 -"
    with pdfplumber.open(built["ar", "modern"]["pdf"]) as pdf:  # read right to left: 52/102, -, title
        line = next(ln for ln in pdf.pages[0].extract_text_lines() if "52/102" in ln["text"] and "-" in ln["text"])
    number = [c for c in line["chars"] if c["text"] in "0123456789/"]
    hyphen = next(c for c in line["chars"] if c["text"] == "-")
    title = [c for c in line["chars"] if "\u0600" <= c["text"] <= "\u06ff"]
    assert min(c["x0"] for c in number) > hyphen["x1"] > hyphen["x0"] > max(c["x1"] for c in title)
    body = docx_xml(built["ar", "modern"]["docx"])
    assert "52/102 -" in "".join(body.itertext()) and "52/102." not in "".join(body.itertext())
    assert lhtml.parse(str(built["fr", "modern"]["html"])).getroot().find(
        ".//h1//span[@class='number']").text_content().strip() == "52/102."


def test_arabic_rules_mirror_the_left_to_right_ones(built):
    """The notes' short rule stands 39.6 pt in from the right edge of the page area as the
    left-to-right one does from the left; the end-of-text rule is centred in both."""
    width = 612
    for style in ("modern", "1998"):
        ltr, rtl = _rules(built["fr", style]["pdf"]), _rules(built["ar", style]["pdf"])
        assert ltr and len(ltr) == len(rtl)
        mirrored = sorted(v for x0, x1, _ in ltr for v in (width - x1, width - x0))
        got = sorted(v for x0, x1, _ in rtl for v in (x0, x1))
        assert got == pytest.approx(mirrored, abs=0.6), (style, ltr, rtl)


def test_arabic_docx_english_masthead_lines_read_left_to_right(built):
    """The Distr. and date lines are English in the Arabic masthead: that paragraph is left to
    right (w:bidi w:val="0"); the job number "98-76154 (A)" is a left-to-right embedding."""
    with zipfile.ZipFile(built["ar", "modern"]["docx"]) as z:
        parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"word/(header|footer)\d+\.xml", n)}
    paras = [p for part in parts.values() for p in part.iter(f"{W}p")]
    dist = next(p for p in paras if "9 February 1998" in "".join(p.itertext()))
    assert dist.find(f"{W}pPr/{W}bidi").get(f"{W}val") == "0"
    assert all(r.find(f"{W}rPr/{W}rtl").get(f"{W}val") == "0" for r in dist.iter(f"{W}r") if r.find(f"{W}t") is not None)
    job = next("".join(p.itertext()) for p in paras if "98-76154" in "".join(p.itertext()))
    assert "\u202a98-76154 (A)\u202c" in job
