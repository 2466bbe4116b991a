"""Form data the Wagtail admin's article editor posts, for tests that drive it."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def article_form(**overrides) -> dict:
    """Return the POST data of the article editor with a small Persian story."""
    data = {
        "story_type": "news",
        "title": "افتتاح کتابخانه تازه در مرکز شهر",
        "slug": "new-library",
        "overline": "فرهنگی",
        "lead": "کتابخانه\u200cای با ده هزار جلد کتاب امروز گشایش یافت.",
        "body": streamfield(
            [("paragraph", rich_text("<p>متن خبر درباره کتابخانه.</p>"))]
        ),
        "video_url": "",
        "gallery_images": inline_formset([]),
        "tags": "کتاب, کتابخانه",
        "related_links": inline_formset([]),
        "byline": "",
        "source_agency": "",
        "correction_note": "",
        "breaking_until": "",
        "embargo_until": "",
    }
    data.update(overrides)
    return nested_form_data(data)
