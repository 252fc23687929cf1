#!/usr/bin/env python3
"""The cluster examples of the docs (docs/examples/) against the docs and against each other.

1. Every file under docs/examples/ appears verbatim in a docs/*.md page, in the fenced block right after
   the line "<!-- example: examples/<path> -->"; every such marker names an existing file.
2. The Kubernetes Indexed Job (examples/kubernetes/audit-job.yaml) parses as YAML and is the Slurm
   array's audit (examples/slurm/audit-array.sh): the same reclens-cli arguments once the index variable
   (JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID) and the shared folder (the volume's mount path / the
   default of RECLENS_SHARED) are named alike; completions = parallelism = the Slurm shard count = the
   size of --array; the CPU request = --cpus-per-task = --threads; the merge command the docs give for
   Kubernetes is examples/slurm/audit-merge.sh's (but for the name of the saved run).

Usage: examples_check.py SOURCE_DIR. Exit 0: all hold; 1: a check failed (each failure named); 77: the
YAML module is missing (ctest: skipped), except under CI=true, where that is a failure.
"""
import difflib
import os
import re
import shlex
import sys
from pathlib import Path

SRC = Path(sys.argv[1])
DOCS = SRC / "docs"
EXAMPLES = DOCS / "examples"
MARKER = re.compile(r"^<!-- example: (\S+) -->$")
INDEX, ROOT = "<INDEX>", "<SHARED>"

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def fenced_block_after(lines, start):
    """The text of the fenced block whose opening fence is the first non-empty line after `start`."""
    i = start + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not lines[i].startswith("```"):
        return None
    end = i + 1
    while end < len(lines) and lines[end] != "```":
        end += 1
    return "".join(line + "\n" for line in lines[i + 1 : end])


