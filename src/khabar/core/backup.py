"""Back up and restore the database and the media folder as one archive.

An archive is a gzip'd tar file with three kinds of members, in this order:

- ``manifest.json``: what is inside (``Manifest``), written first so a
  restore can refuse a foreign archive before reading further;
- ``database.sqlite3`` (a copy made with SQLite's online backup API, checked
  with ``PRAGMA integrity_check``) or ``database.pgdump`` (``pg_dump
  --format=custom``): a consistent snapshot taken while the site runs;
- ``media/…``: every regular file under ``MEDIA_ROOT``.

``backup_create`` writes the archive under a temporary name and renames it
when complete, so a failed or interrupted backup never leaves a file that
looks finished. ``backup_restore`` unpacks into a staging folder first and
checks the manifest, the members' names and types, the database checksum and
the media count; only then does it replace the database (SQLite: a new file
swapped in with ``os.replace``; PostgreSQL: ``pg_restore --clean --if-exists
--single-transaction``) and the media folder (a staged folder swapped in).

Both services read ``settings.DATABASES["default"]`` and ``MEDIA_ROOT``
unless given ``database`` / ``media_root`` (tests point them at temporary
files). Secrets are never in an archive, and the PostgreSQL password goes to
the client tools through ``PGPASSWORD``, never on their command line.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

ARCHIVE_FORMAT = "khabar-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DB_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MANIFEST_MAX_BYTES = 64 * 1024
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for people."""


