"""Trains sov-tiny on one GPU: tokenizer, model, evaluation, export as an HF safetensors folder.

Run on the GPU machine (PyTorch, transformers and tokenizers; nothing is downloaded):
    python3 train.py --out OUT_DIR [--steps N] [--dialogues N]
    python3 train.py --out OUT_DIR --init-from MODEL_DIR --clients N --seq 1536 ...   (a second stage)
Deterministic for a given seed, GPU model and library versions (see README.md).
"""
import argparse
import hashlib
import json
import math
import os
import pathlib
import random
import sys
import time

os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import torch  # noqa: E402
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers  # noqa: E402
from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM  # noqa: E402

import build_data  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
# Qwen2's pre-tokenizer: digits one at a time, so arithmetic sees every digit.
PRETOKENIZE = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
               r"\s*[\r\n]+|\s+(?!\S)|\s+")
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>",
           "<|fim_pad|>"]
TOOL_TOKENS = ["<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>"]
SEQ = 512  # the first stage's window; --seq changes it
HELDOUT = HERE.parent.parent / "sov-engine" / "src" / "test" / "resources" / "sov-tiny" / "heldout-phrasings.jsonl"


def log(*parts):
    print(f"[{time.strftime('%H:%M:%S')}]", *parts, flush=True)


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def training_text(example):
    """What the tokenizer learns its merges from: the contents people and code actually contain."""
    if "messages" in example:
        parts = [m.get("content") or "" for m in example["messages"]]
        parts += [json.dumps(t) for t in example.get("tools", [])]
        parts += [json.dumps(c["function"]) for m in example["messages"] for c in m.get("tool_calls", [])]
        return "\n".join(parts)
    return example.get("text") or example["prefix"] + example["middle"] + example["suffix"]


def train_tokenizer(texts, vocab_size):
    tok = Tokenizer(models.BPE(unk_token=None, byte_fallback=False))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size - len(SPECIAL) - len(TOOL_TOKENS), min_frequency=2,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer)
    tok.add_special_tokens(SPECIAL)
    tok.add_tokens(TOOL_TOKENS)
    return tok


def hf_tokenizer(tok, template):
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                   bos_token=None, unk_token=None, chat_template=template, model_max_length=2048,
                                   clean_up_tokenization_spaces=False, add_prefix_space=False)


def encode_dialogue(hf, example):
    """Token ids of a rendered conversation and a mask that trains only the assistant's turns."""
    messages, tools = example["messages"], example.get("tools")
    full = hf.apply_chat_template(messages, tools=tools, tokenize=False)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = hf.apply_chat_template(messages[:i], tools=tools, tokenize=False, add_generation_prompt=True)
        upto = hf.apply_chat_template(messages[:i + 1], tools=tools, tokenize=False)
        assert full.startswith(upto) and upto.startswith(before), "template is not prefix-stable"
        spans.append((len(before), len(upto)))
    ids, offsets = tokenize_pieces(hf, full, split_points(full) if _WORKER.get("split_arguments") else [])
    mask = [1 if any(s <= start < e for s, e in spans) else 0 for start, _ in offsets]
    return ids, mask


ARGUMENTS = '"arguments": '


def split_points(text):
    """Where a forced tool call leaves off: the engine writes '{"name": NAME, "arguments": ' into the prompt for
    tool_choice named, so the model must also continue after that lone trailing space, a token boundary that
    plain tokenisation of training text (' {' is one token) never shows. One dialogue in five gets it."""
    if ARGUMENTS not in text or int(hashlib.sha256(text.encode()).hexdigest(), 16) % 5:
        return []
    points, at = [], text.find(ARGUMENTS)
    while at >= 0:
        points.append(at + len(ARGUMENTS))
        at = text.find(ARGUMENTS, at + 1)
    return points


