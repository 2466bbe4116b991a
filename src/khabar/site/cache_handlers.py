"""Bump page-cache dependencies when what public pages show changes.

Connected in ``SiteConfig.ready()``; see ``core.pagecache`` for how versions
invalidate cached pages and ``newsroom.caching`` for what each page depends on.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from khabar.comments.models import Comment, CommentVote
from khabar.core.models import AgencySettings
from khabar.core.pagecache import page_cache_bump
from khabar.newsroom.caching import SITE, comments_dep


def _site_changed(sender, **kwargs) -> None:
    page_cache_bump(SITE)


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        page_cache_bump(SITE)


def _comment_changed(sender, instance, created: bool = False, **kwargs) -> None:
    # A new held or rejected comment shows on no page until it is approved;
    # skipping its bump keeps the story cached while comments pour in.
    if created and instance.status != Comment.Status.APPROVED:
        return
    page_cache_bump(comments_dep(instance.article_id))


def _vote_changed(sender, instance, **kwargs) -> None:
    article_id = (
        Comment.objects.filter(pk=instance.comment_id)
        .values_list("article_id", flat=True)
        .first()
    )
    if article_id is not None:
        page_cache_bump(comments_dep(article_id))


def connect() -> None:
    """Connect every handler once (``dispatch_uid``)."""
    page_published.connect(_site_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_site_changed, dispatch_uid="pagecache-unpublished")
    # A story moved to another service shows that service's name.
    post_page_move.connect(_site_changed, dispatch_uid="pagecache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-deleted")
    post_save.connect(
        _site_changed, sender=AgencySettings, dispatch_uid="pagecache-agency"
    )
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        # Host names and root pages decide which site a request is for.
        signal.connect(
            _site_changed, sender=Site, dispatch_uid=f"pagecache-site-{name}"
        )
        signal.connect(
            _comment_changed, sender=Comment, dispatch_uid=f"pagecache-comment-{name}"
        )
        signal.connect(
            _vote_changed, sender=CommentVote, dispatch_uid=f"pagecache-vote-{name}"
        )
