#!/usr/bin/env python3
"""A second Rego engine on the same policies, the same input and the same queries as m365lint's
(regorus), as a peer for its evaluation cost and a check of its answers: rego-cpp through its
Python binding `regopy`.

For each tenant given, `engine_inputs` (an example of this crate) writes the canonical document
m365lint's policies see as `input`, the default parameters as `data`, and the list of rules.
This script then
1. loads each built-in policy module (policies/**/*.rego, tests excluded) into regopy alone,
   and each rule's module with the libraries, evaluating the rule by itself: a module that
   rego-cpp rejects, or a rule it fails or crashes on, is left out and reported with why;
2. evaluates each area's remaining rules in one query, `x := [count(data.<package>.deny), ...]`,
   as m365lint does (counts, not the findings: regopy 1.5.2 writes some strings into invalid
   JSON), `--runs` times in a child process;
3. runs the same query on regorus (`examples/query_cost --print`: the best of three, on the
   engine m365lint uses) and compares the counts rule by rule.

    python3 -m venv bench/.venv && bench/.venv/bin/pip install regopy
    bench/.venv/bin/python bench/regopy_peer.py target/corpus/tenant-0000 [--runs 3]

It prints one JSON object per tenant, and a line per area on stderr as it goes.
"""

import argparse
import json
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

import regopy

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "target" / "release" / "examples"
ENGINE_INPUTS = EXAMPLES / "engine_inputs"
QUERY_COST = EXAMPLES / "query_cost"


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
    """Runs in a child process: rego-cpp may crash (SIGSEGV, SIGBUS) on a module or a query, and
    a crash must not take the benchmark with it."""
    rego = regopy.Interpreter()
    if request["kind"] == "parse":
        rego.add_module(request["name"], request["source"])
        rego.query("x := 1")
        return {}
    for name, source in request["modules"]:
        rego.add_module(name, source)
    rego.add_data_json(json.dumps(request["data"]))
    # set_input_term crashes rego-cpp 1.5.2 (SIGSEGV) once data has been added; Input does not.
    rego.set_input(regopy.Input(request["input"]))
    times, counts = [], None
    for _ in range(request["runs"]):
        started = time.perf_counter()
        output = rego.query(request["query"])
        times.append(time.perf_counter() - started)
        result = json.loads(str(output))
        if isinstance(result, list):
            result = result[0]
        if "bindings" not in result:
            raise RuntimeError(f"no answer: {str(output)[:200]}")
        counts = result["bindings"]["x"]
    return {"median_ms": statistics.median(times) * 1000, "counts": counts}


def in_child(request):
    process = subprocess.run(
        [sys.executable, __file__, "--child"], input=json.dumps(request), capture_output=True, text=True
    )
    lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        reason = f"exit {process.returncode}" + (f" (signal {-process.returncode})" if process.returncode < 0 else "")
        raise RuntimeError(first_error(process.stdout + process.stderr) or reason)
    answer = json.loads(lines[-1])
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer


# A defect of rego-cpp 1.4 and 1.5 that makes it disagree with regorus and OPA on our policies:
# a function's argument used as an index inside a comprehension is taken as unbound, so
# `f(1)` iterates every element. The answer should be ["b"].
PROBE = """package probe
import rego.v1
xs := ["a", "b", "c"]
f(i) := {s | p := xs[i]; s := p}
"""


def probe():
    rego = regopy.Interpreter()
    rego.add_module("probe.rego", PROBE)
    answer = json.loads(str(rego.query("x := data.probe.f(1)")))
    return answer["bindings"]["x"] if "bindings" in answer else answer


def package(source):
    return source.split("\npackage ", 1)[1].split()[0] if not source.startswith("package ") else source.split()[1]


def count_query(rules):
    """One query over `rules`, as m365lint's grouped evaluation: the size of each rule's deny."""
    # One rule per line: regorus refuses a source line of more than 1024 characters.
    return "x := [\n" + ",\n".join(f"count(data.{rule['package']}.deny)" for rule in rules) + "\n]"


