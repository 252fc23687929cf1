#!/bin/bash
#SBATCH --job-name=reclens-simulate-merge
#SBATCH --time=01:00:00
# The merge of simulate-array.sh's partials: the whole run as JSON and the HTML report.
shared="${RECLENS_SHARED:-/shared}"
exec reclens-cli simulate merge "$shared"/simulate/part-*.json \
    --out "$shared/simulate/result.json" --html "$shared/simulate/report.html"
