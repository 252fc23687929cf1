#!/bin/bash
#SBATCH --job-name=reclens-simulate
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --time=04:00:00
# One shard of the simulation's seeds per array task: task i runs the seeds s with s % shards == i and writes
# simulate/part-i.json. RECLENS_SHARED and RECLENS_SHARDS as in audit-array.sh.
shared="${RECLENS_SHARED:-/shared}"
shards="${RECLENS_SHARDS:-8}"
mkdir -p "$shared/simulate"
exec reclens-cli simulate --project "$shared/shop.reclens" --model twotower-64 \
    --policies greedy,egreedy:0.1,thompson,linucb --rounds 20 --k 20 --seeds 8 --seed 1 \
    --quiet --threads "$SLURM_CPUS_PER_TASK" \
    --shard "$SLURM_ARRAY_TASK_ID/$shards" --out "$shared/simulate/part-$SLURM_ARRAY_TASK_ID.json"
