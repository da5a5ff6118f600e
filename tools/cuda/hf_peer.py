#!/usr/bin/env python3
"""The peer of GpuDecodeBenchmark: HF transformers `generate` on the same shapes and prompts, on the same GPU.

Random-weight Qwen2.5-0.5B and Qwen2.5-7B shapes built with from_config (bf16, sdpa attention, on cuda), random
256-token prompts, min_new_tokens = max_new_tokens = 128 (greedy), batch 1 / 8 / 64: output tok/s, the median of 3
after a warm-up; the time to first token of a 2,048-token prompt (HF keeps no prefix cache between calls, so cold only).
HF at its best: its default (dynamic cache, eager) for every row, then, where the time allows, a static cache with
torch.compile for the 0.5B shape at batch 1, kept only if it compiles within --compile-limit seconds (else said so).
Writes JSON to --out (read by GpuDecodeBenchmark --peer) and prints it.
"""
import argparse
import json
import signal
import statistics
import sys
import time

import torch
import transformers
from transformers import AutoModelForCausalLM, Qwen2Config

SHAPES = {
    "qwen2.5-0.5b-shape": dict(vocab_size=151936, hidden_size=896, num_hidden_layers=24, num_attention_heads=14,
                               num_key_value_heads=2, intermediate_size=4864, tie_word_embeddings=True),
    "qwen2.5-7b-shape": dict(vocab_size=152064, hidden_size=3584, num_hidden_layers=28, num_attention_heads=28,
                             num_key_value_heads=4, intermediate_size=18944, tie_word_embeddings=False),
}
PROMPT, OUTPUT, ROUNDS, TTFT_PROMPT = 256, 128, 3, 2048


class CompileTimeout(Exception):
    pass


def build(shape):
    config = Qwen2Config(**SHAPES[shape], max_position_embeddings=32768, rope_theta=1e6, rms_norm_eps=1e-6,
                         use_sliding_window=False, hidden_act="silu")
    torch.manual_seed(22)
    with torch.device("cuda"):
        model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16, attn_implementation="sdpa")
    model.eval()
    model.generation_config.eos_token_id = None  # EOS ignored, as the benchmark's ignore_eos
    model.generation_config.pad_token_id = 0
    return model


def generate_seconds(model, batch, prompt_len, new_tokens, **extra):
    vocab = model.config.vocab_size
    ids = torch.randint(0, vocab, (batch, prompt_len), device="cuda")
    mask = torch.ones_like(ids)
    torch.cuda.synchronize()
    start = time.perf_counter()
    with torch.inference_mode():
        out = model.generate(input_ids=ids, attention_mask=mask, do_sample=False, min_new_tokens=new_tokens,
                             max_new_tokens=new_tokens, **extra)
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    if out.shape[1] - prompt_len != new_tokens:
        raise RuntimeError(f"generated {out.shape[1] - prompt_len} tokens, not {new_tokens}")
    return seconds


def throughput(model, batch, **extra):
    generate_seconds(model, batch, PROMPT, OUTPUT, **extra)  # warm-up
    rates = [batch * OUTPUT / generate_seconds(model, batch, PROMPT, OUTPUT, **extra) for _ in range(ROUNDS)]
    return statistics.median(rates), rates


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="peer.json")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--batches", default="1,8,64")
    parser.add_argument("--budget", type=float, default=250, help="seconds; rows beyond it are skipped and listed")
    parser.add_argument("--compile-limit", type=float, default=60)
    args = parser.parse_args()
    began = time.perf_counter()
    result = {
        "peer": f"HF transformers {transformers.__version__} (torch {torch.__version__}), bf16, sdpa",
        "gpu": torch.cuda.get_device_name(0),
        "results": [], "ttft_ms": {}, "skipped": [], "notes": "",
    }
    notes = []

    def save():
        result["notes"] = "; ".join(notes)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)

    def left():
        return args.budget - (time.perf_counter() - began)

    batches = [int(b) for b in args.batches.split(",")]
    for shape in args.shapes.split(","):
        if left() < 20:
            result["skipped"].append(f"{shape}: all (budget)")
            continue
        t0 = time.perf_counter()
        model = build(shape)
        print(f"{shape}: built in {time.perf_counter() - t0:.1f} s", flush=True)
        for batch in batches:
            if left() < 15:
                result["skipped"].append(f"{shape} batch {batch} (budget)")
                continue
            rate, rates = throughput(model, batch)
            result["results"].append({"shape": shape, "batch": batch, "output_tok_s": rate, "mode": "dynamic cache, eager",
                                      "rounds": rates})
            print(f"{shape} batch {batch}: {rate:.0f} tok/s (dynamic cache, eager; rounds {[round(r) for r in rates]})",
                  flush=True)
            save()
        if left() > 15:
            generate_seconds(model, 1, TTFT_PROMPT, 1)
            ttft = statistics.median(generate_seconds(model, 1, TTFT_PROMPT, 1) for _ in range(ROUNDS))
            result["ttft_ms"][shape] = ttft * 1e3
            print(f"{shape}: TTFT of a {TTFT_PROMPT}-token prompt {ttft * 1e3:.1f} ms", flush=True)
        if shape == "qwen2.5-0.5b-shape" and 1 in batches:
            try_compiled(model, shape, args.compile_limit, left, result, notes)
        save()
        del model
        torch.cuda.empty_cache()
    save()
    print(json.dumps(result, indent=1))


def try_compiled(model, shape, limit, left, result, notes):
    """Static cache + torch.compile at batch 1, kept where faster; abandoned if compiling takes over `limit` s."""
    if left() < limit + 30:
        notes.append(f"static cache + torch.compile not tried ({left():.0f} s of the budget left)")
        return

    def on_alarm(signum, frame):
        raise CompileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(int(limit))
    t0 = time.perf_counter()
    try:
        generate_seconds(model, 1, PROMPT, OUTPUT, cache_implementation="static",
                         compile_config=transformers.CompileConfig(fullgraph=False))
        compiled_in = time.perf_counter() - t0
    except CompileTimeout:
        notes.append(f"static cache + torch.compile did not compile within {limit:.0f} s: eager figures only")
        return
    except Exception as e:  # an HF version without CompileConfig, or a compile error: say so and keep eager
        notes.append(f"static cache + torch.compile failed ({type(e).__name__}: {str(e)[:200]}): eager figures only")
        return
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    rate, rates = throughput(model, 1, cache_implementation="static",
                             compile_config=transformers.CompileConfig(fullgraph=False))
    print(f"{shape} batch 1: {rate:.0f} tok/s (static cache + torch.compile, compiled in {compiled_in:.0f} s)", flush=True)
    notes.append(f"static cache + torch.compile compiled in {compiled_in:.0f} s: {rate:.0f} tok/s at batch 1")
    for row in result["results"]:
        if row["shape"] == shape and row["batch"] == 1 and rate > row["output_tok_s"]:
            row.update(output_tok_s=rate, mode="static cache + torch.compile", rounds=rates)


if __name__ == "__main__":
    if not torch.cuda.is_available():
        print("SKIP hf_peer: torch sees no CUDA device", file=sys.stderr)
        sys.exit(2)
    main()
