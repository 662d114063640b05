#!/bin/sh
# Fails when a translation has untranslated or fuzzy messages, or when po/POTFILES.in misses a
# source file with translatable strings.
# usage: check-po.sh SOURCE_ROOT [--window] LANG...
#   --window   only the messages of the window (src/ui, src/map and the settings schema)
set -eu
root=$1; shift
status=0
window=false
if [ "${1:-}" = "--window" ]; then window=true; shift; fi

missing=$(cd "$root" && git grep -l -E '\b_\(|N_\(|translatable="yes"' -- 'src/*.c' 'src/*.ui' 'src/**/*.c' 'src/**/*.ui' 2>/dev/null \
  | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done) || true
if [ -n "$missing" ]; then
  echo "FAIL: not in po/POTFILES.in: $missing"
  status=1
fi

pot=$(mktemp)
files=$(mktemp)
trap 'rm -f "$pot" "$files"' EXIT
if $window; then
  grep -E '^(src/ui/|src/map/|data/.*gschema)' "$root/po/POTFILES.in" > "$files"
else
  cp "$root/po/POTFILES.in" "$files"
fi
(cd "$root" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
   --keyword=g_dngettext:2,3 --add-comments=Translators --files-from="$files" -o "$pot")

for lang in "$@"; do
  po="$root/po/$lang.po"
  merged=$(mktemp)
  msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$pot"
  stats=$(msgfmt --check --statistics -o /dev/null "$merged" 2>&1)
  rm -f "$merged"
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "FAIL: $lang is incomplete"; status=1 ;;
  esac
done
exit $status
