# community-api: Strawberry GraphQL subgraph over Neo4j.
# Build: docker build -t community-api .   (or: docker-compose build api)
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Install the project as a regular (non-editable) package: only what
# pyproject.toml packages (graph*, resolvers*, schema* and their .cypher/
# .graphql/.json data) ends up in site-packages. README.md is the package readme.
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY resolvers ./resolvers
COPY schema ./schema
RUN pip install . && rm -rf /src

# Run as an unprivileged user. /app is its writable working directory (the
# embedded engine's default data dir `.data` resolves there if NEO4J_URI is unset).
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/app app \
    && install -d -o app -g app /app
WORKDIR /app
USER app

EXPOSE 8000

# slim has no curl: probe with the standard library. urlopen raises on a
# non-2xx answer or a refused connection, so the exit code is enough.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["community-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
