"""Suggest tags for an article: people, organisations, places and topics.

Candidates, each scored by where it appears (headline 3, lead 2, body 1):

* tags the site already uses, found in the text — preferred, as editors
  keep a tag vocabulary;
* people after a title («سرلشکر باقری»), with the title stripped and the
  name completed from a fuller mention in the same text («محمد باقری»);
* names from the gazetteer: provinces, cities, countries, organisations and
  news topics.

Everything is matched on ``khabar.text`` search keys, so spelling variants
(half-spaces, Arabic letters) meet.
"""

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from khabar.text import normalize, search_tokens

from .gazetteer import CITIES, COUNTRIES, ORGANISATIONS, PROVINCES, TITLES, TOPICS

FIELD_WEIGHTS = {"title": 3.0, "lead": 2.0, "body": 1.0}
EXISTING_BONUS = 1.5
MAX_NAME_WORDS = 3
MAX_GRAM = 4
PUNCTUATION = "«»\"'،,.:؛!؟?()[]"
# Words that end a person's name after a title.
NAME_STOPS = frozenset(
    search_tokens(
        "و در با از به که را این آن گفت کرد افزود رئیس وزیر فرمانده معاون "
        "نماینده سخنگوی دبیر عضو است بود شد هم نیز برای خاطرنشان تصریح اظهار "
        "اعلام تاکید بیان اشاره ابراز درباره امروز دیروز صبح عصر شب روز ضمن "
        "پیش پس طی"
    )
)


@dataclass(frozen=True)
class Suggestion:
    """A suggested tag, its kind, its score and whether the site already has it."""

    name: str
    kind: str
    score: float
    existing: bool = False


def spellings(keys: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Return ``keys`` with every choice of neighbours written joined («ستادکل»)."""
    variants = set()
    for joins in product((False, True), repeat=max(len(keys) - 1, 0)):
        words = [keys[0]] if keys else []
        for key, joined in zip(keys[1:], joins, strict=True):
            if joined:
                words[-1] += key
            else:
                words.append(key)
        variants.add(tuple(words))
    return variants


def name_table(names: dict[str, str]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Map every spelling of each name's keys to (name, kind)."""
    table = {}
    for name, kind in names.items():
        keys = tuple(search_tokens(name))
        if not keys or len(keys) > MAX_GRAM:
            continue  # longer names cannot match an n-gram of the text
        for variant in spellings(keys):
            table.setdefault(variant, (normalize(name), kind))
    return table


@cache
def _gazetteer() -> dict[tuple[str, ...], tuple[str, str]]:
    """Map the keys of every gazetteer name, in any spelling, to (name, kind)."""
    names = {}
    for kind, group in (
        ("place", PROVINCES + CITIES + COUNTRIES),
        ("organisation", ORGANISATIONS),
        ("topic", TOPICS),
    ):
        names.update(dict.fromkeys(group, kind))
    return name_table(names)


@cache
def _titles() -> frozenset[str]:
    return frozenset(key for title in TITLES for key in search_tokens(title))


@lru_cache(maxsize=4)
def _existing_table(names: tuple[str, ...]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Map every spelling of the site's tags (kept for the last few vocabularies)."""
    return name_table(dict.fromkeys(names, "existing"))


def _ngrams(keys: list[str], size: int):
    for start in range(len(keys) - size + 1):
        yield start, tuple(keys[start : start + size])


def _people(words: list[str], keys: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """Return each mention of a person after a title: (name keys, display name)."""
    titles, found = _titles(), []
    for index, key in enumerate(keys):
        if key not in titles:
            continue
        end = index + 1
        while end < len(keys) and end - index <= MAX_NAME_WORDS:
            if keys[end] in NAME_STOPS or keys[end] in titles:
                break
            end += 1
        if end > index + 1:
            name = " ".join(word.strip(PUNCTUATION) for word in words[index + 1 : end])
            found.append((tuple(keys[index + 1 : end]), name))
    return found


def _complete(
    name: tuple[str, ...], people: dict[tuple[str, ...], str]
) -> tuple[str, ...]:
    """Return the longest name in the text that ends with ``name`` («محمد باقری»)."""
    longer = [
        other
        for other in people
        if len(other) > len(name) and other[-len(name) :] == name
    ]
    return max(longer, key=len) if longer else name


def tags_suggest(
    *, parts: dict[str, str], existing: dict[str, str], limit: int = 8
) -> list[Suggestion]:
    """Return ranked tag suggestions for an article's text ``parts``.

    ``parts`` holds ``title``, ``lead`` and ``body`` as plain text;
    ``existing`` maps the id (or any key) of each tag the site has to its name.
    """
    scores: dict[str, float] = {}
    kinds: dict[str, str] = {}
    existing_keys = {
        gram: (name, "existing")
        for gram, (name, _kind) in name_table(
            dict.fromkeys(existing.values(), "existing")
        ).items()
    }
    gazetteer = _gazetteer()
    people: dict[tuple[str, ...], str] = {}
    for field, weight in FIELD_WEIGHTS.items():
        words = normalize(parts.get(field, "")).split()
        keys = [" ".join(search_tokens(word)) for word in words]
        for name_keys, display in _people(words, keys):
            people[name_keys] = display
            scores[display] = scores.get(display, 0.0) + weight
            kinds.setdefault(display, "person")
        for size in range(MAX_GRAM, 0, -1):
            for _start, gram in _ngrams(keys, size):
                for table in (existing_keys, gazetteer):
                    if gram in table:
                        name, kind = table[gram]
                        scores[name] = scores.get(name, 0.0) + weight
                        kinds.setdefault(name, kind)
    for name, display in people.items():
        full = _complete(name, people)
        if full != name and display in scores:
            scores[people[full]] = scores.get(people[full], 0.0) + scores.pop(display)
            kinds[people[full]] = "person"
    existing_names = set(existing.values())
    ranked = sorted(
        (
            Suggestion(
                name,
                kinds[name],
                round(score * (EXISTING_BONUS if name in existing_names else 1.0), 2),
                name in existing_names,
            )
            for name, score in scores.items()
        ),
        key=lambda suggestion: (-suggestion.score, suggestion.name),
    )
    return ranked[:limit]


def site_tags() -> dict[int, str]:
    """Return the site's tags, id → name (the vocabulary suggestions prefer)."""
    from taggit.models import Tag

    return dict(Tag.objects.values_list("pk", "name")[:20_000])
