"""The production static storage hashes and compresses files, and collects a vendored file whose source map is missing."""

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from cms.ops.staticfiles import RegistryStaticFilesStorage

# Big enough for WhiteNoise to find compression worth it.
MINIFIED = b"!function(){console.log(\"registri inovasi\")}();\n" * 200 + b"//# sourceMappingURL=library.js.map\n"


def test_a_vendored_file_without_its_source_map_is_collected_hashed_and_compressed(tmp_path, settings):
    source = FileSystemStorage(location=tmp_path / "source")
    source.save("vendor/library/library.js", ContentFile(MINIFIED))
    source.save("css/site.css", ContentFile(b"body { background: url('../img/dot.png'); }\n"))
    source.save("img/dot.png", ContentFile(b"\x89PNG\r\n"))
    target = RegistryStaticFilesStorage(location=tmp_path / "collected", base_url="/static/")
    for path in ["vendor/library/library.js", "css/site.css", "img/dot.png"]:
        with source.open(path) as handle:
            target.save(path, handle)

    found = {path: (source, path) for path in ["vendor/library/library.js", "css/site.css", "img/dot.png"]}
    errors = [processed for _name, _hashed, processed in target.post_process(found) if isinstance(processed, Exception)]

    assert errors == []
    hashed_js = target.stored_name("vendor/library/library.js")
    assert hashed_js != "vendor/library/library.js"
    assert target.open(hashed_js).read().endswith(b"//# sourceMappingURL=library.js.map\n")  # left as it was
    assert (tmp_path / "collected" / f"{hashed_js}.gz").exists()
    hashed_css = target.open(target.stored_name("css/site.css")).read().decode()
    assert target.stored_name("img/dot.png").split("/")[-1] in hashed_css  # references still rewritten
