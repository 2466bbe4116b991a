"""The moderator's workspace in the Wagtail admin.

A queue of comments ordered by risk with the reasons and matched words,
filters, one-click and bulk approve / reject / ban, the sender's history,
and a report of daily counts and the audit log.
"""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from khabar.newsroom.models import ArticlePage, ServicePage

from . import admin_views
from .admin_ui import RULE_LABELS, ActionsColumn, highlighted_text, reasons_summary
from .models import ServicePolicy
from .services import commenter_ban


class CommentFilterSet(WagtailFilterSet):
    """Filter the queue by status, main reason, service and story (news code)."""

    status = django_filters.ChoiceFilter(
        choices=Comment.Status.choices, label=_("وضعیت")
    )
    primary_rule = django_filters.ChoiceFilter(
        choices=list(RULE_LABELS.items()), label=_("دلیل")
    )
    service = django_filters.ModelChoiceFilter(
        queryset=ServicePage.objects.all(), method="filter_service", label=_("سرویس")
    )
    news_code = django_filters.NumberFilter(
        field_name="article__news_code", label=_("کد خبر")
    )

    class Meta:
        model = Comment
        fields = ["status", "primary_rule"]

    def filter_service(self, queryset, name, value):
        return queryset.filter(article__in=ArticlePage.objects.child_of(value))


class CommentViewSet(SnippetViewSet):
    """The moderation queue: riskiest first."""

    model = Comment
    icon = "comment"
    menu_label = _("نظرات")
    menu_order = 200
    add_to_admin_menu = True
    filterset_class = CommentFilterSet
    list_display = [
        "name",
        Column("text", label=_("متن نظر"), accessor=highlighted_text),
        Column("reasons", label=_("دلیل\u200cها"), accessor=reasons_summary),
        "article",
        "status",
        DateColumn("created_at", label=_("زمان ارسال")),
        ActionsColumn(),
    ]
    search_fields = ["name", "text", "email"]
    ordering = ["-risk", "-created_at"]
    list_per_page = 50

    def get_queryset(self, request):
        """Comments in the trash have their own page (``comment_trash_list``)."""
        return Comment.objects.alive()


register_snippet(CommentViewSet)


class ServicePolicyViewSet(SnippetViewSet):
    """Per-service moderation policies."""

    model = ServicePolicy
    icon = "cog"
    menu_label = _("سیاست سرویس\u200cها")
    add_to_settings_menu = True
    list_display = ["service", "policy"]


register_snippet(ServicePolicyViewSet)


class ModerateBulkAction(SnippetBulkAction):
    """Set the status of the selected comments, recording who decided."""

    models = [Comment]
    template_name = "moderation/confirm_bulk_moderate.html"
    status: Comment.Status
    ban = False

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            comment_moderate(comment=comment, status=cls.status, user=user)
            if cls.ban:
                commenter_ban(comment=comment, user=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.display_name}: {num_parent_objects}"


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerateBulkAction):
    display_name = _("انتشار")
    action_type = "approve"
    aria_label = _("انتشار نظرهای انتخاب\u200cشده")
    action_priority = 10
    status = Comment.Status.APPROVED


@hooks.register("register_bulk_action")
class RejectBulkAction(ModerateBulkAction):
    display_name = _("رد")
    action_type = "reject"
    aria_label = _("رد نظرهای انتخاب\u200cشده")
    action_priority = 20
    status = Comment.Status.REJECTED


@hooks.register("register_bulk_action")
class BanBulkAction(ModerateBulkAction):
    display_name = _("رد و مسدودکردن فرستنده")
    action_type = "ban"
    aria_label = _("رد نظرها و مسدودکردن فرستندگانشان")
    action_priority = 30
    status = Comment.Status.REJECTED
    ban = True


@hooks.register("after_edit_snippet")
def record_moderator(request, instance):
    """Record who approved or rejected a comment through its edit form."""
    if isinstance(instance, Comment) and instance.status != Comment.Status.PENDING:
        comment_moderate(comment=instance, status=instance.status, user=request.user)


@hooks.register("before_delete_snippet")
def trash_instead_of_delete(request, instances):
    """Deleting comments (one or in bulk) moves them to the trash instead."""
    if not instances or not isinstance(instances[0], Comment):
        return None
    return admin_views.comment_trash_confirm(request, instances)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("moderation/trash/", admin_views.trash_list, name="moderation_trash"),
        path(
            "moderation/trash/<int:pk>/<str:action>/",
            admin_views.trash_action,
            name="moderation_trash_action",
        ),
        path(
            "moderation/comments/<int:pk>/action/",
            admin_views.comment_action,
            name="moderation_comment_action",
        ),
        path(
            "moderation/comments/<int:pk>/history/",
            admin_views.commenter_history,
            name="moderation_commenter_history",
        ),
        path("moderation/report/", admin_views.report, name="moderation_report"),
    ]


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return MenuItem(
        _("گزارش نظرات"), reverse("moderation_report"), icon_name="table", order=210
    )


@hooks.register("register_admin_menu_item")
def trash_menu_item():
    return MenuItem(
        _("سطل بازیافت نظرات"), reverse("moderation_trash"), icon_name="bin", order=220
    )
