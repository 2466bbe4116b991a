"""Read and write the shipped word table (``data/zwnj.txt.gz``).

The table is a gzip'd UTF-8 text file of sections, one word a line::

    #khabar-zwnj 1
    @zwnj      forms with half-spaces, such as «نرم‌افزار»
    @pairs     forms whose spaced spelling is joined too («نرم افزار»)
    @learned   forms whose spaced spelling is joined in text that types other
               half-spaces as spaces («پیش نیاز»), chosen by a learned model
    @resplit   known joined words split in text that deletes half-spaces
               («روانشناسی»), chosen by a learned model
    @heads     second parts of compounds that are written half-spaced
               («نویس»), split off an unknown joined word
    @bound     second parts that are no words on their own («پرداز»): a
               space before them is a half-space
    @words     correctly written words, never split and used as stems
    @adjectives  adjectives, which take «تر» and «ترین»
    @stopwords   function words (آن، این…), never joined across a space
    @present   present verb stems
    @past      past verb stems

It is built by :mod:`khabar.text.build` and loaded once per process.
"""

import gzip
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.text.chars import ZWNJ
from khabar.text.zwnj import Lexicon

HEADER = "#khabar-zwnj 1"
SECTIONS = (
    "zwnj",
    "pairs",
    "learned",
    "resplit",
    "heads",
    "bound",
    "words",
    "adjectives",
    "stopwords",
    "present",
    "past",
)
TABLE_NAME = "zwnj.txt.gz"

PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
GLIDE_ENDINGS = ("یم", "یی", "ید", "ییم", "یید", "یند")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه")
# Present stems used bare after «می» («می‌توان»).
BARE_PRESENT = frozenset(("توان",))


def write_table(path: Path, sections: Mapping[str, Iterable[str]]) -> None:
    """Write ``sections`` to ``path`` as a reproducible gzip'd table."""
    lines = [HEADER]
    for name in SECTIONS:
        lines.append("@" + name)
        lines.extend(sorted(set(sections.get(name, ()))))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with (
        path.open("wb") as raw,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
        ) as out,
    ):
        out.write(data)


def read_sections(data: bytes) -> dict[str, list[str]]:
    """Parse a gzip'd table into its named sections."""
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    if not lines or lines[0] != HEADER:
        raise ValueError("not a khabar zwnj table")
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current: list[str] | None = None
    for line in lines[1:]:
        if line.startswith("@"):
            current = sections.setdefault(line[1:], [])
        elif line and current is not None:
            current.append(line)
    return sections


def verb_forms(present: Iterable[str], past: Iterable[str]) -> frozenset[str]:
    """Conjugate verb stems into the forms that can follow «می»."""
    forms = set(BARE_PRESENT)
    for stem in present:
        forms.update(stem + end for end in PRESENT_ENDINGS)
        if stem[-1] in "او":
            forms.update(stem + end for end in GLIDE_ENDINGS)
    for stem in past:
        forms.update(stem + end for end in PAST_ENDINGS)
    return frozenset(forms)


def lexicon_from_sections(sections: Mapping[str, list[str]]) -> Lexicon:
    """Build a :class:`Lexicon` from parsed table sections."""
    zwnj = {form.replace(ZWNJ, ""): form for form in sections["zwnj"]}
    return Lexicon(
        zwnj=zwnj,
        pairs=frozenset(form.replace(ZWNJ, "") for form in sections["pairs"]),
        learned={form.replace(ZWNJ, ""): form for form in sections["learned"]},
        resplit={form.replace(ZWNJ, ""): form for form in sections["resplit"]},
        heads=frozenset(sections["heads"]),
        bound=frozenset(sections["bound"]),
        words=frozenset(sections["words"]),
        adjectives=frozenset(sections["adjectives"]),
        stopwords=frozenset(sections["stopwords"]),
        verbs=verb_forms(sections["present"], sections["past"]),
    )


@cache
def shipped_lexicon() -> Lexicon:
    """Load the table shipped with the package (once per process)."""
    data = resources.files("khabar.text").joinpath("data", TABLE_NAME).read_bytes()
    return lexicon_from_sections(read_sections(data))
