"""The learned half-space decisions: labels, model, style gating, build helpers."""

from collections import Counter
from pathlib import Path

import pytest

from khabar.text.build import plural_or_indefinite
from khabar.text.compounds import bound_heads, compound_heads
from khabar.text.learn import (
    Sources,
    boundary_labels,
    fit,
    learned_pairs,
    predict,
    word_labels,
)
from khabar.text.table import (
    lexicon_from_sections,
    read_sections,
    verb_forms,
    write_table,
)
from khabar.text.zwnj import Lexicon, Restorer

ZWNJ = "\u200c"


def z(text: str) -> str:
    """Write a half-space as «|» in test tables."""
    return text.replace("|", ZWNJ)


def restorer(**extra: dict[str, str]) -> Restorer:
    """Return a restorer over a toy lexicon, with learned sections in ``extra``."""
    words = frozenset(("کتاب", "پیش", "نیاز", "عزت", "نفس", "روانشناسی", "خوب"))
    lexicon = Lexicon(
        zwnj={},
        pairs=frozenset(),
        words=words,
        verbs=verb_forms(["شو"], ["خورد"]),
        adjectives=frozenset(),
        stopwords=frozenset(),
        **extra,
    )
    return Restorer(lexicon)


LEARNED = {"پیشنیاز": z("پیش|نیاز"), "عزتنفس": z("عزت|نفس")}
RESPLIT = {"روانشناسی": z("روان|شناسی")}


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        # Another space stands for a half-space: the learned pair joins too.
        ("پیش نیاز می شود", "پیش|نیاز می|شود"),
        ("کتاب ها عزت نفس", "کتاب|ها عزت|نفس"),
        # No evidence that this writer types half-spaces as spaces: kept.
        ("پیش نیاز", "پیش نیاز"),
        ("عزت نفس خوب", "عزت نفس خوب"),
        ("پیش نیاز می‌شود", "پیش نیاز می|شود"),
    ],
)
def test_learned_pairs_join_only_in_spaced_text(text: str, restored: str) -> None:
    assert restorer(learned=LEARNED).restore(text) == z(restored)


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        # Half-spaces deleted elsewhere: the learned joined word is split too.
        ("روانشناسی میشود", "روان|شناسی می|شود"),
        # Written carefully, or no evidence: the joined word is kept.
        ("روانشناسی می|شود", "روانشناسی می|شود"),
        ("روانشناسی خوب", "روانشناسی خوب"),
        # Spaces typed for half-spaces: the deleted-style rule does not apply.
        ("روانشناسی می شود", "روانشناسی می|شود"),
    ],
)
def test_resplit_only_in_text_that_deletes_half_spaces(
    text: str, restored: str
) -> None:
    assert restorer(resplit=RESPLIT).restore(z(text)) == z(restored)


@pytest.mark.parametrize(
    ("spaced", "gold"),
    [("خورده اند", "خورده|اند"), ("خورده ای", "خورده|ای"), ("خورده ایم", "خورده|ایم")],
)
def test_participle_clitic_joins_even_if_joined_form_is_a_word(
    spaced: str, gold: str
) -> None:
    words = frozenset(("خوردهاند", "خوردهای", "خوردهایم"))
    lexicon = Lexicon(
        {}, frozenset(), words, verb_forms([], ["خورد"]), frozenset(), frozenset()
    )
    assert Restorer(lexicon).restore(spaced) == z(gold)


def test_boundary_labels_count_spaces_and_half_spaces() -> None:
    labels = boundary_labels([z("پیش|نیاز و پیش نیاز"), z("کتاب|ها")])
    assert labels[z("پیش|نیاز"), True] == 1
    assert labels[z("پیش|نیاز"), False] == 1
    assert labels[z("کتاب|ها"), True] == 1


def test_word_labels_count_half_spaced_and_joined_spellings() -> None:
    form = z("روان|شناسی")
    labels = word_labels([z("روان|شناسی و روانشناسی و روانشناسی")], [form])
    assert labels == Counter({(form, True): 1, (form, False): 2})


def test_logistic_regression_separates_a_simple_feature() -> None:
    rows = [[1.0, x] for x in (-2.0, -1.0, 1.0, 2.0)]
    beta = fit(rows, [0.0, 0.0, 1.0, 1.0], [1.0] * 4)
    assert predict(beta, [1.0, 3.0]) > 0.8
    assert predict(beta, [1.0, -3.0]) < 0.2


