"""Persian display helpers."""

from datetime import UTC, datetime

import pytest

from khabar.core.persian import jalali, to_latin_digits, to_persian_digits


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1224974, "۱۲۲۴۹۷۴"), ("کد ۱۲ و 34 و ٥٦", "کد ۱۲ و ۳۴ و ۵۶"), ("", "")],
)
def test_to_persian_digits(value, expected):
    assert to_persian_digits(value) == expected


def test_to_latin_digits():
    assert to_latin_digits("۱۲۳٤٥") == "12345"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 29, 8, 0, tzinfo=UTC), "۸ آذر ۱۴۰۵"),
        (
            datetime(2024, 3, 20, 3, 6, tzinfo=UTC),
            "۱ فروردین ۱۴۰۳",
        ),  # Nowruz, Tehran time
        (datetime(2024, 3, 19, 20, 0, tzinfo=UTC), "۲۹ اسفند ۱۴۰۲"),
    ],
)
def test_jalali_in_tehran_time(moment, expected, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    assert jalali(moment) == expected


def test_jalali_of_a_plain_date():
    from datetime import date

    assert jalali(date(2026, 11, 29)) == "۸ آذر ۱۴۰۵"
