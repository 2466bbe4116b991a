"""``khabar two_factor_reset USER``: remove a staff user's second factor."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from khabar.core.twofactor.services import two_factor_disable


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes (a lost phone); "
        "the user then logs in with the password and may enroll again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's login name")

    def handle(self, *args, username: str, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}") from error
        removed = two_factor_disable(user=user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-factor login reset for {username}: {removed} device(s) removed"
            )
        )
