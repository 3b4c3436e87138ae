"""--jobs: the same extractions, in the same order, as one process."""


from kg.extract.parallel import extract_parallel
from kg.extract.pipeline import extract
from kg.read import read_papers

from repo_paths import SAMPLE


def test_two_processes_give_identical_output_in_order():
    papers, _ = read_papers([str(SAMPLE)])
    one = list(extract(papers))
    two = list(extract_parallel(papers, jobs=2, chunk=5))  # several chunks per worker
    assert [ex.paper.id for ex in two] == [p.id for p in papers]
    assert two == one


def test_one_job_is_the_plain_pipeline():
    papers, _ = read_papers([str(SAMPLE)])
    assert list(extract_parallel(papers[:3], jobs=1)) == list(extract(papers[:3]))
