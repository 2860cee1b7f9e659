"""The production static files storage: WhiteNoise's hashed, compressed files.

One change: comments that point at source maps (`//# sourceMappingURL=...`) are
left as they are instead of being rewritten to the map's hashed name. Minified
libraries vendored under static/vendor/ ship without their .map files, and
Django's storage refuses to collect a file whose map is missing (MissingFileError),
which would stop `collectstatic` and so the image build. Browsers only ask for a
map when developer tools are open; a missing one is a 404 there and nothing else.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    def keeps(pattern) -> bool:
        regex = pattern if isinstance(pattern, str) else pattern[0]
        return "sourceMappingURL" not in regex

    return tuple((extension, tuple(p for p in group if keeps(p))) for extension, group in patterns)


class RegistryStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
