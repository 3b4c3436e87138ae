"""Calibrate entity confidence on the kg_gold dev files, and choose the default cut.

    python benchmarks/calibrate.py                  # writes extractors/data/confidence.tsv
    python benchmarks/calibrate.py --dry-run        # prints the table and the sweep only

Every entity the default extractors (``all``) keep is judged against the gold of its
paper (a distinct name of a type is right when it matches a gold alias of that type,
wrong when it matches neither a gold alias nor an ``ok`` entry; ``ok`` names are left
out), and grouped by extractor choice (rules, model, all) and evidence
(:func:`extractors.confidence.evidence_group`: the component, the type, name-shaped or
plain). A group's calibrated confidence is its
precision with add-one smoothing, (right + 1) / (judged + 2). Then the headline F1 of
each dev file is printed for a sweep of ``--min-score`` cuts, so the default can be
chosen on them. Reads ``../shared/data/kg_gold`` (or ``$KG_DATA_DIR``).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from kg.eval.gold import GOLD_FILES, load_gold_set, normalize_gold_name, score_gold
from kg.extract.confidence import keep_confident
from kg.extract.pipeline import extract
from kg.extractors import build_pipeline
from kg.extractors.confidence import CONFIDENCE_FILE, evidence_group, load_confidence
from kg.extractors.extensions import Candidate
from kg.model import EXTRACTOR_CHOICES
from kg.resolve import resolve

CUTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def judge(nlp, papers) -> tuple[Counter, Counter]:
    """Right and judged counts per evidence group."""
    right, judged = Counter(), Counter()
    resolved, _ = resolve(extract([p.to_paper() for p in papers], nlp))
    for paper, ex in zip(papers, resolved):
        for e in ex.entities:
            keys = {normalize_gold_name(e.name), normalize_gold_name(e.text)}
            typed = set().union(*(g.keys for g in paper.entities if g.type == e.type))
            if keys & typed:
                verdict = True
            elif keys & paper.ok:
                continue
            else:
                verdict = False
            group = evidence_group(Candidate(e.start, e.end, e.type, e.source, e.score), paper.abstract)
            judged[group] += 1
            right[group] += verdict
    return right, judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="Print only; don't write the table.")
    args = parser.parse_args()
    load_confidence.cache_clear()
    if not args.dry_run:
        CONFIDENCE_FILE.unlink(missing_ok=True)  # judging does not depend on scores; the sweep does
    sets = [load_gold_set(name) for name in GOLD_FILES]
    rows = []
    for extractors in EXTRACTOR_CHOICES:
        nlp = build_pipeline(extractors)
        right, judged = Counter(), Counter()
        for _, papers in sets:
            r, j = judge(nlp, papers)
            right.update(r)
            judged.update(j)
        by_source_type: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for group in sorted(judged):
            rows.append((extractors, *group, (right[group] + 1) / (judged[group] + 2), judged[group]))
            by_source_type[group[:2]][0] += right[group]
            by_source_type[group[:2]][1] += judged[group]
        rows += [(extractors, s, t, "*", (r + 1) / (n + 2), n) for (s, t), (r, n) in sorted(by_source_type.items())]
    print(f"{'extractors':<10} {'source':<20} {'type':<8} {'shape':<6} {'precision':>9} {'judged':>6}")
    for extractors, source, type_, shape, precision, n in rows:
        print(f"{extractors:<10} {source:<20} {type_:<8} {shape:<6} {precision:>9.2f} {n:>6}")
    if not args.dry_run:
        with open(CONFIDENCE_FILE, "w", encoding="utf-8") as fh:
            fh.write("# written by benchmarks/calibrate.py from the kg_gold dev files; see extractors/confidence.py\n")
            fh.write("extractors\tsource\ttype\tshape\tprecision\tjudged\n")
            for row in rows:
                fh.write("\t".join(map(str, row[:4])) + f"\t{row[4]:.3f}\t{row[5]}\n")
        print(f"wrote {CONFIDENCE_FILE}")
        load_confidence.cache_clear()
    nlp = build_pipeline("all")  # with the new table
    print("\nheadline micro F1 (Method, Dataset, Metric) by --min-score:")
    for name, papers in sets:
        resolved, _ = resolve(extract([p.to_paper() for p in papers], nlp))  # the default: all
        scores = [f"{cut:.1f}: {score_gold(papers, [keep_confident(ex, cut) for ex in resolved]).headline.f1:.3f}" for cut in CUTS]
        print(f"  {name:<14} " + "  ".join(scores))


if __name__ == "__main__":
    main()
