"""Sizing worked examples, each checked by hand in the comments (numbers from sizing.yaml and
machines.yaml: peaks in dense BF16 TFLOPS, MFU 0.35, 3,600 s per hour)."""

from __future__ import annotations

import pytest
from fitdata import fit

from knowledge.fit import Estimate, FitResult


def on(result: FitResult, partition_id: str) -> Estimate:
    assert result.sizing is not None
    return next(e for e in result.sizing.estimates if e.hardware.partition.id == partition_id)


def test_pretraining_7b_on_1t_tokens_is_6nd() -> None:
    result = fit(org="startup", country="DE", params="7B", tokens="1T")
    assert result.sizing is not None
    # 6 × 7e9 parameters × 1e12 tokens
    assert result.sizing.flops == pytest.approx(4.2e22)


def test_7b_on_1t_tokens_on_lumi_g() -> None:
    lumi = on(fit(org="startup", country="DE", params="7B", tokens="1T"), "lumi-g")
    # one MI250X: 383e12 × 0.35 = 1.3405e14 FLOP/s = 4.8258e17 FLOP per hour
    # 4.2e22 / 4.8258e17 = 87,032.2 GPU-hours; 4 MI250X per node: 21,758.1 node-hours
    assert round(lumi.gpu_hours) == 87_032
    assert round(lumi.node_hours) == 21_758
    # LUMI bills a standard-g node-hour as 4 GPU-hours
    assert (round(lumi.billed), lumi.hardware.sized.billing.unit) == (87_032, "GPU-hours")
    # MFU 0.50 and 0.25: 87,032.2 × 0.35/0.50 = 60,922.5 and × 0.35/0.25 = 121,845.1
    assert (round(lumi.gpu_hours_low), round(lumi.gpu_hours_high)) == (60_923, 121_845)


def test_7b_on_1t_tokens_on_leonardo_booster() -> None:
    booster = on(fit(org="startup", country="DE", params="7B", tokens="1T"), "leonardo-booster")
    # one A100: 312e12 × 0.35 × 3600 = 3.9312e17 FLOP per hour; 4.2e22 / 3.9312e17 = 106,837.6
    assert round(booster.gpu_hours) == 106_838
    assert round(booster.node_hours) == 26_709  # 4 A100 per node


def test_7b_on_1t_tokens_on_jupiter_booster() -> None:
    jupiter = on(fit(org="startup", country="DE", params="7B", tokens="1T"), "jupiter-booster")
    # one GH200: 989.5e12 × 0.35 × 3600 = 1.24677e18 FLOP per hour; 4.2e22 / 1.24677e18 = 33,687.0
    assert round(jupiter.gpu_hours) == 33_687
    assert round(jupiter.node_hours) == 8_422


def test_7b_training_state_and_activations_fit_on_one_lumi_g_node() -> None:
    memory = on(fit(org="startup", country="DE", params="7B", tokens="1T"), "lumi-g").memory
    # 16 bytes per parameter (BF16 weights and gradients, FP32 Adam state): 112 GB
    assert memory.state_gb == pytest.approx(112.0)
    # width (7e9 × 128 / 12)^(1/3) = 4,210.9, 32.9 layers; one 4,096-token sequence:
    # 4096 × 4210.9 × (2 × 32.9 + 34) bytes = 1.72 GB per GPU; 112 + 4 × 1.72 = 118.9 GB
    assert memory.activations_gb == pytest.approx(1.721, abs=0.001)
    assert memory.need_gb == pytest.approx(118.9, abs=0.05)
    assert (memory.node_gb, memory.fits_one_node) == (512.0, True)  # 4 × 128 GB


def test_a_lora_fine_tune_of_70b_on_5b_tokens() -> None:
    result = fit(
        org="startup", country="DE", params="70B", tokens="5B", task="lora", machine="lumi"
    )
    lumi = on(result, "lumi-g")
    # 4 × 70e9 × 5e9 = 1.4e21 FLOPs (frozen weights: no weight gradients)
    assert result.sizing is not None and result.sizing.flops == pytest.approx(1.4e21)
    # 1.4e21 / 4.8258e17 = 2,901.1 GPU-hours
    assert round(lumi.gpu_hours) == 2_901
    # frozen BF16 weights 2 × 70e9 = 140 GB, adapters 1% × 70e9 × 16 = 11.2 GB
    assert lumi.memory.state_gb == pytest.approx(151.2)
    # width 9,072.1, 70.9 layers: 4096 × 9072.1 × (2 × 70.9 + 34) = 6.53 GB per GPU;
    # 151.2 + 4 × 6.53 = 177.3 GB of 512 GB
    assert lumi.memory.need_gb == pytest.approx(177.3, abs=0.05)
    assert lumi.memory.fits_one_node


def test_full_fine_tuning_of_70b_does_not_fit_on_one_leonardo_node() -> None:
    result = fit(org="startup", country="IT", params="70B", tokens="20B", task="finetune")
    memory = on(result, "leonardo-booster").memory
    # 16 × 70e9 = 1,120 GB of state, 4 × 6.53 GB of activations, against 4 × 64 = 256 GB
    assert (round(memory.need_gb, 1), memory.node_gb) == (1146.1, 256.0)
    assert not memory.fits_one_node
    # the state spread over nodes with 256 - 26.1 GB free each: 1120 / 229.9 = 4.87 -> 5
    assert memory.min_nodes == 5


def test_dataset_size_and_epochs_give_the_tokens() -> None:
    result = fit(org="startup", country="DE", params="7B", dataset="80GB", epochs="3")
    assert result.sizing is not None
    # 80e9 bytes at 4 bytes per token = 20e9 tokens per epoch, 3 epochs = 60e9 tokens
    assert result.sizing.workload.tokens == pytest.approx(60e9)
    assert result.request.tokens_note == "80GB at 4 bytes per token = 20B tokens × 3 epochs"


def test_inference_is_a_forward_pass_and_needs_only_the_weights() -> None:
    result = fit(org="startup", country="DE", params="70B", tokens="1B", task="inference")
    jupiter = on(result, "jupiter-booster")
    # 2 × 70e9 × 1e9 = 1.4e20 FLOPs; 1.4e20 / 1.24677e18 = 112.3 GPU-hours
    assert round(jupiter.gpu_hours) == 112
    assert (jupiter.memory.state_gb, jupiter.memory.activations_gb) == (pytest.approx(140.0), 0.0)


def test_every_answer_states_the_mfu_and_its_range() -> None:
    result = fit(org="startup", country="DE", params="7B", tokens="1T", machine="leonardo")
    row = result.to_dict()["sizing"][0]
    assert row["assumptions"]["mfu"] == 0.35
    assert row["assumptions"]["mfu_range"] == [0.25, 0.5]
    assert row["assumptions"]["formula"] == "6·N·D"


def test_a_given_mfu_replaces_the_default() -> None:
    lumi = on(fit(org="startup", country="DE", params="7B", tokens="1T", mfu="0.5"), "lumi-g")
    assert round(lumi.gpu_hours) == 60_923  # 87,032.2 × 0.35 / 0.5
