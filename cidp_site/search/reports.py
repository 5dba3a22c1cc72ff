"""Admin report for nurses: searches whose words no page uses (found nothing, or only answers close in
meaning), so the words readers use can be added."""

from django.db.models import Count, Max, Sum
from wagtail.admin.ui.tables import Column

from cidp_site.core.editors import EditorReport

from .models import ZeroResultQuery


class ZeroResultsReport(EditorReport):
    page_title = "Searches whose words no page uses"
    header_icon = "search"
    url_name = "search_zero_results"
    export_headings = {"query": "Search", "total": "Times", "days": "Days", "last_seen": "Last seen"}
    columns = [
        Column("query", label="What readers searched for"),
        Column("total", label="Times"),
        Column("days", label="On how many days"),
        Column("last_seen", label="Last seen"),
    ]

    def get_queryset(self):
        return (
            ZeroResultQuery.objects.values("query")
            .annotate(total=Sum("count"), days=Count("day"), last_seen=Max("day"))
            .order_by("-total", "-last_seen", "query")
        )
