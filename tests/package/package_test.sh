#!/usr/bin/env bash
# The Debian packages (cmake/Packaging.cmake, docs/packaging.md), built with CPack from this
# build tree into a temporary folder:
#   1. lintian on each package: no errors (warnings are printed, and listed in docs/packaging.md);
#   2. dpkg-deb: the expected files, conffiles, maintainer scripts and dependencies;
#   3. loket-server installed into an empty root with dpkg --root (maintainer scripts run
#      outside it, DPKG_ROOT set), its unit and configuration in place, the installed
#      queue-server started on the installed files, then purged; loket-central likewise, its
#      dashboard serving its page over HTTPS with the self-signed pair it makes;
#   4. each postinst run on this machine with every command it calls replaced by a recorder:
#      the system user, the ownership of the state folder and configuration, the unit enabled.
# Usage: package_test.sh BUILD_DIR GUI (GUI: 1 when the kiosk and display are built)
set -euo pipefail

build=$1
gui=${2:-0}
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}
step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

step "cpack"
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    exit 1
}
shopt -s nullglob
debs=("$work"/out/*.deb)
packages=()
for deb in "${debs[@]}"; do
    packages+=("$(dpkg-deb -f "$deb" Package)")
    printf '%s (%s bytes)\n' "$(basename "$deb")" "$(stat -c %s "$deb")"
done
deb_of() {
    local deb
    for deb in "${debs[@]}"; do
        [ "$(dpkg-deb -f "$deb" Package)" = "$1" ] && printf '%s\n' "$deb" && return 0
    done
    return 1
}
expected=(loket-server loket-central)
if [ "$gui" = 1 ]; then
    expected+=(loket-kiosk loket-display)
fi
for name in "${expected[@]}"; do
    deb_of "$name" >/dev/null || fail "no $name package built"
done
[ $failures = 0 ] || exit 1

step "lintian"
# Errors fail the test; warnings are shown (docs/packaging.md says why each stays). All
# packages in one run: lintian's start-up is most of its time.
if ! lintian --fail-on error --tag-display-limit 0 "${debs[@]}" >"$work/lintian.out" 2>&1; then
    fail "lintian reports errors"
fi
{ grep -v "running with root privileges" "$work/lintian.out" || true; } | sed "s|^|  |"

step "contents"
# check_contents PACKAGE PATH...: each path (./usr/bin/x, or a folder ending in /) is in the
# package.
check_contents() {
    local name=$1 path deb
    shift
    deb=$(deb_of "$name")
    dpkg-deb -c "$deb" | awk '{print $6}' >"$work/$name.contents"
    for path in "$@"; do
        grep -qxF "$path" "$work/$name.contents" || fail "$name lacks $path"
    done
    # Files owned by root, none world-writable, none left in the build tree's paths.
    if dpkg-deb -c "$deb" | awk '$2 != "root/root"' | grep -q .; then
        fail "$name has files not owned by root"
    fi
    if dpkg-deb -c "$deb" | awk '$1 ~ /^.{8}w/' | grep -q .; then
        fail "$name has world-writable files"
    fi
}
# check_control PACKAGE FILE: the control member (conffiles, postinst, ...) is there; prints it.
check_control() {
    dpkg-deb --ctrl-tarfile "$(deb_of "$1")" | tar -xO "./$2" 2>/dev/null ||
        fail "$1 has no $2"
}
# check_depends PACKAGE DEP...: each DEP is named in Depends.
check_depends() {
    local name=$1 dep depends
    shift
    depends=$(dpkg-deb -f "$(deb_of "$name")" Depends)
    printf '%s Depends: %s\n' "$name" "$depends"
    for dep in "$@"; do
        grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "$name does not depend on $dep"
    done
}

check_contents loket-server ./usr/bin/queue-server ./lib/systemd/system/loket-server.service \
    ./lib/systemd/system/loket-sync.service \
    ./etc/loket/office.toml ./usr/share/loket/openapi.json ./usr/share/loket/web/index.html \
    ./usr/share/loket/web/counter.html ./usr/share/loket/catalog/kaltim-ikot.json \
    ./usr/share/doc/loket-server/copyright ./usr/share/doc/loket-server/changelog.gz \
    ./usr/share/man/man1/queue-server.1.gz
grep -q '/catalog/sources/' "$work/loket-server.contents" && fail "loket-server ships the SOP sources"
[ "$(check_control loket-server conffiles)" = /etc/loket/office.toml ] ||
    fail "loket-server's conffiles is not exactly /etc/loket/office.toml"
# shlibdeps found the libraries (libc6, libsqlite3, libsodium), the explicit ones are there.
check_depends loket-server libc6 libsqlite3-0 'libsodium[0-9]+' adduser libjs-chart.js
check_contents loket-central ./usr/bin/loket-central ./lib/systemd/system/loket-central.service \
    ./etc/loket/central.env ./usr/share/loket/central/index.html \
    ./usr/share/loket/central/js/central.js ./usr/share/doc/loket-central/copyright \
    ./usr/share/man/man1/loket-central.1.gz
[ "$(check_control loket-central conffiles)" = /etc/loket/central.env ] ||
    fail "loket-central's conffiles is not exactly /etc/loket/central.env"
check_depends loket-central libc6 'libpqxx-[0-9.]+' adduser libjs-chart.js
if [[ " ${expected[*]} " == *" loket-kiosk "* ]]; then
    check_contents loket-kiosk ./usr/bin/loket-kiosk ./lib/systemd/system/loket-kiosk.service \
        ./etc/loket/kiosk.toml ./etc/pam.d/loket-kiosk ./usr/share/doc/loket-kiosk/copyright \
        ./usr/share/man/man1/loket-kiosk.1.gz
    check_contents loket-display ./usr/bin/loket-display \
        ./lib/systemd/system/loket-display.service ./etc/loket/display.toml \
        ./etc/pam.d/loket-display ./usr/share/doc/loket-display/copyright \
        ./usr/share/man/man1/loket-display.1.gz
    check_depends loket-kiosk 'libsdl2-2.0-0' cage xwayland libpam-systemd libgl1-mesa-dri fonts-noto-core adduser
    check_depends loket-display 'libsdl2-2.0-0' 'libespeak-ng1' cage xwayland libpam-systemd \
        libgl1-mesa-dri fonts-noto-core espeak-ng-data
    for name in loket-kiosk loket-display; do
        conffiles=$(check_control $name conffiles | sort | tr '\n' ' ')
        [ "$conffiles" = "/etc/loket/${name#loket-}.toml /etc/pam.d/$name " ] ||
            fail "$name's conffiles: $conffiles"
    done
fi
for name in "${expected[@]}"; do
    for script in postinst prerm postrm; do
        check_control "$name" "$script" >"$work/$name.$script"
        sh -n "$work/$name.$script" || fail "$name's $script is not valid sh"
    done
done

step "units"
# Restart=always and the hardening the brief of the packages asks for (docs/packaging.md).
unit() { dpkg-deb --fsys-tarfile "$(deb_of "$1")" | tar -xO "./lib/systemd/system/$1.service"; }
unit loket-server >"$work/server.unit"
for line in 'User=loket' 'Restart=always' 'ProtectSystem=strict' 'ReadWritePaths=/var/lib/loket' \
    'NoNewPrivileges=true' 'WantedBy=multi-user.target'; do
    grep -qxF "$line" "$work/server.unit" || fail "loket-server.service lacks $line"
done
unit loket-central >"$work/central.unit"
for line in 'User=loket-central' 'EnvironmentFile=/etc/loket/central.env' 'Restart=always' \
    'ProtectSystem=strict' 'ReadWritePaths=/var/lib/loket-central' 'NoNewPrivileges=true' \
    'WantedBy=multi-user.target'; do
    grep -qxF "$line" "$work/central.unit" || fail "loket-central.service lacks $line"
done
if [[ " ${expected[*]} " == *" loket-kiosk "* ]]; then
    for name in loket-kiosk loket-display; do
        unit $name >"$work/$name.unit"
        for line in "User=$name" 'Restart=always' "PAMName=$name" 'TTYPath=/dev/tty1' \
            'Conflicts=getty@tty1.service' 'WantedBy=graphical.target' \
            "ExecStart=/usr/bin/cage -- /usr/bin/$name --config /etc/loket/${name#loket-}.toml"; do
            grep -qxF "$line" "$work/$name.unit" || fail "$name.service lacks $line"
        done
    done
fi

# systemd's own reading of each unit: no unknown key or bad value (the programs the units start
# are not installed on this machine, so only that complaint is let through).
if command -v systemd-analyze >/dev/null; then
    for name in "${expected[@]}"; do
        unit "$name" >"$work/$name.service"
        systemd-analyze verify --man=no "$work/$name.service" 2>&1 |
            grep -v ': Command /usr/bin/[a-z-]* is not executable: No such file or directory$' \
                >"$work/verify.out" || true
        if [ -s "$work/verify.out" ]; then
            sed 's|^|  |' "$work/verify.out"
            fail "systemd-analyze verify complains about $name.service"
        fi
    done
fi

step "install loket-server into an empty root"
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg_root=(dpkg --root="$root" --log=/dev/null --force-script-chrootless --force-not-root)
# Its dependencies are not in the empty root: --force-depends.
if ! "${dpkg_root[@]}" --force-depends -i "$(deb_of loket-server)" >"$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2
    fail "dpkg -i loket-server into $root failed"
fi
status=$("${dpkg_root[@]}" -s loket-server | sed -n 's/^Status: //p')
[ "$status" = "install ok installed" ] || fail "loket-server's status in the root: '$status'"
"${dpkg_root[@]}" -s loket-server | grep -q '^ /etc/loket/office.toml [0-9a-f]\{32\}$' ||
    fail "/etc/loket/office.toml is not registered as a conffile"
for path in usr/bin/queue-server lib/systemd/system/loket-server.service etc/loket/office.toml \
    usr/share/loket/catalog usr/share/loket/web usr/share/loket/openapi.json; do
    [ -e "$root/$path" ] || fail "/$path is not in the root after installing"
done
[ -d "$root/var/lib/loket" ] || fail "postinst did not make /var/lib/loket in the root"
cmp -s "$root/lib/systemd/system/loket-server.service" "$work/server.unit" ||
    fail "the installed unit differs from the package's"
# Every file the unit names is installed.
exec_start=$(sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/loket-server.service")
for word in $exec_start; do
    case $word in
    /usr/* | /etc/*) [ -e "$root$word" ] || fail "the unit names $word, not installed" ;;
    esac
done

# listening_url OUTPUT: the URL the program started as $server_pid prints ("listening on URL")
# within 10 s, or nothing when it exits or stays silent.
listening_url() {
    local url=""
    for _ in $(seq 1 100); do
        url=$(sed -n 's/^listening on //p' "$1")
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    printf '%s' "$url"
}

# The installed queue-server on the installed files (the unit's flags, paths moved under the
# root; a port of its own), until it answers its health check.
step "the installed queue-server starts on the installed files"
args=()
for word in $exec_start; do
    case $word in
    /usr/bin/queue-server) ;;
    /var/lib/loket/loket.db) args+=("$work/loket.db") ;;
    /usr/* | /etc/*) args+=("$root$word") ;;
    0.0.0.0:8443) args+=(127.0.0.1:0) ;;  # HTTPS with the certificate it makes on first start
    0.0.0.0:8080) args+=(off) ;;          # the redirect listener (tested in tests/server)
    *) args+=("$word") ;;
    esac
done
"$root/usr/bin/queue-server" "${args[@]}" >"$work/server.out" 2>&1 &
server_pid=$!
url=$(listening_url "$work/server.out")
if [ -z "$url" ]; then
    cat "$work/server.out" >&2
    fail "the installed queue-server did not start"
else
    # -k: the certificate is the self-signed one the server made beside its database.
    curl -kfsS "$url/api/v1/health" >/dev/null || fail "no health reply from the installed server"
    curl -kfsS -o "$work/counter.html" "$url/counter.html" && grep -qi '<html' "$work/counter.html" ||
        fail "the installed server does not serve counter.html"
    curl -kfsS -o "$work/openapi.json" "$url/api/v1/openapi.json" &&
        grep -q '"openapi"' "$work/openapi.json" ||
        fail "the installed server does not serve openapi.json"
    echo "installed queue-server answered on $url"
fi
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

step "purge loket-server from the root"
"${dpkg_root[@]}" -P loket-server >>"$work/dpkg.log" 2>&1 || fail "dpkg -P loket-server failed"
for path in usr/bin/queue-server lib/systemd/system/loket-server.service etc/loket/office.toml; do
    [ ! -e "$root/$path" ] || fail "/$path is still in the root after purging"
done

step "install loket-central into the root; its dashboard serves over HTTPS"
if ! "${dpkg_root[@]}" --force-depends -i "$(deb_of loket-central)" >>"$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2
    fail "dpkg -i loket-central into $root failed"
fi
for path in usr/bin/loket-central lib/systemd/system/loket-central.service etc/loket/central.env \
    usr/share/loket/central/index.html; do
    [ -e "$root/$path" ] || fail "/$path is not in the root after installing loket-central"
done
# The unit's serve flags with the paths moved under the root (Chart.js is libjs-chart.js's).
"$root/usr/bin/loket-central" --db "host=/nonexistent dbname=loket" serve --listen 127.0.0.1:0 \
    --self-signed "$work/central-tls" --web "$root/usr/share/loket/central" \
    --chart-js /usr/share/javascript/chart.js >"$work/central.out" 2>&1 &
server_pid=$!
url=$(listening_url "$work/central.out")
if [ -z "$url" ]; then
    cat "$work/central.out" >&2
    fail "the installed loket-central did not start"
else
    [[ $url == https://* ]] || fail "the installed dashboard is not on HTTPS: $url"
    curl -kfsS -o "$work/central.html" "$url/" && grep -q 'central.js' "$work/central.html" ||
        fail "the installed dashboard does not serve its page"
    # Sign-in first, whatever the database.
    [ "$(curl -ks -o /dev/null -w '%{http_code}' "$url/api/v1/today")" = 401 ] ||
        fail "the installed dashboard answers /today without sign-in"
    grep -q 'SHA-256 fingerprint' "$work/central.out" ||
        fail "the installed dashboard does not log its certificate's fingerprint"
    echo "installed loket-central answered on $url"
fi
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
"${dpkg_root[@]}" -P loket-central >>"$work/dpkg.log" 2>&1 || fail "dpkg -P loket-central failed"
[ ! -e "$root/usr/bin/loket-central" ] || fail "loket-central is still in the root after purging"

# Each postinst, prerm and postrm on this machine with every command they call replaced by a
# recorder (nothing on this machine is changed): what they would do on a real installation.
step "maintainer scripts with recorded commands"
stubs=$work/stubs
mkdir -p "$stubs"
for cmd in adduser getent install chown chmod dpkg-statoverride deb-systemd-helper \
    deb-systemd-invoke systemctl rm; do
    # No statoverride; was-enabled answers "yes", as for a first installation.
    cat >"$stubs/$cmd" <<EOF
#!/bin/sh
echo "$cmd \$*" >>"$work/calls"
case "$cmd \$*" in
"dpkg-statoverride --list"*) exit 1 ;;
esac
exit 0
EOF
    chmod +x "$stubs/$cmd"
done
# run_script PACKAGE SCRIPT ARGS...: its recorded calls in $work/calls.
run_script() {
    local name=$1 script=$2
    shift 2
    : >"$work/calls"
    env -u DPKG_ROOT PATH="$stubs" /bin/sh "$work/$name.$script" "$@" ||
        fail "$name's $script $* exits with $?"
}
# expect_call LINE: the recorded calls hold LINE exactly.
expect_call() { grep -qxF "$1" "$work/calls" || fail "expected the call '$1'; calls: $(cat "$work/calls")"; }

run_script loket-server postinst configure
expect_call 'adduser --system --group --quiet --home /var/lib/loket --no-create-home --gecos Loket queue-server loket'
expect_call 'install -d -m 0750 /var/lib/loket'
expect_call 'adduser --quiet loket lp'
expect_call 'chown loket:loket /var/lib/loket'
expect_call 'chown root:loket /etc/loket/office.toml'
expect_call 'chmod 0640 /etc/loket/office.toml'
expect_call 'deb-systemd-helper enable loket-server.service'
if [ -d /run/systemd/system ]; then expect_call 'deb-systemd-invoke start loket-server.service'; fi
run_script loket-server postrm purge
expect_call 'deb-systemd-helper purge loket-server.service'
grep -q '^rm ' "$work/calls" && fail "loket-server's postrm purge removes files: $(cat "$work/calls")"
run_script loket-central postinst configure
expect_call 'adduser --system --group --quiet --home /var/lib/loket-central --no-create-home --gecos Loket central dashboard loket-central'
expect_call 'chown root:loket-central /etc/loket/central.env'
expect_call 'chmod 0640 /etc/loket/central.env'
expect_call 'deb-systemd-helper enable loket-central.service'
# Started once its database and role are there (central.env), not by the installation.
grep -q '^deb-systemd-invoke start' "$work/calls" && fail "loket-central's postinst starts its unit"
run_script loket-central postrm purge
expect_call 'rm -rf /var/lib/loket-central'
if [[ " ${expected[*]} " == *" loket-kiosk "* ]]; then
    run_script loket-kiosk postinst configure
    expect_call 'adduser --quiet loket-kiosk lp'
    expect_call 'chown root:loket-kiosk /etc/loket/kiosk.toml'
    expect_call 'deb-systemd-helper enable loket-kiosk.service'
    # A kiosk starts on the next boot, not in the middle of its installation.
    grep -q '^deb-systemd-invoke start' "$work/calls" && fail "loket-kiosk's postinst starts its unit"
    run_script loket-kiosk postinst configure 0.0.9
    if [ -d /run/systemd/system ]; then
        expect_call 'deb-systemd-invoke try-restart loket-kiosk.service'
    fi
    run_script loket-display postinst configure
    expect_call 'adduser --quiet loket-display audio'
    expect_call 'chown root:loket-display /etc/loket/display.toml'
    run_script loket-display postrm purge
    expect_call 'rm -rf /var/lib/loket-display'
fi

printf '\n%s packages checked in %ss, %s failure(s)\n' "${#debs[@]}" "$SECONDS" "$failures"
[ $failures = 0 ]
