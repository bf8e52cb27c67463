from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

AVAILABLE = "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"

# pg_trgm's similarity() for single words, in plain SQL: the same padded trigrams ("  w", " wo", ... "d "),
# shared ÷ all. For servers without the contrib module (the embedded development server ships none).
SIMILARITY_SQL = """
CREATE OR REPLACE FUNCTION similarity(a text, b text) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH ta AS (
        SELECT DISTINCT substr(w, i, 3) AS g
        FROM (SELECT '  ' || lower(a) || ' ' AS w) AS s, generate_series(1, length(w) - 2) AS i
    ), tb AS (
        SELECT DISTINCT substr(w, i, 3) AS g
        FROM (SELECT '  ' || lower(b) || ' ' AS w) AS s, generate_series(1, length(w) - 2) AS i
    ), counts AS (
        SELECT (SELECT count(*) FROM (SELECT g FROM ta INTERSECT SELECT g FROM tb) AS x) AS shared,
               (SELECT count(*) FROM (SELECT g FROM ta UNION SELECT g FROM tb) AS y) AS total
    )
    SELECT CASE WHEN total = 0 THEN 0 ELSE shared::real / total END FROM counts
$$;
"""


class TrigramExtensionWhereAvailable(TrigramExtension):
    """pg_trgm where the server has it (the production image), else the SQL similarity() above."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(AVAILABLE)
            available = cursor.fetchone() is not None
        if available:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            schema_editor.execute(SIMILARITY_SQL)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        """Leave the extension (or function) in place: other databases objects may use it."""


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0008_casestudy_published"),
    ]

    operations = [
        TrigramExtensionWhereAvailable(),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True)),
                ("frequency", models.PositiveIntegerField(default=1)),
            ],
        ),
    ]
