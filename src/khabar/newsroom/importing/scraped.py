"""Parse an agency article page scraped to text (the layout of the reference page).

The layout, top to bottom: headline; lead; the dateline paragraph
(«گروه سیاسی ایسکانیوز، …»); body paragraphs, with «بیشتر بخوانید:» followed
by a related headline on its own line; the end marker «انتهای پیام/»; «کد خبر:
N»; the tag block «برچسب‌ها»; then the site's chrome (comment form, rules,
captcha), which is recognised and dropped. This module only parses: it has no
database access, so a refused file can never leave anything half-written.
"""

import re
from dataclasses import dataclass, field

from khabar.core.persian import to_latin_digits

from ..typography import imported_text

MAX_HEADLINE_CHARS = 250
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# The largest code kept (18 digits, as for WordPress post IDs): the database
# holds 64-bit codes, and the next one drawn must still fit.
MAX_NEWS_CODE = 10**18 - 1

_SEP = "[\\s\u200c]*"
END_MARKER = re.compile(rf"^انتهای{_SEP}پیام\s*/?\s*$")
READ_MORE = re.compile(rf"^بیشتر{_SEP}بخوانید\s*[:：]?\s*(?P<headline>.*)$")
NEWS_CODE = re.compile(r"^کد\s*خبر\s*[:：]\s*(?P<code>[0-9۰-۹]+)\s*$")
TAGS_HEADER = re.compile(rf"^برچسب{_SEP}ها\s*[:：]?\s*(?P<inline>.*)$")
DATELINE = re.compile(
    r"^(?:به\s+گزارش\s+)?گروه\s+(?P<words>[^،,:]{2,60}?)\s*[،,]\s*(?P<rest>.+)$"
)
CAPTCHA = re.compile(r"^[0-9۰-۹]+\s*\+\s*[0-9۰-۹]+\s*=")
CHROME_PREFIXES = ("نظر شما", "شما در حال پاسخ به نظر", "نظرات", "نظراتی", "ارسال نظر")
TAG_SPLIT = re.compile(r"\s*[،,؛;#]\s*")
PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
BULLET = re.compile(r"^[\s•·*]+")


class NotAnArticle(ValueError):
    """The file is not an article page; nothing is imported from it."""


@dataclass
class BodyItem:
    """A body paragraph (``kind="paragraph"``) or an inline related headline."""

    kind: str
    text: str


@dataclass
class ScrapedArticle:
    """What the parser found in one page, with warnings for the parts it lacked."""

    headline: str
    lead: str = ""
    service: str = ""
    agency: str = ""
    body: list[BodyItem] = field(default_factory=list)
    news_code: int | None = None
    tags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def related_headlines(self) -> list[str]:
        """Return the headlines named by «بیشتر بخوانید» links, in order."""
        return [item.text for item in self.body if item.kind == "read_more"]


