"""The article editor's form: tag suggestions the editor accepts with a tick,
and the front-page flags only the chief editor may set."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from khabar.search.tagging import site_tag_model, site_tags, tags_suggest

KIND_LABELS = {
    "existing": _("برچسب موجود"),
    "person": _("شخص"),
    "place": _("مکان"),
    "organisation": _("سازمان"),
    "topic": _("موضوع"),
}


FEATURE_PERMISSION = "newsroom.feature_article"


class ArticlePageForm(WagtailAdminPageForm):
    """Offer tags found in the saved text; ticked ones are added on save.

    «فوری» and «پیشنهاد سردبیر» are disabled for users without the
    ``feature_article`` permission: a disabled field keeps its stored value
    whatever the browser posts, so the rule holds on the server.
    """

    suggested_tags = forms.MultipleChoiceField(
        label=_("برچسب\u200cهای پیشنهادی"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "از متن ذخیره\u200cشده پیشنهاد شده\u200cاند؛ هر کدام را بخواهید تیک بزنید."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_tags"].choices = self._suggestions()
        user = getattr(self, "for_user", None)
        if user is None or not user.has_perm(FEATURE_PERMISSION):
            for name in type(self.instance).feature_fields:
                if name in self.fields:
                    self.fields[name].disabled = True

    def _suggestions(self) -> list[tuple[str, str]]:
        from .selectors import article_plain_parts

        article = self.instance
        if not article.pk:
            return []
        current = {tag.name for tag in article.tags.all()}
        found = tags_suggest(
            parts=article_plain_parts(article=article),
            existing=site_tags(),
            model=site_tag_model(),
        )
        return [
            (item.name, f"{item.name} ({KIND_LABELS[item.kind]})")
            for item in found
            if item.name not in current
        ]

    def clean(self):
        cleaned = super().clean()
        accepted = cleaned.get("suggested_tags") or []
        if accepted:
            tags = list(cleaned.get("tags") or [])
            cleaned["tags"] = tags + [name for name in accepted if name not in tags]
        return cleaned
