#!/bin/sh
# Fails when a translation has untranslated or fuzzy messages, or when po/POTFILES.in misses a
# source file with translatable strings.
# usage: check-po.sh SOURCE_ROOT LANG...
set -eu
root=$1; shift
status=0

missing=$(cd "$root" && git grep -l -E '\b_\(|N_\(|translatable="yes"' -- 'src/*.c' 'src/*.ui' 'src/**/*.c' 'src/**/*.ui' 2>/dev/null \
  | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done) || true
if [ -n "$missing" ]; then
  echo "FAIL: not in po/POTFILES.in: $missing"
  status=1
fi

pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
(cd "$root" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
   --keyword=g_dngettext:2,3 --add-comments=Translators --files-from=po/POTFILES.in -o "$pot")

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
