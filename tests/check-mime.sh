#!/bin/sh
# The MIME type of the native file: the package file builds a MIME database without complaint,
# and a file City Ties exports is recognised by its name (*.cityties.json) and, renamed to *.json
# or to no extension at all, by its content, while other JSON stays application/json.
# usage: check-mime.sh MIME_XML CITY_TIES UPDATE_MIME_DATABASE [XMLLINT|-] [GIO]
set -eu
xml=$1
bin=$2
update_mime_database=$3
xmllint=${4:--}
gio=${5:-}
type=application/x-cityties+json
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

fail () {
  echo "FAIL: $*"
  exit 1
}

if [ "$xmllint" != - ]; then
  "$xmllint" --noout "$xml" || fail "$xml is not well-formed"
fi

# update-mime-database reports a broken package file on standard error but exits with 0
mkdir -p "$dir/mime/packages"
cp "$xml" "$dir/mime/packages/io.github.cityties.CityTies.xml"
XDG_DATA_HOME=$dir "$update_mime_database" "$dir/mime" 2>"$dir/errors"
if [ -s "$dir/errors" ]; then
  cat "$dir/errors"
  fail "update-mime-database complained about $xml"
fi

grep -qxF "60:$type:*.cityties.json" "$dir/mime/globs2" || fail "no *.cityties.json glob with weight 60"
grep -qxF "$type application/json" "$dir/mime/subclasses" || fail "not a sub-class of application/json"
grep -qF "[80:$type]" "$dir/mime/magic" || fail "no magic with priority 80"
grep -qaF "io.github.cityties.CityTies" "$dir/mime/magic" || fail "the magic does not look for the format id"
[ -f "$dir/mime/application/x-cityties+json.xml" ] || fail "no $type.xml in the database"
echo "ok: $xml builds a MIME database with $type"

[ -n "$gio" ] || { echo "gio not found: content type detection not checked"; exit 0; }

"$bin" --database="$dir/t.db" --export="$dir/export.cityties.json" >/dev/null
cp "$dir/export.cityties.json" "$dir/renamed.json"
cp "$dir/export.cityties.json" "$dir/no-extension"
printf '{ "type": "FeatureCollection", "features": [] }\n' >"$dir/other.json"

detect () {
  # Our database first, then the system's (for application/json itself)
  XDG_DATA_HOME=$dir XDG_DATA_DIRS=${XDG_DATA_DIRS:-/usr/local/share:/usr/share} \
    "$gio" info -a standard::content-type "$dir/$1" | sed -n 's/^ *standard::content-type: //p'
}

for name in export.cityties.json renamed.json no-extension; do
  found=$(detect "$name")
  echo "$name: $found"
  [ "$found" = "$type" ] || fail "$name is $found, not $type"
done
found=$(detect other.json)
echo "other.json: $found"
[ "$found" != "$type" ] || fail "any JSON file is taken for $type"
echo "PASS"
