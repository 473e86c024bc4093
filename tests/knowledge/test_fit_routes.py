"""The route finder: who may use which route, for what, how much and how soon (routes.yaml)."""

from __future__ import annotations

from fitdata import NOW, fit, fit_data

from knowledge.fit import FitResult, build_request, run_fit


def fitting(result: FitResult) -> list[str]:
    return [v.call.id for v in result.fitting]


def ruled_out(result: FitResult) -> dict[str, str]:
    return {v.call.id: v.reason for v in result.ruled_out}


def test_a_german_start_up_training_proprietary_7b_on_lumi_goes_to_large_scale() -> None:
    result = fit(
        org="startup", country="DE", purpose="proprietary", params="7B", tokens="1T", machine="lumi"
    )
    best = result.best
    assert best is not None and best.call.id == "large-scale"
    assert best.reason == ("87,032 GPU-hours is within its range: More than 50,000 GPU-hours.")
    assert best.next_cutoff is not None and best.next_cutoff.at.isoformat() == (
        "2026-12-15T10:00:00+01:00"
    )
    assert best.conditions == ()
    out = ruled_out(result)
    assert out["fast-lane"] == (
        "87,032 GPU-hours is above its maximum of 50,000: Up to 50,000 GPU-hours on one system."
    )
    assert out["regular"] == (
        "Not for proprietary or commercial work: Companies and public bodies may use Regular "
        "Access only for open research and development."
    )
    assert set(out) == {"playground", "fast-lane", "regular"}


def test_the_headline_says_where_by_when_how_much_and_on_what() -> None:
    from knowledge.fit import headline

    result = fit(org="startup", country="DE", params="7B", tokens="1T", machine="lumi")
    assert headline(result) == (
        "**Apply to AI Factories Large Scale by Tue 15 Dec 2026, 10:00 CET, asking for about "
        "87,032 GPU-hours on LUMI-G.**"
    )


def test_an_academic_from_a_non_associated_country_fits_no_route() -> None:
    result = fit(org="academic", country="US", gpu_hours="100k")
    assert result.fitting == []
    out = ruled_out(result)
    established = (
        "The applying organisation must be established in an EU Member State or a Horizon "
        "Europe associated country."
    )
    assert out["ai-for-science"] == f"Not from United States (other country): {established}"
    assert out["extreme-scale"] == f"Not from United States (other country): {established}"
    assert out["large-scale"].startswith(
        "Not for this applicant (academic or research organisation)"
    )


def test_a_public_body_is_sent_to_ai_for_science_not_to_the_industrial_modes() -> None:
    result = fit(org="public-body", country="FR", purpose="open", gpu_hours="100000")
    assert fitting(result)[:2] == ["ai-for-science", "extreme-scale"]
    assert "regular" in fitting(result)
    assert ruled_out(result)["large-scale"] == (
        "Not for this applicant (public body): Industry only: free for start-ups and SMEs, paid "
        "per use for other companies; public bodies and academia go through AI for Science "
        "instead."
    )


def test_a_large_company_may_use_the_industrial_modes_but_pays() -> None:
    result = fit(org="large-company", country="NL", gpu_hours="20000")
    fast_lane = next(v for v in result.routes if v.call.id == "fast-lane")
    assert fast_lane.fits
    assert fast_lane.conditions == ("paid per use (free only for start-ups and SMEs)",)


def test_an_associated_country_is_eligible() -> None:
    result = fit(org="startup", country="Norway", gpu_hours="20k")
    assert result.best is not None and result.best.call.id == "fast-lane"


FFPLUS_COUNTRIES = (
    "only if the country is in the EEA or associated with Digital Europe (not the same list as "
    "Horizon Europe's): check the call's country list"
)


def test_a_call_with_its_own_country_list_makes_other_countries_a_condition() -> None:
    # FFplus takes the EEA and Digital Europe's associated countries: Liechtenstein (in the
    # EEA, not associated with Horizon Europe) is not turned away, nor is Norway taken for sure.
    for country in ("LI", "Norway"):
        result = fit(org="startup", country=country, gpu_hours="20k")
        study = next(v for v in result.routes if v.call.id == "ffplus-innovation-studies")
        assert study.fits
        assert FFPLUS_COUNTRIES in study.conditions


def test_without_a_country_a_call_with_its_own_list_says_what_passes_and_what_to_check() -> None:
    request = build_request(fit_data(), org="startup", gpu_hours="20k", require_applicant=False)
    result = run_fit(fit_data(), request, NOW)
    study = next(v for v in result.routes if v.call.id == "ffplus-innovation-studies")
    assert (
        f"only for organisations established in an EU Member State; elsewhere {FFPLUS_COUNTRIES}"
        in study.conditions
    )


def test_a_member_state_meets_a_country_list_beyond_horizon_europes_without_condition() -> None:
    result = fit(org="startup", country="DE", gpu_hours="20k")
    study = next(v for v in result.routes if v.call.id == "ffplus-innovation-studies")
    assert FFPLUS_COUNTRIES not in study.conditions


def test_what_was_not_said_becomes_a_condition_not_a_guess() -> None:
    result = fit(org="startup", country="DE", gpu_hours="200000")
    regular = next(v for v in result.routes if v.call.id == "regular")
    assert regular.fits and regular.conditions == ("only for open R&D work",)


def test_urgency_rules_out_a_route_that_cannot_start_in_time() -> None:
    result = fit(org="startup", country="DE", gpu_hours="100000", start_within="10")
    # next Large Scale cut-off 15 Dec 10:00 is 14.8 days away -> 15, plus 14 days to access
    assert ruled_out(result)["large-scale"] == (
        "Compute could start in about 29 days (next cut-off 15 Dec 2026; within 10 working days "
        "of the cut-off), later than the 10 days you have."
    )


def test_a_continuous_route_starts_within_its_access_time() -> None:
    result = fit(org="startup", country="DE", gpu_hours="20000", start_within="7")
    best = result.best
    assert best is not None and (best.call.id, best.start_days) == ("fast-lane", 6)


def test_a_call_whose_cut_offs_all_passed_says_so() -> None:
    result = fit(org="startup", country="DE", gpu_hours="500000")
    extreme = next(v for v in result.routes if v.call.id == "extreme-scale")
    assert extreme.next_cutoff is None
    assert extreme.schedule == "no future cut-off on record (the last was 26 Oct 2026)"


def test_json_routes_carry_call_fits_reason_next_cutoff_and_source() -> None:
    data = fit(org="startup", country="DE", params="7B", tokens="1T", machine="lumi").to_dict()
    first = data["routes"][0]
    assert {k: first[k] for k in ("call", "fits", "next_cutoff", "source")} == {
        "call": "large-scale",
        "fits": True,
        "next_cutoff": "2026-12-15T10:00:00+01:00",
        "source": "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
    }
    assert first["reason"].startswith("87,032 GPU-hours is within its range")
    assert data["sizing"][0]["machine"] == "LUMI"
    assert data["sizing"][0]["partition"] == "LUMI-G"
