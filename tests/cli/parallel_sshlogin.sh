#!/bin/sh
# The README's multi-host recipe: GNU parallel --sshlogin sends blocks of
# records over ssh to run the chain after normalize on other hosts. Here the
# "other host" is an sshd this test starts on a free port of 127.0.0.1 with
# a throw-away host key and user key; the output must equal the single
# chain's. Skipped (status 77, with the reason) when parallel, ssh or sshd
# is missing or sshd cannot run as this user.
. "$(dirname "$0")/../lib.sh"
BIN=$(cd "$BIN" && pwd) # the remote shell starts elsewhere
skip() { echo "SKIP: $*"; exit 77; }
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || skip "no sshd (apt-get install openssh-server)"
command -v ssh >/dev/null 2>&1 || skip "no ssh client (apt-get install openssh-client)"
command -v ssh-keygen >/dev/null 2>&1 || skip "no ssh-keygen"
command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed (apt-get install parallel)"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/host_key" || fail "ssh-keygen host key"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/user_key" || fail "ssh-keygen user key"
cp "$TMP/user_key.pub" "$TMP/authorized_keys"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$TMP/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $TMP/host_key
AuthorizedKeysFile $TMP/authorized_keys
PidFile $TMP/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
LogLevel ERROR
CONF
# sshd run by root wants its privilege-separation directory (the Debian
# service makes it at boot; a container may not have it).
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then mkdir -p -m 0755 /run/sshd; fi
"$SSHD" -t -f "$TMP/sshd_config" 2>"$TMP/sshd.log" || skip "sshd refuses to run here: $(cat "$TMP/sshd.log")"
"$SSHD" -D -f "$TMP/sshd_config" -E "$TMP/sshd.log" &
SSHD_PID=$!
trap 'kill $SSHD_PID 2>/dev/null; wait $SSHD_PID 2>/dev/null; rm -rf "$TMP"' EXIT
SSH="ssh -p $PORT -i $TMP/user_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
up=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    if $SSH "$(id -un)@127.0.0.1" true 2>"$TMP/ssh.err"; then up=1; break; fi
    kill -0 $SSHD_PID 2>/dev/null || break
    sleep 0.25
done
[ $up -eq 1 ] || skip "cannot log in to the test sshd as $(id -un): $(cat "$TMP/ssh.err" "$TMP/sshd.log")"

stages=$("$BIN/whosaid" --help | sed -n 's/.*stages (\(.*\)) over.*/\1/p' | tr -d ' ' | tr '|' ' ')
rest=""
for st in $stages; do
    [ "$st" = normalize ] && continue
    rest="$rest${rest:+ | }$BIN/whosaid-$st"
done
[ -n "$rest" ] || fail "no stages after normalize in whosaid --help"
"$BIN/whosaid" "$TOP/corpus" >"$TMP/one" || fail "single run: status $?"
# Two job slots on the "remote" host; small blocks so several travel.
"$BIN/whosaid-normalize" "$TOP/corpus" |
    parallel --will-cite --pipe --keep-order --block 8k --ssh "$SSH" \
        --sshlogin "2/$(id -un)@127.0.0.1" "$rest" >"$TMP/par" 2>"$TMP/err" ||
    fail "parallel --sshlogin: status $?: $(cat "$TMP/err")"
[ -s "$TMP/one" ] || fail "the chain wrote nothing"
cmp -s "$TMP/one" "$TMP/par" || fail "outputs differ: $(diff "$TMP/one" "$TMP/par" | head -c 600) $(cat "$TMP/err")"
