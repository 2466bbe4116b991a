"""Run the test suite on SQLite, then on PostgreSQL when it is reachable.

``make test`` calls this. Outside CI a missing PostgreSQL is reported and
skipped; with ``CI=true`` both runs are required.
"""

import argparse
import os
import subprocess
import sys

POSTGRES_URL = os.environ.get(
    "KHABAR_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
)


def postgres_reachable(url: str) -> bool:
    """Return True when a PostgreSQL server answers at ``url``."""
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(
            url.replace("postgres://", "postgresql://", 1), connect_timeout=3
        ):
            return True
    except psycopg.Error:
        return False


def run(label: str, env: dict[str, str], extra: list[str]) -> int:
    print(f"\n=== Test suite on {label} ===", flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", *extra], env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args, extra = parser.parse_known_args()
    in_ci = os.environ.get("CI", "").lower() == "true"
    base_env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}
    }
    print("=== ruff check ===", flush=True)
    status = subprocess.call(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "bench", "scripts"]
    )
    if args.only in (None, "sqlite"):
        status |= run("SQLite", base_env, extra)
    if args.only in (None, "postgres"):
        if postgres_reachable(POSTGRES_URL):
            status |= run(
                "PostgreSQL", {**base_env, "DATABASE_URL": POSTGRES_URL}, extra
            )
        elif in_ci or args.only == "postgres":
            print(
                f"PostgreSQL is not reachable at {POSTGRES_URL}; it is required here."
            )
            status |= 1
        else:
            print(f"\nPostgreSQL is not reachable at {POSTGRES_URL}: ran SQLite only.")
    return status


if __name__ == "__main__":
    sys.exit(main())
