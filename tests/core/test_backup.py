"""``khabar backup`` / ``khabar restore``: round trips, live copies, refusals.

The round trips run the real commands in subprocesses against a file
database (pytest-django's SQLite test database lives in memory): SQLite under
``KHABAR_VAR_DIR=tmp_path``, PostgreSQL in temporary databases created with
psql. The other tests drive ``khabar.core.backup`` directly with an explicit
``database`` settings dict and ``media_root``.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from khabar.core import backup
from khabar.core.backup import BackupError, backup_create, backup_restore

REPO = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get(
    "KHABAR_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"

# Runs in a subprocess with the environment's database: `seed` (after
# migrating), `mutate` or `snapshot`, then prints what a restore must bring back.
SITE_SCRIPT = r"""
import hashlib, json, sys
from pathlib import Path

import django

django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from khabar.comments.models import Comment
from khabar.newsroom.models import ArticlePage
from tests.conftest import site_tree_ensure
from tests.factories import ArticleFactory, CommentFactory

action = sys.argv[1]
if action == "seed":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    site_tree_ensure()
    first = ArticleFactory(title="بودجه شهر در شورا", slug="budget", tags=["شورا"])
    second = ArticleFactory(
        title="نمایشگاه کتاب تهران", slug="book-fair", service_name="فرهنگی"
    )
    CommentFactory(article=first, text="گزارش خوبی بود.", status=Comment.Status.APPROVED)
    CommentFactory(article=first, text="منبع خبر کجاست؟")
    CommentFactory(article=second, name="نگار", text="کی تمام می‌شود؟")
    default_storage.save("documents/بودجه.txt", ContentFile("سند بودجه ۱۴۰۵".encode()))
    default_storage.save("images/photo.jpg", ContentFile(bytes(range(256)) * 40))
elif action == "mutate":
    article = ArticlePage.objects.get(title="بودجه شهر در شورا")
    ArticlePage.objects.filter(pk=article.pk).update(title="عنوان عوض شد")
    Comment.objects.filter(text="منبع خبر کجاست؟").delete()
    Comment.objects.filter(name="نگار").update(text="متن تازه")
    ArticleFactory(title="خبری که بعد از پشتیبان آمد", slug="after-backup")
    default_storage.delete("documents/بودجه.txt")
    default_storage.save("images/new.jpg", ContentFile(b"after the backup"))

media = Path(settings.MEDIA_ROOT)
print(json.dumps({
    "articles": sorted(
        [a.news_code, a.title, a.live, a.lead]
        for a in ArticlePage.objects.all()
    ),
    "comments": sorted(
        [c.article.news_code, c.name, c.text, c.status]
        for c in Comment.objects.select_related("article")
    ),
    "media": sorted(
        [str(p.relative_to(media)), hashlib.sha256(p.read_bytes()).hexdigest()]
        for p in media.rglob("*") if p.is_file()
    ),
}, ensure_ascii=False))
"""


def _env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        KHABAR_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="khabar.settings.test"
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def khabar(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return _run(env, "-m", "khabar.cli", *args)


def site(env: dict[str, str], action: str) -> dict:
    result = _run(env, "-c", SITE_SCRIPT, action)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _round_trip(env: dict[str, str], var_dir: Path) -> None:
    """Seed, back up, change, restore (refused, then with --yes), compare."""
    before = site(env, "seed")  # migrates first
    assert len(before["articles"]) == 2
    assert len(before["comments"]) == 3
    assert len(before["media"]) == 2

    made = khabar(env, "backup", "--out", str(var_dir / "backups"))
    assert made.returncode == 0, made.stderr
    archives = list((var_dir / "backups").iterdir())
    assert len(archives) == 1  # no temporary leftovers next to it
    archive = archives[0]
    assert archive.name.startswith("khabar-backup-")
    assert archive.name.endswith(".tar.gz")
    assert f"Backup written: {archive}" in made.stdout

    changed = site(env, "mutate")
    assert changed != before

    refused = khabar(env, "restore", str(archive))
    assert refused.returncode != 0
    assert "--yes" in refused.stderr
    assert site(env, "snapshot") == changed  # nothing touched

    restored = khabar(env, "restore", str(archive), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert site(env, "snapshot") == before
    leftovers = [p.name for p in var_dir.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_sqlite_round_trip_through_the_commands(tmp_path):
    env = _env(tmp_path, None)
    _round_trip(env, tmp_path)
    db = tmp_path / "khabar.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


# ---------------------------------------------------------------- PostgreSQL


def _psql(url: str, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
    )


@pytest.fixture
def postgres_database():
    """Yield the URL of a fresh PostgreSQL database, dropped afterwards."""
    missing = [t for t in ("pg_dump", "pg_restore", "psql") if not shutil.which(t)]
    problem = f"{', '.join(missing)} not installed" if missing else ""
    if not problem:
        probe = _psql(POSTGRES_URL, "SELECT 1")
        if probe.returncode:
            problem = f"PostgreSQL not reachable at {POSTGRES_URL}: {probe.stderr}"
    if problem:
        if IN_CI:
            pytest.fail(f"CI=true requires the PostgreSQL backup test: {problem}")
        pytest.skip(problem)
    name = f"khabar_backup_{uuid.uuid4().hex[:12]}"
    created = _psql(POSTGRES_URL, f'CREATE DATABASE "{name}"')
    assert created.returncode == 0, created.stderr
    yield POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    _psql(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_round_trip_through_the_commands(tmp_path, postgres_database):
    env = _env(tmp_path, postgres_database)
    _round_trip(env, tmp_path)
    manifest = json.loads(
        _member_bytes(next((tmp_path / "backups").iterdir()), "manifest.json")
    )
    assert manifest["vendor"] == "postgresql"
    assert manifest["database_file"] == "database.pgdump"


# ---------------------------------------------------------------- helpers


def sqlite_db(path: Path, rows: int = 3) -> dict:
    """Create a small WAL-mode SQLite file; return its Django settings dict."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany(
            "INSERT INTO note (body) VALUES (?)",
            [(f"یادداشت {i}",) for i in range(rows)],
        )
        conn.commit()
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}


