#!/usr/bin/env bash
# Orchestrator build script.
#   ./build.sh            build everything (Release)
#   ./build.sh test       install test tools (Azurite via npm), build, run every test project,
#                         and end with one line "N passed, N failed"
#   ./build.sh bench [NAME...]  run the benchmarks in bench/ (all, or those whose name contains NAME)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=Release

install_azurite() {
  if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
    echo "==> installing Azurite (tools/azurite)"
    npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  fi
}

build() {
  echo "==> building ($configuration)"
  dotnet build Orchestrator.sln -c "$configuration" --nologo -v quiet
  # The sample .NET assembly plugin builds into its plugin directory (the dll is not in git).
  echo "==> building plugins/wordcount-dotnet"
  dotnet build plugins/wordcount-dotnet/src -c "$configuration" --nologo -v quiet
}

# Sums the <Counters> of every TRX file the test run wrote.
count_results() {
  local dir=$1 passed=0 failed=0 p f
  for trx in "$dir"/*.trx; do
    [ -e "$trx" ] || continue
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  echo "$passed $failed"
}

run_tests() {
  install_azurite
  build
  local results=.test-results
  rm -rf "$results"
  echo "==> testing"
  local rc=0
  dotnet test --solution Orchestrator.sln -c "$configuration" --no-build \
    --report-xunit-trx --results-directory "$(pwd)/$results" --ignore-exit-code 8 --no-progress || rc=$?
  read -r passed failed < <(count_results "$results")
  echo "$passed passed, $failed failed"
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
  fi
}

run_benchmarks() {
  local filters=("$@") project name
  for project in bench/*/*.csproj; do
    name=$(basename "$project" .csproj)
    if [ ${#filters[@]} -gt 0 ]; then
      local match=0
      for f in "${filters[@]}"; do [[ "$name" == *"$f"* ]] && match=1; done
      [ "$match" -eq 1 ] || continue
    fi
    if [[ "$name" == *Sidecar* ]]; then install_azurite; fi
    echo "==> $name"
    dotnet run --project "$project" -c Release --nologo
  done
}

target=${1:-build}
shift || true
case "$target" in
  build) build ;;
  test) run_tests ;;
  bench) run_benchmarks "$@" ;;
  *) echo "usage: ./build.sh [build|test|bench [NAME...]]" >&2; exit 2 ;;
esac
