#!/usr/bin/env bash
# Installs what valvonta needs to build on a fresh Debian machine: the system
# libxml2 (found through pkg-config), zlib and jemalloc (the allocator the executable
# links, see Package.swift). Idempotent; only calls apt-get when something is missing.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! pkg-config --exists libxml-2.0 2>/dev/null; then need+=(libxml2-dev); fi
if ! pkg-config --exists jemalloc 2>/dev/null; then need+=(libjemalloc-dev); fi
# The history store's SQLite (GRDB links the system library).
if ! pkg-config --exists sqlite3 2>/dev/null; then need+=(libsqlite3-dev); fi
# zlib: ZIPFoundation inflates workbooks (.xlsx) and deflates the DOCX with it.
if ! pkg-config --exists zlib 2>/dev/null; then need+=(zlib1g-dev); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "setup: no swift on PATH; install Swift 6 first" >&2; exit 1; }
