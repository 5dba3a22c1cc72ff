"""The starting set of synonyms. Nurses change them afterwards under Snippets > Search synonyms."""

from django.db import migrations

DEFAULT_GROUPS = [
    ("IVIG, intravenous immunoglobulin, intravenous immune globulin, immune globulin, immunoglobulin, IG",
     "The main treatment on this site"),
    ("SCIG, subcutaneous immunoglobulin, subcutaneous immune globulin", ""),
    ("plasma exchange, plasmapheresis, PE, PLEX", ""),
    ("CIDP, chronic inflammatory demyelinating polyneuropathy, "
     "chronic inflammatory demyelinating polyradiculoneuropathy", ""),
    ("GBS, Guillain-Barré, Guillain-Barré syndrome, Guillain Barre", ""),
    ("MG, myasthenia gravis, myasthenia", ""),
    ("MMN, multifocal motor neuropathy", ""),
    ("EMG, electromyography, nerve conduction study, nerve conduction test, NCS, nerve test",
     "Tests of how nerves and muscles work"),
    ("steroids, corticosteroids, prednisone, prednisolone", ""),
    ("infusion, drip", ""),
    ("side effects, side effect, reaction, reactions", ""),
    ("relapse, flare, flare up, flare-up", ""),
    ("neurologist, nerve doctor, nerve specialist", ""),
    ("myelin, myelin sheath, nerve coating", ""),
    ("anaphylaxis, severe allergic reaction", ""),
    ("numbness, numb, pins and needles, tingling", ""),
    ("weakness, weak", ""),
    ("antibody, antibodies", ""),
    ("aseptic meningitis, meningitis", ""),
    ("immunosuppressant, immunosuppressants, immune suppressant", ""),
]


def add_defaults(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create(SynonymGroup(terms=t, note=n) for t, n in DEFAULT_GROUPS)


def remove_defaults(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[t for t, _ in DEFAULT_GROUPS]).delete()


class Migration(migrations.Migration):
    # Recorded under the app's old label in databases migrated before 0006: see 0006.
    replaces = [("site_search", "0003_default_synonyms")]
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
