"""The message catalogues hold exactly the texts the code marks for translation.

`samenspel/translations/messages.pot` is what a translator starts from; it fell about 25
texts behind the code while the `.po` files were kept by hand. Extracted here the way the
README says (`pybabel extract -F babel.cfg`), it must list every marked text and nothing the
code no longer uses; the Dutch catalogue (the default language) must translate every one,
and the English one must hold every one (English is the source text: its `msgstr` may be
empty)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from samenspel.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "samenspel" / "translations"
FIX = (
    "run: pybabel extract -F babel.cfg -o samenspel/translations/messages.pot . && "
    "pybabel update -i samenspel/translations/messages.pot -d samenspel/translations "
    "(then translate the new entries in nl/LC_MESSAGES/messages.po)"
)


def ids(path) -> set:
    with open(path, "rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> set:
    """What the code marks, extracted now with the project's babel.cfg."""
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = [sys.executable, "-c", "import sys; from babel.messages.frontend import main; sys.exit(main())"]
    options = ["-F", "babel.cfg", "-o", str(out), "--ignore-dirs", ".* _* node_modules build"]
    subprocess.run([*pybabel, "-q", "extract", *options, "."], cwd=PROJECT_ROOT, check=True)
    return ids(out)


def test_the_template_lists_every_marked_text_and_no_other(marked):
    template = ids(TRANSLATIONS / "messages.pot")
    assert not marked - template, f"missing from messages.pot: {sorted(marked - template)[:10]}; {FIX}"
    assert not template - marked, f"no longer in the code: {sorted(template - marked)[:10]}; {FIX}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_language_holds_every_marked_text(marked, lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    missing = sorted(text for text in marked if text not in catalogue)
    assert not missing, f"{lang}: missing {missing[:10]}; {FIX}"
    if lang == "nl":
        untranslated = sorted(str(m.id) for m in catalogue if m.id in marked and (not m.string or m.fuzzy))
        assert not untranslated, f"nl: not translated (or fuzzy): {untranslated[:10]}"
