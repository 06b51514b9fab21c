"""The HTML meets WCAG 2.1 AA, checked in a real browser (headless Chromium) by axe-core.

Every HTML page unres builds is loaded and checked by axe-core with the WCAG 2.1 A and AA
rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa): each source of source/ and source/cycle/ and
each test fixture in both house styles, the language versions (French, Spanish, Russian,
Chinese, Arabic right to left), the redlines of ``unres diff`` (every diff script of
tests/diff/ and one made by the command line), the amendment document of ``unres amend``, the
draft history of ``unres history`` and the session volume of ``unres volume``. None may show a
violation.

Then what axe cannot judge alone: the footnote calls and back-links are reached with the TAB
key and followed with Enter, and the browser's computed accessible name of a call is "Note N";
the colours of the redline's insert and delete marks contrast with the page by at least 4.5:1
(text) and the change bars by at least 3:1 (non-text), computed here from the browser's styles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES, unres
from support import browser as chromium
from test_diff import NAMES as DIFF_NAMES
from test_diff import docs as diff_docs
from test_languages import LANGS
from test_languages import source as language_source

from pipeline import writers
from pipeline.app.build import build_file

FIXTURES = ROOT / "tests" / "fixtures"
CYCLE = FIXTURES / "cycle"
STYLES = ("1998", "modern")
BUILT = (
    sorted(SOURCES.glob("*.yaml")) + sorted((SOURCES / "cycle").glob("*.yaml"))
    + sorted(FIXTURES.glob("*.yaml")) + sorted(CYCLE.glob("*.yaml"))
)
BUILDS = {f"{p.parent.name}/{p.stem}-{style}": (p, style) for p in BUILT for style in STYLES}
LANGUAGE_PAGES = [f"{lang}-{style}" for lang in LANGS for style in STYLES]
COMMANDS = ["diff-command", "amend", "history", "volume"]
WATCH = ["page", "error-over-page", "error-before-any-page"]


def show(browser, path: Path) -> None:
    browser.get(path.resolve().as_uri())


def assert_no_violation(browser, path: Path) -> None:
    show(browser, path)
    result = chromium.axe(browser)
    assert result["passes"], "axe checked nothing"  # the page loaded and the rules ran
    assert not result["violations"], f"{path.name}:\n{chromium.describe(result['violations'])}"


def built_page(name: str, folder: Path) -> Path:
    src, style = BUILDS[name]
    return build_file(src, folder, ("html",), style)[0]


def language_page(name: str, folder: Path) -> Path:
    lang, style = name.split("-")
    return build_file(language_source(folder, lang, style), folder, ("html",))[0]


def diff_page(name: str, folder: Path) -> Path:
    path = folder / f"{name}.html"
    path.write_bytes(writers.render("html", diff_docs(name)[2]))
    return path


def command_page(name: str, folder: Path) -> Path:
    """A page made by a command of its own, run as a user would."""
    if name == "diff-command":
        r = unres("diff", CYCLE / "draft.yaml", CYCLE / "rev1.yaml", "-o", folder, "--format", "html")
    elif name == "amend":
        r = unres("amend", CYCLE / "draft.yaml", CYCLE / "rev1.yaml", "-o", folder, "--format", "html")
    elif name == "history":
        r = unres("history", CYCLE / "draft.yaml", CYCLE / "rev1.yaml", "-o", folder / "history.html")
    else:
        r = unres("volume", ROOT / "tests" / "volume" / "80", "--session", "80", "-o", folder,
                  "--format", "html", timeout=600)
    assert r.returncode == 0, r.stderr
    [page] = folder.glob("*.html")
    return page


def watch_page(name: str, folder: Path) -> Path:
    """The page ``unres watch`` serves: the HTML with its reload script, and the load error shown
    over the last good page, or alone when no build has succeeded yet."""
    from pipeline.app.watch import Preview

    preview = Preview()
    if name != "error-before-any-page":
        preview.update(html_bytes=built_page("source/A_RES_73_8-modern", folder).read_bytes())
    if name.startswith("error"):
        preview.update(error="x.yaml:3:1: title: a required field is missing")
    path = folder / f"watch-{name}.html"
    path.write_bytes(preview.page)
    return path


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_built_page_has_no_wcag_violation(name, browser, tmp_path):
    assert_no_violation(browser, built_page(name, tmp_path))


@pytest.mark.parametrize("name", LANGUAGE_PAGES)
def test_language_version_has_no_wcag_violation(name, browser, tmp_path):
    assert_no_violation(browser, language_page(name, tmp_path))


@pytest.mark.parametrize("name", DIFF_NAMES)
def test_redline_has_no_wcag_violation(name, browser, tmp_path):
    assert_no_violation(browser, diff_page(name, tmp_path))


@pytest.mark.parametrize("name", COMMANDS)
def test_command_page_has_no_wcag_violation(name, browser, tmp_path):
    assert_no_violation(browser, command_page(name, tmp_path))


@pytest.mark.parametrize("name", WATCH)
def test_watch_preview_has_no_wcag_violation(name, browser, tmp_path):
    assert_no_violation(browser, watch_page(name, tmp_path))


# -- the footnotes with the keyboard ---------------------------------------------------------
def focus_order(browser, path: Path, presses: int = 400) -> list[str]:
    """What TAB focuses on the freshly loaded page: the focused element's role (or tag) and
    href, in order, until the focus comes back to the first one (or ``presses`` presses)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    show(browser, path)
    seen: list[str] = []
    for _ in range(presses):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        here = browser.execute_script(
            "const e = document.activeElement;"
            "return e === document.body ? '' : (e.getAttribute('role') || e.tagName) + ' ' + (e.getAttribute('href') || '');"
        )
        if seen and here == seen[0]:
            break
        seen.append(here)
    return seen


