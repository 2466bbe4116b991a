"""The comments listing in the Wagtail admin: staff approve or reject, one or many."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Comment
from .services import comment_moderate


class CommentViewSet(SnippetViewSet):
    """Newest first, filterable by status; the edit form changes the status."""

    model = Comment
    icon = "comment"
    menu_label = _("نظرات")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("text", label=_("متن نظر")),
        "article",
        "status",
        DateColumn("created_at", label=_("زمان ارسال")),
    ]
    list_filter = ["status"]
    search_fields = ["name", "text"]
    ordering = ["-created_at"]
    list_per_page = 50


register_snippet(CommentViewSet)


class ModerateBulkAction(SnippetBulkAction):
    """Set the status of the selected comments, recording who decided."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_moderate.html"
    status: Comment.Status

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


@hooks.register("after_edit_snippet")
def record_moderator(request, instance):
    """Record who approved or rejected a comment through its edit form."""
    if isinstance(instance, Comment) and instance.status != Comment.Status.PENDING:
        comment_moderate(comment=instance, status=instance.status, user=request.user)
