"""Reference logits from HF transformers for the engine's generated safetensors test models.

Usage: python3 reference_logits.py MODELS_DIR OUT_DIR
MODELS_DIR holds <name>-hf folders and prompt.json (written by the engine's test code,
dev.sovereign.engine.testmodel.WriteReferenceModels). For each model the script runs the prompt
through the model in float32 (teacher forcing) and writes OUT_DIR/<name>.json with, per position,
the TOP highest logits (ids and values), plus the sha256 of model.safetensors so the Java test
knows the weights are the ones these numbers came from.
"""
import hashlib
import json
import os
import sys

import torch
import transformers
from transformers import AutoModelForCausalLM

TOP = 32


def main(models_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(models_dir, "prompt.json")) as f:
        prompt = json.load(f)["ids"]
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    for entry in sorted(os.listdir(models_dir)):
        folder = os.path.join(models_dir, entry)
        if not entry.endswith("-hf") or not os.path.isdir(folder):
            continue
        with open(os.path.join(folder, "model.safetensors"), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        model = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch.float32,
                                                     attn_implementation="eager").to(device).eval()
        with torch.no_grad():
            logits = model(torch.tensor([prompt], device=device)).logits[0].float().cpu()
        positions = []
        for row in logits:
            values, ids = torch.topk(row, TOP)
            positions.append({"ids": ids.tolist(), "logits": [round(v, 6) for v in values.tolist()]})
        name = entry[: -len("-hf")]
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump({"model": name, "safetensors_sha256": digest, "prompt": prompt,
                       "transformers": transformers.__version__, "torch": torch.__version__,
                       "device": device, "dtype": "float32", "positions": positions}, f, indent=1)
        print(name, "positions", len(positions), "top logit at last", positions[-1]["logits"][0])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
