"""Helpers for the XSS suite: a watcher for the browser page and an audit of its DOM."""

import pytest

# The browser fixtures (browser, page, site_tree) come from tests/conftest.py.

XSS_INIT = (
    "window.__xss_hit = (id) => {"
    " window.__xss_hits = (window.__xss_hits || []).concat([id]); }"
)

# Everything in the rendered DOM that could run script, or that our templates
# never produce: found anywhere, it means markup got through unescaped.
DOM_AUDIT = r"""
() => {
  const bad = [];
  const own = (el) => el.outerHTML.slice(0, 160);
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data",
                    "poster", "background", "codebase", "dynsrc", "lowsrc"];
  const forbidden = ["object", "embed", "svg", "math", "style", "base", "xmp",
                     "plaintext", "marquee", "audio", "video", "source", "template",
                     "frame", "frameset", "applet", "image", "foreignobject", "set",
                     "animate", "textarea:not(#id_text)"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // What the URL parser sees: tabs and line breaks go, leading C0/space go.
      const value = attr.value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "").toLowerCase();
      if (name.startsWith("on")) bad.push("handler " + name + ": " + own(el));
      if (name === "srcdoc" || name === "autofocus") bad.push(name + ": " + own(el));
      if (name === "style" && el.closest("body")) bad.push("style attribute: " + own(el));
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data|livescript):/.test(value))
        bad.push("url " + name + ": " + own(el));
    }
    const tag = el.tagName.toLowerCase();
    if (tag === "script") {
      const src = el.getAttribute("src") || "";
      if (el.type === "application/ld+json") {
        try { JSON.parse(el.textContent); } catch (e) { bad.push("broken JSON-LD: " + own(el)); }
      } else if (!/\/static\/site\/khabar(\.[0-9a-f]+)?\.js$/.test(src)) {
        bad.push("script: " + own(el));
      }
    }
    if (tag === "iframe") {
      const src = el.getAttribute("src") || "";
      if (!/^https:\/\/(www\.aparat\.com|www\.youtube-nocookie\.com)\//.test(src))
        bad.push("iframe: " + own(el));
    }
    if (tag === "img" && !/\/media\//.test(el.getAttribute("src") || ""))
      bad.push("img: " + own(el));
    if (tag === "meta" && el.hasAttribute("http-equiv")) bad.push("meta: " + own(el));
    if (tag === "link" && el.closest("body")) bad.push("link: " + own(el));
  }
  for (const selector of forbidden) {
    for (const el of document.querySelectorAll(selector)) bad.push(selector + ": " + own(el));
  }
  return bad;
}
"""


class XssWatch:
    """Record every trace a payload could leave on ``page``; ``check`` asserts none."""

    def __init__(self, browser_page):
        self.page = browser_page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        browser_page.on("dialog", self._dialog)
        browser_page.on("console", lambda message: self.console.append(message.text))
        browser_page.on("pageerror", lambda error: self.errors.append(str(error)))
        browser_page.add_init_script(XSS_INIT)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str, *, status: int = 200):
        """Open ``url``, give late handlers (autofocus, animations) a moment, check."""
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == status, (url, response)
        self.settle()
        self.check(url)
        return response

    def settle(self) -> None:
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)))"
        )

    def check(self, where: str) -> None:
        assert self.dialogs == [], (where, self.dialogs)
        markers = [text for text in self.console if "XSS-" in text]
        assert markers == [], (where, markers)
        blocked = [text for text in self.console if "Content Security Policy" in text]
        assert blocked == [], (where, blocked)
        assert self.errors == [], (where, self.errors)
        assert self.page.evaluate("window.__xss_hits") is None, where
        title = self.page.title()
        assert not title.startswith("XSS-"), (where, title)
        audit = self.page.evaluate(DOM_AUDIT)
        assert audit == [], (where, audit)


def same_text(shown: str, stored: str) -> bool:
    """Compare text as the browser shows it with text as stored (spaces folded)."""
    return " ".join(shown.split()) == " ".join(stored.split())


@pytest.fixture
def xss(page):
    return XssWatch(page)


@pytest.fixture
def no_csp(settings):
    """Turn the Content-Security-Policy off: escaping alone must stop every payload."""
    settings.KHABAR_CSP = ""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
