#!/usr/bin/env bash
# The test command, on a fresh machine too: installs the Debian packages the tests need (tests/packages.txt) when any
# is missing, then runs `dotnet test` with any arguments given (e.g. --filter ...). Exit code: dotnet test's, or 1 when
# a package cannot be installed.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
while read -r package _; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done < <(grep -v '^\s*\(#\|$\)' tests/packages.txt)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (tests/packages.txt)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"; }; then
        echo "test.sh: could not install ${missing[*]}: install them (apt-get install ${missing[*]}) and run ./test.sh again" >&2
        exit 1
    fi
fi

dotnet test "$@"
