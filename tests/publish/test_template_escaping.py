"""Every value a template prints is escaped, includes too.

MkDocs builds its Jinja environment with autoescape off, and an `{% include %}` does not inherit
the `{% autoescape %}` block around it; so each partial is rendered here alone, in an environment
set up the same way, with hostile values, and parsed with a real HTML parser.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from bs4 import BeautifulSoup

from noticeboard.model import Feedback
from noticeboard.publish.pages import feedback_view
from noticeboard.publish.views import Item, Live

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def env() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)))
    environment.filters["url"] = lambda value: value  # MkDocs' url filter only joins paths
    return environment


def executable(html: str) -> list[str]:
    """What a browser would run: script elements, on* attributes, javascript: URLs."""
    soup = BeautifulSoup(html, "html.parser")
    found = [str(tag) for tag in soup.find_all("script")]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{tag.name}[{name}]")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"{tag.name}[{name}]={value}")
        if len(tag.attrs) > 8:
            found.append(f"{tag.name} has injected attributes")
    return found


def live(text: str = HOSTILE) -> Live:
    return Live(text, text, text, text, text, text)


def test_listing_item_escapes_every_value() -> None:
    item = Item(
        url=f"notices/{HOSTILE}/",
        title=HOSTILE,
        live=live(),
        branch=HOSTILE,
        category=HOSTILE,
        period=HOSTILE,
        start_iso=HOSTILE,
        number=HOSTILE,
    )
    html = env().get_template("partials/nb-item.html").render(item=item)
    assert executable(html) == []
    assert BeautifulSoup(html, "html.parser").find(class_="nb-item__number").text == HOSTILE


def test_feedback_escapes_address_person_and_builds_a_safe_mailto() -> None:
    fb = feedback_view(
        Feedback(
            phone=HOSTILE,
            email=f'a@b.example"onmouseover="alert(1)?cc=x{HOSTILE}',
            address=HOSTILE,
            person=HOSTILE,
        ),
        HOSTILE,
        None,
    )
    html = env().get_template("partials/nb-feedback.html").render(fb=fb)
    assert executable(html) == []
    soup = BeautifulSoup(html, "html.parser")
    mail = next(a["href"] for a in soup.find_all("a") if a["href"].startswith("mailto:"))
    assert not set('"<> ?&') & set(mail)


@pytest.mark.parametrize(
    ("phone", "href"),
    [("0550-5203118 转 8001", "tel:05505203118,8001"), ("村部值班室", None)],
)
def test_feedback_phone_links_the_number_it_dials_or_is_plain_text(phone, href) -> None:
    fb = feedback_view(Feedback(phone=phone), "金铺村党支部", None)
    html = env().get_template("partials/nb-feedback.html").render(fb=fb)
    cell = BeautifulSoup(html, "html.parser").select_one(".nb-facts dd")
    assert cell.get_text() == phone
    assert (cell.a["href"] if cell.a else None) == href


@pytest.mark.parametrize("name", ["nb-built.html", "nb-live.html"])
def test_small_partials_escape(name: str) -> None:
    class Anything:
        def __getattr__(self, _: str) -> str:
            return HOSTILE

    html = (
        env()
        .get_template(f"partials/{name}")
        .render(nb=Anything(), live=Anything(), nb_site=Anything())
    )
    assert executable(html) == []


def test_own_templates_are_autoescaped() -> None:
    """Each template of ours that prints board values turns autoescape on in itself."""
    own = [OVERRIDES / f"{name}.html" for name in ("notice", "listing", "accountability")]
    own.append(OVERRIDES / "board-print.html")
    own += sorted((OVERRIDES / "partials").glob("nb-*.html"))
    for template in own:
        assert "autoescape true" in template.read_text(encoding="utf-8"), template.name


def test_page_head_escapes_crumbs_title_and_lead_but_keeps_the_rendered_markdown() -> None:
    crumb = SimpleNamespace(url=f"x/{HOSTILE}/", title=HOSTILE)
    nb = SimpleNamespace(crumbs=[crumb], title=HOSTILE, lead=HOSTILE)
    page = SimpleNamespace(content="<p class='from-markdown'>正文</p>")
    html = env().get_template("partials/nb-page-head.html").render(nb=nb, page=page)
    assert executable(html) == []
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.text == HOSTILE and soup.select_one(".nb-lead").text == HOSTILE
    assert [li.text for li in soup.select(".nb-crumbs li")] == [HOSTILE, HOSTILE]
    assert soup.select_one("p.from-markdown").text == "正文"  # already sanitised upstream