@pytest.mark.parametrize("name", ["source/A_RES_52_102-1998", "source/A_RES_73_8-modern", "ar-modern", "move_paragraph"])
def test_every_note_call_and_back_link_is_reached_with_tab(name, browser, tmp_path):
    if name in BUILDS:
        path = built_page(name, tmp_path)
    elif name in DIFF_NAMES:
        path = diff_page(name, tmp_path)
    else:
        path = language_page(name, tmp_path)
    show(browser, path)
    calls = browser.execute_script(
        "return [...document.querySelectorAll('[role=doc-noteref]')].map(a => a.getAttribute('href'))")
    backs = browser.execute_script(
        "return [...document.querySelectorAll('[role=doc-backlink]')].map(a => a.getAttribute('href'))")
    assert calls and len(backs) == len(calls)  # one back-link per call
    order = focus_order(browser, path)
    reached_calls = [h.split(" ", 1)[1] for h in order if h.startswith("doc-noteref ")]
    reached_backs = [h.split(" ", 1)[1] for h in order if h.startswith("doc-backlink ")]
    assert reached_calls == calls
    assert reached_backs == backs


def test_enter_on_a_call_goes_to_its_note_and_the_back_link_returns(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    path = built_page("source/A_RES_52_102-1998", tmp_path)
    to_first_call = focus_order(browser, path).index("doc-noteref #fn-1") + 1
    show(browser, path)
    keys = ActionChains(browser)
    for _ in range(to_first_call):
        keys.send_keys(Keys.TAB)
    keys.perform()
    call = browser.switch_to.active_element
    assert call.get_attribute("role") == "doc-noteref" and call.get_attribute("href").endswith("#fn-1")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return location.hash") == "#fn-1"
    # TAB now goes on from the note: through its links (a cited document) to its back-link
    for _ in range(10):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        back = browser.switch_to.active_element
        assert back.find_element("xpath", "ancestor::li[1]").get_attribute("id") == "fn-1"
        if back.get_attribute("role") == "doc-backlink":
            break
    assert back.get_attribute("role") == "doc-backlink"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return location.hash") == "#" + call.get_attribute("id")


@pytest.mark.parametrize("name, word", [("source/A_RES_52_102-1998", "Note"), ("source/A_RES_73_8-modern", "Note"),
                                        ("fr-modern", "Note"), ("ru-1998", "Сноска"), ("ar-modern", "الحاشية")])
def test_a_note_call_is_announced_as_note_n(name, word, browser, tmp_path):
    path = built_page(name, tmp_path) if name in BUILDS else language_page(name, tmp_path)
    show(browser, path)
    calls = browser.find_elements("css selector", "[role=doc-noteref]")
    backs = browser.find_elements("css selector", "[role=doc-backlink]")
    assert calls and backs
    for call in calls:
        number = call.text.strip()
        name_ = call.accessible_name  # Chromium's computed accessible name (WebDriver "computed label")
        assert number.isdigit() and name_ == f"{word} {number}", name_
        assert call.aria_role == "doc-noteref"  # Chromium's computed role
    for back in backs:
        assert back.accessible_name.strip(), "a back-link without a name"
        assert back.aria_role == "doc-backlink"


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "zh", "ar"])
def test_language_redline_speaks_its_language(lang, browser, tmp_path):
    """A redline of a French … Arabic text: no violation, and Chromium names the move arrows and
    the legend in the document's language (the diff catalogue templates/lang/diff/<lang>.yaml)."""
    from test_diff_languages import SUMMARY, language_versions

    from pipeline.transforms.diff import diff

    path = tmp_path / f"redline-{lang}.html"
    path.write_bytes(writers.render("html", diff(*language_versions(lang, 2))))
    assert_no_violation(browser, path)
    arrows = browser.find_elements("css selector", "main a.move-link")
    assert sorted(a.accessible_name for a in arrows) == sorted(SUMMARY[lang]["move"])
    legend = browser.find_element("css selector", "ul.diff-legend")
    assert legend.accessible_name == SUMMARY[lang]["legend"]


