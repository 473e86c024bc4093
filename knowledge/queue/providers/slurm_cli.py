"""Slurm's own commands, run locally or through a prefix such as `ssh lumi`.

`sinfo --json` and `squeue --json` give nodes and jobs (pending jobs carry the backfill start
estimate in `start_time`, so `squeue --start` adds nothing). 22.05 has no `scontrol --json`, so
partitions and reservations come from `scontrol show` text, which every version prints alike.
Commands run with TZ=UTC because that text prints times in the cluster's local zone.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from knowledge.queue.bundle import RawBundle
from knowledge.queue.config import SlurmCliSource
from knowledge.queue.providers.base import Deadline, FetchError

COMMANDS: dict[str, list[str]] = {
    "nodes": ["sinfo", "--json"],
    "jobs": ["squeue", "--json"],
    "partitions": ["scontrol", "show", "partition"],
    "reservations": ["scontrol", "show", "reservation"],
}
_JSON_KINDS = {"nodes", "jobs"}
# ssh's own failures (unreachable host, refused key) all exit 255.
_SSH_FAILURE = 255


class SlurmCliProvider:
    name = "slurm-cli"

    def __init__(self, source: SlurmCliSource, *, environ: Mapping[str, str] | None = None) -> None:
        self.source = source
        env = dict(os.environ if environ is None else environ)
        env.update(source.env)
        env["TZ"] = "UTC"
        # A JWT in SLURM_JWT would make the CLI authenticate as the token's user (README gotcha 4).
        env.pop("SLURM_JWT", None)
        self._env = env

    def close(self) -> None:
        pass

    def fetch(self, timeout: float) -> RawBundle:
        deadline = Deadline(timeout)
        taken_at = datetime.now(UTC)
        # In parallel: over ssh each command costs a round trip or a connection set-up.
        with ThreadPoolExecutor(max_workers=len(COMMANDS)) as pool:
            futures = {
                kind: pool.submit(self._run, argv, deadline) for kind, argv in COMMANDS.items()
            }
            outputs = {kind: future.result() for kind, future in futures.items()}
        docs: dict[str, Any] = {}
        for kind, output in outputs.items():
            if kind in _JSON_KINDS:
                try:
                    docs[kind] = json.loads(output)
                except ValueError:
                    raise FetchError(f"`{' '.join(COMMANDS[kind])}` did not print JSON") from None
            else:
                docs[kind] = output
        host = None if self.source.command_prefix else socket.gethostname()
        return RawBundle(source=self.name, taken_at=taken_at, host=host, **docs)

    def _run(self, argv: Sequence[str], deadline: Deadline) -> str:
        command = [*self.source.command_prefix, *argv]
        shown = " ".join(command)
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                env=self._env,
                text=True,
                # Own process group: on timeout we kill ssh *and* what it started.
                start_new_session=True,
            )
        except FileNotFoundError:
            # The program's name, not its path: the message reaches Slack users.
            raise FetchError(
                f"`{os.path.basename(command[0])}` is not installed here; install the Slurm "
                "client tools or set command_prefix (e.g. `ssh login-node`)",
                detail=f"cannot run `{shown}`",
            ) from None
        try:
            stdout, stderr = process.communicate(timeout=deadline.remaining())
        except (subprocess.TimeoutExpired, FetchError):
            _kill_group(process)
            raise FetchError(
                f"no answer within {deadline.seconds:g} s", detail=f"from `{shown}`"
            ) from None
        if process.returncode != 0:
            # stderr (an ssh key path, a host name, a user) and the command prefix stay in
            # the detail, for the log; the message says only what failed.
            first_line = next((ln for ln in stderr.splitlines() if ln.strip()), "no error output")
            detail = f"`{shown}` exit {process.returncode}: {first_line[:300]}"
            if process.returncode == _SSH_FAILURE and self.source.command_prefix[:1] == ["ssh"]:
                raise FetchError("ssh to the cluster failed", detail=detail)
            raise FetchError(
                f"`{' '.join(argv)}` failed (exit {process.returncode})", detail=detail
            )
        return stdout


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
