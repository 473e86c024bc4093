#!/usr/bin/env bash
# A real, throw-away Slurm cluster on this machine for the queue and usage tests (tests/queue/,
# tests/usage/).
#
#   scripts/slurm-test-cluster.sh start            # start it, or reuse the one running
#   scripts/slurm-test-cluster.sh env              # the exports of the running one (exit 1: none)
#   scripts/slurm-test-cluster.sh stop [--purge]   # stop it; --purge also deletes $SLURM_TEST_DIR
#
# `start` and `env` print only `export NAME=VALUE` lines on stdout (progress goes to stderr) and
# write them to $SLURM_TEST_DIR/env.sh:
#   SLURM_CONF, SLURM_TEST_DIR, SLURM_VERSION   the CLI tools need SLURM_CONF
#   SLURMRESTD_URL, SLURMRESTD_API_VERSION      slurmrestd with JWT auth; its newest API version
#   SLURM_USER_NAME, SLURMRESTD_JWT             its X-SLURM-USER-NAME and X-SLURM-USER-TOKEN
#   SLURMRESTD_SOCKET                           a 2nd slurmrestd, local auth on a unix socket
#   SLURMDBD_PORT                                slurmdbd (accounting: sacct, sreport, sshare -l)
#   SLURM_TEST_CLOCK_BEHIND                      seconds the cluster's clock runs behind (below)
#
# The cluster is what the tests assert on: nodes nid00000[1-4], each with 8 CPUs, 16 GB and
# 8 fake gpu:mi250, all served by slurmd processes on this host; LUMI-G-like partitions
# standard-g (default, whole nodes, 2 days), small-g (shared, 3 days), dev-g (last 2 nodes, 3 h).
# Accounting is real: slurmdbd on a private MariaDB (its own datadir under $SLURM_TEST_DIR,
# 127.0.0.1 only), GPUs tracked as the TRES gres/gpu, and slurmrestd serves the slurmdb API too.
# `scripts/slurm-test-cluster.sh rollup` folds finished jobs into the usage tables now (slurmdbd
# does it hourly) so that `sreport` sees them.
#
# The cluster's clock runs SLURM_TEST_CLOCK_BEHIND seconds (3 h) behind the machine's, so that
# sreport reports the tests' jobs: sreport only reads the hours slurmdbd has rolled up, and
# slurmdbd, on the real clock, rolls up only hours that have ended; jobs that ran "3 hours ago"
# lie in such hours, and `rollup` folds them in at once (an offset of an hour or more does).
# slurmctld and slurmd (and the slurmstepd they start, not the job's own processes) run under
# libfaketime with that offset. munged, MariaDB, slurmdbd, slurmrestd and the CLI tools keep
# the real clock. Time checks still pass: munged alone stamps and checks munge credentials;
# slurmctld and slurmd, on the same offset, check job credentials; a JWT is checked by the
# daemon a request reaches (slurmctld for /slurm/, slurmdbd for /slurmdb/), not by slurmrestd.
# Whatever reads the cluster's times on the real clock sees them that far in the past: squeue's
# TIME of a running job, a pending job's wait, hpcbot's "now" minus a job's start, and a JWT of
# `scontrol token` (slurmctld signs it, so slurmdbd sees it expire SLURM_TEST_CLOCK_BEHIND
# early: `env` gives 24-hour ones). SLURM_TEST_CLOCK_BEHIND=0 keeps the real clock (then sreport
# misses the current hour's jobs and the usage tests' sreport comparison refuses to run).
#
# Needs root (it adds users and fake GPU devices, and runs daemons as those users) on Debian 12
# or later; it installs the Slurm packages from the Debian mirror if they are missing (~30 s).
# No systemd: the daemons run in the background with pid files under $SLURM_TEST_DIR, and `stop`
# signals only those pids. Munge gets its own key and socket there too, so the machine's own
# munge and Slurm (if any) are left alone, and a second cluster can run beside this one.
# Knobs: SLURM_TEST_DIR (/tmp/slurm-test), SLURM_TEST_CTLD_PORT (6817),
# SLURM_TEST_SLURMD_PORT (17001: first of four), SLURM_TEST_REST_PORT (6820),
# SLURM_TEST_DBD_PORT (6819), SLURM_TEST_DB_PORT (6833: MariaDB),
# SLURM_TEST_CLOCK_BEHIND (10800 seconds).
set -euo pipefail
# With SLURM_JWT set, Slurm's CLI tools authenticate as that token's user and root's sbatch or
# scontrol fail with "Invalid user id"; the token is exported as SLURMRESTD_JWT for that reason.
unset SLURM_JWT

