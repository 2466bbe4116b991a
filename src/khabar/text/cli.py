"""The ``khabar normalize`` command: normalize a UTF-8 file line for line.

Reads FILE (or standard input for ``-`` or no argument) as a stream, one line
at a time, and writes the normalized lines to standard output; ``--diff``
prints only the changes, one a line as ``LINE<TAB>OLD<TAB>NEW``; ``--style``
picks ``modern`` (half-space plurals and comparatives, the default) or
``keep`` (leave a file that joins them joined), per line. Invalid UTF-8
stops the run with the byte offset of the first bad byte and exit code 2.
"""

import argparse
import sys
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from khabar.text.diff import changes
from khabar.text.normalizer import DEFAULT_STEPS, STEPS, normalize
from khabar.text.style import MODERN, STYLES

EXIT_BAD_INPUT = 2


class InvalidUtf8Error(ValueError):
    """Input that is not UTF-8, with the byte offset of the first bad byte."""

    def __init__(self, offset: int) -> None:
        """Remember the offset and say where the input went wrong."""
        super().__init__(f"invalid UTF-8 at byte offset {offset}")
        self.offset = offset


def parse_steps(spec: str) -> dict[str, bool]:
    """Turn ``--steps`` into normalize() keywords.

    ``all`` runs every step; ``a,b`` runs exactly steps a and b; ``-a,-b`` runs
    the default steps without a and b; ``+a`` adds a to the defaults.
    """
    if spec == "all":
        return dict.fromkeys(STEPS, True)
    items = [item.strip() for item in spec.split(",") if item.strip()]
    names = [item.lstrip("+-") for item in items]
    unknown = sorted(set(names) - set(STEPS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown step(s) {', '.join(unknown)}; choose from {', '.join(STEPS)}"
        )
    if all(item[0] in "+-" for item in items):
        chosen = set(DEFAULT_STEPS)
        chosen |= {
            name for item, name in zip(items, names, strict=True) if item[0] == "+"
        }
        chosen -= {
            name for item, name in zip(items, names, strict=True) if item[0] == "-"
        }
    else:
        chosen = set(names)
    return {name: name in chosen for name in STEPS}


def decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """Yield the lines of a byte stream decoded as UTF-8, keeping line ends."""
    offset = 0
    for raw in stream:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidUtf8Error(offset + error.start) from None
        offset += len(raw)


def normalize_stream(
    lines: Iterator[str],
    out: TextIO,
    steps: dict[str, bool],
    diff: bool,
    style: str = MODERN,
) -> None:
    """Write normalized lines (or their changes) to ``out``."""
    for number, line in enumerate(lines, start=1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        result = normalize(body, style=style, **steps)
        if not diff:
            out.write(result + ending)
            continue
        for change in changes(body, result):
            out.write(f"{number}\t{change.old}\t{change.new}\n")


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="khabar normalize",
        description="Normalize Persian text (UTF-8) line for line.",
    )
    parser.add_argument(
        "file", nargs="?", default="-", help="input file, or - for stdin"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print LINE<TAB>OLD<TAB>NEW for each change"
    )
    parser.add_argument(
        "--steps",
        type=parse_steps,
        default={},
        help=(
            "steps to run: 'all', a list 'a,b', or changes to the defaults "
            f"'-a,+b' (steps: {', '.join(STEPS)}; default: all but diacritics)"
        ),
    )
    parser.add_argument(
        "--style",
        choices=STYLES,
        default=MODERN,
        help=(
            "plurals and comparatives: 'modern' half-spaces them (کتاب‌ها), "
            "'keep' leaves a text that joins them (کتابها) joined"
        ),
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the process exit code."""
    args = build_parser().parse_args(argv)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    try:
        if args.file == "-":
            lines = decoded_lines(sys.stdin.buffer)
            normalize_stream(lines, out, args.steps, args.diff, args.style)
        else:
            with open(args.file, "rb") as stream:
                lines = decoded_lines(stream)
                normalize_stream(lines, out, args.steps, args.diff, args.style)
    except InvalidUtf8Error as error:
        out.flush()
        sys.stderr.write(f"khabar normalize: {args.file}: {error}\n")
        return EXIT_BAD_INPUT
    except OSError as error:
        sys.stderr.write(f"khabar normalize: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
