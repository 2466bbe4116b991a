"""``khabar demo``: migrate, admin user, demo articles and the reference page."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from khabar.core.demo.loader import demo_articles_load
from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.selectors import home_page_get


class Command(BaseCommand):
    help = "Prepare a demo site: migrate, admin login, demo articles, reference page."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=Path(
                os.environ.get(
                    "KHABAR_SEEDS_DIR", Path.cwd().parent / "shared" / "seeds"
                )
            ),
            help="folder of scraped article pages to import (default: ../shared/seeds)",
        )

    def handle(self, *args, seeds: Path, **options):
        call_command("migrate", interactive=False, verbosity=0)
        home = home_page_get()
        if home is None:
            raise CommandError("The home page is missing after migrating.")
        username, password = self._admin()
        created = demo_articles_load(home=home)
        self.stdout.write(f"Demo articles: {created} created, the rest already there.")
        for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
            result = scraped_file_import(path=path, home=home)
            where = (
                f"{settings.WAGTAILADMIN_BASE_URL}/x/{result.news_code}"
                if result.news_code
                else result.error
            )
            self.stdout.write(f"Reference page {path.name}: {result.status} {where}")
        self.stdout.write(self.style.SUCCESS("Khabar is ready."))
        self.stdout.write(f"  Site:  {settings.WAGTAILADMIN_BASE_URL}/")
        self.stdout.write(f"  Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"  Login: {username} / {password}")
        staff = self._newsroom_staff(password)
        self.stdout.write(f"  Newsroom (same password): {', '.join(staff)}")

    def _newsroom_staff(self, password: str) -> list[str]:
        """Create one demo user per newsroom role, to try the review workflow."""
        from django.contrib.auth.models import Group

        from khabar.newsroom import roles

        members = {
            "reporter": roles.REPORTER_PREFIX + "سیاسی",
            "editor": roles.SERVICE_EDITOR_PREFIX + "سیاسی",
            "chief": roles.CHIEF_EDITOR,
            "moderator": "ناظر نظرات",
        }
        users = get_user_model().objects
        shown = []
        for username, group_name in members.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            user = users.filter(username=username).first()
            if user is None:
                user = users.create_user(username=username, password=password)
            user.groups.add(group)
            shown.append(f"{username} ({group_name})")
        return shown

    def _admin(self) -> tuple[str, str]:
        """Create the demo admin once; its password is kept in var/, shown each run."""
        username = "admin"
        secret = Path(settings.VAR_DIR) / "demo-admin-password"
        if not secret.exists():
            password = os.environ.get("KHABAR_DEMO_PASSWORD") or secrets.token_urlsafe(
                9
            )
            secret.write_text(password, encoding="utf-8")
            secret.chmod(0o600)
        password = secret.read_text(encoding="utf-8").strip()
        users = get_user_model().objects
        if not users.filter(username=username).exists():
            users.create_superuser(
                username=username, email="admin@example.com", password=password
            )
        return username, password