def tokenize_pieces(hf, text, points):
    ids, offsets, start = [], [], 0
    for end in points + [len(text)]:
        enc = hf(text[start:end], add_special_tokens=False, return_offsets_mapping=True)
        ids += enc["input_ids"]
        offsets += [(a + start, b + start) for a, b in enc["offset_mapping"]]
        start = end
    return ids, offsets


def encode_code(hf, example):
    if example["kind"] == "fim":
        text = f"<|fim_prefix|>{example['prefix']}<|fim_suffix|>{example['suffix']}<|fim_middle|>{example['middle']}"
    else:
        text = example["text"]
    ids = hf(text, add_special_tokens=False)["input_ids"] + [hf.convert_tokens_to_ids("<|endoftext|>")]
    return ids, [1] * len(ids)


_WORKER = {}


def _init_worker(tokenizer_file, template, split_arguments):
    _WORKER["hf"] = hf_tokenizer(Tokenizer.from_file(tokenizer_file), template)
    _WORKER["split_arguments"] = split_arguments


def _encode(example):
    hf = _WORKER["hf"]
    return encode_dialogue(hf, example) if "messages" in example else encode_code(hf, example)


def encode_all(tok, template, examples, split_arguments=False):
    import multiprocessing
    tok.save("/tmp/sov-tiny-tokenizer.json")
    with multiprocessing.get_context("fork").Pool(os.cpu_count(), _init_worker,
                                                   ("/tmp/sov-tiny-tokenizer.json", template, split_arguments)) as pool:
        return pool.map(_encode, examples, chunksize=512)


def pack(encoded, rng, whole=False, pad=0):
    rng.shuffle(encoded)
    if whole:
        return pack_whole(encoded, pad)
    ids, mask = [], []
    for i, m in encoded:
        ids.extend(i[:SEQ])
        mask.extend(m[:SEQ])
    rows = len(ids) // (SEQ + 1)
    x = torch.tensor(ids[: rows * (SEQ + 1)]).view(rows, SEQ + 1)
    w = torch.tensor(mask[: rows * (SEQ + 1)], dtype=torch.bool).view(rows, SEQ + 1)
    return x, w


def pack_whole(encoded, pad):
    """Rows of SEQ + 1 tokens in which no example is split: a long agent prompt must stay with its answer."""
    rows, row_ids, row_mask = [], [], []
    for i, m in encoded:
        i, m = i[:SEQ + 1], m[:SEQ + 1]
        if len(row_ids) + len(i) > SEQ + 1:
            rows.append((row_ids + [pad] * (SEQ + 1 - len(row_ids)), row_mask + [0] * (SEQ + 1 - len(row_mask))))
            row_ids, row_mask = [], []
        row_ids, row_mask = row_ids + i, row_mask + m
    x = torch.tensor([r[0] for r in rows]).view(len(rows), SEQ + 1)
    w = torch.tensor([r[1] for r in rows], dtype=torch.bool).view(len(rows), SEQ + 1)
    return x, w


def model_config(vocab_size, eos, pad):
    return Qwen2Config(vocab_size=vocab_size, hidden_size=384, intermediate_size=1024, num_hidden_layers=8,
                       num_attention_heads=6, num_key_value_heads=2, max_position_embeddings=2048,
                       rope_theta=10000.0, rms_norm_eps=1e-6, tie_word_embeddings=True, hidden_act="silu",
                       bos_token_id=pad, eos_token_id=eos, pad_token_id=pad, use_sliding_window=False)


@torch.no_grad()
def greedy(model, hf, prompts, max_new_tokens):
    """Greedy continuations, one prompt at a time (simple and exactly reproducible)."""
    outputs = []
    for prompt in prompts:
        ids = torch.tensor([hf(prompt, add_special_tokens=False)["input_ids"]], device="cuda")
        out = model.generate(ids, max_new_tokens=max_new_tokens, do_sample=False,
                             eos_token_id=[hf.convert_tokens_to_ids("<|im_end|>"),
                                           hf.convert_tokens_to_ids("<|endoftext|>")],
                             pad_token_id=hf.pad_token_id)
        outputs.append(out[0, ids.shape[1]:].tolist())
    return outputs


