"""`hpcbot fit`: which access route fits, and how many GPU-hours to ask for."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bot.cli.catalog import _catalog, _now

# The option that carries each request field, for error messages.
OPTION = {
    "org": "--org",
    "country": "--country",
    "purpose": "--purpose",
    "task": "--task",
    "params": "--params",
    "tokens": "--tokens",
    "dataset": "--dataset",
    "epochs": "--epochs",
    "seq_len": "--seq-len",
    "mfu": "--mfu",
    "machine": "--machine",
    "gpu_hours": "--gpu-hours",
    "start_within": "--start-within",
}


def fit(
    org: Annotated[
        str,
        typer.Option(help="Who applies: startup (or SME), large-company, academic, public-body."),
    ],
    country: Annotated[
        str, typer.Option(help="Where the organisation is established: an ISO code such as DE.")
    ],
    params: Annotated[
        str | None, typer.Option(help="Model size in parameters, e.g. 7B or 70B.")
    ] = None,
    tokens: Annotated[
        str | None, typer.Option(help="Training tokens per epoch, e.g. 1T or 20B.")
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option(help="Dataset size instead of tokens, e.g. 80GB (about 4 bytes per token)."),
    ] = None,
    epochs: Annotated[str | None, typer.Option(help="Passes over the data (default 1).")] = None,
    task: Annotated[
        str | None, typer.Option(help="pretrain (default), finetune, lora or inference.")
    ] = None,
    purpose: Annotated[
        str | None, typer.Option(help="open (open R&D) or proprietary; unsaid: a condition.")
    ] = None,
    machine: Annotated[
        str | None, typer.Option(help="Size on one machine or partition only, e.g. lumi.")
    ] = None,
    gpu_hours: Annotated[
        str | None, typer.Option("--gpu-hours", help="The GPU-hours you need, if you know.")
    ] = None,
    start_within: Annotated[
        str | None,
        typer.Option("--start-within", help="Days until the compute is needed, e.g. 30."),
    ] = None,
    seq_len: Annotated[
        str | None, typer.Option("--seq-len", help="Sequence length (memory bound only).")
    ] = None,
    mfu: Annotated[
        str | None, typer.Option(help="Assumed utilisation instead of the default, e.g. 0.4.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print routes and sizing as JSON.")
    ] = False,
    now: Annotated[
        str | None, typer.Option("--now", help="Judge cut-offs at this ISO time (default: now).")
    ] = None,
) -> None:
    """Which access route fits, and how many GPU-hours to ask for.

    hpcbot fit --org startup --country DE --params 7B --tokens 1T --machine lumi
    """
    from bot.config import Settings
    from knowledge import (
        CatalogError,
        FitInputError,
        build_request,
        fit_text,
        load_fit_data,
        run_fit,
    )

    settings = Settings.from_env()
    catalog = _catalog(settings)
    try:
        data = load_fit_data(settings.knowledge.knowledge_dir, catalog)
    except CatalogError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        request = build_request(
            data,
            org=org,
            country=country,
            purpose=purpose,
            task=task,
            params=params,
            tokens=tokens,
            dataset=dataset,
            epochs=epochs,
            seq_len=seq_len,
            mfu=mfu,
            machine=machine,
            gpu_hours=gpu_hours,
            start_within=start_within,
        )
    except FitInputError as exc:
        typer.echo(f"Error: {OPTION.get(exc.field, exc.field)}: {exc}", err=True)
        raise typer.Exit(2) from None
    result = run_fit(data, request, _now(settings, now))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    typer.echo(fit_text(result, settings.tz).replace("**", ""))


def register(app: typer.Typer) -> None:
    app.command()(fit)
