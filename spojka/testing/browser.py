"""Real Chromium (Debian's package) driven by Playwright, with axe-core on every page visited.

Browser downloads by test tools fail on our machines, so Playwright is pointed at /usr/bin/chromium.
axe-core comes from npm (package-lock.json) like every other front-end asset.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Label in name (WCAG 2.5.3) is marked experimental by axe, so it is not in the tags: enabled by name.
EXTRA_RULES = {"label-content-name-mismatch": {"enabled": True}}
PHONE_WIDTH = 390


class AccessibilityError(AssertionError):
    pass


def assert_accessible(page) -> None:
    """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation.

    axe-core is evaluated through the DevTools protocol rather than added as a <script>: the app's
    Content-Security-Policy rightly refuses inline scripts, and the test must not weaken it.
    """
    _settle(page)
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async ([tags, rules]) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules})",
        [WCAG_TAGS, EXTRA_RULES],
    )
    violations = result["violations"]
    if violations:
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [n["target"] for n in v["nodes"]][:5],
            }
            for v in violations
        ]
        raise AccessibilityError(
            f"axe-core on {page.url}:\n{json.dumps(summary, indent=2, ensure_ascii=False)}"
        )


PHONE = {"width": 390, "height": 844}


class TooWideError(AssertionError):
    pass


def assert_fits_phone(page) -> None:
    """The page fits a 390 px phone: no sideways scroll of the page (a wide table scrolls in itself).

    Measured again after a moment when too wide: right after a click the next page may still be
    loading its stylesheet and scripts, and a half-loaded page is not the layout a user sees.
    """
    size = page.viewport_size
    if size != PHONE:
        page.set_viewport_size(PHONE)
    try:
        for attempt in range(3):
            page.wait_for_load_state("load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width <= PHONE["width"]:
                return
            page.wait_for_timeout(250 * (attempt + 1))
        culprits = page.evaluate(_CULPRITS, PHONE["width"])
    finally:
        if size and size != PHONE:
            page.set_viewport_size(size)
    raise TooWideError(f"{page.url} is {width} px wide on a {PHONE['width']} px phone: {culprits}")


# The innermost elements sticking out to the right, or overflowing with their text.
_CULPRITS = """(limit) => {
  const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
    if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
  const wide = [...document.body.querySelectorAll('*')].filter(e => !clipped(e)).filter(e =>
    e.getBoundingClientRect().right > limit + 1
    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'));
  const out = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
  return out.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
    + ' «' + (e.textContent || '').trim().slice(0, 40) + '»');
}"""


def _settle(page) -> None:
    """Check the page at rest: the pointer off every control and no transition half-way.

    The pointer stays where the last click was; a button under it on the next page is hovered, and
    axe would measure the contrast of a colour in mid-transition.
    """
    page.mouse.move(0, 0)
    # Transitions are finished at once (their end state is what a user reads); infinite animations
    # such as a busy indicator are left running.
    page.evaluate(
        "() => document.getAnimations().forEach(a => {"
        " if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish(); })"
    )


def _axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_JS.read_text()
    return _AXE_SOURCE


_AXE_SOURCE: str | None = None


class CheckedPage:
    """A Playwright page that runs axe-core after every navigation the test makes."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        self.visited.append(self.page.url)
        assert_accessible(self.page)
        assert_fits_phone(self.page)

    def assert_fits_phone(self, width: int = PHONE_WIDTH) -> None:
        """At a phone's width (390 px) the current page must not scroll sideways (WCAG 1.4.10).

        The viewport is set to ``width`` for the measurement and restored afterwards; on failure the
        message names the first elements that stick out.
        """
        before = self.page.viewport_size
        self.page.set_viewport_size({"width": width, "height": 844})
        try:
            scroll_width = self.page.evaluate("() => document.documentElement.scrollWidth")
            if scroll_width > width:
                wide = self.page.evaluate(
                    "w => [...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > w"
                    " && !(e.parentElement && e.parentElement.closest('.app-table-scroll, [role=region]')))"
                    ".slice(0, 5)"
                    ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
                    width,
                )
                raise AssertionError(f"{self.page.url} is {scroll_width} px wide at {width} px: {wide}")
        finally:
            if before:
                self.page.set_viewport_size(before)

    def login(self, username: str, password: str = "heslo-pro-testy") -> None:
        self.goto("/ucet/prihlaseni/")
        self.page.get_by_label("Uživatelské jméno").fill(username)
        self.page.get_by_label("Heslo").fill(password)
        self.page.get_by_role("button", name="Přihlásit se").click()
        self.check()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread; Django's ORM guard would
    # refuse the tests' queries from it although they run synchronously. Only while Chromium runs
    # (the browser tests run last, see spojka/conftest.py).
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(locale="cs-CZ", accept_downloads=True)
    page = context.new_page()
    # Generous: CI runs two suites on a 2-core machine and PDF generation is slow under load.
    page.set_default_timeout(30000)
    # Nothing may leave the machine: every asset must be served by the app itself.
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    # Anything the Content-Security-Policy blocks (an inline script or style) is a defect.
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    yield CheckedPage(page, live_server.url)
    context.close()
    assert not outside, f"requests outside the app: {outside}"
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"
