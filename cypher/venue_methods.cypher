// What does a venue publish? The methods its papers propose or mention (the venue matched
// by name, ignoring case), most papers first.
// $params: venue
MATCH (v:Venue) WHERE toLower(v.name) = toLower($venue)
MATCH (p:Paper)-[:PUBLISHED_IN]->(v)
MATCH (p)-[:PROPOSES|MENTIONS]->(m:Method)
RETURN m.name AS method, v.name AS venue, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT 25;
