"""The parts of training/mine_corpus.py, the corpus-mining tool: words, rules, votes, fragments."""
