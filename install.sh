#!/usr/bin/env bash
# Installs CAO from this checkout: packs the `cao` tool, the plugin SDK package and the plugin template
# into a local feed (eng/pack.sh), then installs the tool and the template from it.
# Usage: ./install.sh [--tool-path DIR] [--feed DIR] [--version X.Y.Z] [--no-pack]
#   --tool-path  install cao into DIR instead of globally (~/.dotnet/tools)
#   --feed       the local feed folder (default: artifacts/packages)
#   --version    the version to pack and install (default: <Version> in Directory.Build.props)
#   --no-pack    install what --feed already holds (packed earlier by eng/pack.sh)
# Run it again after pulling changes: it replaces the installed tool and template.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
tool_path=""
pack=1
version=""
pack_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tool-path) tool_path="$2"; shift 2 ;;
    --feed) pack_args+=("$1" "$2"); shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --no-pack) pack=0; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see ./install.sh --help)" >&2; exit 2 ;;
  esac
done
command -v dotnet >/dev/null || { echo "error: dotnet not found; install the .NET 10 SDK first (https://dot.net)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -n "$version" ] || version="$(dotnet msbuild "$root/src/CliAgentOrchestrator.Plugins" -getProperty:Version)"
if [ "$pack" = 1 ]; then
  feed="$("$root/eng/pack.sh" --version "$version" "${pack_args[@]}")"
else
  feed="${pack_args[1]:-$root/artifacts/packages}"
  [ -f "$feed/CliAgentOrchestrator.$version.nupkg" ] || { echo "error: $feed holds no CliAgentOrchestrator.$version.nupkg; run eng/pack.sh first or drop --no-pack" >&2; exit 1; }
fi

# NuGet caches packages by id and version: drop this version's cached copies, so a rebuilt package of
# the same version is what gets installed (and what plugin projects restore).
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
for id in cliagentorchestrator cliagentorchestrator.plugins cliagentorchestrator.templates; do
  rm -rf "${cache:?}/$id/$version"
done

if [ -n "$tool_path" ]; then
  scope=(--tool-path "$tool_path")
else
  scope=(--global)
fi
dotnet tool uninstall "${scope[@]}" CliAgentOrchestrator >/dev/null 2>&1 || true
dotnet tool install "${scope[@]}" CliAgentOrchestrator --version "$version" --add-source "$feed" >&2
dotnet new install "$feed/CliAgentOrchestrator.Templates.$version.nupkg" --force >&2

if [ -n "$tool_path" ]; then
  cao="$tool_path/cao"
else
  cao="cao"
  case ":$PATH:" in
    *":$HOME/.dotnet/tools:"*) ;;
    *) echo "note: add ~/.dotnet/tools to PATH (e.g. echo 'export PATH=\"\$PATH:\$HOME/.dotnet/tools\"' >> ~/.bashrc) to run cao" >&2
       cao="$HOME/.dotnet/tools/cao" ;;
  esac
fi
# Running cao once also puts its SDK package into the feed under CAO_HOME_DIR for `dotnet new cao-plugin`.
echo "installed: cao $("$cao" --version) (start the server with: cao server)" >&2
