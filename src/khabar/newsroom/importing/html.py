"""Import a saved article page (an HTML file, or a URL given explicitly).

trafilatura finds the main text and the metadata (title, date, author,
categories, tags, canonical address); the text then goes through the same
sanitizing and block reading as WordPress content (``blocks``). A URL is
fetched only when the operator names one (http or https), once, with a
timeout and a size limit. The page's canonical address (else the URL, else
the file's path) is the import key, so saving the same page twice imports it
once; its first category is the service and the site's own «کد خبر» is not
kept (codes are drawn here).
"""

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import trafilatura
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone
from trafilatura.htmlprocessing import build_html_output

from khabar.text import search_key

from ..models import HomePage
from ..typography import import_run, imported_text
from .article import FALLBACK_SERVICE, ImportedArticle, imported_article_save
from .blocks import html_to_body, plain_text
from .report import FAILED, ImportFailure, ItemOutcome, checksum

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 20
USER_AGENT = "Khabar-importer/1"
DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
CONVERSION_VERSION = 1
# Less text than this is a menu or a teaser trafilatura fell back to, not a story.
MIN_TEXT_CHARS = 80


def is_url(source: str) -> bool:
    """Tell whether ``source`` names a web address rather than a file."""
    return urlsplit(source).scheme.lower() in {"http", "https"}


def html_fetch(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """Return the body of ``url``; raise ``ImportFailure`` saying why not."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ImportFailure(f"only http and https addresses are fetched, not {url!r}")
    request = Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        # The scheme was checked above: no file:// or ftp:// gets here.
        with urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
    except HTTPError as error:
        raise ImportFailure(
            f"could not fetch {url}: HTTP {error.code} {error.reason}"
        ) from error
    except TimeoutError as error:
        raise ImportFailure(
            f"could not fetch {url}: no answer in {timeout:g} s"
        ) from error
    except URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            reason = f"no answer in {timeout:g} s"
        raise ImportFailure(f"could not fetch {url}: {reason}") from error
    except OSError as error:
        raise ImportFailure(f"could not fetch {url}: {error}") from error
    if len(data) > max_bytes:
        raise ImportFailure(f"{url} is larger than {max_bytes:,} bytes")
    return data


def html_read(source: str) -> tuple[bytes, str]:
    """Return the page's bytes and its address (``""`` for a file)."""
    max_bytes = getattr(settings, "KHABAR_IMPORT_HTML_MAX_BYTES", DEFAULT_MAX_BYTES)
    if is_url(source):
        timeout = getattr(settings, "KHABAR_IMPORT_TIMEOUT", DEFAULT_TIMEOUT)
        return html_fetch(source, timeout=timeout, max_bytes=max_bytes), source
    path = Path(source)
    try:
        if path.stat().st_size > max_bytes:
            raise ImportFailure(f"the file is larger than {max_bytes:,} bytes")
        return path.read_bytes(), ""
    except OSError as error:
        raise ImportFailure(error.strerror or str(error)) from error


def _date(value: str | None, warnings: list[str]) -> datetime | None:
    if not value:
        warnings.append("no publication date found; the import time is used")
        return None
    for pattern in DATE_FORMATS:
        try:
            found = datetime.strptime(value, pattern)
        except ValueError:
            continue
        if found.tzinfo is None:
            found = found.replace(tzinfo=timezone.get_default_timezone())
        return found
    warnings.append(f"unreadable date {value!r}; the import time is used")
    return None


def parse_html(data: bytes, *, url: str, source: str) -> ImportedArticle:
    """Read a page's main text and metadata into an article (no database)."""
    document = trafilatura.bare_extraction(
        data,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=True,
        include_links=True,
        date_extraction_params={
            "outputformat": DATE_FORMATS[0],
            "original_date": True,
            "extensive_search": False,
        },
    )
    if document is None or document.body is None:
        raise ImportFailure("no article text found in the page")
    headline = imported_text(plain_text(document.title or ""))
    if not headline:
        raise ImportFailure("the page has no title")
    body = html_to_body(build_html_output(document), base_url=document.url or url)
    title_key = search_key(headline)
    parts = [
        part
        for part in body.parts
        if part.kind != "paragraph" or search_key(plain_text(part.text)) != title_key
    ]
    lead, parts = _lead(imported_text(plain_text(document.description or "")), parts)
    length = len(lead) + sum(len(plain_text(part.text)) for part in parts)
    if not lead or not parts or length < MIN_TEXT_CHARS:
        raise ImportFailure(
            f"the page has no article text (only {length} characters found)"
        )
    # Normalized first: a name of invisible marks only becomes "" (no tag).
    categories = [c for c in map(imported_text, document.categories or []) if c.strip()]
    tags = [t for t in map(imported_text, document.tags or []) if t.strip()]
    tags += categories[1:]
    address = document.url or url
    article = ImportedArticle(
        key=f"html:{address}" if address else f"html:file:{Path(source).resolve()}",
        headline=headline[:255],
        lead=lead,
        body=parts,
        service=(categories[0] if categories else FALLBACK_SERVICE)[:255],
        tags=list(dict.fromkeys(tag[:100] for tag in tags)),
        byline=imported_text(document.author or "")[:100],
        warnings=list(body.warnings),
    )
    article.published_at = _date(document.date, article.warnings)
    return article


def _lead(description: str, parts: list) -> tuple[str, list]:
    """Return the lead and the body.

    The first paragraph leads (and leaves the body) when the page's
    description is its beginning, or when there is no description; another
    description leads and the body stays whole.
    """
    paragraphs = [p for p in parts if p.kind == "paragraph"]
    first = imported_text(plain_text(paragraphs[0].text)) if paragraphs else ""
    if description and not search_key(first).startswith(search_key(description)):
        return description, parts
    if not paragraphs:
        return "", parts
    rest = [p for p in parts if p is not paragraphs[0]]
    return first, rest if any(p.kind == "paragraph" for p in rest) else parts


@import_run
def html_import(*, source: str, home: HomePage) -> ItemOutcome:
    """Import one page (a file path or an http/https URL) and report the outcome.

    ``style=`` picks how plurals and comparatives are written (:func:`import_run`).
    """
    try:
        data, url = html_read(source)
        article = parse_html(data, url=url, source=source)
        data = asdict(article)
        data.pop("warnings")
        saved = imported_article_save(
            item=article,
            home=home,
            checksum=checksum({**data, "version": CONVERSION_VERSION}),
        )
    except ValidationError as error:
        reason = "invalid: " + "; ".join(error.messages)
        return ItemOutcome(key=source, status=FAILED, reason=reason)
    except (ImportFailure, DatabaseError, ValueError) as error:
        return ItemOutcome(key=source, status=FAILED, reason=str(error))
    return ItemOutcome(
        key=article.key,
        status=saved.status,
        title=saved.article.title,
        reason=saved.reason,
        news_code=saved.article.news_code,
        url=saved.article.url or "",
        warnings=article.warnings,
    )
