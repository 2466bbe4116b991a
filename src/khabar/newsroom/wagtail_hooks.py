"""Newsroom additions to the Wagtail admin: what typography fixed on save."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from wagtail import hooks

MAX_SHOWN = 20


def typography_message(request, page) -> None:
    """Tell the editor which words the typography fix changed, old → new."""
    found = getattr(page, "typography_changes", None)
    if not found:
        return
    items = format_html_join(
        "، ", "«{}» ← «{}»", ((change.new, change.old) for change in found[:MAX_SHOWN])
    )
    more = f" و {len(found) - MAX_SHOWN} مورد دیگر" if len(found) > MAX_SHOWN else ""
    messages.info(
        request,
        format_html("ویرایش نگارشی خودکار ({} مورد): {}{}", len(found), items, more),
    )


hooks.register("after_create_page", typography_message)
hooks.register("after_edit_page", typography_message)
