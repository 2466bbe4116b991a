"""Turn the HTML of an imported story into the blocks of an article body.

WordPress post content and the main text trafilatura finds in a saved page
are both HTML of unknown origin. It is sanitized with nh3 first (scripts,
styles, comments, images and every attribute but a link's address go), then
read into the body's blocks: paragraphs (rich text with bold, italic and
links only), quotes (with the speaker from ``<cite>`` or the text after the
quote), and the «بیشتر بخوانید» link to a related story. Text outside any
paragraph tag is split on blank lines, as WordPress does when it shows a post.
Text is normalized as the scraped importer does, and an agency trailer
(«انتهای پیام», «کد خبر») ends the body. No database access here.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

from ..typography import imported_text
from .scraped import END_MARKER, NEWS_CODE, READ_MORE, news_code_read

ALLOWED_TAGS = {
    "p", "br", "blockquote", "cite", "b", "strong", "i", "em", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "div", "section",
    "article", "figure", "pre", "table", "tr", "td", "th",
}  # fmt: skip
# Their content goes too: a caption without its picture says nothing.
DROPPED_WITH_CONTENT = {"script", "style", "figcaption", "noscript", "iframe"}
LINK_SCHEMES = {"http", "https", "mailto"}
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PARAGRAPH_TAGS = {"p", "li", *HEADINGS}
SHORTCODES = re.compile(
    r"\[(caption|gallery|embed|audio|video|playlist)\b[^\]]*\]"
    r"(?:.*?\[/\1\])?",
    re.DOTALL,
)
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
SPACES = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")
MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
IMAGE = re.compile(r"<img\b", re.IGNORECASE)
HREF = re.compile(r'<a href="([^"]*)"')
MAX_HEADLINE = 255


@dataclass
class BodyPart:
    """A body block: ``paragraph`` (HTML), ``quote`` or ``read_more`` (headline)."""

    kind: str
    text: str
    speaker: str = ""
    url: str = ""


@dataclass
class ParsedBody:
    """The blocks found in a story's HTML, a «کد خبر» in its trailer, warnings."""

    parts: list[BodyPart] = field(default_factory=list)
    news_code: int | None = None
    warnings: list[str] = field(default_factory=list)


def plain_text(html: str) -> str:
    """Return the text of an HTML fragment, tags dropped and entities decoded."""
    return SPACES.sub(" ", unescape(TAG.sub(" ", html))).strip()


