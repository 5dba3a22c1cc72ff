"""The packet constraint's migration keeps every packet made twice before it, so printed codes work."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# serialized_rollback: the next tests that restore the database (pagecache) find it as they expect.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE, AFTER = [("links", "0002_page_codes")], [("links", "0003_one_packet_per_set")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_packets_made_twice_keep_their_codes_and_the_oldest_is_reused():
    old = migrate(BEFORE).get_model("links", "ShortCode")
    for code in ("FIRST", "TWICE"):
        old.objects.create(code=code, kind="packet", members=["AAAAA", "BBBBB"], members_key="AAAAA,BBBBB")
    new = migrate(AFTER).get_model("links", "ShortCode")
    rows = {row.code: row.members_key for row in new.objects.filter(kind="packet")}
    assert rows == {"FIRST": "AAAAA,BBBBB", "TWICE": ""}


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
