# Production image: uvicorn with several workers behind whatever terminates TLS.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=sdprep.settings.production \
    WEB_CONCURRENCY=4 PORT=8000

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# collectstatic needs settings but no database or secrets of the real deployment.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --home /app sdprep && chown -R sdprep /app
USER sdprep

EXPOSE 8000
CMD ["sh", "-c", "exec uvicorn sdprep.asgi:application --host 0.0.0.0 --port ${PORT} --workers ${WEB_CONCURRENCY} --proxy-headers --forwarded-allow-ips='*' --lifespan off --timeout-graceful-shutdown 5"]

# nginx in front of the app processes (docker-compose.yml): the same collected static files, served from disk.
# Its configuration is deploy/nginx.conf.template, mounted by compose.
FROM nginx:1.27-bookworm AS nginx
COPY --from=app /app/.data/staticfiles /srv/static

# The default target stays the app image.
FROM app
