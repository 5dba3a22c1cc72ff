"""Moving the feedback models out of the search app kept what readers had already told us."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("search", "0004_synonym_glossary_anchor")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_answers_and_comments_given_before_the_move_are_still_there_after_it():
    executor = MigrationExecutor(connection)
    executor.migrate([*BEFORE_THE_MOVE, ("feedback", None)])
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    root = old.get_model("wagtailcore", "Page").objects.get(depth=1)
    old.get_model("search", "PageFeedback").objects.create(page_id=root.pk, helpful=True, count=4)
    old.get_model("search", "FeedbackComment").objects.create(
        page_id=root.pk, helpful=False, comment="Kept across the move"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from cidp_site.feedback.models import FeedbackComment, PageFeedback

    assert list(PageFeedback.objects.values_list("page_id", "helpful", "count")) == [(root.pk, True, 4)]
    assert list(FeedbackComment.objects.values_list("comment", flat=True)) == ["Kept across the move"]
