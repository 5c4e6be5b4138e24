#!/bin/sh
# Install this build for the current user: the program in ~/.local/opt, commands in
# ~/.local/bin, the menu entry, icons and metainfo in ~/.local/share.
# Uninstall with: sh install.sh --uninstall  (your wallet, settings and logs are never deleted)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$(basename "$HERE")
OPT="$HOME/.local/opt/selfdata-wallet"
BIN="$HOME/.local/bin"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
ID=org.selfdata.Wallet

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$OPT"
    rm -f "$BIN/selfdata" "$BIN/selfdata-wallet" "$SHARE/applications/$ID.desktop" \
          "$SHARE/metainfo/$ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -name "$ID.*" -delete 2>/dev/null || true
    echo "Self Data Wallet removed. Your wallet is still in $SHARE/SelfDataWallet."
    exit 0
fi

mkdir -p "$OPT" "$BIN"
rm -rf "$OPT/$NAME"
cp -a "$HERE" "$OPT/$NAME"
for program in selfdata selfdata-wallet; do
    if [ -x "$OPT/$NAME/$program" ]; then ln -sf "$OPT/$NAME/$program" "$BIN/$program"; fi
done
cp -a "$HERE/share/." "$SHARE/"
command -v update-desktop-database >/dev/null && update-desktop-database "$SHARE/applications" || true
echo "Self Data Wallet installed. Check it with: $BIN/selfdata --self-test"
