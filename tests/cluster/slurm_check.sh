#!/usr/bin/env bash
# The sharded audit and simulation on a real Slurm cluster: a single node on this machine (cluster.sh),
# running the scripts of docs/examples/slurm/ exactly as the docs show them.
#   1. The audit of a generated project as a job array of 4 shards and a merge that waits for it
#      (submit.sh): the merged result equals the unsharded audit.
#   2. The same again with array task 2 cancelled while it runs (scancel): the merge stays pending, the
#      partial is missing, a merge by hand warns of the missing shard and refuses a doubled one; the task
#      is run again with a new merge (resubmit.sh), and the result is again the unsharded audit's.
#   3. The simulation's seeds as a job array and its merge: equal to the unsharded run.
# The unsharded runs use the array scripts' own reclens-cli arguments without --shard and --out.
# Usage: slurm_check.sh RECLENS_CLI SOURCE_DIR. Exit 77 (ctest: skipped, with the reason) when the Slurm
# packages are missing, the user is not root, or the daemons do not start; under CI=true those fail.
set -u
cli="$(realpath "$1")"
src="$(realpath "$2")"
here="$(dirname "$(realpath "$0")")"
examples="$src/docs/examples/slurm"
export PATH="$PATH:/usr/sbin:/sbin"
# shellcheck source=cluster.sh
. "$here/cluster.sh"

started=$SECONDS
fail=0
check() {
  if eval "$2"; then echo "ok: $1"; else
    echo "FAIL: $1"
    fail=1
  fi
}
cannot_run() {
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $1 (CI=true: the cluster test must run)"
    exit 1
  fi
  echo "SKIP: $1"
  exit 77
}

[ "$(id -u)" -eq 0 ] || cannot_run "slurmd must run as root to start jobs; run this test as root"
missing=$(cluster_missing)
[ -z "$missing" ] || cannot_run "missing commands: $missing(Debian packages munge slurmctld slurmd slurm-client python3; bash build.sh installs them)"

tmp=$(mktemp -d /tmp/reclens-cluster.XXXXXX) || exit 1
chmod 755 "$tmp"
# A detached reaper stops the cluster if this script is killed without a chance to clean up (SIGKILL).
(setsid bash "$here/cluster.sh" reap $$ "$tmp" </dev/null >/dev/null 2>&1 &)
on_exit() {
  cluster_stop "$tmp"
  rm -rf "$tmp"
  echo "cluster test: $((SECONDS - started)) s"
}
trap on_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

if ! cluster_start "$tmp"; then
  for f in "$tmp"/log/*; do
    echo "--- $f"
    tail -n 20 "$f"
  done
  cannot_run "the Slurm daemons did not start on this machine (logs above)"
fi

# Jobs run in $tmp/work (their output files slurm-*.out land there) with reclens-cli on the PATH.
mkdir -p "$tmp/bin" "$tmp/work" "$tmp/shared"
ln -s "$cli" "$tmp/bin/reclens-cli"
export PATH="$tmp/bin:$PATH" RECLENS_SHARED="$tmp/shared" RECLENS_SHARDS=4 OMP_WAIT_POLICY=passive
cd "$tmp/work" || exit 1
project="$RECLENS_SHARED/shop.reclens"
reclens-cli generate --size tiny --project "$project" --quiet || exit 1
reclens-cli train --project "$project" --model twotower --dim 64 --epochs 2 --threads 1 --device cpu --quiet \
  >/dev/null || exit 1
echo "project and model ready after $((SECONDS - started)) s"

# --- helpers ---------------------------------------------------------------------------------------
# The state of job (or array task) ID, e.g. COMPLETED; "" once Slurm no longer knows it.
job_state() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
job_reason() { scontrol -o show job "$1" 2>/dev/null | grep -o 'Reason=[A-Za-z_]*' | head -n 1 | cut -d= -f2; }
# Every task state of array job ID, one "index state" a line.
array_states() { scontrol -o show job "$1" 2>/dev/null | sed -n 's/.*ArrayTaskId=\([0-9-]*\) .*JobState=\([A-Z_]*\).*/\1 \2/p' | sort -n; }
# Waits (at most SECONDS) until job ID has left the queue.
wait_done() {
  cluster_wait_for "$2" bash -c "[ -z \"\$(squeue -h -j $1 -o %i 2>/dev/null)\" ]" || {
    echo "job $1 still queued after $2 s: $(squeue -h -j "$1" -o '%i %T %r' 2>&1)"
    return 1
  }
}
show_outputs() {
  for f in "$tmp"/work/slurm-*.out; do
    [ -s "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }
  done
}
# Sets the array `whole` to the reclens-cli arguments of array script SCRIPT without --shard and --out:
# the script runs outside Slurm (as task 0, 2 CPUs) with a stand-in reclens-cli that records them.
unsharded_args() {
  mkdir -p "$tmp/recordbin"
  printf '#!/bin/bash\nprintf "%%s\\0" "$@" >"%s"\n' "$tmp/args" >"$tmp/recordbin/reclens-cli"
  chmod +x "$tmp/recordbin/reclens-cli"
  rm -f "$tmp/args"
  SLURM_ARRAY_TASK_ID=0 SLURM_CPUS_PER_TASK=2 PATH="$tmp/recordbin:$PATH" bash "$1" && [ -s "$tmp/args" ] || {
    echo "FAIL: $1 did not run reclens-cli"
    return 1
  }
  local words w skip=0
  mapfile -d '' words <"$tmp/args"
  whole=()
  for w in "${words[@]}"; do
    if [ $skip = 1 ]; then
      skip=0
    elif [ "$w" = --shard ] || [ "$w" = --out ]; then
      skip=1
    else
      whole+=("$w")
    fi
  done
  echo "unsharded: reclens-cli ${whole[*]}"
}
# Compares two audit results as the shard tests do: metrics, partial records and configuration equal.
same_audit() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
bad = [k for k in ("metrics", "partial", "config") if a.get(k) != b.get(k) or not a.get(k)]
print("equal" if not bad else "differ in: " + ", ".join(bad))
sys.exit(1 if bad else 0)
PY
}
# Compares two simulation results: everything but the time taken.
same_simulation() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("seconds", None)
bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
print("equal" if a and not bad else "differ in: " + ", ".join(bad))
sys.exit(1 if bad or not a else 0)
PY
}

