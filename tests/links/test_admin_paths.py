"""Renaming and moving pages in the Wagtail admin must not break any address ever published.

Editors rename and move pages by hand; a patient's saved link or a printed handout must still land on
the same page. This drives the real admin forms (edit + publish, move + confirm) as a superuser.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField

from cidp_site.links.models import PublishedURL
from cidp_site.pages.models import FAQPage, HomePage, SectionPage


class _FormFields(HTMLParser):
    """Collect the submittable fields of the page edit form, as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select, self._in_form = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "page-edit-form":
            self._in_form = True
        if not self._in_form or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file") or kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _block_data(block, value, prefix, data):
    """Post a StreamField the way the admin's JavaScript does (the HTML form only carries JSON state)."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(value))
        for i, child in enumerate(value):
            data.update({f"{prefix}-{i}-type": child.block_type, f"{prefix}-{i}-deleted": ""})
            data.update({f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": child.id or ""})
            _block_data(child.block, child.value, f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, value[name], f"{prefix}-{name}", data)
    else:
        state = block.get_form_state(value)
        data[prefix] = state.get("id", "") if isinstance(state, dict) else ("" if state is None else state)


def _edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    assert parser.data.get("slug") == page.slug, "the edit form was read"
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _block_data(field.stream_block, getattr(page, field.name), field.name, parser.data)
    return parser.data


@pytest.fixture
def admin_client(client, linked):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-for-tests")
    client.force_login(user)
    return client


def _publish_new_slug(client, page, slug, capture):
    page = page.specific
    data = _edit_form(client, page)
    data.update({"slug": slug, "action-publish": "action-publish"})
    with capture(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.slug == slug and page.live


def _move(client, page, destination, capture):
    chooser = client.get(reverse("wagtailadmin_pages:move", args=[page.pk]))
    assert chooser.status_code == 200
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    assert client.get(url).status_code == 200
    with capture(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == destination.pk


def test_admin_rename_and_move_keep_every_published_url(
    admin_client, django_capture_on_commit_callbacks, client
):
    capture = django_capture_on_commit_callbacks
    ivig = FAQPage.objects.get(content_id="ivig-treatment")
    side = FAQPage.objects.get(content_id="ivig-side-effects")
    section = SectionPage.objects.get(slug="treatment")
    home = HomePage.objects.get()
    assert ivig.url == "/treatment/ivig/"

    _publish_new_slug(admin_client, ivig, "ivig-basics", capture)
    _move(admin_client, ivig, home, capture)
    _publish_new_slug(admin_client, section, "therapy", capture)

    ivig.refresh_from_db()
    side.refresh_from_db()
    assert ivig.url == "/ivig-basics/" and side.url == "/therapy/ivig-side-effects/"
    paths = set(PublishedURL.objects.values_list("path", flat=True))
    expected = {
        "/treatment/ivig/": ivig.pk,
        "/treatment/ivig-basics/": ivig.pk,
        "/ivig-basics/": ivig.pk,
        "/treatment/ivig-side-effects/": side.pk,
        "/therapy/ivig-side-effects/": side.pk,
        "/treatment/": section.pk,
        "/therapy/": section.pk,
    }
    assert set(expected) <= paths, paths
    admin_client.logout()
    for path in sorted(paths):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        if path in expected:
            assert response.context["page"].pk == expected[path], path
