import io

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache backs allauth's rate limits; creating it here means every
    # `migrate` (make run, tests, docker) has it without a separate step.
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0, stdout=io.StringIO()
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
