"""Name the characters the normalizer works on and build its tables once.

Invisible characters are named constants so that code and tests never carry
them raw. Everything here is data: translation tables and character classes
that other modules compile into regexes at import time.
"""

ZWNJ = "\u200c"  # zero-width non-joiner: the Persian half-space
ZWJ = "\u200d"  # zero-width joiner: misused in pasted text
BOM = "\ufeff"
TATWEEL = "\u0640"  # kashida, a stretching glyph
HAMZA_ABOVE = "\u0654"  # the ezafe mark of «هٔ»

BIDI_CONTROLS = (
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Harakat and other marks removed by the ``diacritics`` step; hamza above is
# kept because «هٔ» is a spelling, not a vowel sign.
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0655\u0670"

ARABIC_TO_PERSIAN_LETTERS = {
    "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
    "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE -> HEH + HAMZA ABOVE
    "\u06d5": "\u0647",  # AE -> HEH
}

ARABIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
PERSIAN_DIGITS = "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"

LETTERS_TABLE = str.maketrans(ARABIC_TO_PERSIAN_LETTERS)
ARABIC_DIGITS_TABLE = str.maketrans(ARABIC_DIGITS, PERSIAN_DIGITS)
LATIN_DIGITS_TABLE = str.maketrans("0123456789", PERSIAN_DIGITS)

# Character-class bodies (for use inside [...]) of the Arabic script.
LETTER_CLASS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
)
MARK_CLASS = "\u064b-\u065f\u0670"

# Letters that connect to the letter after them: only after these does a
# half-space change how a word looks.
JOINING_LETTERS = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئ\u064a\u0643\u0649\u06c0")
