"""Moderator views in the Wagtail admin: one-click actions, history, the report
and the comment trash."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from khabar.comments.models import Comment
from khabar.comments.selectors import comment_history_for_commenter
from khabar.comments.services import comment_moderate
from khabar.comments.trash import comment_purge, comment_restore, comment_trash

from .config import site_config
from .models import LogEntry, SiteModel
from .services import commenter_ban

REPORT_DAYS = 14
TRASH_PAGE_SIZE = 100


def _back(request):
    target = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("wagtailsnippets_comments_comment:list")


@require_POST
@permission_required("comments.change_comment")
def comment_action(request, pk: int):
    """Approve, reject, or reject and ban the sender of, one comment."""
    comment = Comment.objects.filter(pk=pk).first()
    if comment is None:
        raise Http404
    action = request.POST.get("action")
    if action not in {"approve", "reject", "ban"}:
        return HttpResponseBadRequest(_("اقدام نامعتبر است."))
    status = Comment.Status.APPROVED if action == "approve" else Comment.Status.REJECTED
    comment_moderate(comment=comment, status=status, user=request.user)
    if action == "ban":
        commenter_ban(comment=comment, user=request.user)
    messages.success(request, _("انجام شد: %(comment)s") % {"comment": comment})
    return _back(request)


@permission_required("comments.change_comment")
def commenter_history(request, pk: int):
    """Show one comment, its decisions, and everything else its sender wrote."""
    comment = Comment.objects.filter(pk=pk).select_related("article").first()
    if comment is None:
        raise Http404
    return render(
        request,
        "moderation/commenter_history.html",
        {
            "comment": comment,
            "log": LogEntry.objects.filter(comment_ref=comment.pk).select_related(
                "actor"
            ),
            "history": comment_history_for_commenter(comment=comment),
        },
    )


@permission_required("comments.change_comment")
def report(request):
    """Show daily counts of decisions and the latest entries of the audit log."""
    since = timezone.now() - timedelta(days=REPORT_DAYS)
    rows = (
        LogEntry.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day", "action")
        .annotate(count=Count("id"))
        .order_by("-day")
    )
    config = site_config()
    days: dict = {}
    for row in rows:
        days.setdefault(row["day"], {})[row["action"]] = row["count"]
    return render(
        request,
        "moderation/report.html",
        {
            "actions": LogEntry.Action.choices,
            "days": sorted(days.items(), reverse=True),
            "latest": LogEntry.objects.select_related("actor")[:100],
            "band": config.band,
            "settings": config.settings,
            "site_models": SiteModel.objects.all()[:10],
        },
    )


def comment_trash_confirm(request, comments):
    """Confirm, then move ``comments`` to the trash (the snippet delete views)."""
    if request.method != "POST":
        return render(request, "moderation/confirm_trash.html", {"comments": comments})
    count = comment_trash(comments=comments, user=request.user)
    messages.success(
        request,
        _("%(count)s نظر به سطل بازیافت رفت.") % {"count": count},
    )
    return redirect("wagtailsnippets_comments_comment:list")


@permission_required("comments.delete_comment")
def trash_list(request):
    """List the comments in the trash, newest deletion first."""
    comments = Comment.objects.trashed().select_related("article", "deleted_by")
    return render(
        request,
        "moderation/trash.html",
        {
            "comments": comments[:TRASH_PAGE_SIZE],
            "total": comments.count(),
            "can_purge": request.user.has_perm("comments.purge_comment"),
        },
    )


@require_POST
@permission_required("comments.delete_comment")
def trash_action(request, pk: int, action: str):
    """Restore one trashed comment, or (with ``purge_comment``) delete it for good."""
    comment = Comment.objects.trashed().filter(pk=pk).first()
    if comment is None:
        raise Http404
    if action == "restore":
        comment_restore(comments=[comment], user=request.user)
        messages.success(request, _("نظر برگشت: %(comment)s") % {"comment": comment})
    elif action == "purge" and request.user.has_perm("comments.purge_comment"):
        comment_purge(comments=[comment], user=request.user)
        messages.success(request, _("نظر برای همیشه حذف شد."))
    else:
        return HttpResponseBadRequest(_("اقدام نامعتبر است."))
    return redirect("moderation_trash")
