#!/usr/bin/env bash
# The whole test suite, as CI and a new user run it. Starts what the tests need, runs every
# test project, and ends with one line counted from the runner's own results:
#   tests: N passed, N failed
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d)
# A throwaway PostgreSQL for the journal tests (Debian's postgresql; .ci/run installs it).
chmod 755 "$results"
cleanup() {
  scripts/throwaway-postgres.sh stop "$results/postgres" || true
  rm -rf "$results"
}
trap cleanup EXIT
if [ -z "${KRUISE_TEST_POSTGRES:-}" ]; then
  if KRUISE_TEST_POSTGRES=$(scripts/throwaway-postgres.sh start "$results/postgres"); then
    export KRUISE_TEST_POSTGRES
    echo "PostgreSQL for the tests: $KRUISE_TEST_POSTGRES"
  else
    echo "no PostgreSQL for the tests: the journal tests on PostgreSQL will fail" >&2
  fi
fi

dotnet test Kruise.Actors.sln --logger "trx" --results-directory "$results/trx" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
