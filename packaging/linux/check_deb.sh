#!/usr/bin/env bash
# Install the .deb for real, run both programs from the PATH with an empty environment, remove
# it, and check that no file of the package is left. Needs root (CI runs as root).
# Usage: packaging/linux/check_deb.sh dist/selfdata-wallet_<version>_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
package=selfdata-wallet
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
mapfile -t owned < <(dpkg-query -L "$package")
for program in selfdata selfdata-wallet; do
  # Only HOME and a system PATH: no Python, no display, no project environment.
  if ! env -i HOME="$home" PATH=/usr/bin:/bin "$program" --self-test >"$home/$program.log" 2>&1; then
    cat "$home/$program.log"
    echo "FAILED: $program --self-test from the PATH"
    exit 1
  fi
  tail -1 "$home/$program.log"
done
apt-get remove -y -qq "$package" >/dev/null
left=()
for path in "${owned[@]}"; do
  # Folders such as /usr/share/icons/hicolor belong to other packages too.
  if [ -e "$path" ] && [ ! -d "$path" ] || [ -L "$path" ]; then left+=("$path"); fi
done
[ -e /opt/$package ] && left+=("/opt/$package")
if [ ${#left[@]} -gt 0 ]; then
  printf 'left behind: %s\n' "${left[@]}"
  exit 1
fi
echo "The package installed, passed both self-tests from the PATH and left nothing when removed."
