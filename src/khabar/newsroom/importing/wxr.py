"""Read a WordPress export (WXR, the RSS file of Tools → Export) without a database.

The file is parsed with defusedxml, refusing any DTD: a WordPress export has
none, and a DTD is how entity bombs («billion laughs») and external entities
get in. Malformed XML is refused with its line and column. Nothing is written
here; ``wxr_service`` writes what this module reads, so a file refused here
leaves the database as it was.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WP_NS_PREFIX = "http://wordpress.org/export/"
NO_DATE = "0000-00-00 00:00:00"
WP_DATE = "%Y-%m-%d %H:%M:%S"
# Years a story can carry: beyond them the date cannot even be shown (year 1
# or 9999 overflows when moved to UTC or to Tehran time), so it is no date.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class WxrError(ValueError):
    """The file cannot be read as a WordPress export; nothing is imported from it."""


@dataclass
class WxrAuthor:
    """A ``wp:author`` of the export."""

    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class WxrComment:
    """A ``wp:comment`` of a post, with its raw WordPress approval value."""

    comment_id: str
    author: str = ""
    email: str = ""
    ip: str = ""
    date_gmt: str = ""
    date: str = ""
    content: str = ""
    approved: str = "1"
    kind: str = ""
    parent: str = "0"


@dataclass
class WxrItem:
    """One ``<item>``: a post, page, attachment or any other post type."""

    position: int
    post_id: str = ""
    post_type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    date_gmt: str = ""
    date: str = ""
    pub_date: str = ""
    attachment_url: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)


@dataclass
class WxrExport:
    """What the export holds: the site, its authors and every item in order."""

    site_url: str
    title: str = ""
    authors: dict[str, WxrAuthor] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    items: list[WxrItem] = field(default_factory=list)

    def attachments(self) -> dict[str, WxrItem]:
        """Return the attachment items by post ID (featured images point to them)."""
        return {i.post_id: i for i in self.items if i.post_type == "attachment"}


def parse_wxr(data: bytes) -> WxrExport:
    """Parse a WordPress export; raise ``WxrError`` for anything that is not one."""
    if not data.strip():
        raise WxrError("the file is empty")
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise WxrError(
            "refused: the file declares a DTD or entities "
            f"({type(error).__name__}); a WordPress export has none, and they "
            "are how XML bombs and external entities get in"
        ) from error
    except LookupError as error:  # an encoding Python does not know
        raise WxrError(f"{error}; a WordPress export is UTF-8") from error
    except ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        raise WxrError(
            f"malformed XML at line {line}, column {column + 1}: {message}"
        ) from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError("not a WordPress export: no <rss><channel>")
    return _read_channel(channel)


def _name(tag: str) -> str:
    """Return ``wp:post_id``-style names whatever the WXR version's namespace."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith(WP_NS_PREFIX):
        prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    else:
        prefix = {CONTENT_NS: "content", DC_NS: "dc"}.get(uri, uri)
    return f"{prefix}:{local}"


def _fields(element: Element) -> dict[str, str]:
    """Return the text of each child by name (the first of a repeated name)."""
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(_name(child.tag), (child.text or "").strip())
    return found


def _read_channel(channel: Element) -> WxrExport:
    top = _fields(channel)
    site_url = top.get("wp:base_blog_url") or top.get("link") or ""
    export = WxrExport(site_url=site_url.rstrip("/"), title=top.get("title", ""))
    position = 0
    for child in channel:
        name = _name(child.tag)
        if name == "wp:author":
            author = _read_author(child)
            export.authors[author.login] = author
        elif name == "wp:category":
            values = _fields(child)
            nicename = values.get("wp:category_nicename", "")
            export.categories[nicename] = values.get("wp:cat_name", nicename)
        elif name == "item":
            position += 1
            export.items.append(_read_item(child, position))
    return export


def _read_author(element: Element) -> WxrAuthor:
    values = _fields(element)
    return WxrAuthor(
        login=values.get("wp:author_login", ""),
        email=values.get("wp:author_email", ""),
        display_name=values.get("wp:author_display_name", ""),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
    )


def _read_item(element: Element, position: int) -> WxrItem:
    values = _fields(element)
    item = WxrItem(
        position=position,
        post_id=values.get("wp:post_id", ""),
        post_type=values.get("wp:post_type", "post") or "post",
        status=values.get("wp:status", ""),
        title=values.get("title", ""),
        link=values.get("link", ""),
        creator=values.get("dc:creator", ""),
        content=_raw(element, "content:encoded"),
        excerpt=_raw(element, "excerpt:encoded"),
        post_name=values.get("wp:post_name", ""),
        date_gmt=values.get("wp:post_date_gmt", ""),
        date=values.get("wp:post_date", ""),
        pub_date=values.get("pubDate", ""),
        attachment_url=values.get("wp:attachment_url", ""),
    )
    for child in element:
        name = _name(child.tag)
        if name == "category":
            _read_category(item, child)
        elif name == "wp:postmeta":
            meta = _fields(child)
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            item.comments.append(_read_comment(child))
    return item


def _raw(element: Element, name: str) -> str:
    """Return a child's text unstripped (post content keeps its blank lines)."""
    for child in element:
        if _name(child.tag) == name:
            return child.text or ""
    return ""


def _read_category(item: WxrItem, element: Element) -> None:
    text = (element.text or "").strip()
    if not text:
        return
    if element.get("domain") == "post_tag":
        item.tags.append(text)
    elif element.get("domain", "category") == "category":
        item.categories.append((element.get("nicename", ""), text))


def _read_comment(element: Element) -> WxrComment:
    values = _fields(element)
    return WxrComment(
        comment_id=values.get("wp:comment_id", ""),
        author=values.get("wp:comment_author", ""),
        email=values.get("wp:comment_author_email", ""),
        ip=values.get("wp:comment_author_IP", ""),
        date_gmt=values.get("wp:comment_date_gmt", ""),
        date=values.get("wp:comment_date", ""),
        content=_raw(element, "wp:comment_content"),
        approved=values.get("wp:comment_approved", "1"),
        kind=values.get("wp:comment_type", ""),
        parent=values.get("wp:comment_parent", "0") or "0",
    )


def wp_date(gmt: str, local: str = "", *, local_tz=None, rfc822: str = ""):
    """Return a WordPress time as an aware datetime, or None when it has none.

    The GMT field wins; the local field is read in ``local_tz`` (the export
    does not name the blog's zone); ``rfc822`` (``pubDate``) is the last resort.
    A value that is not a date raises ``ValueError``.
    """
    if gmt and gmt != NO_DATE:
        return _in_range(datetime.strptime(gmt, WP_DATE).replace(tzinfo=UTC))
    if local and local != NO_DATE and local_tz is not None:
        return _in_range(datetime.strptime(local, WP_DATE).replace(tzinfo=local_tz))
    if rfc822:
        try:
            found = parsedate_to_datetime(rfc822)
            return _in_range(found if found.tzinfo else found.replace(tzinfo=UTC))
        except (TypeError, ValueError):
            return None
    return None


def _in_range(found: datetime) -> datetime:
    """Return ``found``; raise ``ValueError`` for a year no story can carry."""
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise ValueError(f"the year {found.year} is out of range")
    return found
