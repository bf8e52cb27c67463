from django.db import migrations

# Amazon's ladder: L6 senior engineer or engineering manager, L7 principal engineer or senior manager,
# L8 director. 0001 named each one step too high.
NAMES = {
    "L6": ("L6 — Senior engineer / engineering manager", "L6 — Senior engineering manager / principal"),
    "L7": ("L7 — Principal engineer / senior manager", "L7 — Director / senior principal"),
}


def correct(apps, schema_editor):
    Level = apps.get_model("casestudies", "Level")
    for code, (name, _) in NAMES.items():
        Level.objects.filter(code=code).update(name=name)


def restore(apps, schema_editor):
    Level = apps.get_model("casestudies", "Level")
    for code, (_, old) in NAMES.items():
        Level.objects.filter(code=code).update(name=old)


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0009_search_vocabulary")]

    operations = [migrations.RunPython(correct, restore)]
