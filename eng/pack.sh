#!/usr/bin/env bash
# Packs CAO into a local NuGet feed folder, in one step:
#   CliAgentOrchestrator.<v>.nupkg           the `cao` .NET tool (it carries the SDK package too)
#   CliAgentOrchestrator.Plugins.<v>.nupkg   the plugin SDK, with XML docs
#   CliAgentOrchestrator.Templates.<v>.nupkg `dotnet new cao-plugin`
# Usage: eng/pack.sh [--feed DIR] [--version X.Y.Z]
#   --feed     where the packages go (default: artifacts/packages in this checkout)
#   --version  the version of all three (default: <Version> in Directory.Build.props)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$root/artifacts/packages"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see eng/pack.sh --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
properties=(-c Release -o "$feed" -nologo -v quiet -p:ContinuousIntegrationBuild=true)
[ -n "$version" ] && properties+=("-p:Version=$version")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for project in src/CliAgentOrchestrator.Plugins templates/CaoPlugin.Templates.csproj src/CliAgentOrchestrator; do
  echo "pack: $project" >&2
  dotnet pack "$root/$project" "${properties[@]}" >&2
done
echo "$feed"
