"""Check the database after a run: every acknowledged comment stored exactly once.

Run with DJANGO_SETTINGS_MODULE=settings_bench and bench/http on PYTHONPATH::

    python verify.py ACKS.jsonl MARKER OUT.json

``ACKS.jsonl`` holds one ``{"seq", "status", "text"}`` per acknowledged post;
``MARKER`` is the part of the text every comment of the run carries. Writes
the counts, the SHA-256 over the sorted acknowledged texts and over the sorted
stored ones, and (SQLite) ``PRAGMA integrity_check``.
"""

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from khabar.comments.models import Comment  # noqa: E402
from khabar.moderation.models import LogEntry  # noqa: E402

AUTO = [
    LogEntry.Action.AUTO_PUBLISH,
    LogEntry.Action.AUTO_HOLD,
    LogEntry.Action.AUTO_REJECT,
]


def digest(texts) -> str:
    return hashlib.sha256("\n".join(sorted(texts)).encode()).hexdigest()


def main(acks_path: Path, marker: str, out: Path) -> None:
    acks = [json.loads(line) for line in acks_path.read_text().splitlines() if line]
    acked = {ack["text"]: ack["status"] for ack in acks}
    run = Comment.objects.filter(text__contains=marker)
    rows = list(run.values_list("text", "status", "created_at"))
    per_text = Counter(text for text, _, _ in rows)
    stored_status = {text: status for text, status, _ in rows}
    created = {text: at.timestamp() for text, _, at in rows}
    retried = [ack for ack in acks if ack.get("retry_started")]
    logged = run.annotate(
        auto=Count("moderation_log", filter=Q(moderation_log__action__in=AUTO))
    ).exclude(auto=1)
    report = {
        "acknowledged": len(acked),
        "acknowledged_records": len(acks),
        "stored_rows": len(rows),
        "stored_texts": len(per_text),
        "missing": sum(1 for text in acked if text not in per_text),
        "duplicates": sum(count - 1 for count in per_text.values()),
        "duplicate_texts": [text for text, c in per_text.items() if c > 1][:5],
        "stored_not_acknowledged": sum(1 for text in per_text if text not in acked),
        "stored_by_status": dict(Counter(status for _, status, _ in rows)),
        "retried_acknowledged": len(retried),
        # stored before the acknowledged retry began: an earlier attempt's
        # answer was lost and the retry got the stored comment back
        "retries_deduplicated": sum(
            1
            for ack in retried
            if ack["text"] in created and created[ack["text"]] < ack["retry_started"]
        ),
        "status_mismatch": sum(
            1
            for text, status in acked.items()
            if text in stored_status and stored_status[text] != status
        ),
        "without_one_auto_log": logged.count(),
        "sha256_acknowledged": digest(acked),
        "sha256_stored": digest(per_text),
        "vendor": connection.vendor,
    }
    report["checksums_equal"] = report["sha256_acknowledged"] == report["sha256_stored"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            report["integrity"] = "; ".join(row[0] for row in cursor.fetchall())
            cursor.execute("PRAGMA journal_mode")
            report["journal_mode"] = cursor.fetchone()[0]
    else:
        with connection.cursor() as cursor:
            # PostgreSQL has no integrity pragma; check the btree indexes of
            # the comment and log tables against their heaps (amcheck).
            tables = [Comment._meta.db_table, LogEntry._meta.db_table]
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            except Exception as error:  # noqa: BLE001
                report["integrity"] = f"amcheck unavailable: {error}".strip()
            else:
                cursor.execute(
                    "SELECT count(*) FROM (SELECT bt_index_check(i.indexrelid, true)"
                    " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    " JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree'"
                    " AND i.indrelid = ANY(%s::regclass[])) checked",
                    [tables],
                )
                report["integrity"] = f"amcheck ok ({cursor.fetchone()[0]} indexes)"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
