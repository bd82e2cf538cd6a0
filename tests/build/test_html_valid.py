"""Gate: every page of the built sites is valid HTML in the W3C Nu checker (warnings allowed).

The one Nu check of the suite: the demo site and tests/fixtures/site (superseded, answered and
archived notices, attachments) in one run of the checker. A missing Java or vnu.jar fails it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.pages import html_pages, representative, spread
from support.vnu import Finding, is_error, is_known_material_error, run_vnu

pytestmark = pytest.mark.build

# Above this many pages the checker gets every kind of page plus an even stride of the rest.
MAX_CHECKED = 600


def blocking_errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if is_error(f) and not is_known_material_error(f)]


def test_built_site_has_a_home_page_and_404(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()


def test_every_page_is_valid_html(built_site: Path, fixture_site: Path) -> None:
    pages = spread(built_site, html_pages(built_site), MAX_CHECKED) + html_pages(fixture_site)
    errors = blocking_errors(run_vnu(pages))
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(
        e.text() for e in errors[:60]
    )


def test_gate_reports_our_errors_and_forgives_only_materials(tmp_path: Path) -> None:
    head = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head>'
    material = tmp_path / "material.html"
    material.write_text(
        head + '<body><input class="md-toggle" type="checkbox" autocomplete="off"></body></html>',
        encoding="utf-8",
    )
    ours = tmp_path / "ours.html"
    ours.write_text(
        head + '<body><input class="mine" type="checkbox" autocomplete="off">'
        "<p><div>block in p</div></p></body></html>",
        encoding="utf-8",
    )
    findings = run_vnu([material, ours])
    assert [f for f in findings if is_error(f) and "material.html" in f.url]
    errors = blocking_errors(findings)
    assert errors
    assert all("ours.html" in e.url for e in errors)
    assert any("autocomplete" in e.message for e in errors)


def test_sample_covers_every_kind_of_page(tmp_path: Path) -> None:
    rels = ["index.html", "404.html", "search/index.html", "branches/index.html"]
    rels += [f"branches/b{i}/index.html" for i in range(5)]
    rels += [f"notices/b/2026/n{i:03d}/index.html" for i in range(200)]
    pages = [tmp_path / r for r in rels]
    picked = {p.relative_to(tmp_path).as_posix() for p in representative(tmp_path, pages)}
    for rel in ("index.html", "404.html", "search/index.html", "branches/index.html"):
        assert rel in picked
    assert {"branches/b0/index.html", "branches/b4/index.html"} <= picked
    assert {"notices/b/2026/n000/index.html", "notices/b/2026/n199/index.html"} <= picked
    spread_out = spread(tmp_path, sorted(pages), 50)
    assert len(spread_out) == 50
    assert set(representative(tmp_path, pages)) <= set(spread_out)
    assert spread(tmp_path, pages[:10], 50) == pages[:10]
    notices = [p for p in spread(tmp_path, sorted(pages), 150) if "notices" in p.parts]
    middle = {p.parent.name for p in notices} - {"n000", "n199"}
    # An even stride over the archive, not its first hundred-odd notices.
    assert min(middle) < "n010" and max(middle) > "n190"
