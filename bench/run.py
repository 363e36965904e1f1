#!/usr/bin/env python3
"""m365lint's scale benchmark (docs/performance.md), in one run on one machine:

- the floor: reading and serde_json-parsing every export file of the corpus, nothing else
  (examples/parse_floor.rs);
- m365lint end to end on the same files: `check --format json --output FILE`;
- their ratio;
- 1 vs 2 worker threads (`--jobs`);
- peak RSS for 10 vs 200 tenants, with `--format json` and with `--format sarif` (both spooled);
- single-tenant cold-start `check` wall time (the README sample, and one corpus tenant).

    python3 bench/run.py [--tenants 200] [--corpus target/corpus] [--seed 42]

The corpus is generated (examples/generate_corpus.rs, seeded) when missing. Release builds are
built first. Prints a table and writes the figures as JSON to target/bench.json. Run it on an
otherwise idle machine: wall times are medians of --runs runs, but a busy machine still skews
them.

With `--peer PYTHON` (a Python that has regopy: `python3 -m venv bench/.venv &&
bench/.venv/bin/pip install regopy`), the same run also evaluates the policies on the peer
engine, rego-cpp, for the first corpus tenant (bench/regopy_peer.py: a few minutes, rego-cpp
being slow) and reports how much slower it is, area by area, and where the two disagree.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "m365lint"
FLOOR = ROOT / "target" / "release" / "examples" / "parse_floor"


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "parse_floor",
                    "--example", "generate_corpus"], cwd=ROOT, check=True)


def corpus(path, tenants, seed):
    existing = sorted(p for p in path.glob("tenant-*") if p.is_dir()) if path.is_dir() else []
    if len(existing) < tenants:
        subprocess.run([str(ROOT / "target" / "release" / "examples" / "generate_corpus"),
                        "--tenants", str(tenants), "--seed", str(seed), "--out", str(path)], check=True)
        existing = sorted(p for p in path.glob("tenant-*") if p.is_dir())
    return [str(p) for p in existing[:tenants]]


def timed(command, env=None):
    """Wall time in seconds and peak RSS in MiB of one run (the child's own, via wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command[:3])} ... exited {code}: {stderr[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def median(samples):
    return statistics.median(samples)


def check(tenants, jobs, out, output_format="json"):
    return [str(BIN), "check", "--format", output_format, "--output", out, "--jobs", str(jobs), *tenants]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT / "target" / "corpus")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--runs", type=int, default=3, help="runs per wall-time figure (median)")
    parser.add_argument("--threads-sample", type=int, default=20,
                        help="tenants for the 1 vs 2 threads comparison")
    parser.add_argument("--peer", metavar="PYTHON",
                        help="a Python with regopy: also run the peer engine on the first tenant")
    args = parser.parse_args()
    build()
    tenants = corpus(args.corpus, args.tenants, args.seed)
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    env2 = dict(os.environ, RAYON_NUM_THREADS="2")

    floor = median([float(subprocess.run([str(FLOOR), *tenants], env=env2, capture_output=True, text=True,
                                          check=True).stdout.split(",")[-1].split()[0])
                     for _ in range(args.runs)])
    e2e_runs = [timed(check(tenants, 2, out)) for _ in range(args.runs)]
    e2e = median([t for t, _ in e2e_runs])
    rss_all = max(r for _, r in e2e_runs)
    _, rss_10 = timed(check(tenants[:10], 2, out))
    _, sarif_rss_10 = timed(check(tenants[:10], 2, out, "sarif"))
    _, sarif_rss_all = timed(check(tenants, 2, out, "sarif"))

    sample = tenants[:args.threads_sample]
    one = median([timed(check(sample, 1, out))[0] for _ in range(args.runs)])
    two = median([timed(check(sample, 2, out))[0] for _ in range(args.runs)])

    cold = {}
    for name, tenant in [("fixtures/tenants/contoso", "fixtures/tenants/contoso"), ("corpus tenant", tenants[0])]:
        command = [str(BIN), "check", "--format", "json", "--output", out, tenant]
        timed(command)  # warm the page cache
        # A run takes tens of milliseconds and about one in fifteen is an outlier on a VM: the
        # median of many.
        cold[name] = median([timed(command)[0] for _ in range(max(args.runs, 25))])
    os.unlink(out)

    peer = None
    if args.peer:
        answer = subprocess.run([args.peer, str(ROOT / "bench" / "regopy_peer.py"), tenants[0],
                                 "--runs", str(args.runs)], capture_output=True, text=True, check=True)
        peer = json.loads(answer.stdout.splitlines()[-1])

    figures = {
        "tenants": len(tenants),
        "corpus_bytes": sum(f.stat().st_size for t in tenants for f in pathlib.Path(t).rglob("*") if f.is_file()),
        "floor_s": round(floor, 3),
        "end_to_end_s": round(e2e, 3),
        "ratio": round(e2e / floor, 1),
        "threads_sample_tenants": len(sample),
        "one_thread_s": round(one, 3),
        "two_threads_s": round(two, 3),
        "speedup": round(one / two, 2),
        "peak_rss_10_mib": round(rss_10, 1),
        f"peak_rss_{len(tenants)}_mib": round(rss_all, 1),
        "rss_growth": round(rss_all / rss_10, 2),
        "peak_rss_sarif_10_mib": round(sarif_rss_10, 1),
        f"peak_rss_sarif_{len(tenants)}_mib": round(sarif_rss_all, 1),
        "rss_growth_sarif": round(sarif_rss_all / sarif_rss_10, 2),
        "cold_start_ms": {name: round(seconds * 1000, 1) for name, seconds in cold.items()},
        "cores": os.cpu_count(),
    }
    if peer:
        figures["peer"] = peer
    rows = [
        ("floor (read + parse)", f"{floor:.2f} s", "–"),
        ("end to end (check → JSON)", f"{e2e:.2f} s", "≤ 3× floor"),
        ("ratio", f"{e2e / floor:.1f}×", "≤ 3×"),
        (f"1 vs 2 threads ({len(sample)} tenants)", f"{one:.2f} s vs {two:.2f} s = {one / two:.2f}×", "≥ 1.7×"),
        (f"peak RSS 10 vs {len(tenants)} tenants (JSON)",
         f"{rss_10:.0f} vs {rss_all:.0f} MiB = {rss_all / rss_10:.2f}×", "≤ 1.5×"),
        (f"peak RSS 10 vs {len(tenants)} tenants (SARIF)",
         f"{sarif_rss_10:.0f} vs {sarif_rss_all:.0f} MiB = {sarif_rss_all / sarif_rss_10:.2f}×", "≤ 1.5×"),
    ] + [(f"cold start, {name}", f"{seconds * 1000:.0f} ms", "≤ 50 ms") for name, seconds in cold.items()]
    if peer:
        for area, entry in peer["areas"].items():
            if "regopy_ms" not in entry:
                value = f"failed: {entry.get('regopy_failed', '?')}"[:60]
            else:
                differ = ", ".join(entry["counts_differ"]) or "none"
                value = (f"{entry['regopy_ms'] / 1000:.2f} s vs {entry['regorus_ms']:.0f} ms = "
                         f"{entry['regopy_vs_regorus']:.0f}× ({len(entry['rules'])} rules; differ: {differ})")
            rows.append((f"peer {peer['engine']}, {area}", value, "–"))
        rows.append((f"peer {peer['engine']}, left out", f"{len(peer['rules_left_out'])} rules", "–"))
    width = max(len(r[0]) for r in rows)
    print(f"{len(tenants)} tenants, {figures['corpus_bytes'] / 2**20:.0f} MiB of exports, {os.cpu_count()} cores")
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:<32} target {target}")
    (ROOT / "target" / "bench.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
