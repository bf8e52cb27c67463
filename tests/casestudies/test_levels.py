"""Level names are data, and say what Amazon's levels are: L6 senior engineer or engineering manager,
L7 principal engineer or senior manager (L8 would be director)."""

import importlib

from django.apps import apps

from casestudies.models import Level


def test_level_names_are_corrected_by_the_migrations(db):
    """Run on a database that still has the old names (another test may have flushed the seeded rows)."""
    migration = importlib.import_module("casestudies.migrations.0010_correct_level_names")
    for order, (code, (_new, old)) in enumerate(migration.NAMES.items()):
        Level.objects.update_or_create(code=code, defaults={"name": old, "order": order})
    migration.correct(apps, None)
    names = dict(Level.objects.values_list("code", "name"))
    assert names["L6"] == "L6 — Senior engineer / engineering manager"
    assert names["L7"] == "L7 — Principal engineer / senior manager"
    assert not any("Director" in name for name in names.values())


def test_the_dashboard_names_the_level(client_bob, bob, levels):
    html = client_bob.get("/dashboard/L7/").content.decode()
    assert "L7 — Principal engineer / senior manager" in html
