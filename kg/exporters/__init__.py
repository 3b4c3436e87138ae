"""Exporters: write a kg graph to other systems (Neo4j)."""
