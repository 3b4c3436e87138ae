// Which methods are evaluated on a dataset? The dataset is matched by name or alias,
// ignoring case; methods are ranked by how many papers evaluate them on it. The evidence
// is the first sentence: evidence_refs[0] is its paper's position in r.papers (a Paper
// node's id is 'paper:' + its paper id), evidence_refs[1] its position in that paper's
// `sentences`.
// $params: dataset
MATCH (d:Dataset)
WHERE toLower(d.name) = toLower($dataset) OR any(a IN coalesce(d.aliases, []) WHERE toLower(a) = toLower($dataset))
MATCH (m:Method)-[r:EVALUATED_ON]->(d)
OPTIONAL MATCH (q:Paper {id: 'paper:' + r.papers[r.evidence_refs[0]]})
RETURN m.name AS method, d.name AS dataset, size(r.papers) AS papers, q.sentences[r.evidence_refs[1]] AS evidence
ORDER BY papers DESC, method;
