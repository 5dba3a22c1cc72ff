"""An uncached FAQ page costs a bounded number of queries, however many questions it has.

Twelve: the nine a page always needed, plus one for the shared warning lists it includes, one for
the sources it cites and one for the site's emergency number, each read once however often used.
"""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

FRONT = """---
id: many-questions
title: Many questions
summary: A page to count queries.
reviewed_on: 2026-11-20
review_due: 2027-11-20
reviewed_by: Test reviewer
related:
  - ivig-treatment
  - ivig-side-effects
---
"""


def question(n: int) -> str:
    return (
        f"## Question number {n}? {{#q{n}}}\n\nShort answer {n} [@ice-trial-2008].\n\n"
        f"More about it, with a [link](page:ivig-treatment) and a [second](page:ivig-side-effects).\n\n"
        ":::call-today\nCall your nurse today if this happens.\n:::\n\n:::include ivig-emergency\n\n"
    )


@pytest.mark.parametrize("questions", [3, 30])
def test_an_uncached_faq_page_uses_at_most_twelve_queries(
    content_dir, client, django_assert_max_num_queries, questions
):
    (content_dir / "treatment" / "many-questions.md").write_text(
        FRONT + "".join(question(n) for n in range(questions)), encoding="utf-8"
    )
    call_command("sync_content", verbosity=0)
    client.get("/treatment/many-questions/")  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(12) as captured:
        response = client.get("/treatment/many-questions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f'id="q{n}"' in html for n in range(questions))
    assert html.count('href="/treatment/ivig/"') >= questions  # every answer's link was resolved
    assert html.count('data-warning-list="ivig-emergency"') == questions  # every included list shown
    assert html.count('href="#ref-1"') >= questions  # and every citation numbered
    print(f"{questions} questions: {len(captured)} queries")
