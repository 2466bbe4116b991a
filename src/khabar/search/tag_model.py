"""Learn how a site's editors tag from its own tagged articles.

A tag suggester that only finds names in the text proposes many that editors
never use. This module learns, from the articles a site has already tagged,
which phrases of an article editors turn into tags:

* :func:`article_phrases` lists the candidate phrases of an article (runs of
  one to four words between punctuation, not starting or ending with a
  function word), where each occurs (headline, lead, body) and how often;
* :class:`TagHistory` counts, over the site's tagged articles, how many
  articles mention each phrase, how many are tagged with it, and how many
  both mention it and are tagged with it — its *keyphraseness*;
* :class:`TagModel` is a logistic regression over a candidate's features
  (where and how often it occurs, its length, whether it is a tag the site
  uses, its keyphraseness, how common it is), fitted on the history with
  each article's own counts left out, so it learns what the site's editors
  do, not what it was told.

Pure Python: 400 articles fit in about ten seconds; the site's model is
fitted and cached by ``tagging.site_tag_model`` (``khabar tagmodel``). Used
on a site, the model learns from that site's own articles; nothing learned
from any data set ships with it.
"""

import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from khabar.text import normalize, search_tokens

MAX_WORDS = 4
MIN_ARTICLES = 30  # tagged articles needed before a site's model is trusted
FIELDS = ("title", "lead", "body")
# Characters that end a phrase: no tag crosses them.
_BREAK_RE = re.compile(r"[\n\r\t.،,؛;:!؟?«»\"'“”()\[\]{}/\\|+*=<>…–—_-]+")

# Persian function words and the commonest verbs of news prose: a phrase
# neither starts nor ends with one (written for Khabar, common knowledge).
STOPWORDS = """
        و یا در به از با برای که را تا بر این آن اینکه آنکه هم نیز هر همه
        همین همان چه چون اگر اما ولی پس پیش بعد قبل بین میان روی زیر سوی
        طی ضمن توسط درباره بدون جز غیر مانند مثل نزد حتی فقط تنها دیگر دیگری
        یک دو سه چند چندین برخی بسیاری بیش بیشتر کم کمتر خیلی بسیار
        او وی ما من تو شما آنها ایشان اینها خود خویش خودش
        است هست نیست بود بودند باشد باشند شد شده شود شوند شدن شدند می‌شود
        می‌شوند کرد کرده کند کنند کردن کردند می‌کند می‌کنند کنیم کرده‌اند
        داد داده دهد دهند می‌دهد داشت داشته دارد دارند داریم
        گفت گفته گوید افزود خواهد خواهند باید نباید می‌تواند توان
        اظهار تصریح تاکید بیان اشاره اعلام عنوان خاطرنشان ادامه گزارش
        امروز دیروز فردا امسال پارسال اکنون هنوز همچنین اینجا آنجا
        صبح ظهر عصر شب روز هفته ماه سال گذشته جاری آینده
        ای ی ها های ان
"""


@cache
def stop_keys() -> frozenset[str]:
    """Return the search keys of :data:`STOPWORDS`."""
    return frozenset(search_tokens(STOPWORDS))


@dataclass
class Phrase:
    """One candidate phrase of an article: where and how often it occurs."""

    key: str  # search key: folded tokens joined by spaces
    display: str  # the words as first written
    words: int
    title: int = 0
    lead: int = 0
    body: int = 0
    first: float = 1.0  # position of the first mention, 0 = headline start
    opening: bool = False  # in the body's first clause («به گزارش … از تبریز»)
    inside: float = 0.0  # largest share of its mentions inside a longer phrase
    titled: bool = False  # follows a title («سردار», «دکتر»): a person's name


def compact(key: str) -> str:
    """Return ``key`` without spaces, so «ستاد کل» and «ستادکل» meet."""
    return key.replace(" ", "")


@lru_cache(maxsize=65_536)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(search_tokens(word))


