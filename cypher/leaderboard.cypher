// The leaderboard of a dataset: every reported value on it, with its metric, unit,
// method and paper, best first within each metric and unit, as `kg analyze leaderboards`
// ranks them: changes against a baseline (the units in change_units: "2.2x", "+1.5
// points", "+2.0% over MoCo") left out, lower values first for the metrics where lower is
// better (the words in lower_words, unless one in higher_despite: "error reduction").
// Ties go to the earlier paper. Keep the lists equal to kg/analysis/leaderboards.py's RELATIVE_UNITS,
// LOWER_IS_BETTER and HIGHER_DESPITE (tests/analysis/test_leaderboards.py checks).
// $params: dataset
WITH ['x', 'points', '% change'] AS change_units,
     ['error', 'errors', 'err', 'error rate', 'wer', 'cer', 'ter', 'eer', 'mae', 'mse', 'rmse', 'mape', 'loss', 'nll', 'negative log likelihood', 'perplexity', 'ppl', 'bits per dimension', 'bpd', 'bpc', 'fid', 'fvd', 'kid', 'lpips', 'distance', 'chamfer', 'divergence', 'kl', 'latency', 'runtime', 'run time', 'time', 'inference time', 'training time', 'memory', 'peak memory', 'parameters', 'params', 'flops', 'macs', 'model size', 'cost', 'energy', 'regret', 'miss rate', 'false positive rate', 'fpr', 'fnr', 'false alarm rate', 'ade', 'fde', 'ate', 'rpe', 'drift', 'collision rate', 'collisions', 'violation', 'violations', 'mean rank', 'median rank', 'brier', 'ece', 'sample complexity'] AS lower_words,
     ['reduction', 'improvement', 'improvements', 'speedup', 'speed up', 'gain', 'gains', 'compression', 'saving', 'savings', 'throughput', 'fps'] AS higher_despite
MATCH (d:Dataset)
WHERE toLower(d.name) = toLower($dataset) OR any(a IN coalesce(d.aliases, []) WHERE toLower(a) = toLower($dataset))
MATCH (r:Result)-[:EVALUATED_ON]->(d)
WHERE r.value IS NOT NULL AND NOT coalesce(r.unit, '') IN change_units
MATCH (r)-[:MEASURED_BY]->(x:Metric)
OPTIONAL MATCH (m:Method)-[:ACHIEVES]->(r)
OPTIONAL MATCH (p:Paper)-[:REPORTS]->(r)
WITH r, x, p, min(m.name) AS method, lower_words, higher_despite,
     ' ' + replace(replace(toLower(x.name), '-', ' '), '_', ' ') + ' ' AS words
WITH r, x, p, method,
     any(w IN lower_words WHERE words CONTAINS ' ' + w + ' ')
     AND NOT any(w IN higher_despite WHERE words CONTAINS ' ' + w + ' ') AS lower
RETURN x.name AS metric, coalesce(r.unit, '') AS unit, method, r.value AS value, p.name AS paper,
       NOT lower AS higher_is_better
ORDER BY metric, unit, CASE WHEN lower THEN r.value ELSE -r.value END, p.year, r.paper, r.id;
