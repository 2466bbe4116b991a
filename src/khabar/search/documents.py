"""Turn text into the folded terms the index stores and the queries look for.

Every term is a ``khabar.text`` search key, so half-space, space and joined
spellings, Arabic or Persian letters and any digits meet. Documents also
store each pair of neighbouring keys joined («نرم» «افزار» → «نرمافزار»), and
a query term matches its own key or its joins with its neighbours, so a
compound typed apart finds one written together and the other way round.
"""

import re

from khabar.text import search_tokens

MAX_QUERY_TERMS = 32
_TERM = re.compile(r"^\w+$")


def document_terms(text: str) -> str:
    """Return the index text of ``text``: its keys, then its joined neighbour pairs."""
    keys = search_tokens(text)
    pairs = [first + second for first, second in zip(keys, keys[1:], strict=False)]
    return " ".join(keys + pairs)


def query_terms(query: str) -> list[str]:
    """Return the folded keys of a reader's query (at most ``MAX_QUERY_TERMS``)."""
    return [key for key in search_tokens(query) if _TERM.match(key)][:MAX_QUERY_TERMS]


def query_groups(keys: list[str]) -> list[list[str]]:
    """Return, for each query key, the terms that satisfy it: itself or a join."""
    groups = []
    for index, key in enumerate(keys):
        group = [key]
        if index > 0:
            group.append(keys[index - 1] + key)
        if index + 1 < len(keys):
            group.append(key + keys[index + 1])
        groups.append(group)
    return groups
