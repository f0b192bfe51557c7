"""Every page in a real browser.

Headless Chromium from the system (never a downloaded browser), driven by
Playwright, loads each built page from a local HTTP server on 127.0.0.1
that this module starts and stops.

`make test` looks at every page once, light and 1280 px wide, in one
browser tab that goes from page to page, and checks that

- every diagram is visible: its <img> loaded (naturalWidth > 0), it has alt
  text, the SVG behind it is non-empty and has text, and its smallest label
  is at least MIN_LABEL_PX high as displayed;
- the console shows no error and no script throws;
- the page asks for nothing from any host but the local server;
- the copy button of each example copies exactly the file's text;
- the language switch is a visible link (and on a phone, in --looks);
- on the Chinese pages (zh_CN/, checked the same way), Chinese text is drawn
  with a font that has its glyphs: no tofu boxes.

and, once, that the switch leads from a page to the same page in the other
language and back, over HTTP and from file://, and that the Chinese search
finds a glossary term as a word.

With ``--looks`` (`make check` passes it) every page is also seen in four
looks, light and dark at 1280 and 390 px, with a full-page screenshot of
each in _build/screenshots/ for a person to look at, and

- axe-core (bundled in axe-playwright-python, nothing fetched) finds no
  serious or critical accessibility violation, light and dark;
- on a phone nothing is cut off: the page does not scroll sideways, and a
  diagram, plot or table wider than the screen scrolls inside its own box
  with a visible sign that it does.

Each of these checks is proven by a fixture page that fails it.

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
               and "_data" not in p.parts and "locale" not in p.parts)
# The Chinese build, in zh_CN/ of the English one: the same pages.
CHINESE = "zh_CN"
ALL_PAGES = PAGES + [f"{CHINESE}/{p}" for p in PAGES]


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



MIN_LABEL_PX = 11  # smallest diagram label, as displayed on a desktop


def _context(browser, server, theme: str, label: str):
    width, height = WIDTHS[label]
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
    # Anything not local is refused, so a stray CDN link fails fast and visibly.
    context.route(
        re.compile(r"^(?!" + re.escape(server) + r"/|data:|blob:|about:).*"),
        lambda route: route.abort(),
    )
    return context


class _Tab:
    """One browser tab that visits page after page, collecting what goes wrong."""

    def __init__(self, browser, server: str, theme: str = "light", label: str = "desktop"):
        self.server, self.theme, self.label = server, theme, label
        self.context = _context(browser, server, theme, label)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def where(self, page: str) -> str:
        return f"{page} ({self.theme}, {self.label} {WIDTHS[self.label][0]}px)"

    def visit(self, page: str) -> list[str]:
        """Load a page; return the problems seen while loading it."""
        self.requests.clear()
        self.errors.clear()
        self.page.goto(f"{self.server}/{page}", wait_until="load", timeout=30_000)
        problems = []
        body_theme = self.page.evaluate("document.body.dataset.theme")
        if body_theme and body_theme != self.theme:
            problems.append(f"{self.where(page)}: body data-theme is {body_theme!r}")
        return problems

    def traffic(self, page: str) -> list[str]:
        """Requests to other hosts and console errors since the last visit."""
        local = urlsplit(self.server).netloc
        problems = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme not in ("data", "blob", "about") and parts.netloc != local:
                problems.append(f"{self.where(page)}: requested a non-local URL {url}")
        # A refused outside request shows up as a console error too; it is reported above.
        problems.extend(f"{self.where(page)}: {e}" for e in self.errors if "net::ERR_FAILED" not in e)
        return problems

    def close(self):
        self.context.close()


def test_every_page_in_a_real_browser(browser, server, built_site):
    """Every page once, light at 1280 px, in one tab: diagrams, labels, copy buttons, traffic."""
    tab = _Tab(browser, server)
    problems = []
    try:
        for page in ALL_PAGES:
            where = tab.where(page)
            problems.extend(tab.visit(page))
            problems.extend(_check_language_switch(tab.page, where))
            if page.startswith(CHINESE + "/"):
                problems.extend(_check_no_tofu(tab.page, where))
            problems.extend(_check_diagrams(tab.page, built_site, page, where, min_label=MIN_LABEL_PX))
            problems.extend(_check_copy_buttons(tab.page, page, where))
            problems.extend(tab.traffic(page))
    finally:
        tab.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.looks
@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_in_every_look(browser, server, built_site, page):
    """Light and dark, 1280 and 390 px: screenshots, axe, nothing cut off on a phone."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for theme in THEMES:
        for label in WIDTHS:
            tab = _Tab(browser, server, theme, label)
            try:
                where = tab.where(page)
                problems.extend(tab.visit(page))
                problems.extend(_check_diagrams(
                    tab.page, built_site, page, where, min_label=MIN_LABEL_PX if label == "desktop" else None))
                problems.extend(_check_language_switch(tab.page, where))
                if page.startswith(CHINESE + "/"):
                    problems.extend(_check_no_tofu(tab.page, where))
                if label == "phone":
                    problems.extend(_check_phone_overflow(tab.page, where))
                else:
                    problems.extend(_check_axe(tab.page, where))
                tab.page.evaluate("window.scrollTo(0, 0)")
                name = page.replace("/", "__").replace(".html", "")
                tab.page.screenshot(path=str(SCREENSHOTS / f"{name}--{theme}--{label}.png"), full_page=True, timeout=30_000)
                problems.extend(tab.traffic(page))
            finally:
                tab.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def _fixture_site(tmp_path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    return site


@contextmanager
def _fixture_tab(browser, site: Path, theme: str = "light", label: str = "desktop"):
    """A tab on a fixture site, served for the length of the block."""
    with serving(site) as url:
        tab = _Tab(browser, url, theme, label)
        try:
            yield tab
        finally:
            tab.close()


def test_the_browser_check_catches_a_broken_page(browser, tmp_path):
    """A page with an outside script, a broken diagram and a throwing script must fail."""
    site = _fixture_site(tmp_path, {"bad.html": (
        '<!doctype html><html><body data-theme="light"><h1>bad</h1>'
        '<script src="https://cdn.example.com/lib.js"></script>'
        '<figure class="diagram"><img src="missing.svg" alt="gone"></figure>'
        "<script>throw new Error('boom')</script></body></html>"
    )})
    with _fixture_tab(browser, site) as tab:
        problems = tab.visit("bad.html") + _check_diagrams(tab.page, site, "bad.html", "bad", None)
        problems = "\n".join(problems + tab.traffic("bad.html"))
    assert "requested a non-local URL https://cdn.example.com/lib.js" in problems
    assert "diagram 1 (missing.svg) did not load" in problems
    assert "page error" in problems and "boom" in problems


_WIDE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="200" viewBox="0 0 1600 200">'
    '<style>text{{font-size:{size}px;font-family:sans-serif}}</style>'
    '<rect width="1600" height="200" fill="#eee"/><text x="10" y="100">a label</text></svg>'
)


