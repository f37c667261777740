"""The local ingest on a Ray cluster: files in, Parquet shards out (``pip install foicompare[cluster]``).

Each chunk of a few dozen inputs is one Ray Data ``map_batches`` task that runs the very
function the local ingest runs (:func:`foicompare.ingest.process` then
:func:`foicompare.ingest.bundle_rows`: sniff → text → parse → topics → authority, with the
same per-document time budget and the same error rows) and writes that chunk's shards
(:mod:`foicompare.shards` describes the layout). A re-run skips every chunk whose manifest
exists, so a run that lost a worker, or the whole cluster, is finished by running it again.

>>> import foicompare, foicompare.distributed as fd                  # doctest: +SKIP
>>> fd.ingest(["corpus/"], "shards/", address="ray://head:10001")   # doctest: +SKIP
>>> ds = foicompare.open("shards/")  # read-only, DuckDB views    # doctest: +SKIP

Where Ray runs: ``address`` (or ``$RAY_ADDRESS``) names a running cluster
(``ray://host:10001`` through Ray Client, or ``auto`` on a cluster node); without one, a local
cluster of this machine's cores is started. Inputs are local paths (visible to every worker,
e.g. on a shared file system) or ``s3://``/``gs://`` URIs read through ``pyarrow.fs``; the
output folder is a path that every worker and the reader can see (a shared file system, or a
bucket mounted with e.g. mountpoint-s3 or gcsfuse).

The core library never imports this module (``import foicompare`` and ``foicompare --help``
work without Ray installed).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from foicompare import shards
from foicompare.budget import DEFAULT_SECONDS
from foicompare.parse import PARSER_VERSION
from foicompare.shards import ShardReport

__all__ = ["ingest", "init", "reparse"]

#: Ray's own switches for a quiet, loopback-only local cluster: no usage statistics, and every
#: process on 127.0.0.1 (Ray otherwise binds to the address of the default route)
LOCAL_CLUSTER_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
#: a local cluster on a busy machine: a slow heartbeat is not a dead node
LOCAL_SYSTEM_CONFIG = {"health_check_failure_threshold": 30, "health_check_timeout_ms": 30000}


def loopback_only() -> None:
    """Keep a local Ray cluster on 127.0.0.1 (call before ``ray.init``)."""
    for key, value in LOCAL_CLUSTER_ENV.items():
        os.environ.setdefault(key, value)
    if "ray._private.ray_constants" in sys.modules:  # read when Ray was imported
        sys.modules["ray._private.ray_constants"].ENABLE_RAY_CLUSTER = False


def init(
    address: str | None = None, *, num_cpus: int | None = None, **kwargs: Any
) -> dict[str, Any]:
    """Connect to the Ray cluster at ``address`` (or ``$RAY_ADDRESS``), or start a local one.

    A local cluster listens on 127.0.0.1 only, without the dashboard or usage statistics,
    with ``num_cpus`` worker slots (default: every core). Does nothing when Ray is already
    initialised. Returns Ray's context information.
    """
    address = address or os.environ.get("RAY_ADDRESS")
    if not address:
        loopback_only()
    import ray

    if ray.is_initialized():
        return {"address": "already initialised"}
    if address:
        ctx = ray.init(address=address, log_to_driver=False, **kwargs)
    else:
        ctx = ray.init(
            num_cpus=num_cpus,
            include_dashboard=False,
            _node_ip_address="127.0.0.1",
            _system_config=LOCAL_SYSTEM_CONFIG,
            log_to_driver=False,
            configure_logging=False,
            **kwargs,
        )
    return dict(ctx.address_info) if hasattr(ctx, "address_info") else {}


def _ingest_batch(
    batch: dict[str, Any], *, out: str, doc_timeout: float | None
) -> dict[str, list[Any]]:
    """One Ray Data batch of chunks → their shards; returns one summary row per chunk."""
    import json

    summaries = [
        shards.ingest_chunk(out, str(c), json.loads(str(u)), doc_timeout=doc_timeout)
        for c, u in zip(batch["chunk"], batch["units"], strict=True)
    ]
    return {k: [s[k] for s in summaries] for k in summaries[0]} if summaries else {}


def _reparse_batch(
    batch: dict[str, Any], *, out: str, parser_version: str, doc_timeout: float | None
) -> dict[str, list[Any]]:
    import json

    summaries = [
        shards.reparse_chunk(
            out,
            str(c),
            json.loads(str(u)),
            parser_version=parser_version,
            doc_timeout=doc_timeout,
        )
        for c, u in zip(batch["chunk"], batch["units"], strict=True)
    ]
    return {k: [s[k] for s in summaries] for k in summaries[0]} if summaries else {}


def _run(
    chunks: list[dict[str, Any]],
    fn: Callable[..., dict[str, list[Any]]],
    fn_kwargs: dict[str, Any],
    report: ShardReport,
    progress: Callable[[int], None] | None,
) -> None:
    if not chunks:
        return
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ds = ray.data.from_items(chunks, override_num_blocks=len(chunks))
    mapped = ds.map_batches(
        fn,
        batch_size=1,
        batch_format="numpy",
        fn_kwargs=fn_kwargs,
        num_cpus=1,
    )
    # A worker that dies mid-chunk: Ray runs the task again elsewhere (or the run fails and
    # the next run redoes it); the chunk's files are written under the same names, and only
    # its manifest, written last, makes them count.
    for row in mapped.iter_rows():
        report.add(row)
        if progress:
            progress(1)


def ingest(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    chunk_size: int = shards.CHUNK_SIZE,
    doc_timeout: float | None = DEFAULT_SECONDS,
    progress: Callable[[int], None] | None = None,
) -> ShardReport:
    """Ingest ``paths`` on a Ray cluster into Parquet shards under ``out``.

    Inputs already in a finished chunk of ``out`` are skipped; the rest are cut into chunks
    of ``chunk_size`` and run as Ray Data tasks (see :func:`init` for ``address`` and
    ``num_cpus``). Open the result with ``foicompare.open(out)``, or load it into one DuckDB
    file with :func:`foicompare.shards.merge`.
    """
    started = time.perf_counter()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    out = os.path.abspath(out)
    units = list(shards.list_units(paths))
    chunks, skipped = shards.pending_chunks(out, units, chunk_size=chunk_size)
    report = ShardReport(skipped=skipped)
    if chunks:
        init(address, num_cpus=num_cpus)
        _run(chunks, _ingest_batch, {"out": out, "doc_timeout": doc_timeout}, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def reparse(
    out: str | os.PathLike[str],
    *,
    parser_version: str = PARSER_VERSION,
    address: str | None = None,
    num_cpus: int | None = None,
    doc_timeout: float | None = DEFAULT_SECONDS,
) -> ShardReport:
    """Parse the stored texts in ``out`` again, writing ``parser=<parser_version>`` shards
    beside the older versions' (which stay readable: ``open_shards(out, parser_version=...)``).

    Chunks already parsed at ``parser_version`` are skipped.
    """
    started = time.perf_counter()
    out = os.path.abspath(out)
    chunks, skipped = shards.reparse_tasks(out, parser_version)
    report = ShardReport(skipped=skipped, skipped_what="chunks")
    if chunks:
        init(address, num_cpus=num_cpus)
        kwargs = {"out": out, "parser_version": parser_version, "doc_timeout": doc_timeout}
        _run(chunks, _reparse_batch, kwargs, report, None)
    report.seconds = time.perf_counter() - started
    return report