@torch.no_grad()
def greedy_batched(model, hf, prompts, max_new_tokens, batch=64):
    """Greedy continuations of many prompts at once, left-padded (for evaluation)."""
    hf.padding_side = "left"
    outputs = []
    for i in range(0, len(prompts), batch):
        enc = hf(prompts[i:i + batch], add_special_tokens=False, return_tensors="pt", padding=True).to("cuda")
        out = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False,
                             eos_token_id=[hf.convert_tokens_to_ids("<|im_end|>"),
                                           hf.convert_tokens_to_ids("<|endoftext|>")],
                             pad_token_id=hf.pad_token_id)
        outputs.extend(row[enc["input_ids"].shape[1]:].tolist() for row in out)
    return outputs


def evaluate(model, hf, examples):
    results = {}
    chat = [e for e in examples if not e["kind"].startswith("fim")]
    prompts = [hf.apply_chat_template(e["messages"][:1], tools=e.get("tools") if e["kind"] == "tool" else None,
                                      tokenize=False, add_generation_prompt=True) for e in chat]
    completions = greedy_batched(model, hf, prompts, 64)
    for example, tokens in zip(chat, completions):
        text = hf.decode(tokens, skip_special_tokens=False).split("<|im_end|>")[0].replace("<|endoftext|>", "")
        kind = example["kind"]
        if kind == "tool":
            ok = False
            if "<tool_call>" in text and "</tool_call>" in text:
                try:
                    call = json.loads(text.split("<tool_call>")[1].split("</tool_call>")[0])
                    ok = call == example["call"]
                except (ValueError, IndexError):
                    ok = False
        elif kind.startswith("notools"):
            ok = "<tool_call>" not in text
        else:
            ok = text.strip().endswith("= " + example["answer"])
        bucket = results.setdefault(kind, [0, 0])
        bucket[0] += int(ok)
        bucket[1] += 1
    fims = [e for e in examples if e["kind"] == "fim-eval"]
    fim_prompts = [f"<|fim_prefix|>{e['prefix']}<|fim_suffix|>{e['suffix']}<|fim_middle|>" for e in fims]
    exact, valid = 0, 0
    for example, tokens in zip(fims, greedy_batched(model, hf, fim_prompts, 48)):
        text = hf.decode(tokens, skip_special_tokens=False).split("<|endoftext|>")[0].split("<|im_end|>")[0]
        exact += int(text.split("\n")[0].strip() == example["middle"].split("\n")[0].strip())
        try:
            compile(example["prefix"] + text + example["suffix"], "<fim>", "exec")
            valid += 1
        except (SyntaxError, ValueError):
            pass
    results["fim-next-line-exact"] = [exact, len(fims)]
    results["fim-syntax-valid"] = [valid, len(fims)]
    return {k: {"correct": c, "total": t, "accuracy": round(c / t, 4)} for k, (c, t) in sorted(results.items())}


def evaluate_snippets(model, hf, examples):
    """Held-out small programs: the completion must be exactly the missing text."""
    items = [e for e in examples if e["kind"] == "fim-snippet"]
    if not items:
        return {}
    prompts = [f"<|fim_prefix|>{e['prefix']}<|fim_suffix|>{e['suffix']}<|fim_middle|>" for e in items]
    exact = 0
    for example, tokens in zip(items, greedy_batched(model, hf, prompts, 32)):
        text = hf.decode(tokens, skip_special_tokens=False).split("<|endoftext|>")[0]
        exact += int(text == example["middle"])
    return {"fim-snippet-exact": {"correct": exact, "total": len(items), "accuracy": round(exact / len(items), 4)}}


def forced_prefix(example):
    return '{"name": "' + example["call"]["name"] + '", ' + ARGUMENTS


