"""The story trash in the Wagtail admin: «حذف» moves a story there, and back.

Every way the admin deletes a page ends here for stories: the page's delete
view (``trash_instead_of_delete``), the bulk «حذف» (``TrashBulkAction``) and
the admin API's delete action (``TrashPageAPIAction``). A story is moved to
the trash, never deleted; a page with stories below it (a service) is not
deleted at all. The trash page lists the stories with restore and, for site
admins, delete-for-good buttons.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from wagtail.actions.delete_page import DeletePageAction
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction

from .models import ArticlePage
from .trash import (
    TrashError,
    article_purge,
    article_restore,
    article_trash,
    articles_trashed,
    page_has_articles_below,
)

PURGE_PERMISSION = "newsroom.purge_article"


def _explore(page):
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def trash_instead_of_delete(request, page):
    """``before_delete_page``: confirm and trash a story; refuse a page with stories."""
    specific = page.specific
    if isinstance(specific, ArticlePage):
        if request.method != "POST":
            return render(request, "newsroom/admin/confirm_trash.html", {"page": page})
        article_trash(article=specific, user=request.user)
        messages.success(
            request,
            _("«%(title)s» به سطل بازیافت رفت؛ از آن\u200cجا برمی\u200cگردد.")
            % {"title": page.title},
        )
        return _explore(page)
    if page_has_articles_below(page=page):
        messages.error(
            request,
            _(
                "«%(title)s» خبر دارد و حذف نمی\u200cشود؛ "
                "خبرهایش را جابه\u200cجا کنید یا به سطل بازیافت بفرستید."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_explore", page.pk)
    return None


def refuse_editing_trashed(request, page):
    """``before_edit_page``: a story in the trash is restored before it is edited."""
    if getattr(page.specific, "trashed_at", None) is not None:
        messages.warning(request, _("این خبر در سطل بازیافت است؛ اول آن را برگردانید."))
        return redirect("newsroom_trash")
    return None


def hide_trashed(parent_page, pages, request):
    """``construct_explorer_page_queryset``: stories in the trash leave the tree."""
    return pages.exclude(articlepage__trashed_at__isnull=False)


class TrashBulkAction(DeleteBulkAction):
    """Wagtail's bulk «حذف», moving stories to the trash instead of deleting them.

    Other pages are deleted as before, unless stories are below them.
    """

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        moved = deleted = 0
        for page in objects:
            specific = page.specific
            if isinstance(specific, ArticlePage):
                article_trash(article=specific, user=user)
                moved += 1
            elif not page_has_articles_below(page=page):
                deleted += page.get_descendant_count()
                page.delete(user=user)
                moved += 1
        return moved, deleted

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _(
            "%(count)s صفحه برداشته شد؛ "
            "خبرها در سطل بازیافت\u200cاند و برمی\u200cگردند."
        ) % {"count": num_parent_objects}


class TrashPageAPIAction(DeletePageAPIAction):
    """The admin API's delete action, with the trash's rules."""

    def execute(self, instance, data):
        user = self.request.user
        DeletePageAction(page=instance, user=user).check()
        specific = instance.specific
        if isinstance(specific, ArticlePage):
            article_trash(article=specific, user=user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        if page_has_articles_below(page=instance):
            raise ValidationError({"page": ["The page has stories below it."]})
        return super().execute(instance, data)


class TrashPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin pages API, its delete action replaced by the trash's."""

    actions = {**PagesAdminAPIViewSet.actions, "delete": TrashPageAPIAction}


def _can_delete(user, page) -> bool:
    return page.permissions_for_user(user).can_delete()


@user_passes_test(lambda user: user.has_perm("wagtailadmin.access_admin"))
def trash_list(request):
    """List the stories in the trash that this user may restore."""
    stories = [
        article for article in articles_trashed() if _can_delete(request.user, article)
    ]
    return render(
        request,
        "newsroom/admin/trash.html",
        {"stories": stories, "can_purge": request.user.has_perm(PURGE_PERMISSION)},
    )


def _trashed_or_404(pk: int) -> ArticlePage:
    article = articles_trashed().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


@require_POST
@user_passes_test(lambda user: user.has_perm("wagtailadmin.access_admin"))
def trash_restore(request, pk: int):
    """Restore one story from the trash."""
    article = _trashed_or_404(pk)
    if not _can_delete(request.user, article):
        raise PermissionDenied
    article = article_restore(article=article, user=request.user)
    state = _("و دوباره منتشر شد") if article.live else _("به صورت پیش\u200cنویس")
    messages.success(
        request,
        _("«%(title)s» برگشت %(state)s.") % {"title": article.title, "state": state},
    )
    return redirect("newsroom_trash")


@require_POST
@user_passes_test(lambda user: user.has_perm(PURGE_PERMISSION))
def trash_purge(request, pk: int):
    """Delete one trashed story for good (site admins only)."""
    article = _trashed_or_404(pk)
    title = article.title
    try:
        article_purge(article=article, user=request.user)
    except TrashError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("«%(title)s» برای همیشه حذف شد.") % {"title": title}
        )
    return redirect("newsroom_trash")
