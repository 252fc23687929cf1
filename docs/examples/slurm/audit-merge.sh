#!/bin/bash
#SBATCH --job-name=reclens-audit-merge
#SBATCH --time=01:00:00
# The merge of audit-array.sh's partials: the report, the result as JSON, and the run saved in the project
# under a name that no other merge job uses (a saved run's name is unique in its project).
shared="${RECLENS_SHARED:-/shared}"
exec reclens-cli audit merge --project "$shared/shop.reclens" "$shared"/audit/part-*.json \
    --html "$shared/audit/report.html" --json "$shared/audit/result.json" \
    --save --name "twotower-64, Slurm job $SLURM_JOB_ID"
