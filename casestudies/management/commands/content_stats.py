import json

from django.core.management.base import BaseCommand

from casestudies.selectors import content_stats


class Command(BaseCommand):
    help = "Counts of the content, for editors."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="One JSON object on stdout.")

    def handle(self, *args, as_json: bool = False, **options):
        stats = content_stats()
        if as_json:
            self.stdout.write(json.dumps(stats))
            return
        for key, value in stats.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            self.stdout.write(f"{key.replace('_', ' '):<14} {value}")
