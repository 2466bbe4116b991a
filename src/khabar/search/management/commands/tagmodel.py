"""``khabar tagmodel``: fit the tag suggester on the site's tagged articles now."""

from django.core.management.base import BaseCommand

from khabar.search.tagging import SITE_MODEL_ARTICLES, site_tag_model


class Command(BaseCommand):
    help = (
        "Fit the tag-suggestion model on the latest tagged articles and cache it "
        "(run after a large import, so no editor's request waits for the fit)."
    )

    def handle(self, *args, **options):
        model = site_tag_model(refresh=True)
        if model is None:
            self.stdout.write(
                "too few tagged articles to learn from; "
                "suggestions use names found in the text"
            )
            return
        self.stdout.write(
            f"fitted on {model.history.articles} tagged articles "
            f"(at most {SITE_MODEL_ARTICLES}), "
            f"{len(model.history.names)} distinct tags"
        )
