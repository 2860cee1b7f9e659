"""The English catalogue is complete, compiled and up to date with the code.

Indonesian is the source language; every translatable string needs its English in
locale/en/LC_MESSAGES/. When a test here fails: run `make messages`, translate the new
or fuzzy entries in locale/en/LC_MESSAGES/*.po, run `make messages` again (it compiles
the .mo files) and commit both files.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
HOW_TO_FIX = (
    "Run `make messages`, translate the listed entries in locale/en/LC_MESSAGES/{domain}.po "
    "(and clear their fuzzy flag), then run `make messages` again to compile the .mo and commit both."
)
# Folders that hold no source of ours (the same as the Makefile's `messages` target ignores).
NOT_SOURCE = [".venv", "var", "static_collected", ".git", ".hypothesis", ".ruff_cache", "__pycache__", "media", "*.sqlite3*"]


def _catalogue(domain: str) -> polib.POFile:
    path = LOCALE_DIR / f"{domain}.po"
    assert path.exists(), f"{path} is missing. " + HOW_TO_FIX.format(domain=domain)
    return polib.pofile(str(path))


def _key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _translations(entries) -> dict:
    return {
        _key(entry): (entry.msgstr, tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items())))
        for entry in entries
    }


def _sample(items, limit=15) -> str:
    items = list(items)
    shown = "\n  ".join(repr(item) for item in items[:limit])
    more = f"\n  … and {len(items) - limit} more" if len(items) > limit else ""
    return f"\n  {shown}{more}\n"


@pytest.mark.parametrize("domain", DOMAINS)
def test_english_catalogue_is_complete_and_compiled(domain):
    po = _catalogue(domain)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated entries:{_sample(untranslated)}" + HOW_TO_FIX.format(domain=domain)
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries:{_sample(fuzzy)}" + HOW_TO_FIX.format(domain=domain)

    mo_path = LOCALE_DIR / f"{domain}.mo"
    assert mo_path.exists(), f"{mo_path} is missing. " + HOW_TO_FIX.format(domain=domain)
    compiled = _translations(entry for entry in polib.mofile(str(mo_path)) if entry.msgid)
    expected = _translations(po.translated_entries())
    stale = sorted(key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key))
    assert not stale, f"{domain}.mo does not match {domain}.po for:{_sample(stale)}" + HOW_TO_FIX.format(domain=domain)


def _fresh_catalogues(tmp_path: Path) -> Path:
    """Run the Makefile's makemessages commands on a copy of the project; return its LC_MESSAGES."""
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "REGISTRY_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    for domain in DOMAINS:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "en", "-d", domain, "--no-obsolete",
             "--ignore=.venv", "--ignore=static_collected", "--ignore=var"],
            cwd=copy, env=env, check=True, capture_output=True, text=True,
        )
    return copy / "locale" / "en" / "LC_MESSAGES"


def test_every_translatable_string_of_the_project_is_in_the_catalogue(tmp_path):
    assert shutil.which("xgettext") and shutil.which("msgmerge"), "GNU gettext is needed: apt-get install gettext"
    fresh_dir = _fresh_catalogues(tmp_path)
    for domain in DOMAINS:
        committed = {_key(entry) for entry in _catalogue(domain) if not entry.obsolete}
        fresh = {_key(entry) for entry in polib.pofile(str(fresh_dir / f"{domain}.po")) if not entry.obsolete}
        missing = sorted(fresh - committed)
        stale = sorted(committed - fresh)
        assert not missing, (
            f"{len(missing)} strings of the code are not in {domain}.po:{_sample(missing)}" + HOW_TO_FIX.format(domain=domain)
        )
        assert not stale, (
            f"{len(stale)} entries of {domain}.po are no longer in the code:{_sample(stale)}" + HOW_TO_FIX.format(domain=domain)
        )