@dataclass(frozen=True)
class Manifest:
    """What an archive holds; stored as ``manifest.json``."""

    format: str
    format_version: int
    khabar_version: str
    vendor: str
    created_at: str
    database_file: str
    database_sha256: str
    database_bytes: int
    media_files: int

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        """Parse and check a manifest, or raise ``BackupError``."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise BackupError(f"the manifest is not valid JSON ({error})") from error
        if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
            raise BackupError("this is not a Khabar backup (unknown manifest format)")
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"this backup has format version {data.get('format_version')!r}; "
                f"this Khabar reads version {FORMAT_VERSION}"
            )
        try:
            manifest = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except KeyError as error:
            raise BackupError(f"the manifest has no {error.args[0]!r}") from error
        vendor = manifest.vendor if isinstance(manifest.vendor, str) else ""
        if DB_MEMBERS.get(vendor) != manifest.database_file:
            raise BackupError(
                f"the manifest names an unknown database ({manifest.vendor!r}, "
                f"{manifest.database_file!r})"
            )
        sha = manifest.database_sha256
        if not (
            isinstance(sha, str)
            and len(sha) == 64
            and all(c in "0123456789abcdef" for c in sha)
        ):
            raise BackupError("the manifest's database checksum is malformed")
        for count in (manifest.media_files, manifest.database_bytes):
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise BackupError("the manifest's counts are malformed")
        return manifest

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")


# ---------------------------------------------------------------- settings


def _database(database: dict | None) -> dict:
    if database is not None:
        return database
    from django.conf import settings

    return settings.DATABASES["default"]


def _media_root(media_root: Path | None) -> Path:
    if media_root is not None:
        return Path(media_root)
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def database_vendor(database: dict) -> str:
    """Return ``sqlite`` or ``postgresql`` for a Django database settings dict."""
    engine = database.get("ENGINE", "")
    if "sqlite" in engine or "spatialite" in engine:
        return "sqlite"
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    raise BackupError(
        f"backups support SQLite and PostgreSQL databases, not {engine or 'none'!r}"
    )


def khabar_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("khabar")
    except PackageNotFoundError:
        return "unknown"


def _sqlite_path(database: dict) -> Path:
    name = str(database.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"the SQLite database {name!r} is not a file on disk")
    return Path(name)


# PostgreSQL connection: everything goes to libpq through its environment
# variables, so nothing secret shows up in the process list.
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def postgres_env(database: dict) -> dict[str, str]:
    """Return the environment for pg_dump / pg_restore / psql to reach ``database``."""
    # Like Django's own connection (libpq), the process's PG* variables fill
    # in what the settings leave out; the settings win where they say.
    env = dict(os.environ)
    fields = {
        "PGDATABASE": database.get("NAME"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
    }
    options = database.get("OPTIONS") or {}
    for option, variable in _PG_OPTIONS.items():
        fields[variable] = options.get(option)
    env.update({key: str(value) for key, value in fields.items() if value})
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client tools "
            "(Debian: apt install postgresql-client) matching the server's version"
        )
    return path


def _pg_run(args: list[str], database: dict, what: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
            args,
            env=postgres_env(database),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError(f"{what} could not start: {error}") from error
    if done.returncode:
        detail = done.stderr.strip() or f"exit status {done.returncode}"
        raise BackupError(f"{what} failed: {detail}")
    return done.stdout


# ---------------------------------------------------------------- backup


def backup_create(
    *,
    out_dir: Path | None,
    database: dict | None = None,
    media_root: Path | None = None,
) -> Path:
    """Write one archive of the database and the media folder; return its path.

    ``out_dir`` defaults to ``KHABAR_VAR_DIR/backups``. Safe while the site
    runs: the database copy is a consistent snapshot.
    """
    database = _database(database)
    media = _media_root(media_root)
    vendor = database_vendor(database)
    if out_dir is None:
        from django.conf import settings

        out_dir = Path(settings.VAR_DIR) / "backups"
    out_dir = Path(out_dir).resolve()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"cannot create the folder {out_dir}: {error}") from error
    created = datetime.now(UTC).replace(microsecond=0)
    try:
        final = _backup_write(database, vendor, media, out_dir, created)
    except OSError as error:
        raise BackupError(f"the backup could not be written: {error}") from error
    _fsync_dir(out_dir)
    return final


def _backup_write(
    database: dict, vendor: str, media: Path, out_dir: Path, created: datetime
) -> Path:
    # Everything is built in a hidden folder next to the archive; only the
    # finished archive is renamed out of it, so no half-written file ever
    # carries an archive's name.
    with tempfile.TemporaryDirectory(prefix=".khabar-backup-", dir=out_dir) as work:
        dump = Path(work) / DB_MEMBERS[vendor]
        if vendor == "sqlite":
            _sqlite_snapshot(_sqlite_path(database), dump)
        else:
            _pg_dump(database, dump)
        manifest = Manifest(
            format=ARCHIVE_FORMAT,
            format_version=FORMAT_VERSION,
            khabar_version=khabar_version(),
            vendor=vendor,
            created_at=created.isoformat().replace("+00:00", "Z"),
            database_file=dump.name,
            database_sha256=_sha256(dump),
            database_bytes=dump.stat().st_size,
            media_files=0,  # counted when the archive is written
        )
        partial = Path(work) / "archive.tar.gz.partial"
        _archive_write_retrying(partial, manifest, dump, media, out_dir)
        final = _free_name(out_dir, f"khabar-backup-{created:%Y%m%dT%H%M%SZ}")
        os.replace(partial, final)
    return final


def _sqlite_snapshot(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API, then check it."""
    if not source.is_file():
        raise BackupError(f"there is no SQLite database at {source}")
    try:
        src = sqlite3.connect(source, timeout=20)
        try:
            dst = sqlite3.connect(target)
            try:
                # One step (pages=-1): the copy is one read transaction, a
                # consistent snapshot; WAL lets writers go on meanwhile.
                src.backup(dst, pages=-1)
                # A self-contained file: no -wal beside it in the archive.
                dst.execute("PRAGMA journal_mode=DELETE")
                result = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        raise BackupError(f"copying the SQLite database failed: {error}") from error
    if result != ["ok"]:
        raise BackupError(
            "the copy of the SQLite database fails integrity_check: "
            + "; ".join(map(str, result[:5]))
        )


