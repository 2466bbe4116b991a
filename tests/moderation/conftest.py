"""Fixtures of the moderation tests: a tiny insult model, and the real one back."""

from pathlib import Path

import pytest

from khabar.moderation import engine, pipeline
from khabar.moderation.engine.classifier import LinearModel, train

APRICOT = "زردآلو"  # an ordinary word the tiny model is taught to call an insult
CLEAN = [
    "خبر خوبی بود ممنون",
    "گزارش دقیقی بود",
    "کاش زودتر اطلاع می‌دادید",
    "این تصمیم به نفع مردم است",
    "ورزشگاه شهر بازسازی شد",
    "قیمت نان بالا رفت",
]


def tiny_model() -> LinearModel:
    """Return a small model that calls any comment with «زردآلو» offensive."""
    docs = [(engine.text_features(text), 0) for text in CLEAN]
    docs += [(engine.text_features(f"{text} {APRICOT}"), 1) for text in CLEAN]
    model = train(docs, epochs=30, rate=0.5)
    model.platt = (1.0, 0.0)
    return model


@pytest.fixture
def tiny_model_file(tmp_path: Path) -> Path:
    """Write :func:`tiny_model` to a file and return its path."""
    path = tmp_path / "tiny-insult.bin.gz"
    path.write_bytes(tiny_model().dumps())
    return path


@pytest.fixture(autouse=True)
def shipped_model_back():
    """Score with the shipped model again after every test."""
    yield
    engine.use_shipped()
    pipeline.models_forget()
