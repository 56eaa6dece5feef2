#!/usr/bin/env bash
# Install the language toolchains lrcg executes programs with (Debian/Ubuntu, as root).
# Julia is not packaged by Debian; install it from julialang.org (juliaup) where you can.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "install-toolchains: needs root (apt-get); run as root or install the packages listed below by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
pkgs=(racket r-base-core lua5.4 lua-unit liblua5.4-0 golang-go golang-github-stretchr-testify-dev libjavatuples-java
      nodejs npm default-jdk-headless gcc g++ bubblewrap
      libssl-dev libboost-dev  # HumanEval-X C++ tests use OpenSSL MD5 and boost::any; liblua: warm Lua
      chromium fonts-dejavu-core)  # the headless browser that tests `lrcg report` HTML
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# node/java may come from outside Debian (e.g. NodeSource, a JDK tarball): keep what works
command -v node >/dev/null && missing=("${missing[@]/nodejs}") && missing=("${missing[@]/npm}")
command -v javac >/dev/null && missing=("${missing[@]/default-jdk-headless}")
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! command -v tsc >/dev/null; then
  npm install -g --silent typescript@5
fi
# HumanEval-X JavaScript/162 requires js-md5 (lrcg sets NODE_PATH to the global node_modules)
if ! node -e 'require("js-md5")' 2>/dev/null && ! NODE_PATH=/usr/local/lib/node_modules:/usr/lib/node_modules node -e 'require("js-md5")' 2>/dev/null; then
  npm install -g --silent js-md5@0.8
fi
echo "install-toolchains: done"
