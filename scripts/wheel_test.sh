#!/usr/bin/env bash
# Install kg as a user would (a wheel, into a fresh virtual environment outside the
# checkout) and use it from another directory: build the sample, list the named
# queries, export to the Neo4j server that scripts/neo4j.sh runs, draw the page.
# Catches what an editable install hides: files not packaged, a top-level package
# other than `kg`. Needs the server running (bash scripts/neo4j.sh start).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "wheel_test: building the wheel"
python -m pip wheel --no-deps --quiet -w "$work/dist" .
python -m venv "$work/venv"
# dependencies come from the registry (or pip's cache), never from the checkout
"$work/venv/bin/pip" install --quiet "$work"/dist/*.whl
kg="$work/venv/bin/kg"

mkdir "$work/user" && cp samples/hf_daily_papers.txt "$work/user/"
cd "$work/user"
if "$work/venv/bin/python" -c "import extractors" 2>/dev/null; then
    echo "wheel_test: FAIL: the wheel installs a top-level package 'extractors'" >&2; exit 1
fi
"$work/venv/bin/python" - <<'PY'
import kg, kg.extractors, kg.cypher
assert "site-packages" in kg.__file__, kg.__file__
from kg.extractors.gazetteer import shipped_name_groups
assert shipped_name_groups() is not None, "name_tokens.json is not in the wheel: kg would tokenize every name at start"
print("wheel_test: kg imported from", kg.__file__)
PY
"$kg" build hf_daily_papers.txt -o out -q
test -s out/graph.json
queries="$("$kg" query --list)"
echo "$queries" | grep -q "^top_datasets" || { echo "wheel_test: FAIL: kg query --list: $queries" >&2; exit 1; }
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kg-dev-password}"
"$kg" export neo4j out -q
"$kg" query top_datasets | grep -q "row" || { echo "wheel_test: FAIL: kg query top_datasets" >&2; exit 1; }
"$kg" viz out -o graph.html
grep -q "vis-network" graph.html
echo "wheel_test: ok (wheel $(basename "$work"/dist/*.whl), used from $work/user, not $repo)"
