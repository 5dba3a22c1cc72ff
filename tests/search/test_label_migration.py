"""A database migrated while the search app's label was ``site_search`` moves to ``search`` cleanly.

Django reads django_migrations before any migration runs, so the old rows must be enough for it to
know 0001..0005 are applied (their ``replaces``); 0006 then runs, then the migrations written after
it, and the content types, the permissions groups hold on them and the search data all carry over.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from cidp_site.search.models import SynonymGroup, ZeroResultQuery

OLD_NAMES = [
    "0001_initial",
    "0002_fulltext",
    "0003_default_synonyms",
    "0004_synonym_glossary_anchor",
    "0005_feedback_moves_to_its_own_app",
]
MODELS = ("searchentry", "synonymgroup", "zeroresultquery")


def as_migrated_before_the_rename():
    """What a database migrated on the old label holds: its rows and content types say site_search."""
    rows = MigrationRecorder.Migration.objects
    rows.filter(app__in=["search", "site_search"]).delete()
    rows.bulk_create(MigrationRecorder.Migration(app="site_search", name=name) for name in OLD_NAMES)
    ContentType.objects.filter(app_label="search", model__in=MODELS).update(app_label="site_search")
    with connection.cursor() as cursor:  # added by 0007, after the rename
        cursor.execute("ALTER TABLE site_search_searchentry DROP COLUMN phrasings")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_migrated_on_the_old_label_runs_the_relabelling_then_the_rest():
    ZeroResultQuery.record("plasma exchnage")
    synonyms = SynonymGroup.objects.count()
    group = Group.objects.create(name="Reads the no-result report")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="search", codename="view_zeroresultquery")
    )
    as_migrated_before_the_rename()

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert [(m.app_label, m.name) for m, backwards in plan] == [
        ("search", "0006_label_is_search"),
        ("search", "0007_searchentry_phrasings"),
    ]
    executor.migrate(executor.loader.graph.leaf_nodes())

    labels = dict(ContentType.objects.filter(model__in=MODELS).values_list("model", "app_label"))
    assert labels == dict.fromkeys(MODELS, "search")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("search", "view_zeroresultquery")
    ]
    assert list(ZeroResultQuery.objects.values_list("query", flat=True)) == ["plasma exchnage"]
    assert SynonymGroup.objects.count() == synonyms
    recorded = set(MigrationRecorder.Migration.objects.filter(app="search").values_list("name", flat=True))
    assert recorded == {*OLD_NAMES, "0006_label_is_search", "0007_searchentry_phrasings"}
    assert MigrationExecutor(connection).migration_plan(executor.loader.graph.leaf_nodes()) == []