def _pg_dump(database: dict, target: Path) -> None:
    _pg_run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-password",
            "--file",
            str(target),
        ],
        database,
        "pg_dump",
    )
    if not target.is_file() or target.stat().st_size == 0:
        raise BackupError("pg_dump wrote nothing")


def _media_list(media: Path, *, skip: Path) -> list[Path]:
    """Return the regular files under ``media`` (not symlinks), sorted."""
    if not media.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(media):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not (here / d).is_symlink() and (here / d).resolve() != skip
        )
        found.extend(
            here / name
            for name in sorted(files)
            if (here / name).is_file() and not (here / name).is_symlink()
        )
    return found


class _MediaChanged(Exception):
    """A media file vanished while it was being archived; list again."""


def _archive_write_retrying(
    path: Path, manifest: Manifest, dump: Path, media: Path, skip: Path
) -> None:
    """Write the archive; start over (at most 3 times) if media files vanish."""
    for _attempt in range(3):
        files = _media_list(media, skip=skip)
        try:
            _archive_write(path, manifest, dump, media, files)
            return
        except _MediaChanged:
            continue
    raise BackupError("media files kept disappearing while being archived; retry")


def _archive_write(
    path: Path, manifest: Manifest, dump: Path, media: Path, files: list[Path]
) -> None:
    # The manifest comes first and counts the media files, so a file deleted
    # between listing and archiving restarts the write (_MediaChanged).
    raw = Manifest(**{**asdict(manifest), "media_files": len(files)}).to_json()
    try:
        with open(path, "wb") as out:
            with tarfile.open(
                fileobj=out, mode="w:gz", format=tarfile.PAX_FORMAT
            ) as tar:
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(raw)
                info.mtime = int(datetime.now(UTC).timestamp())
                info.mode = 0o644
                tar.addfile(info, fileobj=io.BytesIO(raw))
                tar.add(dump, arcname=dump.name, recursive=False, filter=_anonymous)
                for file in files:
                    name = PurePosixPath(MEDIA_PREFIX, *file.relative_to(media).parts)
                    try:
                        handle = file.open("rb")
                    except FileNotFoundError as error:
                        raise _MediaChanged from error
                    with handle:
                        info = tar.gettarinfo(arcname=str(name), fileobj=handle)
                        tar.addfile(_anonymous(info), fileobj=handle)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        raise BackupError(f"writing the archive failed: {error}") from error


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Drop the owner: a restore belongs to whoever runs it."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _free_name(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.tar.gz"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}.tar.gz"
    return candidate


# ---------------------------------------------------------------- restore


def backup_restore(
    *,
    archive: Path,
    force: bool,
    database: dict | None = None,
    media_root: Path | None = None,
) -> Manifest:
    """Replace the database and the media folder with an archive's copies.

    The archive is read and checked completely before anything is replaced;
    a target that already holds data is replaced only with ``force``.
    """
    database = _database(database)
    media = _media_root(media_root).resolve()
    target_vendor = database_vendor(database)
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"there is no archive at {archive}")
    try:
        # Staged beside the media folder: the swap at the end is a rename.
        media.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{media.name}.restore-", dir=media.parent)
        )
    except OSError as error:
        raise BackupError(f"cannot stage the restore: {error}") from error
    try:
        return _restore_staged(archive, staging, database, target_vendor, media, force)
    except OSError as error:
        raise BackupError(f"the restore could not finish: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _restore_staged(
    archive: Path,
    staging: Path,
    database: dict,
    target_vendor: str,
    media: Path,
    force: bool,
) -> Manifest:
    """Check the staged archive against the target, then swap it in."""
    manifest = archive_unpack(archive, staging)
    if manifest.vendor != target_vendor:
        raise BackupError(
            f"this archive holds a {VENDOR_NAMES[manifest.vendor]} database "
            f"but the configured database is {VENDOR_NAMES[target_vendor]}; "
            "restore it into a site with the same database kind "
            "(DATABASE_URL decides)"
        )
    if not force:
        held = _target_holdings(database, target_vendor, media)
        if held:
            raise BackupError(
                f"the target already holds data ({'; '.join(held)}); "
                "restoring replaces it — run again with --yes to go ahead"
            )
    dump = staging / manifest.database_file
    if target_vendor == "sqlite":
        _sqlite_replace(dump, _sqlite_path(database))
    else:
        _pg_restore(dump, database)
    _media_swap(staging / MEDIA_PREFIX, media)
    return manifest


