"""PageFeedback and FeedbackComment now belong to the feedback app (feedback 0001 takes them over
with their tables); here they leave this app's state only, so no table or row is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    # Recorded under the app's old label in databases migrated before 0006: see 0006.
    replaces = [("site_search", "0005_feedback_moves_to_its_own_app")]
    dependencies = [
        ("search", "0004_synonym_glossary_anchor"),
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="FeedbackComment"),
                migrations.DeleteModel(name="PageFeedback"),
            ],
            database_operations=[],
        ),
    ]
