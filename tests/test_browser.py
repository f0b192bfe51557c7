"""Every page in a real browser: light and dark, desktop and phone.

Headless Chromium from the system (never a downloaded browser), driven by
Playwright, loads each built page from a local HTTP server on 127.0.0.1
that this module starts and stops. For each page and each of light/dark
and 1280/390 pixels wide it checks that

- every diagram is visible: its <img> loaded (naturalWidth > 0) and the SVG
  behind it is non-empty and has text;
- the console shows no error and no script throws;
- the page asks for nothing from any host but the local server;
- the copy button of each example copies exactly the file's text;

and writes a screenshot to _build/screenshots/ for a person to look at
(the whole page in light/desktop and dark/phone, the first screen otherwise).

Without /usr/bin/chromium (or $CHROMIUM) these tests are skipped, loudly;
when the environment variable CI is set they fail instead.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import catalog
from catalog import ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
THEMES = ("light", "dark")
SCREENSHOTS = ROOT / "_build" / "screenshots"
PAGES = sorted(p.relative_to(catalog.DOCS).with_suffix(".html").as_posix()
               for p in catalog.DOCS.rglob("*.md") if "_build" not in p.parts and not p.name.startswith("_")
               and "_data" not in p.parts)


def _need_chromium():
    if os.path.exists(CHROMIUM):
        return
    why = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser checks must run: {why}", pytrace=False)
    pytest.skip(f"BROWSER CHECKS NOT RUN: {why}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output for failures
        pass


@contextmanager
def serving(directory: Path):
    """A static HTTP server for ``directory`` on 127.0.0.1 (a free port), always stopped."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.timeout = 10
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


_RECORD_COPIES = """
window.__copied = [];
document.addEventListener('copy', (e) => {
  const t = e.target;
  const text = (t && typeof t.value === 'string')
    ? t.value.slice(t.selectionStart, t.selectionEnd)
    : String(document.getSelection());
  window.__copied.push(text);
}, true);
"""


def _svg_has_text(path: Path) -> bool:
    svg = path.read_text(encoding="utf-8", errors="replace")
    if "<svg" not in svg:
        return False
    # Labels are <text> or HTML inside <foreignObject>; either way, visible words.
    words = re.sub(r"<style.*?</style>|<[^>]+>", " ", svg, flags=re.S)
    return bool(re.search(r"\w", words))


@pytest.fixture(scope="module")
def server(built_site):
    """The built site on 127.0.0.1, stopped after the module."""
    with serving(built_site) as url:
        yield url


