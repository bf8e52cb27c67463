"""Scratchpad events carry their HTML from now on (rendered once, at write time); render the ones
written before, so streams, polling and replay only ever send what is stored."""

from django.db import migrations

from sdprep.markdown import render_user_markdown


def render_stored(apps, schema_editor):
    MockEvent = apps.get_model("interviews", "MockEvent")
    events = MockEvent.objects.filter(kind="scratchpad").exclude(payload__has_key="html")
    for event in events.iterator(chunk_size=500):
        content = event.payload.get("content", {})
        event.payload["html"] = {key: render_user_markdown(text) for key, text in content.items()}
        event.save(update_fields=["payload"])


class Migration(migrations.Migration):
    dependencies = [("interviews", "0005_practiceattempt_attempt_user_updated")]

    operations = [migrations.RunPython(render_stored, migrations.RunPython.noop)]
