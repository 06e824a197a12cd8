#!/bin/sh
# Put "Shenzhen plan map" (深圳规划地图) in your applications menu, with its icon, for this folder's program.
# No administrator rights needed: it writes ~/.local/share/applications/plan-map.desktop only.
# Run it again after moving this folder; delete that file to remove the entry.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
# Exec quoting of the Desktop Entry spec: \ " $ ` escaped inside the quotes (backslashes doubled once more), % doubled.
exec_path=$(printf '%s' "$here/plan-map" | sed 's/\\/\\\\\\\\/g; s/"/\\\\"/g; s/\$/\\\\$/g; s/`/\\\\`/g; s/%/%%/g')
icon_path=$(printf '%s' "$here/plan-map.svg" | sed 's/\\/\\\\/g')
{
  grep -v -e '^Exec=' -e '^Icon=' "$here/plan-map.desktop"
  printf 'Exec="%s"\nIcon=%s\n' "$exec_path" "$icon_path"
} > "$apps/plan-map.desktop"
chmod 755 "$apps/plan-map.desktop"
echo "Added to the applications menu: $apps/plan-map.desktop"