def regorus(tenant, query):
    """The same query on regorus (query_cost: best of three): (milliseconds, counts)."""
    output = subprocess.run([str(QUERY_COST), "--print", tenant, str(ROOT / "policies"), query],
                            capture_output=True, text=True, check=True).stdout
    # The timing line, whose query runs over several lines, then the value of x.
    return float(output.split()[0]), json.loads(output.splitlines()[-1])


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "engine_inputs",
                    "--example", "query_cost"], cwd=ROOT, check=True)


def main():
    if sys.argv[1:] == ["--child"]:
        try:
            print(json.dumps(child(json.loads(sys.stdin.read()))))
        except Exception as error:  # regopy raises RegoError and RuntimeError
            print(json.dumps({"error": first_error(error)}))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenants", nargs="+", help="tenant directories or files, as for m365lint check")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build()
    accepted, rejected = [], {}
    for name, source in modules():
        try:
            in_child({"kind": "parse", "name": name, "source": source})
            accepted.append((name, source))
        except RuntimeError as error:
            rejected[name] = str(error) or "rejected"
    libraries = [(name, source) for name, source in accepted if name.startswith("policies/lib/")]
    # A rule whose library rego-cpp rejects would read that library as undefined and find
    # nothing: it is left out rather than counted as an answer.
    missing_libraries = {package(source): name for name, source in modules()
                         if name in rejected and name.startswith("policies/lib/")}
    for tenant in args.tenants:
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run([str(ENGINE_INPUTS), tenant, scratch], check=True)
            directory = pathlib.Path(scratch)
            data = json.loads((directory / "data.json").read_text())
            rules = json.loads((directory / "rules.json").read_text())
            document = json.loads((directory / "input.json").read_text())
        by_package = {package(source): (name, source) for name, source in accepted}
        left_out, areas = {}, {}
        for rule in rules:
            module = by_package.get(rule["package"])
            if module is None:
                left_out[rule["id"]] = "module rejected"
                continue
            needs = [name for library, name in missing_libraries.items() if f"data.{library}" in module[1]]
            if needs:
                left_out[rule["id"]] = f"needs {', '.join(needs)}, which rego-cpp rejects"
                continue
            try:
                in_child({"kind": "eval", "modules": libraries + [module], "data": data, "input": document,
                          "query": count_query([rule]), "runs": 1})
            except RuntimeError as error:
                left_out[rule["id"]] = str(error) or "failed"
                continue
            areas.setdefault(rule["area"], []).append((rule, module))
        result = {"tenant": pathlib.Path(tenant).name, "engine": "regopy " + regopy.__version__,
                  "probe_f(1)_expected_[b]": probe(),
                  "modules_rejected": rejected, "rules_left_out": left_out, "areas": {}}
        for area, members in areas.items():
            query = count_query([rule for rule, _ in members])
            entry = {"rules": [rule["id"] for rule, _ in members]}
            regorus_ms, regorus_counts = regorus(tenant, query)
            entry["regorus_ms"] = round(regorus_ms, 2)
            try:
                answer = in_child({"kind": "eval", "modules": libraries + [m for _, m in members], "data": data,
                                   "input": document, "query": query, "runs": args.runs})
                entry["regopy_ms"] = round(answer["median_ms"], 2)
                entry["regopy_vs_regorus"] = round(answer["median_ms"] / regorus_ms, 1)
                entry["counts_differ"] = {rule["id"]: {"regopy": a, "regorus": b}
                                          for (rule, _), a, b in zip(members, answer["counts"], regorus_counts)
                                          if a != b}
            except RuntimeError as error:
                entry["regopy_failed"] = str(error) or "failed"
            result["areas"][area] = entry
            print(f"{result['tenant']} {area}: {entry}", file=sys.stderr)
        print(json.dumps(result))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
