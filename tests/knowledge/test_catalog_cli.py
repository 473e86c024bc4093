"""`hpcbot specs` and `hpcbot deadlines` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from icalendar import Calendar
from typer.testing import CliRunner

import knowledge
from bot.cli.catalog import register

DATA = Path(knowledge.__file__).parent / "data"
ENV = {"HPCBOT_KNOWLEDGE_DIR": str(DATA), "HPCBOT_TIMEZONE": "Europe/Brussels"}
NOW = "2026-12-20T12:00:00+01:00"


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_specs_resolves_an_alias_to_the_machine_card() -> None:
    result = CliRunner().invoke(_app(), ["specs", "lumi-g"], env=ENV)
    assert result.exit_code == 0
    assert result.output.startswith(
        "**LUMI**: CSC – IT Center for Science, Kajaani, Finland (pre-exascale, operational)"
    )
    assert "`standard-g` on LUMI-G: max walltime 2 days, max 1,024 nodes per job" in result.output


def test_specs_card_gives_the_site_s_status_page_allocation_command_and_slurm_version() -> None:
    result = CliRunner().invoke(_app(), ["specs", "deucalion"], env=ENV)
    assert result.exit_code == 0
    assert "Scheduler: Slurm 23.11.4. The version comes from" in result.output
    assert (
        "Allocation and quota: `billing`, `billing -a <account>`, `quotaprojects`, `get_energy` [3]"
        in result.output
    )
    jupiter = CliRunner().invoke(_app(), ["specs", "jupiter"], env=ENV).output
    assert "Service status: https://status.jsc.fz-juelich.de/ [" in jupiter


def test_specs_unknown_name_suggests_and_exits_2() -> None:
    result = CliRunner().invoke(_app(), ["specs", "leonard"], env=ENV)
    assert result.exit_code == 2
    assert "Unknown machine 'leonard'. Did you mean LEONARDO?" in result.output


def test_specs_json_is_the_machine_record() -> None:
    result = CliRunner().invoke(_app(), ["specs", "mn5", "--json"], env=ENV)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert (record["id"], record["partitions"][0]["gpu"]["model"]) == (
        "marenostrum5",
        "NVIDIA H100",
    )


def test_deadlines_json_lists_upcoming_cutoffs_with_offsets() -> None:
    result = CliRunner().invoke(_app(), ["deadlines", "--json", "--now", NOW], env=ENV)
    assert result.exit_code == 0
    assert json.loads(result.output) == [
        {
            "call": "large-scale",
            "name": "AI Factories Large Scale",
            "cutoff": "2027-01-04T10:00:00+01:00",
            "all_day": False,
            "note": "",
            "source": "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
            "as_of": "2026-04-21",
            "confirmed": False,
        }
    ]


def test_deadlines_text_flags_calls_without_future_cutoffs() -> None:
    result = CliRunner().invoke(_app(), ["deadlines", "--now", NOW], env=ENV)
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "• **AI Factories Large Scale**: Mon 4 Jan 2027, 10:00 CET [1]"
    )
    assert (
        "No future cut-off on record for: AI for Science and Collaborative EU Projects"
        in result.output
    )


def test_deadlines_ics_parses_back() -> None:
    result = CliRunner().invoke(
        _app(),
        ["deadlines", "--ics", "--now", "2026-11-27T12:00:00+01:00", "--within", "14"],
        env=ENV,
    )
    assert result.exit_code == 0
    events = list(Calendar.from_ical(result.output).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "large-scale-20261130@hpcbot",
        "ai-for-science-20261211@hpcbot",
    ]


def test_deadlines_unknown_call_exits_2() -> None:
    result = CliRunner().invoke(_app(), ["deadlines", "--call", "quantum gaming"], env=ENV)
    assert result.exit_code == 2
    assert "Unknown call 'quantum gaming'." in result.output


def test_deadlines_text_cites_each_source_with_its_check_date_and_trust() -> None:
    result = CliRunner().invoke(_app(), ["deadlines", "--now", NOW], env=ENV)
    assert result.output.splitlines()[-2:] == [
        "Sources:",
        "[1] https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en "
        "(as of 2026-04-21, confirm on the official page)",
    ]


def test_specs_text_cites_every_line_and_lists_sources_with_dates() -> None:
    result = CliRunner().invoke(_app(), ["specs", "lumi"], env=ENV)
    lines = result.output.splitlines()
    partition = next(line for line in lines if line.startswith("• **LUMI-G**"))
    number = partition.rsplit("[", 1)[1].rstrip("]")
    assert (
        f"[{number}] https://docs.lumi-supercomputer.eu/hardware/lumig/ (as of 2024-10-15)" in lines
    )


def test_facts_stale_lists_old_facts_with_source_and_age() -> None:
    result = CliRunner().invoke(_app(), ["facts", "--stale", "--json", "--now", NOW], env=ENV)
    assert result.exit_code == 0
    rows = json.loads(result.output)
    lumig = next(
        r for r in rows if r["source"] == "https://docs.lumi-supercomputer.eu/hardware/lumig/"
    )
    assert (lumig["entity"], lumig["as_of"], lumig["confirmed"]) == ("LUMI", "2024-10-15", True)
    assert all(r["age_days"] > 90 for r in rows)


def test_facts_stale_says_so_when_nothing_is_old() -> None:
    env = {**ENV, "HPCBOT_STALE_AFTER_DAYS": "100000"}
    result = CliRunner().invoke(_app(), ["facts", "--stale", "--now", NOW], env=env)
    assert result.output.strip() == "No fact is older than 100000 days."
