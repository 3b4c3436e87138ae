// Who works on a method? The authors of the papers that propose or mention it (matched
// by name or alias, ignoring case), most papers first, with a few of those papers.
// $params: method
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
MATCH (a:Author)-[:AUTHORED]->(p:Paper)-[:PROPOSES|MENTIONS]->(m)
WITH a, m, collect(DISTINCT p.title) AS titles
RETURN a.name AS author, m.name AS method, size(titles) AS papers, titles[0..3] AS some_papers
ORDER BY papers DESC, author
LIMIT 25;