def check_docs_include_examples():
    included = set()
    for page in sorted(DOCS.glob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        for n, line in enumerate(lines):
            m = MARKER.match(line)
            if not m:
                continue
            name = m.group(1)
            where = f"{page.relative_to(SRC)}:{n + 1}"
            path = DOCS / name
            if not path.is_file():
                fail(f"{where} names {name}, which is not a file under docs/")
                continue
            block = fenced_block_after(lines, n)
            if block is None:
                fail(f"{where}: no fenced block follows the marker of {name}")
                continue
            text = path.read_text(encoding="utf-8")
            if block != text:
                diff = difflib.unified_diff(
                    text.splitlines(), block.splitlines(), f"docs/{name}", where, lineterm=""
                )
                fail(f"{where} differs from docs/{name}:\n" + "\n".join(diff))
            included.add(path.resolve())
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_file() and path.resolve() not in included:
            fail(f"{path.relative_to(SRC)} is shown in no docs page (marker <!-- example: ... -->)")


def shell_defaults(text):
    """name -> default of the lines name="${VAR:-default}"."""
    return dict(re.findall(r'^(\w+)="\$\{\w+:-([^}]*)\}"$', text, re.M))


def sbatch_option(text, name):
    m = re.search(rf"^#SBATCH --{name}=(\S+)$", text, re.M)
    return m.group(1) if m else None


def command_words(text, start):
    """The words of the (backslash-continued) command line that contains `start`, from `start` on."""
    joined = text.replace("\\\n", " ")
    for line in joined.split("\n"):
        if start in line:
            return shlex.split(line[line.index(start) :])
    return None


def slurm_words(text, start, substitutions):
    words = command_words(text, start)
    if words is None:
        return None
    out = []
    for w in words:
        for var, value in substitutions.items():
            w = w.replace("$" + var, value)
        out.append(w)
    return out


def without_name(words):
    """`words` with the value of --name (the saved run's name, free to differ) left out."""
    if words and "--name" in words[:-1]:
        i = words.index("--name")
        return words[: i + 1] + words[i + 2 :]
    return words


def check_kubernetes_matches_slurm(yaml):
    manifest_path = EXAMPLES / "kubernetes" / "audit-job.yaml"
    slurm_text = (EXAMPLES / "slurm" / "audit-array.sh").read_text(encoding="utf-8")
    merge_text = (EXAMPLES / "slurm" / "audit-merge.sh").read_text(encoding="utf-8")
    try:
        job = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        fail(f"{manifest_path.relative_to(SRC)} is not valid YAML: {e}")
        return
    spec = job.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    containers = pod.get("containers", [])
    if job.get("apiVersion") != "batch/v1" or job.get("kind") != "Job":
        fail("audit-job.yaml is not a batch/v1 Job")
    if spec.get("completionMode") != "Indexed":
        fail("audit-job.yaml: completionMode is not Indexed, so pods get no JOB_COMPLETION_INDEX")
    if len(containers) != 1:
        fail(f"audit-job.yaml: {len(containers)} containers, expected the one audit container")
        return
    container = containers[0]

    defaults = shell_defaults(slurm_text)
    shards = defaults.get("shards")
    array = sbatch_option(slurm_text, "array")
    cpus = sbatch_option(slurm_text, "cpus-per-task")
    if shards is None or array != f"0-{int(shards) - 1}":
        fail(f"audit-array.sh: --array={array} does not cover the default shard count {shards}")
    for key in ("completions", "parallelism"):
        if str(spec.get(key)) != shards:
            fail(f"audit-job.yaml: {key} {spec.get(key)} != the Slurm shard count {shards}")
    request = str(container.get("resources", {}).get("requests", {}).get("cpu"))
    if request != cpus:
        fail(f"audit-job.yaml: CPU request {request} != --cpus-per-task={cpus} of audit-array.sh")

    env = {e.get("name"): e for e in container.get("env", [])}
    field = env.get("JOB_COMPLETION_INDEX", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
    if field != "metadata.annotations['batch.kubernetes.io/job-completion-index']":
        fail(f"audit-job.yaml: JOB_COMPLETION_INDEX comes from {field}, not the completion-index annotation")

    mounts = {m.get("name"): m.get("mountPath") for m in container.get("volumeMounts", [])}
    volumes = {v.get("name") for v in pod.get("volumes", [])}
    if len(mounts) != 1 or not set(mounts) <= volumes:
        fail(f"audit-job.yaml: expected one mounted volume of the pod, found {mounts}")
        return
    mount = next(iter(mounts.values()))
    for init in pod.get("initContainers", []):
        if {m.get("mountPath") for m in init.get("volumeMounts", [])} != {mount}:
            fail(f"audit-job.yaml: init container {init.get('name')} does not mount {mount}")

    def kube(word):
        word = word.replace("$(JOB_COMPLETION_INDEX)", INDEX)
        return ROOT + word[len(mount) :] if word.startswith(mount + "/") else word

    kube_args = ["reclens-cli"] + [kube(w) for w in container.get("args", [])]
    slurm_args = slurm_words(
        slurm_text,
        "reclens-cli audit",
        {"shared": ROOT, "shards": shards, "SLURM_ARRAY_TASK_ID": INDEX, "SLURM_CPUS_PER_TASK": cpus},
    )
    if slurm_args != kube_args:
        fail(f"the audit arguments differ:\n  slurm:      {slurm_args}\n  kubernetes: {kube_args}")
    part = f"{ROOT}/audit/part-{INDEX}.json"
    if part not in kube_args:
        fail(f"audit-job.yaml does not write the partial to {part} (volume {mount})")

    # The merge of the Kubernetes section: the same command as audit-merge.sh, on the volume.
    doc = (DOCS / "audit.md").read_text(encoding="utf-8")
    kube_merge = command_words(doc, f"reclens-cli audit merge --project {mount}/")
    if kube_merge is None:
        fail(f"docs/audit.md has no 'reclens-cli audit merge --project {mount}/...' for Kubernetes")
    else:
        slurm_merge = without_name(slurm_words(merge_text, "reclens-cli audit merge", {"shared": ROOT}))
        kube_merge = without_name([kube(w) for w in kube_merge])
        if slurm_merge != kube_merge:
            fail(f"the merge commands differ:\n  slurm:      {slurm_merge}\n  kubernetes: {kube_merge}")
    if defaults.get("shared") is None:
        fail("audit-array.sh has no shared=\"${RECLENS_SHARED:-...}\" line")


check_docs_include_examples()
try:
    import yaml  # python3-yaml (Debian)
except ImportError:
    yaml = None
if yaml is not None:
    check_kubernetes_matches_slurm(yaml)
if failures:
    sys.exit(1)
if yaml is None:
    if os.environ.get("CI") == "true":
        print("FAIL: the Python module yaml is missing (CI=true: this check must run); install python3-yaml")
        sys.exit(1)
    print("SKIP: the Python module yaml is missing; install the Debian package python3-yaml")
    sys.exit(77)
print("ok: the docs show docs/examples/ verbatim; the Kubernetes Job is the Slurm array's audit")