def sqlite_rows(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id, body FROM note ORDER BY id").fetchall()


def _member_bytes(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def source(tmp_path):
    """A site to back up: a SQLite file with three rows and two media files."""
    media = tmp_path / "src" / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "a.jpg").write_bytes(b"\xff\xd8 jpeg bytes")
    (media / "documents").mkdir()
    (media / "documents" / "گزارش.txt").write_text("متن", encoding="utf-8")
    database = sqlite_db(tmp_path / "src" / "khabar.sqlite3")
    return {"database": database, "media_root": media}


@pytest.fixture
def target(tmp_path):
    """The site a restore goes into, with data of its own."""
    media = tmp_path / "dst" / "media"
    media.mkdir(parents=True)
    (media / "own.txt").write_text("mine")
    database = sqlite_db(tmp_path / "dst" / "khabar.sqlite3", rows=7)
    return {"database": database, "media_root": media}


def target_state(target: dict) -> tuple:
    return sqlite_rows(target["database"]["NAME"]), tree(target["media_root"])


def assert_untouched(target: dict, state: tuple) -> None:
    assert target_state(target) == state
    for folder in (
        target["media_root"].parent,
        Path(target["database"]["NAME"]).parent,
    ):
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


@pytest.fixture
def archive(tmp_path, source):
    return backup_create(out_dir=tmp_path / "backups", **source)


def craft(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def file_member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


def manifest_for(db: bytes, *, vendor: str = "sqlite", media_files: int = 0) -> bytes:
    return json.dumps(
        {
            "format": "khabar-backup",
            "format_version": 1,
            "khabar_version": "0.1.0",
            "vendor": vendor,
            "created_at": "2026-01-01T00:00:00Z",
            "database_file": backup.DB_MEMBERS[vendor],
            "database_sha256": hashlib.sha256(db).hexdigest(),
            "database_bytes": len(db),
            "media_files": media_files,
        }
    ).encode()


# ---------------------------------------------------------------- backup


def test_backup_archive_holds_manifest_database_and_media(archive, source):
    assert archive.parent.name == "backups"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        db = tar.extractfile("database.sqlite3").read()
    assert names[0] == "manifest.json"
    assert sorted(names[2:]) == ["media/documents/گزارش.txt", "media/images/a.jpg"]
    assert manifest["vendor"] == "sqlite"
    assert manifest["media_files"] == 2
    assert manifest["database_sha256"] == hashlib.sha256(db).hexdigest()
    assert manifest["created_at"].endswith("Z")
    assert sorted(os.listdir(archive.parent)) == [archive.name]


def test_backup_and_restore_into_an_empty_site_needs_no_yes(archive, source, tmp_path):
    fresh = {
        "database": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": tmp_path / "new" / "khabar.sqlite3",
        },
        "media_root": tmp_path / "new" / "media",
    }
    manifest = backup_restore(archive=archive, force=False, **fresh)
    assert manifest.media_files == 2
    assert sqlite_rows(fresh["database"]["NAME"]) == sqlite_rows(
        source["database"]["NAME"]
    )
    assert tree(fresh["media_root"]) == tree(source["media_root"])


def test_restore_replaces_data_only_with_force(archive, source, target):
    state = target_state(target)
    with pytest.raises(BackupError, match="--yes"):
        backup_restore(archive=archive, force=False, **target)
    assert_untouched(target, state)
    wal = Path(f"{target['database']['NAME']}-wal")
    wal.write_bytes(b"stale wal from the old database")
    backup_restore(archive=archive, force=True, **target)
    assert not wal.exists()
    assert sqlite_rows(target["database"]["NAME"]) == sqlite_rows(
        source["database"]["NAME"]
    )
    assert tree(target["media_root"]) == tree(source["media_root"])  # own.txt gone


def test_backup_copy_is_consistent_while_writers_commit(tmp_path):
    """Writes go on in another thread during the copy; the copy is whole."""
    db = tmp_path / "live.sqlite3"
    database = sqlite_db(db, rows=0)
    stop = threading.Event()
    written = []

    def writer():
        with closing(sqlite3.connect(db, timeout=20)) as conn:
            while not stop.is_set():
                conn.execute("INSERT INTO note (body) VALUES (?)", ("x" * 2000,))
                conn.commit()
                written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 300:
            time.sleep(0.01)
        assert Path(f"{db}-wal").exists()  # the source really is in WAL mode
        before = len(written)
        archive = backup_create(
            out_dir=tmp_path / "backups", database=database, media_root=tmp_path / "m"
        )
        during = len(written) - before
    finally:
        stop.set()
        thread.join()
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(_member_bytes(archive, "database.sqlite3"))
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        count, low, high = conn.execute(
            "SELECT count(*), min(id), max(id) FROM note"
        ).fetchone()
    assert before <= count <= len(written)
    assert (low, high) == (1, count)  # a snapshot: every commit up to one point
    assert during >= 0


def test_backup_failure_leaves_no_archive(tmp_path, source, monkeypatch):
    out = tmp_path / "backups"
    real_addfile = tarfile.TarFile.addfile
    calls = []

    def failing_addfile(self, info, fileobj=None):
        calls.append(info.name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_addfile(self, info, fileobj)

    monkeypatch.setattr(tarfile.TarFile, "addfile", failing_addfile)
    with pytest.raises(BackupError, match="No space left"):
        backup_create(out_dir=out, **source)
    assert list(out.iterdir()) == []


def test_backup_of_a_missing_database_fails_clearly(tmp_path):
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "nope.db"}
    with pytest.raises(BackupError, match="no SQLite database"):
        backup_create(out_dir=tmp_path / "b", database=database, media_root=tmp_path)
    assert not (tmp_path / "nope.db").exists()
    assert list((tmp_path / "b").iterdir()) == []


# ---------------------------------------------------------------- refusals


def _truncated(archive: Path) -> bytes:
    return archive.read_bytes()[: archive.stat().st_size // 2]


def _flipped(archive: Path) -> bytes:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncated, "corrupt or truncated"),
        (_flipped, "corrupt or truncated|checksum"),
        (lambda archive: b"just some text, not an archive", "not a readable"),
        (lambda archive: b"", "not a readable"),
    ],
    ids=["truncated", "bit-flip", "not-gzip", "empty"],
)
def test_damaged_archive_is_refused_and_nothing_changes(
    archive, target, tmp_path, damage, message
):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(damage(archive))
    state = target_state(target)
    with pytest.raises(BackupError, match=message):
        backup_restore(archive=broken, force=True, **target)
    assert_untouched(target, state)


