#!/usr/bin/env python3
"""Writes a large synthetic store, to see `recoupe sources` at scale.

Each outlet has a hidden reliability (written to reliability.json beside
the store, never read by recoupe): the chance that it reports an event's
true figure rather than a wrong one. A working credibility score ranks the
outlets roughly in that order.

    python3 eval/synthetic_store.py /tmp/bigstore
    recoupe --store /tmp/bigstore sources
"""

import argparse
import json
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the folder to write the store to")
    parser.add_argument("--sources", type=int, default=150)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10, help="per event")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    reliability = [rng.uniform(0.4, 0.95) for _ in range(args.sources)]
    os.makedirs(os.path.join(args.out, "claims"), exist_ok=True)
    lines = ["sources:"]
    for i in range(args.sources):
        lines.append(f"  - id: outlet-{i:03d}\n    name: Outlet {i}\n    kind: newspaper")
    with open(os.path.join(args.out, "sources.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for e in range(args.events):
        lines = [f"event: ev-{e:03d}", "questions:"]
        for q in range(args.questions):
            lines.append(f"  - {{id: q{q}, ask: How many in {e}/{q}?, kind: count, "
                         "cumulative: false}")
        lines.append("claims:")
        claim = 0
        for q in range(args.questions):
            truth = rng.randint(10, 1000)
            for s in rng.sample(range(args.sources), rng.randint(1, 5)):
                v = truth if rng.random() < reliability[s] else rng.randint(10, 1000)
                value = f"{v}" if rng.random() < 0.7 else f"{{at_least: {max(1, v - 5)}}}"
                lines.append(f"  - {{id: c{e}-{claim}, source: outlet-{s:03d}, about: q{q}, "
                             f"value: {value}, text: t}}")
                claim += 1
        with open(os.path.join(args.out, "claims", f"ev-{e:03d}.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(args.out, "reliability.json"), "w") as f:
        json.dump({f"outlet-{i:03d}": r for i, r in enumerate(reliability)}, f, indent=1)


if __name__ == "__main__":
    main()
