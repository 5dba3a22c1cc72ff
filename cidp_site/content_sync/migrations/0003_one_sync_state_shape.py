# Help text only (both states now share FileSyncState): no column changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content_sync', '0002_warninglistsyncstate'),
    ]

    operations = [
        migrations.AlterField(
            model_name='contentsyncstate',
            name='synced_revision_id',
            field=models.BigIntegerField(blank=True, help_text='The revision the last sync or export produced.', null=True),
        ),
        migrations.AlterField(
            model_name='warninglistsyncstate',
            name='synced_revision_id',
            field=models.BigIntegerField(blank=True, help_text='The revision the last sync or export produced.', null=True),
        ),
    ]
