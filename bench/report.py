"""A measured figure beside its target and OpenSID's figure; printed as a table and saved as JSON."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Figure:
    key: str
    label: str
    unit: str                      # "s", "ms", "req/s" or "%"
    higher_is_better: bool
    target: float | None           # None: reported, no target set
    opensid: float | None = None   # OpenSID's figure from design/BENCHMARKS.md, same unit
    opensid_text: str | None = None
    samples: list[float] = field(default_factory=list)
    spread_kind: str = "range"     # "range" (min-max of repeated runs) or "iqr" (of all single requests)
    error: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def value(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def spread(self) -> tuple[float, float] | None:
        if not self.samples:
            return None
        if self.spread_kind == "iqr" and len(self.samples) >= 4:
            q1, _, q3 = statistics.quantiles(self.samples, n=4, method="inclusive")
            return q1, q3
        return min(self.samples), max(self.samples)

    @property
    def ratio(self) -> float | None:
        """How many times better than OpenSID (>1 means Balai is better)."""
        if self.opensid is None or not self.value:
            return None
        return self.value / self.opensid if self.higher_is_better else self.opensid / self.value

    @property
    def result(self) -> str:
        if self.error or self.value is None:
            return "ERROR"
        if self.target is None:
            return "reported"
        ok = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "pass" if ok else "FAIL"

    def as_dict(self) -> dict:
        spread = self.spread
        return {
            "key": self.key, "figure": self.label, "unit": self.unit, "value": self.value,
            "spread": {"kind": "IQR" if self.spread_kind == "iqr" and len(self.samples) >= 4 else "min-max",
                       "low": spread[0], "high": spread[1]} if spread else None,
            "samples": self.samples, "n": len(self.samples),
            "target": self.target, "target_is": ">=" if self.higher_is_better else "<=",
            "opensid": self.opensid, "opensid_text": self.opensid_text, "ratio": self.ratio,
            "result": self.result, "error": self.error, "details": self.details,
        }


def _num(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.3f}"
    if unit == "s":
        return f"{value:.2f}"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def _measured(fig: Figure) -> str:
    if fig.error or fig.value is None:
        return "-"
    text = f"{_num(fig.value, fig.unit)} {fig.unit}"
    low, high = fig.spread
    kind = "IQR " if fig.spread_kind == "iqr" and len(fig.samples) >= 4 else ""
    if len(fig.samples) > 1:
        text += f" ({kind}{_num(low, fig.unit)}-{_num(high, fig.unit)}, n={len(fig.samples)})"
    else:
        text += " (n=1)"
    return text


def table(figures: list[Figure]) -> str:
    head = ("figure", "Balai: median (spread)", "target", "OpenSID", "ratio", "result")
    rows = [head]
    for fig in figures:
        target = "—" if fig.target is None else \
            f"{'>=' if fig.higher_is_better else '<='} {_num(fig.target, fig.unit)} {fig.unit}"
        opensid = fig.opensid_text or (f"{_num(fig.opensid, fig.unit)} {fig.unit}" if fig.opensid else "-")
        ratio = f"{fig.ratio:.1f}x" if fig.ratio else "-"
        rows.append((fig.label, _measured(fig), target, opensid, ratio, fig.result))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for fig in figures:
        if fig.error:
            lines.append(f"  ! {fig.label}: {fig.error}")
    return "\n".join(lines)


def write_json(path: Path, meta: dict, figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "figures": [f.as_dict() for f in figures]}, indent=2) + "\n")
