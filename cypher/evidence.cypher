// The evidence for an entity: the sentences of each paper that mention it. The entity
// (method, dataset, metric or task) is matched by name or alias, ignoring case. Each
// relationship's evidence_refs holds five integers per sentence (paper, sentence, start,
// end, source); the second is the sentence's position in the Paper node's `sentences`.
// $params: name
MATCH (e:KG)
WHERE (e:Method OR e:Dataset OR e:Metric OR e:Task)
  AND (toLower(e.name) = toLower($name) OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($name)))
MATCH (p:Paper)-[r:MENTIONS]->(e)
UNWIND range(0, size(coalesce(r.evidence_refs, [])) - 1, 5) AS i
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'KG'][0] AS label, p.name AS paper,
       p.sentences[r.evidence_refs[i + 1]] AS sentence
ORDER BY paper, sentence;