def decode_page(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of a page file, or refuse a file that cannot be one."""
    if not data.strip():
        raise NotAnArticle("the file is empty")
    if len(data) > max_bytes:
        raise NotAnArticle(
            f"the file is {len(data):,} bytes; an article page is at most {max_bytes:,}"
        )
    if b"\x00" in data:
        raise NotAnArticle(
            "the file is binary (it contains NUL bytes), not a text page"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotAnArticle(
            f"the file is not UTF-8 text (invalid byte at offset {error.start})"
        ) from error


def _is_chrome(line: str) -> bool:
    return (
        line.startswith(CHROME_PREFIXES)
        or bool(CAPTCHA.match(line))
        or line in {"•", "-"}
    )


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    """Return the non-empty lines, normalized, with their line numbers."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = imported_text(BULLET.sub("", raw).strip())
        if line:
            lines.append((number, line))
    return lines


def _check_headline(line: str) -> str:
    if len(line) > MAX_HEADLINE_CHARS or DATELINE.match(line) or _is_chrome(line):
        raise NotAnArticle("the page has no headline on its first line")
    if not PERSIAN_LETTER.search(line):
        raise NotAnArticle("the first line is not a Persian headline")
    return line


def parse_page(text: str) -> ScrapedArticle:
    """Parse the text of one scraped article page."""
    lines = _numbered_lines(text)
    if not lines:
        raise NotAnArticle("the file has no text")
    article = ScrapedArticle(headline=_check_headline(lines[0][1]))
    end = next(
        (i for i, (_n, line) in enumerate(lines) if END_MARKER.match(line)), None
    )
    if end is None:
        article.warnings.append("no end marker «انتهای پیام»")
        end = next(
            (
                i
                for i, (_n, line) in enumerate(lines)
                if NEWS_CODE.match(line) or _is_chrome(line)
            ),
            len(lines),
        )
    _parse_story(article, [line for _n, line in lines[1:end]])
    _parse_trailer(article, lines[end + 1 :] if end < len(lines) else [])
    return article


def _parse_story(article: ScrapedArticle, lines: list[str]) -> None:
    """Fill lead, dateline and body from the lines between headline and end marker."""
    dateline_at = next(
        (i for i, line in enumerate(lines[:3]) if DATELINE.match(line)), None
    )
    if dateline_at is None:
        article.warnings.append("no dateline «گروه … ،»: service and agency unknown")
        body_from = 1 if len(lines) > 1 else 0
    else:
        body_from = dateline_at
        match = DATELINE.match(lines[dateline_at])
        *service, article.agency = match["words"].split()
        article.service = " ".join(service)
        lines = [*lines[:dateline_at], match["rest"], *lines[dateline_at + 1 :]]
        if not article.service:
            article.warnings.append("the dateline names no service")
    if body_from >= 1:
        article.lead = lines[0]
    article.body = _parse_body(lines[body_from:], article.warnings)
    paragraphs = [item for item in article.body if item.kind == "paragraph"]
    if not paragraphs:
        raise NotAnArticle("the page has a headline but no body paragraphs")
    if not article.lead:
        # An article needs a lead: the first paragraph leads, as in the other
        # importers, and leaves the body when another paragraph remains.
        article.warnings.append("no lead: the first paragraph leads")
        article.lead = paragraphs[0].text
        if len(paragraphs) > 1:
            article.body.remove(paragraphs[0])


def _parse_body(lines: list[str], warnings: list[str]) -> list[BodyItem]:
    items: list[BodyItem] = []
    waiting_for_related = False
    for line in lines:
        read_more = READ_MORE.match(line)
        if read_more:
            if read_more["headline"]:
                items.append(BodyItem("read_more", read_more["headline"]))
            else:
                waiting_for_related = True
        elif waiting_for_related:
            items.append(BodyItem("read_more", line))
            waiting_for_related = False
        else:
            items.append(BodyItem("paragraph", line))
    if waiting_for_related:
        warnings.append("«بیشتر بخوانید» is not followed by a headline")
    return items


def _parse_trailer(article: ScrapedArticle, lines: list[tuple[int, str]]) -> None:
    """Read the news code and tags after the end marker; drop the site chrome."""
    in_tags = False
    for number, line in lines:
        code = NEWS_CODE.match(line)
        tags = TAGS_HEADER.match(line)
        if code:
            article.news_code = news_code_read(code["code"])
            if article.news_code is None:
                raise NotAnArticle(
                    f"line {number}: the news code has more than 18 digits"
                )
            in_tags = False
        elif tags:
            in_tags = True
            article.tags += _split_tags(tags["inline"])
        elif _is_chrome(line):
            in_tags = False
        elif in_tags:
            article.tags += _split_tags(line)
        else:
            article.warnings.append(f"line {number} after the end marker ignored")
    if article.news_code is None:
        article.warnings.append("no news code «کد خبر»: a new code is drawn")
    article.tags = list(dict.fromkeys(article.tags))


def news_code_read(digits: str) -> int | None:
    """Return the code written with ``digits``, or None when it is too large to keep."""
    digits = to_latin_digits(digits).lstrip("0") or "0"
    if len(digits) > len(str(MAX_NEWS_CODE)):  # before int(): 5,000 digits raise
        return None
    return int(digits)


def _split_tags(text: str) -> list[str]:
    return [tag[:100] for tag in TAG_SPLIT.split(text) if tag]
