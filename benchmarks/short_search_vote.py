"""How far to trust the vote of judged searches for a search of one or two words that no page uses.

For each tuning search of one or two words, the judged searches nearest it vote (its own words left
out, as in search), and the answer the vote is strong for is scored against its judgments, by how
close the nearest judged search is. Searches about something else (OFF_TOPIC, below) are run through
search first: for those that find nothing by their words, how close the nearest judged search comes.
A bar is good if the vote is mostly right above it and no search about something else reaches it.
Reads only the tuning part; prints counts and the searches about something else, never a held-out
query.

    DJANGO_SETTINGS_MODULE=cidp_site.settings.dev python benchmarks/short_search_vote.py

Needs a database with content/ synced and the maps in cidp_site/search/data (learn_search_meaning).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARS = (0.7, 0.75, 0.8, 0.85, 0.9)
OFF_TOPIC = """weather pizza football bitcoin holiday mortgage recipes golf netflix lottery taxi hairdresser
cat garden plumber pension shoes guitar chess knitting bananas coffee tea wine beer iphone laptop wifi
facebook youtube amazon election president queen london paris spain beach skiing camping fishing
painting olympics yoga pilates gym keto vegan chocolate cake bread pasta curry sushi burger chips
crisps moon stars dinosaurs volcano earthquake rain snow sunshine clouds ocean river mountain forest
bird fish shark elephant lion tiger piano violin drums singing dance movies cinema theatre books
poetry history maths science physics chemistry school university cv salary bank loan shopping sale
discount fridge oven kettle toaster sofa bed pillow curtains carpet paint wallpaper passport visa
flights hotel cruise""".split() + [
    "car insurance", "cricket scores", "train times", "dog food", "wedding dress", "tax return",
    "password reset", "bbc news", "king charles", "horse racing", "premier league", "world cup",
    "marathon training", "protein shake", "diet plan", "weight loss", "biology homework",
    "job interview", "credit card", "lawn mower", "vacuum cleaner", "washing machine",
    "broken boiler", "leaking tap", "flat tyre", "speeding ticket",
]  # fmt: skip


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidp_site.settings.dev")
    import django

    django.setup()
    from cidp_site.search import encoder, exemplars, meaning
    from cidp_site.search.evaluation import HIT_GRADE, load
    from cidp_site.search.query import parse, search

    judged = exemplars.exemplars()
    if judged is None:
        raise SystemExit("No judged searches: run manage.py learn_search_meaning first.")
    search("ivig")  # builds the site's facts
    located = list(meaning._located(meaning.site_facts()))
    key_of = {pk: key for pk, key, _ in located}

    def voted(texts):
        for vector in encoder.encoder().embed(texts):
            votes = judged.votes(vector)
            yield votes.nearest, [key_of[pk] for pk in exemplars.strong(votes, located)[:3]]

    def right(keys, want):
        return any(max(want.get(k, 0), want.get(k.partition("#")[0] + "#*", 0)) >= HIT_GRADE for k in keys)

    # The words meaning reads: folded, corrected, and glossary-only words read as their group's name
    # (search.query.meant), as search.query._fresh hands them to meaning.
    rows = [(parse(j.query).meaning, j.want) for j in load(ROOT / "tests/search/relevance_set.yaml")]
    short = [(text, want) for text, want in rows if 0 < len(text.split()) < 3]
    scored = list(zip(short, voted([text for text, _ in short]), strict=True))
    print(f"Tuning searches of one or two words: {len(short)}")
    print(
        "| nearest judged search | answered | answer with most of the vote right | one of up to three right |"
    )
    print("| --- | --- | --- | --- |")
    for bar in BARS:
        kept = [((_, want), keys) for (_, want), (near, keys) in scored if near >= bar and keys]
        first = sum(right(keys[:1], want) for (_, want), keys in kept) / max(len(kept), 1)
        any3 = sum(right(keys, want) for (_, want), keys in kept) / max(len(kept), 1)
        print(f"| >= {bar:.2f} | {len(kept)} | {100 * first:.1f} % | {100 * any3:.1f} % |")
    outcomes = {text: search(text) for text in OFF_TOPIC}
    nothing = [text for text, found in outcomes.items() if found.count == 0 or found.parsed.by_meaning]
    print(
        f"\nSearches about something else: {len(OFF_TOPIC)}; finding nothing by their words: {len(nothing)}"
    )
    for near, text in sorted(
        ((near, text) for text, (near, _) in zip(nothing, voted(nothing), strict=True)), reverse=True
    )[:5]:
        print(f"  {near:.3f}  {text}")


if __name__ == "__main__":
    main()
