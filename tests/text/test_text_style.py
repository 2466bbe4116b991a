"""The writer's style for plurals and comparatives: ``modern`` and ``keep``."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import normalize
from khabar.text.style import KEEP, MODERN, check_style

ZWNJ = "\u200c"
# Expected texts write the half-space as «_».


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Joined plurals and comparatives throughout: left as written, and
        # everything else still fixed («میشود»).
        ("کتابها بزرگتر از آن میشود", "کتابها بزرگتر از آن می_شود"),
        ("بزرگترین کتابها نمیتوانند", "بزرگترین کتابها نمی_توانند"),
        ("بزرگترین دانشگاهها نمی_توانند", "بزرگترین دانشگاهها نمی_توانند"),
        # A writer who types half-spaces elsewhere joined «گروهها» on purpose.
        ("گروهها و کتابها بزرگتر از آن می_شود", "گروهها و کتابها بزرگتر از آن می_شود"),
        # With no half-space anywhere, «گروهها» lost its half-space like the
        # others: after a final «ه» only the half-space reads.
        ("گروهها و کتابها میشود", "گروه_ها و کتابها می_شود"),
        # A spaced plural in a joined document is joined the document's way,
        # except after a final «ه».
        ("کتابها و کتاب ها و خانه ها", "کتابها و کتابها و خانه_ها"),
        ("روزنامهها و مجله ها", "روزنامه_ها و مجله_ها"),
        ("روزنامهها و مجله ها در نرم_افزار", "روزنامهها و مجله_ها در نرم_افزار"),
        # The compound's half-space is restored; the plural stays joined.
        ("نرمافزارها و سختافزارهای جدید", "نرم_افزارها و سخت_افزارهای جدید"),
    ],
)
def test_keep_leaves_a_joined_style_alone(text: str, kept: str) -> None:
    text = text.replace("_", ZWNJ)
    assert normalize(text, style=KEEP) == kept.replace("_", ZWNJ)


@pytest.mark.parametrize(
    "text",
    [
        # The writer half-spaces plurals: the joined one is a slip, fixed.
        "کتاب_ها و کتابها میشود".replace("_", ZWNJ),
        # Nothing joined: a spaced plural is half-spaced as in modern.
        "کتاب ها بزرگ تر میشود",
    ],
)
def test_keep_fixes_a_text_that_half_spaces(text: str) -> None:
    assert normalize(text, style=KEEP) == normalize(text, style=MODERN)
    assert f"کتاب{ZWNJ}ها" in normalize(text, style=KEEP)


def test_modern_half_spaces_joined_plurals_and_comparatives() -> None:
    assert normalize("گروهها بزرگتر") == f"گروه{ZWNJ}ها بزرگ{ZWNJ}تر"


def test_a_half_space_after_final_heh_does_not_end_a_joined_style() -> None:
    text = f"کتابها و خانه{ZWNJ}ها"
    assert normalize(text, style=KEEP) == text


def test_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="choose from modern, keep"):
        normalize("کتابها", style="classic")
    assert check_style(KEEP) == KEEP


_WORDS = ["کتابها", "کتاب ها", "خانه ها", "بزرگتر", "بزرگ تر", "میشود", "گروهها", "و"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
def test_keep_is_idempotent(words: list[str]) -> None:
    once = normalize(" ".join(words), style=KEEP)
    assert normalize(once, style=KEEP) == once
