#!/usr/bin/env python3
"""reports.json_schema: the JSON reports match their schemas (reports/schema/).

Validates the golden run reports in reports/testdata, a fresh `powercut run --json` of two
journal scenarios (one passing, one whose violations are expected) and a fresh
`powercut explore --json` with violations; then checks that the schemas refuse documents broken
on purpose (a required field dropped, a stray or renamed field, a value outside an enum), so
that a pass means something.

  json_schema_test.py POWERCUT SCHEMA_DIR TESTDATA_DIR SCENARIO_DIR WORKDIR
Exit 0 valid, 1 a failure, 77 (skipped) without python3-jsonschema.
"""
import copy
import json
import os
import shutil
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema not installed (Debian: python3-jsonschema)")
    sys.exit(77)

RUN_SCHEMA = "powercut-run-1.schema.json"
EXPLORE_SCHEMA = "powercut-explore-1.schema.json"


def validators(schema_dir):
    """A Draft 2020-12 validator per schema file. Each file's $id names it (in the reserved
    domain .invalid: nothing is fetched), and the relative $refs between the files resolve
    against it. Works with jsonschema 4.10 (Debian 12: RefResolver) and newer (referencing)."""
    schemas = {name: load(os.path.join(schema_dir, name)) for name in (RUN_SCHEMA, EXPLORE_SCHEMA)}
    store = {schema["$id"]: schema for schema in schemas.values()}
    cls = jsonschema.Draft202012Validator
    result = {}
    for name, schema in schemas.items():
        cls.check_schema(schema)
        try:
            from referencing import Registry, Resource
        except ImportError:
            resolver = jsonschema.RefResolver.from_schema(schema, store=store)
            result[name] = cls(schema, resolver=resolver)
        else:
            registry = Registry().with_resources(
                (uri, Resource.from_contents(contents)) for uri, contents in store.items())
            result[name] = cls(schema, registry=registry)
    return result


def errors(validator, document):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(root)", e.message)
            for e in validator.iter_errors(document)]


def powercut(argv, expected_code, cwd):
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False)
    if done.returncode != expected_code:
        sys.exit("%s: exit %d, expected %d\n%s" % (" ".join(argv), done.returncode,
                                                    expected_code, done.stdout))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def fresh_documents(tool, scenario_dir, work):
    """(label, schema, document) for a fresh run report and a fresh explore report."""
    run_json = os.path.join(work, "run.json")
    powercut([tool, "run", os.path.join(scenario_dir, "journal", "immediate.toml"),
              os.path.join(scenario_dir, "journal", "broken-file-syncs.toml"),
              "--work-dir", os.path.join(work, "run-work"), "--json", run_json], 0, work)
    run = load(run_json)
    if not any(m["groups"] for s in run["scenarios"] for m in s["models"]):
        sys.exit("the fresh run report has no violation group: broken-file-syncs.toml must have some")
    trace = os.path.join(work, "run-work", "journal-broken-file-syncs",
                         "journal-broken-file-syncs.trace")
    explore_json = os.path.join(work, "explore.json")
    powercut([tool, "explore", trace, "--model", "drop-unsynced", "--checker",
              'echo "every state rejected"; exit 1', "--json", explore_json], 1, work)
    explore = load(explore_json)
    if not explore["groups"] or not explore["violations"]:
        sys.exit("the fresh explore report has no violations or groups")
    return [("fresh run (immediate, broken-file-syncs)", RUN_SCHEMA, run),
            ("fresh explore (drop-unsynced, every state rejected)", EXPLORE_SCHEMA, explore)]


def broken_documents(run, explore):
    """(what was broken, schema, document): each must be refused."""
    cases = []

    def case(what, schema, original, edit):
        document = copy.deepcopy(original)
        edit(document)
        cases.append((what, schema, document))

    def first_group(document):
        for scenario in document["scenarios"]:
            for model in scenario["models"]:
                if model["groups"]:
                    return model["groups"][0]
        raise AssertionError("no group in the run report")

    case("run: a group without its required 'classification'", RUN_SCHEMA, run,
         lambda d: first_group(d).pop("classification"))
    case("run: a stray field in a group", RUN_SCHEMA, run,
         lambda d: first_group(d).update(stray=1))
    case("run: a scenario's 'verdict' outside its enum", RUN_SCHEMA, run,
         lambda d: d["scenarios"][0].update(verdict="pass"))
    case("run: the top-level 'summary' missing", RUN_SCHEMA, run, lambda d: d.pop("summary"))
    case("run: a stray field in a model's exploration", RUN_SCHEMA, run,
         lambda d: d["scenarios"][0]["models"][0]["exploration"].update(groups=[]))
    case("run: 'met' a string", RUN_SCHEMA, run,
         lambda d: d["scenarios"][0]["models"][0].update(met="true"))
    case("explore: a group's 'classification' renamed 'class'", EXPLORE_SCHEMA, explore,
         lambda d: d["groups"][0].update({"class": d["groups"][0].pop("classification")}))
    case("explore: a stray top-level field", EXPLORE_SCHEMA, explore, lambda d: d.update(stray=1))
    case("explore: the 'stats' missing", EXPLORE_SCHEMA, explore, lambda d: d.pop("stats"))
    case("explore: another schema name", EXPLORE_SCHEMA, explore,
         lambda d: d.update(schema="powercut-explore/2"))
    return cases


def main():
    tool, schema_dir, testdata, scenario_dir, work = map(os.path.abspath, sys.argv[1:6])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    check = validators(schema_dir)
    documents = [(name, RUN_SCHEMA, load(os.path.join(testdata, name)))
                 for name in sorted(os.listdir(testdata))
                 if name.startswith("run_") and name.endswith(".json")]
    documents += fresh_documents(tool, scenario_dir, work)
    failed = False
    for label, schema, document in documents:
        found = errors(check[schema], document)
        if found:
            failed = True
            print("INVALID %s against %s:\n  %s" % (label, schema, "\n  ".join(found[:20])))
        else:
            print("valid: %s (%s)" % (label, schema))
    run = documents[-2][2]
    explore = documents[-1][2]
    for what, schema, document in broken_documents(run, explore):
        found = errors(check[schema], document)
        if found:
            print("refused, as it must be: %s: %s" % (what, found[0]))
        else:
            failed = True
            print("ACCEPTED, but must be refused: %s" % what)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
