"""Discharge-note text: /l/<code>.txt, and the same text on the clinicians' page and handouts."""

import html as html_lib
import re

import yaml

from cidp_site.links.note import CHECK

ORIGIN = {"Origin": "http://testserver"}


def front(path):
    return yaml.safe_load(path.read_text().split("---")[1])


def textareas(html: str) -> dict[str, str]:
    """id -> text of every read-only note box on a page."""
    found = re.findall(r'<textarea class="note-text" id="([^"]+)" readonly[^>]*>(.*?)</textarea>', html, re.S)
    return {box_id: html_lib.unescape(text) for box_id, text in found}


def test_a_pages_note_text(linked, client):
    meta = front(linked / "treatment" / "ivig.md")
    response = client.get(f"/l/{meta['short_code']}.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert response.content.decode() == (
        "IVIG treatment\n"
        f"http://testserver/l/{meta['short_code']}\n"
        "IVIG is a medicine given through a drip.\n"
        "Ask your care team if anything here does not match what you were told.\n"
    )


def test_a_questions_and_a_packets_note_text(linked, client, settings):
    settings.PUBLIC_BASE_URL = "https://cidp.example.org"
    meta = front(linked / "treatment" / "ivig.md")
    code = meta["short_codes"]["how-well-it-works"]
    lines = client.get(f"/l/{code}.txt").content.decode().splitlines()
    assert lines == [
        "How well does IVIG work?",
        f"https://cidp.example.org/l/{code}",
        "It answers the question “How well does IVIG work?” on the page “IVIG treatment”.",
        CHECK,
    ]
    side = front(linked / "treatment" / "ivig-side-effects.md")
    made = client.post("/l/packet/", {"p": [meta["short_code"], side["short_code"]]}, headers=ORIGIN)
    packet = made["Location"].split("/")[2]
    lines = client.get(f"/l/{packet}.txt").content.decode().splitlines()
    assert lines[0] == "Your information pages" and lines[1] == f"https://cidp.example.org/l/{packet}"
    assert lines[2] == f"Information pages: “IVIG treatment” and “{side['title']}”." and lines[3] == CHECK


def test_unknown_and_retired_codes_are_not_a_500(linked, client):
    assert client.get("/l/zzzzz.txt").status_code == 404
    assert client.get("/l/%00.txt").status_code == 404
    assert client.post("/l/zzzzz.txt").status_code == 405


def test_the_clinicians_page_offers_every_note_without_javascript(linked, client):
    meta = front(linked / "treatment" / "ivig.md")
    html = client.get("/l/").content.decode()
    boxes = textareas(html)
    page_code, q_code = meta["short_code"], meta["short_codes"]["how-well-it-works"]
    # The same text as the .txt file, in a read-only box the reader can select all of.
    assert boxes[f"note-{page_code}"] + "\n" == client.get(f"/l/{page_code}.txt").content.decode()
    assert boxes[f"note-{q_code}"] + "\n" == client.get(f"/l/{q_code}.txt").content.decode()
    assert f'<label class="note-label" for="note-{page_code}">' in html
    # With JavaScript, a real (keyboard-reachable) button copies it; the script is a static file.
    assert f'<button type="button" class="copy-note" data-copy-from="note-{q_code}" hidden>' in html
    assert re.search(r'<script src="/static/js/copy-link[^"]*\.js" defer>', html)
    assert "onclick" not in html and "<script>" not in html


def test_a_handout_offers_its_note(linked, client):
    meta = front(linked / "treatment" / "ivig.md")
    code = meta["short_code"]
    html = client.get(f"/l/{code}/handout/").content.decode()
    assert textareas(html)[f"note-{code}"] + "\n" == client.get(f"/l/{code}.txt").content.decode()
    assert 'class="handout-screen-only handout-note-box"' in html  # on screen, not on paper
    q_code = meta["short_codes"]["how-well-it-works"]
    q_html = client.get(f"/l/{q_code}/handout/").content.decode()
    assert textareas(q_html)[f"note-{q_code}"].startswith("How well does IVIG work?\n")
