"""Newsroom roles as Wagtail groups, and each service's review workflow.

Roles (a user may hold several):

- «سردبیر» (chief editor): every service — writes, edits, approves, publishes,
  schedules, locks; fills the front page's lead slots; sets «فوری» and
  «پیشنهاد سردبیر».
- «دبیر سرویس <name>» (service editor): the same inside one service, without
  the front page and the two flags.
- «خبرنگار <name>» (reporter): writes in one service and edits what they
  wrote; submits to the service's workflow, cannot publish.
- «ناظر نظرات» (comment moderator; created by the moderation app).
- «مدیر سایت» (site admin): everything, including users and settings.

Page permissions are Wagtail's and propagate down the tree, so they are
granted on the home page (chief editor, admin) or on a service page (service
roles). Each service gets a workflow «بررسی <name>» with one group-approval
task for its editors, the chief editor and the site admins: a reporter's
submission waits there until one of them approves (publishes) or asks for
changes with a note.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CHIEF_EDITOR = "سردبیر"
SITE_ADMIN = "مدیر سایت"
REPORTER_PREFIX = "خبرنگار "
SERVICE_EDITOR_PREFIX = "دبیر سرویس "
WORKFLOW_PREFIX = "بررسی "

REPORTER_PAGE_PERMISSIONS = ("add",)
# "delete" moves a story to the trash (newsroom.trash); only the site admin's
# "purge_article" permission deletes one for good.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock", "delete")
ADMIN_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "bulk_delete")
# Django permissions every newsroom role needs to work in the admin.
STAFF_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
CHIEF_PERMISSIONS = (*STAFF_PERMISSIONS, ("newsroom", "feature_article"))


def _permissions(pairs) -> list[Permission]:
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def _grant_pages(group: Group, page: Page, kinds) -> None:
    for kind in kinds:
        if not GroupPagePermission.objects.filter(
            group=group, page=page, permission__codename=f"{kind}_page"
        ).exists():
            GroupPagePermission.objects.create(
                group=group, page=page, permission_type=kind
            )


@transaction.atomic
def roles_ensure(*, home: Page) -> None:
    """Create the site-wide roles and give each service its own; idempotent."""
    chief, _created = Group.objects.get_or_create(name=CHIEF_EDITOR)
    chief.permissions.add(*_permissions(CHIEF_PERMISSIONS))
    _grant_pages(chief, home, EDITOR_PAGE_PERMISSIONS)
    admin, _created = Group.objects.get_or_create(name=SITE_ADMIN)
    admin.permissions.add(*Permission.objects.all())
    _grant_pages(admin, home, ADMIN_PAGE_PERMISSIONS)
    for service in home.get_children().type(_service_model()):
        service_roles_ensure(service=service)


@transaction.atomic
def service_roles_ensure(*, service: Page) -> tuple[Group, Group]:
    """Create (or repair) one service's reporter and editor groups and workflow."""
    name = service.title
    reporter, _created = Group.objects.get_or_create(name=REPORTER_PREFIX + name)
    editor, _created = Group.objects.get_or_create(name=SERVICE_EDITOR_PREFIX + name)
    for group in (reporter, editor):
        group.permissions.add(*_permissions(STAFF_PERMISSIONS))
    _grant_pages(reporter, service, REPORTER_PAGE_PERMISSIONS)
    _grant_pages(editor, service, EDITOR_PAGE_PERMISSIONS)
    _workflow_ensure(service=service, approvers=[editor, *_senior()])
    return reporter, editor


def _senior() -> list[Group]:
    """Return the groups that may approve in every service."""
    return list(Group.objects.filter(name__in=(CHIEF_EDITOR, SITE_ADMIN)))


def _workflow_ensure(*, service: Page, approvers: list[Group]) -> Workflow:
    title = WORKFLOW_PREFIX + service.title
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=f"تأیید دبیر سرویس {service.title}"
    )
    task.groups.add(*approvers)
    workflow, created = Workflow.objects.get_or_create(name=title)
    if created or not workflow.workflow_tasks.exists():
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": 0}
        )
    WorkflowPage.objects.update_or_create(page=service, defaults={"workflow": workflow})
    return workflow


def _service_model():
    from .models import ServicePage

    return ServicePage
