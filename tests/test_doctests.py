"""Run the doctests of kg.extractors, whose folder (extractors/) pytest's doctest
collection never reaches: it is installed as kg.extractors but lives outside kg/.
The doctests of kg/ itself are collected by pytest (``testpaths``)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.extractors


def _modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(kg.extractors.__path__, "kg.extractors."))


def test_every_extractor_module_is_found():
    names = _modules()
    assert "kg.extractors.learned" in names and "kg.extractors.names" in names


@pytest.mark.parametrize("name", _modules())
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) of {name} failed"