# -- the colours of the redline marks --------------------------------------------------------
def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The WCAG 2.1 contrast ratio of two sRGB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[float, ...]:
    values = tuple(float(v) for v in re.findall(r"[\d.]+", css))
    assert len(values) == 3 or values[3] == 1, f"not opaque: {css}"
    return values[:3]


def test_contrast_formula_matches_the_wcag_examples():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # the AA grey


def test_redline_marks_contrast_with_the_page(browser, tmp_path):
    show(browser, diff_page("drafter", tmp_path))
    styles = browser.execute_script("""
        const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                          if (!/rgba\\(.*, 0\\)|transparent/.test(c)) return c; } return 'rgb(255, 255, 255)'; };
        const pick = sel => [...document.querySelectorAll(sel)].map(e => ({
            color: getComputedStyle(e).color, bar: getComputedStyle(e).borderLeftColor,
            barWidth: getComputedStyle(e).borderLeftWidth, background: bg(e)}));
        return {ins: pick('main ins'), del: pick('main del'), barred: pick('main .change')};
    """)
    assert styles["ins"] and styles["del"] and styles["barred"]
    for mark in styles["ins"] + styles["del"]:
        assert contrast(_rgb(mark["color"]), _rgb(mark["background"])) >= 4.5, mark
    for block in styles["barred"]:
        if block["barWidth"] != "0px":
            assert contrast(_rgb(block["bar"]), _rgb(block["background"])) >= 3, block
    # and axe's own colour-contrast rule on the redline agrees
    assert chromium.axe(browser, rules=["color-contrast"])["violations"] == []


def test_sub_paragraphs_stand_apart_from_their_paragraph_as_from_each_other(browser, tmp_path):
    """In a real browser, (a) stands as far below its paragraph's last line as (b) below (a): the
    screen page's 6 pt between paragraphs (the first sub-paragraph ran on with no gap)."""
    show(browser, built_page("fixtures/structures-modern", tmp_path))
    gaps = browser.execute_script("""
        const list = document.querySelector('.para > ol.sub');
        const para = list.parentElement.querySelector(':scope > p');
        const [a, b] = list.querySelectorAll(':scope > li');
        const bottom = e => e.getBoundingClientRect().bottom, top = e => e.getBoundingClientRect().top;
        return [top(a) - bottom(para), top(b) - bottom(a)];""")
    assert gaps[0] > 4, gaps  # 6 pt = 8 px
    assert abs(gaps[0] - gaps[1]) < 0.5, gaps
