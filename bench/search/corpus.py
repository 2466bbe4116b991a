"""Corpus side of the search benchmark: Fars articles, synthetic articles, queries.

No Django here. The Fars articles are read from ``shared/data/news`` (never
copied into the repository); the synthetic articles recombine their sentences,
headline words and tags with the demo articles written for Khabar
(``khabar/core/demo/articles.json``), so term frequencies stay those of real
Persian news while every synthetic article is a new text.
"""

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from khabar.text import search_tokens

ZWNJ = "\u200c"
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")
_QUERY_WORD = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
# Readers do not search for a bare function word: a span may not start or end with one.
FUNCTION_WORDS = set(
    "از در به با که و را این آن برای تا یا های ها است شد می بر هم نیز هر یک چه اما اگر "
    "وی او ما شده بود کرد شود باید خود همه پس بین دو سه پیش ای".split()
)
DEMO = Path(__file__).resolve().parents[2] / "src/khabar/core/demo/articles.json"


@dataclass
class Synthetic:
    """A generated article: display text and its index terms (pre-folded)."""

    title: str
    lead: str
    paragraphs: list[str]
    tags: list[str]
    category: str
    terms: dict[str, str] = field(default_factory=dict)


def load_fars(path: Path) -> list[dict]:
    """Return the Fars articles, one dict each (see shared/data/SOURCES.md)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if 4 <= len(s.split()) <= 60]


def _terms(keys: list[str]) -> str:
    """The index text of a key list, as ``documents.document_terms`` builds it."""
    pairs = [a + b for a, b in zip(keys, keys[1:], strict=False)]
    return " ".join(keys + pairs)


class Generator:
    """Recombine Fars and demo text into new articles, with cached folded keys.

    ``document_terms`` folds every word through the half-space restorer
    (~175 k words/s); at 100 k articles that alone would take minutes, so the
    keys of each source sentence are computed once and concatenated. The
    result equals ``document_terms`` of the joined text except where the
    restorer would join two words across a sentence boundary.
    """

    def __init__(self, fars: list[dict], seed: int = 1404):
        self.random = random.Random(seed)
        demo = json.loads(DEMO.read_text(encoding="utf-8"))["articles"]
        self.sentences: list[str] = []
        self.leads: list[str] = []
        self.titles: list[str] = []
        self.tags: list[str] = []
        self.categories: list[str] = []
        self.paragraph_counts: list[int] = []
        for article in fars:
            self.sentences += _sentences(article["body"])
            self.leads.append(article["lead"] or article["title"])
            self.titles.append(article["title"])
            self.tags += article["tags"]
            self.categories.append(article["category"])
            self.paragraph_counts.append(max(1, len(_sentences(article["body"]))))
        for article in demo:
            for paragraph in article["paragraphs"]:
                self.sentences += _sentences(paragraph)
            self.leads.append(article["lead"])
            self.titles.append(article["title"])
            self.tags += article["tags"]
        self.title_words = [
            w for t in self.titles for w in t.split() if _QUERY_WORD.search(w)
        ]
        self._keys: dict[str, list[str]] = {}

    def keys(self, text: str) -> list[str]:
        """Return (and cache) ``search_tokens(text)``."""
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = search_tokens(text)
        return found

    def headline(self) -> str:
        """A new headline: a real one with ~40 % of its words swapped."""
        words = self.random.choice(self.titles).split()
        return " ".join(
            self.random.choice(self.title_words) if self.random.random() < 0.4 else word
            for word in words
        )

    def article(self) -> Synthetic:
        """Return one synthetic article with its index terms."""
        pick = self.random.choice
        count = min(16, pick(self.paragraph_counts))
        body = [pick(self.sentences) for _ in range(count)]
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        tags = self.random.sample(
            self.tags, k=min(len(self.tags), pick((0, 0, 1, 2, 3, 4)))
        )
        title, lead = self.headline(), pick(self.leads)
        body_keys = [key for sentence in body for key in self.keys(sentence)]
        tag_keys = [key for tag in tags for key in self.keys(tag)]
        return Synthetic(
            title=title,
            lead=lead,
            paragraphs=paragraphs,
            tags=tags,
            category=pick(self.categories),
            terms={
                "title": _terms(search_tokens(title)),
                "tags": _terms(tag_keys),
                "lead": _terms(self.keys(lead)),
                "body": _terms(body_keys),
            },
        )


def latency_queries(
    fars: list[dict], generated: list[str], count: int, seed: int
) -> list[tuple[str, str]]:
    """Return ``count`` (kind, query) pairs: 80 % 1–4-word spans, 20 % headlines.

    Spans are cut from Fars headlines, leads and body sentences as written
    (mixed ی/ي, half-spaces and spaces), never a bare number (that is a
    news-code lookup) and never a span that starts or ends with a function word
    (a reader types «تحریم نفت», not «در»). Half the headlines are Fars ones,
    half generated ones.
    """
    rng = random.Random(seed)
    sources = [a["title"] for a in fars] + [a["lead"] for a in fars if a["lead"]]
    sources += [s for a in rng.sample(fars, 300) for s in _sentences(a["body"])]
    queries: list[tuple[str, str]] = []
    spans = int(count * 0.8)
    while len(queries) < spans:
        words = _QUERY_WORD.findall(rng.choice(sources))
        n = rng.randint(1, 4)
        if len(words) < n:
            continue
        start = rng.randrange(len(words) - n + 1)
        span = words[start : start + n]
        ends = {w.replace("ي", "ی").replace("ك", "ک") for w in (span[0], span[-1])}
        if all(w.isdigit() for w in span) or ends & FUNCTION_WORDS:
            continue
        queries.append((f"{n}w", " ".join(span)))
    while len(queries) < count:
        pool = (
            generated
            if (len(queries) % 2 and generated)
            else [a["title"] for a in fars]
        )
        queries.append(("headline", rng.choice(pool)))
    rng.shuffle(queries)
    return queries


def variants(published: str, source: str) -> dict[str, str]:
    """The known-item query variants of one headline.

    ``published`` is the headline as the site shows it (normalized on import);
    ``source`` is the Fars original. b–e damage the published headline.
    """
    return {
        "a. as published": published,
        "a2. Fars original": source,
        "b. ZWNJ deleted": published.replace(ZWNJ, ""),
        "c. ZWNJ as space": published.replace(ZWNJ, " "),
        "d. Arabic ي/ك": published.replace("ی", "ي").replace("ک", "ك"),
        "e. Latin digits": published.translate(
            {ord(d): str(i) for i, d in enumerate(PERSIAN_DIGITS)}
        ),
    }
