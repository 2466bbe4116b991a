"""Import a WordPress export: posts with their authors, images and comments.

Each post is written in its own transaction, with its featured image and its
comments: a post that fails leaves nothing half-written and does not stop
the others, and what earlier posts wrote stays. Authors become Django users
who cannot log in until someone sets them a password. Comments keep
WordPress's decision (approved → published, held → pending, spam and trash
→ rejected) and never reach the moderation queue; pingbacks are skipped.
"""

from datetime import datetime
from html import unescape
from pathlib import Path

import nh3
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from khabar.comments.importing import comment_import
from khabar.comments.models import Comment

from ..models import HomePage
from ..typography import import_run
from .article import SavedArticle, imported_article_save
from .media import attachment_describe, attachment_file_find, image_from_file
from .report import (
    FAILED,
    SKIPPED,
    ImportFailure,
    ImportReport,
    ItemOutcome,
    checksum,
)
from .wxr import WxrError, WxrExport, WxrItem, parse_wxr, wp_date
from .wxr_posts import post_article, post_checksum_data, post_key, skip_reason

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
COMMENT_STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.REJECTED,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}
NOT_READER_COMMENTS = {"pingback", "trackback"}
USERNAME_CHARS = set("._@+-")
# What may go wrong with one post; the report says which, and the run goes on.
ITEM_ERRORS = (ImportFailure, ValidationError, DatabaseError, ValueError, OSError)


@import_run
def wxr_file_import(
    *,
    path: Path,
    home: HomePage,
    post_id_codes: bool = False,
    media_root: Path | None = None,
) -> ImportReport:
    """Import the posts of the WordPress export at ``path`` and report each.

    ``style=`` picks how plurals and comparatives are written (:func:`import_run`).
    """
    report = ImportReport(source=str(path))
    max_bytes = getattr(settings, "KHABAR_IMPORT_WXR_MAX_BYTES", DEFAULT_MAX_BYTES)
    try:
        if path.stat().st_size > max_bytes:
            raise WxrError(f"the file is larger than {max_bytes:,} bytes")
        export = parse_wxr(path.read_bytes())
    except OSError as error:
        report.fail(str(path), error.strerror or str(error))
        return report
    except WxrError as error:
        report.fail(str(path), str(error))
        return report
    users = authors_import(export=export, report=report)
    bases = [media_root] if media_root else []
    importer = _PostImporter(export, home, post_id_codes, [*bases, path.parent], users)
    for item in export.items:
        report.add(importer.run(item))
    return report


def _username(login: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in USERNAME_CHARS else "_" for c in login)
    return cleaned.strip()[:150]


def authors_import(*, export: WxrExport, report: ImportReport) -> dict:
    """Return a user for each author login, creating the missing ones unusable."""
    User = get_user_model()
    logins = dict.fromkeys(export.authors)
    logins.update(dict.fromkeys(i.creator for i in export.items if i.creator))
    users, created = {}, 0
    for login in logins:
        username = _username(login)
        if not username:
            continue
        author = export.authors.get(login)
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    email=author.email if author else "",
                    first_name=(author.first_name if author else "")[:150],
                    last_name=(author.last_name if author else "")[:150],
                )
                user.set_unusable_password()
                user.save()
                created += 1
        users[login] = user
    report.notes.append(f"authors: {created} created, {len(users) - created} existing")
    return users


