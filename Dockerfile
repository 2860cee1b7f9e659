# The registry's one image: the same image runs the web process, the task
# worker and one-off commands (migrate, search_index --rebuild, backups).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    REGISTRY_ENV=production DJANGO_STATIC_ROOT=/app/static_collected DJANGO_MEDIA_ROOT=/data/media

RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 registry

WORKDIR /app
COPY pyproject.toml README.md ./
COPY registry registry
COPY search search
COPY cms cms
RUN pip install .
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && mkdir -p /data/media && chown -R registry /data

USER registry
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "cms.wsgi"]
