"""Newsroom people for any test: one user per role, and the services they work in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from khabar.newsroom import roles
from khabar.newsroom.services import service_get_or_create

PASSWORD = "a-long-test-password"


@pytest.fixture
def services(home):
    """Return the politics and sports services, with their roles ensured."""
    politics = service_get_or_create(home=home, name="سیاسی")
    sports = service_get_or_create(home=home, name="ورزشی")
    roles.roles_ensure(home=home)
    return {"politics": politics, "sports": sports}


@pytest.fixture
def people(services):
    """Return a user per newsroom role (groups created by ``roles``)."""
    moderator_group = Group.objects.get_or_create(name="ناظر نظرات")[0]
    memberships = {
        "reporter": roles.REPORTER_PREFIX + "سیاسی",
        "editor": roles.SERVICE_EDITOR_PREFIX + "سیاسی",
        "chief": roles.CHIEF_EDITOR,
        "moderator": moderator_group.name,
        "admin": roles.SITE_ADMIN,
    }
    users = {}
    for role, group in memberships.items():
        user = get_user_model().objects.create_user(
            username=role, password=PASSWORD, email=f"{role}@example.ir"
        )
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    return users


@pytest.fixture
def login(client, people):
    """Log the test client in as the named role: ``login("editor")``."""

    def as_role(role: str):
        client.force_login(people[role])
        return client

    return as_role
