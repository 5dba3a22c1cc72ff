"""Pictures carry their width and height, so the text below them never jumps when they load."""

import re

import pytest
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from cidp_site.core.templatetags.image_size import size_of


@pytest.fixture
def images(settings, tmp_path):
    settings.STATICFILES_DIRS = [tmp_path]
    size_of.cache_clear()
    folder = tmp_path / "content-images"
    folder.mkdir()
    yield folder
    size_of.cache_clear()


def render_figure(name):
    from cidp_site.pages.blocks import FigureBlock

    block = FigureBlock()
    return block.render(block.to_python({"image": name, "alt": "A drawing of a nerve", "caption": ""}))


@pytest.mark.django_db
def test_a_real_page_gives_its_picture_the_pictures_own_size(settings, client):
    settings.CONTENT_DIR = settings.BASE_DIR / "content"
    call_command("sync_content", verbosity=0)
    html = client.get("/treatment/ivig/").content.decode()
    tag = next(t for t in re.findall(r"<img [^>]*>", html) if "ivig-timeline" in t)
    # the size of static/content-images/ivig-timeline.svg (its page's HTML is re-serialised, so
    # the attributes may come in any order)
    assert ('width="680"' in tag, 'height="380"' in tag) == (True, True)


def test_sizes_come_from_svg_attributes_a_viewbox_or_a_raster_header(images):
    (images / "sized.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="640px" height="300">')
    (images / "box.svg").write_text('<?xml version="1.0"?>\n<svg viewBox="0 0 512.4 200" role="img">')
    Image.new("RGB", (30, 20)).save(images / "photo.png")
    assert 'width="640" height="300"' in render_figure("sized.svg")
    assert 'width="512" height="200"' in render_figure("box.svg")
    assert 'width="30" height="20"' in render_figure("photo.png")


def test_a_picture_whose_size_cannot_be_told_still_renders_without_one(images):
    (images / "odd.svg").write_text("<svg>")
    (images / "typo.svg").write_text('<svg width="1.2.3" height="5">')
    (images / "flat.svg").write_text('<svg viewBox="0 0 0 0">')
    (images / "broken.png").write_bytes(b"not a picture")
    for name in ("odd.svg", "typo.svg", "flat.svg", "broken.png", "missing.svg", "../../secret.svg"):
        html = render_figure(name)
        assert re.search(r'<img src="[^"]*' + name.rsplit("/")[-1], html)  # shown, never a 500
        assert "width=" not in html


def test_the_template_tag_names_a_static_path(images):
    (images / "sized.svg").write_text('<svg width="10" height="5">')
    tag = '{% load image_size %}{% image_size "content-images/sized.svg" as s %}{{ s.0 }}x{{ s.1 }}'
    assert Template(tag).render(Context()) == "10x5"
