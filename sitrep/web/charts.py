"""Chart geometry computed on the server: numbers only, drawn as inline SVG by templates.

Server-side geometry keeps the pages readable without JavaScript, makes the charts
testable in plain pytest, and keeps the CSP at ``script-src 'self'`` with no inline code.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Optional

GOLDSTEIN_MAX = 10.0  # the Goldstein scale runs -10 (most conflictual) .. +10


def _next_period(period: str, by: str) -> Optional[str]:
    try:
        if by == "week":
            y, w = period.split("-W")
            d = dt.date.fromisocalendar(int(y), int(w), 1) + dt.timedelta(days=7)
            iso = d.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}"
        if by == "month":
            y, m = (int(x) for x in period.split("-")[:2])
            return f"{y + m // 12}-{m % 12 + 1:02d}"
        if by == "day":
            return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None
    return None


def fill_gaps(periods: list[dict], by: str, max_periods: int = 120) -> list[dict]:
    """Insert the empty periods between the store's non-empty ones, so the x axis is time.

    A quiet week is information (a bar of 0, no Goldstein dot). When the span is longer
    than ``max_periods`` (say, a 2022 story among 2025 ones) the gaps are left out rather
    than drawing hundreds of empty slots.
    """
    if len(periods) < 2:
        return list(periods)
    out: list[dict] = []
    for cur, nxt in zip(periods, periods[1:]):
        out.append(cur)
        p = _next_period(str(cur.get("period")), by)
        while p is not None and p < str(nxt.get("period")):
            out.append({"period": p, "events": 0, "goldstein_mean": None})
            if len(out) > max_periods:
                return list(periods)
            p = _next_period(p, by)
    out.append(periods[-1])
    return out


def dyad_chart(periods: list[dict], width: int = 760, height: int = 300, pad: int = 44) -> dict:
    """Bars = events per period (left axis); line + dots = mean Goldstein (right axis, -10..10)."""
    plot_w, plot_h = width - 2 * pad, height - 2 * pad
    n = len(periods)
    top = max([int(p.get("events") or 0) for p in periods] + [1])
    slot = plot_w / max(n, 1)
    bar_w = max(2.0, slot * 0.6)
    mid_y = pad + plot_h / 2
    bars, points = [], []
    for i, p in enumerate(periods):
        count = int(p.get("events") or 0)
        x = pad + i * slot + (slot - bar_w) / 2
        h = plot_h * count / top
        bars.append({"x": round(x, 1), "y": round(pad + plot_h - h, 1), "w": round(bar_w, 1), "h": round(h, 1),
                     "count": count, "period": str(p.get("period"))})
        g = p.get("goldstein_mean")
        if g is not None:
            g = max(-GOLDSTEIN_MAX, min(GOLDSTEIN_MAX, float(g)))
            points.append({"x": round(pad + i * slot + slot / 2, 1), "y": round(mid_y - (plot_h / 2) * g / GOLDSTEIN_MAX, 1),
                           "g": round(g, 2), "period": str(p.get("period"))})
    step = max(1, math.ceil(n / 10))  # at most ~10 period labels
    labels = [{"x": round(pad + i * slot + slot / 2, 1), "text": str(p.get("period"))}
              for i, p in enumerate(periods) if i % step == 0]
    return {
        "width": width, "height": height, "pad": pad, "plot_w": plot_w, "plot_h": plot_h,
        "bars": bars, "points": points, "labels": labels, "max_count": top, "mid_y": round(mid_y, 1),
        "line": " ".join(f"{pt['x']},{pt['y']}" for pt in points),
        "bottom": pad + plot_h, "right": pad + plot_w,
    }


def network_layout(net: dict, size: int = 640, margin: int = 90) -> dict:
    """Circular layout: nodes on a ring by weight, edges as straight arrows.

    A circle is deterministic (the same data always looks the same, screenshots compare)
    and readable for the few dozen actors a corpus has at the top.
    """
    nodes = sorted(net.get("nodes") or [], key=lambda n: (-(n.get("weight") or 0), str(n.get("id"))))
    cx = cy = size / 2
    radius = size / 2 - margin
    wmax = max([n.get("weight") or 0 for n in nodes] + [1])
    pos: dict[str, dict] = {}
    out_nodes = []
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        r = 6 + 14 * math.sqrt((n.get("weight") or 0) / wmax)
        node = {"id": str(n.get("id")), "label": str(n.get("label") or n.get("id")), "weight": n.get("weight") or 0,
                "x": round(x, 1), "y": round(y, 1), "r": round(r, 1),
                # Labels sit outside the ring, anchored away from the centre.
                "lx": round(cx + (radius + r + 8) * math.cos(angle), 1),
                "ly": round(cy + (radius + r + 8) * math.sin(angle) + 4, 1),
                "anchor": "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle")}
        pos[node["id"]] = node
        out_nodes.append(node)
    edges = []
    emax = max([e.get("weight") or 0 for e in net.get("edges") or []] + [1])
    for e in net.get("edges") or []:
        a, b = pos.get(str(e.get("source"))), pos.get(str(e.get("target")))
        if a is None or b is None or a is b:
            continue
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        d = math.hypot(dx, dy) or 1.0
        # Stop the line at the target's rim so the arrow head stays visible.
        edges.append({"source": a["id"], "target": b["id"], "weight": e.get("weight") or 0,
                      "x1": a["x"], "y1": a["y"],
                      "x2": round(b["x"] - dx / d * (b["r"] + 3), 1), "y2": round(b["y"] - dy / d * (b["r"] + 3), 1),
                      "w": round(1 + 5 * (e.get("weight") or 0) / emax, 1)})
    return {"size": size, "nodes": out_nodes, "edges": edges}


def fmt_num(x: Optional[float]) -> str:
    return "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:.2f}")
