"""The queue YAML file: what it accepts and how it refuses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.queue import (
    QueueConfigError,
    SlurmCliSource,
    SlurmRestdSource,
    SnapshotSource,
    load_queue_config,
)

EXAMPLE = """
lumi: {provider: slurmrestd, url: http://127.0.0.1:6820/, user: slurmtest,
       token_env: SLURMRESTD_JWT, partitions: [standard-g, small-g, dev-g]}
leonardo: {provider: slurm-cli, command_prefix: ssh -o BatchMode=yes leonardo}
meluxina: {provider: snapshot, url: "https://example.org/q.json", max_age_seconds: 300}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "queue.yaml"
    path.write_text(text)
    return path


def test_documented_example_loads(tmp_path: Path) -> None:
    config = load_queue_config(write(tmp_path, EXAMPLE))
    assert config.machines == ["lumi", "leonardo", "meluxina"]
    key, lumi = config.get("LUMI")  # type: ignore[misc]
    assert key == "lumi" and isinstance(lumi, SlurmRestdSource)
    assert lumi.url == "http://127.0.0.1:6820" and lumi.partitions == [
        "standard-g",
        "small-g",
        "dev-g",
    ]
    _, leonardo = config.get("leonardo")  # type: ignore[misc]
    assert isinstance(leonardo, SlurmCliSource)
    assert leonardo.command_prefix == ["ssh", "-o", "BatchMode=yes", "leonardo"]
    _, meluxina = config.get("meluxina")  # type: ignore[misc]
    assert isinstance(meluxina, SnapshotSource) and meluxina.max_age_seconds == 300


def test_missing_file_means_nothing_configured(tmp_path: Path) -> None:
    assert load_queue_config(tmp_path / "absent.yaml").machines == []


@pytest.mark.parametrize(
    "text, complaint",
    [
        (
            "lumi: {provider: slurmrestd, url: http://x, token_env: T, colour: red}",
            "lumi.slurmrestd.colour: Extra inputs are not permitted",
        ),
        (
            "lumi: {provider: slurmrestd, url: http://x, token: s3cr3t-jwt}",
            "must not be written in the config file",
        ),
        ("lumi: {provider: slurmrestd, url: http://x}", "set token_env"),
        ("lumi: {provider: slurmrestd, url: ftp://x, token_env: T}", "url must look like"),
        ("lumi: {provider: pbs}", "does not match any of the expected tags"),
        ("lumi: {provider: snapshot}", "set exactly one of path or url"),
        ("lumi: {provider: snapshot, url: 'http://example.org/q.json'}", "must be https://"),
        ("lumi: [unbalanced", "is not valid YAML"),
        (
            "lumi: {provider: slurmrestd, url: 'http://slurm.example.org:6820', token_env: T}",
            "url http://slurm.example.org would send the JWT unencrypted",
        ),
    ],
)
def test_invalid_files_are_refused_with_the_field_named(
    tmp_path: Path, text: str, complaint: str
) -> None:
    with pytest.raises(QueueConfigError, match="queue.yaml") as caught:
        load_queue_config(write(tmp_path, text))
    assert complaint in str(caught.value)
    assert "s3cr3t" not in str(caught.value)


@pytest.mark.parametrize(
    "url, extra",
    [
        ("https://slurm.example.org", ""),
        ("http://127.0.0.1:6820", ""),
        ("http://localhost:6820", ""),
        ("http://[::1]:6820", ""),
        ("http://slurm.example.org:6820", ", allow_plain_http: true"),  # the operator says so
        ("http://slurm.example.org:6820", ", unix_socket: /run/slurmrestd.sock"),  # no network
    ],
)
def test_a_jwt_travels_encrypted_or_stays_on_this_machine(
    tmp_path: Path, url: str, extra: str
) -> None:
    text = f"lumi: {{provider: slurmrestd, url: '{url}', token_env: T{extra}}}"
    [machine] = load_queue_config(write(tmp_path, text)).machines
    assert machine == "lumi"