def test_the_label_check_catches_a_diagram_shrunk_too_far(browser, tmp_path):
    """A 1600 px diagram with 16 px labels shown in 640 px has 6.4 px labels: it must fail;
    the same labels at 30 px (12 px displayed) pass."""
    page = '<!doctype html><body><figure class="diagram"><img src="{src}" alt="a wide diagram" style="width:640px"></figure>'
    site = _fixture_site(tmp_path, {
        "small.svg": _WIDE_SVG.format(size=16), "big.svg": _WIDE_SVG.format(size=30),
        "small.html": page.format(src="small.svg"), "big.html": page.format(src="big.svg"),
    })
    with _fixture_tab(browser, site) as tab:
        tab.visit("small.html")
        small = _check_diagrams(tab.page, site, "small.html", "small", MIN_LABEL_PX)
        tab.visit("big.html")
        big = _check_diagrams(tab.page, site, "big.html", "big", MIN_LABEL_PX)
    assert any("smallest label is 6.4 px" in p for p in small), small
    assert not big, big


def test_the_phone_check_catches_cut_off_and_unsigned_scrolling(browser, tmp_path):
    """At 390 px: a diagram cut off by its box, a table that scrolls with no sign, and
    a Chinese page's scroll hint in English, must fail."""
    site = _fixture_site(tmp_path, {
        "wide.svg": _WIDE_SVG.format(size=30),
        "bad.html": (
            '<!doctype html><meta name="viewport" content="width=device-width"><body><article>'
            '<div style="overflow:hidden"><img src="wide.svg" alt="cut" style="width:900px"></div>'
            '<div class="table-wrapper" style="overflow-x:auto"><table><tr>'
            + "<td>a&nbsp;long&nbsp;cell&nbsp;of&nbsp;text</td>" * 8 + "</tr></table></div></article>"
        ),
        "good.html": (
            '<!doctype html><meta name="viewport" content="width=device-width"><body><article>'
            '<div style="overflow-x:auto" data-overflow><img src="wide.svg" alt="fine" style="width:900px"></div>'
            '<p class="scroll-hint">scroll sideways</p></article>'
        ),
        "zh.html": (
            '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            '<body><article><div style="overflow-x:auto" data-overflow><img src="wide.svg" alt="fine" style="width:900px">'
            '</div><p class="scroll-hint">scroll sideways</p></article>'
        ),
    })
    with _fixture_tab(browser, site, "light", "phone") as tab:
        tab.visit("bad.html")
        bad = _check_phone_overflow(tab.page, "bad")
        tab.visit("good.html")
        good = _check_phone_overflow(tab.page, "good")
        tab.visit("zh.html")
        english_hint = _check_phone_overflow(tab.page, "zh")
    assert english_hint == ["zh: the scroll hint is in English on a zh-CN page: scroll sideways"], english_hint
    assert any("img (cut) is cut off by its box" in p for p in bad), bad
    assert any("table scrolls sideways with no visible sign" in p for p in bad), bad
    assert not good, good


