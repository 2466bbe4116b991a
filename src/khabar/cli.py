"""The ``khabar`` console command.

``khabar demo``, ``khabar serve`` and ``khabar import`` are Khabar's own;
``khabar normalize`` and ``khabar text build`` run the text engine without
Django; every other word is passed to Django's management commands
(``khabar migrate``, ``khabar shell``, ``khabar createsuperuser`` …).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command named by ``argv`` (default: the process arguments)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["normalize"]:
        from khabar.text.cli import main as normalize_main

        return normalize_main(args[1:])
    if args[:2] == ["text", "build"]:
        from khabar.text.build import main as build_main

        return build_main(args[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["khabar", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
