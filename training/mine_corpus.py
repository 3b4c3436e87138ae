"""Mine entity NAMES and their TYPES from a corpus of paper abstracts (a dev tool).

Run from the repo root:

    python training/mine_corpus.py \
        --corpus ../shared/data/conf_abstracts/paperlists_abstracts.jsonl.gz --out extractors/data

It writes three files next to ``gazetteer.tsv`` (names, types, counts and rule names only:
never any abstract text):

- ``mined.tsv``           name, type, n_papers, rule: names the shipped lists lack;
- ``mined_conflicts.tsv`` name, mined_type, list_type, n_papers, votes, rule: mined names that
  ``gazetteer.tsv``/``curated.tsv`` list with another type (not overridden, for review);
- ``type_fixes.tsv``      name, old_type, new_type, evidence: list entries whose use in the
  corpus strongly contradicts their listed type (the TYPE-FIX rule below).

Evidence rules (each one function, each votes ``(name, type, rule)`` once per paper):

- ``rule_acronym``   "long form (ACR)" whose long form ends in a type-giving head noun
                     ("... network" -> Method, "... dataset" -> Dataset, "... error" -> Metric,
                     "... detection" -> Task); the ACRONYM is voted;
- ``rule_dataset``   "the X dataset", "on X and Y datasets", "X benchmark", "the X Corpus",
                     with X name-shaped -> Dataset;
- ``rule_method``    "X outperforms/achieves/surpasses", "we propose X,", "called/named/dubbed X"
                     and "X, a novel <head>" with X a coined name-shaped token -> Method (or the
                     type of the appositive's head noun);
- ``rule_metric``    "in terms of X", "X score of <number>", "<number>% X" with X name-shaped,
                     or a lowercase phrase ending in a metric head ("... error") -> Metric.

A name is kept when it has evidence in >= 2 distinct papers (>= 3 for Methods), >= 80 % of its
per-paper votes agree on one type, and it is not an everyday English word (wordfreq), a single
character, a number or a generic word ("Our", "Large-scale", "RGB-D"). Single-token Dataset
names must also be used mostly as nouns: a token usually followed by another noun ("EEG
signals", "MRI scans") is a modality or domain, not a named data set.

TYPE-FIX rule: every ``gazetteer.tsv`` name is counted in the corpus where a head noun of some
type follows it ("SGD optimizer", "3DMatch benchmark"); a name whose head-noun evidence (plus
the votes of the rules above) is >= 85 % another type, in >= 5 papers, is proposed for a fix.

TYPE-FIX by context (``ContextCounter``, ``context_fix``): every listed Method or Task name is
counted per paper in technique contexts ("using/with/via/apply/employ/adopt/leverage X", "based on
X", "X-based", "X is used/applied") and problem contexts ("address/tackle/solve X", "deal/cope
with X", "applied to X", "X task(s)/problem(s)/benchmark(s)"); "for X" is left out (it gives the
purpose of techniques and problems alike: "an algorithm for variational inference"). A name whose
contexts are >= 85 % the other type in >= 10 papers is proposed (Task -> Method: "Data
Augmentation", "Gaussian Processes"), never for a single ordinary word or a name whose head is a
kind of data ("knowledge graphs", "point clouds").

FRAGMENT rule (``find_fragments``, a second corpus pass): a mined Dataset name is dropped when,
among its uses that start a name, most go on into a longer listed or mined Dataset name or a
version ("CIFAR" -> "CIFAR-10", "VOC" -> "VOC 2007", "ILSVRC2012"; uses inside a longer name
that does not start with it, "PASCAL VOC", do not count as its own), or when it is only ever
seen inside longer names ("Newsgroups" of "20 Newsgroups"); and as a COLLECTION when most of
>= 10 own uses are "X datasets"/"X repository" not ending a list ("UCI datasets"). A longer name
equal to it but for a trailing "Dataset" ("Waymo Open Dataset") is the same name. Dropped names
go to ``mined_conflicts.tsv`` with list_type "-", the use counts and rule "fragment"/"collection".

Standard library + wordfreq only; plain regular expressions (no spaCy), one core: about 150 s
for the ~49k non-robotics abstracts of the 87k corpus (``--include-robotics`` adds IROS/ICRA/
RSS/CoRL). ``--limit N`` reads only the first N abstracts, for development.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as `python training/mine_corpus.py`: the checkout's root holds training/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.mining.fragments import find_fragments  # noqa: E402
from training.mining.rules import tokens  # noqa: E402
from training.mining.votes import (  # noqa: E402
    ContextCounter,
    TypeFixCounter,
    load_lists,
    merge_plurals,
    noun_use,
    paper_votes,
    read_papers,
    select,
)
from training.mining.words import CONCEPT, DEFAULT_CORPUS, HERE, TYPES, is_cap, is_strong, normalize  # noqa: E402

# TYPE-FIX by context: techniques listed as Tasks and problems listed as Methods

MIN_CONTEXT_PAPERS = 10
MIN_CONTEXT_SHARE = 0.85
# A name whose head is a kind of data is no technique, whatever "using X" says ("knowledge graphs").
DATA_HEADS = {"graph", "graphs", "series", "cloud", "clouds", "embedding", "embeddings", "image", "images", "video",
              "videos", "text", "texts", "data", "query", "queries", "map", "maps", "corpus", "corpora"}


def context_fix(name: str, old: str, ev: Counter) -> str | None:
    """The new type (Method or Task) for a listed Method/Task name whose technique/problem
    contexts are >= 85 % the other type in >= 10 papers; never for a single everyday word or a
    data noun ("point clouds")."""
    if old not in {"Method", "Task"} or (" " not in name and not is_strong(name)):
        return None
    if name.lower().split()[-1] in DATA_HEADS:
        return None
    new = "Task" if old == "Method" else "Method"
    total = ev["Method"] + ev["Task"]
    if total >= MIN_CONTEXT_PAPERS and ev[new] / total >= MIN_CONTEXT_SHARE:
        return new
    return None


def write_tsv(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Rules and filters: see the module docstring.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL(.gz) of papers with an 'abstract' field")
    ap.add_argument("--out", type=Path, default=HERE, help="folder for mined.tsv, mined_conflicts.tsv, type_fixes.tsv")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N (non-robotics) abstracts")
    ap.add_argument("--include-robotics", action="store_true", help="also mine IROS/ICRA/RSS/CoRL abstracts")
    args = ap.parse_args(argv)

    t0 = time.time()
    lexicon = load_lists()
    votes: dict[str, Counter] = defaultdict(Counter)  # name -> type -> papers
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    noun_counts: dict[str, list[int]] = {}
    long_forms: dict[str, Counter] = {}
    fixer = TypeFixCounter({k: v for k, v in lexicon.items() if v[1] != "-"})
    contexts = ContextCounter({k: v for k, v in lexicon.items() if v[1] in {"Method", "Task"}})
    n_papers = 0
    for _, text in read_papers(args.corpus, args.limit, args.include_robotics):
        n_papers += 1
        toks = tokens(text)
        paper = paper_votes(text, toks, long_forms)
        for name, type_ in {(n, t) for n, t, _ in paper}:
            votes[name][type_] += 1
        for name, type_, rule in paper:
            rules[(name, type_)].add(rule)
        noun_use(toks, noun_counts)
        fixer.add(toks)
        contexts.add(toks)
        if n_papers % 10000 == 0:
            print(f"{n_papers} papers, {time.time() - t0:.0f}s", file=sys.stderr)

    votes, rules, long_forms = merge_plurals(votes, rules, long_forms)
    kept = select(votes, rules, noun_counts, long_forms)
    new, agree, conflicts, denied = [], Counter(), [], 0
    norm_lexicon: dict[str, set[str]] = defaultdict(set)
    for name, type_ in lexicon.values():
        norm_lexicon[normalize(name)].add(type_)
    for name, type_, n, rule, n_agree, total, long_form in kept:
        listed = lexicon.get(name.casefold())
        if listed and listed[1] == "-":
            denied += 1
        elif listed and listed[1] == type_:
            agree[type_] += 1
        elif listed:
            conflicts.append((name, type_, listed[1], n, f"{n_agree}/{total}", rule))
        elif norm_lexicon.get(normalize(name)) and type_ not in norm_lexicon[normalize(name)]:
            conflicts.append((name, type_, "/".join(sorted(norm_lexicon[normalize(name)])), n, f"{n_agree}/{total}", rule))
        else:
            new.append((name, type_, n, rule, long_form))
    # FRAGMENT: a second pass over the corpus for the mined Dataset names
    dataset_names = {name for name, type_ in lexicon.values() if type_ == "Dataset"} | {r[0] for r in new if r[1] == "Dataset"}
    fragments = find_fragments(read_papers(args.corpus, args.limit, args.include_robotics),
                               [r[0] for r in new if r[1] == "Dataset"], dataset_names)
    for r in new:
        if r[0] in fragments:
            verdict, evidence = fragments[r[0]]
            conflicts.append((r[0], r[1], "-", r[2], evidence, verdict))
    new = [r for r in new if r[0] not in fragments]
    new.sort(key=lambda r: (r[1], -r[2], r[0].casefold()))
    conflicts.sort(key=lambda r: (-r[3], r[0].casefold()))

    # TYPE-FIX: head-noun evidence for listed names, plus the rules' votes for the same names
    fixes = []
    curated = {k for k, _ in load_lists(("curated.tsv",)).items()}
    for key, (name, old) in lexicon.items():
        if old == "-" or key in curated:
            continue  # curated.tsv types are deliberate
        context_type = context_fix(name, old, contexts.counts.get(key, Counter()))
        if context_type:
            ctx = contexts.counts[key]
            cues = ",".join(f"{c.split(':', 1)[1]}={n}" for c, n in contexts.cues[key].most_common(4))
            fixes.append((name, old, context_type, ctx[context_type], ctx["Method"] + ctx["Task"],
                          f"technique={ctx['Method']} problem={ctx['Task']} ({cues})"))
            continue
        if " " not in name and not is_strong(name):
            continue  # one ordinary word ("memory", "Prediction"): head nouns after it say little
        ev = Counter(fixer.counts.get(key, {}))
        for vname in {name, name.upper(), name.casefold()}:
            for t, c in votes.get(vname, {}).items():
                if t != CONCEPT:
                    ev[t] += c
        if old == "Task":
            ev.pop("Method", None)  # "object detection network" describes a network for the task
            if not is_strong(name.split()[0]):
                ev.pop("Dataset", None)  # "segmentation datasets": data for the task
        if old != "Dataset" and not any(is_strong(w) or is_cap(w) for w in name.split()):
            ev.pop("Dataset", None)  # "reinforcement learning benchmarks" is a description
        total = sum(ev.values())
        if total < 5:
            continue
        new_type, n = ev.most_common(1)[0]
        if new_type != old and n >= 5 and n / total >= 0.85:
            fixes.append((name, old, new_type, n, total, " ".join(f"{t}={ev[t]}" for t in TYPES if ev[t])))
    fixes.sort(key=lambda r: (-r[3], r[0].casefold()))

    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "mined.tsv", ["name", "type", "n_papers", "rule", "long_form"], new)
    write_tsv(args.out / "mined_conflicts.tsv", ["name", "mined_type", "list_type", "n_papers", "votes", "rule"], conflicts)
    write_tsv(args.out / "type_fixes.tsv", ["name", "old_type", "new_type", "n_papers", "evidence_total", "evidence"],
              [(f[0], f[1], f[2], f[3], f[4], f[5]) for f in fixes])
    by_type = Counter(r[1] for r in new)
    conf_type = Counter(r[1] for r in conflicts)
    print(f"{n_papers} papers in {time.time() - t0:.0f}s; kept {len(kept)} names", file=sys.stderr)
    for t in TYPES:
        print(f"  {t:8s} new {by_type[t]:5d}  agreeing {agree[t]:5d}  conflicting {conf_type[t]:4d}", file=sys.stderr)
    print(f"  denied by curated.tsv: {denied}; type-fix proposals: {len(fixes)}; "
          f"fragments/collections dropped: {len(fragments)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
