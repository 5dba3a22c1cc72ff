"""The pages every browser test visits: the sitemap plus pages no sitemap lists.

Another branch adds its pages (handouts, clinician pages, a 410 page) by appending a path to
EXTRA_PATHS; every browser check then covers it with no other change.
"""

from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
from defusedxml import ElementTree

CONTENT = Path(__file__).resolve().parents[2] / "content"
# The page the live test site retires (its file removed, the one list line linking to it dropped,
# then synced), so a 410 page is covered like any other.
RETIRED_FILE = "conditions/mmn.md"
RETIRED_LINK = "(page:mmn)"


def short_code(rel: str) -> str:
    return frontmatter.load(CONTENT / rel).metadata["short_code"]


# (path, expected HTTP status). Search pages and error pages are not in the sitemap.
EXTRA_PATHS = [
    ("/search/?q=ivig", 200),
    ("/search/?q=why+might+ivig+be+chosen", 200),  # a result shown once, with where else it appears
    ("/search/?q=zzqqxxnothing", 200),
    ("/search/", 200),
    ("/no-such-page-here/", 404),
    ("/conditions/mmn/", 410),
    ("/l/", 200),  # for clinicians: every topic and question with its short link
    (f"/l/{short_code('treatment/ivig.md')}/handout/", 200),
    (f"/l/packet/?p={short_code('treatment/ivig.md')}&p={short_code('cidp/symptoms.md')}", 200),
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
