#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine too: installs what the tests need from Debian, then runs `dotnet test`.
# The browser tests drive Debian's Chromium (Playwright never downloads a browser here), the mail tests start exim4
# and dovecot with private configs on loopback, and the deployment tests parse the compose file with docker-compose.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/exim4 ] || missing+=(exim4-daemon-light)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
exec dotnet test "$@"
