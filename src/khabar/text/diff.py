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

    Words are runs of non-space characters. A run of changed words that maps
    one to one is reported word by word; otherwise the run is one change, so
    «می شود» → «می‌شود» is one change.
    """
    if before == after:
        return []
    old = list(_TOKEN_RE.finditer(before))
    new = list(_TOKEN_RE.finditer(after))
    matcher = SequenceMatcher(
        None, [m[0] for m in old], [m[0] for m in new], autojunk=False
    )
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:
            pairs = [
                (old[i : i + 1], new[j : j + 1])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
        else:
            pairs = [(old[i1:i2], new[j1:j2])]
        for old_tokens, new_tokens in pairs:
            offset = (
                old_tokens[0].start() if old_tokens else _end_offset(old, i1, before)
            )
            found.append(
                Change(offset, _span(before, old_tokens), _span(after, new_tokens))
            )
    return found


def _end_offset(tokens: list[re.Match[str]], index: int, text: str) -> int:
    """Return where an insertion before ``tokens[index]`` happens in ``text``."""
    return tokens[index].start() if index < len(tokens) else len(text)


def _span(text: str, tokens: list[re.Match[str]]) -> str:
    """Return the text from the first to the last of ``tokens`` ('' if none)."""
    return text[tokens[0].start() : tokens[-1].end()] if tokens else ""
