#!/usr/bin/env bash
# Installs the Debian packages that some tests use (Chromium for the widget test, Redis and
# PostgreSQL for the scale test) when running as root with apt available. Never fatal: the tests
# that need a missing package skip and say why.
set -u
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
command -v chromedriver >/dev/null 2>&1 || want+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || want+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null 2>&1 || want+=(postgresql)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system deps: missing ${want[*]} (not root or no apt); tests that need them will skip"
  exit 0
fi
echo "system deps: installing ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q "${want[@]}" >/tmp/imnm-apt.log 2>&1; then
  apt-get update -q >>/tmp/imnm-apt.log 2>&1 && apt-get install -y -q "${want[@]}" >>/tmp/imnm-apt.log 2>&1 \
    || echo "system deps: apt-get failed (see /tmp/imnm-apt.log); tests that need them will skip"
fi
# Debian starts the packaged services; the tests start their own private servers instead.
for service in redis-server postgresql; do
  command -v service >/dev/null 2>&1 && service "$service" stop >/dev/null 2>&1
done
exit 0
