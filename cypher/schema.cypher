// Schema for kg graphs: a uniqueness constraint on `id` per label (also the lookup
// index every MERGE uses) and a full-text index over names and aliases.
// Applied by `kg export neo4j` before any data; every statement is idempotent.
// $params: none
CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KG) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_result_id IF NOT EXISTS FOR (n:Result) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_venue_id IF NOT EXISTS FOR (n:Venue) REQUIRE n.id IS UNIQUE;
CREATE FULLTEXT INDEX kg_names IF NOT EXISTS FOR (n:Paper|Method|Dataset|Metric|Task) ON EACH [n.name, n.aliases_text];
