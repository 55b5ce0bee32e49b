"""Operational metrics, kept in Redis so that every process on every host adds to the same figures.

Why not prometheus-client's multiprocess mode: rq runs each job in a work horse forked for that job,
and multiprocess mode keeps files per process id, so a worker leaves new files behind at every job
(tens of thousands a day at bank volume) that each scrape must read. Here a job adds its figures to one
Redis hash per queue (one pipelined round trip, never failing the job), and ``/metrics`` renders that
hash, plus gauges read at scrape time (queue depth, files by state), in the Prometheus text format.
Every web instance shows the same cluster-wide totals: scrape one, or aggregate with ``max``.

Recording is process-wide, like logging: :func:`bind` once at the process's entry point (``docproc
worker``); until then, and without Redis (``docproc check``), recording does nothing.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)
PREFIX = "docproc_"
# Seconds: a text-layer read takes ~0.05 s, an OCR'd page a few seconds, a big scanned file minutes.
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)
HISTOGRAMS = {
    "job_seconds": "Seconds a job spent in each stage (read, extract, check).",
    "ocr_page_seconds": "Seconds of reading per page of files read by OCR (the read time shared by its pages).",
}
COUNTERS = {
    "checks_total": "Check results by verdict (pass, fail, missing, review, not_applicable, ...), counted at every checklist made.",
    "webhook_failures_total": "Webhook delivery attempts that failed (a non-2xx answer, a refusal or a network error).",
}
PEAKS = {
    "worker_peak_rss_bytes": "The largest resident memory (ru_maxrss) a worker's job process has reached, in bytes.",
}
# Keep the larger of the recorded value and the new one, in one step (several workers record at once).
_MAX_SCRIPT = """
local now = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > now then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
"""
_lock = threading.Lock()
_sink: dict[str, Any] = {}


def metrics_key(queue_name: str) -> str:
    """The Redis hash holding the figures of one queue's deployment."""
    return f"docproc:metrics:{queue_name}"


def bind(redis_url: str | None, queue_name: str) -> None:
    """Record this process's figures in Redis at ``redis_url`` (None: record nothing)."""
    with _lock:
        _sink.clear()
        if redis_url:
            from redis import Redis

            _sink.update(conn=Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2),
                         key=metrics_key(queue_name))


def bound() -> bool:
    """Whether figures recorded now go anywhere."""
    return bool(_sink)


def _field(name: str, labels: Mapping[str, str], suffix: str = "") -> str:
    return f"{name}{suffix}|{json.dumps(dict(sorted(labels.items())), separators=(',', ':'))}"


def _add(increments: Iterable[tuple[str, float]]) -> None:
    sink = dict(_sink)
    if not sink:
        return
    try:
        with sink["conn"].pipeline(transaction=False) as pipe:
            for field, amount in increments:
                pipe.hincrbyfloat(sink["key"], field, amount)
            pipe.execute()
    except Exception as exc:  # a figure is never worth a failed job (Redis may be restarting)
        log.debug("metrics not recorded: %s: %s", type(exc).__name__, exc)


def inc(name: str, labels: Mapping[str, str] | None = None, amount: float = 1.0) -> None:
    """Add ``amount`` to the counter ``name`` with ``labels``."""
    _add([(_field(name, labels or {}), amount)])


def inc_many(name: str, values: Iterable[Mapping[str, str]]) -> None:
    """Add one to the counter ``name`` for each label set in ``values`` (one round trip)."""
    _add([(_field(name, labels), 1.0) for labels in values])


def record_max(name: str, value: float, labels: Mapping[str, str] | None = None) -> None:
    """Keep ``value`` as the peak ``name`` when it is larger than the one recorded."""
    sink = dict(_sink)
    if not sink:
        return
    try:
        sink["conn"].eval(_MAX_SCRIPT, 1, sink["key"], _field(name, labels or {}), repr(float(value)))
    except Exception as exc:  # as _add: a figure is never worth a failed job
        log.debug("metrics not recorded: %s: %s", type(exc).__name__, exc)


def observe(name: str, seconds: float, labels: Mapping[str, str] | None = None, *, times: int = 1) -> None:
    """Record ``times`` observations of ``seconds`` in the histogram ``name``."""
    if times <= 0:
        return
    labels = labels or {}
    fields = [(_field(name, {**labels, "le": _le(bound_)}, "_bucket"), float(times))
              for bound_ in BUCKETS if seconds <= bound_]
    fields += [(_field(name, {**labels, "le": "+Inf"}, "_bucket"), float(times)),
               (_field(name, labels, "_sum"), seconds * times), (_field(name, labels, "_count"), float(times))]
    _add(fields)


def _le(value: float) -> str:
    return repr(float(value))


def read_recorded(conn: Any, queue_name: str) -> dict[str, float]:
    """Every recorded figure (field → value); a handful of fields, whatever the volume processed."""
    raw = conn.hgetall(metrics_key(queue_name))
    return {(k.decode() if isinstance(k, bytes) else k): float(v) for k, v in raw.items()}


def families(recorded: Mapping[str, float], gauges: Mapping[str, tuple[str, Mapping[tuple[tuple[str, str], ...], float]]]
             ) -> list[Any]:
    """Prometheus metric families from the recorded figures and the gauges read at scrape time
    (gauge name → (help, {label pairs → value}))."""
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

    out: list[Any] = []
    for name, (help_text, values) in gauges.items():
        gauge = GaugeMetricFamily(PREFIX + name, help_text, labels=_label_names(values))
        for pairs, value in sorted(values.items()):
            gauge.add_metric([v for _k, v in pairs], value)
        out.append(gauge)
    parsed = [(field.split("|", 1)[0], json.loads(field.split("|", 1)[1]), value) for field, value in recorded.items()]
    for name, help_text in COUNTERS.items():
        rows = [(labels, value) for metric, labels, value in parsed if metric == name]
        counter = CounterMetricFamily(PREFIX + name, help_text, labels=sorted({k for labels, _ in rows for k in labels}))
        for labels, value in sorted(rows, key=lambda r: sorted(r[0].items())):
            counter.add_metric([labels[k] for k in sorted(labels)], value)
        out.append(counter)
    for name, help_text in PEAKS.items():
        rows = [(labels, value) for metric, labels, value in parsed if metric == name]
        peak = GaugeMetricFamily(PREFIX + name, help_text, labels=sorted({k for labels, _ in rows for k in labels}))
        for labels, value in sorted(rows, key=lambda r: sorted(r[0].items())):
            peak.add_metric([labels[k] for k in sorted(labels)], value)
        out.append(peak)
    for name, help_text in HISTOGRAMS.items():
        histogram = Metric(PREFIX + name, help_text, "histogram")
        for metric, labels, value in sorted(parsed, key=_sample_order):
            if metric.startswith(name + "_") and metric[len(name) + 1:] in ("bucket", "sum", "count"):
                histogram.add_sample(PREFIX + metric, labels, value)
        out.append(histogram)
    return out


def _sample_order(row: tuple[str, dict[str, str], float]) -> tuple[Any, ...]:
    metric, labels, _value = row
    rest = sorted((k, v) for k, v in labels.items() if k != "le")
    return rest, metric, float(labels.get("le", "inf"))


def _label_names(values: Mapping[tuple[tuple[str, str], ...], float]) -> list[str]:
    first = next(iter(values), ())
    return [k for k, _v in first]
