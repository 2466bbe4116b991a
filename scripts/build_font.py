"""Fetch Vazirmatn from the npm registry and subset it for Persian pages.

Writes ``src/khabar/site/static/site/fonts/vazirmatn-fa.woff2`` (the variable
font, every weight in one file, cut down to the characters Persian text and
Khabar's pages use) and its licence ``OFL.txt``. Run ``make fonts``; it needs
fontTools and brotli (``pip install -e '.[fonts]'``) and the npm registry.
"""

import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

from fontTools import subset

VERSION = "33.0.3"
TARBALL = f"https://registry.npmjs.org/vazirmatn/-/vazirmatn-{VERSION}.tgz"
SOURCE = "package/fonts/webfonts/Vazirmatn[wght].woff2"
LICENCE = "package/OFL.txt"
OUT = Path(__file__).resolve().parents[1] / "src/khabar/site/static/site/fonts"
# Persian and Arabic letters, Persian/Arabic digits and punctuation, harakat,
# ZWNJ/ZWJ and bidi marks, basic Latin and general punctuation (« » – — …).
UNICODES = (
    "U+0020-007E,U+00A0,U+00AB,U+00BB,U+00D7,U+0600-06FF,U+200C-200F,"
    "U+2010-2027,U+2030,U+2039,U+203A,U+FB8A,U+FD3E,U+FD3F"
)


def fetch() -> tarfile.TarFile:
    with urllib.request.urlopen(TARBALL, timeout=60) as response:  # noqa: S310
        return tarfile.open(fileobj=io.BytesIO(response.read()), mode="r:gz")


def main() -> int:
    archive = fetch()
    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / "vazirmatn-source.woff2"
    source.write_bytes(archive.extractfile(SOURCE).read())
    (OUT / "OFL.txt").write_bytes(archive.extractfile(LICENCE).read())
    target = OUT / "vazirmatn-fa.woff2"
    subset.main(
        [
            str(source),
            f"--unicodes={UNICODES}",
            "--flavor=woff2",
            "--layout-features=*",
            "--no-hinting",
            f"--output-file={target}",
        ]
    )
    source.unlink()
    print(json.dumps({"font": str(target), "bytes": target.stat().st_size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
