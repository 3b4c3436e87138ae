// Which methods are evaluated on a dataset? The dataset is matched by name or alias,
// ignoring case; methods are ranked by how many papers evaluate them on it.
// $params: dataset
MATCH (d:Dataset)
WHERE toLower(d.name) = toLower($dataset) OR any(a IN coalesce(d.aliases, []) WHERE toLower(a) = toLower($dataset))
MATCH (m:Method)-[r:EVALUATED_ON]->(d)
RETURN m.name AS method, d.name AS dataset, size(r.papers) AS papers, r.evidence[0] AS evidence
ORDER BY papers DESC, method;
