"""``khabar partner add|list|rotate|revoke``: tokens for the full-text partner feed."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from khabar.site.models import Partner
from khabar.site.partners import partner_create, partner_revoke, partner_rotate


class Command(BaseCommand):
    help = "Manage syndication partners and their full-text feed tokens."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "list", "rotate", "revoke"])
        parser.add_argument("name", nargs="?", default="")

    def handle(self, *args, action: str, name: str, **options):
        if action == "list":
            for partner in Partner.objects.order_by("name"):
                state = "active" if partner.active else "revoked"
                self.stdout.write(f"{partner.name}\t{state}\t{partner.last_used_at}")
            return
        if not name.strip():
            raise CommandError(f"'{action}' needs a partner name")
        if action == "add":
            if Partner.objects.filter(name=name).exists():
                raise CommandError(f"a partner named {name!r} already exists")
            _partner, token = partner_create(name=name)
            self._show(token)
            return
        partner = Partner.objects.filter(name=name).first()
        if partner is None:
            raise CommandError(f"no partner named {name!r}")
        if action == "rotate":
            self._show(partner_rotate(partner=partner))
        else:
            partner_revoke(partner=partner)
            self.stdout.write(f"revoked {name}")

    def _show(self, token: str) -> None:
        path = reverse("site:partner_rss", kwargs={"token": token})
        self.stdout.write(f"token: {token}\nfeed:  {path}\n(shown only once)")
