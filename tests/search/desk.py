"""A local desk's tagged stories: a history that tag models learn from in tests."""

CITIES = ("تبریز", "شیراز", "مشهد", "اصفهان", "رشت", "کرمان", "یزد", "اراک")
EVENTS = ("جشنواره فیلم", "نمایشگاه کتاب", "مسابقات کشتی", "همایش قرآنی", "جشن نوروز")


def local_story(city: str, event: str) -> dict[str, str]:
    """A short provincial story, in the way a local desk writes one."""
    return {
        "title": f"برگزاری {event} در {city}",
        "lead": f"{event} با حضور مسئولان استان در {city} آغاز شد.",
        "body": (
            f"به گزارش خبرنگار ما از {city}، جلسه افتتاحیه {event} امروز برگزار شد. "
            "مسئولان در این جلسه از برنامه\u200cهای سال گفتند. "
            "جلسه تا ظهر ادامه داشت و مسئولان از مردم تشکر کردند."
        ),
    }


def desk_history():
    """Forty tagged stories: editors tag the city and the event, never «جلسه»."""
    return [
        (local_story(city, event), [city, event]) for city in CITIES for event in EVENTS
    ]


def desk_articles_publish(history) -> None:
    """Publish ``history``'s stories as tagged articles (needs the database)."""
    from tests.factories import ArticleFactory

    for index, (parts, tags) in enumerate(history):
        ArticleFactory(
            title=parts["title"],
            lead=parts["lead"],
            body=[("paragraph", f"<p>{parts['body']}</p>")],
            slug=f"desk-{index}",
            tags=tags,
        )