def test_the_axe_check_catches_an_inaccessible_page(browser, tmp_path):
    """An image without alt text and a link with no name are serious violations."""
    site = _fixture_site(tmp_path, {"bad.html": (
        '<!doctype html><html lang="en"><title>bad</title><body><main><h1>bad</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<a href="#x"><svg width="10" height="10"></svg></a></main></body></html>'
    )})
    with _fixture_tab(browser, site) as tab:
        tab.visit("bad.html")
        problems = _check_axe(tab.page, "bad")
    text = "\n".join(problems)
    assert "image-alt" in text and "link-name" in text, text


def _check_diagrams(pg, site: Path, page: str, where: str, min_label: float | None) -> list[str]:
    problems = []
    found = pg.evaluate(_DIAGRAMS, min_label is not None)
    for i, d in enumerate(found):
        src = d["src"]
        if not d["natural"]:
            problems.append(f"{where}: diagram {i + 1} ({src}) did not load")
            continue
        if d["width"] < 50 or d["height"] < 20 or not d["visible"]:
            problems.append(f"{where}: diagram {i + 1} ({src}) is not visible ({d['width']}x{d['height']})")
        if not d["alt"].strip():
            problems.append(f"{where}: diagram {i + 1} has no alt text")
        file = (site / page).parent / src
        if not file.is_file() or not _svg_has_text(file):
            problems.append(f"{where}: diagram {i + 1} ({src}) is not an SVG with text")
        elif min_label is not None:
            smallest = d["smallest"]
            if smallest is None:
                problems.append(f"{where}: diagram {i + 1} ({src}): no label found to measure")
            elif smallest["px"] < min_label:
                problems.append(
                    f"{where}: diagram {i + 1} ({src}): smallest label is {smallest['px']:.1f} px "
                    f"as displayed ({smallest['text']!r}), under {min_label} px: re-lay it out or split it"
                )
    return problems


# Every diagram of the page in one call: load it (they load lazily), then
# report its size, visibility, alt text and, if asked, its smallest label.
_DIAGRAMS_BODY = """
  const out = [];
  for (const img of document.querySelectorAll("figure.diagram img")) {
    img.loading = "eager";
    if (!img.complete) await new Promise((ok) => {
      img.addEventListener("load", ok); img.addEventListener("error", ok); setTimeout(ok, 15000);
    });
    const r = img.getBoundingClientRect();
    const cs = getComputedStyle(img);
    out.push({
      src: img.getAttribute("src") || "", natural: img.naturalWidth, width: r.width, height: r.height,
      visible: cs.visibility !== "hidden" && cs.display !== "none" && r.width > 0,
      alt: img.getAttribute("alt") || "",
      smallest: measure && img.naturalWidth ? await SMALLEST(img) : null,
    });
  }
  return out;
"""