def _member_check(member: tarfile.TarInfo, seen: set[str]) -> str:
    """Return the member's clean name, or refuse a member that is not ours."""
    name = member.name
    path = PurePosixPath(name)
    if (
        not name
        or not path.parts
        or name.startswith(("/", "\\"))
        or path.is_absolute()
        or ".." in path.parts
        or "\\" in name
        or ":" in path.parts[0]
    ):
        raise BackupError(f"the archive has an unsafe member name {name!r}")
    clean = str(path)
    in_media = path.parts[0] == MEDIA_PREFIX
    if not (member.isfile() or (member.isdir() and in_media)):
        raise BackupError(
            f"the archive member {name!r} is not a regular file or folder "
            "(links and devices are refused)"
        )
    if clean in seen:
        raise BackupError(f"the archive has {name!r} twice")
    if not seen and clean != MANIFEST_NAME:
        raise BackupError("this is not a Khabar backup (no manifest.json first)")
    ours = clean == MANIFEST_NAME or clean in DB_MEMBERS.values()
    if not (ours or (in_media and (member.isdir() or len(path.parts) > 1))):
        raise BackupError(f"the archive has an unexpected member {name!r}")
    seen.add(clean)
    return clean


def archive_unpack(archive: Path, into: Path) -> Manifest:
    """Unpack and check an archive into the empty folder ``into``.

    Checks every member's name and type before writing it, reads the whole
    stream (so gzip's CRC catches corruption and truncation), and compares
    the database checksum and the media count with the manifest.
    """
    seen: set[str] = set()
    manifest: Manifest | None = None
    digest = hashlib.sha256()
    db_bytes = 0
    media_files = 0
    try:
        # gzip.GzipFile checks the CRC and length at the end of the stream
        # (tarfile's own "r|gz" does not), so damage is never read as data.
        with (
            gzip.open(archive, "rb") as packed,
            tarfile.open(fileobj=packed, mode="r|") as tar,
        ):
            for member in _members(tar):
                name = _member_check(member, seen)
                if name == MANIFEST_NAME:
                    if member.size > MANIFEST_MAX_BYTES:
                        raise BackupError("the manifest is too large")
                    source = tar.extractfile(member)
                    manifest = Manifest.from_json(source.read() if source else b"")
                    continue
                assert manifest is not None  # the manifest comes first
                if name in DB_MEMBERS.values():
                    if name != manifest.database_file:
                        raise BackupError(
                            f"the archive has {name!r} but its manifest names "
                            f"{manifest.database_file!r}"
                        )
                    source = tar.extractfile(member)
                    with open(into / name, "wb") as out:
                        while chunk := source.read(CHUNK):
                            digest.update(chunk)
                            db_bytes += len(chunk)
                            out.write(chunk)
                    continue
                tar.extract(member, into, filter="data")
                if member.isfile():
                    media_files += 1
            while packed.read(CHUNK):  # the rest of the stream, to its CRC
                pass
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            f"{archive} is not a readable backup archive (corrupt or truncated?): "
            f"{error}"
        ) from error
    if manifest is None:
        raise BackupError(f"{archive} is not a Khabar backup (no manifest.json)")
    if manifest.database_file not in seen:
        raise BackupError(f"the archive has no {manifest.database_file}")
    if (
        digest.hexdigest() != manifest.database_sha256
        or db_bytes != manifest.database_bytes
    ):
        raise BackupError(
            "the database copy in the archive does not match its checksum "
            "(the archive is damaged)"
        )
    if media_files != manifest.media_files:
        raise BackupError(
            f"the archive holds {media_files} media files, its manifest says "
            f"{manifest.media_files}"
        )
    (into / MEDIA_PREFIX).mkdir(exist_ok=True)
    return manifest


