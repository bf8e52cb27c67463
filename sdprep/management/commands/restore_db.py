import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sdprep.management.pgclient import Target

ARCHIVE_MAGIC = b"PGDMP"  # the first bytes of every pg_dump custom-format file


class Command(BaseCommand):
    help = (
        "Replace the database's contents (the embedded one, or DATABASE_URL's) with a backup made by "
        "backup_db. Asks nothing; runs in one transaction, so a failed restore changes nothing. "
        "Stop the app first: it would wait on the app's locks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The backup, e.g. backups/sdprep-20250101-120000.dump.")

    def handle(self, *args, file: str, **options) -> None:
        path = self.readable_archive(file)
        target = Target.from_settings()
        seconds = target.run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(path),
        )
        self.stdout.write(f"Restored {path} into the {target.description} in {seconds:.1f} s.")

    @staticmethod
    def readable_archive(file: str) -> Path:
        if not file.strip():
            raise CommandError("Name the backup to restore, e.g. backups/sdprep-20250101-120000.dump.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}: nothing was restored.")
        if not os.access(path, os.R_OK):
            raise CommandError(f"{path} cannot be read (permission denied): nothing was restored.")
        with path.open("rb") as archive:
            if archive.read(len(ARCHIVE_MAGIC)) != ARCHIVE_MAGIC:
                raise CommandError(
                    f"{path} is not a pg_dump custom-format backup (make backup writes those): "
                    "nothing was restored."
                )
        return path
