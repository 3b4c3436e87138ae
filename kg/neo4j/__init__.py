"""Talk to Neo4j: the connection, the Cypher files and named queries."""