# --- 1. audit: array + merge -----------------------------------------------------------------------
# The unsharded audit: the reclens-cli arguments of audit-array.sh without --shard and --out.
unsharded_args "$examples/audit-array.sh" || exit 1
reclens-cli "${whole[@]}" --json "$tmp/audit-whole.json" >/dev/null || exit 1
read -r array merge < <(bash "$examples/submit.sh" audit --cpus-per-task=1) || exit 1
echo "audit: array job $array, merge job $merge"
wait_done "$merge" 180
check "audit: the 4 array tasks completed" "[ \"\$(array_states $array | tr '\n' ' ')\" = '0 COMPLETED 1 COMPLETED 2 COMPLETED 3 COMPLETED ' ]"
check "audit: the merge job completed" "[ \"\$(job_state $merge)\" = COMPLETED ]"
check "audit: 4 partials" "[ \$(ls $RECLENS_SHARED/audit/part-*.json | wc -l) -eq 4 ]"
check "audit: merged result = unsharded audit" "same_audit $tmp/audit-whole.json $RECLENS_SHARED/audit/result.json"
check "audit: the merge saved the run" "reclens-cli audit list --project $project | grep -q 'twotower-64, Slurm job $merge'"
[ $fail -eq 0 ] || show_outputs
echo "audit array + merge: $((SECONDS - started)) s since start"

# --- 2. audit: a task cancelled while it runs, then run again ---------------------------------------
# Task 2 is held at its start (before reclens-cli reads anything) while $tmp/hold exists, so that it is
# certainly running when cancelled; the other tasks run as before.
rm -rf "$RECLENS_SHARED/audit"
mkdir -p "$tmp/holdbin"
cat >"$tmp/holdbin/reclens-cli" <<EOF
#!/bin/bash
if [[ " \$* " == *" --shard 2/4 "* ]] && [ -e "$tmp/hold" ]; then
  echo \$\$ >"$tmp/held.pid"
  while [ -e "$tmp/hold" ]; do sleep 0.2; done
