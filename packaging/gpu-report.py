"""Assembles OUT/gpu-check.json from the files packaging/gpu-check.sh leaves in OUT.

usage: python3 gpu-report.py OUT
"""
import json
import os
import sys

out = sys.argv[1]


def load(name):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def test_names(tests, keep):
    return [f"{suite['name']}.{test['name']}" for suite in tests["testsuites"] for test in suite["testsuite"]
            if keep(test)]


with open(os.path.join(out, "environment.log")) as f:
    environment = f.read().splitlines()
with open(os.path.join(out, "stages.jsonl")) as f:
    stages = [json.loads(line) for line in f]
report = {"environment": environment, "stages": stages, "seconds": sum(stage["seconds"] for stage in stages)}

tests = load("gpu-tests.json")
if tests:
    report["gpu_tests"] = {key: tests.get(key) for key in ("tests", "failures", "disabled", "errors", "time")}
    report["gpu_tests"]["failed"] = test_names(tests, lambda test: test.get("failures"))
    report["gpu_tests"]["skipped"] = test_names(tests, lambda test: test.get("result") == "SKIPPED")

for name in ("bench-ml1m", "bench-ml20m", "bench-ml1m-cpu", "profile"):
    report[name.replace("-", "_")] = load(name + ".json")

precision = {}
for kind in ("fp32", "bf16"):
    metrics = load(f"train-multvae-{kind}.json")
    if metrics:
        precision[kind] = {"test_ndcg@100": metrics["test"]["ndcg@100"],
                           "standard_error": metrics["test"]["ndcg@100_se"],
                           "best_epoch": metrics["best_epoch"], "epochs": metrics["details"]["epochs"],
                           "seconds": metrics["seconds"]}
if len(precision) == 2:
    precision["difference"] = precision["bf16"]["test_ndcg@100"] - precision["fp32"]["test_ndcg@100"]
    precision["within_one_standard_error"] = abs(precision["difference"]) <= precision["fp32"]["standard_error"]
report["mixed_precision_ml1m"] = precision

with open(os.path.join(out, "gpu-check.json"), "w") as f:
    json.dump(report, f, indent=1)
print(json.dumps({key: report[key] for key in ("stages", "seconds")}))
