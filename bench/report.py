"""Figures, their ratios to the same run's baselines, and the three outputs: a table, JSON, a PNG.

A `Figure` is one number the run measured, with the baseline it is divided by (measured in
the same run, so the noise of a shared 2-core machine cancels as far as it can) and the target
of issue 6 it is checked against — on the ratio or on the absolute value.
"""

from __future__ import annotations

import json
import math
import operator
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path

_OPS = {">=": operator.ge, "<=": operator.le}


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; nan for no values."""
    if not values:
        return math.nan
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ratio(value: float | None, base: float | None) -> float | None:
    if value is None or base is None or base == 0 or math.isnan(value) or math.isnan(base):
        return None
    return value / base


@dataclass(frozen=True)
class Target:
    op: str            # ">=" or "<="
    threshold: float
    on: str = "value"  # "value" or "ratio"

    def __str__(self) -> str:
        return f"{'ratio' if self.on == 'ratio' else ''}{self.op} {self.threshold:g}".strip()

    def met(self, value: float | None, r: float | None) -> bool | None:
        x = r if self.on == "ratio" else value
        if x is None or math.isnan(x):
            return None
        return _OPS[self.op](x, self.threshold)


@dataclass
class Figure:
    key: str
    label: str
    value: float | None
    unit: str
    baseline: str | None = None       # the baseline figure's key
    baseline_value: float | None = None
    target: Target | None = None
    note: str = ""
    ratio: float | None = field(default=None, init=False)
    met: bool | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.ratio = ratio(self.value, self.baseline_value)
        self.met = self.target.met(self.value, self.ratio) if self.target else None


def _fmt(x: float | None, unit: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if abs(x) >= 1000:
        s = f"{x:,.0f}"
    elif abs(x) >= 100:
        s = f"{x:.0f}"
    elif abs(x) >= 10:
        s = f"{x:.1f}"
    else:
        s = f"{x:.3g}"
    return f"{s} {unit}".strip()


def table(figures: list[Figure]) -> str:
    """A plain-text table: figure, value, baseline, ratio, target, met."""
    head = ("figure", "value", "baseline (same run)", "ratio", "target", "met")
    rows = [head]
    for f in figures:
        base = f"{f.baseline} = {_fmt(f.baseline_value)}" if f.baseline else ""
        met = {True: "yes", False: "NO", None: ""}[f.met]
        rows.append((f.label, _fmt(f.value, f.unit), base, f"{f.ratio:.2f}×" if f.ratio is not None else "",
                     str(f.target) if f.target else "", met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> dict:
    import os

    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["memory_gib"] = round(int(Path("/proc/meminfo").read_text().split()[1]) / 2**20, 1)
    except OSError:
        pass
    return info


def to_json(figures: list[Figure], *, meta: dict, raw: dict) -> str:
    out = {"meta": meta, "figures": [{**asdict(f), "target": str(f.target) if f.target else None} for f in figures],
           "raw": raw}
    return json.dumps(out, indent=2, default=lambda o: None if isinstance(o, float) and math.isnan(o) else str(o))


def chart(sweeps: dict[str, list[dict]], path: Path, title: str = "") -> None:
    """Throughput (requests/s) and latency (p50, p99) against connections, one line per server."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), constrained_layout=True)
    for name, points in sweeps.items():
        conns = [p["connections"] for p in points]
        left.plot(conns, [p["rps"] for p in points], marker="o", label=name)
        line, = right.plot(conns, [p["p99_ms"] for p in points], marker="o", label=f"{name} p99")
        right.plot(conns, [p["p50_ms"] for p in points], marker=".", linestyle="--", color=line.get_color(),
                   label=f"{name} p50")
    for ax in (left, right):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("keep-alive connections")
        ax.set_xticks([1, 4, 16, 64, 128], labels=["1", "4", "16", "64", "128"])
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    left.set_ylabel("requests/s (single-event POST)")
    left.set_ylim(bottom=0)
    right.set_ylabel("latency, ms")
    right.set_yscale("log")
    if title:
        fig.suptitle(title, fontsize=10)
    fig.savefig(path, dpi=110)
    plt.close(fig)
