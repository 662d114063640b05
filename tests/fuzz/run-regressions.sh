#!/bin/sh
# The fuzz-regressions test: each fuzz target's entry point, without libFuzzer, over every input
# that once made it crash (regressions/TARGET/) and over its seed corpus (corpus/TARGET/).
#
#   run-regressions.sh SOURCE-FOLDER RUNNER...     (RUNNER: run-corpus-TARGET, built by meson)
set -eu

dir=$1; shift
failed=""
for runner in "$@"; do
  target=${runner##*/run-corpus-}
  if "$runner" "$dir/regressions/$target" "$dir/corpus/$target" > "${TMPDIR:-/tmp}/fuzz-regressions-$target.$$" 2>&1; then
    tail -n 1 "${TMPDIR:-/tmp}/fuzz-regressions-$target.$$" | sed "s/^/$target: /"
  else
    status=$?
    echo "$target: FAILED (exit $status); the last input run:"
    tail -n 30 "${TMPDIR:-/tmp}/fuzz-regressions-$target.$$"
    failed="$failed $target"
  fi
  rm -f "${TMPDIR:-/tmp}/fuzz-regressions-$target.$$"
done

[ -z "$failed" ] || { echo "crashed:$failed"; exit 1; }
