import time

from django.core.management.base import BaseCommand, CommandError

from demo import builder


class Command(BaseCommand):
    help = (
        "Fill the database with demo users, teams, practice, reviews and mocks. "
        "Run load_content first; --scale large builds benchmark volumes (about 10,000 users)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale",
            choices=sorted(builder.SCALES),
            default="small",
            help="small (default): 18 people in two teams; large: 10,000 people, 1M attempts, 100k mocks.",
        )
        parser.add_argument(
            "--only-if-empty",
            action="store_true",
            dest="only_if_empty",
            help="Do nothing if the database already has teams or demo users (used by `make run`).",
        )
        parser.add_argument("--seed", type=int, default=builder.SEED, help="Another seed, other people.")

    def handle(self, *args, scale: str, only_if_empty: bool, seed: int, verbosity: int = 1, **options):
        if only_if_empty and (reason := builder.not_empty_reason()):
            self.stdout.write(f"Demo data not loaded: {reason}.")
            return
        show_progress = scale == "large" and verbosity > 0
        started = time.monotonic()
        try:
            counts = builder.build(
                builder.SCALES[scale],
                seed=seed,
                progress=builder.Progress(
                    self._draw if show_progress else None, interactive=self.stdout.isatty()
                ),
            )
        except (builder.NoContent, builder.SeedRefused) as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n:,} {stage}" for stage, n in counts.items())
        self.stdout.write(f"Built {summary} in {time.monotonic() - started:.1f}s.")
        self.stdout.write(
            f"Demo data ready. Sign in as a member: {builder.MEMBER_EMAIL} / {builder.PASSWORD} "
            f"\u2014 or as a manager: {builder.MANAGER_EMAIL} / {builder.PASSWORD}"
        )

    def _draw(self, text: str) -> None:
        self.stdout.write(text, ending="")
        self.stdout.flush()