D=${SLURM_TEST_DIR:-/tmp/slurm-test}
CTLD_PORT=${SLURM_TEST_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_TEST_SLURMD_PORT:-17001} # 6818 upwards would run into slurmrestd's 6820
REST_PORT=${SLURM_TEST_REST_PORT:-6820}
DBD_PORT=${SLURM_TEST_DBD_PORT:-6819}
DB_PORT=${SLURM_TEST_DB_PORT:-6833}
BEHIND=${SLURM_TEST_CLOCK_BEHIND:-10800} # seconds
REST_USER=slurmtest # the JWT's user, and the owner of the unix-socket slurmrestd
NODES=(nid000001 nid000002 nid000003 nid000004)
GPUS=8
export SLURM_CONF=$D/etc/slurm.conf
PIDFILES=("$D/munge/munged.pid" "$D/run/mariadbd.pid" "$D/run/slurmdbd.pid" "$D/run/slurmctld.pid")
for node in "${NODES[@]}"; do PIDFILES+=("$D/run/slurmd-$node.pid"); done
PIDFILES+=("$D/run/slurmrestd.pid" "$D/run/slurmrestd-local.pid")

log() { echo "slurm-test-cluster: $*" >&2; }
die() {
    log "$*"
    exit 1
}

# wait_for SECONDS COMMAND...: poll COMMAND until it succeeds; 1 if time runs out.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS <= deadline)) || return 1
        sleep 0.1
    done
}

# running PID...: one of them runs. A zombie does not: where PID 1 is not a real init, a
# stopped daemon stays a zombie for a second or two.
running() {
    local pid
    for pid; do
        [[ $(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) =~ ^[^Z]$ ]] && return 0
    done
    return 1
}

# alive PIDFILE: the pid recorded there runs the daemon the file is named after.
alive() {
    local pid name
    pid=$(cat "$1" 2>/dev/null) || return 1
    name=$(basename "$1" .pid)
    [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "${name%%-*}" ]] && running "$pid"
}

up() {
    local f
    for f in "${PIDFILES[@]}"; do alive "$f" || return 1; done
    scontrol ping 2>/dev/null | grep -q 'is UP'
}

# The exports: the settings written at start, and a fresh token (valid for a day).
exports() {
    local token
    token=$(scontrol token username="$REST_USER" lifespan=86400 | sed -n 's/^SLURM_JWT=//p')
    [[ -n $token ]] || die "scontrol token printed no token"
    { cat "$D/cluster.env" && echo "export SLURMRESTD_JWT=$token"; } >"$D/env.sh"
    cat "$D/env.sh"
}

