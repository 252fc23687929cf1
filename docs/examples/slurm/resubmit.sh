#!/bin/bash
# resubmit.sh audit|simulate ARRAY_JOB TASKS [sbatch options...]
# Runs the array tasks TASKS (e.g. 2 or 2,5) of ARRAY_JOB again, after a failure or a scancel, and
# submits a merge that starts when the rest of ARRAY_JOB has ended and the new tasks have succeeded.
# (The first merge then waits forever, "DependencyNeverSatisfied": scancel it.) Prints the two job ids.
set -euo pipefail
here="$(dirname "$0")"
kind="$1"
first="$2"
tasks="$3"
shift 3
again=$(sbatch --parsable --array="$tasks" "$@" "$here/$kind-array.sh")
merge=$(sbatch --parsable --dependency="afterany:$first,afterok:$again" "$@" "$here/$kind-merge.sh")
echo "$again $merge"