def test_database_checksum_mismatch_is_refused(archive, target, tmp_path):
    real_db = _member_bytes(archive, "database.sqlite3")
    forged = craft(
        tmp_path / "forged.tar.gz",
        [
            file_member("manifest.json", manifest_for(real_db)),
            file_member("database.sqlite3", real_db[:-1] + b"\x01"),
        ],
    )
    state = target_state(target)
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(archive=forged, force=True, **target)
    assert_untouched(target, state)


def test_foreign_archive_is_refused(target, tmp_path):
    foreign = craft(
        tmp_path / "photos.tar.gz", [file_member("holiday/beach.jpg", b"jpeg")]
    )
    state = target_state(target)
    with pytest.raises(BackupError, match="not a Khabar backup"):
        backup_restore(archive=foreign, force=True, **target)
    assert_untouched(target, state)


def test_sqlite_archive_is_refused_by_postgresql(archive, tmp_path):
    """Refused before any connection: the host does not even exist."""
    database = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "khabar",
        "HOST": "db.invalid",
    }
    media = tmp_path / "pg" / "media"
    with pytest.raises(BackupError, match="holds a SQLite database.*PostgreSQL"):
        backup_restore(archive=archive, force=True, database=database, media_root=media)
    assert not media.exists()


def test_postgresql_archive_is_refused_by_sqlite(target, tmp_path):
    dump = b"PGDMP pretend custom-format dump"
    pg_archive = craft(
        tmp_path / "pg.tar.gz",
        [
            file_member("manifest.json", manifest_for(dump, vendor="postgresql")),
            file_member("database.pgdump", dump),
        ],
    )
    state = target_state(target)
    with pytest.raises(BackupError, match="holds a PostgreSQL database.*SQLite"):
        backup_restore(archive=pg_archive, force=True, **target)
    assert_untouched(target, state)


