"""Validates partner-fit's JSON output against its schemas with python-jsonschema, and
the profile schema against the loader on a corpus of edge-case profiles.

Usage: schema_check.py OUT_DIR BINARY CORPUS_DIR (run by .ci/schema-check, which writes
OUT_DIR's reports, diffs and schemas first)."""

import json
import pathlib
import subprocess
import sys
import tomllib

import jsonschema

out, binary, corpus = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
failures = []


def validator(name):
    schema = json.loads((out / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(v, folder):
    documents = sorted((out / folder).glob("*.json"))
    if not documents:
        failures.append(f"{folder}: no documents to validate")
    for path in documents:
        for error in v.iter_errors(json.loads(path.read_text())):
            where = "/".join(str(p) for p in error.absolute_path)
            failures.append(f"{path}: /{where}: {error.message[:300]}")
    return len(documents)


reports = validate(validator("report.schema.json"), "reports")
diffs = validate(validator("diff.schema.json"), "diffs")
print(f"schema-check: {reports} reports and {diffs} diffs checked against their schemas")

# The profile corpus: each file's name says what the loader must do with it (ok-*: it
# loads, bad-*: exit 2); the schema must agree, except for the files the corpus README
# lists as inexpressible, where it must still accept what the loader refuses (so the
# list stays true).
profile = validator("profile.schema.json")
inexpressible = set()
section = None
for line in (corpus / "README.md").read_text().splitlines():
    if line.startswith("## "):
        section = line[3:].strip().lower()
    elif section == "inexpressible" and line.startswith("- `"):
        inexpressible.add(line.split("`")[1])
checked = 0
for path in sorted(corpus.glob("*.toml")):
    checked += 1
    want_loads = path.name.startswith("ok-")
    if not want_loads and not path.name.startswith("bad-"):
        failures.append(f"{path}: name starts with neither ok- nor bad-")
        continue
    code = subprocess.run(
        [binary, "assess", "--format", "json", str(path)],
        capture_output=True,
    ).returncode
    loads = code in (0, 1)
    if code not in (0, 1, 2):
        failures.append(f"{path}: the loader exited {code}")
    if loads != want_loads:
        failures.append(f"{path}: the loader {'loads' if loads else 'refuses'} it")
    try:
        document = tomllib.loads(path.read_text())
        schema_accepts = profile.is_valid(document)
    except tomllib.TOMLDecodeError:
        schema_accepts = False
    if path.name in inexpressible:
        if loads or not schema_accepts:
            failures.append(
                f"{path}: listed as inexpressible, but the loader "
                f"{'loads' if loads else 'refuses'} it and the schema "
                f"{'accepts' if schema_accepts else 'refuses'} it"
            )
    elif schema_accepts != loads:
        errors = [e.message for e in profile.iter_errors(document)] if loads else []
        failures.append(
            f"{path}: the loader {'loads' if loads else 'refuses'} it, the schema "
            f"{'accepts' if schema_accepts else 'refuses'} it {errors[:3]}"
        )
print(f"schema-check: {checked} corpus profiles, loader and schema agree "
      f"(but for {len(inexpressible)} listed as inexpressible)" if not failures else "")
for f in failures:
    print(f"FAIL: {f}")
sys.exit(1 if failures else 0)
