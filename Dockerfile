# hpcbot: the Slack bot with its embedding model baked in, CPU only, as a non-root user.
#
#   docker build -t hpcbot .
#   docker run -d --name hpcbot -p 3000:3000 -v hpcbot-data:/data \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... hpcbot
#   docker run -d --name hpcbot -p 3000:3000 -v hpcbot-data:/data \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_APP_TOKEN=xapp-... \
#     -e HPCBOT_CHROMA_URL=http://chroma:8000 \
#     -e HPCBOT_STATE_URL=postgresql+psycopg://hpcbot:...@postgres:5432/hpcbot hpcbot
#
# HTTP mode (no SLACK_APP_TOKEN) takes Slack's requests on port 3000 at /slack/events; both modes
# serve /health (liveness), /ready and /metrics there. Outside a container Socket Mode listens on
# 127.0.0.1 only; in the image HPCBOT_HOST=0.0.0.0 (the container's network is the boundary:
# publish the port only where probes and Prometheus need it). The index is built at first start into
# /data (mount it to keep it) or into the Chroma server; `docker run ... hpcbot doctor` checks a
# deployment. compose.yaml runs two replicas with Chroma and PostgreSQL.
#
# Both stages install with scripts/install.sh, the script `make install` and CI run. The one
# difference: torch comes from PyTorch's CPU wheel index here (TORCH_INDEX_URL), because the
# local wheel cache the dev and CI machines use isn't inside Docker.

FROM python:3.11-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY scripts/install.sh scripts/install.sh
COPY bot bot
COPY knowledge knowledge
COPY ingest ingest
RUN TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu HPCBOT_EDITABLE=0 HPCBOT_EXTRAS='' \
    scripts/install.sh /opt/hpcbot

FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 hpcbot \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/hpcbot hpcbot \
    && mkdir /data \
    && chown hpcbot /data
COPY --from=builder /opt/hpcbot /opt/hpcbot
COPY scripts/docker-entrypoint.sh /usr/local/bin/hpcbot-entrypoint
ENV PATH=/opt/hpcbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HPCBOT_DATA_DIR=/data \
    HPCBOT_PORT=3000 \
    HPCBOT_HOST=0.0.0.0 \
    HPCBOT_LOG_FORMAT=json
USER 10001:10001
WORKDIR /home/hpcbot
VOLUME ["/data"]
EXPOSE 3000
# Liveness only: a replica still loading its index is alive (use /ready for traffic).
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/health' % os.environ.get('HPCBOT_PORT', '3000'), timeout=4)"]
ENTRYPOINT ["hpcbot-entrypoint"]
CMD ["serve"]
