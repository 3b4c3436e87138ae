// Which datasets and metrics is a method evaluated with? Datasets from EVALUATED_ON,
// metrics from the method's results and from the papers that propose it.
// $params: method
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
OPTIONAL MATCH (m)-[:EVALUATED_ON]->(d:Dataset)
WITH m, collect(DISTINCT d.name) AS datasets
OPTIONAL MATCH (m)-[:ACHIEVES]->(:Result)-[:MEASURED_BY]->(x:Metric)
WITH m, datasets, collect(DISTINCT x.name) AS result_metrics
OPTIONAL MATCH (p:Paper)-[:PROPOSES]->(m)
OPTIONAL MATCH (p)-[:MENTIONS]->(y:Metric)
WITH m, datasets, result_metrics, collect(DISTINCT y.name) AS paper_metrics
RETURN m.name AS method, datasets,
       result_metrics + [n IN paper_metrics WHERE NOT n IN result_metrics] AS metrics;