stop() {
    local f group pids=()
    [[ -d $D ]] || return 0
    # Jobs first: their slurmstepd and job scripts end with them, not with slurmd.
    if alive "$D/run/slurmctld.pid" && [[ -n $(squeue -h -o %i 2>/dev/null) ]]; then
        scancel $(squeue -h -o %i) 2>/dev/null || true
        wait_for 15 eval '[[ -z $(squeue -h -t R,CG,S -o %i 2>/dev/null) ]]' || log "jobs still running"
    fi
    # Then the daemons, by pid: the clients, slurmctld, and munge (which they all use) last.
    for group in "slurmrestd slurmd" slurmctld slurmdbd mariadbd munged; do
        pids=()
        for f in "${PIDFILES[@]}"; do
            [[ " $group " == *" $(basename "$f" .pid | cut -d- -f1) "* ]] && alive "$f" &&
                pids+=("$(cat "$f")")
        done
        ((${#pids[@]})) || continue
        kill "${pids[@]}" 2>/dev/null || true
        if ! wait_for 10 eval '! running "${pids[@]}"'; then
            log "$group ignored SIGTERM for 10 s; killing it"
            kill -KILL "${pids[@]}" 2>/dev/null || true
        fi
    done
    rm -f "${PIDFILES[@]}"
    if [[ ${1:-} == --purge && -e $D/.slurm-test-cluster ]]; then rm -rf "$D"; fi
    log "stopped the cluster in $D"
}

install_packages() {
    local cmd missing=
    for cmd in munged slurmctld slurmd slurmrestd slurmdbd scontrol curl mariadbd mariadb-install-db; do
        command -v "$cmd" >/dev/null || missing=1
    done
    compgen -G '/usr/lib/*/slurm-wlm/auth_jwt.so' >/dev/null || missing=1
    compgen -G '/usr/lib/*/slurm-wlm/accounting_storage_mysql.so' >/dev/null || missing=1
    compgen -G '/usr/lib/*/faketime/libfaketimeMT.so.1' >/dev/null || missing=1
    [[ -n $missing ]] || return 0
    log "installing Slurm from Debian"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=300 \
        munge slurmctld slurmd slurm-client slurmrestd slurm-wlm-jwt-plugin curl \
        slurmdbd slurm-wlm-mysql-plugin mariadb-server libfaketime >/dev/null
}

# behind COMMAND...: run COMMAND (slurmctld, slurmd) with its clock $BEHIND seconds in the past.
# libfaketimeMT is libfaketime for threaded programs; the monotonic clock stays real (a fresh
# machine's would go negative, and timeouts measured on it do not need the shift).
behind() {
    local lib
    ((BEHIND)) || { "$@"; return; }
    lib=$(compgen -G '/usr/lib/*/faketime/libfaketimeMT.so.1' | head -n 1)
    LD_PRELOAD=$lib FAKETIME="-$BEHIND" FAKETIME_DONT_FAKE_MONOTONIC=1 "$@"
}

# The cluster runs $BEHIND seconds behind (within a minute) by slurmctld's own clock: sdiag's
# "sdiag output at DATE (EPOCH)" is slurmctld's time of answering.
clock_shifted() {
    local then lag
    then=$(sdiag | sed -n 's/^sdiag output at .*(\([0-9]*\))$/\1/p')
    [[ -n $then ]] || return 1
    lag=$(($(date +%s) - then))
    ((lag >= BEHIND - 60 && lag <= BEHIND + 60)) && return 0
    log "slurmctld's clock is ${lag}s behind, not ${BEHIND}s"
    return 1
}

write_config() {
    local host nodelist dev
    host=$(hostname -s) # slurmctld only runs on the host its SlurmctldHost names
    nodelist="nid[000001-000004]"
    cat >"$SLURM_CONF" <<EOF
ClusterName=lumi
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmUser=slurm
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket.2
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$D/etc/jwt.key
CredType=cred/munge
StateSaveLocation=$D/state
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdSpoolDir=$D/spool/%n
SlurmdPidFile=$D/run/slurmd-%n.pid
SlurmdLogFile=$D/log/slurmd-%n.log
MailProg=/bin/true
# No cgroups (often not writable in containers and CI): plain process tracking, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# Accounting through slurmdbd, GPUs counted as the TRES gres/gpu (sreport -T gres/gpu,
# GrpTRESMins=gres/gpu=N); AccountingStoragePass names the munge socket to reach slurmdbd.
# Limits are recorded but not enforced: jobs of users without an
# association (the queue tests') still run.
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$DBD_PORT
AccountingStoragePass=$D/munge/munge.socket.2
AccountingStorageTRES=gres/gpu
JobAcctGatherType=jobacct_gather/none
# GPUs as GRES, and jobs sharing nodes by core and memory, as on LUMI-G.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=2000
GresTypes=gpu
# Backfill every 5 s gives pending jobs an expected start time; batch_sched_delay=0 starts a
# batch job about a second after sbatch. Tests must still poll for job states.
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=5,batch_sched_delay=0,sched_min_interval=0
# Priorities from job size and partition (age and fair share need slurmdbd).
PriorityType=priority/multifactor
PriorityWeightJobSize=1000
PriorityWeightPartition=1000
# Several slurmd on one host, one per node name and port (Debian builds Slurm that way), with
# the node sizes taken from this file, not from the machine (config_overrides).
SlurmdParameters=config_overrides
NodeName=$nodelist NodeHostname=$host NodeAddr=127.0.0.1 Port=[$SLURMD_PORT-$((SLURMD_PORT + 3))] CPUs=8 Boards=1 SocketsPerBoard=1 CoresPerSocket=8 ThreadsPerCore=1 RealMemory=16000 Gres=gpu:mi250:$GPUS Feature=AMD_EPYC_7A53,MI250 State=UNKNOWN
PartitionName=standard-g Nodes=$nodelist Default=YES MaxTime=2-00:00:00 DefaultTime=01:00:00 OverSubscribe=EXCLUSIVE State=UP
PartitionName=small-g Nodes=$nodelist MaxTime=3-00:00:00 DefaultTime=01:00:00 MaxNodes=4 State=UP
PartitionName=dev-g Nodes=nid[000003-000004] MaxTime=03:00:00 DefaultTime=00:30:00 MaxNodes=2 State=UP
EOF
    # slurmd drops a GPU without a device file, and refuses a regular file ("is not a valid
    # character or block device"): fake character devices it never opens (task/none).
    mkdir -p "$D/dev"
    for ((dev = 0; dev < GPUS; dev++)); do
        mknod "$D/dev/gpu$dev" c 226 $((128 + dev)) || die "mknod failed (no CAP_MKNOD?)"
    done
    printf 'AutoDetect=off\nNodeName=%s Name=gpu Type=mi250 File=%s/dev/gpu[0-%d]\n' \
        "$nodelist" "$D" $((GPUS - 1)) >"$D/etc/gres.conf"
    # Slurm 24.05 and later (Debian 13) start a cgroup plugin in slurmd even without cgroup
    # tracking, and die where /sys/fs/cgroup is not mounted.
    case $VERSION in
    2[23].*) ;;
    *) echo "CgroupPlugin=disabled" >"$D/etc/cgroup.conf" ;;
    esac
}

# The slurmrestd plugins to load, the slurmdb ones included. Slurm 22.05 has openapi/v0.0.36..38
# and openapi/dbv0.0.36..38; 23.11 and later have openapi/slurmctld and openapi/slurmdbd with
# data_parser/v0.0.4x. Sets REST_ARGS and REST_VERSIONS (oldest first).
rest_plugins() {
    local dir
    dir=$(dirname "$(compgen -G '/usr/lib/*/slurm-wlm/auth_jwt.so' | head -n 1)")
    versions() { find "$dir" -name "$1_v0_0_*.so" -printf '%f\n' | sed "s/^$1_//; s/\.so$//; s/_/./g" | sort -V; }
    if [[ -e $dir/openapi_slurmctld.so ]]; then
        REST_VERSIONS=$(versions data_parser)
        REST_ARGS=(-s openapi/slurmctld,openapi/slurmdbd -d "$(paste -sd, <<<"$REST_VERSIONS")")
    else
        REST_VERSIONS=$(versions openapi)
        REST_ARGS=(-s "$(sed 's|^\(.*\)$|openapi/\1,openapi/db\1|' <<<"$REST_VERSIONS" | paste -sd,)")
    fi
    [[ -n $REST_VERSIONS ]] || die "no slurmrestd plugins in $dir"
}

# MariaDB in $D/db, as root, on 127.0.0.1 only; a `slurm` database user with a random password
# that only slurmdbd.conf (mode 0600, owned by SlurmUser as slurmdbd demands) holds.
start_database() {
    local password
    mkdir -p "$D/db"
    mariadb-install-db --no-defaults --datadir="$D/db/data" --user=root --skip-test-db \
        --auth-root-authentication-method=socket >"$D/log/mariadb-install.log" 2>&1 ||
        die "mariadb-install-db failed: $(tail -n 2 "$D/log/mariadb-install.log")"
    setsid mariadbd --no-defaults --datadir="$D/db/data" --user=root --bind-address=127.0.0.1 \
        --port="$DB_PORT" --socket="$D/db/mysqld.sock" --pid-file="$D/run/mariadbd.pid" \
        --log-error="$D/log/mariadb.log" --skip-log-bin --innodb-buffer-pool-size=32M \
        --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=0 </dev/null >/dev/null 2>&1 &
    wait_for 30 eval 'mariadb --no-defaults --socket="$D/db/mysqld.sock" -e "select 1" >/dev/null 2>&1' ||
        die "mariadbd did not start: $(tail -n 2 "$D/log/mariadb.log")"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    mariadb --no-defaults --socket="$D/db/mysqld.sock" <<EOF || die "could not create the slurm database user"
CREATE DATABASE slurm_acct_db;
CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
EOF
    (umask 077 && cat >"$D/etc/slurmdbd.conf" <<EOF
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket.2
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$D/etc/jwt.key
DbdHost=$(hostname -s)
DbdAddr=127.0.0.1
DbdPort=$DBD_PORT
SlurmUser=slurm
PidFile=$D/run/slurmdbd.pid
LogFile=$D/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=$password
StorageLoc=slurm_acct_db
EOF
    )
    chown slurm: "$D/etc/slurmdbd.conf"
}

# slurmdbd (it finds slurmdbd.conf beside $SLURM_CONF), then the cluster's record in it.
start_slurmdbd() {
    slurmdbd || die "slurmdbd failed: $(tail -n 2 "$D/log/slurmdbd.log")"
    wait_for 20 eval 'sacctmgr -n list cluster >/dev/null 2>&1' ||
        die "slurmdbd did not answer: $(grep -E 'error|fatal' "$D/log/slurmdbd.log" | tail -n 2)"
    sacctmgr -i add cluster lumi >/dev/null || die "sacctmgr add cluster failed"
}

# Fold finished jobs into the usage tables now (slurmdbd itself rolls up once an hour has
# passed), so that sreport reports them. slurmdbd rolls up only hours that have ended by its own,
# real clock: the cluster's jobs, SLURM_TEST_CLOCK_BEHIND in the past, lie in such hours.
rollup() {
    local start end
    start=$(date -d '-40 days' +%Y-%m-%dT00:00:00)
    end=$(date -d '+1 hour' +%Y-%m-%dT%H:00:00)
    sacctmgr -i rollup "$start" "$end" >&2
}

start() {
    local node port user token api code=
    [[ $BEHIND =~ ^[0-9]+$ ]] || die "SLURM_TEST_CLOCK_BEHIND must be a number of seconds"
    install_packages
    VERSION=$(slurmd -V | cut -d' ' -f2)
    if up; then
        log "reusing the cluster running in $D"
        exports
        return
    fi
    if compgen -G "$D/run/*.pid" >/dev/null || [[ -e $D/munge/munged.pid ]]; then
        log "a half-started cluster is in $D; stopping it first"
        stop >&2
    fi
    for port in "$CTLD_PORT" $(seq "$SLURMD_PORT" $((SLURMD_PORT + 3))) "$REST_PORT" "$DBD_PORT" "$DB_PORT"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die "port $port is in use; choose others with SLURM_TEST_*_PORT"
        fi
    done
    for user in slurm munge slurmrest; do # slurmrestd refuses to run as root
        getent passwd $user >/dev/null || useradd --system --no-create-home -s /usr/sbin/nologin $user
    done
    getent passwd $REST_USER >/dev/null || useradd --create-home -s /bin/bash $REST_USER

    # A fresh directory each start; only ever delete one that this script made.
    if [[ -e $D && ! -e $D/.slurm-test-cluster ]] && [[ -n $(ls -A "$D") ]]; then
        die "$D is not empty and was not made by this script; set SLURM_TEST_DIR"
    fi
    rm -rf "$D"
    mkdir -p "$D"/{etc,state,run,log,spool,munge,rest}
    touch "$D/.slurm-test-cluster"
    chown slurm: "$D/state" "$D/run" "$D/log"
    chown munge: "$D/munge" # mode 0755: munged wants o+x on its socket's directory
    chown $REST_USER: "$D/rest"
    (umask 077 && head -c 1024 /dev/urandom >"$D/munge/munge.key" && head -c 32 /dev/urandom >"$D/etc/jwt.key")
    chown munge: "$D/munge/munge.key"
    chown slurm: "$D/etc/jwt.key"
    write_config
    rest_plugins

    trap 'log "start failed; logs are in $D/log"; stop >&2' EXIT # keep no half-started cluster
    setpriv --reuid=munge --regid=munge --init-groups -- munged --socket="$D/munge/munge.socket.2" \
        --key-file="$D/munge/munge.key" --pid-file="$D/munge/munged.pid" \
        --log-file="$D/munge/munged.log" --seed-file="$D/munge/seed"
    wait_for 10 alive "$D/munge/munged.pid" || die "munged did not start: $(tail -n 2 "$D/munge/munged.log")"

    start_database
    start_slurmdbd

    # slurmctld and slurmd go into the background by themselves and log to $D/log.
    behind slurmctld -i || die "slurmctld failed: $(tail -n 2 "$D/log/slurmctld.log")"
    wait_for 30 eval 'scontrol ping 2>/dev/null | grep -q "is UP"' ||
        die "slurmctld did not start: $(grep -E 'error|fatal' "$D/log/slurmctld.log" | tail -n 2)"
    clock_shifted || die "slurmctld does not run ${BEHIND}s behind (libfaketime not loaded?)"
    for node in "${NODES[@]}"; do
        mkdir -p "$D/spool/$node"
        behind slurmd -N "$node" ||
            die "slurmd -N $node failed: $(tail -n 2 "$D/log/slurmd-$node.log")"
    done
    wait_for 30 eval '[[ $(sinfo -h -N -o %t | sort -u) == idle ]]' ||
        die "nodes not idle: $(sinfo -h -N -o '%N %t' | paste -sd' ')"

    # slurmrestd needs SLURM_JWT=daemon to accept tokens; setsid keeps both out of the caller's
    # session (a Ctrl-C in a test run must not stop the cluster).
    SLURM_JWT=daemon setsid setpriv --reuid=slurmrest --regid=slurmrest --init-groups -- \
        slurmrestd "${REST_ARGS[@]}" -a rest_auth/jwt "127.0.0.1:$REST_PORT" \
        </dev/null >>"$D/log/slurmrestd.log" 2>&1 &
    echo $! >"$D/run/slurmrestd.pid"
    setsid setpriv --reuid=$REST_USER --regid=$REST_USER --init-groups -- \
        slurmrestd "${REST_ARGS[@]}" -a rest_auth/local "unix:$D/rest/slurmrestd.sock" \
        </dev/null >>"$D/log/slurmrestd-local.log" 2>&1 &
    echo $! >"$D/run/slurmrestd-local.pid"
    api=$(tail -n 1 <<<"$REST_VERSIONS")
    token=$(scontrol token username=$REST_USER lifespan=300 | sed -n 's/^SLURM_JWT=//p')
    wait_for 30 eval 'code=$(curl -s -o /dev/null -w "%{http_code}" \
        -H "X-SLURM-USER-NAME: $REST_USER" -H "X-SLURM-USER-TOKEN: $token" \
        "http://127.0.0.1:$REST_PORT/slurm/$api/ping"); [[ $code == 200 ]]' ||
        die "slurmrestd answers $code: $(tail -n 2 "$D/log/slurmrestd.log")"
    wait_for 10 test -S "$D/rest/slurmrestd.sock" ||
        die "no unix-socket slurmrestd: $(tail -n 2 "$D/log/slurmrestd-local.log")"
    up || die "a daemon exited during start"
    trap - EXIT

    cat >"$D/cluster.env" <<EOF
export SLURM_CONF=$SLURM_CONF
export SLURM_TEST_DIR=$D
export SLURM_VERSION=$VERSION
export SLURMRESTD_URL=http://127.0.0.1:$REST_PORT
export SLURMRESTD_API_VERSION=$api
export SLURMRESTD_SOCKET=$D/rest/slurmrestd.sock
export SLURM_USER_NAME=$REST_USER
export SLURMDBD_PORT=$DBD_PORT
export SLURM_TEST_CLOCK_BEHIND=$BEHIND
EOF
    exports
    log "Slurm $VERSION up in $D: REST $api on 127.0.0.1:$REST_PORT"
}

[[ $(id -u) == 0 ]] || die "must run as root (it adds users and starts daemons as them)"
case ${1:-} in
start) start ;;
env)
    up || die "no cluster is running in $D"
    exports
    ;;
stop) stop "${2:-}" ;;
rollup)
    up || die "no cluster is running in $D"
    rollup
    ;;
*) die "usage: $0 start | env | rollup | stop [--purge]" ;;
esac
