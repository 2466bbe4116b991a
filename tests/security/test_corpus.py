"""The XSS corpus itself: big enough, named, marked, and free of raw invisibles."""

from collections import Counter
from pathlib import Path

from .payloads import (
    CATEGORIES,
    INVISIBLE,
    MARKERS,
    PAYLOADS,
    PERSIAN_CATEGORIES,
)

SOURCE = Path(__file__).with_name("payloads.py")


def test_corpus_is_large_and_ids_are_unique():
    assert len(PAYLOADS) >= 150
    ids = Counter(payload.id for payload in PAYLOADS)
    assert [i for i, n in ids.items() if n > 1] == []
    assert all(payload.id.isascii() for payload in PAYLOADS)


def test_every_payload_names_itself():
    for payload in PAYLOADS:
        assert payload.id in payload.text, payload.id
        assert "@" not in payload.text.replace("@import", ""), payload.id


def test_most_payloads_carry_an_execution_marker():
    marked = [p for p in PAYLOADS if any(m in p.text for m in MARKERS)]
    unmarked = {p.id for p in PAYLOADS} - {p.id for p in marked}
    # Template strings and a few URL-only tricks name their id instead.
    assert len(marked) >= 0.85 * len(PAYLOADS), sorted(unmarked)


def test_every_category_is_represented():
    assert (
        set(CATEGORIES)
        >= {
            "script",
            "event-handler",
            "javascript-url",
            "svg-mathml",
            "broken-markup",
            "entity-case",
            "data-url",
            "style",
            "template-injection",
        }
        | PERSIAN_CATEGORIES
    )
    for name, entries in CATEGORIES.items():
        assert len(entries) >= 6, name
    persian = [p for p in PAYLOADS if p.category in PERSIAN_CATEGORIES]
    assert len(persian) >= 50


def test_persian_tricks_use_the_characters_they_claim():
    by_category = {
        name: " ".join(p.text for p in PAYLOADS if p.category == name)
        for name in CATEGORIES
    }
    for char in "\u202e\u2066\u2067\u2068\u2069":
        assert char in by_category["bidi"], hex(ord(char))
    for char in "\u200b\u200c\u200d\u2060\ufeff":
        assert char in by_category["zero-width"], hex(ord(char))
    assert "\uff1cscript\uff1e" in by_category["full-width"]
    assert "&#\u06f6\u06f0;" in by_category["persian-digits"]


def test_source_names_invisible_characters_with_escapes():
    text = SOURCE.read_text(encoding="utf-8")
    raw = sorted({hex(ord(char)) for char in text if char in INVISIBLE})
    assert raw == []
    assert all(char.isascii() for char in text), "write non-ASCII as \\u escapes"
