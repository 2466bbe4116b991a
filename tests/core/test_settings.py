"""Settings: production refuses to start without a secret; the default is SQLite."""

import os
import subprocess
import sys


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}
    }
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
