"""Writes the small fixed evaluation sample the Java test suite runs through Sovereign's engine.

The items are the first ones of each kind that build_data.py's evaluation set holds (same seed,
same held-out rules), so the Java figures and the model card's PyTorch figures measure the same
kind of item. Usage: python3 eval_sample.py OUT.jsonl
"""
import json
import random
import sys

import build_data


def main(out_path, seed=20261127):
    rng = random.Random(seed + 1)
    items = []
    for op, da, db, n, keep in [("+", 2, 2, 100, 40), ("-", 2, 2, 100, 40)]:
        batch = [build_data.arithmetic(rng, op, da, db, heldout=True) for _ in range(n)]
        items += batch[:keep]
    # Skip the remaining arithmetic kinds exactly as build_data.build does, to stay on its sequence.
    for op, da, db, n in [("+", 3, 3, 50), ("-", 3, 3, 50), ("+", 4, 4, 50), ("-", 4, 4, 50), ("*", 2, 1, 50),
                          ("*", 2, 2, 50), ("*", 3, 2, 25)]:
        for _ in range(n):
            build_data.arithmetic(rng, op, da, db, heldout=True)
    tools = [build_data.tool_call(rng, heldout=True) for _ in range(100)]
    items += tools[:40]
    notools = []
    for _ in range(50):
        example = build_data.arithmetic(rng, "+", 2, 2, heldout=True) if rng.random() < 0.5 else build_data.about(rng)
        example["kind"] = "notools-" + example["kind"]
        notools.append(example)
    items += notools[:10]
    with open(out_path, "w") as out:
        for item in items:
            out.write(json.dumps(item) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
