"""What ``sync_content`` does with ``codes:``: rebuild a written page's codes from its file.

Called only when the sync writes something, so an unchanged run stays query-free here.
"""

from __future__ import annotations

from ..models import PageCode
from .content import claims


def record(written: dict, retired_ids: set[str]) -> int:
    """Replace the codes of ``written`` ({content_id: (parsed, page)}); drop those of removed pages."""
    created = 0
    if written:
        PageCode.objects.filter(content_id__in=list(written)).delete()
        rows = [
            PageCode(system=c.system, code=c.code, order=c.order, content_id=cid, page=page)
            for cid, (parsed, page) in written.items()
            for c in claims(parsed)
        ]
        PageCode.objects.bulk_create(rows)
        created = len(rows)
    if retired_ids:
        PageCode.objects.filter(content_id__in=list(retired_ids)).delete()
    return created
