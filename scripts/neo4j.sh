#!/usr/bin/env bash
# The development Neo4j server of this checkout: kg's server script (the one `kg neo4j
# start|stop|status` runs, kg/neo4j/server/neo4j.sh), with its jars, data and logs under
# <repo>/.cache/neo4j and the dev password kg-dev-password unless NEO4J_PASSWORD is set.
# Tests and CI use it; run `bash scripts/neo4j.sh --help` for every command.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export KG_NEO4J_HOME="${KG_NEO4J_HOME:-$repo/.cache/neo4j}"
exec bash "$repo/kg/neo4j/server/neo4j.sh" "$@"
