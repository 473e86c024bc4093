"""The real servers CI starts (`scripts/ci-services.sh`): PostgreSQL and a Chroma server.

Each test gets its own throwaway database on them, so tests stay independent:

    with fresh_postgres_database() as url:   # postgresql+psycopg://.../hpcbot_t_<hex>
    with fresh_chroma_database() as url:     # http://127.0.0.1:N?database=t-<hex>

Outside CI a missing server skips the test; with CI=true it fails, so CI can't pass by skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

from external import unavailable

POSTGRES_VAR = "HPCBOT_TEST_POSTGRES_URL"
CHROMA_VAR = "HPCBOT_TEST_CHROMA_URL"


def server_url(variable: str) -> str:
    """The server's URL from the environment; fails under CI=true, skips elsewhere."""
    value = os.environ.get(variable)
    if value:
        return value
    unavailable(f"{variable} is not set; scripts/ci-services.sh starts the server and exports it")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """An empty PostgreSQL database, dropped afterwards (even if connections linger)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(server_url(POSTGRES_VAR))
    name = f"hpcbot_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def fresh_chroma_database() -> Iterator[str]:
    """An empty database on the Chroma server, as an `HPCBOT_CHROMA_URL` value."""
    import chromadb
    from chromadb.config import Settings

    base = server_url(CHROMA_VAR).rstrip("/")
    parsed = urlparse(base)
    admin = chromadb.AdminClient(
        Settings(
            anonymized_telemetry=False,
            chroma_api_impl="chromadb.api.fastapi.FastAPI",
            chroma_server_host=parsed.hostname,
            chroma_server_http_port=parsed.port or 8000,
        )
    )
    name = f"t-{uuid.uuid4().hex[:12]}"
    admin.create_database(name)
    try:
        yield f"{base}?database={name}"
    finally:
        admin.delete_database(name)
