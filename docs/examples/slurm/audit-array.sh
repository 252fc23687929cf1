#!/bin/bash
#SBATCH --job-name=reclens-audit
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
# One shard of the audit per array task: task i audits the users u with u % shards == i and writes
# audit/part-i.json. RECLENS_SHARED (default /shared): the folder every node sees, holding the project
# and its model; RECLENS_SHARDS (default 8): the shard count, equal to the size of --array.
shared="${RECLENS_SHARED:-/shared}"
shards="${RECLENS_SHARDS:-8}"
mkdir -p "$shared/audit"
exec reclens-cli audit --project "$shared/shop.reclens" --model twotower-64 --k 20 --flip gender --seed 1 \
    --quiet --threads "$SLURM_CPUS_PER_TASK" \
    --shard "$SLURM_ARRAY_TASK_ID/$shards" --out "$shared/audit/part-$SLURM_ARRAY_TASK_ID.json"
