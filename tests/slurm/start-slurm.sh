#!/usr/bin/env bash
# Starts a single-node Slurm on this machine (munge for authentication, slurmctld and slurmd as root, one partition
# "debug" holding this node), for the sweep tests that submit a job array to a real Slurm. Needs root and Debian's
# slurm-wlm and munge packages. Idempotent: a running Slurm that answers is left as it is.
# Prints "slurm: ready" when the node is idle and accepts jobs; exits non-zero with the daemons' logs otherwise.
set -euo pipefail

if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "slurm: ready (already running)"; exit 0; fi

host=$(hostname -s)
cpus=$(nproc)
# Leave 1 GiB to the system; Slurm refuses a node whose RealMemory exceeds what slurmd finds.
mem=$(awk '/MemTotal/ {m = int($2 / 1024) - 1024; print (m > 1024 ? m : 1024)}' /proc/meminfo)

mkdir -p /etc/slurm /etc/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null 2>&1; then mungekey --create --force --keyfile=/etc/munge/munge.key >/dev/null
  else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key; chmod 0755 /run/munge
if ! munge -n >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
fi

# No cgroups (containers rarely allow them): processes are tracked by their parent ids, tasks are not confined. The
# controller and the node are addressed as 127.0.0.1, so that a host name without a DNS or /etc/hosts entry works.
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=fokkerplanck
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "slurm: ready ($host, $cpus CPUs, ${mem} MiB)"; exit 0; fi
  sleep 1
done
echo "slurm: the node did not become idle within 60 s" >&2
sinfo -N -l >&2 || true
tail -n 30 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
