"""The Cypher files kg ships: the schema (schema.cypher) and the named queries of `kg query`.

Installed as package data of ``kg.cypher``; the folder stays at the top of the checkout.
"""
