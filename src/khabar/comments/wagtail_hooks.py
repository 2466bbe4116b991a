"""The comments listing in the Wagtail admin, where staff approve or reject."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Comment


class CommentViewSet(SnippetViewSet):
    """Pending comments first; staff change the status in the edit form."""

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
