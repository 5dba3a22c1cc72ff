"""{% image_size "content-images/x.svg" as size %}: a static picture's width and height, for <img>.

With width and height on the tag the browser keeps the picture's space before it loads (lazily, as
a reader scrolls), so the text below never jumps. The figures are read from the file once.
"""

import re
from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from PIL import Image, UnidentifiedImageError

register = template.Library()

SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
NUMBER = rb"\s*=\s*[\"']\s*([\d.]+)\s*(?:px)?\s*[\"']"


def _svg_size(head: bytes) -> tuple[int, int] | None:
    root = SVG_ROOT.search(head)
    if not root:
        return None
    tag = root.group(0)
    width, height = (re.search(rb"\s" + name + NUMBER, tag) for name in (b"width", b"height"))
    box = re.search(rb"\sviewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)", tag)
    if width and height:
        numbers = width.group(1), height.group(1)
    elif box:
        numbers = box.group(1), box.group(2)
    else:
        return None
    try:
        size = round(float(numbers[0])), round(float(numbers[1]))
    except ValueError:  # "1.2.3"
        return None
    return size if all(size) else None


@lru_cache(maxsize=256)
def size_of(path: str) -> tuple[int, int] | None:
    """(width, height) of a static file, or None when it is missing or its size cannot be told."""
    try:
        found = finders.find(path)
    except SuspiciousFileOperation:  # a name that leaves the static folders
        return None
    if not found:
        return None
    if path.lower().endswith(".svg"):
        with open(found, "rb") as svg:
            return _svg_size(svg.read(4096))
    try:
        with Image.open(found) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


@register.simple_tag
def image_size(path):
    return size_of(str(path))
