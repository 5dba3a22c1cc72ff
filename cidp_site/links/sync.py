"""What ``sync_content`` does with short codes: refuse a reused code, then record the new ones.

Called only when the sync writes something, so an unchanged run stays query-free here.
"""

from __future__ import annotations

from .content_codes import wanted_codes
from .models import ShortCode


def reuse_problems(files) -> list[tuple[object, int, str]]:
    """A code in a file that was ever issued to something else (even a retired page) is refused."""
    wanted = [(parsed, w) for parsed in files for w in wanted_codes(parsed)]
    if not wanted:
        return []
    issued = {
        row.code: row
        for row in ShortCode.objects.filter(code__in=[w.code for _, w in wanted]).only(
            "code", "kind", "content_id", "anchor"
        )
    }
    found = []
    for parsed, want in wanted:
        row = issued.get(want.code)
        if row is not None and (row.content_id, row.anchor) != (want.content_id, want.anchor):
            owner = f"{row.content_id}#{row.anchor}".rstrip("#") if row.content_id else f"a {row.kind}"
            found.append(
                (
                    parsed,
                    want.line,
                    f"short code '{want.code}' was issued to {owner}; codes are never reused. "
                    "Remove it and run manage.py assign_short_codes",
                )
            )
    return found


def record(written: dict, retired_ids: set[str]) -> int:
    """Record the codes of ``written`` ({content_id: (parsed, page)}); retire codes of removed pages."""
    created = 0
    if written:
        wanted = [(w, page) for parsed, page in written.values() for w in wanted_codes(parsed)]
        issued = {row.code: row for row in ShortCode.objects.filter(code__in=[w.code for w, _ in wanted])}
        new_rows = []
        for want, page in wanted:
            row = issued.get(want.code)
            if row is None:
                kind = ShortCode.QUESTION if want.anchor else ShortCode.PAGE
                new_rows.append(
                    ShortCode(
                        code=want.code, kind=kind, content_id=want.content_id, anchor=want.anchor, page=page
                    )
                )
            elif row.page_id != page.pk or row.retired:
                row.page, row.retired = page, False
                row.save(update_fields=["page", "retired"])
        ShortCode.objects.bulk_create(new_rows)
        created = len(new_rows)
    if retired_ids:
        ShortCode.objects.filter(content_id__in=retired_ids).update(retired=True)
    return created
