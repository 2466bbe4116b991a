"""Suggest tags for an article: people, organisations, places and topics.

Two rankers, one function (:func:`tags_suggest`):

* **Learned** (pass ``model``, from :func:`site_tag_model` on a site or
  :func:`tags_model_train`): every phrase of the text is a candidate, ranked
  by the chance that the site's editors would tag the article with it, as
  learned from the site's own tagged articles (see ``tag_model``). Scores
  are probabilities (0–1).
* **Names found in the text** (no model: a new site, too little history):
  candidates, each scored by where it appears (headline 3, lead 2, body 1):

  * tags the site already uses, found in the text — preferred, as editors
    keep a tag vocabulary;
  * people after a title («سرلشکر باقری»), with the title stripped and the
    name completed from a fuller mention in the same text («محمد باقری»);
  * names from the gazetteer: provinces, cities, countries, organisations
    and news topics.

Everything is matched on ``khabar.text`` search keys, so spelling variants
(half-spaces, Arabic letters) meet.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from khabar.text import normalize, search_key, search_tokens

from .gazetteer import CITIES, COUNTRIES, ORGANISATIONS, PROVINCES, TITLES, TOPICS
from .tag_model import (
    MIN_ARTICLES,
    TagModel,
    article_phrases,
    compact,
    most_mentions,
    tag_model_train,
)

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
    *,
    parts: dict[str, str],
    existing: dict[str, str],
    limit: int = 8,
    model: TagModel | None = None,
    min_score: float = 0.0,
) -> list[Suggestion]:
    """Return ranked tag suggestions for an article's text ``parts``.

    ``parts`` holds ``title``, ``lead`` and ``body`` as plain text;
    ``existing`` maps the id (or any key) of each tag the site has to its name.
    With a ``model`` (:func:`tags_model_train`, :func:`site_tag_model`) the
    candidates are every phrase of the text, ranked by the chance that the
    site's editors would tag the article with it: ``score`` is that chance
    (0–1) and only suggestions scoring at least ``min_score`` are returned.
    Without one, names found in the text are ranked by where they occur
    (``score`` is a weighted count).
    """
    if model is not None:
        return _learned(parts, existing, limit, model, min_score)
    scores: dict[str, float] = {}
    kinds: dict[str, str] = {}
    existing_keys = _existing_table(tuple(sorted(set(existing.values()))))
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
    return [item for item in ranked if item.score >= min_score][:limit]


@cache
def _compact_gazetteer() -> dict[str, tuple[str, str]]:
    """Map the compact key of every gazetteer name to (name, kind)."""
    return {"".join(keys): entry for keys, entry in _gazetteer().items()}


def _kind_of(key: str) -> str:
    return _compact_gazetteer().get(key, ("", ""))[1]


@lru_cache(maxsize=4)
def _vocabulary(names: tuple[str, ...]) -> dict[str, str]:
    """Map the compact key of each of the site's tags to its name."""
    return {compact(search_key(name)): name for name in names}


def _learned(
    parts: dict[str, str],
    existing: dict[str, str],
    limit: int,
    model: TagModel,
    min_score: float,
) -> list[Suggestion]:
    """Rank every phrase of the text by ``model``; see :func:`tags_suggest`."""
    phrases = article_phrases(parts, titles=_titles())
    vocabulary = _vocabulary(tuple(sorted(set(existing.values()))))
    most = most_mentions(phrases)
    found: dict[str, Suggestion] = {}
    for key, phrase in phrases.items():
        if not model.is_candidate(phrase):
            continue
        kind = _kind_of(key)
        chance = model.probability(phrase, kind=kind, most=most)
        if chance < min_score:
            continue
        name = vocabulary.get(key)
        existing_tag = name is not None
        if existing_tag:
            kind = "existing"
        else:
            name = (
                model.history.names.get(key)
                or _compact_gazetteer().get(key, ("", ""))[0]
                or normalize(phrase.display)
            )
            kind = kind or ("person" if phrase.titled else "topic")
        known = found.get(search_key(name))
        if known is None or known.score < chance:
            found[search_key(name)] = Suggestion(
                name, kind, round(chance, 3), existing_tag
            )
    ranked = sorted(found.values(), key=lambda item: (-item.score, item.name))
    return ranked[:limit]


def tags_model_train(
    articles: Iterable[tuple[Mapping[str, str], Iterable[str]]],
    *,
    archive: Iterable[Mapping[str, str]] = (),
    min_articles: int = MIN_ARTICLES,
) -> TagModel | None:
    """Fit a tag model on tagged ``articles``: (text parts, tag names) pairs.

    ``archive`` adds untagged articles' text to the phrase counts. Returns
    ``None`` below ``min_articles`` tagged articles: too few to learn from.
    """
    return tag_model_train(
        articles,
        archive=archive,
        kind_of=_kind_of,
        titles=_titles(),
        min_articles=min_articles,
    )


def site_tags() -> dict[int, str]:
    """Return the site's tags, id → name (the vocabulary suggestions prefer)."""
    from taggit.models import Tag

    return dict(Tag.objects.values_list("pk", "name")[:20_000])


SITE_MODEL_ARTICLES = 400  # the latest tagged articles a site's model learns from
SITE_MODEL_SECONDS = 6 * 3600
SITE_MODEL_CACHE_KEY = "khabar:search:tag-model:1"


def site_tag_history(limit: int = SITE_MODEL_ARTICLES):
    """Yield (text parts, tag names) of the site's latest tagged live articles."""
    from khabar.newsroom.models import ArticlePage
    from khabar.newsroom.selectors import article_plain_parts

    articles = (
        ArticlePage.objects.published()
        .filter(tags__isnull=False)
        .distinct()
        .prefetch_related("tags")[:limit]
    )
    for article in articles:
        parts = article_plain_parts(article=article)
        names = [tag.name for tag in article.tags.all()]
        yield {name: parts[name] for name in ("title", "lead", "body")}, names


def site_tag_model(
    min_articles: int = MIN_ARTICLES, *, refresh: bool = False
) -> TagModel | None:
    """Return the tag model fitted on the site's own tagged articles.

    Fitted on the latest :data:`SITE_MODEL_ARTICLES` tagged live articles and
    kept in the cache for :data:`SITE_MODEL_SECONDS`; ``None`` while the site
    has too few tagged articles to learn from (the suggester then falls back
    to names found in the text). ``refresh`` fits it again now.
    """
    from django.core.cache import cache

    cached = None if refresh else cache.get(SITE_MODEL_CACHE_KEY)
    if cached is not None:
        return cached or None
    model = tags_model_train(site_tag_history(), min_articles=min_articles)
    # False marks "too few articles" so the empty answer is cached too.
    cache.set(SITE_MODEL_CACHE_KEY, model or False, SITE_MODEL_SECONDS)
    return model