class _PostImporter:
    """Import one item of the export at a time (see ``wxr_file_import``)."""

    def __init__(self, export, home, post_id_codes, bases, users):
        self.export, self.home, self.users = export, home, users
        self.post_id_codes, self.bases = post_id_codes, bases
        self.attachments = export.attachments()
        self.local_tz = timezone.get_default_timezone()

    def run(self, item: WxrItem) -> ItemOutcome:
        key = post_key(self.export, item)
        title = unescape(item.title)
        reason = skip_reason(item)
        if reason:
            return ItemOutcome(key=key, status=SKIPPED, title=title, reason=reason)
        try:
            return self._import(item, key)
        except ITEM_ERRORS as error:
            return ItemOutcome(key=key, status=FAILED, title=title, reason=_why(error))

    def _import(self, item: WxrItem, key: str) -> ItemOutcome:
        article = post_article(
            item,
            self.export,
            post_id_codes=self.post_id_codes,
            local_tz=self.local_tz,
        )
        image_path = self._image_path(item, article.warnings)
        digest = checksum(
            post_checksum_data(
                item, post_id_codes=self.post_id_codes, image=str(image_path or "")
            )
        )
        with transaction.atomic():
            saved = imported_article_save(
                item=article,
                home=self.home,
                checksum=digest,
                owner=self.users.get(item.creator),
                image_get=self._image(image_path, item, article.warnings),
            )
            detail = ""
            if saved.status != SKIPPED:
                detail = self._comments(item, key, saved, article.warnings)
        return ItemOutcome(
            key=key,
            status=saved.status,
            title=saved.article.title,
            reason=saved.reason,
            news_code=saved.article.news_code,
            url=saved.article.url or "",
            warnings=article.warnings if saved.status != SKIPPED else [],
            detail=detail,
        )

    def _image_path(self, item: WxrItem, warnings: list[str]) -> Path | None:
        """Return the featured image's local file, warning when it is not there."""
        thumbnail = item.meta.get("_thumbnail_id", "")
        if not thumbnail:
            return None
        attachment = self.attachments.get(thumbnail)
        if attachment is None:
            warnings.append(f"featured image {thumbnail} is not in the export")
            return None
        found = attachment_file_find(attachment=attachment, bases=self.bases)
        if found is None:
            folders = ", ".join(str(base) for base in self.bases)
            warnings.append(
                f"featured image «{attachment_describe(attachment)}» not found "
                f"under {folders}; imported without it"
            )
        return found

    def _image(self, path: Path | None, item: WxrItem, warnings: list[str]):
        """Return a lazy getter of the image, so an unchanged post reads no file."""
        if path is None:
            return None
        attachment = self.attachments[item.meta["_thumbnail_id"]]

        def get():
            try:
                return image_from_file(path=path, title=unescape(attachment.title))
            except ImportFailure as error:
                warnings.append(f"featured image skipped: {error}")
                return None

        return get

    def _comments(
        self, item: WxrItem, key: str, saved: SavedArticle, warnings: list[str]
    ) -> str:
        """Import the post's comments, parents first; return what was done."""
        stored: dict[str, Comment] = {}
        done: dict[str, int] = {}
        for wp in _parents_first(item.comments):
            if wp.kind in NOT_READER_COMMENTS:
                done["skipped"] = done.get("skipped", 0) + 1
                continue
            status = COMMENT_STATUS.get(wp.approved)
            if status is None:
                warnings.append(f"comment {wp.comment_id}: unknown state {wp.approved}")
                status = Comment.Status.PENDING
            text = unescape(nh3.clean(wp.content, tags=set())).strip()
            if not text:
                warnings.append(f"comment {wp.comment_id} has no text; skipped")
                continue
            if wp.parent != "0" and wp.parent not in stored:
                warnings.append(f"comment {wp.comment_id}: its parent is missing")
            comment, outcome = comment_import(
                article=saved.article,
                key=f"{key}:{wp.comment_id}",
                name=wp.author,
                email=wp.email,
                ip_address=wp.ip,
                text=text,
                status=status,
                created_at=self._comment_date(wp, saved),
                parent=stored.get(wp.parent),
            )
            stored[wp.comment_id] = comment
            done[outcome] = done.get(outcome, 0) + 1
        if not done:
            return ""
        return "comments: " + ", ".join(f"{n} {what}" for what, n in done.items())

    def _comment_date(self, wp, saved: SavedArticle) -> datetime:
        try:
            found = wp_date(wp.date_gmt, wp.date, local_tz=self.local_tz)
        except ValueError:
            found = None
        return found or saved.article.first_published_at or timezone.now()


def _parents_first(comments: list) -> list:
    """Return ``comments`` ordered so that a parent comes before its replies."""
    ids = {c.comment_id for c in comments}
    placed: set[str] = set()
    ordered, waiting = [], list(comments)
    while waiting:
        ready = [c for c in waiting if c.parent not in ids or c.parent in placed]
        if not ready:  # a cycle: place the rest as they are
            ready = waiting
        for comment in ready:
            ordered.append(comment)
            placed.add(comment.comment_id)
        waiting = [c for c in waiting if c.comment_id not in placed]
    return ordered


def _why(error: Exception) -> str:
    """Return the report's reason for a failed post."""
    if isinstance(error, ValidationError):
        return "invalid: " + "; ".join(error.messages)
    if isinstance(error, DatabaseError):
        return f"database error: {error}"
    return str(error)
