#!/usr/bin/env bash
# `./loket run` with the real binaries (headless kiosk and display, no build step):
#   run_test.sh stop-all    ROOT BIN_DIR   one component dies: every other stops, port freed
#   run_test.sh port-taken  ROOT BIN_DIR   the port is held by another server: clear failure
#   run_test.sh public-url  ROOT BIN_DIR   the public URL ./loket run gives the server
# Stops by itself (every wait has a deadline) and cleans up what it started on any exit.
set -euo pipefail

scenario=$1
root=$2
bin=$3
unset DISPLAY WAYLAND_DISPLAY LOKET_PUBLIC_URL LOKET_DEMO
work=$(mktemp -d "${TMPDIR:-/tmp}/loket-run-test.XXXXXX")
state=$work/state
loket_pid=""
holder_pid=""

fail() {
    echo "FAIL: $*" >&2
    if [ -f "$work/loket.log" ]; then
        echo "--- ./loket run said:" >&2
        cat "$work/loket.log" >&2
    fi
    exit 1
}

# Every process ./loket run started names the test's state folder on its command line.
our_processes() { pgrep -f -- "$state/" || true; }

port_is_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 40000))
        if port_is_free "$p"; then
            echo "$p"
            return 0
        fi
    done
    fail "no free port found"
}

cleanup() {
    local status=$? pid
    if [ -n "$loket_pid" ] && kill -0 "$loket_pid" 2>/dev/null; then
        kill -TERM "$loket_pid" 2>/dev/null || true
        for _ in $(seq 1 150); do kill -0 "$loket_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    for pid in $(our_processes); do kill -KILL "$pid" 2>/dev/null || true; done
    if [ -n "$holder_pid" ]; then
        kill -TERM "$holder_pid" 2>/dev/null || true
        wait "$holder_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

# wait_for SECONDS COMMAND...: polls until COMMAND succeeds; fails the test on the deadline.
wait_for() {
    local tenths=$(($1 * 10))
    shift
    for _ in $(seq 1 "$tenths"); do
        if "$@"; then return 0; fi
        sleep 0.1
    done
    return 1
}

start_loket() {
    LOKET_SKIP_BUILD=1 LOKET_BIN_DIR=$bin LOKET_STATE_DIR=$state LOKET_PORT=$port "$@" \
        "$root/loket" run >"$work/loket.log" 2>&1 &
    loket_pid=$!
}

log_says() { grep -qF -- "$1" "$work/loket.log"; }
loket_ended() { ! kill -0 "$loket_pid" 2>/dev/null; }
nothing_left() { [ -z "$(our_processes)" ]; }

case $scenario in
stop-all)
    # A free port can still be taken by a test running beside this one before the server binds
    # it: then ./loket run fails as it should, and the test tries another port.
    started_or_ended() { log_says "running; press Ctrl-C" || loket_ended; }
    for attempt in 1 2 3; do
        port=$(free_port)
        start_loket env LOKET_DEMO=1
        wait_for 60 started_or_ended || fail "./loket run did not start within 60 s"
        log_says "running; press Ctrl-C" && break
        log_says "cannot listen on" || fail "./loket run ended before it was running"
        wait "$loket_pid" || true
        loket_pid=""
        [ "$attempt" -lt 3 ] || fail "three ports taken in a row"
        rm -rf "$state"
    done
    server_pid=$(pgrep -f -- "--db $state/loket.db") || fail "no queue-server"
    kiosk_pid=$(pgrep -f -- "$state/screens/kiosk") || fail "no kiosk"
    display_pid=$(pgrep -f -- "$state/screens/display") || fail "no display"
    # Each component leads its own process group, so whatever it starts is stopped with it.
    for pid in $server_pid $kiosk_pid $display_pid; do
        [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] || fail "$pid leads no process group"
    done

    # The ticket's status link names this machine's LAN address, not 127.0.0.1 (LOKET_DEMO=1:
    # tickets at any hour).
    kiosk_key=$(awk '/^name = "kiosk-1"/{f=1} f && /^key = /{gsub(/"/,"",$3); print $3; exit}' \
        "$state/office.toml")
    reply=$(curl -sS -X POST -H "Authorization: Bearer $kiosk_key" \
        -H 'Content-Type: application/json' -d '{"service":"informasi"}' \
        "http://127.0.0.1:$port/api/v1/tickets") || fail "POST /tickets failed"
    status_url=$(sed -n 's/.*"status_url":"\([^"]*\)".*/\1/p' <<<"$reply")
    lan=$(source "$root/loket" && lan_address)
    if [ -n "$lan" ]; then
        [[ $status_url == "http://$lan:$port/s/"* ]] || fail "status_url '$status_url' in $reply"
    else
        log_says "will not open on applicants' phones" || fail "no LAN address and no warning"
    fi
    log_says "listening on" && fail "the listening line reached the terminal"

    kill -KILL "$display_pid"
    wait_for 20 loket_ended || fail "./loket run still running 20 s after the display died"
    wait "$loket_pid" && fail "./loket run exited 0 after the display died"
    loket_pid=""
    log_says "display exited" || fail "no word of the display exiting"
    wait_for 5 nothing_left || fail "left running: $(our_processes | xargs -r ps -o pid,args -p)"
    wait_for 5 port_is_free "$port" || fail "port $port still held"
    ;;
