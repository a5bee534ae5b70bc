#!/usr/bin/env bash
# Sets up (when needed), builds and runs every test: swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build
swift test