def test_learned_pairs_generalize_from_fars_counts() -> None:
    # Forms Fars writes half-spaced are joined in the training text; the model
    # learns that and accepts an unseen form with the same evidence.
    half = [z("الف|ب"), z("پپ|ت"), z("ثث|ج")]
    spaced = [z("چچ|ح"), z("خخ|د"), z("ذذ|ر")]
    unseen_half, unseen_spaced = z("زز|س"), z("شش|ص")
    fars = Counter(dict.fromkeys([*half, unseen_half], 40))
    fars_pairs = Counter(dict.fromkeys([*spaced, unseen_spaced], 40))
    sources = Sources(
        fars, fars_pairs, {}, {}, frozenset(), frozenset(), frozenset(), frozenset()
    )
    labels = Counter({(f, True): 3 for f in half} | {(f, False): 3 for f in spaced})
    chosen = learned_pairs(
        [*half, *spaced, unseen_half, unseen_spaced], labels, sources
    )
    assert unseen_half in chosen
    assert unseen_spaced not in chosen


def test_plural_or_indefinite_falls_back_to_stem_frequency() -> None:
    words = frozenset(("قص", "قصه", "نشست", "نشسته", "انت", "انته", "انتها"))
    counts = {
        "fars": Counter({"قصه": 50, "قص": 1, "نشست": 90, "نشسته": 5}),
        "hazm": {},
        "shekar": {},
    }
    settled = plural_or_indefinite(words, counts, ["نشست"])
    assert settled["قصهای"] == z("قصه|ای")
    assert settled["نشستهایم"] == z("نشسته|ایم")  # a participle takes the clitic
    assert "انتهای" not in settled  # «انتها» + «ی», a known word


def test_plural_or_indefinite_after_a_letter_that_does_not_join() -> None:
    words = frozenset(("زند", "زنده", "دختر", "دختره"))
    counts = {
        "fars": Counter({"زنده": 40, "زند": 2, "دختر": 60, "دختره": 1}),
        "hazm": {},
        "shekar": {},
    }
    settled = plural_or_indefinite(words, counts)
    assert settled["زندهای"] == z("زنده|ای")
    assert "دخترهای" not in settled  # the plural has no half-space


def test_compound_heads_are_mostly_half_spaced() -> None:
    forms = [z(f"{a}|نویس") for a in ("سیره", "نامه", "فیلمنامه", "داستان", "خوش")]
    forms += [z(f"{a}|گاه") for a in ("سیره", "نامه", "فیلمنامه", "داستان", "خوش")]
    attested = ["سیره", "نامه", "داستان", "خوش", "گاه", "نویس", "خوشگاه", "نامهگاه"]
    attested += ["داستانگاه", "سیرهگاه"]
    heads = compound_heads(forms, attested, frozenset())
    assert "نویس" in heads
    assert "گاه" not in heads  # written joined after known words too


def test_bound_heads_are_no_words_on_their_own() -> None:
    firsts = ("سیره", "نامه", "فیلمنامه", "داستان", "خوش")
    forms = {z(f"{a}|{b}") for a in firsts for b in ("نویس", "زنان", "دستی", "گاه")}
    # Fars writes «X زنان» apart outside any compound; «دستی» is «دست» + «ی».
    fars_pairs = Counter({z("حقوق|زنان"): 9, z("سیره|نویس"): 1, z("صنایع|دستی"): 1})
    hazm = {"گاه": 500}  # a word of its own
    words = frozenset(("دست", "نویس", "زنان", "گاه", "دستی"))
    bound = bound_heads(forms, fars_pairs, hazm, frozenset(), words)
    assert bound == {"نویس"}


def test_learned_sections_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "t.gz"
    write_table(path, {"learned": [z("پیش|نیاز")], "resplit": [z("روان|شناسی")]})
    lexicon = lexicon_from_sections(read_sections(path.read_bytes()))
    assert lexicon.learned == {"پیشنیاز": z("پیش|نیاز")}
    assert lexicon.resplit == {"روانشناسی": z("روان|شناسی")}


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("سرکوبشده", "سرکوب|شده"),
        ("وحشتزده", "وحشت|زده"),
        ("خاکخورده", "خاک|خورده"),
        # A spaced participle may be a passive verb: kept apart.
        ("انجام شده است", "انجام شده است"),
        # Known words that end like a participle are kept.
        ("گسترده", "گسترده"),
        ("برگزیده", "برگزیده"),
    ],
)
def test_light_verb_participle_is_split_off_a_joined_word(
    text: str, restored: str
) -> None:
    from khabar.text.normalizer import restore_zwnj

    assert restore_zwnj(text) == z(restored)
