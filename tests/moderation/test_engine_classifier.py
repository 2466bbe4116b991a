"""The insult classifier: shipped model, serialization and retraining."""

import csv
from pathlib import Path

import pytest

from khabar.moderation.engine import build, moderate, use_model, use_shipped
from khabar.moderation.engine.classifier import LinearModel, features, train
from khabar.moderation.engine.insult_model import default_model, insult_probability
from khabar.moderation.engine.tokens import tokenize


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def probability(text: str) -> float:
    return insult_probability(tokenize(text), 0.0)


def test_shipped_model_separates_clear_cases() -> None:
    assert probability("مرتیکه بی‌شرف خفه شو دیگه") > 0.5
    assert probability("گزارش دقیق و خوبی بود، ممنون از خبرنگار") < 0.3


def test_shipped_model_file_is_small() -> None:
    path = Path(build.DATA_DIR) / "insult.bin.gz"
    assert path.stat().st_size < 2_000_000
    assert len(default_model().weights) > 10_000


def test_model_round_trips_through_bytes() -> None:
    model = LinearModel({1: 0.5, 99: -1.25, 12345: 2.0}, bias=-0.3, platt=(1.2, 0.1))
    again = LinearModel.loads(model.dumps())
    assert again.weights == model.weights
    assert again.bias == pytest.approx(-0.3)
    assert again.platt == pytest.approx((1.2, 0.1))


def test_training_learns_a_toy_task() -> None:
    good = [features(tokenize(f"خبر خوب شماره {i} بود")) for i in range(30)]
    bad = [features(tokenize(f"تو نادان و پست هستی {i}")) for i in range(30)]
    model = train([(f, 0) for f in good] + [(f, 1) for f in bad], epochs=5)
    assert model.probability(bad[0]) > 0.8 > 0.2 > model.probability(good[0])


def test_retrain_from_a_site_csv(tmp_path: Path) -> None:
    data = tmp_path / "history.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for i in range(40):
            writer.writerow([f"گزارش خوبی بود شماره {i}", "NOT"])
            writer.writerow(
                [f"نویسنده این خبر زبون‌نفهم است {i}", "OFF" if i % 2 else "1"]
            )
    out = tmp_path / "insult.bin.gz"
    stats = build.retrain(data, out, epochs=3)
    assert stats["rows"] == 80 and stats["offensive"] == 40
    try:
        use_model(out)
        assert probability("نویسنده این خبر زبون‌نفهم است") > probability(
            "گزارش خوبی بود"
        )
        assert moderate("گزارش خوبی بود").decision == "publish"
    finally:
        use_shipped()


def test_retrain_needs_both_classes(tmp_path: Path) -> None:
    data = tmp_path / "history.csv"
    data.write_text("text,label\nسلام,0\nخوب,0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="both"):
        build.retrain(data, tmp_path / "out.bin.gz")


def test_dense_scoring_matches_the_weight_table() -> None:
    model = default_model()
    feats = features(tokenize("این گزارش درباره بودجه شهرداری بود و خیلی مفید بود"))
    expected = model.bias + sum(model.weights.get(feat, 0.0) for feat in feats)
    assert model.margin(feats) == pytest.approx(expected, abs=1e-4)
    toy = LinearModel({3: 0.5, 7: -0.25}, bias=0.1)
    assert toy.margin([3, 7, 11]) == pytest.approx(0.35)


def test_build_holds_out_a_fixed_tenth_for_calibration() -> None:
    rows = [(f"نظر شماره {i}", i % 2) for i in range(1000)]
    held = build.validation_rows(rows)
    assert 60 <= len(held) <= 140
    assert held == build.validation_rows(list(reversed(rows)))[::-1]
    assert all(build.held_out(text) for text, _ in held)


def test_features_read_emphasis_and_numbers_as_the_plain_word() -> None:
    plain = features(tokenize("این خیلی بد بود 12"))
    assert features(tokenize("این خیلیییییی بد بود 345")) == plain


def test_features_ignore_collection_artifacts() -> None:
    # Pars-OFF writes @USER / @URL for mentions and links; PHATE keeps t.co links.
    plain = set(features(tokenize("نظرت خیلی جالب بود")))
    marked = features(tokenize("@USER نظرت خیلی جالب بود @URL https://t.co"))
    assert set(marked) == plain


def test_fit_sources_trains_and_calibrates_on_several_sources() -> None:
    labelled = [(f"تو نادان و پست هستی {i}", 1) for i in range(60)]
    labelled += [(f"خبر خوب شماره {i} بود", 0) for i in range(60)]
    sources = {"tweets": labelled, "comments": [(f"ممنون {i}", 0) for i in range(50)]}
    sources["comments"].append(("نامعلوم", -1))  # unknown labels never train
    model = build.fit_sources(sources, build.default_lexicon(), epochs=3)
    assert model.platt != (1.0, 0.0)
    insult, clean = (build.text_features(text) for text in ("تو نادان هستی", "خبر خوب"))
    assert model.probability(insult) > 0.5 > model.probability(clean)