def html_to_body(html: str, *, base_url: str = "") -> ParsedBody:
    """Sanitize ``html`` and read it into body blocks (see the module's text)."""
    body = ParsedBody()
    images = len(IMAGE.findall(html))
    if images:
        body.warnings.append(f"{images} inline image(s) in the text were dropped")
    clean = nh3.clean(
        SHORTCODES.sub("", html),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    reader = _BlockReader(base_url=base_url)
    reader.feed(clean.replace("\r\n", "\n"))
    reader.close()
    _structure(body, reader.finish())
    return body


class _BlockReader(HTMLParser):
    """Collect paragraphs and quotes from sanitized HTML."""

    def __init__(self, *, base_url: str):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.parts: list[BodyPart] = []
        self.buffer: list[str] = []
        self.open_inline: list[str] = []
        self.explicit = 0  # depth of <p>, <li>, <h…>: no blank-line splitting
        self.quote: list[str] | None = None  # the quote's paragraphs, while in one
        self.quote_buffer: list[str] = []
        self.speaker: list[str] = []
        self.in_cite = False

    def handle_starttag(self, tag, attrs):
        if self.quote is not None:
            self._quote_start(tag)
        elif tag in INLINE:
            self._inline_open(tag, dict(attrs).get("href") or "")
        elif tag == "br":
            self.buffer.append("<br/>")
        elif tag == "blockquote":
            self._flush()
            self.quote, self.quote_buffer, self.speaker = [], [], []
        else:
            self._flush()
            if tag in PARAGRAPH_TAGS:
                self.explicit += 1
            if tag in HEADINGS:
                self._inline_open("b", "")

    def handle_endtag(self, tag):
        if tag == "blockquote" and self.quote is not None:
            self._quote_end()
        elif self.quote is not None:
            if tag == "cite":
                self.in_cite = False
            elif tag in PARAGRAPH_TAGS:
                self._quote_paragraph()
        elif tag in INLINE:
            closing = INLINE[tag]
            if closing in self.open_inline:
                while self.open_inline:
                    name = self.open_inline.pop()
                    self.buffer.append(f"</{name}>")
                    if name == closing:
                        break
        elif tag != "br":
            self._flush()
            if tag in PARAGRAPH_TAGS:
                self.explicit = max(0, self.explicit - 1)

    def handle_data(self, data):
        if self.quote is not None:
            after_paragraphs = self.quote and not "".join(self.quote_buffer).strip()
            if self.in_cite or (after_paragraphs and data.strip()):
                self.speaker.append(data)
            else:
                self.quote_buffer.append(data)
            return
        pieces = [data] if self.explicit else BLANK_LINE.split(data)
        for index, piece in enumerate(pieces):
            if index:
                self._flush(carry=True)
            self.buffer.append(escape(piece, quote=False))

    def finish(self) -> list[BodyPart]:
        """Return the blocks read, closing whatever the HTML left open."""
        if self.quote is not None:
            self._quote_end()
        self._flush()
        return self.parts

    def _inline_open(self, tag: str, href: str) -> None:
        name = INLINE[tag]
        if name == "a":
            href = self._link(href)
            if not href:
                return
            self.buffer.append(f'<a href="{escape(href)}">')
        else:
            self.buffer.append(f"<{name}>")
        self.open_inline.append(name)

    def _link(self, href: str) -> str:
        href = href.strip()
        if href and not urlsplit(href).scheme:
            href = urljoin(self.base_url, href) if self.base_url else ""
        return href if urlsplit(href).scheme in LINK_SCHEMES else ""

    def _flush(self, *, carry: bool = False) -> None:
        """End the paragraph being read; ``carry`` reopens bold and italic after."""
        still_open = self.open_inline
        closing = "".join(f"</{name}>" for name in reversed(still_open))
        html = SPACES.sub(" ", "".join(self.buffer) + closing).strip()
        self.open_inline = [n for n in still_open if n != "a"] if carry else []
        self.buffer = [f"<{name}>" for name in self.open_inline]
        if plain_text(html):
            self.parts.append(BodyPart("paragraph", html))

    def _quote_start(self, tag: str) -> None:
        if tag == "cite":
            self.in_cite = True
        elif tag == "br":
            self.quote_buffer.append("\n")
        elif tag in PARAGRAPH_TAGS:
            self._quote_paragraph()

    def _quote_paragraph(self) -> None:
        text = SPACES.sub(" ", "".join(self.quote_buffer)).strip()
        if text:
            self.quote.append(text)
        self.quote_buffer = []

    def _quote_end(self) -> None:
        self._quote_paragraph()
        text = imported_text("\n".join(self.quote))
        speaker = imported_text(SPACES.sub(" ", "".join(self.speaker)).strip(" -—–"))
        if text:
            self.parts.append(BodyPart("quote", text, speaker=speaker[:255]))
        elif speaker:
            self.parts.append(BodyPart("paragraph", escape(speaker, quote=False)))
        self.quote, self.in_cite = None, False


def _structure(body: ParsedBody, parts: list[BodyPart]) -> None:
    """Normalize paragraphs, find «بیشتر بخوانید» links and cut the trailer."""
    waiting_for_related = False
    for index, part in enumerate(parts):
        if part.kind != "paragraph":
            body.parts.append(part)
            continue
        html = normalize_inline(part.text)
        text = imported_text(plain_text(html))
        if END_MARKER.match(text):
            _read_trailer(body, parts[index + 1 :])
            break
        read_more = READ_MORE.match(text)
        link = HREF.search(html)
        url = unescape(link[1]) if link else ""
        if read_more and read_more["headline"]:
            body.parts.append(_related(read_more["headline"], url))
        elif read_more:
            waiting_for_related = True
        elif waiting_for_related:
            body.parts.append(_related(text, url))
            waiting_for_related = False
        else:
            body.parts.append(BodyPart("paragraph", html))
    if waiting_for_related:
        body.warnings.append("«بیشتر بخوانید» is not followed by a headline")


def normalize_inline(html: str) -> str:
    """Normalize the text of an HTML fragment, keeping the spaces around its tags.

    ``typography.normalize_html`` normalizes each run of text alone, which
    drops the space in «با <b>متن</b>»; here each run keeps its edges.
    """
    parts = MARKUP.split(html)
    for index in range(0, len(parts), 2):
        text = parts[index]
        if text.strip():
            core = imported_text(text.strip())
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            parts[index] = f"{lead}{core}{trail}"
    return "".join(parts)


def _related(headline: str, url: str) -> BodyPart:
    return BodyPart("read_more", headline.strip(" «»")[:MAX_HEADLINE], url=url)


def _read_trailer(body: ParsedBody, parts: list[BodyPart]) -> None:
    """Keep the «کد خبر» of an agency trailer; the rest (site chrome) is dropped."""
    for part in parts:
        found = NEWS_CODE.match(imported_text(plain_text(part.text)))
        if found:
            body.news_code = news_code_read(found["code"])
