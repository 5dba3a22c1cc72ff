"""Short links resolve to wherever a page is now; QR, JSON-LD, packets; renamed/moved/retired URLs."""

import json
import re
import subprocess

import segno
import yaml

from cidp_site.links.models import PublishedURL, ShortCode
from cidp_site.links.qr import qr_svg
from cidp_site.pages.models import FAQPage


def front(path):
    return yaml.safe_load(path.read_text().split("---")[1])


def test_page_and_question_codes_resolve_and_unknown_is_a_friendly_404(linked, client):
    meta = front(linked / "treatment" / "ivig.md")
    response = client.get(f"/l/{meta['short_code']}")
    assert response.status_code == 302 and response["Location"] == "/treatment/ivig/"
    response = client.get(f"/l/{meta['short_codes']['where']}")
    assert response["Location"] == "/treatment/ivig/#where"
    for bad in ("zzzzz", "0O1lI", "%00", "a" * 300):
        response = client.get(f"/l/{bad}")
        assert response.status_code == 404 and b"short link" in response.content


def test_qr_code_decodes_to_the_short_link(linked, client, tmp_path):
    code = front(linked / "treatment" / "ivig.md")["short_code"]
    response = client.get(f"/l/{code}/qr.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    url = f"http://testserver/l/{code}"
    assert response.content == qr_svg(url)
    # zbarimg reads raster images: decode the same segno symbol as PNG.
    png = tmp_path / "qr.png"
    segno.make(url, error="m", micro=False).save(str(png), scale=4, border=4)
    result = subprocess.run(["/usr/bin/zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)  # noqa: S603
    assert result.stdout.strip() == f"http://testserver/l/{code}"


def test_json_ld_canonical_and_printed_short_link_on_each_page(linked, client):
    code = front(linked / "treatment" / "ivig.md")["short_code"]
    html = client.get("/treatment/ivig/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "MedicalWebPage" and data["lastReviewed"] == "2026-11-20"
    assert data["reviewedBy"]["name"] == "Test reviewer"
    assert data["audience"]["audienceType"] == "Patient"
    assert data["url"] == "http://testserver/treatment/ivig/"
    assert '<link rel="canonical" href="http://testserver/treatment/ivig/">' in html
    assert f"testserver/l/{code}" in html and 'media="print"' in html
    assert "style=" not in html


def test_handout_and_packet(linked, client):
    ivig = front(linked / "treatment" / "ivig.md")["short_code"]
    side = front(linked / "treatment" / "ivig-side-effects.md")["short_code"]
    html = client.get(f"/l/{ivig}/handout/").content.decode()
    assert "IVIG treatment" in html and f"testserver/l/{ivig}" in html and "Last reviewed" in html
    assert "site-header" not in html and f"/l/{ivig}/qr.svg" in html
    origin = {"Origin": "http://testserver"}
    response = client.post("/l/packet/", {"p": [ivig, side, "zzzzz"]}, headers=origin)
    assert response.status_code == 303
    packet_code = response["Location"].split("/")[2]
    again = client.get(f"/l/packet/?p={side}&p={ivig}")
    assert again["Location"] == response["Location"], "the same set opens the same packet"
    row = ShortCode.objects.get(code=packet_code)
    assert row.kind == ShortCode.PACKET and row.members == [ivig, side]
    assert client.get(f"/l/{packet_code}")["Location"] == f"/l/{packet_code}/handout/"
    html = client.get(f"/l/{packet_code}/handout/").content.decode()
    assert html.count("qr.svg") == 1 and "IVIG treatment" in html and "Side effects" in html
    assert client.get("/l/packet/?p=nonsense").status_code == 302


def test_clinicians_list_has_every_page_and_question(linked, client):
    html = client.get("/l/").content.decode()
    for code in ShortCode.objects.values_list("code", flat=True):
        assert f"/l/{code}" in html
    assert 'type="checkbox" name="p"' in html and "copy-link.js" in html


def test_renamed_moved_and_retired_pages_keep_every_published_url(linked, sync, client):
    ivig = linked / "treatment" / "ivig.md"
    ivig.write_text(
        ivig.read_text().replace("id: ivig-treatment\n", "id: ivig-treatment\nslug: about-ivig\n")
    )
    sync()
    (linked / "care").mkdir()
    (linked / "care" / "_index.md").write_text("---\nid: care\ntitle: Care\nsummary: Care.\n---\n")
    ivig.rename(linked / "care" / "ivig.md")
    sync()
    side = linked / "treatment" / "ivig-side-effects.md"
    side_code = front(side)["short_code"]
    side.write_text(side.read_text())
    page = FAQPage.objects.get(content_id="ivig-treatment")
    assert page.url == "/care/about-ivig/"
    paths = set(PublishedURL.objects.values_list("path", flat=True))
    assert {"/treatment/ivig/", "/treatment/about-ivig/", "/care/about-ivig/"} <= paths
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
    assert client.get("/treatment/ivig/", follow=True).context["page"].pk == page.pk
    code = front(linked / "care" / "ivig.md")["short_code"]
    assert client.get(f"/l/{code}")["Location"] == "/care/about-ivig/"
    # Retire a page: its address and short link answer 410 with help, never 404.
    (linked / "care" / "ivig.md").unlink()
    text = side.read_text()
    side.write_text(text)
    sync()
    for path in PublishedURL.objects.values_list("path", flat=True):
        response = client.get(path, follow=True)
        assert response.status_code in (200, 410), path
    gone = client.get("/care/about-ivig/")
    assert gone.status_code == 410 and b"search" in gone.content
    assert client.get(f"/l/{code}", follow=True).status_code == 410
    assert client.get(f"/l/{side_code}", follow=True).status_code == 200