fi
exec "$cli" "\$@"
EOF
chmod +x "$tmp/holdbin/reclens-cli"
touch "$tmp/hold"
read -r array merge < <(PATH="$tmp/holdbin:$PATH" bash "$examples/submit.sh" audit --cpus-per-task=1) || exit 1
echo "audit with a cancelled task: array job $array, merge job $merge"
cluster_wait_for 120 test -s "$tmp/held.pid" || echo "task 2 did not start"
check "audit: task 2 is running" "[ \"\$(job_state ${array}_2)\" = RUNNING ]"
cluster_wait_for 120 bash -c "[ \$(ls $RECLENS_SHARED/audit/part-*.json 2>/dev/null | wc -l) -eq 3 ]"
scancel "${array}_2"
cluster_wait_for 60 bash -c "[ \"\$(scontrol -o show job ${array}_2 | grep -o 'JobState=[A-Z]*')\" = JobState=CANCELLED ]"
held=$(cat "$tmp/held.pid" 2>/dev/null)
check "audit: task 2 is cancelled" "[ \"\$(job_state ${array}_2)\" = CANCELLED ]"
check "audit: its process has ended" "[ -n '$held' ] && cluster_wait_for 20 bash -c '! kill -0 $held'"
check "audit: the other tasks completed" "[ \"\$(array_states $array | grep -v '^2 ' | tr '\n' ' ')\" = '0 COMPLETED 1 COMPLETED 3 COMPLETED ' ]"
check "audit: no partial of task 2" "[ ! -e $RECLENS_SHARED/audit/part-2.json ]"
cluster_wait_for 30 bash -c "[ \"\$(scontrol -o show job $merge | grep -o 'Reason=[A-Za-z]*')\" = Reason=DependencyNeverSatisfied ]"
check "audit: the merge waits for ever (DependencyNeverSatisfied)" "[ \"\$(job_state $merge)\" = PENDING ] && [ \"\$(job_reason $merge)\" = DependencyNeverSatisfied ]"
parts=("$RECLENS_SHARED"/audit/part-{0,1,3}.json)
out=$(reclens-cli audit merge --project "$project" --quiet --json "$tmp/three.json" "${parts[@]}" 2>&1 >/dev/null)
rc=$?
check "audit: a merge without shard 2 warns, exit 0" "[ $rc -eq 0 ] && [ \"\$out\" = 'reclens-cli: warning: the partials cover 3 of 4 shards; the result covers only their users' ]"
out=$(reclens-cli audit merge --project "$project" --quiet "${parts[0]}" "${parts[@]}" 2>&1 >/dev/null)
rc=$?
check "audit: a merge with shard 0 twice is refused, exit 2" "[ $rc -eq 2 ] && [ \"\$out\" = 'reclens-cli: error: shard 0 is given twice' ]"
scancel "$merge"
rm -f "$tmp/hold"
read -r again merge2 < <(bash "$examples/resubmit.sh" audit "$array" 2 --cpus-per-task=1) || exit 1
echo "audit: task 2 again as job $again, merge job $merge2"
wait_done "$merge2" 180
check "audit: the first merge was cancelled" "[ \"\$(job_state $merge)\" = CANCELLED ]"
check "audit: task 2 completed when run again" "[ \"\$(job_state ${again}_2)\" = COMPLETED ]"
check "audit: the new merge completed" "[ \"\$(job_state $merge2)\" = COMPLETED ]"
check "audit: merged result after the rerun = unsharded audit" "same_audit $tmp/audit-whole.json $RECLENS_SHARED/audit/result.json"
check "audit: the new merge saved its run too" "reclens-cli audit list --project $project | grep -q 'twotower-64, Slurm job $merge2'"
[ $fail -eq 0 ] || show_outputs
echo "audit with a cancelled task: $((SECONDS - started)) s since start"

# --- 3. simulation: seeds as an array + merge -------------------------------------------------------
unsharded_args "$examples/simulate-array.sh" || exit 1
reclens-cli "${whole[@]}" --out "$tmp/sim-whole.json" || exit 1
echo "simulation, unsharded: $((SECONDS - started)) s since start"
read -r array merge < <(bash "$examples/submit.sh" simulate --cpus-per-task=1) || exit 1
echo "simulation: array job $array, merge job $merge"
wait_done "$merge" 300
check "simulation: the 4 array tasks completed" "[ \"\$(array_states $array | tr '\n' ' ')\" = '0 COMPLETED 1 COMPLETED 2 COMPLETED 3 COMPLETED ' ]"
check "simulation: the merge job completed" "[ \"\$(job_state $merge)\" = COMPLETED ]"
check "simulation: merged result = unsharded run" "same_simulation $tmp/sim-whole.json $RECLENS_SHARED/simulate/result.json"
sim=("$RECLENS_SHARED"/simulate/part-{0,1,3}.json)
out=$(reclens-cli simulate merge "${sim[@]}" 2>&1 >/dev/null)
rc=$?
check "simulation: a merge without shard 2 is refused, exit 3" "[ $rc -eq 3 ] && [ \"\$out\" = 'reclens-cli: error: seed 2 is in no partial result' ]"
out=$(reclens-cli simulate merge "${sim[0]}" "${sim[@]}" 2>&1 >/dev/null)
rc=$?
check "simulation: a merge with shard 0 twice is refused, exit 3" "[ $rc -eq 3 ] && [ \"\$out\" = 'reclens-cli: error: seed 0 appears in two partial results' ]"
[ $fail -eq 0 ] || show_outputs

[ $fail -eq 0 ] && echo "all cluster checks passed"
exit $fail
