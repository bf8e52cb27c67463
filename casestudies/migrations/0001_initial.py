from django.db import migrations, models


def seed_levels(apps, schema_editor):
    Level = apps.get_model("casestudies", "Level")
    for order, (code, name) in enumerate(
        [("L6", "L6 — Senior engineering manager / principal"), ("L7", "L7 — Director / senior principal")]
    ):
        Level.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Level",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=8, unique=True)),
                ("name", models.CharField(max_length=80)),
                ("order", models.PositiveSmallIntegerField(default=0)),
            ],
            options={"ordering": ["order", "code"]},
        ),
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
    ]
