"""Tag suggestions: people without titles, organisations, places, existing tags."""

import pytest

from khabar.search.tagging import spellings, tags_suggest


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
