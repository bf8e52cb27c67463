import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sdprep.management.pgclient import Target, human_size


class Command(BaseCommand):
    help = (
        "Back up the database (the embedded one, or DATABASE_URL's) with pg_dump's custom format "
        "into backups/sdprep-YYYYmmdd-HHMMSS.dump (UTC). Restore it with restore_db."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="Where the file goes (created if missing). Default: backups/ in the project.",
        )

    def handle(self, *args, output_dir: Path, **options) -> None:
        target = Target.from_settings()
        output_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        path = output_dir / f"sdprep-{stamp}.dump"
        if path.exists():
            raise CommandError(f"{path} already exists; wait a second and run the backup again.")
        # Written under another name first: a failed dump never looks like a backup.
        partial = path.with_name(path.name + ".partial")
        try:
            seconds = target.run("pg_dump", "--format=custom", "--file", str(partial))
            partial.rename(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(
            f"Backed up the {target.description} to {path} "
            f"({human_size(path.stat().st_size)} in {seconds:.1f} s)."
        )