# The smallest text of the SVG behind an <img>, in CSS pixels as displayed:
# a copy of the SVG is laid out off-screen at the image's content width, and
# each label's font size is multiplied by the scale it is drawn at.
_SMALLEST_LABEL = """
async function SMALLEST(img) {
  const text = await (await fetch(img.currentSrc || img.src)).text();
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = document.importNode(doc.documentElement, true);
  const cs = getComputedStyle(img);
  const width = img.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const holder = document.createElement("div");
  holder.style.cssText = `position:absolute;left:-20000px;top:0;width:${width}px`;
  svg.setAttribute("width", String(width));
  svg.removeAttribute("height");
  svg.style.maxWidth = "none";
  holder.appendChild(svg);
  document.body.appendChild(holder);
  let best = null;
  try {
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || !el || el.closest("style, title, desc")) continue;
      const graphic = el instanceof SVGGraphicsElement ? el : el.closest("foreignObject");
      const m = graphic && graphic.getScreenCTM();
      if (!m) continue;
      const ecs = getComputedStyle(el);
      if (ecs.display === "none" || ecs.visibility === "hidden") continue;
      const px = parseFloat(ecs.fontSize) * Math.hypot(m.a, m.b);
      if (!best || px < best.px) best = {px, text: node.data.trim().slice(0, 40)};
    }
  } finally {
    holder.remove();
  }
  return best;
}
"""
_DIAGRAMS = "async (measure) => {\n" + _SMALLEST_LABEL + _DIAGRAMS_BODY + "}"


def _check_phone_overflow(pg, where: str) -> list[str]:
    """Nothing sticks out of the screen or is clipped; what scrolls says so."""
    found = pg.evaluate(_OVERFLOW)
    return [f"{where}: {p}" for p in found]


_OVERFLOW = """
() => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${vw} px)`);
  }
  const visible = (el) => el && !el.hidden && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden";
  const root = document.querySelector("article") || document.body;
  for (const el of root.querySelectorAll("img, svg, table, pre")) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    let box = el.parentElement;
    while (box && box !== document.body && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
    const name = el.tagName.toLowerCase() + (el.getAttribute("alt") ? ` (${el.getAttribute("alt").slice(0, 40)})` : "");
    if (!box || box === document.body) {
      if (r.right > vw + 1) problems.push(`${name} sticks out of the screen (${Math.round(r.right)} px in ${vw} px)`);
      continue;
    }
    const b = box.getBoundingClientRect();
    const wider = box.scrollWidth > box.clientWidth + 1 && r.right > b.right + 1;
    if (!wider) continue;
    const ox = getComputedStyle(box).overflowX;
    if (ox !== "auto" && ox !== "scroll") {
      problems.push(`${name} is cut off by its box (overflow-x: ${ox})`);
    } else if (el.tagName !== "PRE" && !(box.hasAttribute("data-overflow") && visible(box.nextElementSibling)
               && box.nextElementSibling.classList.contains("scroll-hint"))) {
      problems.push(`${name} scrolls sideways with no visible sign that it does`);
    }
  }
  // The sign is in the page's language.
  for (const hint of document.querySelectorAll(".scroll-hint")) {
    const lang = document.documentElement.lang;
    if (lang && !lang.startsWith("en") && /[A-Za-z]/.test(hint.textContent)) {
      problems.push(`the scroll hint is in English on a ${document.documentElement.lang} page: ${hint.textContent}`);
    }
  }
  return [...new Set(problems)];
}
"""


