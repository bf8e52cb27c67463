from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casestudies.importing import ImportProblem
from casestudies.services import ImportReport, content_import


def read_sources(paths: list[str]) -> list[tuple[str, str]]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.glob("*.md")))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or directory")
    try:
        return [(str(f), f.read_text(encoding="utf-8")) for f in files]
    except UnicodeDecodeError as exc:
        raise CommandError(f"not UTF-8 text: {exc}") from exc


def run_import(command: BaseCommand, files: list[tuple[str, str]], dry_run: bool) -> ImportReport:
    try:
        report = content_import(files=files, dry_run=dry_run)
    except ImportProblem as exc:
        raise CommandError(f"{exc}\nNothing was imported.") from exc
    for line in report.framework:
        command.stdout.write(line)
    for verb, slugs in (
        ("created", report.created),
        ("updated", report.updated),
        ("left alone", report.unchanged),
    ):
        if slugs:
            names = (
                ", ".join(slugs) if len(slugs) <= 12 else f"{len(slugs)} items ({', '.join(slugs[:5])}, …)"
            )
            command.stdout.write(f"{'would be ' if dry_run else ''}{verb}: {names}")
    summary = (
        f"{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged"
    )
    if dry_run:
        command.stdout.write(f"Dry run: {summary}. Nothing was changed.")
    elif report.changed:
        command.stdout.write(command.style.SUCCESS(f"Imported: {summary}."))
    else:
        command.stdout.write(f"No change: {summary}.")
    return report


class Command(BaseCommand):
    help = "Import case studies (and the interview framework) from markdown files or folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, paths: list[str], dry_run: bool, **options):
        run_import(self, read_sources(paths), dry_run)
