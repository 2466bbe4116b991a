"""Insult model files: corrupt or incompatible ones are refused, the environment is honoured."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.moderation import engine
from khabar.moderation.engine.classifier import FEATURES_VERSION

from .conftest import APRICOT

REPO = Path(__file__).resolve().parents[2]


def header_file(path: Path, header: dict, body: bytes = b"") -> Path:
    header = {"features": FEATURES_VERSION, **header}
    path.write_bytes(gzip.compress(json.dumps(header).encode() + b"\n" + body))
    return path


BAD_FILES = [
    ("not gzip", lambda p: p.write_bytes(b'{"bias": 0}') and p, "not a gzip"),
    (
        "gzip, no header",
        lambda p: p.write_bytes(gzip.compress(b"\x00\x01")) and p,
        "header",
    ),
    (
        "cut short",
        lambda p: header_file(p, {"bias": 0, "platt": [1, 0], "n": 10}, b"\x00" * 12),
        "cut short",
    ),
    (
        "other features",
        lambda p: header_file(
            p, {"features": FEATURES_VERSION + 1, "bias": 0, "platt": [1, 0], "n": 0}
        ),
        "rebuild or retrain",
    ),
    (
        "other format",
        lambda p: header_file(p, {"format": "x", "bias": 0, "platt": [1, 0], "n": 0}),
        "unknown model format",
    ),
    (
        "bad calibration",
        lambda p: header_file(p, {"bias": 0, "platt": "no", "n": 0}),
        "calibration",
    ),
]


@pytest.mark.parametrize(
    ("kind", "make", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_model_file_is_a_clear_error_and_changes_nothing(
    tmp_path, kind, make, message
):
    path = make(tmp_path / "model.bin.gz")
    before = engine.default_model()
    with pytest.raises(engine.ModelError, match=message) as raised:
        engine.use_model(path)
    assert str(path) in str(raised.value)
    assert engine.default_model() is before


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(engine.ModelError, match="cannot read"):
        engine.load_model(tmp_path / "nowhere.bin.gz")


def test_a_model_file_reads_back_what_was_written(tiny_model_file):
    model = engine.load_model(tiny_model_file)
    engine.use_model(tiny_model_file)
    text = f"خبر خوبی بود {APRICOT}"
    assert engine.default_model().weights == model.weights
    assert engine.moderate(text).decision in {"hold", "reject"}
    assert engine.moderate("خبر خوبی بود").decision == "publish"


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` after ``django.setup()`` in a fresh process with ``env``."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "khabar.settings.test",
        "PYTHONPATH": str(REPO / "src"),
        **env,
    }
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_environment_names_the_model_the_site_uses(tiny_model_file):
    code = (
        "from django.conf import settings\n"
        "from khabar.moderation import engine\n"
        "print(settings.KHABAR_INSULT_MODEL)\n"
        f"print(engine.moderate('خبر خوبی بود {APRICOT}').decision)\n"
    )
    done = run_django(code, KHABAR_INSULT_MODEL=str(tiny_model_file))
    assert done.returncode == 0, done.stderr
    path, decision = done.stdout.split()
    assert path == str(tiny_model_file)
    assert decision in {"hold", "reject"}  # the shipped model publishes it


def test_a_corrupt_model_in_the_environment_stops_startup(tmp_path):
    bad = tmp_path / "broken.bin.gz"
    bad.write_bytes(b"this is no model")
    done = run_django("print('started')", KHABAR_INSULT_MODEL=str(bad))
    assert done.returncode != 0
    assert "started" not in done.stdout
    assert "KHABAR_INSULT_MODEL" in done.stderr and "not a gzip" in done.stderr
