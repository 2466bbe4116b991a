"""What an import did, item by item: created, updated, skipped or failed, and why.

Every importer (scraped pages, WordPress exports, HTML pages) fills one
``ImportReport``; the ``import`` command prints it and exits non-zero when any
item failed, so an operator sees exactly what to fix and re-run.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

CREATED = "created"
UPDATED = "updated"
SKIPPED = "skipped"
FAILED = "failed"
STATUSES = (CREATED, UPDATED, SKIPPED, FAILED)
# The reason a skipped item gives when it is already imported as it stands.
UNCHANGED = "unchanged"


class ImportFailure(Exception):
    """One item cannot be imported; the reason is shown in the report."""


@dataclass
class ItemOutcome:
    """The outcome of one item (a post, a page file, a URL)."""

    key: str
    status: str
    title: str = ""
    reason: str = ""
    news_code: int | None = None
    url: str = ""
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Every item's outcome, plus notes about the run as a whole."""

    source: str
    items: list[ItemOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: ItemOutcome) -> ItemOutcome:
        """Record one item's outcome and return it."""
        self.items.append(outcome)
        return outcome

    def fail(self, key: str, reason: str, *, title: str = "") -> ItemOutcome:
        """Record that ``key`` failed for ``reason``."""
        return self.add(ItemOutcome(key=key, status=FAILED, title=title, reason=reason))

    def counts(self) -> dict[str, int]:
        """Return how many items ended in each status (every status present)."""
        found = Counter(item.status for item in self.items)
        return {status: found[status] for status in STATUSES}

    @property
    def failed(self) -> list[ItemOutcome]:
        """Return the items that failed."""
        return [item for item in self.items if item.status == FAILED]

    def summary(self) -> str:
        """Return one line of counts, with the reasons items were skipped."""
        counts = self.counts()
        skipped = Counter(i.reason for i in self.items if i.status == SKIPPED)
        parts = [f"{status} {counts[status]}" for status in STATUSES]
        if skipped:
            reasons = ", ".join(f"{why} {n}" for why, n in sorted(skipped.items()))
            parts[2] += f" ({reasons})"
        return ", ".join(parts)


def checksum(data: object) -> str:
    """Return a stable digest of JSON-able ``data`` (what an import last wrote)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
