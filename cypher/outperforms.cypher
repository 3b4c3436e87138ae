// Who outperforms a method? Every method reported to beat it, with the papers and one
// evidence sentence.
// $params: method
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
MATCH (w:Method)-[r:OUTPERFORMS]->(m)
RETURN w.name AS winner, m.name AS method, size(r.papers) AS papers, r.evidence[0] AS evidence
ORDER BY papers DESC, winner;
