"""Training the shipped NER model: corpus conversion, static vectors, the training run.

Nothing here runs at extraction time; ``python -m training.train`` rebuilds
``extractors/model/`` from the gold data in ``../shared/data`` (see the README).
"""
