from pathlib import Path

from django.core.management.base import BaseCommand

from casestudies.management.commands.import_casestudies import read_sources, run_import

CONTENT = Path(__file__).resolve().parents[2] / "content"
# Case studies and the framework first, then the rubric and the question bank that point at them.
CONTENT_DIRS = [CONTENT, CONTENT / "questions"]


class Command(BaseCommand):
    help = "Import all the content shipped with sdprep (idempotent: no change when nothing changed)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options):
        run_import(self, read_sources([str(d) for d in CONTENT_DIRS if d.exists()]), dry_run)
