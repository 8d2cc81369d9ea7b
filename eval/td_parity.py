#!/usr/bin/env python3
"""Parity of recoupe's classic truth-discovery algorithms with the Python
`truthdiscovery` library (Joe Singleton; PyPI, GPL-3), run side by side.

The library is only *run* here, never copied: this script generates its
own synthetic problems, gives the same problem to both implementations
(the Rust side through `cargo run --release --example td-parity`), and
checks that trust vectors (and fact beliefs) agree within 1e-4 after the
same number of iterations, and under each algorithm's own stopping rule.

    pip install truthdiscovery        # or: pip install --no-deps truthdiscovery numpy scipy bidict
    python3 eval/td_parity.py                    # parity on synthetic problems
    python3 eval/td_parity.py --population DIR   # + TruthFinder time on Population

The library imports pycairo for drawing, which needs the cairo C library;
when that is missing the script stands in an empty `cairo` module, since
nothing here draws.
"""

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import types

try:
    import cairo  # noqa: F401
except ImportError:
    sys.modules["cairo"] = types.ModuleType("cairo")

from truthdiscovery import (  # noqa: E402
    AverageLog,
    Dataset,
    Investment,
    MajorityVoting,
    PooledInvestment,
    Sums,
    TruthFinder,
)
from truthdiscovery.utils.iterator import FixedIterator  # noqa: E402

TOLERANCE = 1e-4
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ALGORITHMS = {
    "voting": lambda it: MajorityVoting(),
    "sums": lambda it: Sums(iterator=it),
    "average-log": lambda it: AverageLog(iterator=it),
    "investment": lambda it: Investment(iterator=it),
    "pooled-investment": lambda it: PooledInvestment(iterator=it),
    "truthfinder": lambda it: TruthFinder(iterator=it),
}


def synthetic(seed, sources, objects, linked_share):
    """A random problem: sources of varied reliability answer objects with
    a true value or one of a few wrong ones, once per object; some objects
    are exclusive, the others carry random support and conflict links
    between their values. Every source speaks (Average·Log takes the log
    of a source's claim count)."""
    rng = random.Random(seed)
    reliability = [rng.uniform(0.3, 0.95) for _ in range(sources)]
    problem = {"sources": sources, "objects": [], "facts": [], "assertions": [], "links": []}
    fact_of = {}
    for o in range(objects):
        linked = rng.random() < linked_share
        problem["objects"].append({"exclusive": not linked})
        # Source o % sources always speaks, so that every source does.
        others = rng.sample(range(sources), rng.randint(0, min(sources, 6)))
        speakers = [o % sources] + [s for s in others if s != o % sources]
        values = []
        for s in speakers:
            value = 0 if rng.random() < reliability[s] else rng.randint(1, 3)
            if (o, value) not in fact_of:
                fact_of[(o, value)] = len(problem["facts"])
                problem["facts"].append(o)
                values.append(value)
            problem["assertions"].append([s, fact_of[(o, value)]])
        if linked:
            for i, a in enumerate(values):
                for b in values[i + 1:]:
                    kind = rng.choice(["support", "conflict", None])
                    if kind:
                        problem["links"].append([fact_of[(o, a)], fact_of[(o, b)], kind])
    return problem


# TruthFinder's implication: similarity minus the base similarity 0.5, so
# +0.5 between facts that support each other and -0.5 between facts that
# conflict (explicitly, or as two values of an exclusive object).
IMPLICATION = 0.5


def python_dataset(problem):
    links = {}
    for a, b, kind in problem["links"]:
        sign = IMPLICATION if kind == "support" else -IMPLICATION
        links[(a, b)] = links[(b, a)] = sign
    exclusive = [o["exclusive"] for o in problem["objects"]]

    def implication(var, a, b):
        if (a, b) in links:
            return links[(a, b)]
        return -IMPLICATION if exclusive[var] else None

    triples = [(f"s{s}", problem["facts"][f], f) for s, f in problem["assertions"]]
    return Dataset(triples, implication_function=implication)


def rust_scores(problem, iterations):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(problem, f)
        path = f.name
    try:
        cmd = ["cargo", "run", "--quiet", "--release", "--example", "td-parity", "--", path]
        if iterations is not None:
            cmd.append(str(iterations))
        out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        return json.loads(out)
    finally:
        os.unlink(path)


def python_scores(problem, dataset, name, iterations):
    iterator = FixedIterator(iterations) if iterations is not None else None
    result = ALGORITHMS[name](iterator).run(dataset)
    trust = [result.trust[f"s{s}"] for s in range(problem["sources"])]
    belief = [result.belief[problem["facts"][f]][f] for f in range(len(problem["facts"]))]
    return trust, belief, getattr(result, "iterations", 0) or 0


def compare(label, problem, iterations):
    dataset = python_dataset(problem)
    rust = rust_scores(problem, iterations)
    worst = {}
    ok = True
    for name in ALGORITHMS:
        trust, belief, rounds = python_scores(problem, dataset, name, iterations)
        r = rust[name]
        dt = max(abs(a - b) for a, b in zip(trust, r["trust"]))
        db = max(abs(a - b) for a, b in zip(belief, r["confidence"]))
        same_rounds = name == "voting" or rounds == r["iterations"]
        passed = dt <= TOLERANCE and db <= TOLERANCE and same_rounds
        ok &= passed
        worst[name] = (dt, db, rounds, r["iterations"], passed)
    print(f"{label}")
    for name, (dt, db, py_rounds, rs_rounds, passed) in worst.items():
        print(f"  {name:<18} max|Δtrust| {dt:.1e}  max|Δbelief| {db:.1e}  "
              f"rounds py {py_rounds:>3} rs {rs_rounds:>3}  {'ok' if passed else 'DIFFERS'}")
    return ok


def population_timing(directory):
    path = os.path.join(directory, "population", "population_claims.txt.gz")
    rows = []
    with gzip.open(path, "rt", encoding="latin-1") as f:
        for line in f:
            fields = [x.strip() for x in line.split("|\t")]
            if len(fields) >= 6 and fields[0].isdigit():
                rows.append((int(fields[0]), fields[5], (fields[2], fields[3]), fields[4]))
    rows.sort()
    # Distinct values of one item conflict, as in recoupe's run.
    dataset = Dataset([(s, v, x) for _, s, v, x in rows], allow_multiple=True,
                      implication_function=lambda var, a, b: -IMPLICATION)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        result = TruthFinder().run(dataset)
        times.append(time.perf_counter() - start)
    print(f"Python truthdiscovery TruthFinder on {len(rows)} Population claims: "
          f"{min(times) * 1000:.1f} ms (fastest of 7, {result.iterations} rounds; "
          "compare: cargo run --release --example eval-truth-discovery)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", metavar="DIR",
                        help="the truth-discovery corpus folder, to time TruthFinder")
    args = parser.parse_args()
    ok = True
    cases = [
        ("exact, 12 sources × 40 objects", synthetic(1, 12, 40, 0.0)),
        ("exact, 60 sources × 400 objects", synthetic(2, 60, 400, 0.0)),
        ("categorical with links, 30 × 200", synthetic(3, 30, 200, 0.5)),
        ("all linked, 8 × 25", synthetic(4, 8, 25, 1.0)),
    ]
    for label, problem in cases:
        for iterations in (1, 5, 20, None):
            rounds = "own stopping rule" if iterations is None else f"{iterations} iterations"
            ok &= compare(f"{label}, {rounds}", problem, iterations)
    if args.population:
        population_timing(args.population)
    print("parity holds" if ok else "PARITY FAILS")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