def _symlink(name: str, to: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = to
    return info


def _hardlink(name: str, to: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.LNKTYPE
    info.linkname = to
    return info


@pytest.mark.parametrize(
    ("evil", "message"),
    [
        (("media/../../evil.txt", b"pwned"), "unsafe"),
        (("../evil.txt", b"pwned"), "unsafe"),
        (("/tmp/khabar-evil.txt", b"pwned"), "unsafe"),
        (("media/images/../../../evil.txt", b"pwned"), "unsafe"),
        ((_symlink("media/passwd", "/etc/passwd"), None), "not a regular file"),
        ((_hardlink("media/shadow", "/etc/shadow"), None), "not a regular file"),
        (("settings.py", b"SECRET_KEY = 'x'"), "unexpected member"),
    ],
    ids=[
        "dotdot-media",
        "dotdot",
        "absolute",
        "deep-dotdot",
        "symlink",
        "hardlink",
        "stray",
    ],
)
def test_unsafe_member_is_refused_and_nothing_is_written(
    archive, target, tmp_path, evil, message
):
    db = _member_bytes(archive, "database.sqlite3")
    member, data = evil
    if isinstance(member, str):
        member, data = file_member(member, data)
    bad = craft(
        tmp_path / "evil.tar.gz",
        [
            file_member("manifest.json", manifest_for(db, media_files=1)),
            file_member("database.sqlite3", db),
            (member, data),
        ],
    )
    state = target_state(target)
    with pytest.raises(BackupError, match=message):
        backup_restore(archive=bad, force=True, **target)
    assert_untouched(target, state)
    assert not (tmp_path / "evil.txt").exists()
    assert not Path("/tmp/khabar-evil.txt").exists()


def test_restore_command_reports_a_refusal_without_a_traceback(tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    result = khabar(_env(tmp_path, None), "restore", str(broken), "--yes")
    assert result.returncode != 0
    assert "Restore failed:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "khabar.sqlite3").exists()


def test_backup_goes_to_var_dir_backups_by_default(settings, tmp_path, source):
    settings.VAR_DIR = tmp_path / "var"
    made = backup_create(out_dir=None, **source)
    assert made.parent == tmp_path / "var" / "backups"
    again = backup_create(out_dir=None, **source)
    assert again != made  # same second: a new name, never an overwrite
    assert made.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format_version": 2}, "format version 2"),
        ({"format": "other-tool"}, "not a Khabar backup"),
        ({"vendor": "mysql"}, "unknown database"),
        ({"media_files": -1}, "malformed"),
    ],
)
def test_unreadable_manifest_is_refused(archive, target, tmp_path, change, message):
    db = _member_bytes(archive, "database.sqlite3")
    manifest = {**json.loads(manifest_for(db)), **change}
    odd = craft(
        tmp_path / "odd.tar.gz",
        [
            file_member("manifest.json", json.dumps(manifest).encode()),
            file_member("database.sqlite3", db),
        ],
    )
    state = target_state(target)
    with pytest.raises(BackupError, match=message):
        backup_restore(archive=odd, force=True, **target)
    assert_untouched(target, state)
