"""The pages every browser test visits: the sitemap plus pages no sitemap lists.

Another branch adds its pages (handouts, clinician pages, a 410 page) by appending a path to
EXTRA_PATHS; every browser check then covers it with no other change.
"""

from urllib.parse import urlsplit

from defusedxml import ElementTree

# (path, expected HTTP status). Search pages and error pages are not in the sitemap.
EXTRA_PATHS = [
    ("/search/?q=ivig", 200),
    ("/search/?q=zzqqxxnothing", 200),
    ("/search/", 200),
    ("/no-such-page-here/", 404),
]

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(xml_text):
    """Paths of every <loc> in a sitemap; the host is dropped so any test server can serve them."""
    root = ElementTree.fromstring(xml_text)
    paths = []
    for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS):
        parts = urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def all_pages(fetch_text):
    """Every (path, expected status) to check; fetch_text(path) returns a page body from the server."""
    pages = [(path, 200) for path in sitemap_paths(fetch_text("/sitemap.xml"))]
    return pages + [item for item in EXTRA_PATHS if item not in pages]
