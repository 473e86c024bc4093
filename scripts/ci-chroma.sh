#!/bin/sh
# Start a Chroma server (`chroma run` from the installed chromadb package) for CI and write its
# environment to a file.
#
#   scripts/ci-chroma.sh [ENV_FILE]       # default: $CHROMA_TEST_DIR/env.sh (/tmp/hpcbot-chroma)
#   . "$ENV_FILE"                          # exports HPCBOT_TEST_CHROMA_URL
#
# Telemetry stays off: the Python client is built with anonymized_telemetry=False, and the
# server exports OpenTelemetry only to an endpoint it is given (none here). Idempotent: a
# server already answering on the port is reused. Stop it with `kill "$(cat .../chroma.pid)"`.
set -eu
CHROMA_TEST_DIR=${CHROMA_TEST_DIR:-/tmp/hpcbot-chroma}
CHROMA_TEST_PORT=${CHROMA_TEST_PORT:-58000}
ENV_FILE=${1:-$CHROMA_TEST_DIR/env.sh}
CHROMA=${CHROMA_BIN:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/chroma}
URL=http://127.0.0.1:$CHROMA_TEST_PORT

alive() { python3 -c "import urllib.request as u; u.urlopen('$URL/api/v2/heartbeat', timeout=2)" 2>/dev/null; }

mkdir -p "$CHROMA_TEST_DIR"
if ! alive; then
    ANONYMIZED_TELEMETRY=False nohup "$CHROMA" run --path "$CHROMA_TEST_DIR/data" \
        --host 127.0.0.1 --port "$CHROMA_TEST_PORT" >"$CHROMA_TEST_DIR/server.log" 2>&1 &
    echo $! >"$CHROMA_TEST_DIR/chroma.pid"
    tries=0
    until alive; do
        tries=$((tries + 1))
        if [ "$tries" -gt 60 ]; then
            echo "ci-chroma.sh: Chroma did not answer on $URL; log in $CHROMA_TEST_DIR/server.log" >&2
            exit 1
        fi
        sleep 0.5
    done
fi
mkdir -p "$(dirname "$ENV_FILE")"
printf 'export HPCBOT_TEST_CHROMA_URL=%s\n' "$URL" >"$ENV_FILE"
echo "ci-chroma.sh: Chroma server up on $URL; env in $ENV_FILE" >&2
