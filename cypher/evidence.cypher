// The evidence for an entity: the sentences of each paper that mention it. The entity
// (method, dataset, metric or task) is matched by name or alias, ignoring case.
// $params: name
MATCH (e:KG)
WHERE (e:Method OR e:Dataset OR e:Metric OR e:Task)
  AND (toLower(e.name) = toLower($name) OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($name)))
MATCH (p:Paper)-[r:MENTIONS]->(e)
UNWIND r.evidence AS sentence
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'KG'][0] AS label, p.name AS paper, sentence
ORDER BY paper, sentence;
