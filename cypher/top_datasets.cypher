// The most-used datasets: how many papers mention each.
// $params: limit (optional; default 10)
MATCH (p:Paper)-[:MENTIONS]->(d:Dataset)
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT coalesce($limit, 10);
