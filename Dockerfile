# docproc: one image for the web (docproc serve), the workers (docproc worker) and migrations (docproc db upgrade).
# Build: docker build -t docproc .      Run: see compose.yaml and the README's "Deployment" chapter.

FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps -w /dist .

FROM python:3.11-slim
# What pip cannot install (as scripts/bootstrap.sh does on a host): tesseract with the Chinese models, and the
# TrueType CJK face the supplement letter's PDF embeds.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist/ /tmp/dist/
RUN pip install --no-cache-dir /tmp/dist/*.whl && rm -rf /tmp/dist \
 && useradd --system --uid 10001 --home-dir /var/lib/docproc --create-home docproc
ENV PYTHONUNBUFFERED=1 \
    DOCPROC_DATA_DIR=/var/lib/docproc \
    DOCPROC_LOG_FORMAT=json \
    OMP_THREAD_LIMIT=1
USER docproc
WORKDIR /var/lib/docproc
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/livez', timeout=4)" || exit 1
# The web tier; workers run `docproc worker`, the one-shot migration `docproc db upgrade`.
CMD ["docproc", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "0"]
