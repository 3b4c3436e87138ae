"""The trained model's matrix multiplies through numpy's BLAS instead of thinc's blis.

Almost all of the model's time is a few large float32 matrix products (each batch of
64 abstracts multiplies about 16,000 token rows by the maxout weights). On the
development machine numpy's OpenBLAS does them 3-4 times faster than the blis kernels
thinc ships (87 against 23 GFLOP/s for 16,000 x 320 by 320 x 192, one thread), which
made the whole extraction about a third faster with the same output (README,
*Benchmarks*). Only ``gemm`` changes; every other array op stays thinc's.

BLAS runs on one thread (:func:`one_blas_thread`): kg scales by processes
(``--jobs``), and two BLAS threads per process would fight over the same cores.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import numpy
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


class BlasOps(NumpyOps):
    """thinc's NumpyOps with ``gemm`` done by ``numpy.matmul``."""

    name = "kg_blas"

    def gemm(self, x, y, *, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_blas_matmul(nlp: Language) -> None:
    """Give every layer of every trained component of ``nlp`` the :class:`BlasOps`."""
    ops = BlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops


def one_blas_thread() -> AbstractContextManager:
    """While in this context, BLAS libraries loaded in the process use one thread."""
    return threadpool_limits(limits=1, user_api="blas")
