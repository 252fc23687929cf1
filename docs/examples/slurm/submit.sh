#!/bin/bash
# submit.sh audit|simulate [sbatch options...]
# Submits the array of RECLENS_SHARDS tasks (default 8) and a merge that starts once every task has
# succeeded; the options (e.g. --partition, --cpus-per-task) go to both. Prints the two job ids.
set -euo pipefail
here="$(dirname "$0")"
kind="$1"
shift
shards="${RECLENS_SHARDS:-8}"
array=$(sbatch --parsable --array="0-$((shards - 1))" "$@" "$here/$kind-array.sh")
merge=$(sbatch --parsable --dependency="afterok:$array" "$@" "$here/$kind-merge.sh")
echo "$array $merge"
