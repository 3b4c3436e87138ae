"""`kg viz --view entities|papers|leaderboard --dataset NAME` on a saved graph."""

from click.testing import CliRunner

from kg.cli import main
from kg.graph import save_graph


def _run(*args):
    return CliRunner().invoke(main, ["viz", *map(str, args)])


def test_viz_views_write_page_and_pictures(rich, tmp_path):
    save_graph(rich, tmp_path)
    result = _run(tmp_path, "--view", "entities", "-o", tmp_path / "e.html", "--png", tmp_path / "e.png")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"wrote {tmp_path / 'e.html'} (entities view: 4 nodes; ") and lines[0].endswith(" KB)")
    assert lines[1:] == [f"wrote {tmp_path / 'e.png'} (entities view: 4 nodes)", "4 papers folded into weighted edges"]
    assert (tmp_path / "e.png").read_bytes()[:4] == b"\x89PNG"
    result = _run(tmp_path, "--dataset", "imagenet-1k", "--svg", tmp_path / "l.svg")
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'l.svg'} (leaderboard view of ImageNet-1K: 6 nodes)" in result.output
    assert "<svg" in (tmp_path / "l.svg").read_text()


def test_viz_default_view_is_papers_for_a_small_graph(rich, tmp_path):
    save_graph(rich, tmp_path)
    result = _run(tmp_path, "--png", tmp_path / "p.png")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {tmp_path / 'p.png'} (papers view: ")


def test_viz_view_and_dataset_errors(rich, tmp_path):
    save_graph(rich, tmp_path)
    usage = _run(tmp_path, "--view", "leaderboard")
    assert usage.exit_code == 2 and "--view leaderboard needs --dataset NAME" in usage.output
    usage = _run(tmp_path, "--view", "papers", "--dataset", "ImageNet-1K")
    assert usage.exit_code == 2 and "--dataset is for --view leaderboard, not --view papers" in usage.output
    bad = _run(tmp_path, "--dataset", "ImageNet-2K")
    assert bad.exit_code == 1
    assert bad.output.startswith("kg: error: no dataset named 'ImageNet-2K' in the graph; did you mean ImageNet-1K?")


def test_viz_help_documents_the_views():
    out = CliRunner().invoke(main, ["viz", "--help"], terminal_width=200).output
    assert "--view [entities|papers|leaderboard]" in out and "--dataset NAME" in out
    assert "kg viz out --dataset ImageNet" in out
