# The API and loader image used by docker-compose.yml: the package and the example documents.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY api ./api
COPY config ./config
COPY graph ./graph
COPY loaders ./loaders
COPY kg ./kg
COPY examples ./examples
RUN pip install .

USER nobody
EXPOSE 8000
CMD ["kg", "serve"]
