"""Find what would run in an HTML fragment (a feed's description, a partner body)."""

import re
from html.parser import HTMLParser

ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "img", "image",
    "base", "meta", "link", "form", "input", "button", "textarea", "select",
    "video", "audio", "source", "frame", "frameset", "applet", "template", "xmp",
    "plaintext", "marquee", "details", "animate", "set", "foreignobject",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
# What a browser's URL parser drops before reading the scheme.
URL_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and UNSAFE_SCHEME.match(
                URL_NOISE.sub("", value or "")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def active_html(fragment: str) -> list[str]:
    """Return the tags and attributes in ``fragment`` that a browser would act on."""
    audit = _Audit()
    audit.feed(fragment)
    audit.close()
    return audit.found
