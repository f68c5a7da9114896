#!/usr/bin/env bash
# Orchestrator build script.
#   ./build.sh            build everything (Release)
#   ./build.sh test       install test tools (Azurite and the OpenAPI checkers via npm, Kiota via dotnet tool
#                         restore, Debian's chromium for the dashboard's browser tests), build, run every test project,
#                         and end with one line "N passed, N failed"
#   ./build.sh bench [NAME...]  run the benchmarks in bench/ (all, or those whose name contains NAME)
#   ./build.sh install [PREFIX] publish `orchestrator` to PREFIX/bin (default ~/.local), the program in
#                         PREFIX/lib/orchestrator and the built-in plugins in PREFIX/share/orchestrator/plugins
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

# The OpenAPI document's checkers (redocly, openapi-typescript and the TypeScript compiler), pinned by
# tools/openapi/package-lock.json, and the .NET tools of .config/dotnet-tools.json (Kiota, which generates a C# client
# from the document); the tests in tests/Orchestrator.Server.Tests/OpenApi run them against `orchestrator serve`.
install_openapi_tools() {
  if [ ! -x tools/openapi/node_modules/.bin/redocly ] || [ ! -x tools/openapi/node_modules/.bin/openapi-typescript ]; then
    echo "==> installing the OpenAPI checkers (tools/openapi)"
    npm ci --prefix tools/openapi --no-audit --no-fund --loglevel=error
  fi
  echo "==> restoring .NET tools (.config/dotnet-tools.json)"
  dotnet tool restore >/dev/null
}

# The docker CLI is on the machines we run on, but without the compose plugin it cannot check
# docker-compose.yml; the compose tests need `docker compose` or `docker-compose`, so install
# Debian's docker-compose when we can (root with apt). Without docker the tests skip themselves.
install_compose() {
  command -v docker >/dev/null 2>&1 || return 0
  docker compose version >/dev/null 2>&1 && return 0
  command -v docker-compose >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "==> installing docker-compose (apt) to check docker-compose.yml"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } \
      || echo "warning: could not install docker-compose; the compose file tests will be skipped" >&2
  else
    echo "warning: no 'docker compose' or 'docker-compose'; the compose file tests will be skipped" >&2
  fi
}

# Installs a Debian package when we can (root with apt); says what will not work when we cannot.
apt_install() {
  local package=$1 purpose=$2 without=$3
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "==> installing $package (apt), $purpose"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; } \
      || echo "warning: could not install $package; $without" >&2
  else
    echo "warning: the Debian/Ubuntu package $package is not installed; $without" >&2
  fi
}

# Executable plugins run in a bubblewrap sandbox (docs/process-protocol.md#sandbox), so `bwrap` is a runtime
# requirement and the sandbox tests need it: install Debian's bubblewrap when we can (root with apt).
install_bubblewrap() {
  command -v bwrap >/dev/null 2>&1 && return 0
  [ "$(uname -s)" = Linux ] || return 0
  apt_install bubblewrap "the sandbox of executable plugins" \
    "executable plugins will not load until it is (or set ORCHESTRATOR_PLUGINS__SANDBOX=off)"
}

# The dashboard's browser tests (tests/Orchestrator.Dashboard.Tests) drive Debian's headless chromium through
# Playwright; Playwright's own browser download cannot work here, so install Debian's package (root with apt).
install_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  [ "$(uname -s)" = Linux ] || return 0
  apt_install chromium "for the dashboard's browser tests" "the dashboard's browser tests will fail until it is"
}

build() {
  install_bubblewrap
  echo "==> building ($configuration)"
  dotnet build Orchestrator.sln -c "$configuration" --nologo -v quiet
  # The sample .NET assembly plugin builds into its plugin directory (the dll is not in git).
  echo "==> building plugins/wordcount-dotnet"
  dotnet build plugins/wordcount-dotnet/src -c "$configuration" --nologo -v quiet
}

# Reads the totals from the summary `dotnet test` prints at the end of a solution run
# ("  failed: N" / "  succeeded: N"); TRX files are not used because two projects starting
# in the same instant can be given the same TRX file name.
count_results() {
  local log=$1 passed failed
  passed=$(grep -E '^\s+succeeded: [0-9]+$' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  failed=$(grep -E '^\s+failed: [0-9]+$' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  echo "${passed:-0} ${failed:-0}"
}

run_tests() {
  install_azurite
  install_openapi_tools
  install_compose
  install_chromium
  build
  local results=.test-results
  rm -rf "$results"
  mkdir -p "$results"
  echo "==> testing"
  local rc=0
  dotnet test --solution Orchestrator.sln -c "$configuration" --no-build \
    --report-xunit-trx --results-directory "$(pwd)/$results" --ignore-exit-code 8 --no-progress \
    2>&1 | tee "$results/dotnet-test.log" || rc=$?
  read -r passed failed < <(count_results "$results/dotnet-test.log")
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
    if [[ "$name" == *Sidecar* || "$name" == *ScaleOut* ]]; then install_azurite; fi
    echo "==> $name"
    # No --nologo: dotnet run hands options it does not know to the program, and a benchmark reads its arguments as
    # filters (the Sidecar bench ran only its floor).
    dotnet run --project "$project" -c Release
  done
}

# PREFIX/bin/orchestrator is a launcher: the program (framework-dependent, the same files `dotnet build` makes) lives
# in PREFIX/lib/orchestrator; the launcher tells it where the command is (ORCHESTRATOR_BINARY_DIR), so that the
# built-in search path <binary dir>/../share/orchestrator/plugins is PREFIX/share/orchestrator/plugins.
install_cli() {
  local prefix=${1:-$HOME/.local}
  mkdir -p "$prefix"
  prefix=$(cd "$prefix" && pwd)
  local program="$prefix/lib/orchestrator" plugins="$prefix/share/orchestrator/plugins"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  echo "==> publishing orchestrator ($configuration)"
  dotnet publish src/Orchestrator.Cli -c "$configuration" -o "$stage" --nologo -v quiet
  echo "==> installing into $prefix"
  rm -rf "$program"
  mkdir -p "$program" "$prefix/bin" "$plugins"
  # Only the built-in plugins are replaced; other plugins in the share directory are left alone.
  local plugin
  for plugin in "$stage"/plugins/*/; do
    rm -rf "$plugins/$(basename "$plugin")"
    cp -R "$plugin" "$plugins/"
  done
  rm -rf "$stage/plugins"
  cp -R "$stage"/. "$program/"
  cat > "$prefix/bin/orchestrator" <<'LAUNCHER'
#!/bin/sh
# Installed by ./build.sh install: runs the Orchestrator CLI in ../lib/orchestrator; built-in plugins are in
# ../share/orchestrator/plugins.
bin=$(dirname "$(readlink -f "$0")")
ORCHESTRATOR_BINARY_DIR=$bin exec "$bin/../lib/orchestrator/orchestrator" "$@"
LAUNCHER
  chmod +x "$prefix/bin/orchestrator"
  echo "installed $prefix/bin/orchestrator (built-in plugins in $plugins)"
  case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on PATH; add it to run 'orchestrator' by name" ;;
  esac
}

target=${1:-build}
shift || true
case "$target" in
  build) build ;;
  test) run_tests ;;
  bench) run_benchmarks "$@" ;;
  install) install_cli "$@" ;;
  *) echo "usage: ./build.sh [build|test|bench [NAME...]|install [PREFIX]]" >&2; exit 2 ;;
esac
