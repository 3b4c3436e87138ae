// Who outperforms a method? Every method reported to beat it, with the papers and one
// evidence sentence (found as in methods_on_dataset.cypher).
// $params: method
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
MATCH (w:Method)-[r:OUTPERFORMS]->(m)
OPTIONAL MATCH (q:Paper {id: 'paper:' + r.papers[r.evidence_refs[0]]})
RETURN w.name AS winner, m.name AS method, size(r.papers) AS papers, q.sentences[r.evidence_refs[1]] AS evidence
ORDER BY papers DESC, winner;
