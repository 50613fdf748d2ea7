FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_DISABLE_TELEMETRY=1
WORKDIR /app

COPY requirements/base.lock ./requirements/base.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/base.lock
COPY pyproject.toml README.md ./
COPY config ./config
COPY registry ./registry
COPY api ./api
RUN pip install --no-cache-dir --no-deps .

COPY . .
RUN pybabel -q compile --domain django --directory locale \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && useradd --create-home registry
USER registry

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
