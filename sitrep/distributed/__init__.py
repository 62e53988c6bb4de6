"""Scale-out: the same pipeline on a Dask cluster (issue 9).

The core stays one pure function, ``sitrep.pipeline.annotate_batch``; this package only
decides *where* it runs: partitions of the input (a WARC file, a jsonl line range, a
group of small files) become Dask tasks, each worker loads the model once, and each task
writes its own Parquet files partitioned by publication date. See
``docs/scaleout.md`` for running against a multi-machine cluster.

    from sitrep.distributed import ingest_dask
    summary = ingest_dask(["cc-news/*.warc.gz"], out_dir="out", scheduler="tcp://host:8786")
"""

from __future__ import annotations

from .output import PartitionWriter, canonical_json, iter_output_keyed, iter_partition, read_output, read_partition, write_partition
from .partitions import Partition, iter_partition_documents, plan_partitions
from .runner import connect, ingest_dask, load_store
from .task import WarmPipeline, annotate_partition, iter_annotated, run_partition

__all__ = [
    "ingest_dask", "connect", "load_store",
    "Partition", "plan_partitions", "iter_partition_documents",
    "annotate_partition", "iter_annotated", "run_partition", "WarmPipeline",
    "canonical_json", "iter_output_keyed", "iter_partition", "read_output", "read_partition", "PartitionWriter", "write_partition",
]
