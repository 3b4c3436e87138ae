// Which datasets are used together? Pairs of datasets mentioned by the same papers,
// with the number of such papers.
// $params: limit (optional; default 10)
MATCH (p:Paper)-[:MENTIONS]->(a:Dataset)
MATCH (p)-[:MENTIONS]->(b:Dataset)
WHERE a.id < b.id
RETURN a.name AS dataset_a, b.name AS dataset_b, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset_a, dataset_b
LIMIT coalesce($limit, 10);
