"""Reference hidden states and token ids from HF transformers and tokenizers for the engine's BERT encoder.

Usage: python3 reference_embeddings.py INPUTS_DIR OUT.json
INPUTS_DIR is written by the engine's test code (dev.sovereign.engine.testmodel.WriteBertReference):
bert-tiny-hf/ (a random-weight sentence-transformers folder), inputs.json (token-id rows with token types, and
texts) and optionally minilm/tokenizer.json (a real WordPiece vocabulary). For bert-tiny the script runs each
id row through transformers' BertModel in float32 and records last_hidden_state, and checks that a padded batch
with an attention mask gives the same rows. For every tokenizer.json it records HF tokenizers' ids for each text.
OUT.json is committed as sov-engine/src/test/resources/reference-embeddings/bert-tiny.json and read by
BertReferenceTest and WordPieceReferenceTest.
"""
import hashlib
import json
import os
import sys

import tokenizers
import torch
import transformers
from transformers import BertModel


def hidden_states(folder, inputs, device):
    model = BertModel.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager",
                                      add_pooling_layer=False).to(device).eval()
    rows = []
    with torch.no_grad():
        for item in inputs:
            ids = torch.tensor([item["ids"]], device=device)
            types = torch.tensor([item["token_type_ids"]], device=device)
            out = model(input_ids=ids, token_type_ids=types).last_hidden_state[0].float().cpu()
            rows.append([[round(v, 7) for v in row] for row in out.tolist()])
        # the same rows from one right-padded batch with an attention mask: padding must not leak in
        longest = max(len(item["ids"]) for item in inputs)
        ids = torch.zeros((len(inputs), longest), dtype=torch.long, device=device)
        types = torch.zeros_like(ids)
        mask = torch.zeros_like(ids)
        for b, item in enumerate(inputs):
            n = len(item["ids"])
            ids[b, :n] = torch.tensor(item["ids"])
            types[b, :n] = torch.tensor(item["token_type_ids"])
            mask[b, :n] = 1
        batched = model(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state.float().cpu()
    worst = 0.0
    for b, item in enumerate(inputs):
        n = len(item["ids"])
        worst = max(worst, (batched[b, :n] - torch.tensor(rows[b])).abs().max().item())
    return rows, worst


def token_ids(path, texts):
    tok = tokenizers.Tokenizer.from_file(path)
    tok.no_truncation()
    tok.no_padding()
    return {"plain": [tok.encode(t, add_special_tokens=False).ids for t in texts],
            "with_special": [tok.encode(t, add_special_tokens=True).ids for t in texts]}


def main(inputs_dir, out):
    with open(os.path.join(inputs_dir, "inputs.json"), encoding="utf-8") as f:
        spec = json.load(f)
    folder = os.path.join(inputs_dir, "bert-tiny-hf")
    with open(os.path.join(folder, "model.safetensors"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    rows, worst = hidden_states(folder, spec["inputs"], device)
    result = {"model": "bert-tiny", "safetensors_sha256": digest, "transformers": transformers.__version__,
              "torch": torch.__version__, "tokenizers": tokenizers.__version__, "device": device,
              "dtype": "float32", "batched_padding_max_difference": worst,
              "inputs": spec["inputs"], "last_hidden_state": rows, "texts": spec["texts"], "tokens": {}}
    for name in ("bert-tiny-hf", "minilm"):
        path = os.path.join(inputs_dir, name, "tokenizer.json")
        if os.path.isfile(path):
            result["tokens"][name] = token_ids(path, spec["texts"])
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    print("bert-tiny rows", len(rows), "batched vs single", worst, "tokenizers", list(result["tokens"]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