def _check_axe(pg, where: str) -> list[str]:
    """axe-core's serious and critical violations on the page as it is shown."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(pg)
    problems = []
    for v in results.response["violations"]:
        if v.get("impact") in ("serious", "critical"):
            targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                                for n in v["nodes"][:3])
            problems.append(f"{where}: axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x: {targets})")
    return problems


def _check_copy_buttons(pg, page: str, where: str) -> list[str]:
    """Click each example's copy button; what lands on the clipboard must be the file."""
    from test_rendered_pages import expected_code

    problems = []
    source = page.removeprefix(CHINESE + "/")[: -len(".html")] + ".md"  # the Chinese page shows the same files
    showings = [s for s in catalog.showings() if s.page == source]
    blocks = pg.evaluate(_CLICK_COPY_BUTTONS)
    if len(blocks) != len(showings):
        return [f"{where}: {len(blocks)} example blocks for {len(showings)} directives"]
    for i, (block, showing) in enumerate(zip(blocks, showings)):
        name = block["name"].strip()[len("examples/"):]
        if block["buttons"] != 1:
            problems.append(f"{where}: {name} has {block['buttons']} copy buttons")
        elif showing.name != name:
            problems.append(f"{where}: block {i + 1} shows {name}, the source says {showing.name}")
        elif block["copied"] != expected_code(showing).rstrip("\n"):
            what = "the file" if showing.full else f"its region {showing.options}"
            problems.append(f"{where}: the copy button of {name} copies something else than {what}")
    outputs = pg.locator("div.example-output-wrapper button.copybtn")
    if outputs.count():
        problems.append(f"{where}: {outputs.count()} output blocks have a copy button")
    return problems


# Press every example's copy button (a click event, as a reader's would be)
# and read what the page put on the clipboard, in one round trip.
_CLICK_COPY_BUTTONS = """
() => [...document.querySelectorAll("div.example-code")].map((block) => {
  const buttons = block.querySelectorAll("button.copybtn");
  const name = (block.querySelector("div.code-block-caption code") || {}).textContent || "";
  const before = window.__copied.length;
  if (buttons.length === 1) buttons[0].click();
  const copied = window.__copied.length > before ? window.__copied[window.__copied.length - 1] : null;
  return {name, buttons: buttons.length, copied};
})
"""


# ---- Two languages ------------------------------------------------------

def _check_language_switch(pg, where: str) -> list[str]:
    """The link to the other language is there, a real link, and visible on the screen."""
    found = pg.evaluate(_LANGUAGE_SWITCH)
    if found is None:
        return [f"{where}: no language switch (nav.language-switch a[href])"]
    problems = []
    if not (found["hreflang"] and found["lang"] and found["text"].strip()):
        problems.append(f"{where}: the language link lacks hreflang, lang or text: {found}")
    if not found["visible"]:
        problems.append(f"{where}: the language link is not visible on the screen: {found}")
    return problems


_LANGUAGE_SWITCH = """
() => {
  const a = document.querySelector("nav.language-switch a[href]");
  if (!a) return null;
  const r = a.getBoundingClientRect();
  const cs = getComputedStyle(a);
  const vw = document.documentElement.clientWidth;
  return {
    href: a.getAttribute("href"), hreflang: a.getAttribute("hreflang") || "", lang: a.getAttribute("lang") || "",
    text: a.textContent || "",
    visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= vw + 1 && r.top >= 0
      && cs.visibility !== "hidden" && cs.display !== "none" && parseFloat(cs.opacity) > 0.5,
  };
}
"""


def _check_no_tofu(pg, where: str, probe: str | None = None) -> list[str]:
    """Chinese text is drawn with glyphs, not tofu. Up to 12 of the page's Han
    characters (or ``probe``) are laid out in the article's own font: every
    CJK font draws them 1 em wide each, and without a font that has them they
    are boxes, as wide as the boxes of a character no font has (U+0378)."""
    m = pg.evaluate(_MEASURE_CJK, probe)
    if m is None:
        return [f"{where}: a Chinese page with no Chinese text"]
    n, size = m["count"], m["fontSize"]
    if abs(m["cjk"] - m["tofu"]) < 0.5 or not 0.9 * n * size <= m["cjk"] <= 1.1 * n * size:
        return [f"{where}: Chinese text is not drawn with a CJK font (tofu): {n} characters of {m['text']!r} "
                f"are {m['cjk']:.1f} px wide in {m['font']!r} at {size} px (expected about {n * size} px; "
                f"as many missing glyphs: {m['tofu']:.1f} px); install a CJK font (fonts-wqy-microhei)"]
    return []