port-taken)
    # The other server takes a port the kernel chooses (port 0), so no test running beside this
    # one can take it first; ./loket run is then pointed at that port.
    mkdir -p "$work/holder"
    "$bin/queue-server/queue-server" --db "$work/holder/loket.db" --listen "0.0.0.0:0" --https off \
        >"$work/holder/out" 2>"$work/holder/log" </dev/null &
    holder_pid=$!
    holder_up() { grep -q '^listening on' "$work/holder/out" || ! kill -0 "$holder_pid" 2>/dev/null; }
    wait_for 30 holder_up && grep -q '^listening on' "$work/holder/out" ||
        fail "the other server did not start: $(cat "$work/holder/log")"
    port=$(sed -n 's/^listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/holder/out")
    [ -n "$port" ] || fail "no port in: $(cat "$work/holder/out")"
    start_loket
    wait_for 60 loket_ended || fail "./loket run still running 60 s on a taken port"
    status=0
    wait "$loket_pid" || status=$?
    loket_pid=""
    [ "$status" -ne 0 ] || fail "./loket run exited 0 on a taken port"
    log_says "cannot listen on 0.0.0.0:$port" || fail "the server did not say it cannot listen"
    log_says "If port $port is already in use" || fail "no clear message about the port"
    log_says "running; press Ctrl-C" && fail "./loket run reported success"
    log_says "no graphical display found" && fail "kiosk and display were started"
    nothing_left || fail "left running: $(our_processes | xargs -r ps -o pid,args -p)"
    kill -0 "$holder_pid" || fail "the other server was stopped"
    curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null || fail "the other server broke"
    ;;
public-url)
    # A fake `hostname -I` listing loopback, link-local and IPv6 addresses before the LAN one,
    # and a fake `ip route get` naming FAKE_ROUTE_SOURCE (none when empty).
    mkdir -p "$work/fake"
    printf '#!/bin/sh\necho "$FAKE_ADDRESSES"\n' >"$work/fake/hostname"
    printf '#!/bin/sh\n[ -z "$FAKE_ROUTE_SOURCE" ] && exit 2\necho "192.0.2.1 via 10.0.0.1 dev eth0 src $FAKE_ROUTE_SOURCE uid 0"\n' >"$work/fake/ip"
    chmod +x "$work/fake/hostname" "$work/fake/ip"
    url_for() { # url_for ADDRESSES CONFIG [ROUTE_SOURCE]
        (PATH=$work/fake:$PATH FAKE_ADDRESSES=$1 FAKE_ROUTE_SOURCE=${3:-} &&
            export PATH FAKE_ADDRESSES FAKE_ROUTE_SOURCE &&
            source "$root/loket" && run_public_url "$2" 8080)
    }
    got=$(url_for "172.17.0.1 10.20.30.40" /nonexistent 10.20.30.40)
    [ "$got" = "http://10.20.30.40:8080" ] || fail "default route's address: got '$got'"
    got=$(url_for "127.0.0.1" /nonexistent 127.0.0.1)
    [ -z "$got" ] || fail "loopback route source: got '$got'"
    got=$(url_for "127.0.1.1 169.254.3.4 fd00::2 10.20.30.40 192.168.1.9" /nonexistent)
    [ "$got" = "http://10.20.30.40:8080" ] || fail "LAN address: got '$got'"
    got=$(url_for "127.0.0.1 ::1" /nonexistent)
    [ -z "$got" ] || fail "loopback only: got '$got' (the server must warn instead)"
    got=$(url_for "" /nonexistent)
    [ -z "$got" ] || fail "no address: got '$got'"
    printf '[server]\npublic_url = "http://antrean.example.id"\n' >"$work/office.toml"
    got=$(url_for "10.20.30.40" "$work/office.toml")
    [ -z "$got" ] || fail "public_url in the configuration must win: got '$got'"
    got=$(LOKET_PUBLIC_URL=http://loket.lan:8080 url_for "10.20.30.40" /nonexistent)
    [ "$got" = "http://loket.lan:8080" ] || fail "LOKET_PUBLIC_URL: got '$got'"
    # This machine: whatever is chosen is not loopback.
    got=$(source "$root/loket" && run_public_url /nonexistent 8080)
    case $got in
    "" | http://[0-9]*) ;;
    *) fail "this machine: got '$got'" ;;
    esac
    case $got in http://127.* | *localhost*) fail "this machine: loopback '$got'" ;; esac
    ;;
*)
    fail "unknown scenario '$scenario'"
    ;;
esac
echo "PASS: $scenario"
