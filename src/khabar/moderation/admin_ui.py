"""Pieces of the moderator's queue: highlighted text, reasons and one-click actions."""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from khabar.core.persian import to_persian_digits

RULE_LABELS = {
    "insult": _("توهین"),
    "not_persian": _("غیرفارسی"),
    "off_topic": _("نامرتبط"),
    "spam": _("هرزنامه"),
    "banned": _("مسدود"),
}
EXCERPT = 400


def highlighted_text(comment) -> SafeString:
    """Return the comment's text, escaped, with the words rules matched in <mark>."""
    text = comment.text[:EXCERPT]
    spans = sorted(
        (max(0, start), min(len(text), end))
        for reason in comment.reasons or []
        for start, end in reason.get("spans", [])
        if start < len(text)
    )
    parts, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        parts += [
            escape(text[position:start]),
            f"<mark>{escape(text[start:end])}</mark>",
        ]
        position = end
    parts.append(escape(text[position:]))
    more = "…" if len(comment.text) > EXCERPT else ""
    return mark_safe("".join(parts) + more)  # noqa: S308 - every part is escaped


# Why a rule fired, by the engine's reason code, for the moderator.
CODE_LABELS = {
    "insult_lexicon": _("واژه\u200cای از فهرست توهین"),
    "insult_model": _("مدل توهین"),
    "custom_word": _("واژهٔ ممنوع این سایت"),
    "not_persian": _("زبان دیگر"),
    "finglish": _("فارسی با حروف لاتین"),
    "off_topic": _("بی\u200cربط به خبر"),
    "spam_link": _("پیوند"),
    "spam_phone": _("شمارهٔ تماس"),
    "spam_ad": _("تبلیغ"),
    "spam_repeat": _("تکرار"),
    "spam_flood": _("ارسال پیاپی"),
    "empty": _("خالی"),
    "banned": _("فرستندهٔ مسدود"),
}


def reasons_summary(comment) -> SafeString:
    """Return the automatic decision's reasons: «rule score: why» in Persian.

    The score is written with Persian digits; the words that decided are the
    ones marked in the text column.
    """
    return format_html_join(
        " ",
        '<span class="w-status w-status--label" title="{}">{} {}: {}</span>',
        (
            (
                reason.get("code", ""),
                RULE_LABELS.get(reason["rule"], reason["rule"]),
                to_persian_digits(f"{reason['score']:.2f}").replace(".", "\u066b"),
                CODE_LABELS.get(reason.get("code", ""), reason.get("code", "")),
            )
            for reason in comment.reasons or []
        ),
    )


class ActionsColumn(Column):
    """Approve, reject and ban buttons that act in one click (POST with CSRF)."""

    def __init__(self, name="actions", **kwargs):
        super().__init__(
            name, label=_("اقدام"), accessor=lambda comment: comment, **kwargs
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        url = reverse("moderation_comment_action", args=(instance.pk,))
        history = reverse("moderation_commenter_history", args=(instance.pk,))
        buttons = format_html_join(
            "",
            '<button class="button button-small {}" name="action" value="{}">'
            "{}</button>",
            (
                ("", "approve", _("انتشار")),
                ("button-secondary", "reject", _("رد")),
                ("no", "ban", _("مسدود")),
            ),
        )
        context["value"] = format_html(
            '<form method="post" action="{}"><input type="hidden" '
            'name="csrfmiddlewaretoken" value="{}">{}</form> <a href="{}">{}</a>',
            url,
            get_token(request),
            buttons,
            history,
            _("سابقه"),
        )
        return context
