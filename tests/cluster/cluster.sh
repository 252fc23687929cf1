#!/usr/bin/env bash
# A single-node Slurm cluster on the loopback interface, for the cluster test (slurm_check.sh), from
# Debian's packages (munge, slurmctld, slurmd, slurm-client). Everything lives in one temporary folder:
# the munge key and socket, slurm.conf, the state and spool folders, the logs and the daemons' process
# ids. The daemons run as root (slurmd must, to start jobs) with free ports chosen at run time and no
# cgroup plugin, so that the cluster needs nothing of the machine's own Slurm or munge setup.
#
# Sourced:  cluster_missing            prints the commands that are missing (nothing: all there)
#           cluster_start DIR          starts munged, slurmctld and slurmd; 0 once the node is idle
#           cluster_stop DIR           cancels every job, stops the daemons and what they left running
# Run:      cluster.sh reap PID DIR    waits for process PID to end, then stops the cluster in DIR and
#                                      removes DIR (started detached, so that a test killed with SIGKILL,
#                                      e.g. by ctest's timeout, still leaves nothing running)

cluster_commands=(munged munge unmunge slurmctld slurmd sbatch squeue scancel scontrol sinfo python3)

cluster_missing() {
  local c
  for c in "${cluster_commands[@]}"; do
    command -v "$c" >/dev/null 2>&1 || printf '%s ' "$c"
  done
}

# Two free TCP ports (bound on every address, then released).
cluster_free_ports() {
  python3 - <<'PY'
import socket
socks = []
for _ in range(2):
    s = socket.socket()
    s.bind(("", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# Writes DIR/etc/slurm.conf for one node "localhost" at 127.0.0.1 with the CPUs of this machine.
cluster_write_config() {
  local dir="$1" ctld_port="$2" slurmd_port="$3"
  cat >"$dir/etc/slurm.conf" <<EOF
ClusterName=reclens-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
PlugStackConfig=$dir/etc/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
MinJobAge=600
KillWait=5
InactiveLimit=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$dir/etc/plugstack.conf"
}

# Starts one daemon in the background, its output in DIR/log/NAME.out and its process id in DIR/run/NAME.pid.
# RECLENS_CLUSTER_DIR in its environment (inherited by every process it starts, slurmstepd included)
# lets cluster_stop find what is left.
cluster_spawn() {
  local dir="$1" name="$2"
  shift 2
  RECLENS_CLUSTER_DIR="$dir" "$@" >"$dir/log/$name.out" 2>&1 </dev/null &
  echo $! >"$dir/run/$name.pid"
}

# Runs "$@" every half second until it succeeds or SECONDS_LEFT run out.
cluster_wait_for() {
  local seconds="$1"
  shift
  local end=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $end ] && return 1
    sleep 0.5
  done
}

# Like cluster_wait_for, but gives up as soon as daemon NAME (started by cluster_spawn in DIR) has exited.
cluster_wait_daemon() {
  local dir="$1" name="$2" seconds="$3"
  shift 3
  local end=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$dir/run/$name.pid")" 2>/dev/null; then
      echo "$name exited (log: $dir/log/$name.out)"
      return 1
    fi
    [ $SECONDS -ge $end ] && return 1
    sleep 0.5
  done
}

cluster_node_idle() {
  [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ]
}

cluster_start() {
  local dir="$1" d
  for d in etc munge state spool run log; do mkdir -p "$dir/$d" || return 1; done
  chmod 700 "$dir/munge"
  head -c 1024 /dev/urandom >"$dir/munge/munge.key" && chmod 400 "$dir/munge/munge.key" || return 1
  cluster_spawn "$dir" munged munged --foreground --force --socket="$dir/munge/munge.socket" \
    --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
  if ! cluster_wait_daemon "$dir" munged 20 bash -c "munge -S '$dir/munge/munge.socket' -n | unmunge -S '$dir/munge/munge.socket'"; then
    echo "munged did not answer on $dir/munge/munge.socket"
    return 1
  fi
  local ports
  ports=$(cluster_free_ports) || return 1
  # shellcheck disable=SC2086
  cluster_write_config "$dir" $ports
  export SLURM_CONF="$dir/etc/slurm.conf"
  cluster_spawn "$dir" slurmctld slurmctld -D -f "$SLURM_CONF"
  if ! cluster_wait_daemon "$dir" slurmctld 30 scontrol ping; then
    echo "slurmctld did not answer (ports $ports)"
    return 1
  fi
  cluster_spawn "$dir" slurmd slurmd -D -N localhost -f "$SLURM_CONF"
  if ! cluster_wait_daemon "$dir" slurmd 60 cluster_node_idle; then
    echo "the node did not become idle: $(sinfo -h -N -o '%N %T %E' 2>&1)"
    return 1
  fi
  echo "cluster up: slurmctld on port ${ports% *}, slurmd on port ${ports#* }, $(nproc) CPUs"
}

# Process ids whose environment holds NEEDLE (a NUL-separated "NAME=value" entry).
cluster_pids_with_env() {
  local needle="$1" p
  for p in /proc/[0-9]*; do
    [ -r "$p/environ" ] || continue
    if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "$needle"; then
      echo "${p#/proc/}"
    fi
  done
}

# Process ids that hold a file under DIR open.
cluster_pids_with_files() {
  find /proc/[0-9]*/fd -lname "$1/*" 2>/dev/null | cut -d/ -f3 | sort -u
}

cluster_kill_pidfile() {
  local file="$1" pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null
}

cluster_stop() {
  local dir="$1" jobs p munged
  [ -d "$dir/run" ] || return 0
  export SLURM_CONF="$dir/etc/slurm.conf"
  if [ -s "$dir/run/slurmctld.pid" ] && kill -0 "$(cat "$dir/run/slurmctld.pid")" 2>/dev/null; then
    jobs=$(squeue -h -o %A 2>/dev/null)
    # shellcheck disable=SC2086
    [ -n "$jobs" ] && scancel $jobs 2>/dev/null
    cluster_wait_for 10 bash -c '[ -z "$(squeue -h -o %A)" ]'
  fi
  cluster_kill_pidfile "$dir/run/slurmd.pid"
  cluster_kill_pidfile "$dir/run/slurmctld.pid"
  # What the daemons left: slurmstepd (it rewrites its environment for its process title, but keeps
  # the slurmd log and the job's output open, both in DIR) and the processes of jobs (the submitter's
  # SLURM_CONF and a job id in their environment). munged goes last.
  munged=$(cat "$dir/run/munged.pid" 2>/dev/null)
  for p in $(cluster_pids_with_env "RECLENS_CLUSTER_DIR=$dir") $(cluster_pids_with_files "$dir"); do
    [ "$p" = "$munged" ] || [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ] || kill -KILL "$p" 2>/dev/null
  done
  for p in $(cluster_pids_with_env "SLURM_CONF=$SLURM_CONF"); do
    { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null | grep -q '^SLURM_JOB_ID=' && kill -KILL "$p" 2>/dev/null
  done
  cluster_kill_pidfile "$dir/run/munged.pid"
  rm -f "$dir/run/"*.pid
}

if [ "${1:-}" = reap ] && [ "${BASH_SOURCE[0]}" = "$0" ]; then
  parent="$2"
  dir="$3"
  while kill -0 "$parent" 2>/dev/null; do sleep 1; done
  if [ -d "$dir" ]; then
    cluster_stop "$dir"
    rm -rf "$dir"
  fi
fi