def _members(tar: tarfile.TarFile):
    """Yield the archive's members; a damaged header is an error, not the end."""
    while True:
        try:
            member = tar.next()
        except tarfile.ReadError as error:
            raise BackupError(f"a damaged entry in the archive: {error}") from error
        if member is None:
            return
        yield member


def _target_holdings(database: dict, vendor: str, media: Path) -> list[str]:
    """Describe what a restore would overwrite (empty: nothing)."""
    held = []
    if vendor == "sqlite":
        path = _sqlite_path(database)
        if path.exists() and path.stat().st_size > 0:
            try:
                with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                    (tables,) = db.execute(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    ).fetchone()
            except sqlite3.Error:
                tables = 1  # unreadable: still something a restore would replace
            if tables:
                held.append(f"the database {path} has {tables} tables")
    else:
        out = _pg_run(
            [
                _pg_tool("psql"),
                "-X",
                "--no-password",
                "-At",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname "
                "NOT IN ('pg_catalog', 'information_schema')",
            ],
            database,
            "psql",
        )
        tables = int(out.strip() or 0)
        if tables:
            held.append(f"the database {database.get('NAME')} has {tables} tables")
    if media.is_dir() and any(media.iterdir()):
        held.append(f"the media folder {media} is not empty")
    return held


def _sqlite_replace(dump: Path, target: Path) -> None:
    """Swap a new SQLite file in for ``target``, dropping its stale WAL files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.restore-", dir=target.parent)
    os.close(fd)
    fresh = Path(name)
    try:
        shutil.copyfile(dump, fresh)
        try:
            with closing(sqlite3.connect(fresh)) as db:
                result = [row[0] for row in db.execute("PRAGMA integrity_check")]
        except sqlite3.Error as error:
            raise BackupError(
                f"the restored database cannot be read: {error}"
            ) from error
        if result != ["ok"]:
            raise BackupError("the database in the archive fails integrity_check")
        with open(fresh, "rb") as handle:
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(fresh, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(fresh, 0o666 & ~umask)
        # A -wal left from the old file would be replayed into the new one.
        _sqlite_sidecars_remove(target)
        os.replace(fresh, target)
        _sqlite_sidecars_remove(target)
        _fsync_dir(target.parent)
    except OSError as error:
        raise BackupError(
            f"replacing the database at {target} failed: {error}"
        ) from error
    finally:
        fresh.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)


def _sqlite_sidecars_remove(target: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _pg_restore(dump: Path, database: dict) -> None:
    _pg_run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            "--dbname",
            str(database.get("NAME") or ""),
            str(dump),
        ],
        database,
        "pg_restore",
    )


def _media_swap(staged: Path, media: Path) -> None:
    """Put the staged media folder in place of ``media``, keeping nothing else."""
    old = media.with_name(f".{media.name}.old-{os.getpid()}")
    try:
        if media.exists():
            try:
                os.rename(media, old)
            except OSError:
                # A mount point or a busy folder: copy over it instead.
                shutil.copytree(staged, media, dirs_exist_ok=True)
                return
        os.rename(staged, media)
    except OSError as error:
        raise BackupError(
            f"the database was restored but the media folder {media} was not: {error}"
        ) from error
    shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- helpers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def size_human(size: int) -> str:
    """Return ``size`` bytes as a short human-readable string (KB = 1024 B)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
