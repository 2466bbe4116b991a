"""The ``khabar normalize`` command on stdin, files, --diff, --steps and bad input."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.text.cli import main, parse_steps

ZWNJ = "\u200c"
SRC = Path(__file__).resolve().parents[2] / "src"


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Replace standard input with ``data``."""
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    )


def test_stdin_is_normalized_line_for_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "ميشود\n\nکتاب ها 12\n".encode())
    assert main([]) == 0
    assert capsys.readouterr().out == f"می{ZWNJ}شود\n\nکتاب{ZWNJ}ها ۱۲\n"


def test_file_argument_and_missing_final_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("نمیشود\r\nدرست است".encode())
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == f"نمی{ZWNJ}شود\r\nدرست است"


def test_diff_prints_only_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.txt"
    path.write_text("درست است\nمی شود و بیدفاع\n", encoding="utf-8")
    assert main(["--diff", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"2\tمی شود\tمی{ZWNJ}شود\n2\tبیدفاع\tبی{ZWNJ}دفاع\n"
    )


def test_steps_choose_what_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.txt"
    path.write_text("ميشود 12\n", encoding="utf-8")
    assert main(["--steps", "letters", str(path)]) == 0
    assert main(["--steps=-digits", str(path)]) == 0
    assert capsys.readouterr().out == f"میشود 12\nمی{ZWNJ}شود 12\n"


def test_parse_steps_forms() -> None:
    assert parse_steps("all")["diacritics"] is True
    assert parse_steps("+diacritics,-zwnj") == parse_steps("all") | {"zwnj": False}
    assert [k for k, v in parse_steps("letters,digits").items() if v] == [
        "letters",
        "digits",
    ]


def test_unknown_step_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--steps", "colour"])
    assert exit_info.value.code == 2
    assert "unknown step(s) colour" in capsys.readouterr().err


def test_invalid_utf8_reports_byte_offset(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = "خط اول\n".encode()
    feed_stdin(monkeypatch, first + b"ab\xffcd\n")
    assert main(["-"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "خط اول\n"
    assert f"invalid UTF-8 at byte offset {len(first) + 2}" in captured.err


def test_missing_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.txt")]) == 1
    assert "absent.txt" in capsys.readouterr().err


def test_runs_as_a_module(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xe2\x82")
    result = subprocess.run(
        [sys.executable, "-m", "khabar.text.cli", str(path)],
        capture_output=True,
        env={"PYTHONPATH": str(SRC)},
        check=False,
    )
    assert result.returncode == 2
    assert b"byte offset 0" in result.stderr


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("modern", f"کتاب{ZWNJ}ها بزرگ{ZWNJ}تر می{ZWNJ}شود\n"),
        ("keep", f"کتابها بزرگتر می{ZWNJ}شود\n"),
    ],
)
def test_style_picks_how_plurals_and_comparatives_are_written(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    style: str,
    expected: str,
) -> None:
    feed_stdin(monkeypatch, "کتابها بزرگتر میشود\n".encode())
    assert main(["--style", style]) == 0
    assert capsys.readouterr().out == expected


def test_unknown_style_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--style", "classic"])
    assert stop.value.code == 2
    assert "invalid choice: 'classic'" in capsys.readouterr().err
