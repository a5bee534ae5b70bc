#!/usr/bin/env bash
# Installs valvonta for the analysts who run it:
#   scripts/install.sh [PREFIX]     (default /usr/local)
# builds release and puts the one executable at PREFIX/bin/valvonta. Nothing
# else goes beside it: the templates are built into the binary (docs/templates.md,
# "The built-in templates"), so it writes reports from any directory, and a copy
# of the binary alone works as well. To edit the texts:
#   valvonta templates export DIR   then   valvonta report … --templates DIR
# (or VALVONTA_TEMPLATES=DIR in the environment).
# The binary needs at run time what it was linked with: the Swift runtime
# (static here, --static-swift-stdlib), libxml2 and jemalloc (Debian libxml2,
# libjemalloc2: scripts/setup.sh installs their -dev packages).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
scripts/setup.sh
build=(swift build -c release --product valvonta --static-swift-stdlib)
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/valvonta"
SUDO=""
if ! mkdir -p "$prefix/bin" 2>/dev/null || [ ! -w "$prefix/bin" ]; then SUDO="sudo"; fi
$SUDO mkdir -p "$prefix/bin"
$SUDO install -s -m 0755 "$bin" "$prefix/bin/valvonta"  # stripped: 66 MB instead of 99
echo "installed $prefix/bin/valvonta ($("$prefix/bin/valvonta" --version))"
