"""The article editor's form: tag and related-story suggestions the editor
accepts with a tick, and the front-page flags only the chief editor may set."""

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

    suggested_related = forms.TypedMultipleChoiceField(
        label=_("اخبار مرتبط پیشنهادی"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("هر کدام را تیک بزنید به فهرست اخبار مرتبط افزوده می\u200cشود."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_tags"].choices = self._suggestions()
        self.fields["suggested_related"].choices = self._related_suggestions()
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

    def _related_suggestions(self) -> list[tuple[int, str]]:
        # Imported here: search reads the newsroom's models, which import this form.
        from khabar.search.related import related_suggest

        article = self.instance
        if not article.pk:
            return []
        chosen = set(article.related_links.values_list("target_id", flat=True))
        return [
            (story.pk, f"{story.title} ({story.news_code})")
            for story in related_suggest(article=article)
            if story.pk not in chosen
        ]

    def save(self, commit=True):
        from .models import RelatedArticle

        page = super().save(commit=False)
        for target_id in self.cleaned_data.get("suggested_related") or []:
            page.related_links.add(RelatedArticle(target_id=target_id))
        if commit:
            page.save()
        return page

    def clean(self):
        cleaned = super().clean()
        accepted = cleaned.get("suggested_tags") or []
        if accepted:
            tags = list(cleaned.get("tags") or [])
            cleaned["tags"] = tags + [name for name in accepted if name not in tags]
        return cleaned
