"""Every short code ever issued, and every public address ever published.

Rows are never deleted: a code whose page or question went away stays reserved (so a printed
handout never opens someone else's page), and every recorded address must keep answering.
"""

from django.db import models


class ShortCode(models.Model):
    PAGE, QUESTION, PACKET = "page", "question", "packet"
    KINDS = [(PAGE, "page"), (QUESTION, "question"), (PACKET, "packet")]

    code = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    content_id = models.CharField(
        max_length=100, blank=True, help_text="The page's permanent id from its file (page, question)."
    )
    anchor = models.CharField(max_length=100, blank=True, help_text="The question's anchor.")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.JSONField(default=list, blank=True, help_text="Packet: the page codes, in order.")
    members_key = models.CharField(
        max_length=500, blank=True, db_index=True, help_text="Packet: sorted page codes, to reuse packets."
    )
    retired = models.BooleanField(default=False, help_text="Its page or question is gone; kept reserved.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["page", "kind"])]
        constraints = [
            # Two clinicians ticking the same pages at the same moment get one packet, not two.
            models.UniqueConstraint(
                fields=["members_key"],
                condition=models.Q(kind="packet") & ~models.Q(members_key=""),
                name="one_packet_per_set_of_pages",
            )
        ]

    def __str__(self) -> str:
        target = f"{self.content_id}#{self.anchor}" if self.anchor else self.content_id or "packet"
        return f"{self.code} → {target}"


class PublishedURL(models.Model):
    """An address a reader may have saved: recorded whenever a page is published, moved or renamed."""

    path = models.CharField(max_length=1000, unique=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    first_published_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.path


class PageCode(models.Model):
    """A diagnosis code a page answers for, copied from ``codes:`` in its file by ``sync_content``.

    Only the file is edited; these rows are rebuilt from it whenever the file is synced, and read by
    ``/connect/`` (see ``cidp_site.links.connect``).
    """

    ICD10CM, SNOMED = "icd10cm", "snomed"
    SYSTEMS = [(ICD10CM, "ICD-10-CM"), (SNOMED, "SNOMED CT")]

    system = models.CharField(max_length=10, choices=SYSTEMS)
    code = models.CharField(max_length=20)
    content_id = models.CharField(max_length=100, help_text="The page's permanent id from its file.")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(
        null=True, blank=True, help_text="When pages share a code: lower comes first."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "code", "content_id"], name="links_pagecode_unique")
        ]
        indexes = [models.Index(fields=["system", "code"])]

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.code} → {self.content_id}"
