"""Admin CSV exports never hand a spreadsheet a formula typed by an anonymous reader."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cidp_site.core.exports import neutralise
from cidp_site.search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db


def test_zero_result_export_neutralises_formulas(client):
    for query in ("+cmd|' /C calc'!A0", "=HYPERLINK(1)", "@SUM(1)", "-2+3", "flu jab"):
        ZeroResultQuery.record(query)
    admin = get_user_model().objects.create_superuser("nurse", "n@example.org", "pw-long-enough-1")
    client.force_login(admin)
    response = client.get(reverse("search_zero_results") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    queries = {row[0] for row in rows[1:]}
    assert queries == {"'+cmd|' /C calc'!A0", "'=HYPERLINK(1)", "'@SUM(1)", "'-2+3", "flu jab"}


def test_numbers_and_plain_text_are_left_alone():
    assert neutralise(-3) == -3
    assert neutralise("IVIG at home") == "IVIG at home"
    assert neutralise(" =1+1") == "' =1+1"