def evaluate_clients(model, hf, examples):
    """Agent-shaped items: the first turn must call read on the named file, the second must quote it."""
    items = [e for e in examples if e["kind"] == "client-read"]
    if not items:
        return {}
    eos = "<|im_end|>"
    first = [hf.apply_chat_template(e["messages"][:2], tools=e["tools"], tokenize=False, add_generation_prompt=True)
             for e in items]
    second = [hf.apply_chat_template(e["messages"][:4], tools=e["tools"], tokenize=False, add_generation_prompt=True)
              for e in items]
    calls, answers, lengths = 0, 0, []
    for example, tokens in zip(items, greedy_batched(model, hf, first, 48, batch=16)):
        text = hf.decode(tokens, skip_special_tokens=False).split(eos)[0]
        try:
            calls += int(json.loads(text.split("<tool_call>")[1].split("</tool_call>")[0]) == example["call"])
        except (ValueError, IndexError):
            pass
    for example, tokens, prompt in zip(items, greedy_batched(model, hf, second, 96, batch=16), second):
        text = hf.decode(tokens, skip_special_tokens=False).split(eos)[0]
        answers += int(all(line in text for line in example["answer"]))
        lengths.append(len(hf(prompt, add_special_tokens=False)["input_ids"]))
    n = len(items)
    forced = [e for e in examples if e["kind"] == "tool"]
    forced_prompts = [hf.apply_chat_template([{"role": "user", "content": q}], tools=e["tools"], tokenize=False,
                                             add_generation_prompt=True) + "<tool_call>\n" + forced_prefix(e)
                      for e, q in zip(forced, ["What is 2 + 2?", "Hello", "Who are you?", "Convert 3 km to m."] * 100)]
    valid = 0
    for example, tokens in zip(forced, greedy_batched(model, hf, forced_prompts, 48)):
        text = hf.decode(tokens, skip_special_tokens=False).split("</tool_call>")[0]
        try:
            valid += int(isinstance(json.loads(forced_prefix(example) + text)["arguments"], dict))
        except (ValueError, KeyError, TypeError):
            pass
    return {"tool-forced-valid-json": {"correct": valid, "total": len(forced), "accuracy": round(valid / len(forced), 4)},
            "client-read-call": {"correct": calls, "total": n, "accuracy": round(calls / n, 4)},
            "client-read-answer": {"correct": answers, "total": n, "accuracy": round(answers / n, 4),
                                   "prompt_tokens_max": max(lengths)}}


def evaluate_heldout(model, hf, items):
    """The hand-written held-out phrasings: plain questions must get no call, natural requests the offered tool."""
    if not items:
        return {}, []
    prompts = [hf.apply_chat_template(e["messages"], tools=e.get("tools"), tokenize=False, add_generation_prompt=True)
               for e in items]
    scores, transcript = {}, []
    for example, tokens in zip(items, greedy_batched(model, hf, prompts, 64, batch=16)):
        text = hf.decode(tokens, skip_special_tokens=False).split("<|im_end|>")[0].replace("<|endoftext|>", "")
        try:
            call = json.loads(text.split("<tool_call>")[1].split("</tool_call>")[0])
        except (ValueError, IndexError):
            call = None
        if example["kind"] == "plain":
            checks = {"heldout-plain-no-call": "<tool_call>" not in text}
        else:
            offered = {t["function"]["name"] for t in example["tools"]}
            name = call.get("name") if isinstance(call, dict) else None
            checks = {"heldout-natural-calls-offered-tool": name == example["call"]["name"],
                      "heldout-natural-exact-call": call == example["call"],
                      "heldout-natural-no-unoffered-name": "<tool_call>" not in text or name in offered}
        for key, ok in checks.items():
            bucket = scores.setdefault(key, [0, 0])
            bucket[0] += int(ok)
            bucket[1] += 1
        transcript.append({"question": example["messages"][-1]["content"], "answer": text})
    return {k: {"correct": c, "total": t, "accuracy": round(c / t, 4)} for k, (c, t) in sorted(scores.items())}, \
        transcript


