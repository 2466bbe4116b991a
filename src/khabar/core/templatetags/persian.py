"""Template filters for Persian display: ``fa_digits``, ``jalali``, ``jalali_time``."""

from datetime import date, datetime

from django import template

from khabar.core.persian import jalali as format_jalali
from khabar.core.persian import to_persian_digits

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    """Write the digits of ``value`` in Persian."""
    return "" if value is None else to_persian_digits(value)


@register.filter
def jalali(value: date | datetime | None) -> str:
    """Write a date as «۸ آذر ۱۴۰۵»."""
    return format_jalali(value) if value else ""


@register.filter
def jalali_time(value: datetime | None) -> str:
    """Write a date and time as «۸ آذر ۱۴۰۵ - ۱۰:۰۵»."""
    return format_jalali(value, "%d %B %Y - %H:%M") if value else ""
