"""Tag suggestions: people without titles, organisations, places, existing tags."""

import pytest

from khabar.search.tagging import spellings, tags_suggest
from tests.search.desk import desk_articles_publish, desk_history, local_story


def suggest(title="", lead="", body="", existing=None, limit=8):
    parts = {"title": title, "lead": lead, "body": body}
    return tags_suggest(parts=parts, existing=existing or {}, limit=limit)


def names(**kwargs) -> list[str]:
    return [item.name for item in suggest(**kwargs)]


def test_title_is_stripped_and_the_name_completed_from_the_text():
    found = suggest(
        title="دیدار با سرلشکر باقری",
        body="سرلشکر محمد باقری در این دیدار گفت که همکاری ادامه دارد.",
    )
    people = [item for item in found if item.kind == "person"]
    assert [item.name for item in people] == ["محمد باقری"]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("نشست ستاد کل نیروهای مسلح برگزار شد", "ستاد کل نیروهای مسلح", "organisation"),
        ("نشست ستادکل نیروهای مسلح برگزار شد", "ستاد کل نیروهای مسلح", "organisation"),
        ("سفر وزیر به سوريه", "سوریه", "place"),  # Arabic yeh
        ("بارش برف در خراسان رضوی", "خراسان رضوی", "place"),
        ("نتایج کنکور اعلام شد", "کنکور", "topic"),
    ],
)
def test_gazetteer_names_in_any_spelling(text, expected, kind):
    found = {item.name: item.kind for item in suggest(title=text)}
    assert found.get(expected) == kind


def test_existing_tags_are_preferred_and_marked():
    found = suggest(
        title="گزارش تازه قطار شهری و وضعیت سوریه",
        existing={1: "قطار شهری"},
    )
    assert found[0].name == "قطار شهری" and found[0].existing
    assert not next(item for item in found if item.name == "سوریه").existing


def test_headline_counts_more_than_body():
    found = suggest(title="سفر به ترکیه", body="در سفر به ترکیه از عراق هم یاد شد")
    assert [item.name for item in found][:2] == ["ترکیه", "عراق"]


def test_plain_text_without_names_suggests_nothing():
    assert names(title="امروز هوا خوب است", body="مردم به پارک رفتند.") == []


def test_spellings_join_neighbours():
    assert spellings(("الف", "ب", "پ")) == {
        ("الف", "ب", "پ"),
        ("الفب", "پ"),
        ("الف", "بپ"),
        ("الفبپ",),
    }


# --- the learned ranker -------------------------------------------------------


@pytest.fixture(scope="module")
def desk_model():
    from khabar.search.tagging import tags_model_train

    model = tags_model_train(desk_history())
    assert model is not None
    return model


def test_phrases_stop_at_punctuation_and_function_words():
    from khabar.search.tag_model import article_phrases

    found = article_phrases(
        {"title": "سفر رئیس\u200cجمهور به کرمان، دیدار با مردم", "lead": "", "body": ""}
    )
    keys = {phrase.display for phrase in found.values()}
    assert "کرمان" in keys and "دیدار" in keys
    assert "کرمان دیدار" not in keys  # the comma ends a phrase
    assert not any(key.startswith("به ") or key.endswith(" با") for key in keys)


def test_phrases_know_where_they_occur():
    from khabar.search.tag_model import article_phrases, compact

    found = article_phrases(
        {
            "title": "دیدار با سردار سلامی",
            "lead": "فرمانده سپاه در تبریز سخنرانی کرد.",
            "body": "به گزارش خبرنگار ما از تبریز، سخنرانی در تبریز برگزار شد.",
        },
        titles=frozenset(["سردار"]),
    )
    tabriz = found[compact("تبریز")]
    assert (tabriz.title, tabriz.lead, tabriz.body) == (0, 1, 2)
    assert tabriz.opening  # in the body's first clause
    assert found[compact("سلامی")].titled
    assert found[compact("دیدار")].first == 0.0


def test_model_learns_which_phrases_editors_keep(desk_model):
    found = tags_suggest(
        parts=local_story("تبریز", "نمایشگاه کتاب"), existing={}, model=desk_model
    )
    names = [item.name for item in found]
    assert set(names[:2]) == {"تبریز", "نمایشگاه کتاب"}
    assert all(item.score >= 0.5 for item in found[:2])
    assert all(0.0 <= item.score < 0.2 for item in found[2:])  # «مسئولان», …
    assert "جلسه" not in names[:2]


def test_model_generalises_to_a_city_it_never_saw(desk_model):
    found = tags_suggest(
        parts=local_story("بوشهر", "جشنواره فیلم"), existing={}, model=desk_model
    )
    chance = {item.name: item.score for item in found}
    assert chance["بوشهر"] > chance.get("جلسه", 0.0)
    assert chance["بوشهر"] > chance.get("مسئولان", 0.0)


def test_model_suggestions_use_the_sites_spelling_and_mark_existing(desk_model):
    parts = local_story("رشت", "جشن نوروز")
    parts["title"] = parts["title"].replace("جشن نوروز", "جشن\u200cنوروز")
    found = tags_suggest(parts=parts, existing={7: "جشن نوروز"}, model=desk_model)
    item = next(item for item in found if item.name == "جشن نوروز")
    assert item.existing and item.kind == "existing"


def test_min_score_returns_fewer_surer_suggestions(desk_model):
    parts = local_story("یزد", "مسابقات کشتی")
    every = tags_suggest(parts=parts, existing={}, model=desk_model, limit=8)
    sure = tags_suggest(
        parts=parts, existing={}, model=desk_model, limit=8, min_score=0.5
    )
    assert 0 < len(sure) < len(every)
    assert all(item.score >= 0.5 for item in sure)
    assert [item.name for item in sure] == [item.name for item in every][: len(sure)]


def test_too_little_history_gives_no_model():
    from khabar.search.tagging import tags_model_train

    assert tags_model_train(desk_history()[:5]) is None


def test_an_articles_own_tags_are_left_out_while_fitting():
    from khabar.search.tag_model import TagHistory, article_phrases, compact, features

    history = TagHistory()
    phrases = article_phrases(local_story("اراک", "همایش قرآنی"))
    history.add_text(phrases)
    own = history.add(phrases, ["اراک"])
    arak = phrases[compact("اراک")]
    seen = features(arak, history)
    left_out = features(arak, history, own_tags=own)
    known = 9  # FEATURES index of "known_tag"
    assert seen[known] == 1.0 and left_out[known] == 0.0


@pytest.mark.django_db
def test_site_model_learns_from_the_sites_tagged_articles(django_assert_num_queries):
    from django.core.cache import cache

    from khabar.search.tagging import site_tag_model

    cache.clear()
    desk_articles_publish(desk_history()[:8])
    model = site_tag_model(min_articles=5)
    assert model is not None and model.history.articles == 8
    with django_assert_num_queries(0):
        assert site_tag_model(min_articles=5) is not None  # cached
    found = tags_suggest(
        parts=local_story("تبریز", "جشن نوروز"), existing={}, model=model
    )
    assert "تبریز" in [item.name for item in found[:3]]
    cache.clear()


def test_model_on_an_empty_article_suggests_nothing(desk_model):
    assert tags_suggest(parts={"title": ""}, existing={}, model=desk_model) == []


@pytest.mark.django_db
def test_tagmodel_command_reports_too_little_history():
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()
    out = StringIO()
    call_command("tagmodel", stdout=out)
    assert "too few tagged articles" in out.getvalue()
    cache.clear()