def evaluate_all(model, hf, evals, heldout):
    results = evaluate(model, hf, [e for e in evals if not e["kind"].startswith(("client", "fim-snippet"))])
    results.update(evaluate_clients(model, hf, evals))
    results.update(evaluate_snippets(model, hf, evals))
    held, transcript = evaluate_heldout(model, hf, heldout)
    results.update(held)
    return results, transcript


def embed_chat_template(folder, template):
    """Keep the chat template inside tokenizer_config.json, where most loaders look for it."""
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config["chat_template"] = template
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False))
    (folder / "chat_template.jinja").unlink(missing_ok=True)


def add_portable_config_keys(folder):
    """transformers 5 nests rope_theta under rope_parameters; older loaders (and ours) read the flat keys too."""
    path = folder / "config.json"
    config = json.loads(path.read_text())
    config.setdefault("rope_theta", config.get("rope_parameters", {}).get("rope_theta", 10000.0))
    config.setdefault("torch_dtype", config.get("dtype", "bfloat16"))
    path.write_text(json.dumps(config, indent=2))


def main():
    global SEQ
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--dialogues", type=int, default=400_000)
    parser.add_argument("--steps", type=int, default=3300)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--vocab", type=int, default=4096)
    parser.add_argument("--seq", type=int, default=SEQ)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--clients", type=int, default=0, help="agent-shaped dialogues added to the data")
    parser.add_argument("--snippets", type=int, default=0, help="small Python programs added as FIM examples")
    parser.add_argument("--plain", type=int, default=0, help="plain questions answered without a call (stage 3)")
    parser.add_argument("--natural", type=int, default=0, help="everyday requests for tool families (stage 3)")
    parser.add_argument("--heldout", default=str(HELDOUT), help="hand-written held-out phrasings, never trained on")
    parser.add_argument("--revised-mix", action="store_true",
                        help="stage 3's revised plain/natural mix, prepared for the next run (ADR 0129)")
    parser.add_argument("--init-from", help="continue from this model folder (its tokenizer is kept)")
    args = parser.parse_args()
    SEQ = args.seq
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    # The math attention kernel is deterministic; cuDNN's and flash's backward passes are not.
    torch.backends.cuda.enable_cudnn_sdp(False)
    torch.backends.cuda.enable_flash_sdp(False)
    torch.backends.cuda.enable_mem_efficient_sdp(False)
    started = time.time()

    data_dir = pathlib.Path("/tmp/sov-tiny-data")
    info = build_data.build(args.seed, args.dialogues, data_dir, args.clients, args.snippets, args.plain, args.natural,
                            args.heldout, args.revised_mix)
    train, evals = read_jsonl(data_dir / "train.jsonl"), read_jsonl(data_dir / "eval.jsonl")
    heldout = read_jsonl(args.heldout) if pathlib.Path(args.heldout).exists() else []
    log("data", info, len(train), "training examples", len(evals), "evaluation examples")

    template = (HERE / "chat_template.jinja").read_text()
    rng = random.Random(args.seed)
    if args.init_from:
        tok = Tokenizer.from_file(str(pathlib.Path(args.init_from) / "tokenizer.json"))
    else:
        sample = rng.sample(train, min(60_000, len(train)))
        texts = [training_text(e) for e in sample]
        tok = train_tokenizer(texts, args.vocab)
    hf = hf_tokenizer(tok, template)
    log("tokenizer", tok.get_vocab_size())

    encoded = encode_all(tok, template, train, split_arguments=bool(args.init_from))
    x, w = pack(encoded, rng, whole=bool(args.init_from), pad=hf.pad_token_id)
    log("packed", tuple(x.shape), "tokens", x.numel(), "trained tokens", int(w.sum()))

    config = model_config(tok.get_vocab_size(), hf.convert_tokens_to_ids("<|im_end|>"), hf.pad_token_id)
    if args.init_from:
        model = Qwen2ForCausalLM.from_pretrained(args.init_from, dtype=torch.float32).cuda()
    else:
        model = Qwen2ForCausalLM(config).cuda()
    params = sum(p.numel() for p in model.parameters())
    log("parameters", params)
    before = None
    if args.init_from:
        # The starting weights, measured in the same run on the same items: what the new stage changed.
        model.eval()
        before, before_transcript = evaluate_all(model, hf, evals, heldout)
        log("eval before", json.dumps(before))
        for line in before_transcript:
            log("before", json.dumps(line))
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.95), eps=1e-8)
    warmup = args.warmup
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1, (s + 1) / warmup) * 0.5 * (
            1 + math.cos(math.pi * min(1.0, s / args.steps))) * 0.95 + 0.05)
    order = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(args.seed))
    model.train()
    t0 = time.time()
    for step in range(args.steps):
        idx = order[(torch.arange(args.batch) + step * args.batch) % x.shape[0]]
        batch, weights = x[idx].cuda(non_blocking=True), w[idx].cuda(non_blocking=True)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(input_ids=batch[:, :-1]).logits.float()
        target = batch[:, 1:].masked_fill(~weights[:, 1:], -100)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1),
                                                 ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        schedule.step()
        if step % 100 == 0 or step == args.steps - 1:
            torch.cuda.synchronize()
            rate = (step + 1) * args.batch * SEQ / (time.time() - t0)
            log(f"step {step} loss {loss.item():.4f} lr {schedule.get_last_lr()[0]:.2e} tok/s {rate:,.0f}")

    model.eval()
    # Evaluate the shipped bf16 weights computed in float32, as the CPU engine computes them.
    model = model.to(torch.bfloat16).to(torch.float32)
    results, transcript = evaluate_all(model, hf, evals, heldout)
    log("eval", json.dumps(results))
    for line in transcript:
        log("after", json.dumps(line))

    reference_prompts = [
        hf.apply_chat_template([{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True)
        for q in ["What is 23 + 45?", "Who are you?", "Convert 7 km to m.", "Reverse the word 'banana'."]] + [
        "def fibonacci(n):\n", "<|fim_prefix|>import os\n\ndef home():\n    return <|fim_suffix|>\n<|fim_middle|>"]
    reference = [{"prompt": p, "prompt_ids": hf(p, add_special_tokens=False)["input_ids"], "greedy_ids": g}
                 for p, g in zip(reference_prompts, greedy(model, hf, reference_prompts, 32))]

    model = model.to(torch.bfloat16)
    model.config.dtype = torch.bfloat16
    model.generation_config.eos_token_id = [hf.convert_tokens_to_ids("<|im_end|>"),
                                            hf.convert_tokens_to_ids("<|endoftext|>")]
    model.generation_config.pad_token_id = hf.pad_token_id
    model.generation_config.bos_token_id = None
    model.generation_config.do_sample = False
    model.save_pretrained(out, safe_serialization=True, max_shard_size="14MB")
    hf.save_pretrained(out)
    embed_chat_template(out, template)
    add_portable_config_keys(out)
    report = {"seconds": round(time.time() - started), "parameters": params, "steps": args.steps,
              "batch": args.batch, "seq": SEQ, "lr": args.lr,
              "init_from": args.init_from and pathlib.Path(args.init_from).name, "data": info, "evaluation": results,
              **({"evaluation_of_init": before} if before else {}), "heldout_answers": transcript,
              "greedy_reference": reference,
              "versions": {"python": sys.version.split()[0], "torch": torch.__version__,
                           "transformers": __import__("transformers").__version__,
                           "tokenizers": __import__("tokenizers").__version__,
                           "gpu": torch.cuda.get_device_name(0)}}
    (out / "training_report.json").write_text(json.dumps(report, indent=1))
    log("done", report["seconds"], "s")


if __name__ == "__main__":
    main()
