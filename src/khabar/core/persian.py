"""Persian display helpers: digits and the Jalali calendar.

Stored times are UTC; these functions convert to the display time zone and
the Jalali calendar only when a page is rendered.
"""

from datetime import date, datetime

import jdatetime
from django.utils import timezone

PERSIAN_DIGITS = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹")
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def to_persian_digits(value: object) -> str:
    """Return ``value`` as text with Latin and Arabic-Indic digits made Persian."""
    return str(value).translate(PERSIAN_DIGITS)


def to_latin_digits(value: str) -> str:
    """Return ``value`` with Persian and Arabic-Indic digits made Latin."""
    return value.translate(LATIN_DIGITS)


def jalali(value: date | datetime, fmt: str = "%d %B %Y") -> str:
    """Format a date, or an aware datetime in the display time zone, in Jalali."""
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        day = jdatetime.datetime.fromgregorian(datetime=local, locale="fa_IR")
    else:
        day = jdatetime.date.fromgregorian(date=value, locale="fa_IR")
    text = day.strftime(fmt)
    # jdatetime pads the day ("08"); Persian newspapers write "۸ آذر".
    if text.startswith("0"):
        text = text[1:]
    return to_persian_digits(text)
