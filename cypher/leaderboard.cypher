// The leaderboard of a dataset: every reported result on it, with its metric, value,
// method and paper, best first within each metric (values as reported; see
// `kg analyze leaderboards` for lower-is-better metrics).
// $params: dataset
MATCH (d:Dataset)
WHERE toLower(d.name) = toLower($dataset) OR any(a IN coalesce(d.aliases, []) WHERE toLower(a) = toLower($dataset))
MATCH (r:Result)-[:EVALUATED_ON]->(d)
MATCH (r)-[:MEASURED_BY]->(x:Metric)
OPTIONAL MATCH (m:Method)-[:ACHIEVES]->(r)
OPTIONAL MATCH (p:Paper)-[:REPORTS]->(r)
RETURN x.name AS metric, m.name AS method, r.value AS value, r.unit AS unit, p.name AS paper
ORDER BY metric, value DESC, method;