def _segments(text: str) -> list[list[tuple[str, str]]]:
    """Split ``text`` into runs of (token, surface word) between punctuation."""
    runs = []
    for chunk in _BREAK_RE.split(text):
        run = []
        for word in chunk.split():
            tokens = _word_tokens(word)
            for index, token in enumerate(tokens):
                run.append((token, word if index == 0 else ""))
        if run:
            runs.append(run)
    return runs


def _good_edge(token: str, stops: frozenset[str]) -> bool:
    return token not in stops and len(token) > 1 and not token.isdigit()


def article_phrases(
    parts: Mapping[str, str],
    max_words: int = MAX_WORDS,
    titles: frozenset[str] = frozenset(),
) -> dict[str, Phrase]:
    """Return the candidate phrases of an article by compact key."""
    found: dict[str, Phrase] = {}
    stops = stop_keys()
    lengths = {name: len((parts.get(name) or "").split()) for name in FIELDS}
    total = max(sum(lengths.values()), 1)
    offset = 0
    for name in FIELDS:
        position = offset
        for run in _segments(parts.get(name) or ""):
            tokens = [token for token, _word in run]
            for start in range(len(tokens)):
                if not _good_edge(tokens[start], stops):
                    continue
                for size in range(1, min(max_words, len(tokens) - start) + 1):
                    last = tokens[start + size - 1]
                    if not _good_edge(last, stops):
                        continue
                    key = " ".join(tokens[start : start + size])
                    ckey = compact(key)
                    phrase = found.get(ckey)
                    if phrase is None:
                        display = " ".join(
                            word for _t, word in run[start : start + size] if word
                        )
                        phrase = found[ckey] = Phrase(
                            key, display, size, first=min(position / total, 1.0)
                        )
                    setattr(phrase, name, getattr(phrase, name) + 1)
                    if start and tokens[start - 1] in titles:
                        phrase.titled = True
                    if name == "body" and position == offset:
                        phrase.opening = True
            position += len(run)
        offset += lengths[name]
    _mark_inside(found)
    return found


def _mark_inside(found: dict[str, Phrase]) -> None:
    """Set each phrase's share of mentions that sit inside a longer phrase."""
    for phrase in found.values():
        if phrase.words < 2:
            continue
        tokens = phrase.key.split()
        total = phrase.title + phrase.lead + phrase.body
        for size in range(1, phrase.words):
            for start in range(phrase.words - size + 1):
                inner = found.get("".join(tokens[start : start + size]))
                if inner is not None:
                    share = total / max(inner.title + inner.lead + inner.body, 1)
                    inner.inside = max(inner.inside, min(share, 1.0))


@dataclass
class TagHistory:
    """Counts over a site's articles, by compact key.

    ``documents`` and ``df`` count every article of the archive (tagged or
    not); the other counters count the tagged ones only.
    """

    articles: int = 0
    documents: int = 0
    df: Counter = field(default_factory=Counter)  # archive articles with the phrase
    mentioned: Counter = field(default_factory=Counter)  # tagged ones with it
    assigned: Counter = field(default_factory=Counter)  # articles with the tag
    kept: Counter = field(default_factory=Counter)  # both
    names: dict[str, str] = field(default_factory=dict)  # key → tag as written

    def add_text(self, phrases: Mapping[str, Phrase]) -> None:
        """Count an article of the archive, tagged or not, for ``df``."""
        self.documents += 1
        self.df.update(phrases.keys())

    def add(self, phrases: Mapping[str, Phrase], tags: Iterable[str]) -> set[str]:
        """Count a tagged article; return the compact keys of its tags."""
        keys = {}
        for tag in tags:
            key = compact(" ".join(search_tokens(tag)))
            if key:
                keys.setdefault(key, normalize(tag))
        self.articles += 1
        self.mentioned.update(phrases.keys())
        self.assigned.update(keys.keys())
        self.kept.update(key for key in keys if key in phrases)
        for key, name in keys.items():
            self.names.setdefault(key, name)
        return set(keys)

    def prune(self) -> None:
        """Forget phrases seen once and never used as a tag (keeps models small)."""
        for counter in (self.df, self.mentioned):
            for key in [k for k, n in counter.items() if n < 2]:
                if key not in self.assigned:
                    del counter[key]


