"""Run persian-text-guard on texts read as JSON from stdin (bench venv only).

Input: ``{"list": "default"|"full", "texts": [...]}``; output: a JSON list of
booleans (profanity found) in the same order.
"""

import json
import sys

from persian_text_guard import ProfanityFilter, WordList


def main() -> int:
    """Flag each text with the chosen word list and print the flags."""
    request = json.load(sys.stdin)
    words = (
        WordList.persian_default() if request["list"] == "default" else WordList.all()
    )
    guard = ProfanityFilter(words)
    json.dump([guard.contains_profanity(text) for text in request["texts"]], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
