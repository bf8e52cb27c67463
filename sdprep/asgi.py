import os

from sdprep.handlers import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
application = get_asgi_application()
