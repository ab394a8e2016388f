#!/usr/bin/env bash
# Installs, from the distribution's packages, whatever lockstress needs to build and test that is
# missing; does nothing when everything is there. Debian 12 / Ubuntu 24.04 or newer (CMake >= 3.25).
set -euo pipefail

packages=(
  cmake ninja-build clang
  llvm                          # llvm-symbolizer: TSan reports name files and lines with it
  libboost-program-options-dev  # the CLI
  nlohmann-json3-dev            # the JSON summary
  libgtest-dev                  # the tests
  # The validators of the test suite (tests/cmake/Validators.cmake); the SARIF Multitool comes
  # from npm, apart: see HACKING.md, "Tests".
  libxml2-utils python3-jsonschema yamllint binutils
  # The real locks tests/package/real_locks validates: oneTBB, absl, Concurrency Kit, Boost.
  libtbb-dev libabsl-dev libck-dev libboost-dev
)
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  as_root=(false)  # reached only when something is missing: then the message below explains
fi
# A fresh machine may have no package lists yet; the check below needs them.
if ! apt-cache show clang >/dev/null 2>&1; then "${as_root[@]}" apt-get update -qq || true; fi
# The TSan runtime: Debian ships it apart from clang (Ubuntu inside libclang-common-*-dev).
if apt-cache show libclang-rt-dev >/dev/null 2>&1; then packages+=(libclang-rt-dev); fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "${as_root[*]-}" = false ]; then
  echo "lockstress: missing packages: ${missing[*]} (install them as root)" >&2
  exit 1
fi
echo "lockstress: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
