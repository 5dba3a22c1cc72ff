"""Diagnosis codes on pages, and ``/connect/``: the HL7 Infobutton (URL-based) knowledge request.

Record systems ask for patient education by diagnosis code, as they do of MedlinePlus Connect.
Codes live in the content files (``codes:`` in front matter, checked by ``content``), are copied by
``sync_content`` into ``PageCode`` (``sync``), and are looked up read-only by the view.
"""
