#!/bin/sh
# Container entrypoint. `serve` (the default) first brings the index up to date, so a fresh
# container builds it at first start (or finds it in the mounted data dir / the Chroma server);
# set HPCBOT_INGEST_AT_START=0 when a separate job ingests (compose.yaml does, for replicas).
# Anything else runs as an hpcbot command: `docker run hpcbot doctor`, `... ingest --rebuild`.
set -eu
if [ "$#" -eq 0 ]; then
    set -- serve
fi
if [ "$1" = serve ] && [ "${HPCBOT_INGEST_AT_START:-1}" = 1 ]; then
    hpcbot ingest # incremental: seconds when nothing changed
fi
exec hpcbot "$@"
