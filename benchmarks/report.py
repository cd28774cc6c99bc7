#!/usr/bin/env python3
"""Prints the table of benchmarks/run.sh from its results file.

    python3 benchmarks/report.py RESULTS.tsv [--markdown]

The results file has one `kind<TAB>key<TAB>value` line per fact: `info` (machine, date, commit), `param`
(sizes and settings of the invocation) and `sample` (one measurement of one run; a key repeats per run).
Each row shows the median of its samples with [min–max], the reference (also measured in the same invocation,
except fixed ideals and limits), the ratio of the two medians, the target and PASS/MISS.
"""
import statistics
import sys
from collections import defaultdict


def load(path):
    info, params, samples = {}, {}, defaultdict(list)
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) != 3:
                continue
            kind, key, value = parts
            if kind == "info":
                info[key] = value
            elif kind == "param":
                params[key] = value
            elif kind == "sample":
                samples[key].append(float(value))
    return info, params, samples


def number(x, digits=None):
    """1234.5 -> '1,234'; 12.34 -> '12.3'; 0.123 -> '0.123' (or a fixed number of decimals)."""
    if digits is not None:
        return f"{x:,.{digits}f}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def spread(values, unit="", scale=1.0, digits=None):
    """'1,234/s [1,200–1,300]' (median [min–max]); one value: '1,234/s (1 run)'."""
    v = [x * scale for x in values]
    med = number(statistics.median(v), digits) + unit
    if len(v) == 1:
        return med
    return f"{med} [{number(min(v), digits)}–{number(max(v), digits)}]"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv[1:]
    if len(args) != 1:
        sys.exit("usage: report.py RESULTS.tsv [--markdown]")
    info, p, s = load(args[0])

    def med(key):
        return statistics.median(s[key])

    def runs_label(key):
        n = len(s[key])
        return f"{n} run" + ("" if n == 1 else "s")

    concurrency = int(p.get("concurrency", 8))
    latency_ms = float(p.get("latency_ms", 50))
    ideal = concurrency / (latency_ms / 1000)
    rows = []  # (what, measured, reference, ratio, target, result)

    def judged(what, measured, reference, ratio, op, target):
        ok = {">=": ratio >= target, "<=": ratio <= target, "<": ratio < target}[op]
        sign = {">=": "≥", "<=": "≤", "<": "<"}[op]
        rows.append((what, measured, reference, f"{ratio:.2f}", f"{sign} {target:.2f}", "PASS" if ok else "MISS"))

    def info_row(what, measured, reference="", ratio=""):
        rows.append((what, measured, reference, ratio, "", "info"))

    if s.get("drain.rate"):
        n = int(p["drain"])
        settings = "default settings" if info.get("settings", "defaults") == "defaults" else info["settings"]
        what = f"1 drain: process-notifications, {n:,} queued, 0 ms, {settings} ({runs_label('drain.rate')})"
        judged(what, spread(s["drain.rate"], "/s"), "DB floor, same SQL via pgbench: " + spread(s["floor.rate"], "/s"),
               med("drain.rate") / med("floor.rate"), ">=", 0.75)
        info_row("  the same drain vs the sandbox's capacity",
                 spread(s["drain.rate"], "/s") + f", at most {med('drain.max_in_flight'):.0f} in flight",
                 f"sandbox, wrk -t1 -c{concurrency} -d{p.get('wrk_duration', '5s')}: " + spread(s["sandbox.rate"], "/s"),
                 f"{med('drain.rate') / med('sandbox.rate'):.2f}")
        per = lambda key, sent: f"{med(key) / med(sent) * 1e6:,.0f} µs"
        judged("  drain: CPU s (user+sys) of cronjob vs PostgreSQL's in the same drain",
               spread(s["drain.cpu"], " s") + f" = {per('drain.cpu', 'drain.sent')}/notification",
               "postgres " + spread(s["drain.cpu_postgres"], " s") + f" = {per('drain.cpu_postgres', 'drain.sent')}/row; sandbox "
               + spread(s["drain.cpu_sandbox"], " s") + f" = {per('drain.cpu_sandbox', 'drain.sent')}",
               med("drain.cpu") / med("drain.cpu_postgres"), "<=", 0.7)
        info_row("  floor: postgres CPU s", spread(s["floor.cpu_postgres"], " s") + f" = {per('floor.cpu_postgres', 'floor.sent')}/row")
        info_row("  drain: cronjob peak RSS", spread(s["drain.rss_kib"], " MiB", 1 / 1024))
        if s.get("drain_urlsession.rate"):
            info_row("  the same drain on URLSession (HTTP_TRANSPORT=urlsession)",
                     spread(s["drain_urlsession.rate"], "/s") + "; CPU " + spread(s["drain_urlsession.cpu"], " s")
                     + f" = {per('drain_urlsession.cpu', 'drain.sent')}/notification; RSS "
                     + spread(s["drain_urlsession.rss_kib"], " MiB", 1 / 1024),
                     "the default (SwiftNIO): " + spread(s["drain.rate"], "/s"),
                     f"{med('drain_urlsession.rate') / med('drain.rate'):.2f}")
    if s.get("latency.rate"):
        n = int(p["latency_notifications"])
        what = (f"2 latency-bound: process-notifications, {n:,} queued (~{n / ideal:.0f} s a run), {latency_ms:g} ms"
                f" ({runs_label('latency.rate')})")
        judged(what, spread(s["latency.rate"], "/s") + f", at most {med('latency.max_in_flight'):.0f} in flight", f"ideal {concurrency} / {latency_ms / 1000:g} s = {ideal:,.0f}/s",
               med("latency.rate") / ideal, ">=", 0.9)
    if s.get("payments.rate"):
        n = int(p["payments"])
        what = f"3 sync-payments: {n:,} pending, {latency_ms:g} ms, all approved ({runs_label('payments.rate')})"
        info_row(what, spread(s["payments.rate"], "/s"), f"ideal {concurrency} / {latency_ms / 1000:g} s = {ideal:,.0f}/s",
                 f"{med('payments.rate') / ideal:.2f}")
        info_row("  sync-payments: CPU (user+sys), peak RSS",
                 spread(s["payments.cpu"], " s") + f" = {med('payments.cpu') / n * 1e6:,.0f} µs/payment, "
                 + spread(s["payments.rss_kib"], " MiB", 1 / 1024))
    if s.get("cold.cronjob_ms"):
        what = f"4 cold start: cronjob run notify-upload, nothing to do ({len(s['cold.cronjob_ms'])} runs each)"
        judged(what, spread(s["cold.cronjob_ms"], " ms"), "psql -c 'select 1': " + spread(s["cold.psql_ms"], " ms"),
               med("cold.cronjob_ms") / med("cold.psql_ms"), "<=", 1.5)
        if s.get("cold.cronjob_version_ms"):
            info_row("  process start alone: cronjob --version", spread(s["cold.cronjob_version_ms"], " ms"),
                     "psql --version: " + spread(s["cold.psql_version_ms"], " ms"),
                     f"{med('cold.cronjob_version_ms') / med('cold.psql_version_ms'):.2f}")
    if s.get("memory.rss_kib"):
        n = int(p["memory_notifications"])
        what = f"5 memory: peak RSS draining {n:,} queued, 0 ms ({runs_label('memory.rss_kib')})"
        judged(what, spread(s["memory.rss_kib"], " MiB", 1 / 1024), "limit 64 MiB", med("memory.rss_kib") / 1024 / 64, "<", 1.0)
        info_row("  memory: the same drain's rate, CPU", spread(s["memory.rate"], "/s") + ", " + spread(s["memory.cpu"], " s"))

    header = ("benchmark", "measured: median [min–max]", "reference", "ratio", "target", "result")
    for key in ("date", "host", "commit", "binary", "settings", "postgres", "swift"):
        if key in info:
            print(f"{key + ':':<10} {info[key]}")
    print(f"{'load:':<10} {info.get('load_start', '?')} at the start, {info.get('load_end', '?')} at the end"
          f" (1/5/15 min); total {info.get('wall_total', '?')}")
    if p.get("quick") == "1":
        print("QUICK MODE: small sizes, one run; a smoke test of the script, not figures to quote")
    print()
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            print("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    else:
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        print(line(header))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print(line(row))
    print()
    print("ratio: median ÷ the reference's median. Rows 1, 3, 5: rate = rows the run completed ÷ the cronjob process's"
          " wall time (start to exit); CPU and RSS of the cronjob process from GNU time.")
    misses = sum(1 for r in rows if r[5] == "MISS")
    if misses:
        print(f"{misses} target(s) missed.")


if __name__ == "__main__":
    main()
