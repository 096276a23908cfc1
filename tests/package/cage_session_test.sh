#!/usr/bin/env bash
# The kiosk and display sessions' command line (packaging/<app>/loket-<app>.service) under a real
# cage, with wlroots' headless backend and software renderer in place of a screen and GPU: the
# unit's Environment= and ExecStart= as written, the installed paths replaced by this build's
# program and the example configuration, plus a screenshot folder and an unreachable server.
#   - cage starts (it refuses to without Xwayland: hence the packages' Depends on xwayland),
#   - the app opens its full-screen window on cage's Wayland display (SDL_VIDEODRIVER=wayland
#     fails rather than falling back) and draws its first screen,
#   - the unit's stop signal (KillSignal= to cage alone, KillMode=mixed) ends cage without an
#     abort, and the app with it.
# cage refuses to run as root: as root the session runs as the user nobody.
# Usage: cage_session_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail

src=$1
build=$2
work=$(mktemp -d)
chmod 755 "$work"
cage_pid=""
cleanup() {
    [ -z "$cage_pid" ] || kill -KILL "$cage_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

as_user=()
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
    # setpriv executes in place (no process in between): the pid below is cage's.
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    user=nobody
fi

failures=0
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# session APP PROGRAM CONFIG
session() {
    local app=$1 program=$2 config=$3 unit=$src/packaging/$1/loket-$1.service
    local dir=$work/$app
    mkdir -p "$dir/runtime" "$dir/shots"
    chmod 700 "$dir/runtime"
    # Copies the session's user can read wherever the build tree is (e.g. under /root).
    cp "$program" "$dir/loket-$app"
    cp "$config" "$dir/$app.toml"
    chmod 755 "$dir" "$dir/loket-$app"
    chmod 644 "$dir/$app.toml"
    program=$dir/loket-$app
    config=$dir/$app.toml
    [ ${#as_user[@]} = 0 ] || chown nobody "$dir/runtime" "$dir/shots"

    local env=() word command=()
    for word in $(sed -n 's/^Environment=//p' "$unit"); do env+=("$word"); done
    for word in $(sed -n 's/^ExecStart=//p' "$unit"); do
        case $word in
        /usr/bin/loket-*) command+=("$program") ;;
        /etc/loket/*.toml) command+=("$config") ;;
        *) command+=("$word") ;;
        esac
    done
    local signal
    signal=$(sed -n 's/^KillSignal=SIG//p' "$unit")
    grep -qxF 'KillMode=mixed' "$unit" || fail "loket-$app.service does not stop cage alone"
    printf '%s: %s %s\n' "$app" "${env[*]}" "${command[*]}"

    "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$dir" XDG_RUNTIME_DIR="$dir/runtime" \
        WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 "${env[@]}" \
        "${command[@]}" --server http://127.0.0.1:9 --screenshot "$dir/shots" \
        >"$dir/out.log" 2>&1 &
    cage_pid=$!
    local shot=""
    for _ in $(seq 1 150); do
        shot=$(find "$dir/shots" -name '*.png' -print -quit)
        [ -n "$shot" ] && break
        kill -0 "$cage_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$shot" ]; then
        fail "loket-$app drew no screen under cage"
    else
        printf '%s: first screen %s\n' "$app" "$(basename "$shot")"
    fi
    local status=0
    kill -"$signal" "$cage_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$cage_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$cage_pid" 2>/dev/null; then
        fail "cage did not stop on SIG$signal within 10 s"
        kill -KILL "$cage_pid" 2>/dev/null || true
    fi
    wait "$cage_pid" 2>/dev/null || status=$?
    cage_pid=""
    # Ended by the signal itself (128 + its number) counts as a clean stop for systemd; an
    # abort (134, what SIGTERM gives, a core dump on every stop) does not.
    if [ "$status" != 0 ] && [ "$status" != $((128 + $(kill -l "$signal"))) ]; then
        fail "cage with loket-$app ended with status $status on SIG$signal"
    fi
    # The app ends with its Wayland connection (systemd would SIGKILL it otherwise).
    for _ in $(seq 1 30); do
        pgrep -u "$user" -xf "$program.*" >/dev/null || break
        sleep 0.1
    done
    if pgrep -u "$user" -xf "$program.*" >/dev/null; then
        fail "loket-$app outlived cage"
        pkill -KILL -u "$user" -xf "$program.*" || true
    fi
    if [ $failures != 0 ]; then
        sed 's|^|  |' "$dir/out.log" >&2
    fi
}

session kiosk "$build/kiosk/kiosk" "$src/kiosk/kiosk.example.toml"
session display "$build/display/display" "$src/display/display.example.toml"
[ $failures = 0 ]