_MEASURE_CJK = """
(probe) => {
  const text = probe || (document.body.innerText.match(/\\p{Script=Han}/gu) || []).slice(0, 12).join("");
  if (!text) return null;
  const holder = document.querySelector("article") || document.body;
  const width = (s) => {
    const span = document.createElement("span");
    span.style.cssText = "position:absolute;left:-10000px;top:0;white-space:nowrap;letter-spacing:normal";
    span.textContent = s;
    holder.appendChild(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  };
  const cs = getComputedStyle(holder);
  return {
    text, count: [...text].length, cjk: width(text), tofu: width("\u0378".repeat([...text].length)),
    fontSize: parseFloat(cs.fontSize), font: cs.fontFamily,
  };
}
"""


def test_the_tofu_check_catches_missing_glyphs(browser, tmp_path):
    """Characters no font has are drawn as boxes: measured as the page's Chinese
    text, they must fail; the page's real Chinese, with the font installed, passes."""
    site = _fixture_site(tmp_path, {"zh.html": (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body><article><p>中文页面的正文</p></article></body></html>'
    )})
    with _fixture_tab(browser, site) as tab:
        tab.visit("zh.html")
        chinese = _check_no_tofu(tab.page, "chinese")
        boxes = _check_no_tofu(tab.page, "boxes", "\U0002fff0" * 6)  # unassigned: no font has it
    assert not chinese, chinese
    assert boxes and "not drawn with a CJK font" in boxes[0], boxes


def test_the_switch_leads_to_the_same_page_and_back(browser, server, built_site):
    """Click the switch on an English page, land on its Chinese page; click back."""
    tab = _Tab(browser, server)
    try:
        for start, there in (("processes/start-methods.html", f"{CHINESE}/processes/start-methods.html"),
                             ("index.html", f"{CHINESE}/index.html")):
            tab.visit(start)
            tab.page.click("nav.language-switch a")
            tab.page.wait_for_load_state("load")
            assert tab.page.url == f"{server}/{there}"
            assert tab.page.evaluate("document.documentElement.lang") == "zh-CN"
            tab.page.click("nav.language-switch a")
            tab.page.wait_for_load_state("load")
            assert tab.page.url == f"{server}/{start}"
            assert tab.page.evaluate("document.documentElement.lang") == "en"
    finally:
        tab.close()


def test_the_switch_works_from_files(browser, built_site):
    """Opened from disk (file://), with no server, the switch still leads to the other page."""
    context = browser.new_context()
    try:
        pg = context.new_page()
        english = (built_site / "queues" / "kinds.html").resolve()
        pg.goto(english.as_uri(), wait_until="load")
        pg.click("nav.language-switch a")
        pg.wait_for_load_state("load")
        assert pg.url == (built_site / CHINESE / "queues" / "kinds.html").resolve().as_uri()
        pg.click("nav.language-switch a")
        pg.wait_for_load_state("load")
        assert pg.url == english.as_uri()
    finally:
        context.close()


def test_the_chinese_search_finds_a_glossary_term(browser, server, built_site):
    """Searching the Chinese site for 启动方式 lists the glossary page (and, once
    they are translated, the pages that use the word)."""
    tab = _Tab(browser, server)
    try:
        tab.page.goto(f"{server}/{CHINESE}/search.html?q=启动方式", wait_until="load")
        # Sphinx adds one result every 5 ms and writes the summary line only
        # after the last; reading the list at the first result reads part of it.
        tab.page.wait_for_function(
            "() => (document.querySelector('p.search-summary')?.innerText || '').trim() !== ''",
            timeout=30_000,
        )
        summary = tab.page.inner_text("p.search-summary")
        hits = tab.page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.getAttribute('href'))")
        problems = tab.traffic("search.html")
    finally:
        tab.close()
    counts = [int(n) for n in re.findall(r"\d+", summary)]
    assert counts == [len(hits)], (summary, hits)  # the whole list was read
    assert any(h.split("?")[0].split("#")[0] == "glossary.html" for h in hits), hits
    assert not problems, problems