FEATURES = (
    "bias",
    "in_title",
    "in_lead",
    "body_log",
    "first",
    "opening",
    "inside",
    "one_word",
    "two_words",
    "known_tag",
    "assigned_log",
    "keyphraseness",
    "mentioned_log",
    "never_kept",
    "idf",
    "tf_share",
    "fields",
    "titled",
    "edge_keyphraseness",
    "place",
    "organisation",
    "topic",
)
KINDS = ("place", "organisation", "topic")


def features(
    phrase: Phrase,
    history: TagHistory,
    *,
    kind: str = "",
    most: int = 1,
    own_tags: set[str] | None = None,
) -> list[float]:
    """Return the feature vector of ``phrase`` (named in :data:`FEATURES`).

    ``most`` is the mention count of the article's most mentioned phrase.
    ``own_tags`` is given when the article is itself counted in ``history``
    (while fitting): its own mentions and tags are then left out, so the
    model never learns from an article's own answer.
    """
    counts = _counts(compact(phrase.key), history, own_tags)
    df, mentioned, assigned, kept = counts
    documents = max(history.documents - (own_tags is not None), 0)
    edge = 0.0
    if phrase.words > 1:
        for token in {phrase.key.split()[0], phrase.key.split()[-1]}:
            _df, seen, _assigned, used = _counts(token, history, own_tags)
            edge = max(edge, (used + 0.05) / (seen + 1.0))
    return [
        1.0,
        float(phrase.title > 0),
        float(phrase.lead > 0),
        math.log1p(phrase.body),
        phrase.first,
        float(phrase.opening),
        phrase.inside,
        float(phrase.words == 1),
        float(phrase.words == 2),
        float(assigned > 0),
        math.log1p(assigned),
        (kept + 0.05) / (mentioned + 1.0),
        math.log1p(mentioned),
        float(mentioned >= 3 and kept == 0),
        math.log((documents + 1.0) / (df + 1.0)),
        (phrase.title + phrase.lead + phrase.body) / max(most, 1),
        float(phrase.title > 0) + float(phrase.lead > 0) + float(phrase.body > 0),
        float(phrase.titled),
        edge,
    ] + [float(kind == name) for name in KINDS]


def _counts(
    key: str, history: TagHistory, own_tags: set[str] | None
) -> tuple[int, int, int, int]:
    """Return (df, mentioned, assigned, kept) of ``key``, less the article's own."""
    counts = [
        history.df.get(key, 0),
        history.mentioned.get(key, 0),
        history.assigned.get(key, 0),
        history.kept.get(key, 0),
    ]
    if own_tags is not None:
        tagged = int(key in own_tags)
        own = (1, 1, tagged, tagged)  # the phrase is in the article by definition
        counts = [count - mine for count, mine in zip(counts, own, strict=True)]
    return tuple(max(count, 0) for count in counts)


def is_candidate(phrase: Phrase, history: TagHistory, own_assigned: int = 0) -> bool:
    """Return whether ``phrase`` is worth scoring: prominent, repeated or a tag."""
    if phrase.title or phrase.lead or phrase.body >= 2:
        return True
    if phrase.titled or phrase.opening:
        return True
    return history.assigned.get(compact(phrase.key), 0) - own_assigned > 0


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def fit_logistic(
    rows: list[list[float]],
    labels: list[int],
    *,
    epochs: int = 6,
    rate: float = 0.02,
    l2: float = 1e-4,
    seed: int = 0,
) -> list[float]:
    """Fit logistic regression weights by averaged stochastic gradient descent.

    Rows should be standardized. The weights returned are the average of the
    iterates of the second half of the epochs, which is far steadier than
    the last iterate.
    """
    if not rows:
        return []
    weights = [0.0] * len(rows[0])
    average = [0.0] * len(rows[0])
    averaged = 0
    order = list(range(len(rows)))
    rng = random.Random(seed)  # noqa: S311 (shuffles training rows)
    for epoch in range(epochs):
        rng.shuffle(order)
        tail = epoch >= epochs // 2
        for step, index in enumerate(order):
            row = rows[index]
            z = sum(w * x for w, x in zip(weights, row, strict=True))
            error = _sigmoid(z) - labels[index]
            weights = [
                w - rate * (error * x + l2 * w)
                for w, x in zip(weights, row, strict=True)
            ]
            if tail and step % 8 == 0:
                averaged += 1
                average = [a + w for a, w in zip(average, weights, strict=True)]
    return [value / max(averaged, 1) for value in average]


