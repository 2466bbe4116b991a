"""List the word-level changes between a text and its normalized form."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Change:
    """One change: the words ``old`` at ``offset`` in the old text became ``new``."""

    offset: int
    old: str
    new: str


def changes(before: str, after: str) -> list[Change]:
    """Return the word-level changes that turn ``before`` into ``after``.

    Words are runs of non-space characters; neighbouring changed words are
    reported together, so «می شود» → «می‌شود» is one change.
    """
    if before == after:
        return []
    old = list(_TOKEN_RE.finditer(before))
    new = list(_TOKEN_RE.finditer(after))
    matcher = SequenceMatcher(None, [m[0] for m in old], [m[0] for m in new], autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        offset = old[i1].start() if i1 < len(old) else len(before)
        found.append(Change(offset, _span(before, old[i1:i2]), _span(after, new[j1:j2])))
    return found


def _span(text: str, tokens: list[re.Match[str]]) -> str:
    """Return the text from the first to the last of ``tokens`` ('' if none)."""
    return text[tokens[0].start() : tokens[-1].end()] if tokens else ""
