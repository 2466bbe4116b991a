"""Newsroom additions to the Wagtail admin: what typography fixed on save,
roles for new services, and the editor's word counter."""

from django.contrib import messages
from django.templatetags.static import static
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


def service_roles(request, page) -> None:
    """Give a service created in the admin its reporter and editor roles."""
    from .models import ServicePage
    from .roles import service_roles_ensure

    if isinstance(page.specific, ServicePage):
        service_roles_ensure(service=page)


hooks.register("after_create_page", typography_message)
hooks.register("after_create_page", service_roles)
hooks.register("after_edit_page", typography_message)


@hooks.register("insert_editor_js")
def editor_word_count() -> str:
    """Add the live Persian word and character counter to the page editor."""
    return format_html(
        '<script src="{}" defer></script>', static("newsroom/editor-count.js")
    )
