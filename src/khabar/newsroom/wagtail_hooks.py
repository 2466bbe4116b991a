"""Newsroom additions to the Wagtail admin: what typography fixed on save,
roles for new services, the editor's word counter, and the story trash."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_trash
from .trash import LOG_ACTIONS

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


hooks.register("before_delete_page", admin_trash.trash_instead_of_delete)
hooks.register("before_edit_page", admin_trash.refuse_editing_trashed)
hooks.register("construct_explorer_page_queryset", admin_trash.hide_trashed)
# Registered after Wagtail's own bulk delete (order), so this one replaces it.
hooks.register("register_bulk_action", admin_trash.TrashBulkAction, order=100)


@hooks.register("construct_admin_api")
def trash_in_admin_api(router) -> None:
    """Make the admin API's delete action move stories to the trash too."""
    router.register_endpoint("pages", admin_trash.TrashPagesAdminAPIViewSet)


@hooks.register("register_log_actions")
def trash_log_actions(actions) -> None:
    """Name the trash's entries in Wagtail's audit log (Reports › Site history)."""
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def trash_urls():
    return [
        path("trash/", admin_trash.trash_list, name="newsroom_trash"),
        path(
            "trash/<int:pk>/restore/",
            admin_trash.trash_restore,
            name="newsroom_trash_restore",
        ),
        path(
            "trash/<int:pk>/purge/",
            admin_trash.trash_purge,
            name="newsroom_trash_purge",
        ),
    ]


@hooks.register("register_admin_menu_item")
def trash_menu_item():
    return MenuItem(
        _("سطل بازیافت خبرها"), reverse("newsroom_trash"), icon_name="bin", order=900
    )