@pytest.mark.parametrize("page", PAGES)
def test_page_in_a_real_browser(browser, server, built_site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for theme in THEMES:
        for label in WIDTHS:
            problems.extend(check_page(browser, server, built_site, page, theme, label, SCREENSHOTS))
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_browser_check_catches_a_broken_page(browser, tmp_path):
    """A page with an outside script, a broken diagram and a throwing script must fail."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad.html").write_text(
        '<!doctype html><html><body data-theme="light"><h1>bad</h1>'
        '<script src="https://cdn.example.com/lib.js"></script>'
        '<figure class="diagram"><img src="missing.svg" alt="gone"></figure>'
        "<script>throw new Error('boom')</script></body></html>",
        encoding="utf-8",
    )
    with serving(site) as url:
        problems = "\n".join(check_page(browser, url, site, "bad.html", "light", "desktop", None))
    assert "requested a non-local URL https://cdn.example.com/lib.js" in problems
    assert "diagram 1 (missing.svg) did not load" in problems
    assert "page error" in problems and "boom" in problems


def check_page(browser, server: str, site: Path, page: str, theme: str, label: str, shots: Path | None) -> list[str]:
    """Load one page in one look; return every problem seen, as sentences."""
    width, height = WIDTHS[label]
    local = urlsplit(server).netloc
    where = f"{page} ({theme}, {label} {width}px)"
    problems = []
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=theme,
        device_scale_factor=1,
        is_mobile=label == "phone",
        has_touch=label == "phone",
    )
    # Furo keeps the reader's choice in localStorage; set it like a reader would.
    context.add_init_script(f"try {{ localStorage.setItem('theme', '{theme}'); }} catch (e) {{}}")
    context.add_init_script(_RECORD_COPIES)
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    # Anything not local is refused, so a stray CDN link fails fast and visibly.
    context.route(
        re.compile(r"^(?!" + re.escape(server) + r"/|data:|blob:|about:).*"),
        lambda route: route.abort(),
    )
    pg = context.new_page()
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        pg.goto(f"{server}/{page}", wait_until="load", timeout=30_000)
        body_theme = pg.evaluate("document.body.dataset.theme")
        if body_theme != theme:
            problems.append(f"{where}: body data-theme is {body_theme!r}")
        problems.extend(_check_diagrams(pg, site, page, where))
        if theme == "light" and label == "desktop" and shots is not None:
            problems.extend(_check_copy_buttons(pg, page, where))
        if shots is not None:
            pg.evaluate("window.scrollTo(0, 0)")
            name = page.replace("/", "__").replace(".html", "")
            # Whole pages for light desktop and dark phone, the first screen for
            # the other two: every look is covered at half the cost.
            full = (theme, label) in (("light", "desktop"), ("dark", "phone"))
            pg.screenshot(path=str(shots / f"{name}--{theme}--{label}.png"), full_page=full, timeout=30_000)
    finally:
        context.close()
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != local:
            problems.append(f"{where}: requested a non-local URL {url}")
    # A refused outside request shows up as a console error too; it is reported above.
    problems.extend(f"{where}: {e}" for e in errors if "net::ERR_FAILED" not in e)
    return problems


def _check_diagrams(pg, site: Path, page: str, where: str) -> list[str]:
    problems = []
    images = pg.locator("figure.diagram img")
    for i in range(images.count()):
        img = images.nth(i)
        img.scroll_into_view_if_needed(timeout=10_000)  # they load lazily
        pg.wait_for_function("(el) => el.complete", arg=img.element_handle(), timeout=15_000)
        natural = img.evaluate("(el) => el.naturalWidth")
        box = img.bounding_box()
        src = img.get_attribute("src") or ""
        if not natural:
            problems.append(f"{where}: diagram {i + 1} ({src}) did not load")
        if not box or box["width"] < 50 or box["height"] < 20 or not img.is_visible():
            problems.append(f"{where}: diagram {i + 1} ({src}) is not visible (box {box})")
        if not (img.get_attribute("alt") or "").strip():
            problems.append(f"{where}: diagram {i + 1} has no alt text")
        file = (site / page).parent / src
        if not file.is_file() or not _svg_has_text(file):
            problems.append(f"{where}: diagram {i + 1} ({src}) is not an SVG with text")
    return problems


def _check_copy_buttons(pg, page: str, where: str) -> list[str]:
    """Click each example's copy button; what lands on the clipboard must be the file."""
    from test_rendered_pages import expected_code

    problems = []
    showings = [s for s in catalog.showings() if s.page == page[: -len(".html")] + ".md"]
    blocks = pg.locator("div.example-code")
    if blocks.count() != len(showings):
        return [f"{where}: {blocks.count()} example blocks for {len(showings)} directives"]
    for i in range(blocks.count()):
        block = blocks.nth(i)
        name = block.locator("div.code-block-caption code").first.inner_text().strip()[len("examples/"):]
        button = block.locator("button.copybtn")
        if button.count() != 1:
            problems.append(f"{where}: {name} has {button.count()} copy buttons")
            continue
        block.hover()
        before = pg.evaluate("window.__copied.length")
        button.click()
        pg.wait_for_function(f"window.__copied.length > {before}", timeout=5_000)
        copied = pg.evaluate("window.__copied[window.__copied.length - 1]")
        showing = showings[i]
        if showing.name != name:
            problems.append(f"{where}: block {i + 1} shows {name}, the source says {showing.name}")
        elif copied != expected_code(showing).rstrip("\n"):
            what = "the file" if showing.full else f"its region {showing.options}"
            problems.append(f"{where}: the copy button of {name} copies something else than {what}")
    outputs = pg.locator("div.example-output-wrapper button.copybtn")
    if outputs.count():
        problems.append(f"{where}: {outputs.count()} output blocks have a copy button")
    return problems
