#!/bin/sh
# Exports the bundled dataset as GeoJSON and checks that GDAL reads every feature and field.
# usage: check-gdal.sh CITY_TIES OGRINFO
set -eu
bin=$1
ogrinfo=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$bin" --database="$dir/t.db" --export="$dir/t.geojson" >/dev/null
"$bin" --database="$dir/t.db" --export="$dir/t.json" >/dev/null
info=$("$ogrinfo" -ro -al -so "$dir/t.geojson")
echo "$info"

cities=$(grep -c '"feature_type": "city"' "$dir/t.geojson")
partnerships=$(grep -c '"feature_type": "partnership"' "$dir/t.geojson")
expected=$((cities + partnerships))
count=$(echo "$info" | sed -n 's/^Feature Count: //p')
echo "GDAL counts $count features; the file has $cities cities and $partnerships partnerships"
[ "$count" -eq "$expected" ] || { echo "FAIL: feature count"; exit 1; }
echo "$info" | grep -q '^Geometry: Unknown (any)' || echo "$info" | grep -q 'Geometry:' || { echo "FAIL: geometry"; exit 1; }
for field in feature_type name local_name kind status signed; do
  echo "$info" | grep -q "^$field: " || { echo "FAIL: field $field missing"; exit 1; }
done
echo "PASS"
