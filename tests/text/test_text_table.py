"""The shipped table: format round trip, size, verb conjugation, build helpers."""

from pathlib import Path

from khabar.text.build import prefers_plain
from khabar.text.sources import clean_form
from khabar.text.table import (
    TABLE_NAME,
    lexicon_from_sections,
    read_sections,
    shipped_lexicon,
    verb_forms,
    write_table,
)

ZWNJ = "\u200c"
SHIPPED = Path(__file__).resolve().parents[2] / "src/khabar/text/data" / TABLE_NAME


def test_table_round_trips_and_is_reproducible(tmp_path: Path) -> None:
    sections = {
        "zwnj": ["نرم" + ZWNJ + "افزار"],
        "words": ["کتاب", "بیمار"],
        "past": ["رفت"],
    }
    first, second = tmp_path / "a.gz", tmp_path / "b.gz"
    write_table(first, sections)
    write_table(second, sections)
    assert first.read_bytes() == second.read_bytes()
    lexicon = lexicon_from_sections(read_sections(first.read_bytes()))
    assert lexicon.zwnj == {"نرمافزار": "نرم" + ZWNJ + "افزار"}
    assert lexicon.words == {"کتاب", "بیمار"}
    assert "رفتند" in lexicon.verbs


def test_shipped_table_is_small_and_loads_once() -> None:
    assert SHIPPED.stat().st_size < 1_000_000
    assert shipped_lexicon() is shipped_lexicon()
    assert len(shipped_lexicon().words) > 50_000


def test_verb_forms_conjugate_with_glides() -> None:
    forms = verb_forms(["کن", "گو"], ["کرد"])
    assert {"کنم", "کنند", "گوید", "گویند", "کرد", "کردند", "کرده"} <= forms
    assert "کن" not in forms


def test_clean_form_drops_meaningless_half_spaces() -> None:
    assert clean_form("گفت" + ZWNJ + "و" + ZWNJ + "گو") == "گفت" + ZWNJ + "وگو"
    assert clean_form("كتاب") == "کتاب"
    assert clean_form("abc") is None


def test_votes_between_spellings() -> None:
    counts = {"hazm": {"بیمار": 50}, "fars": {"آنها": 700, "آن" + ZWNJ + "ها": 100}}
    voters = (("fars", 3, 3),)
    assert prefers_plain("بیمار", "بی" + ZWNJ + "مار", counts, voters)
    assert prefers_plain("آنها", "آن" + ZWNJ + "ها", counts, voters)
    assert not prefers_plain(
        "کتابها",
        "کتاب" + ZWNJ + "ها",
        counts | {"fars": {"کتاب" + ZWNJ + "ها": 5}},
        voters,
    )


def test_web_counts_outweigh_a_zero_frequency_listing() -> None:
    split = "خون" + ZWNJ + "سردی"
    voters = (("shekar", 1, 1000), ("fars", 1, 3))
    listed = {"hazm": {split: 0}, "fars": {}}
    assert prefers_plain(
        "خونسردی", split, listed | {"shekar": {"خونسردی": 300_000}}, voters
    )
    # A rarer joined spelling, or a hazm frequency, keeps the split.
    assert not prefers_plain(
        "خونسردی", split, listed | {"shekar": {"خونسردی": 5_000}}, voters
    )
    assert not prefers_plain(
        "خونسردی",
        split,
        {"hazm": {split: 10}, "fars": {}, "shekar": {"خونسردی": 300_000}},
        voters,
    )
