"""Settings: production refuses to start without a secret; the default is SQLite."""

import os
import subprocess
import sys


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    # A fresh process with the deployment's environment, not the suite's
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
    unset = {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_fails_with_a_clear_message(tmp_path):
    result = run_python("import khabar.settings.prod", KHABAR_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set" in result.stderr


def test_production_with_secret_key_loads(tmp_path):
    result = run_python(
        "import khabar.settings.prod", KHABAR_VAR_DIR=str(tmp_path), SECRET_KEY="x" * 50
    )
    assert result.returncode == 0, result.stderr


def test_default_database_is_sqlite_in_wal_mode_under_var(tmp_path):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='khabar.settings.dev'\n"
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode')\n"
        "print(connection.vendor, cursor.fetchone()[0], connection.settings_dict['NAME'])"
    )
    result = run_python(code, KHABAR_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    vendor, mode, name = result.stdout.split()
    assert (vendor, mode) == ("sqlite", "wal")
    assert name == str(tmp_path / "khabar.sqlite3")


def _prod_setting(tmp_path, expression: str, **env: str) -> str:
    code = f"import khabar.settings.prod as s; print({expression})"
    result = run_python(code, KHABAR_VAR_DIR=str(tmp_path), SECRET_KEY="x" * 50, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_queues_tasks_in_the_database_and_hashes_static_names(tmp_path):
    assert _prod_setting(tmp_path, "s.TASKS['default']['BACKEND']") == (
        "django_tasks_db.DatabaseBackend"
    )
    assert "CompressedManifest" in _prod_setting(
        tmp_path, "s.STORAGES['staticfiles']['BACKEND']"
    )
    assert _prod_setting(
        tmp_path, "s.TASKS['default']['BACKEND']", KHABAR_TASKS="immediate"
    ).endswith("ImmediateBackend")


def test_production_with_redis_keeps_sessions_in_cache_and_database(tmp_path):
    engine = _prod_setting(
        tmp_path, "s.SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/9"
    )
    assert engine == "django.contrib.sessions.backends.cached_db"


def test_a_bad_number_in_the_environment_is_named(tmp_path):
    result = run_python(
        "import khabar.settings.prod",
        KHABAR_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 50,
        KHABAR_HSTS_SECONDS="a year",
    )
    assert result.returncode != 0
    assert "KHABAR_HSTS_SECONDS must be a whole number" in result.stderr


def test_prod_serve_defaults_to_one_granian_worker_per_core(monkeypatch):
    from khabar.core.management.commands.serve import default_workers

    monkeypatch.delenv("KHABAR_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert default_workers() == 4
    assert default_workers("gunicorn") == 8
    monkeypatch.setenv("KHABAR_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("KHABAR_WORKERS", "many")
    assert default_workers() == 4


def test_production_passes_the_deployment_checklist(tmp_path):
    code = (
        "import os, sys; os.environ['DJANGO_SETTINGS_MODULE']='khabar.settings.prod'\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['khabar', 'check', '--deploy', '--fail-level',"
        " 'WARNING'])"
    )
    result = run_python(
        code,
        KHABAR_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 20 + "-long-and-random-0123456789abcdef",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_workers_share_one_cache_without_redis(tmp_path):
    """Separate processes (gunicorn workers) see each other's page-cache bumps."""
    read = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='khabar.settings.prod'\n"
        "django.setup()\n"
        "from khabar.core.pagecache import _versions, page_cache_bump\n"
        "{action}\n"
        "print(_versions(('site',))[0])"
    )

    def run(action: str = "") -> str:
        result = run_python(
            read.format(action=action),
            KHABAR_VAR_DIR=str(tmp_path),
            SECRET_KEY="x" * 50,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    first = run()
    assert run() == first
    bumped = run("page_cache_bump('site')")
    assert bumped != first
    assert run() == bumped