def _scaling(rows: list[list[float]]) -> tuple[list[float], list[float]]:
    """Return each column's mean and spread (the bias column is left alone)."""
    count = max(len(rows), 1)
    means = [sum(column) / count for column in zip(*rows, strict=True)]
    spreads = [
        math.sqrt(sum((x - mean) ** 2 for x in column) / count) or 1.0
        for column, mean in zip(zip(*rows, strict=True), means, strict=True)
    ]
    means[0], spreads[0] = 0.0, 1.0
    return means, spreads


@dataclass
class TagModel:
    """A fitted tag model: the site's counts and the ranker's weights."""

    history: TagHistory
    weights: list[float]
    means: list[float]
    spreads: list[float]

    def probability(self, phrase: Phrase, *, kind: str = "", most: int = 1) -> float:
        """Return the chance that an editor tags the article with ``phrase``."""
        row = features(phrase, self.history, kind=kind, most=most)
        z = sum(
            w * (x - mean) / spread
            for w, x, mean, spread in zip(
                self.weights, row, self.means, self.spreads, strict=True
            )
        )
        return _sigmoid(z)

    def is_candidate(self, phrase: Phrase) -> bool:
        return is_candidate(phrase, self.history)


def most_mentions(phrases: Mapping[str, Phrase]) -> int:
    """Return the mentions of the article's most mentioned phrase."""
    return max(
        (phrase.title + phrase.lead + phrase.body for phrase in phrases.values()),
        default=1,
    )


def tag_model_train(
    articles: Iterable[tuple[Mapping[str, str], Iterable[str]]],
    *,
    archive: Iterable[Mapping[str, str]] = (),
    kind_of: Callable[[str], str] = lambda key: "",
    titles: frozenset[str] = frozenset(),
    min_articles: int = MIN_ARTICLES,
) -> TagModel | None:
    """Fit a tag model on a site's tagged ``articles`` (text parts, tag names).

    ``archive`` adds untagged articles to the phrase counts; ``kind_of`` maps
    a compact key to its gazetteer kind; ``titles`` are the title keys that
    mark a person's name. Returns ``None`` below ``min_articles`` tagged
    articles: too few to learn from.
    """
    history = TagHistory()
    seen = []
    for parts, tags in articles:
        phrases = article_phrases(parts, titles=titles)
        history.add_text(phrases)
        gold = history.add(phrases, tags)
        if gold:
            seen.append((phrases, gold))
    for parts in archive:
        history.add_text(article_phrases(parts, titles=titles))
    if len(seen) < min_articles:
        return None
    rows, labels = [], []
    for phrases, gold in seen:
        most = most_mentions(phrases)
        for key, phrase in phrases.items():
            tagged = int(key in gold)
            if not is_candidate(phrase, history, own_assigned=tagged):
                continue
            rows.append(
                features(phrase, history, kind=kind_of(key), most=most, own_tags=gold)
            )
            labels.append(tagged)
    if not any(labels):
        return None  # editors' tags never occur in their articles: nothing to rank
    means, spreads = _scaling(rows)
    scaled = [
        [
            (x - mean) / spread
            for x, mean, spread in zip(row, means, spreads, strict=True)
        ]
        for row in rows
    ]
    weights = fit_logistic(scaled, labels)
    history.prune()
    return TagModel(history, weights, means, spreads)
