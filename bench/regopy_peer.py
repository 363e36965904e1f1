#!/usr/bin/env python3
"""A second Rego engine on the same policies and the same input, as a peer for m365lint's
(regorus) evaluation cost: rego-cpp through its Python binding `regopy`.

For each tenant directory given, `engine_inputs` (an example of this crate) writes the
canonical document m365lint's policies see as `input`, the default parameters as `data`, and
the list of rules. This script loads every built-in policy (policies/**/*.rego, tests
excluded) into regopy, evaluates each area's rules in one query (as m365lint does), and prints
the median evaluation time per tenant and the number of findings per rule, so that the two
engines' answers can be compared as well as their speed.

    python3 -m venv bench/.venv && bench/.venv/bin/pip install regopy
    bench/.venv/bin/python bench/regopy_peer.py --inputs /tmp/peer/tenant-0000 [--runs 3]

It prints one JSON object per tenant.
"""

import argparse
import json
import pathlib
import re
import statistics
import subprocess
import sys
import time

import regopy

ROOT = pathlib.Path(__file__).resolve().parent.parent


SOME_KEY_VALUE = re.compile(r"(\bif )?\bsome (\w+), (\w+) in ")


def without_some_key_value(source):
    """rego-cpp 1.5 rejects `some k, v in xs` inside a comprehension ("Invalid collection":
    it reads the comma as a collection separator); OPA and regorus accept it. Rewrite every
    `some k, v in EXPR` as the equivalent `some k; v := EXPR[k]` (wrapped in braces after
    `if`), EXPR running to the first `;`, end of line or unbalanced closing bracket. (Over a
    set the two differ, v being true instead of the element; no built-in policy iterates a set
    with two variables.)"""
    out, position = [], 0
    for match in SOME_KEY_VALUE.finditer(source):
        if match.start() < position:
            continue
        depth, end = 0, match.end()
        while end < len(source):
            char = source[end]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif char in ";\n" and depth == 0:
                break
            end += 1
        expression = source[match.end():end].strip()
        key, value = match.group(2), match.group(3)
        line_start = source.rfind("\n", 0, match.start()) + 1
        indent = source[line_start:match.start()]
        separator = "\n" + indent if indent.strip() == "" and not match.group(1) else "; "
        rewritten = f"some {key}{separator}{value} := {expression}[{key}]"
        if match.group(1):
            rewritten = "if { " + rewritten + " }"
        out.append(source[position:match.start()])
        out.append(rewritten)
        position = end
    out.append(source[position:])
    return "".join(out)


def first_error(error):
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    messages = [line for line in lines if not line.startswith(("(", "~", "-"))]
    return " | ".join(messages[:3])[:300]


def modules():
    for path in sorted((ROOT / "policies").rglob("*.rego")):
        if not path.name.endswith("_test.rego"):
            yield str(path.relative_to(ROOT)), without_some_key_value(path.read_text(encoding="utf-8"))


def child(request):
    """Runs in a child process: rego-cpp may crash (SIGBUS) after rejecting a module, and a
    crash must not take the benchmark with it."""
    kind = request["kind"]
    rego = regopy.Interpreter()
    if kind == "parse":
        rego.add_module(request["name"], request["source"])
        rego.query("x := 1")
        return {}
    for name, source in request["modules"]:
        rego.add_module(name, source)
    rego.add_data_json(json.dumps(request["data"]))
    # set_input_term crashes rego-cpp 1.5.2 (SIGSEGV) once data has been added; Input does not.
    rego.set_input(regopy.Input(request["input"]))
    times, values = [], None
    for _ in range(request["runs"]):
        started = time.perf_counter()
        output = rego.query(request["query"])
        times.append(time.perf_counter() - started)
        result = json.loads(str(output))
        if isinstance(result, list):
            result = result[0]
        values = result["bindings"]["x"]
    return {"median_ms": statistics.median(times) * 1000, "counts": [len(v) for v in values]}


def in_child(request):
    process = subprocess.run(
        [sys.executable, __file__, "--child"], input=json.dumps(request), capture_output=True, text=True
    )
    lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        reason = f"exit {process.returncode}" + (f" ({-process.returncode} signal)" if process.returncode < 0 else "")
        raise RuntimeError(first_error(process.stdout + process.stderr) or reason)
    answer = json.loads(lines[-1])
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer


def area_queries(rules):
    areas = {}
    for rule in rules:
        areas.setdefault(rule["area"], []).append(rule)
    # One query per area: `x := [data.<package>.deny, ...]`, like m365lint's grouped evaluation.
    return {
        area: (members, "x := [" + ", ".join(f"data.{r['package']}.deny" for r in members) + "]")
        for area, members in areas.items()
    }


def main():
    if sys.argv[1:] == ["--child"]:
        try:
            print(json.dumps(child(json.loads(sys.stdin.read()))))
        except Exception as error:  # regopy raises RegoError and RuntimeError
            print(json.dumps({"error": first_error(error)}))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", nargs="+", required=True, help="directories written by engine_inputs")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    accepted, rejected = [], {}
    for name, source in modules():
        try:
            in_child({"kind": "parse", "name": name, "source": source})
            accepted.append((name, source))
        except RuntimeError as error:
            rejected[name] = str(error)
    for directory in map(pathlib.Path, args.inputs):
        data = json.loads((directory / "data.json").read_text())
        rules = json.loads((directory / "rules.json").read_text())
        document = json.loads((directory / "input.json").read_text())
        evaluated, failed, counts, total = {}, {}, {}, 0.0
        for area, (members, query) in area_queries(rules).items():
            request = {"kind": "eval", "modules": accepted, "data": data, "input": document,
                       "query": query, "runs": args.runs}
            try:
                answer = in_child(request)
            except RuntimeError as error:
                failed[area] = str(error)
                continue
            evaluated[area] = round(answer["median_ms"], 2)
            total += answer["median_ms"]
            counts.update({rule["id"]: n for rule, n in zip(members, answer["counts"])})
        print(json.dumps({
            "tenant": directory.name,
            "engine": "regopy " + regopy.__version__,
            "median_ms_by_area": evaluated,
            "median_ms_evaluated_areas": round(total, 2),
            "areas_failed": failed,
            "modules_rejected": rejected,
            "findings": counts,
        }))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
