"""Curate the insult lexicon from public word lists and our own words.

Build time only. Every candidate is counted on clean news text and on the
Pars-OFF training tweets; words that fire on clean text are dropped or made
mild. Terms of the word lists are kept only where their licence allows
(amirshnll Apache-2.0, shekar MIT, persian-text-guard MIT); the Pars-OFF
keyword list, which states no licence, is not shipped.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from khabar.moderation.engine.lexicon import MILD, STRONG, Lexicon
from khabar.moderation.engine.tokens import fold_word, squeeze

# Words of ordinary news that the public lists carry: names of peoples,
# family words, body and everyday words, and fragments that hit inside words.
NEVER = frozenset(
    "عرب ترک فارس لر رشتی کرد بلوچ افغانی یهودی زن مادر پدر خانم ننه عمه خان"
    " ان انی کس قس بو کرم حشر کلفت خز اسب گوسفند گاوی اسبی سگی حیوانی لخت جنسی"
    " آلت پستان سوراخ مشروب گوشت بازی ماچ بخورش بمال بکن دول داف صیغه عرق"
    " پریود مفت‌خور چرب زالو مغز خبیث جفنگ شغال طلا پرده گی بچه کله سکس"
    " لاشخور خپل کاندومی دکل دله هویج پورنوگرافی خودارضایی بکارت استمناء"
    " شهوانی ارگاسم".split()
) | {"دوست دختر", "دوست پسر", "عرق خور", "صیغه ای", "زن قوه"}

# Our own words: insults that depend on context, held rather than rejected.
OWN_MILD = (
    "احمق نفهم بیشعور بی‌شعور خر الاغ ابله کودن اسکل خنگ عوضی آشغال پلشت"
    " دلقک گمشو بی‌خاصیت بی‌لیاقت"
).split() + ["خفه شو", "گم شو"]
OWN_STRONG = (
    "کثافت بی‌شرف بی‌ناموس حرامزاده حروم‌زاده پدرسوخته لاشی هرزه بی‌غیرت"
    " جاکش کسکش جنده مادرجنده"
).split()
# Finglish: Persian insults typed in Latin letters (our own spellings).
FINGLISH_MILD = (
    "ahmagh ahmaq ahmag khar olagh olaq ulagh nafahm bishoor bishour bishur"
    " oskol eskol avazi avazy ashghal khafesho gamsho"
).split()
FINGLISH_STRONG = (
    "kesafat kesafat kosafat koskesh koskesh kirkhor kir kiri koni kooni kuni"
    " jende jendeh madarjende madarjendeh pedarsag pedarsookhte haramzade"
    " haromzade haroomzade harumzade gooh goh gohkhor lashi bisharaf bisharf"
    " binamoos bighairat kosnanat kosnane kososher kosshe kharkosde jakesh"
).split()


@dataclass(frozen=True, slots=True)
class Counts:
    """Hits of one entry: clean news, clean tweets, offensive tweets."""

    news: int = 0
    clean: int = 0
    offensive: int = 0


def candidates(lists: dict[str, list[str]], mild_terms: set[str]) -> dict[str, float]:
    """Merge the word lists and our own words into ``term -> weight``."""
    terms: dict[str, float] = {}
    never = {_key(word) for word in NEVER}
    for name, words in lists.items():
        for word in words:
            if _key(word) in never or len(_key(word)) < 2:
                continue
            weight = MILD if word in mild_terms else STRONG
            terms[word] = max(terms.get(word, 0.0), weight) if name else weight
    terms.update(dict.fromkeys(OWN_MILD + FINGLISH_MILD, MILD))
    terms.update(dict.fromkeys(OWN_STRONG + FINGLISH_STRONG, STRONG))
    return terms


def _key(term: str) -> str:
    """Return the folded key of a term, parts joined."""
    return "".join(fold_word(part) for part in term.split())


def count_hits(
    lexicon: Lexicon, texts: Iterable[str], field: str, counts: dict[str, Counter]
) -> None:
    """Count, per entry key, the texts in which the lexicon fires."""
    for text in texts:
        for key in {hit.key for hit in lexicon.match(text)}:
            counts[key][field] += 1


def curate(
    terms: dict[str, float],
    news: Iterable[str],
    tweets: Iterable[tuple[str, int]],
) -> tuple[list[tuple[str, float]], dict[str, Counts]]:
    """Drop or soften the entries that fire on clean text; return the rest."""
    lexicon = Lexicon(terms.items())
    counts: dict[str, Counter] = {key: Counter() for key in lexicon.words}
    count_hits(lexicon, news, "news", counts)
    tweets = list(tweets)
    count_hits(lexicon, (t for t, label in tweets if not label), "clean", counts)
    count_hits(lexicon, (t for t, label in tweets if label), "offensive", counts)
    kept, report = [], {}
    for term, weight in sorted(terms.items()):
        joined = "".join(fold_word(part) for part in term.split())
        found = counts.get(joined, Counter())
        if squeeze(joined) != joined:
            found = found + counts.get(squeeze(joined), Counter())
        stats = Counts(found["news"], found["clean"], found["offensive"])
        report[term] = stats
        decided = decide(weight, stats)
        if decided:
            kept.append((term, decided))
    return kept, report


def decide(weight: float, stats: Counts) -> float:
    """Return the weight to ship for an entry, or 0 to drop it."""
    tweets = stats.clean + stats.offensive
    share = stats.offensive / tweets if tweets else 1.0
    if stats.news >= 3 or (stats.clean >= 5 and share < 0.4):
        return 0.0
    if stats.news or (stats.clean >= 3 and share < 0.7):
        return MILD
    return weight
